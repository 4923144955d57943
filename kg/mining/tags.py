"""Tag relationships from co-occurrence: normalised PMI with a support threshold.

NPMI(a, b) = log(p(a,b) / (p(a) p(b))) / -log p(a,b), in [-1, 1]; 0 is independence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class TagRelation:
    a: str
    b: str
    npmi: float
    evidence: int


def related_tags(tag_lists: Iterable[Iterable[str]], min_support: int = 3,
                 min_npmi: float = 0.1) -> list[TagRelation]:
    singles: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    total = 0
    for tags in tag_lists:
        unique = sorted(set(tags))
        total += 1
        singles.update(unique)
        pairs.update(combinations(unique, 2))
    relations = []
    for (a, b), count in pairs.items():
        if count < min_support:
            continue
        p_ab = count / total
        if p_ab >= 1.0:
            continue
        pmi = math.log(p_ab / ((singles[a] / total) * (singles[b] / total)))
        npmi = pmi / -math.log(p_ab)
        if npmi >= min_npmi:
            relations.append(TagRelation(a, b, round(npmi, 4), count))
    return sorted(relations, key=lambda r: (-r.npmi, r.a, r.b))
