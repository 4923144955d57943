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
from kg.kinds import KINDS, NAME_ONLY, NOT_A_KIND, QUERY_ONLY
from kg.lexicon import BOOLEAN_SYNONYMS, BOOLEAN_ZH, CATEGORY_SYNONYMS, TAG_SYNONYMS
from kg.mining.concepts import CONCEPTS
from kg.numerals import arabic_amounts

# a number followed by a unit is a size, not a price ("at least 20000 mAh", "500ml以下")
_NOT_PRICE = (r"(?!\d|[.,]\d|\s*(?:mah|ml|millilit|l\b|lit|g\b|gram|kg|h\b|hours?|hrs?|w\b|watts?|"
              r"lm|lumens?|cm|mm|m\b|mg|毫安|毫升|升|克|千克|公斤|小时|瓦|流明|厘米|毫米|米|毫克|码|号|岁))")
# "nothing over 40 euros", "don't want to spend more than 50": a most, said as a refusal
_NEGATED = r"(?:nothing|not|no|never|(?:n'?t|nt)(?:\s+\w+){0,3})\s+(?:over|above|more than)"
_PRICE_MAX = re.compile(r"(?:" + _NEGATED + r"|under|below|less than|cheaper than|up to|max(?:imum)?|<|不超过|低于|"
                        r"少于|不到|不高于|预算(?:加到|提到|提高到|涨到|放宽到|放到|改成|改为|到)?|"
                        r"budget (?:of |is |to |up to |now )?)\s*(?:[$€£¥]|cny|rmb|usd|eur|gbp)?\s*"
                        r"(\d+(?:\.\d+)?)" + _NOT_PRICE +
                        r"|(\d+(?:\.\d+)?)\s*(?:元|块钱|块|美元|美金|刀|人民币|rmb|欧元|英镑)?\s*(?:人民币|rmb)?\s*"
                        r"(?:以内|以下|之内)"
                        r"|(\d+(?:\.\d+)?)\s*(?:dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|"
                        r"yuan|rmb|元|块|美元|[$€£¥])?\s*(?:max(?:imum)?|tops|at most|or less|最多)\b",
                        re.IGNORECASE)
_PRICE_RANGE = re.compile(
    r"(?:between|from)\s*[$€£¥]?\s*(\d+(?:\.\d+)?)\s*(?:and|to|-)\s*[$€£¥]?\s*(\d+(?:\.\d+)?)"
    + _NOT_PRICE + r"|(?<![\d.])(\d+(?:\.\d+)?)\s*(?:元|块|美元)?\s*(?:到|至|~|～|-)\s*(\d+(?:\.\d+)?)"
    r"\s*(?:元|块|美元|刀|人民币|欧元|英镑)(?:之间|左右)?", re.IGNORECASE)
# "around 30 dollars", "200元左右": a quarter either side
_PRICE_AROUND = re.compile(r"(?:around|about|approximately|roughly|circa|~|大概|大约|差不多)\s*"
                           r"[$€£¥]?\s*(\d+(?:\.\d+)?)" + _NOT_PRICE +
                           r"|(\d+(?:\.\d+)?)\s*(?:元|块|美元|刀|dollars?|bucks|usd)?\s*左右",
                           re.IGNORECASE)
