"""Okapi BM25 (k1 = 1.5, b = 0.75), the lexical half of hybrid ranking."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

_TOKEN = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def tokens_with_pairs(text: str) -> list[str]:
    """Words, Chinese characters and each pair of neighbouring Chinese characters ("运费",
    "退货"): Chinese has no spaces, and a pair carries the meaning one character lacks."""
    found = tokens(text)
    han = [t for t in found if _HAN.match(t)]
    lowered = text.lower()
    pairs = [lowered[i:i + 2] for i in range(len(lowered) - 1)
             if _HAN.match(lowered[i]) and _HAN.match(lowered[i + 1])]
    return found + pairs if han else found


class BM25:
    """IDF from a corpus given once; scores any documents against a query."""

    def __init__(self, corpus: Sequence[str], k1: float = 1.5, b: float = 0.75,
                 tokenize: Callable[[str], list[str]] = tokens) -> None:
        self.tokenize = tokenize
        tokenised = [tokenize(d) for d in corpus] or [[]]
        self.k1, self.b = k1, b
        self.average = max(1.0, sum(map(len, tokenised)) / len(tokenised))
        frequency = Counter(t for doc in tokenised for t in set(doc))
        n = len(tokenised)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.unseen_idf = math.log(1 + (n + 0.5) / 0.5)

    def scores(self, query: str, documents: Sequence[str]) -> list[float]:
        terms = self.tokenize(query)
        return [self._score(terms, self.tokenize(d)) for d in documents]

    def rank(self, query: str, documents: Sequence[str]) -> list[int]:
        scores = self.scores(query, documents)
        return sorted(range(len(documents)), key=lambda i: -scores[i])

    def _score(self, terms: list[str], doc: list[str]) -> float:
        counts = Counter(doc)
        norm = self.k1 * (1 - self.b + self.b * len(doc) / self.average)
        return sum(self.idf.get(t, self.unseen_idf) * counts[t] * (self.k1 + 1) /
                   (counts[t] + norm) for t in terms if counts[t])
