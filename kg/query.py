"""The query API the agents use: facts, constraint search, related and complementary
products, and the path that relates two products.

Example::

    query = KnowledgeQuery(graph)
    query.search(query.parse("waterproof shoes under 100"))     # [SearchHit(...), ...]
    query.path("fw-trail-runner", "ap-running-socks")           # ["Trail Runner", "has_tag", ...]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.constraints import ConstraintParser, Constraints
from kg.facts import ProductFacts
from kg.graph import ProductGraph
from shopmind.errors import NotFound

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

    def facts(self, product_id: str) -> ProductFacts:
        return self.graph.product(product_id)

    def parse(self, text: str) -> Constraints:
        if self._parser is None:
            self._parser = ConstraintParser(self.graph)
        return self._parser.parse(text)

    def refresh(self) -> None:
        """Forget the phrase vocabulary after the graph changed."""
        self._parser = None

    def search(self, constraints: Constraints, limit: int = 20) -> list[SearchHit]:
        """Products meeting every hard constraint, ranked by soft matches then price."""
        candidates = self._hard_matches(constraints)
        nodes = self.graph.graph.nodes
        hits = []
        for node in candidates:
            data = nodes[node]
            price = data.get("price", 0.0)
            if constraints.price_max is not None and price > constraints.price_max:
                continue
            if constraints.price_min is not None and price < constraints.price_min:
                continue
            soft = [s for s in constraints.soft if self.graph.graph.has_edge(node, s)]
            if constraints.soft and not soft and (constraints.categories or constraints.values
                                                  ) == frozenset():
                continue
            hits.append((len(soft), -price, node, soft))
        hits.sort(reverse=True)
        return [SearchHit(node.split(":", 1)[1], float(n_soft),
                          _why(constraints, node_soft, price=-neg_price))
                for n_soft, neg_price, node, node_soft in hits[:limit]]

    def _hard_matches(self, constraints: Constraints) -> set[str]:
        pred = self.graph.graph.pred
        groups: list[set[str] | dict[str, object]] = []
        if constraints.categories:
            groups.append(self._in_categories(constraints.categories))
        groups += [pred[v] if v in pred else {} for v in constraints.values]
        if not groups:
            soft = [pred[s] for s in constraints.soft if s in pred]
            return {n for group in soft for n in group if n.startswith("product:")} if soft \
                else {n for n in pred if n.startswith("product:")}
        groups.sort(key=len)
        first, rest = groups[0], groups[1:]
        return {n for n in first if n.startswith("product:") and all(n in g for g in rest)}

    def _in_categories(self, categories: frozenset[str]) -> set[str]:
        """Products in any of the categories or their sub-categories (``is_a``)."""
        graph, found = self.graph.graph, set()
        stack = [c for c in categories if c in graph]
        seen = set(stack)
        while stack:
            category = stack.pop()
            for source in graph.predecessors(category):
                if source.startswith("product:"):
                    found.add(source)
                elif source.startswith("category:") and source not in seen:
                    seen.add(source)
                    stack.append(source)
        return found

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
        for u, v in zip(nodes, nodes[1:]):
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
    reasons += [f"has {v.split(':', 1)[1]}" for v in sorted(constraints.values)]
    reasons += [f"matches {s.replace(':', ' ')}" for s in sorted(soft)]
    if constraints.price_max is not None:
        reasons.append(f"price {price:.2f} <= {constraints.price_max:g}")
    if constraints.price_min is not None:
        reasons.append(f"price {price:.2f} >= {constraints.price_min:g}")
    return tuple(reasons)


def _unique(hits: list[SearchHit]) -> list[SearchHit]:
    seen: set[str] = set()
    return [h for h in hits if not (h.product_id in seen or seen.add(h.product_id))]