AROUND = 0.25
_WORDS = re.compile(r"[a-z0-9][a-z0-9'.&/+-]*")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
# a Chinese run with the Latin letters written into it: "T恤", "LED灯"
_CJK_RUN = re.compile(r"[a-z]*[\u4e00-\u9fff]+(?:[a-z]+[\u4e00-\u9fff]+)*[a-z]*")
_PRICE_MIN = re.compile(r"(?<!nothing )(?<!not )(?<!no )(?<!never )(?<!spend )(?<!pay )"
                        r"(?:over|above|more than|at least|>|超过|高于|不低于)\s*[$€£¥]?\s*"
                        r"(\d+(?:\.\d+)?)" + _NOT_PRICE + r"|(\d+(?:\.\d+)?)\s*(?:元|块钱|块|美元|美金|刀|人民币|rmb|欧元|英镑)?\s*以上",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Constraints:
    categories: frozenset[str] = frozenset()  # category nodes
    kinds: frozenset[str] = frozenset()  # kind nodes (any of them: "headphones or earbuds")
    brands: frozenset[str] = frozenset()  # brand nodes (any of them)
    values: frozenset[str] = frozenset()  # value nodes
    soft: frozenset[str] = frozenset()  # tag and concept nodes
    price_max: float | None = None
    price_min: float | None = None
    matched: tuple[str, ...] = field(default=(), compare=False)  # the phrases understood

    @property
    def empty(self) -> bool:
        return not (self.categories or self.kinds or self.brands or self.values or self.soft or self.price_max is not None
                    or self.price_min is not None)


class ConstraintParser:
    """Phrases for every category, tag, value, alias and concept in the graph."""

    def __init__(self, graph: ProductGraph) -> None:
        self.phrases = _vocabulary(graph)
        self._longest_words = max((len(p.split()) for p in self.phrases), default=1)
        self._longest_cjk = max((len(p) for p in self.phrases if _CJK.search(p)), default=1)

    def parse(self, text: str) -> Constraints:
        text = arabic_amounts(text)  # "一百美元以内": 100美元以内
        found: dict[str, set[str]] = {"category": set(), "kind": set(), "brand": set(),
                                      "value": set(), "soft": set()}
        matched = self._phrases_in(text)
        for phrase in matched:
            for node in self.phrases[phrase]:
                kind = node.split(":", 1)[0]
                if kind == "none":  # "water resistant" is not water
                    continue
                if kind == "soft-category":
                    found["soft"].add(node.replace("soft-category", "category"))
                elif kind in ("tag", "concept"):
                    found["soft"].add(node)
                elif kind in found:
                    found[kind].add(node)
            if _CJK.search(phrase) and any(n.startswith("kind:") for n in self.phrases[phrase]):
                found["soft"] |= self._uses_inside(phrase)  # 登山靴: boots, for hiking
        price_max = _number(_PRICE_MAX.search(text))
        price_min = _number(_PRICE_MIN.search(text))
        between = _PRICE_RANGE.search(text)
        around = _number(_PRICE_AROUND.search(text))
        if between:  # "between 30 and 60", "100到200元"
            low, high = sorted(float(g) for g in between.groups() if g)
            price_min, price_max = low, high
        elif around is not None and price_max is None and price_min is None:
            price_min, price_max = around * (1 - AROUND), around * (1 + AROUND)
        return Constraints(frozenset(found["category"]), frozenset(found["kind"]),
                           frozenset(found["brand"]), frozenset(found["value"]),
                           frozenset(found["soft"]), price_max, price_min, tuple(matched))

    def _uses_inside(self, word: str) -> set[str]:
        """The tags and concepts a Chinese kind word holds (登山靴 holds 登山, hiking)."""
        return {node for size in range(2, len(word)) for start in range(len(word) - size + 1)
                for node in self.phrases.get(word[start:start + size], ())
                if node.split(":", 1)[0] in ("tag", "concept")}

    def _phrases_in(self, text: str) -> list[str]:
        """Known phrases, longest first: runs of whole words looked up in the vocabulary,
        and substrings of Chinese runs (no spaces there). Linear in the text's length,
        whatever the vocabulary's size."""
        words = [w.rstrip(".'/+-&") or w for w in _WORDS.findall(text.lower())]  # "vases." ends
        matched, index = [], 0
        while index < len(words):
            for size in range(min(self._longest_words, len(words) - index), 0, -1):
                phrase = " ".join(words[index:index + size])
                if phrase in self.phrases:
                    matched.append(phrase)
                    index += size
                    break
            else:
                index += 1
        for run in _CJK_RUN.findall(text.lower()):
            matched += self._cjk_phrases(run)
        return matched

    def _cjk_phrases(self, run: str) -> list[str]:
        matched, index = [], 0
        while index < len(run):
            for size in range(min(self._longest_cjk, len(run) - index), 0, -1):
                if run[index:index + size] in self.phrases:
                    matched.append(run[index:index + size])
                    index += size
                    break
            else:
                index += 1
        return matched


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
        elif kind == "kind" and node.split(":", 1)[1] in KINDS:
            known = KINDS[node.split(":", 1)[1]]
            for word in (*known.words_en, *known.words_zh):
                if word not in NAME_ONLY:
                    add(word, node)
        elif kind == "alias":
            for target in graph.graph.successors(node):
                add(data.get("label_en"), target)
    for synonym, category in CATEGORY_SYNONYMS.items():
        add(synonym, f"category:{category}")
    for synonym, tag in TAG_SYNONYMS.items():
        if f"tag:{tag}" in graph.graph:
            add(synonym, f"tag:{tag}")
    for phrase, kind_id in QUERY_ONLY.items():
        if f"kind:{kind_id}" in graph.graph:
            add(phrase, f"kind:{kind_id}")
    for phrase in NOT_A_KIND:
        phrases.setdefault(phrase, set()).add("none:")
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
        for synonym in BOOLEAN_SYNONYMS.get(attribute, ()):
            add(synonym, node)
        if attribute.endswith("_free"):  # sugar_free: "no sugar", "without sugar", "sugar-free"
            stem = attribute.removesuffix("_free").replace("_", " ")
            for phrase in (f"no {stem}", f"without {stem}", f"zero {stem}", f"{stem}-free"):
                add(phrase, node)
    elif not value.replace(".", "").isdigit() and value != "false":
        add(str(data.get("label_en") or value), node)
        add(value, node)
        label_zh = data.get("label_zh")
        add(str(label_zh) if label_zh else None, node)
