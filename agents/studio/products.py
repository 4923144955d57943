"""The products a merchant's message names, in the order named: by their English or Chinese
names, whole or shortened ("the pulse watch", "冷萃"), by a size only one has ("the 50l
pack"), never by a kind selected as a whole ("all our kettles", "所有保温杯")."""

from __future__ import annotations

import math
import re

from agents.studio import values
from agents.studio.vocabulary import CATEGORY_NOUNS_ZH
from kg.facts import ProductFacts
from kg.matching import words

_UNITS = frozenset({"ml", "l", "cm", "mm", "mah", "kg", "g", "pack", "x", "lumen", "oz"})
_ZH_QUANTITY = re.compile(r"[（(][^）)]*[）)]|\d[\d,.]*\s*(?:毫升|升|厘米|毫安时|流明|只装|双装|"
                          r"支装|罐|瓶)?|[×x]")


class ProductFinder:
    """Every product a message names, in the order named.

    English names match by their words, each weighted by how rare it is among product
    names, so "the Pulse smartwatch" finds the Voltra Pulse Smartwatch and not the kids' one.
    A shortened name counts too: a word inside a name word ("the Pulse watch"), two words no
    other product has ("cast iron pan"), or a name's last word that no other product has
    after "the" ("the lantern"). Chinese names match as written without pack sizes
    ("保温随行杯"), or shortened to characters of the name in order that include a pair no
    other name has ("恐龙卫衣", "铸铁锅"). A product whose matched words all belong to a
    better match is dropped ("Solar Power Bank" does not also bring the other power banks).
    """

    MINIMUM = 0.6
    NAMED = 0.95  # every word of the name, or the whole Chinese name

    def __init__(self, products: list[ProductFacts]) -> None:
        self._names = [(p.id, _name_words(p.name_en), _zh_core(p.name_zh or ""),
                        _last_word(p.name_en)) for p in products]
        self._cores = [core for _, _, core, _ in self._names if core]
        self._sizes = {p.id: _sizes_said(p.name_en) for p in products}
        size_counts: dict[str, int] = {}
        for found in self._sizes.values():
            for size in found:
                size_counts[size] = size_counts.get(size, 0) + 1
        self._unique_sizes = {size for size, n in size_counts.items() if n == 1}
        self._alpha_words = {p.id: {w for w in words(p.name_en.lower()) if w.isalpha()}
                             for p in products}
        self.names = {p.id: f"{p.name_en} {p.name_zh or ''}".lower() for p in products}
        frequency: dict[str, int] = {}
        pairs: dict[str, int] = {}
        for _, name_words, core, _ in self._names:
            for word in name_words:
                frequency[word] = frequency.get(word, 0) + 1
            for pair in {core[i:i + 2] for i in range(len(core) - 1)}:
                pairs[pair] = pairs.get(pair, 0) + 1
        total = max(len(self._names), 1)
        self._weight = {w: math.log(1 + total / n) for w, n in frequency.items()}
        self._unique_words = {w for w, n in frequency.items() if n == 1 and len(w) >= 3}
        self._unique_pairs = {p for p, n in pairs.items() if n == 1}

    def find(self, text: str, minimum: float | None = None) -> list[str]:
        """The products ``text`` names, in the order named; ``minimum``: how sure."""
        minimum = self.MINIMUM if minimum is None else minimum
        lowered = text.lower()
        said = {values.singular(w) for w in words(lowered)} | words(lowered)
        sizes_said = _sizes_said(text)
        candidates: list[tuple[float, int, str, frozenset[str]]] = []
        for product_id, name_words, core, last in self._names:
            score, position, matched = self._english(lowered, said, name_words, last, text)
            if sizes_said & self._sizes[product_id] & self._unique_sizes:
                named = self._alpha_words[product_id] & said
                if named:  # "the 50l pack": a size only it has, and a word of its name
                    score = max(score, self.MINIMUM)
                    matched = matched or frozenset(named)
                    position = min(position, *(_position(lowered, w) for w in named))
            if core:
                span = self._chinese(text, core)
                if span is not None:
                    score = max(score, 1.0 if span[1] == core else 0.9)
                    position = span[0]
                    matched = frozenset(f"zh:{i}" for i in range(span[0],
                                                                 span[0] + len(span[1])))
            if score >= minimum:
                candidates.append((score, position, product_id, matched))
        candidates.sort(key=lambda c: (-c[0], c[1]))
        chosen: list[tuple[int, str, frozenset[str]]] = []
        for score, position, product_id, matched in candidates:
            claimed = frozenset().union(*(m for _, _, m in chosen)) if chosen else frozenset()
            if matched <= claimed:
                continue
            chosen.append((position, product_id, matched))
        for found in reversed(list(chosen)):  # every word said belongs to the others:
            others = [m for _, p, m in chosen if p != found[1]]  # "Voltra" of the watch and
            if others and found[2] <= frozenset().union(*others):  # "power bank" of another
                chosen.remove(found)
        return [product_id for _, product_id, _ in sorted(chosen)]

    def _english(self, lowered: str, said: set[str], name_words: set[str],
                 last: str, original: str) -> tuple[float, int, frozenset[str]]:
        if not name_words:
            return 0.0, len(lowered), frozenset()
        matched = {w for w in name_words if w in said}
        # a word inside a longer name word: "watch" in "smartwatch", "buds" in "fitbuds"
        partial = {w for w in name_words - matched
                   if any(len(s) >= 4 and s in w and s not in _STOPWORDS for s in said)}
        weight = sum(self._weight[w] for w in name_words)
        score = (sum(self._weight[w] for w in matched)
                 + 0.8 * sum(self._weight[w] for w in partial)) / weight
        if not matched:
            return 0.0, len(lowered), frozenset()
        if not any(self._weight[w] > 2.5 for w in matched | partial):
            return 0.0, len(lowered), frozenset()  # only words many products share
        if len(matched & self._unique_words) >= 2:
            score = max(score, self.MINIMUM)  # "cast iron pan"
        if matched & self._unique_words and last in matched | partial:
            score = max(score, self.MINIMUM)  # "the dino hoodie", "the Pulse watch"
        if len(matched) >= 2 and sum(1 for _, other, _, _ in self._names
                                     if matched <= other) == 1:
            score = max(score, self.MINIMUM)  # "kids headphones", "milk tea": one such name
        capitalised = {w for w in matched & self._unique_words if len(w) >= 5 and re.search(
            rf"(?<=[\w,;:+&-] ){re.escape(w)}\b", original, re.IGNORECASE) and re.search(
            rf"\b{w[0].upper()}{re.escape(w[1:])}", original, re.IGNORECASE | 0)}
        if capitalised and any(re.search(r"\b[A-Z]\w*\b", original[m.start():m.end()])
                               for w in capitalised
                               for m in re.finditer(rf"\b{re.escape(w)}\b", original,
                                                    re.IGNORECASE)):
            score = max(score, self.MINIMUM)  # a name only this product has: "FitBuds"
        if any(len(w) >= 6 and re.search(rf"\b(?:the|our|my)\s+{re.escape(w)}\b", lowered)
               for w in matched & self._unique_words):
            score = max(score, self.MINIMUM)  # "the fitbuds": a name word only it has
        if last in self._unique_words and last in matched and re.search(
                rf"\b(?:the|this|that|our|my)\s+(?:[a-z-]+\s+)?{re.escape(last)}\b", lowered):
            score = max(score, self.MINIMUM)  # "the lantern"
        rarest = max(matched, key=lambda w: (self._weight[w], -_position(lowered, w)))
        return score, _position(lowered, rarest), frozenset(matched | partial)

    def _chinese(self, text: str, core: str) -> tuple[int, str] | None:
        """The longest run of ``text`` whose characters appear in ``core`` in order, if it
        is the core itself or a shortening with a character pair only this core has."""
        found = text.find(core)
        if found >= 0:
            return found, core
        best: tuple[int, str] | None = None
        for start in range(len(text)):
            if text[start] not in core:
                continue
            at, end = core.index(text[start]) + 1, start + 1
            while end < len(text) and text[end] in core[at:]:
                at = core.index(text[end], at) + 1
                end += 1
            span = text[start:end]
            if len(span) < 2 or (len(span) == 2 and span not in core) or (
                    best is not None and len(span) <= len(best[1])):
                continue
            own = {span[i:i + 2] for i in range(len(span) - 1) if span[i:i + 2] in core}
            alone = len(span) >= 4 and sum(1 for c in self._cores if _in_order(span, c)) == 1
            if not (own & self._unique_pairs or alone) or self._selection(text, start, span):
                continue  # only pairs other names have too ("露营杯" is not the camp tumbler)
            best = (start, span)
        if best is None:  # a head noun only this name ends with ("雨靴"), not "all lamps"
            tail = core[-2:]
            at = text.find(tail)
            if at >= 0 and not self._selection(text, at, tail) and sum(
                    1 for c in self._cores if tail in c) == 1 and not _QUANTIFIED.search(
                    text[max(0, at - 6):at]):
                best = (at, tail)
        return best

    def _selection(self, text: str, at: int, span: str) -> bool:
        """Is ``span`` a kind of product selected as a whole ("所有保温杯", "鞋子" that many
        names end with) rather than one product ("台灯" when one name has it)?"""
        if span not in CATEGORY_NOUNS_ZH:
            return False
        quantified = _QUANTIFIED.search(text[max(0, at - 6):at])
        return bool(quantified) or sum(1 for c in self._cores if span in c) != 1


