"""Upserting or deleting one product updates graph and vectors together, without a rebuild;
GraphML export; nothing half-written after a failure."""

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.knowledge import KnowledgeBase
from kg.schema import LocalisedText
from tests.testing import product_row, settings_for
from ui.platform import Platform


@pytest.fixture
def knowledge(tmp_path: Path, synced_platform: Platform) -> KnowledgeBase:
    import shutil

    settings = settings_for(tmp_path / "var")
    shutil.copytree(synced_platform.settings.catalog_dir, settings.catalog_dir)
    kb = KnowledgeBase(settings, vectors=None)
    kb.vectors.embedding = synced_platform.knowledge.vectors.embedding  # share the loaded model
    kb.sync()
    return kb


def test_upsert_one_product_updates_graph_and_vectors(knowledge: KnowledgeBase) -> None:
    before = knowledge.vectors.count("products")
    row = product_row("fw-storm-sprinter", name=LocalisedText(en="Storm Sprinter"),
                      description=LocalisedText(en="A waterproof racing flat, 1.7 L of fun."),
                      attributes={"colour": ["yellow"]}, tags=["running"])
    knowledge.upsert_product(row)
    assert knowledge.vectors.count("products") == before + 1
    assert knowledge.product("fw-storm-sprinter").values("colour") == ["yellow"]
    edges = knowledge.graph.edges_of("product:fw-storm-sprinter", "has_value")
    assert ("value:waterproof=true", {"source": "text",
                                      "quote": "waterproof"}) in edges
    hit = knowledge.vectors.search("products", "yellow waterproof racing flat", 1)[0]
    assert hit.id == "fw-storm-sprinter"
    reopened = KnowledgeBase(knowledge.settings)
    assert reopened.product("fw-storm-sprinter").values("colour") == ["yellow"]


def test_delete_one_product_removes_it_everywhere(knowledge: KnowledgeBase) -> None:
    victim = knowledge.graph.products()[0].id
    knowledge.delete_product(victim)
    assert victim not in {p.id for p in knowledge.graph.products()}
    assert victim not in {h.id for h in knowledge.vectors.search("products", victim, 10)}
    assert all(victim not in u + v for u, v in knowledge.graph.graph.edges())
    assert victim not in {p.id for p in KnowledgeBase(knowledge.settings).graph.products()}


def test_graphml_export_round_trips(knowledge: KnowledgeBase, tmp_path: Path) -> None:
    path = knowledge.graph.export_graphml(tmp_path / "graph.graphml")
    loaded = nx.read_graphml(path)
    assert loaded.number_of_nodes() == knowledge.graph.graph.number_of_nodes()
    assert loaded.number_of_edges() == knowledge.graph.graph.number_of_edges()


def test_a_failed_write_leaves_nothing_half_written(knowledge: KnowledgeBase,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(row: object) -> list[object]:
        raise RuntimeError("disk full")

    count = KnowledgeBase(knowledge.settings).graph.stats()["product"]
    with pytest.raises(RuntimeError):
        knowledge.graph.upsert_products([product_row("half-a"), product_row("half-b")],
                                        extra=lambda r: explode(r) if r.id == "half-b" else [])
    assert KnowledgeBase(knowledge.settings).graph.stats()["product"] == count


def test_a_product_removed_from_the_file_leaves_graph_and_vectors(knowledge: KnowledgeBase
                                                                  ) -> None:
    path = knowledge.settings.catalog_dir / "products.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    removed = json.loads(lines[0])["id"]
    path.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    report = knowledge.sync()
    assert report.changed and report.products == len(lines) - 1
    assert removed not in {p.id for p in knowledge.graph.products()}
    assert knowledge.vectors.count("products") == len(lines) - 1


def test_a_products_file_change_keeps_the_products_added_one_by_one(
        knowledge: KnowledgeBase) -> None:
    """A merchant's uploaded product is in the graph, not in products.jsonl: a later change
    of the file removes what left the file and nothing else."""
    knowledge.upsert_product(product_row("zz-merchant-mug", name=LocalisedText(en="Merchant Mug")))
    path = knowledge.settings.catalog_dir / "products.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    removed = json.loads(lines[-1])["id"]
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert knowledge.sync().changed
    ids = {p.id for p in knowledge.graph.products()}
    assert "zz-merchant-mug" in ids and removed not in ids
    assert knowledge.vectors.count("products") == len(lines) - 1 + 1
