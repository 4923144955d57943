"""The hybrid retriever (a LangChain BaseRetriever) over graph and vectors."""

from langchain_core.retrievers import BaseRetriever

from ui.platform import Platform


def test_is_a_langchain_retriever_with_explanations(synced_platform: Platform) -> None:
    retriever = synced_platform.knowledge.retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("waterproof shoes under 100")
    assert docs
    for doc in docs[:3]:
        facts = synced_platform.knowledge.product(doc.metadata["product_id"])
        assert facts.attributes.get("waterproof") is True and facts.price <= 100
        assert "has waterproof=true" in doc.metadata["why"]
    assert "boot" in docs[0].page_content.lower(), "shoes ranks the rain boot first by meaning"


def test_meaning_plus_concepts_for_a_runner(synced_platform: Platform) -> None:
    docs = synced_platform.knowledge.retriever(k=4).invoke("a gift for a runner")
    top = [d.metadata for d in docs[:4]]
    assert all("matches concept gift-for-a-runner" in m["why"] for m in top)


def test_results_expand_through_graph_relations(synced_platform: Platform) -> None:
    docs = synced_platform.knowledge.retriever(k=3).invoke("insulated snow boots for winter")
    expanded = [d for d in docs[3:]]
    assert expanded, "related or bought-together products follow the direct hits"
    assert all(any(w.startswith(("often bought with", "similar to"))
                   for w in d.metadata["why"]) for d in expanded)
