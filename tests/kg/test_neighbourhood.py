"""A product's neighbourhood: edges both ways, values grouped by attribute, capped."""

from __future__ import annotations

import pytest

from kg.neighbourhood import label, neighbourhood
from shopmind.errors import NotFound
from ui.platform import Platform


def test_the_neighbourhood_groups_values_and_ranks_the_category_first(
        synced_platform: Platform) -> None:
    graph = synced_platform.knowledge.graph
    product = next(p for p in graph.products() if len(p.values("colour")) >= 2)
    hood = neighbourhood(graph, product.id, limit=100)
    assert hood.edges[0] == ("in_category", f"category:{product.category}")
    colours = [label(node) for edge, node in hood.edges
               if edge == "has_value" and label(node).startswith("colour=")]
    assert len(colours) == 1  # one node for all the colours
    assert all(colour in colours[0] for colour in product.values("colour"))
    capped = neighbourhood(graph, product.id, limit=3)
    assert len(capped.edges) == 3 and capped.more == len(hood.edges) - 3
    with pytest.raises(NotFound):
        neighbourhood(graph, "no-such-product")
