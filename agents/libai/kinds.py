"""What Li Bai writes: kinds of text, tones, languages, and how long each kind may be.

Lengths are counted in characters (``len``) in both languages: a Chinese character, a
Latin letter, a digit and a punctuation mark each count one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from shopmind.errors import InvalidInput

Language = Literal["en", "zh"]
Kind = Literal["copy", "title", "headline", "subline", "bullet", "post", "hashtags"]
Tone = Literal["professional", "playful", "premium", "urgent"]

LANGUAGES: tuple[Language, ...] = get_args(Language)
KINDS: tuple[Kind, ...] = get_args(Kind)
TONES: tuple[Tone, ...] = get_args(Tone)

KIND_HELP = {
    "copy": "a marketing paragraph for the product page",
    "title": "a short product title for listings and search",
    "headline": "a hero-image (banner) headline",
    "subline": "the line under a banner headline",
    "bullet": "one selling-point bullet",
    "post": "a short recommendation post for a discovery feed",
    "hashtags": "a line of hashtags",
}


@dataclass(frozen=True)
class LengthLimit:
    low: int
    high: int

    def holds(self, text: str) -> bool:
        return self.low <= len(text) <= self.high


LIMITS: dict[tuple[Kind, Language], LengthLimit] = {
    ("copy", "en"): LengthLimit(150, 480), ("copy", "zh"): LengthLimit(50, 90),
    ("title", "en"): LengthLimit(12, 70), ("title", "zh"): LengthLimit(6, 20),
    ("headline", "en"): LengthLimit(8, 48), ("headline", "zh"): LengthLimit(4, 16),
    ("subline", "en"): LengthLimit(20, 100), ("subline", "zh"): LengthLimit(8, 32),
    ("bullet", "en"): LengthLimit(20, 110), ("bullet", "zh"): LengthLimit(6, 30),
    ("post", "en"): LengthLimit(120, 420), ("post", "zh"): LengthLimit(60, 160),
    ("hashtags", "en"): LengthLimit(10, 120), ("hashtags", "zh"): LengthLimit(6, 60),
}


def limit(kind: Kind, language: Language) -> LengthLimit:
    return LIMITS[(kind, language)]


def check_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise InvalidInput(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")
    return kind  # type: ignore[return-value]


def check_language(language: str) -> Language:
    if language not in LANGUAGES:
        raise InvalidInput(
            f"unknown language {language!r}: Li Bai writes {' and '.join(LANGUAGES)}")
    return language  # type: ignore[return-value]


def check_tone(tone: str) -> Tone:
    tone = {"urgent-sale": "urgent", "urgent_sale": "urgent", "sale": "urgent"}.get(tone, tone)
    if tone not in TONES:
        raise InvalidInput(f"unknown tone {tone!r}: choose one of {', '.join(TONES)}")
    return tone  # type: ignore[return-value]
