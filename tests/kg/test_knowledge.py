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
