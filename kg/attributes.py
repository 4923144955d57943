"""Ranking a product's attributes against a shopper's question ("should these get any sun?"
-> ``sunlight_exposure``), the way JIMI finds which fact answers a product question.

Hybrid: a dense ranking (cosine of local MiniLM sentence embeddings between the question and
each attribute written as text, "sunlight exposure: partial sun") and a lexical ranking
(BM25) are fused by reciprocal rank fusion, RRF(d) = sum 1 / (60 + rank(d)), with the usual
constant 60 (Cormack et al., SIGIR 2009), not tuned on any evaluation set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kg.bm25 import BM25
from kg.embeddings import MiniLMEmbedding

RRF_K = 60


@dataclass(frozen=True)
class RankedAttribute:
    name: str
    text: str
    score: float


def attribute_text(name: str, value: str) -> str:
    return f"{name.replace('_', ' ')}: {value}"


class AttributeRanker:
    """Ranks (attribute name, attribute text) candidates for a question, best first."""

    def __init__(self, embedding: MiniLMEmbedding | None = None,
                 lexical: BM25 | None = None) -> None:
        self.embedding = embedding or MiniLMEmbedding()
        self.lexical = lexical

    def rank(self, question: str, candidates: Sequence[tuple[str, str]]) -> list[RankedAttribute]:
        if not candidates:
            return []
        vectors = np.asarray(self.embedding([question, *[text for _, text in candidates]]))
        scores = self.scores(question, vectors[0], candidates, vectors[1:])
        ranked = [RankedAttribute(name, text, float(score))
                  for (name, text), score in zip(candidates, scores)]
        return sorted(ranked, key=lambda r: -r.score)

    def scores(self, question: str, question_vector: np.ndarray,
               candidates: Sequence[tuple[str, str]], vectors: np.ndarray,
               documents: Sequence[str] | None = None) -> np.ndarray:
        """RRF scores with embeddings computed beforehand; ``documents`` are the texts BM25
        reads (the candidate texts by default)."""
        texts = list(documents) if documents is not None else [t for _, t in candidates]
        lexical = self.lexical or BM25(texts)
        dense = np.asarray(vectors @ question_vector)
        sparse = np.asarray(lexical.scores(question, texts))
        return _rrf(dense) + _rrf(sparse)


def _rrf(scores: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(scores))
    ranks[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
    return np.asarray(1.0 / (RRF_K + ranks))
