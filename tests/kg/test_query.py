"""Queries over the demo catalogue's knowledge graph: constraints, relations, paths."""

import networkx as nx
import pytest

from kg.query import KnowledgeQuery
from shopmind.errors import NotFound
from ui.platform import Platform


@pytest.fixture(scope="module")
def query(synced_platform: Platform) -> KnowledgeQuery:
    return synced_platform.knowledge.query


def test_hard_constraints_all_hold(query: KnowledgeQuery) -> None:
    constraints = query.parse("waterproof gear under 100")
    assert constraints.price_max == 100 and "value:waterproof=true" in constraints.values
    hits = query.search(constraints)
    assert hits
    for hit in hits:
        facts = query.facts(hit.product_id)
        assert facts.attributes.get("waterproof") is True and facts.price <= 100
        assert "has waterproof=true" in hit.why and any("<= 100" in w for w in hit.why)
    expected = {p.id for p in query.graph.products()
                if p.attributes.get("waterproof") is True and p.price <= 100}
    assert {h.product_id for h in query.search(constraints, limit=100)} == expected


def test_category_words_and_chinese(query: KnowledgeQuery) -> None:
    constraints = query.parse("防水 鞋 200元以内")
    assert constraints.price_max == 200
    assert "value:waterproof=true" in constraints.values
    assert "kind:shoes" in constraints.kinds  # 鞋 is a kind, rain boots included
    hits = query.search(constraints)
    assert hits and all(query.graph.graph.has_edge(f"product:{h.product_id}", k)
                        for h in hits for k in ["kind:boots"] if "boot" in h.product_id)
    for hit in hits:
        facts = query.facts(hit.product_id)
        assert facts.price <= 200 and facts.attributes.get("waterproof") is True
        kinds = {v for _, v, k in query.graph.graph.out_edges(f"product:{hit.product_id}",
                                                              keys=True) if k == "is_kind"}
        assert kinds & {"kind:running-shoes", "kind:boots", "kind:sneakers", "kind:sandals",
                        "kind:slides", "kind:shoes"}, (hit.product_id, kinds)


def test_concepts_rank_gift_for_a_runner(query: KnowledgeQuery) -> None:
    constraints = query.parse("a gift for a runner")
    assert "concept:gift-for-a-runner" in constraints.soft
    hits = query.search(constraints, limit=5)
    assert hits and all(query.graph.graph.has_edge(f"product:{h.product_id}",
                                                   "concept:gift-for-a-runner") or
                        "tag:gift" in {f"tag:{t}" for t in query.facts(h.product_id).tags}
                        for h in hits)


def test_related_and_complementary(query: KnowledgeQuery, synced_platform: Platform) -> None:
    pairs = query.graph.graph.edges(keys=True)
    a, b, _ = next(e for e in pairs if e[2] == "complements")
    first, second = a.split(":", 1)[1], b.split(":", 1)[1]
    assert second in [h.product_id for h in query.complementary(first)]
    assert first in [h.product_id for h in query.complementary(second)]
    similar = query.related(first)
    assert all(query.facts(h.product_id).category == query.facts(first).category
               for h in similar)


def test_path_between_two_products_is_readable(query: KnowledgeQuery) -> None:
    products = sorted(p.id for p in query.graph.products())
    steps = query.path(products[0], products[-1])
    assert steps[0] == query.facts(products[0]).name_en
    assert steps[-1] == query.facts(products[-1]).name_en
    assert len(steps) % 2 == 1 and all(s.startswith(("-", "<-")) for s in steps[1::2])
    with pytest.raises(NotFound):
        query.path(products[0], "no-such-product")


def test_mined_relations_exist_with_evidence(synced_platform: Platform) -> None:
    graph = synced_platform.knowledge.graph.graph
    by_type: dict[str, list[dict[str, object]]] = {}
    for _, _, kind, data in graph.edges(keys=True, data=True):
        by_type.setdefault(kind, []).append(data)
    for kind in ("related_tag", "complements", "similar_to", "alias_of", "suits", "is_a"
                 ) if "is_a" in by_type else ("related_tag", "complements", "similar_to",
                                                 "alias_of", "suits"):
        assert by_type.get(kind), kind
    assert all(int(d["evidence"]) >= 3 for d in by_type["related_tag"])  # type: ignore[call-overload]
    assert any(d.get("source") == "text" for d in by_type["has_value"]), "values mined from text"
    assert nx.has_path(graph, "alias:colour=黑色", "value:colour=black")
