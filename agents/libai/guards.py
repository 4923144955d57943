"""The guards every text passes, whoever wrote it: fact check, compliance, length; and the
near-duplicate filter that runs while the best texts are picked.

    guard = Guard(Evidence.of(product), "headline", "en")
    verdict = guard.review("Meet the Trail Runner GTX")
    verdict.ok, verdict.problems
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from agents.libai.compliance import compliance_problems
from agents.libai.factcheck import Evidence, FactChecker
from agents.libai.kinds import Kind, Language, limit

_WORDS = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_HAN = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]+|\d+(?:\.\d+)?")  # a Latin word is one unit
NEAR_DUPLICATE = 0.55
SHORT_NEAR_DUPLICATE = 0.8


@dataclass(frozen=True)
class Verdict:
    problems: tuple[str, ...]
    grounded: frozenset[str]

    @property
    def ok(self) -> bool:
        return not self.problems


class Guard:
    """Fact check + compliance + length for one product, kind and language."""

    def __init__(self, evidence: Evidence, kind: Kind, language: Language) -> None:
        self.facts = FactChecker(evidence)
        self.kind = kind
        self.language = language
        self.limit = limit(kind, language)

    def review(self, text: str) -> Verdict:
        problems: list[str] = []
        if not self.limit.holds(text):
            problems.append(f"length {len(text)} outside {self.limit.low}-{self.limit.high} "
                            f"for a {self.language} {self.kind}")
        problems += compliance_problems(text, self.language)
        report = self.facts.check(text, self.language)
        problems += report.problems
        return Verdict(tuple(problems), report.grounded)


def bigrams(text: str, language: str) -> list[tuple[str, str]]:
    """Word bigrams (English) or character bigrams (Chinese; a Latin word or a number inside
    Chinese text counts as one character), as distinct-2 counts them."""
    if language == "zh":
        units = _HAN.findall(text)
    else:
        units = _WORDS.findall(text.lower())
    return list(pairwise(units))


def signature(text: str, language: str) -> frozenset[tuple[str, str]]:
    return frozenset(bigrams(text, language))


def near_duplicate_limit(kind: str) -> float:
    """Short kinds share the product's name in every text, so they may overlap more."""
    return NEAR_DUPLICATE if kind in ("copy", "post") else SHORT_NEAR_DUPLICATE


def is_near_duplicate(candidate: frozenset[tuple[str, str]],
                      chosen: list[frozenset[tuple[str, str]]],
                      threshold: float = NEAR_DUPLICATE) -> bool:
    """Jaccard similarity of bigram sets at or above ``threshold``."""
    for other in chosen:
        union = len(candidate | other)
        if union == 0 or len(candidate & other) / union >= threshold:
            return True
    return False
