"""Finding which product a shopper means from free text ("the trail runner", "跑鞋")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.facts import ProductFacts

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "a", "an", "and", "for", "of", "with", "in", "by", "my", "your"})


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


@dataclass(frozen=True)
class ProductMatch:
    product_id: str
    score: float


class ProductMatcher:
    """Scores products by how much of their name a text contains (English words, Chinese
    substrings). Ties break on the shorter name, so "mug" prefers "Cloud Mug" to a set."""

    def __init__(self, products: list[ProductFacts]) -> None:
        self._names = [(p.id, words(p.name_en), p.name_zh or "") for p in products]

    def best(self, text: str, minimum: float = 0.5) -> ProductMatch | None:
        matches = self.rank(text)
        return matches[0] if matches and matches[0].score >= minimum else None

    def rank(self, text: str) -> list[ProductMatch]:
        query = words(text)
        scored = []
        for product_id, name_words, name_zh in self._names:
            score = len(query & name_words) / len(name_words) if name_words else 0.0
            if name_zh and name_zh in text:
                score = max(score, 1.0)
            if score > 0:
                scored.append((score, -len(name_words), product_id))
        scored.sort(reverse=True)
        return [ProductMatch(pid, score) for score, _, pid in scored]
