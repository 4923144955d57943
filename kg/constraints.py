"""Reading shopping constraints out of text: "waterproof shoes under 100",
"a gift for a runner", "黑色 跑鞋 200元以内".

Hard constraints (category, attribute values, price) must all hold; soft ones (tags,
shopping concepts) rank the results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.graph import ProductGraph
from kg.lexicon import BOOLEAN_ZH, CATEGORY_SYNONYMS
from kg.mining.concepts import CONCEPTS

_PRICE_MAX = re.compile(r"(?:under|below|less than|cheaper than|up to|max(?:imum)?|<)\s*"
                        r"[$€£¥]?\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:元|块)?\s*(?:以内|以下)",
                        re.IGNORECASE)
_PRICE_MIN = re.compile(r"(?:over|above|more than|at least|>)\s*[$€£¥]?\s*(\d+(?:\.\d+)?)",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Constraints:
    categories: frozenset[str] = frozenset()  # category nodes
    values: frozenset[str] = frozenset()  # value nodes
    soft: frozenset[str] = frozenset()  # tag and concept nodes
    price_max: float | None = None
    price_min: float | None = None
    matched: tuple[str, ...] = field(default=(), compare=False)  # the phrases understood

    @property
    def empty(self) -> bool:
        return not (self.categories or self.values or self.soft or self.price_max is not None
                    or self.price_min is not None)


class ConstraintParser:
    """Phrases for every category, tag, value, alias and concept in the graph."""

    def __init__(self, graph: ProductGraph) -> None:
        self.phrases = _vocabulary(graph)
        alternatives = sorted(self.phrases, key=len, reverse=True)
        body = "|".join(re.escape(p) for p in alternatives) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<![\w-])({body})(?![\w-])|({body})", re.IGNORECASE)

    def parse(self, text: str) -> Constraints:
        found: dict[str, set[str]] = {"category": set(), "value": set(), "soft": set()}
        matched = []
        for match in self._pattern.finditer(text):
            phrase = (match.group(1) or match.group(2) or "").lower()
            if match.group(2) and not re.search(r"[\u4e00-\u9fff]", phrase):
                continue  # Latin phrases must match whole words; Chinese has no spaces
            for node in self.phrases.get(phrase, ()):
                kind = node.split(":", 1)[0]
                if kind == "soft-category":
                    found["soft"].add(node.replace("soft-category", "category"))
                else:
                    found["soft" if kind in ("tag", "concept") else kind].add(node)
            matched.append(phrase)
        price_max = _number(_PRICE_MAX.search(text))
        price_min = _number(_PRICE_MIN.search(text))
        return Constraints(frozenset(found["category"]), frozenset(found["value"]),
                           frozenset(found["soft"]), price_max, price_min, tuple(matched))


def _number(match: re.Match[str] | None) -> float | None:
    if match is None:
        return None
    return float(next(g for g in match.groups() if g))


def _vocabulary(graph: ProductGraph) -> dict[str, set[str]]:
    phrases: dict[str, set[str]] = {}

    def add(phrase: str | None, node: str) -> None:
        if phrase and (len(phrase) >= 2 or re.match(r"[\u4e00-\u9fff]", phrase)):
            phrases.setdefault(phrase.lower(), set()).add(node)

    for node, data in graph.graph.nodes(data=True):
        kind = data.get("type")
        if kind in ("category", "tag"):
            add(data.get("label_en"), node)
            add(data.get("label_zh"), node)
            add(node.split(":", 1)[1].replace("-", " "), node)
        elif kind == "value":
            _add_value(add, node, data)
        elif kind == "alias":
            for target in graph.graph.successors(node):
                add(data.get("label_en"), target)
    for synonym, category in CATEGORY_SYNONYMS.items():
        add(synonym, f"soft-category:{category}")  # "shoes" ranks footwear first, not only it
    for concept in CONCEPTS:
        for keyword in concept.keywords:
            add(keyword, f"concept:{concept.id}")
    return phrases


def _add_value(add: Callable[[str | None, str], None], node: str, data: dict[str, object]
               ) -> None:
    attribute, _, value = node.split(":", 1)[1].partition("=")
    if value == "true":
        add(attribute.replace("_", " "), node)
        add(BOOLEAN_ZH.get(attribute), node)
    elif not value.replace(".", "").isdigit() and value != "false":
        add(str(data.get("label_en") or value), node)
        add(value, node)
        label_zh = data.get("label_zh")
        add(str(label_zh) if label_zh else None, node)
