"""The knowledge base over the demo catalogue: real Chroma (embedded) and real embeddings."""

from pathlib import Path

import pytest

from kg.vectors import VectorIndex
from shopmind.errors import InvalidInput, NotFound
from ui.platform import Platform


def test_demo_catalogue_is_loaded_into_graph_and_vectors(synced_platform: Platform) -> None:
    knowledge = synced_platform.knowledge
    products = knowledge.graph.products()
    assert len(products) >= 60
    assert knowledge.vectors.count("products") == len(products)
    assert knowledge.vectors.count("faq") >= 18
    assert len({p.category for p in products}) >= 6


def test_faq_search_finds_by_meaning(synced_platform: Platform) -> None:
    hits = synced_platform.knowledge.vectors.search("faq", "how long until my money comes back", 3)
    assert hits[0].metadata["topic"] in ("refunds", "returns")
    hits = synced_platform.knowledge.vectors.search("faq", "can I pay with a credit card?", 1)
    assert hits[0].metadata["topic"] == "payment"
    with pytest.raises(InvalidInput, match="empty"):
        synced_platform.knowledge.vectors.search("faq", "   ")


def test_product_search_finds_by_meaning(synced_platform: Platform) -> None:
    hits = synced_platform.knowledge.vectors.search("products", "headphones for music", 3)
    categories = {synced_platform.knowledge.product(h.id).category for h in hits}
    assert "electronics_accessories" in categories


def test_find_product_by_name_words(synced_platform: Platform) -> None:
    knowledge = synced_platform.knowledge
    some = knowledge.graph.products()[5]
    assert knowledge.find_product(f"tell me about the {some.name_en.lower()}").id == some.id
    if some.name_zh:
        assert knowledge.find_product(f"{some.name_zh}有什么颜色").id == some.id
    with pytest.raises(NotFound):
        knowledge.find_product("a spaceship made of cheese")


def test_second_sync_does_nothing(synced_platform: Platform) -> None:
    assert synced_platform.knowledge.sync().changed is False


def test_embedded_chroma_persists(tmp_path: Path, synced_platform: Platform) -> None:
    settings = synced_platform.settings.model_copy(update={"data_dir": tmp_path})
    index = VectorIndex(settings, synced_platform.knowledge.vectors.embedding)
    from kg.schema import FaqRow, LocalisedText

    row = FaqRow(id="f1", topic="warranty", question=LocalisedText(en="Is there a warranty?"),
                 answer=LocalisedText(en="Two years."))
    index.index_faqs([row])
    reopened = VectorIndex(settings, synced_platform.knowledge.vectors.embedding)
    assert reopened.count("faq") == 1
    assert reopened.search("faq", "guarantee period", 1)[0].id == "f1"
    assert "embedded" in reopened.heartbeat()


def test_a_changed_kind_table_syncs_the_catalogue_again(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The graph's kinds come from ``kg.kinds``: a data folder synced under another kind table
    is mined again, not kept with the old kinds (phone cases once were plain cases)."""
    from kg import knowledge
    from kg.kinds import KINDS, Kind

    (tmp_path / "products.jsonl").write_text("")
    before = knowledge._catalog_digest(tmp_path)
    assert knowledge._catalog_digest(tmp_path) == before  # stable
    changed = {**KINDS, "test-kind": Kind("test-kind", "test kinds", "测试", None, ("testy",), ())}
    monkeypatch.setattr(knowledge, "KINDS", changed)
    assert knowledge._catalog_digest(tmp_path) != before
