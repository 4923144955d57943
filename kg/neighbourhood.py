"""A product's neighbourhood in the graph: the nodes one edge away, grouped by edge type.

Example::

    hood = neighbourhood(knowledge.graph, "fw-trail-runner", limit=24)
    hood.edges   # [("in_category", "category:footwear"), ..., ("has_value", "value:colour=black, blue")]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.graph import ProductGraph

EDGE_ORDER = {"in_category": 0, "made_by": 1, "has_tag": 2, "complements": 3, "similar_to": 4,
              "suits": 5, "has_value": 6}


@dataclass(frozen=True)
class Neighbourhood:
    product: str                      # the product's node, "product:<id>"
    edges: list[tuple[str, str]] = field(default_factory=list)  # (edge type, other node)
    more: int = 0                     # edges left out past the limit


def neighbourhood(graph: ProductGraph, product_id: str, limit: int = 24) -> Neighbourhood:
    """The product's edges both ways, most informative types first, at most ``limit``; an
    attribute's values share one node ("size=38, 39, 40")."""
    graph.product(product_id)  # NotFound for an unknown product
    node = f"product:{product_id}"
    raw = graph.graph
    found = {(key, other) for _, other, key in raw.out_edges(node, keys=True)}
    found |= {(key, other) for other, _, key in raw.in_edges(node, keys=True)}
    values: dict[str, list[str]] = {}
    for key, other in sorted(found):
        if key == "has_value" and "=" in other:
            attribute, value = label(other).split("=", 1)
            values.setdefault(attribute, []).append(value)
    grouped = {edge for edge in found if edge[0] != "has_value"}
    grouped |= {("has_value", f"value:{name}={', '.join(vals)}") for name, vals in values.items()}
    ranked = sorted(grouped, key=lambda edge: (EDGE_ORDER.get(edge[0], 9), edge[1]))
    return Neighbourhood(node, ranked[:limit], max(0, len(ranked) - limit))


def label(node: str) -> str:
    """A short label for a node id: "value:colour=black" -> "colour=black"."""
    return node.split(":", 1)[1] if ":" in node else node
