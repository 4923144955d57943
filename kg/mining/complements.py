"""Complements ("bought together") from co-purchases in orders, with lift and evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Complement:
    a: str
    b: str
    lift: float
    evidence: int


def complements(baskets: Iterable[Iterable[str]], min_support: int = 2) -> list[Complement]:
    singles: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    total = 0
    for basket in baskets:
        items = sorted(set(basket))
        if not items:
            continue
        total += 1
        singles.update(items)
        pairs.update(combinations(items, 2))
    found = [
        Complement(a, b, round(count * total / (singles[a] * singles[b]), 3), count)
        for (a, b), count in pairs.items() if count >= min_support
    ]
    return sorted(found, key=lambda c: (-c.evidence, -c.lift, c.a, c.b))