_STOPWORDS = frozenset({"with", "from", "that", "this", "them", "those", "these", "make",
                        "sale", "more", "need", "want", "please"})


_QUANTIFIED = re.compile(r"所有|全部|全|every|all|each")


def _in_order(span: str, core: str) -> bool:
    """Are the characters of ``span`` in ``core``, in order?"""
    at = 0
    for char in span:
        at = core.find(char, at) + 1
        if at == 0:
            return False
    return True


def _last_word(name: str) -> str:
    found = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if not w.isdigit()
             and w not in _UNITS]
    return found[-1] if found else ""


def _name_words(name: str) -> set[str]:
    return {w for w in words(name) if not w.isdigit() and w not in _UNITS}


_SIZE_SAID = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s?(l|ml|mah|kg|cm|mm|oz)\b")


def _sizes_said(text: str) -> frozenset[str]:
    """A size as one word, however written: "Trek 50 L Pack" and "the 50l pack" say 50l."""
    return frozenset(f"{number.replace(',', '')}{unit}"
                     for number, unit in _SIZE_SAID.findall(text.lower()))


def _zh_core(name: str) -> str:
    """A Chinese name without its pack size: "保温随行杯470毫升" -> "保温随行杯"."""
    core = _ZH_QUANTITY.sub("", name).strip()
    return core if len(core) >= 3 else ""


def _position(text: str, word: str) -> int:
    match = re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text)
    return match.start() if match else len(text)
