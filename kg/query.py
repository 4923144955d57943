"""The query API the agents use: facts, constraint search, related and complementary
products, and the path that relates two products.

Example::

    query = KnowledgeQuery(graph)
    query.search(query.parse("waterproof shoes under 100"))     # [SearchHit(...), ...]
    query.path("fw-trail-runner", "ap-running-socks")           # ["Trail Runner", "has_tag", ...]
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from kg.candidates import CandidateIndex
from kg.constraints import ConstraintParser, Constraints
from kg.facts import ProductFacts
from kg.graph import ProductGraph
from shopmind.errors import NotFound

SELECTIVE = 20_000  # posting lists up to this size are walked directly
PATH_EDGE_TYPES = frozenset({"in_category", "is_a", "made_by", "has_tag", "has_value", "suits",
                             "related_tag", "complements", "similar_to"})


@dataclass(frozen=True)
class SearchHit:
    product_id: str
    score: float
    why: tuple[str, ...]


class KnowledgeQuery:
    """Read-side queries over a ``ProductGraph`` (built lazily, cheap to keep)."""

    def __init__(self, graph: ProductGraph) -> None:
        self.graph = graph
        self._parser: ConstraintParser | None = None
        self._candidate_index: CandidateIndex | None = None

    def facts(self, product_id: str) -> ProductFacts:
        return self.graph.product(product_id)

    def parse(self, text: str) -> Constraints:
        if self._parser is None:
            self._parser = ConstraintParser(self.graph)
        return self._parser.parse(text)

    def refresh(self) -> None:
        """Forget the phrase vocabulary and candidate index after the graph changed."""
        self._parser = None
        self._candidate_index = None

    def search(self, constraints: Constraints, limit: int = 20) -> list[SearchHit]:
        """Products meeting every hard constraint, ranked by soft matches, then cheapest."""
        if constraints.empty:
            return []
        candidates = self._candidates(constraints, limit)
        if constraints.soft:
            ranked = self._by_soft_matches(constraints, candidates, limit)
        else:
            ranked = [(0, price, node, []) for price, node in heapq.nsmallest(limit, candidates)]
        return [SearchHit(node.split(":", 1)[1], float(-neg_soft), _why(constraints, soft, price))
                for neg_soft, price, node, soft in ranked]

    def _by_soft_matches(self, constraints: Constraints, candidates: list[tuple[float, str]],
                         limit: int) -> list[tuple[int, float, str, list[str]]]:
        """(-soft matches, price, node, soft matches), best first; without hard constraints
        a product must match something soft."""
        keep_unmatched = self._has_hard(constraints)
        sources = [(s, self.graph.sources(s)) for s in constraints.soft]
        scored = []
        for price, node in candidates:
            soft = [s for s, linked in sources if node in linked]
            if soft or keep_unmatched:
                scored.append((-len(soft), price, node, soft))
        return heapq.nsmallest(limit, scored)

    @staticmethod
    def _has_hard(constraints: Constraints) -> bool:
        return bool(constraints.categories or constraints.kinds or constraints.brands or
                    constraints.values or
                    constraints.price_max is not None or constraints.price_min is not None)

    def _candidates(self, constraints: Constraints, limit: int) -> list[tuple[float, str]]:
        """(price, product node) pairs meeting the hard constraints: all of them when the
        smallest group is selective, else the cheapest (more when soft matches rank them)."""
        index = self._index()
        groups = self._groups(constraints, index)
        low = constraints.price_min if constraints.price_min is not None else float("-inf")
        high = constraints.price_max if constraints.price_max is not None else float("inf")
        if groups and len(groups[0]) <= SELECTIVE:
            return index.matching(groups, low, high)
        return index.cheapest(groups, low, high, limit * 50 if constraints.soft else limit)

    def _groups(self, constraints: Constraints, index: CandidateIndex) -> list[Collection[str]]:
        groups: list[Collection[str]] = []
        if constraints.categories:
            groups.append(index.in_categories(constraints.categories))
        if constraints.kinds:
            groups.append(index.in_kinds(constraints.kinds))
        if constraints.brands:  # "voltra power banks": any of the brands named
            groups.append(frozenset().union(*(self.graph.sources(b) for b in constraints.brands)))
        groups += [self.graph.sources(v) for v in constraints.values]
        if not groups and constraints.soft:
            groups.append(set().union(*(self.graph.sources(s) for s in constraints.soft)))
        return sorted(groups, key=len)

    def _index(self) -> CandidateIndex:
        if self._candidate_index is None:
            self._candidate_index = CandidateIndex(self.graph)
        return self._candidate_index

    def products_of_kind(self, kind: str) -> list[str]:
        """Product ids of a kind node and its sub-kinds ("kind:headphones" has earbuds)."""
        return sorted(node.split(":", 1)[1] for node in self._index().in_kinds([kind]))

    def related(self, product_id: str, limit: int = 5) -> list[SearchHit]:
        """Similar products (mined ``similar_to``), then same-category products sharing tags."""
        node = self._node(product_id)
        hits = [SearchHit(other.split(":", 1)[1], float(data.get("weight", 0.0)),
                          ("similar tags and attributes",))
                for other, data in self.graph.edges_of(node, "similar_to")]
        hits.sort(key=lambda h: -h.score)
        return _unique(hits)[:limit]

    def complementary(self, product_id: str, limit: int = 5) -> list[SearchHit]:
        node = self._node(product_id)
        hits = [SearchHit(other.split(":", 1)[1], float(data.get("weight", 0.0)),
                          (f"bought together in {data.get('evidence', 0)} orders",))
                for other, data in self.graph.edges_of(node, "complements")]
        return sorted(_unique(hits), key=lambda h: -h.score)[:limit]

    def path(self, first: str, second: str) -> list[str]:
        """The shortest chain of relations between two products, as readable steps."""
        source, target = self._node(first), self._node(second)
        view = nx.subgraph_view(self.graph.graph, filter_edge=lambda u, v, k: k in PATH_EDGE_TYPES)
        try:
            nodes = nx.shortest_path(view.to_undirected(as_view=True), source, target)
        except nx.NetworkXNoPath:
            raise NotFound(f"nothing relates {first!r} and {second!r}") from None
        steps = [self._label(nodes[0])]
        for u, v in pairwise(nodes):
            steps += [self._relation(u, v), self._label(v)]
        return steps

    def _relation(self, u: str, v: str) -> str:
        graph = self.graph.graph
        if graph.has_edge(u, v):
            return f"-{next(iter(graph[u][v]))}->"
        return f"<-{next(iter(graph[v][u]))}-"

    def _label(self, node: str) -> str:
        data = self.graph.graph.nodes[node]
        return str(data.get("name_en") or data.get("label_en") or node)

    def _node(self, product_id: str) -> str:
        node = f"product:{product_id}"
        if node not in self.graph.graph:
            raise NotFound(f"unknown product {product_id!r}")
        return node


def _why(constraints: Constraints, soft: list[str], price: float) -> tuple[str, ...]:
    reasons = [f"in {c.split(':', 1)[1]}" for c in sorted(constraints.categories)]
    reasons += [f"is {k.split(':', 1)[1]}" for k in sorted(constraints.kinds)]
    reasons += [f"by {b.split(':', 1)[1]}" for b in sorted(constraints.brands)]
    reasons += [f"has {v.split(':', 1)[1]}" for v in sorted(constraints.values)]
    reasons += [f"matches {s.replace(':', ' ')}" for s in sorted(soft)]
    if constraints.price_max is not None:
        reasons.append(f"price {price:.2f} <= {constraints.price_max:g}")
    if constraints.price_min is not None:
        reasons.append(f"price {price:.2f} >= {constraints.price_min:g}")
    return tuple(reasons)


def _unique(hits: list[SearchHit]) -> list[SearchHit]:
    seen: set[str] = set()
    unique = []
    for hit in hits:
        if hit.product_id not in seen:
            seen.add(hit.product_id)
            unique.append(hit)
    return unique
