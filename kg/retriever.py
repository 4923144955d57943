"""Hybrid retrieval as a LangChain ``BaseRetriever``: vector hits from Chroma, hard
constraints from the graph ("waterproof", "under 100"), soft matches (tags, shopping
concepts, category words), then expansion through graph relations (similar products,
bought-together). Every document says why it matched.

Example::

    retriever = HybridRetriever(knowledge=knowledge, k=5)
    for doc in retriever.invoke("waterproof shoes under 100"):
        print(doc.metadata["product_id"], doc.metadata["why"])
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from kg.constraints import Constraints
from kg.query import KnowledgeQuery

VECTOR_WEIGHT, SOFT_WEIGHT, EXPANSION_DISCOUNT = 1.0, 0.15, 0.5


class HybridRetriever(BaseRetriever):
    """Products for a shopper's request, with an explanation per result."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    knowledge: Any  # kg.knowledge.KnowledgeBase (typed loosely to keep pydantic simple)
    k: int = 5
    expand: bool = True

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        kq: KnowledgeQuery = self.knowledge.query
        constraints = kq.parse(query)
        scored = self._score(query, constraints, kq)
        ranked = sorted(scored.items(), key=lambda item: -item[1][0])[: self.k]
        if self.expand:
            ranked = self._expand(ranked, kq)
        return [self._document(pid, score, why) for pid, (score, why) in ranked]

    def _score(self, query: str, constraints: Constraints, kq: KnowledgeQuery
               ) -> dict[str, tuple[float, list[str]]]:
        hard = bool(constraints.categories or constraints.values or
                    constraints.price_max is not None or constraints.price_min is not None)
        if hard:
            hits = kq.search(constraints, limit=500)
            similarity = self.knowledge.vectors.similarities(
                "products", query, [h.product_id for h in hits])
            return {h.product_id: (VECTOR_WEIGHT * similarity.get(h.product_id, 0.0) +
                                   SOFT_WEIGHT * h.score, [*h.why, "close in meaning"])
                    for h in hits}
        scored: dict[str, tuple[float, list[str]]] = {}
        for hit in self.knowledge.vectors.search("products", query, k=max(20, self.k * 4)):
            soft = [s for s in constraints.soft
                    if kq.graph.graph.has_edge(f"product:{hit.id}", s)]
            why = [f"matches {s.replace(':', ' ')}" for s in soft] + ["close in meaning"]
            scored[hit.id] = (VECTOR_WEIGHT * (1.0 - hit.distance) + SOFT_WEIGHT * len(soft), why)
        return scored

    def _expand(self, ranked: list[tuple[str, tuple[float, list[str]]]], kq: KnowledgeQuery
                ) -> list[tuple[str, tuple[float, list[str]]]]:
        seen = {pid for pid, _ in ranked}
        extra = []
        for pid, (score, _) in ranked[:2]:
            name = kq.facts(pid).name_en
            related = [(h, f"often bought with {name}") for h in kq.complementary(pid, 2)]
            related += [(h, f"similar to {name}") for h in kq.related(pid, 1)]
            for hit, why in related:
                if hit.product_id not in seen:
                    seen.add(hit.product_id)
                    extra.append((hit.product_id, (score * EXPANSION_DISCOUNT, [why])))
        return ranked + extra

    def _document(self, product_id: str, score: float, why: list[str]) -> Document:
        facts = self.knowledge.query.facts(product_id)
        content = f"{facts.name_en} ({facts.brand}, {facts.price:.2f} {facts.currency}): " \
                  f"{facts.description_en}"
        return Document(page_content=content, metadata={
            "product_id": product_id, "score": round(score, 4), "why": why,
            "category": facts.category, "price": facts.price})
