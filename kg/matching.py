"""Finding which product a shopper means from free text ("the trail runner", "跑鞋")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.facts import ProductFacts
from kg.kinds import WORDS_EN, WORDS_ZH

_WORD = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]{2}|[\u4e00-\u9fff]")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
_KIND_PAIRS = frozenset(word[i:i + 2] for word in WORDS_ZH for i in range(len(word) - 1))


def _longest_run(name: str, text: str) -> int:
    """The longest piece of ``name`` found in ``text``."""
    best = 0
    for start in range(len(name)):
        size = best + 1
        while start + size <= len(name) and name[start:start + size] in text:
            best = size
            size += 1
    return best
# name words too general to name one product even when only one name has them
_COMMON = frozenset({"classic", "sport", "light", "smart", "insulated", "rechargeable",
                     "natural", "electric", "coffee", "glass", "water", "green", "stainless",
                     "organic", "cotton", "leather", "linen", "ceramic", "running", "travel"})
_STOP = frozenset({"the", "a", "an", "and", "for", "of", "with", "in", "by", "my", "your"})


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


@dataclass(frozen=True)
class ProductMatch:
    product_id: str
    score: float


class ProductMatcher:
    """Scores products by how much of their name a text contains (English words, Chinese
    substrings). Ties break on the shorter name, so "mug" prefers "Cloud Mug" to a set."""

    def __init__(self, products: list[ProductFacts]) -> None:
        self._names = [(p.id, words(p.name_en), p.name_zh or "") for p in products]
        self._full = sorted([(p.name_en.lower(), p.id) for p in products] +
                            [(p.name_zh, p.id) for p in products if p.name_zh],
                            key=lambda item: -len(item[0]))
        # names lower-cased without spaces once, for ``containing`` ("floor lamp", "台灯")
        self._squeezed = [(name.lower().replace(" ", ""), pid) for name, pid in self._full]
        owners: dict[str, set[str]] = {}
        for product_id, name_words, _ in self._names:
            for word in name_words:
                owners.setdefault(word, set()).add(product_id)
        # feature words ("sugar" of sugar_free, "waterproof", tags) describe, they don't name
        features = {w for p in products for key in p.attributes for w in key.split("_")}
        features |= {w for p in products for tag in p.tags for w in tag.split("-")}
        common = set(WORDS_EN) | _COMMON | features
        # a word only one product's name has ("fitbuds", "chelsea", "gooseneck") names it
        self._distinctive = {w: next(iter(ids)) for w, ids in owners.items()
                             if len(ids) == 1 and len(w) >= 5 and not w.isdigit()
                             and w not in common}

    def named(self, text: str) -> list[str]:
        """Every product the text names, in the order named: by its full English or Chinese
        name ("the trail runner gtx and the alpine hiking boot"), or by a word only its name
        has ("the fitbuds")."""
        lowered = text.lower()
        found: list[tuple[int, str]] = []
        for name, product_id in self._full:
            at = lowered.find(name.lower())
            if at >= 0 and len(name) >= 2:
                found.append((at, product_id))
                lowered = lowered[:at] + " " * len(name) + lowered[at + len(name):]
        for match in _WORD.finditer(lowered):
            owner = self._distinctive.get(match.group(0))
            if owner is not None:
                found.append((match.start(), owner))
        found += self._chinese(lowered, {product_id for _, product_id in found})
        ordered = [product_id for _, product_id in sorted(found)]
        return list(dict.fromkeys(ordered))

    def _chinese(self, text: str, taken: set[str]) -> list[tuple[int, str]]:
        """Chinese names said in part ("高帮登山靴" for 高帮防水登山靴, "冷萃咖啡" for
        氮气冷萃咖啡（250毫升×12罐）): at least half the name's character pairs in the text,
        three characters or more in a row, and no other name matching as well."""
        if not _HAN.search(text):
            return []
        best: dict[str, tuple[float, int]] = {}
        pairs_in_text = {text[i:i + 2] for i in range(len(text) - 1)}
        for product_id, _, name_zh in self._names:
            core = _PARENS.sub("", name_zh)
            pairs = [core[i:i + 2] for i in range(len(core) - 1) if _HAN.match(core[i:i + 2])]
            if product_id in taken or len(pairs) < 2:
                continue
            hits = [p for p in pairs if p in pairs_in_text]
            run = _longest_run(core, text)
            own = [p for p in hits if p not in _KIND_PAIRS]  # not only "电热水壶", a kind
            if len(hits) / len(pairs) >= 0.5 and run >= 3 and own:
                best[product_id] = (len(hits) / len(pairs), text.find(core[:2]) if core[:2]
                                    in text else text.find(hits[0]))
        if not best:
            return []
        top = max(score for score, _ in best.values())
        winners = [(at, pid) for pid, (score, at) in best.items() if score == top]
        return winners if len(winners) == 1 else []

    def containing(self, fragment: str) -> list[str]:
        """Products whose English (spaces ignored) or Chinese name holds ``fragment``."""
        wanted = fragment.lower().replace(" ", "")
        return sorted({product_id for name, product_id in self._squeezed if wanted in name})

    def best(self, text: str, minimum: float = 0.5) -> ProductMatch | None:
        matches = self.rank(text)
        return matches[0] if matches and matches[0].score >= minimum else None

    def rank(self, text: str) -> list[ProductMatch]:
        query = words(text)
        scored = []
        for product_id, name_words, name_zh in self._names:
            score = len(query & name_words) / len(name_words) if name_words else 0.0
            if name_zh and name_zh in text:
                score = max(score, 1.0)
            if score > 0:
                scored.append((score, -len(name_words), product_id))
        scored.sort(reverse=True)
        return [ProductMatch(pid, score) for score, _, pid in scored]
