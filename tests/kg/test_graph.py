from pathlib import Path

import networkx as nx
import pytest

from kg.graph import ProductGraph
from shopmind.errors import NotFound
from tests.testing import product_row


def test_upsert_builds_typed_nodes_and_edges(tmp_path: Path) -> None:
    graph = ProductGraph(tmp_path / "graph.sqlite")
    graph.upsert_products([product_row("p1"), product_row("p2", tags=["running"])])
    facts = graph.product("p1")
    assert facts.values("colour") == ["black", "red"]
    assert facts.name("zh") == "测试跑鞋"
    assert graph.products_with("tag:running") == ["p1", "p2"]
    assert graph.products_with("value:colour=red") == ["p1", "p2"]
    edge_types = {k for _, _, k in graph.graph.out_edges("product:p1", keys=True)}
    assert edge_types == {"in_category", "made_by", "has_tag", "has_value"}
    assert graph.stats()["product"] == 2


def test_graph_persists_in_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    ProductGraph(path).upsert_products([product_row("p1")])
    reopened = ProductGraph(path)
    assert reopened.product("p1").price == 80.0
    assert nx.has_path(reopened.graph, "product:p1", "category:footwear")


def test_upsert_replaces_a_products_relations(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    graph = ProductGraph(path)
    graph.upsert_products([product_row("p1")])
    graph.upsert_products([product_row("p1", attributes={"colour": ["green"]}, tags=["hiking"])])
    for view in (graph, ProductGraph(path)):
        assert view.product("p1").values("colour") == ["green"]
        assert view.products_with("tag:running") == []
        assert view.products_with("value:colour=green") == ["p1"]


def test_delete_product(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    graph = ProductGraph(path)
    graph.upsert_products([product_row("p1"), product_row("p2")])
    graph.delete_product("p1")
    with pytest.raises(NotFound, match="unknown product 'p1'"):
        ProductGraph(path).product("p1")
    assert ProductGraph(path).products_with("tag:running") == ["p2"]
    with pytest.raises(NotFound):
        graph.delete_product("p1")
