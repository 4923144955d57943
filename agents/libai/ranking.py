"""Ranking: the caller gets the best ``n`` texts that passed the guards.

A text's quality is the weight of the selling points it grounds in, how well it sits in its
length range and where it came from (a clean chat-model text is preferred to the grammar's).
Picking is greedy: each round takes the text with the best quality plus a bonus for points
no picked text has covered yet and for wording no picked text has used yet (new bigrams);
near-duplicates of a picked text are dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from agents.libai.guards import NEAR_DUPLICATE, is_near_duplicate, signature
from agents.libai.kinds import LengthLimit

MODEL_BONUS = 0.5
NEW_POINT_BONUS = 0.3
NOVELTY_WEIGHT = 10.0
REUSE_PENALTY = 0.12


@dataclass(frozen=True)
class Scored:
    text: str
    source: str
    grounded: frozenset[str]
    quality: float


def quality(text: str, source: str, grounded: frozenset[str], scores: Mapping[str, float],
            length: LengthLimit) -> float:
    points = sorted((scores.get(a, 0.0) for a in grounded), reverse=True)
    weight = sum(score * 0.7 ** rank for rank, score in enumerate(points))
    target = length.low + 0.6 * (length.high - length.low)
    span = max(1.0, length.high - length.low)
    fit = 1.0 - min(1.0, abs(len(text) - target) / span)
    return weight + 0.5 * fit + (MODEL_BONUS if source == "model" else 0.0)


def pick(candidates: Sequence[Scored], n: int, language: str,
         duplicate_limit: float = NEAR_DUPLICATE) -> list[tuple[Scored, float]]:
    """The best ``n`` (with their final scores), diverse and without near-duplicates.

    Each round takes the candidate with the best quality, plus a bonus for points not yet
    covered and for the share of its bigrams no picked text has used, minus a little for
    every earlier pick that already leaned on the same points."""
    grams = [signature(c.text, language) for c in candidates]
    remaining = set(range(len(candidates)))
    picked: list[tuple[Scored, float]] = []
    uses: Counter[str] = Counter()
    used: set[tuple[str, str]] = set()
    while remaining and len(picked) < n:
        gains = {i: _gain(candidates[i], grams[i], uses, used) for i in remaining}
        best = max(remaining, key=lambda i: (gains[i], -i))
        remaining.discard(best)
        picked.append((candidates[best], round(gains[best], 4)))
        uses.update(candidates[best].grounded)
        used |= grams[best]
        remaining -= {i for i in remaining
                      if is_near_duplicate(grams[i], [grams[best]], duplicate_limit)}
    return picked


def _gain(candidate: Scored, grams: frozenset[tuple[str, str]], uses: Counter[str],
          used: set[tuple[str, str]]) -> float:
    """Quality, plus new points and new wording, minus points already leaned on."""
    fresh = sum(1 for a in candidate.grounded if a not in uses)
    repeats = sum(uses[a] for a in candidate.grounded)
    novelty = len(grams - used) / max(1, len(grams))
    return (candidate.quality + NEW_POINT_BONUS * fresh + NOVELTY_WEIGHT * novelty
            - REUSE_PENALTY * repeats)
