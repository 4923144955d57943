"""The candidate index finds what a brute-force scan finds, whichever way it walks."""

import pytest

from kg.candidates import CandidateIndex
from kg.graph import ProductGraph
from kg.synthetic import synthetic_products


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CandidateIndex:
    graph = ProductGraph(tmp_path_factory.mktemp("candidates") / "graph.sqlite")
    graph.upsert_products(synthetic_products(2000))
    return CandidateIndex(graph)


def brute_force(index: CandidateIndex, nodes: list[str], low: float, high: float,
                enough: int) -> list[tuple[float, str]]:
    graph = index.graph.graph
    found = sorted((graph.nodes[n]["price"], n) for n in graph if n.startswith("product:")
                   and all(g in graph.succ[n] for g in nodes if g.startswith("value:"))
                   and all(graph.nodes[n]["category_path"][0] == g.split(":")[1]
                           for g in nodes if g.startswith("category:"))
                   and low <= graph.nodes[n]["price"] <= high)
    return found[:enough]


@pytest.mark.parametrize(("nodes", "low", "high", "enough"), [
    (["value:waterproof=true"], 0, 400, 5),  # a broad group, few wanted: walks the prices
    (["category:kitchen"], 100, 400, 1),
    (["category:kitchen", "value:colour=red"], 50, 300, 1000),  # all wanted: walks the group
    (["value:waterproof=true", "value:material=wool"], float("-inf"), 120, 5),
    ([], 10, 20, 7),  # price alone
    (["value:colour=no-such-colour"], 0, 400, 20),
])
def test_cheapest_matches_a_scan(index: CandidateIndex, nodes: list[str], low: float,
                                 high: float, enough: int) -> None:
    groups = [index.in_categories([n]) if n.startswith("category:") else index.graph.sources(n)
              for n in nodes]
    groups.sort(key=len)
    expected = brute_force(index, nodes, low, high, enough)
    assert index.cheapest(groups, low, high, enough) == expected
    if groups:
        assert sorted(index.matching(groups, low, high))[:enough] == expected


def test_categories_include_sub_categories(index: CandidateIndex) -> None:
    kitchen = index.in_categories(["category:kitchen"])
    assert len(kitchen) == 100 and "product:syn-0000030" in kitchen  # kitchen-00 ... kitchen-09
    both = index.in_categories(["category:kitchen", "category:home-00"])
    assert len(both) == 110
    assert index.in_categories(["category:no-such-category"]) == frozenset()
