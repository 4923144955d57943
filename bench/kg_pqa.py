"""Attribute ranking on Amazon semiPQA dev: the project's ranker against BM25, same run.
Used by ``bench/kg.py``; runnable alone: ``python bench/kg_pqa.py``."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the repo root, not bench/ (bench/copy.py)

from kg.attributes import AttributeRanker, attribute_text
from kg.bm25 import BM25
from kg.embeddings import MiniLMEmbedding

_KEYS = re.compile(r"\b(value|values|standardized_values|normalized_value|unit|language_tag)\s*:")


def candidate(raw: str) -> tuple[str, str]:
    """``'color:  { value:"green/blue" }'`` -> ``("color", "color: green/blue")``."""
    name, _, inner = raw.partition(":")
    words = " ".join(re.sub(r'[{}\[\]",]', " ", _KEYS.sub(" ", inner)).split())
    return name.strip(), attribute_text(name.strip(), words)


def load(path: Path) -> list[dict[str, Any]]:
    """Questions with at least one correct attribute (the others cannot be scored)."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if r["positives"]]


def evaluate(rows: list[dict[str, Any]], embedding: MiniLMEmbedding) -> dict[str, float]:
    started = time.perf_counter()
    texts = sorted({candidate(c)[1] for r in rows for c in r["positives"] + r["negatives"]})
    vectors = dict(zip(texts, np.asarray(embedding(texts))))
    questions = np.asarray(embedding([r["question"] for r in rows]))
    bm25 = BM25([c for r in rows for c in r["positives"] + r["negatives"]])
    ranker = AttributeRanker(embedding, lexical=bm25)
    ours, base = [], []
    for row, question_vector in zip(rows, questions):
        raws = row["positives"] + row["negatives"]
        positives = set(range(len(row["positives"])))
        cands = [candidate(c) for c in raws]
        scores = ranker.scores(row["question"], question_vector, cands,
                               np.asarray([vectors[t] for _, t in cands]), documents=raws)
        ours.append(_first_hit(list(np.argsort(-scores, kind="stable")), positives))
        base.append(_first_hit(bm25.rank(row["question"], raws), positives))
    return {"pqa_p_at_1": _p1(ours), "pqa_mrr": _mrr(ours), "pqa_bm25_p_at_1": _p1(base),
            "pqa_bm25_mrr": _mrr(base), "pqa_questions": len(rows),
            "pqa_seconds": round(time.perf_counter() - started, 1)}


def _first_hit(order: list[int], positives: set[int]) -> int:
    return next(rank for rank, i in enumerate(order, start=1) if i in positives)


def _p1(ranks: list[int]) -> float:
    return round(sum(r == 1 for r in ranks) / len(ranks), 4)


def _mrr(ranks: list[int]) -> float:
    return round(sum(1 / r for r in ranks) / len(ranks), 4)


if __name__ == "__main__":
    from shopmind.settings import Settings

    data = Settings(_env_file=None).shared_data / "pqa" / "semipqa" / "semipqa_dev_grouped.jsonl"
    print(json.dumps(evaluate(load(data), MiniLMEmbedding()), indent=2))
