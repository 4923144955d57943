"""What the two grammars share: the writing context, point rotation, template choice, fitting
a text to its length limit.

Variant ``i`` of a request leads with point ``i`` (mod the number of points), so twenty
variants walk through every selling point; the rest of its choices come from a random
generator seeded with the request and ``i``, so the same request always gives the same texts.
"""

from __future__ import annotations

import random
import re
import string
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from agents.libai import english
from agents.libai.kinds import Kind, Language, LengthLimit, Tone, limit
from agents.libai.nouns import Subject
from agents.libai.points import SellingPoint
from kg.facts import ProductFacts

_TITLE_SKIPS = frozenset({"brand", "publisher"})
_SHORT_SKIPS = _TITLE_SKIPS | {"size", "shoe_size"}
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}
_CAMPAIGN_ZH = (("back to school", "开学季"), ("black friday", "黑五"), ("gift guide", "礼物指南"),
                ("new year", "新年"), ("mother's day", "母亲节"), ("father's day", "父亲节"),
                ("singles day", "双11"), ("double 11", "双11"), ("christmas", "圣诞"),
                ("summer", "夏日"), ("winter", "冬季"), ("spring", "春季"), ("autumn", "秋季"),
                ("holiday", "假日"), ("sale", "大促"), ("campaign", "活动"), ("travel", "旅行季"),
                ("valentine's", "情人节"), ("launch", "上新"))


@dataclass
class Context:
    """Everything one request writes from."""

    product: ProductFacts
    subject: Subject
    points: list[SellingPoint]
    kind: Kind
    tone: Tone
    language: Language
    campaign: str | None = None
    sale: bool = False
    low_stock: bool = False
    seed: int = 0
    limit: LengthLimit = field(init=False)
    memo: dict[str, Any] = field(init=False, default_factory=dict)
    _key: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.limit = limit(self.kind, self.language)
        request = (f"{self.product.id}|{self.kind}|{self.tone}|{self.language}|{self.campaign}|"
                   f"{self.seed}")
        self._key = zlib.crc32(request.encode("utf-8"))

    def rng(self, index: int) -> random.Random:
        """The random choices of variant ``index``: the same request, the same text."""
        return random.Random(self._key * 1_000_003 + index)

    def price(self) -> str:
        amount = f"{self.product.price:.2f}".removesuffix(".00")
        if self.language == "zh":
            unit = {"USD": "美元", "CNY": "元", "EUR": "欧元"}.get(self.product.currency,
                                                               self.product.currency)
            return f"{amount}{unit}"
        symbol = _CURRENCY.get(self.product.currency)
        return f"{symbol}{amount}" if symbol else f"{amount} {self.product.currency}"

    def campaign_text(self) -> str | None:
        if not self.campaign or self.language == "en":
            return self.campaign
        return campaign_zh(self.campaign)


@dataclass(frozen=True)
class Draft:
    text: str
    attributes: tuple[str, ...]


def campaign_zh(campaign: str) -> str:
    """"summer sale" -> "夏日大促"; words with no Chinese here stay as they are."""
    text = campaign.lower()
    for english_words, chinese_words in _CAMPAIGN_ZH:
        text = text.replace(english_words, chinese_words)
    return re.sub(r"\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+", "", text)


def short_kind_skips(kind: str) -> frozenset[str]:
    """Attributes not worth a headline or subline (the maker, sizes); titles keep sizes."""
    return _TITLE_SKIPS if kind == "title" else _SHORT_SKIPS


def rotate(points: Sequence[SellingPoint], index: int, rng: random.Random, count: int
           ) -> list[SellingPoint]:
    """``count`` points for variant ``index``: point ``index`` first, then likely ones."""
    if not points or count <= 0:
        return []
    first = points[index % len(points)]
    rest = [p for p in points if p is not first]
    rest.sort(key=lambda p: -(0.5 + p.score) * rng.random())
    return [first, *rest[: count - 1]]


class _KeepMarkers(dict[str, str]):
    """Leaves agreement markers (``{s}``, ``{It}``) in place for :func:`english.agree`."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def slots(template: str) -> frozenset[str]:
    """The value slots of a template (agreement markers are not slots)."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return frozenset(names - english.MARKER_NAMES)


def choose(templates: Sequence[str], available: set[str] | frozenset[str],
           rng: random.Random) -> str | None:
    usable = [t for t in templates if slots(t) <= available]
    return rng.choice(usable) if usable else None


def fill(template: str, values: dict[str, str], rng: random.Random | None = None) -> str:
    """Slots filled from ``values``; ``[a|b]`` choices made with ``rng`` (first one without)."""
    if "[" in template:
        template = vary(template, rng)
    return template.format_map(_KeepMarkers(values)) if "{" in template else template


def vary(text: str, rng: random.Random | None) -> str:
    """Resolves inline choices: ``"[made|built] for you"`` -> ``"built for you"``."""
    if "[" not in text:
        return text
    return _CHOICE.sub(lambda m: _pick(_options(m.group(1)), rng), text)


@cache
def _options(body: str) -> tuple[str, ...]:
    return tuple(body.split("|"))


def _pick(options: tuple[str, ...], rng: random.Random | None) -> str:
    return rng.choice(options) if rng is not None else options[0]


def fit(head: list[str], extras: list[str], tail: list[str], glue: str,
        length: LengthLimit) -> str:
    """``head + extras + tail``, adding extras in order only while the text is still too
    short and only where they keep it within the limit."""
    body = list(head)
    for extra in extras:
        if len(glue.join(body + tail)) >= length.low:
            break
        if len(glue.join([*body, extra, *tail])) <= length.high:
            body.append(extra)
    return glue.join(body + tail)
