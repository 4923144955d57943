"""The products meeting a search's hard constraints, found fast on a large graph.

A constraint is a group of nodes (products in a category, products with a value); a product
must be in every group and within the price range. ``CandidateIndex`` keeps the products in
price order and every category's products (sub-categories included), built once from the
graph; membership tests run inside ``filter`` on plain sets and dicts, so a million-product
catalogue answers in milliseconds. ``KnowledgeQuery.refresh`` drops it when the graph changes.

Example::

    index = CandidateIndex(graph)
    index.cheapest([index.in_categories({"category:footwear"})], 0, 100, enough=20)
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice
from math import prod

from kg.graph import ProductGraph

Candidate = tuple[float, str]  # (price, product node)


class CandidateIndex:
    """Products by price, and products per category; read only."""

    def __init__(self, graph: ProductGraph) -> None:
        self.graph = graph
        products, categories = [], []
        for node, data in graph.graph.nodes(data=True):
            if data.get("type") == "product":
                products.append((float(data.get("price", 0.0)), node))
            elif data.get("type") == "category":
                categories.append(node)
        products.sort()
        self.prices = [price for price, _ in products]
        self.nodes = [node for _, node in products]
        self.price_of = {node: price for price, node in products}
        self._members = {c: self._members_of(c) for c in categories}

    def in_categories(self, categories: Iterable[str]) -> Collection[str]:
        """Products in any of the categories or their sub-categories (``is_a``)."""
        groups = [self._members.get(c) or self._members_of(c) for c in categories]
        return groups[0] if len(groups) == 1 else frozenset().union(*groups)

    def in_kinds(self, kinds: Iterable[str]) -> Collection[str]:
        """Products of any of the kinds or their sub-kinds (``kg.kinds``)."""
        return frozenset().union(*(self._walk_down(kind) for kind in kinds))

    def matching(self, groups: Sequence[Collection[str]], low: float, high: float
                 ) -> list[Candidate]:
        """Every product in all groups and in the price range; walks the first group."""
        price_of, found = self.price_of, []
        for node in _within(iter(groups[0]), groups[1:]):
            price = price_of.get(node)
            if price is not None and low <= price <= high:
                found.append((price, node))
        return found

    def cheapest(self, groups: Sequence[Collection[str]], low: float, high: float,
                 enough: int) -> list[Candidate]:
        """The ``enough`` cheapest products in all groups and the price range (ties by
        node), walking the smallest group or the price order, whichever tests fewer."""
        start, stop = bisect_left(self.prices, low), bisect_right(self.prices, high)
        if groups:
            share = prod(len(g) / max(len(self.nodes), 1) for g in groups)
            walked = min(stop - start, enough / share if share else float("inf"))
            if len(groups[0]) < walked:
                return heapq.nsmallest(enough, self.matching(groups, low, high))
        in_order = map(self.nodes.__getitem__, range(start, stop))
        price_of = self.price_of
        return [(price_of[node], node) for node in islice(_within(in_order, groups), enough)]

    def _members_of(self, category: str) -> Collection[str]:
        """A category's own edges where only products point to it (no copy), else the
        products of its whole sub-tree, built once (every category's, with the index)."""
        sources = self.graph.sources(category)
        if all(source.startswith("product:") for source in sources):
            return sources.keys()
        return frozenset(self._walk_down(category))

    def _walk_down(self, category: str) -> Iterator[str]:
        graph = self.graph.graph
        stack = [category] if category in graph else []
        seen = set(stack)
        prefix = category.split(":", 1)[0] + ":"  # categories hold categories, kinds kinds
        while stack:
            for source in self.graph.sources(stack.pop()):
                if source.startswith("product:"):
                    yield source
                elif source.startswith(prefix) and source not in seen:
                    seen.add(source)
                    stack.append(source)


def _within(nodes: Iterator[str], groups: Iterable[Collection[str]]) -> Iterator[str]:
    """The nodes that are in every group (lazily, each test a C-level lookup)."""
    for group in groups:
        nodes = filter(group.__contains__, nodes)
    return nodes
