"""FAQ answers by hybrid retrieval: MiniLM vectors (Chroma) and BM25, fused by rank.

The intent narrows the topic (a refund question is answered from the refunds FAQ), and the
two rankings are fused by reciprocal rank fusion, so an exact term ("Alipay", "运费") and
a paraphrase ("when do I get my money back") both find their answer.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.bm25 import BM25, tokens_with_pairs
from kg.catalog import read_jsonl
from kg.schema import FaqRow
from kg.vectors import VectorIndex
from shopmind.errors import InvalidInput

TOPICS = {
    "delivery_options": ("shipping",), "delivery_period": ("shipping",),
    "return_policy": ("returns", "warranty"), "get_refund": ("refunds", "returns"),
    "payment_issue": ("payment",), "membership_benefits": ("membership",),
    "warranty": ("warranty",),
}
RRF_K = 60
# the words of the FAQ's answers that a shopper's everyday word stands for
ZH_ALSO = {"寄": "快递网点取件", "钱": "退款", "坏": "保修故障"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


def faq_text(row: FaqRow) -> str:
    return " ".join(filter(None, (row.question.en, row.question.zh, row.answer.en,
                                  row.answer.zh)))


class FaqRetriever:
    """The best FAQ entry for a question, optionally within the topics of an intent."""

    def __init__(self, catalog_dir: Path, vectors: VectorIndex) -> None:
        self.catalog_dir = catalog_dir
        self.vectors = vectors
        self._rows: list[FaqRow] | None = None
        self._bm25: BM25 | None = None
        self._bm25_zh: BM25 | None = None

    def rows(self) -> list[FaqRow]:
        if self._rows is None:
            path = self.catalog_dir / "faq.jsonl"
            self._rows = read_jsonl(path, FaqRow).rows if path.is_file() else []
            self._bm25 = BM25([faq_text(r) for r in self._rows])
        return self._rows

    def best(self, question: str, intent: str | None = None) -> FaqRow | None:
        ranked = self.rank(question, intent)
        return ranked[0] if ranked else None

    def rank(self, question: str, intent: str | None = None) -> list[FaqRow]:
        rows = self.rows()
        topics = TOPICS.get(intent or "")
        pool = [r for r in rows if topics is None or r.topic in topics] or rows
        if not pool or not question.strip():
            return []
        assert self._bm25 is not None
        if _HAN.search(question):  # MiniLM reads English only: Chinese by words and pairs
            if self._bm25_zh is None:  # weights from every entry; long answers: less penalty
                self._bm25_zh = BM25([_zh_text(r) for r in rows], b=0.3, tokenize=tokens_with_pairs)
            texts = [_zh_text(r) for r in pool]
            asked = question + "".join(more for word, more in ZH_ALSO.items() if word in question)
            return [pool[i] for i in self._bm25_zh.rank(asked, texts)]
        lexical = self._bm25.rank(question, [faq_text(r) for r in pool])
        fused = {pool[i].id: 1.0 / (RRF_K + rank) for rank, i in enumerate(lexical, 1)}
        try:
            hits = self.vectors.search("faq", question, k=len(rows))
        except InvalidInput:
            hits = []
        in_pool = [h.id for h in hits if h.id in fused]
        for rank, faq_id in enumerate(in_pool, 1):
            fused[faq_id] += 1.0 / (RRF_K + rank)
        by_id = {r.id: r for r in pool}
        return [by_id[i] for i in sorted(fused, key=lambda i: -fused[i])]


def _zh_text(row: FaqRow) -> str:
    return " ".join(filter(None, (row.question.zh, row.answer.zh)))


def answer_of(row: FaqRow, language: str) -> str:
    return (row.answer.zh if language == "zh" else None) or row.answer.en
