"""What "the first one", "the cheaper one", "both", "the other one", "第一双", "那个" and "这两款"
point at: the products JIMI just listed or compared, or the one under discussion.

JIMI keeps no state of its own: every reply that lists products carries their ids in its
custom payload, Rasa keeps that in the tracker, and ``Turn.shown`` reads the lists back.

Example::

    resolve("is the second one waterproof?", shown=["a", "b", "c"], discussed="a", price_of)
    # Reference(products=["b"], how="ordinal")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_ORDINAL_EN = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2,
               "fourth": 3, "4th": 3, "fifth": 4, "5th": 4}
_ORDINAL_ZH = {"一": 0, "1": 0, "二": 1, "2": 1, "三": 2, "3": 2, "四": 3, "4": 3, "五": 4, "5": 4}
_EN = re.compile(
    r"(?i)\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\b"
    r"(?!\s+(?:time|order|purchase|thing|question))"
    r"|\b(?:number|no\.?|option|item|#)\s*([1-5])\b"
    r"|\b(the last(?:\s+one)?|last one)\b")
_ZH = re.compile(r"第\s*([一二三四五12345])\s*(?:个|双|款|件|只|条|种|瓶|杯|台|盏|项|顶|套|罐|把|样)?"
                 r"|(最后一(?:个|双|款|件|只|条|种|瓶|台)|最后那)")
_CHEAPER = re.compile(r"(?i)\b(?:cheaper|cheapest|less expensive|lower[- ]priced)\b"
                      r"(?:\s+(?:one|ones|of (?:the|them|those|these)|option|pair))?"
                      r"|便宜(?:一?点|些)?的(?:那|这)?(?:个|双|款|件|只)?|便宜那|哪个便宜|更便宜")
_DEARER = re.compile(r"(?i)\b(?:more expensive|pricier|dearer)\b(?:\s+one)?"
                     r"|贵(?:一?点|些)?的(?:那|这)(?:个|双|款|件|只)?|更贵的")
_LIGHTER = re.compile(r"(?i)\blight(?:er|est)(?: one)?\b(?! weight)|轻(?:一?点|些)?的(?:那|这)|更轻的")
_IN_STOCK = re.compile(r"(?i)\bthe (?:one|ones|pair) (?:that'?s |that is |which is )?in stock\b|"
                       r"\b(?:of|among) (?:the ones |those )?in stock\b|有货的里面|有货的中|"
                       r"\bin[- ]stock (?:one|pair)\b|\bthe available one\b|"
                       r"有货的(?:那|这)?(?:个|款|双|件|只|台|把|盏)?|能买的那")
_OTHER = re.compile(r"(?i)\b(?:the other(?: one)?|the other pair|another one)\b"
                    r"|另一(?:个|双|款|件|只)|另外(?:一|那)(?:个|双|款|件|只)")
_PLURAL = re.compile(r"(?i)\b(?:both|these two|those two|the two|them|they|these|those|"
                     r"all of them|each of them|either|each)\b"
                     r"|这两|那两|这俩|那俩|两款|两个都|两双|它们|这几|那几|都有(?!什么|哪些|啥|哪几|几种|多少)")


@dataclass(frozen=True)
class Reference:
    products: list[str]
    how: str  # ordinal | cheaper | dearer | lighter | other | plural


def resolve(text: str, shown: list[str], discussed: str | None,
            price_of: Callable[[str], float],
            weight_of: Callable[[str], float | None] | None = None,
            in_stock: Callable[[str], bool] | None = None) -> Reference | None:
    """The products ``text`` points at among ``shown`` (the last list, in order), or None
    when it names no position, comparison or plural."""
    if not shown:
        return None
    index = _ordinal(text)
    if index is not None:
        if -len(shown) <= index < len(shown):
            return Reference([shown[index]], "ordinal")
        return None
    if in_stock is not None and _IN_STOCK.search(text) and (
            _CHEAPER.search(text) or _DEARER.search(text)):
        shown = [p for p in shown if in_stock(p)] or shown  # "有货的里面最便宜的"
    if _CHEAPER.search(text):
        return Reference([min(shown, key=price_of)], "cheaper")
    if _DEARER.search(text):
        return Reference([max(shown, key=price_of)], "dearer")
    if weight_of is not None and _LIGHTER.search(text):
        weighed = [p for p in shown if weight_of(p) is not None]
        if weighed:
            return Reference([min(weighed, key=lambda p: weight_of(p) or 0.0)], "lighter")
    if in_stock is not None and _IN_STOCK.search(text):
        stocked = [p for p in shown if in_stock(p)]  # "那有货的那个": the first one in stock
        if stocked:
            return Reference(stocked[:1], "in_stock")
    if _OTHER.search(text):
        others = [p for p in shown if p != discussed]
        return Reference(others[:1], "other") if others else None
    if _PLURAL.search(text):
        return Reference(list(shown), "plural")
    return None


def positions_in(text: str) -> list[int]:
    """Every list position named, in order: "the first and the third" -> [0, 2]."""
    found: list[tuple[int, int]] = []
    for match in _EN.finditer(text):
        if match.group(1):
            found.append((match.start(), _ORDINAL_EN[match.group(1).lower()]))
        elif match.group(2):
            found.append((match.start(), int(match.group(2)) - 1))
        else:
            found.append((match.start(), -1))
    for match in _ZH.finditer(text):
        found.append((match.start(), _ORDINAL_ZH[match.group(1)] if match.group(1) else -1))
    return [index for _, index in sorted(found)]


def _ordinal(text: str) -> int | None:
    match = _EN.search(text)
    if match:
        if match.group(1):
            return _ORDINAL_EN[match.group(1).lower()]
        if match.group(2):
            return int(match.group(2)) - 1
        return -1
    match = _ZH.search(text)
    if match:
        return _ORDINAL_ZH[match.group(1)] if match.group(1) else -1
    return None


_GENERIC_EN = frozenset({"which", "what", "that", "this", "those", "these", "them", "they",
                         "there", "with", "does", "have", "about", "other", "another", "more",
                         "less", "than", "much", "many", "come", "comes", "colour", "colours",
                         "color", "colors", "size", "sizes", "price", "cost", "how", "the",
                         "one", "ones", "pair", "compare", "weigh", "weight"})
_GENERIC_ZH = frozenset({"那个", "这个", "哪个", "那款", "这款", "一下", "的是", "是不", "不是",
                         "有没", "没有", "多少", "什么", "颜色", "价格", "比一", "一个", "那双",
                         "这双", "哪款", "有啥", "能不", "可以"})
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def named_among(text: str, shown: list[tuple[str, str, str]]) -> list[str]:
    """The shown products a text picks out by a word of their names ("the solar one",
    "the trail shoe", "运动那款"), each part of "the rain boot and the trail shoe" or
    "亚麻的跟丝绒的" on its own; ``shown`` is (id, English name, Chinese name)."""
    if len(shown) < 2:
        return []
    found: list[str] = []
    for part in PARTS.split(text):
        for pid in _named_in_part(part, shown):
            if pid not in found:
                found.append(pid)
    return found


PARTS = re.compile(r"(?i)\band\b|\bvs\.?|\bversus\b|\bor\b|\bwith\b|\bcompared (?:to|with)\b|\bthan\b|"
                   r"跟|和|与|还是|对比|,|，")


def _named_in_part(text: str, shown: list[tuple[str, str, str]]) -> list[str]:
    """Each word or Chinese character pair that some but not all shown names hold votes for
    them; the single best-voted product, if there is one."""
    lowered = text.lower()
    words = {w for w in re.findall(r"[a-z][a-z-]{2,}", lowered) if w not in _GENERIC_EN}
    pairs = {run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)}
    pairs -= _GENERIC_ZH
    votes: dict[str, int] = {}
    for cue in words | pairs:
        holders = [pid for pid, en, zh in shown
                   if (cue in pairs and cue in zh) or (
                       cue in words and re.search(rf"\b{re.escape(cue)}", en.lower()))]
        if 0 < len(holders) < len(shown):
            for pid in holders:
                votes[pid] = votes.get(pid, 0) + 1
    if not votes:
        return []
    best = max(votes.values())
    strong = [pid for pid, _, _ in shown if votes.get(pid) == best]
    return strong if len(strong) == 1 else []


def other_then_named(text: str, name_en: str, name_zh: str) -> bool:
    """Whether the words name the product right after "the other" ("另一个玻璃的呢": the other,
    the glass one), rather than in a clause of their own ("i returned the glass one. the other
    one?")."""
    match = _OTHER.search(text)
    if match is None:
        return False
    after = text[match.end():match.end() + 10].lower()
    words = [w for w in re.findall(r"[a-z]{4,}", name_en.lower())] + [
        name_zh[i:i + 2] for i in range(len(name_zh) - 1)]
    return any(w in after for w in words)
