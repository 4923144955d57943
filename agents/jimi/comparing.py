"""Two products side by side ("how does it compare with the sauté pan?", "台灯跟落地灯对比下")
and "which one is lighter?" among the products shown or compared.

``Comparing`` is a part of ``agents.jimi.shopping.Shopping``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agents.jimi import cues
from agents.jimi.asked import attributes_asked
from agents.jimi.comparison import compare
from agents.jimi.context import Reply, Shopper, Turn
from agents.jimi.pointing import Pointing
from agents.jimi.references import PARTS, positions_in
from agents.jimi.search_terms import (
    key_for,
    ordering_of,
    value_of,
)
from agents.jimi.which import difference, which_has, which_unknown, which_wins
from kg.facts import ProductFacts

_BETTER = re.compile(r"(?i)which (?:one )?(?:is |'s )?better|which (?:one )?should i (?:get|buy|pick)|"
                     r"哪个好|哪个更好|买哪个|选哪个|推荐哪个")
_TWO = re.compile(r"(?i)\b(?:2|two|both)\b|两|俩|二者")


class Comparing(Pointing):
    """Comparisons and which-is answers."""

    search_reply: Callable[[Turn, Shopper], Reply]  # ``Shopping``'s

    def _part_product(self, part: str) -> ProductFacts | None:
        """The one catalogue product whose name holds this part of a sentence ("台灯",
        "the floor lamp"), without filler words."""
        core = re.sub(r"(?i)对比一?下?|比一?下|比较一?下?|compare|the|\s+", "", part)
        core = re.sub(r"[的吗呢吧？?。.!！,，]", "", core)
        if len(core) < 2:
            return None
        found = self.knowledge.products_containing(core)
        return self.knowledge.product(found[0]) if len(found) == 1 else None

    def parts_named(self, turn: Turn, shopper: Shopper) -> list[ProductFacts]:
        """The product each part of "X and Y", "X vs Y", "X和Y" names or describes ("the 25L
        one", "the bottle" of this conversation)."""
        return [p for p in (self._part_product(part) or next(iter(self.named_by_part(
            part)), None) or self.described(turn, shopper.profile.id, part, like_discussed=True)
            for part in PARTS.split(turn.latest.text)) if p is not None]

    def compare_reply(self, turn: Turn, shopper: Shopper) -> Reply:
        """Two products side by side: the two named, a named one against the products just
        discussed ("how do they compare with the earbuds?"), or two of a list ("the first
        and the third", "both")."""
        named = list({p.id: p for p in (*self.products_named(turn.latest.text),
                                         *(self.find(n) for n in
                                           turn.latest.entities.get("product") or []))
                      if p}.values())
        if len(named) < 2:  # "台灯跟落地灯对比下", "it vs the sauté pan": each part names one
            named = list({p.id: p for p in (*named, *self.parts_named(turn, shopper))}.values())
        shown = self.known(turn.last_shown())
        positions = [shown[i] for i in positions_in(turn.latest.text) if -len(shown) <= i < len(shown)]
        pointed = self.referenced(turn)
        referred = [self.knowledge.product(p) for p in
                    (positions if len(positions) >= 2 else pointed.products if pointed else [])]
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current else None
        pairs: list[tuple[ProductFacts, ProductFacts]] = []
        if len(named) >= 2:
            pairs = [(named[0], named[1])]
        elif named:
            others = [r for r in referred if r.id != named[0].id] or (
                [discussed] if discussed and discussed.id != named[0].id else [])
            pairs = [(other, named[0]) for other in others[:2]]
        elif len(referred) >= 2:
            pairs = [(referred[0], referred[1])]
        elif len(shown) >= 2 and (pointed is None or pointed.how == "plural"):
            first, second = (self.knowledge.product(p) for p in shown[:2])
            pairs = [(first, second)]
        if not pairs and not named:  # "your 2 electric kettles", "这两个背包": the kind's two
            pairs = self._two_of_kind(turn.latest.text)
        if not pairs:  # the products named earlier in the conversation
            found = [p for p in (self.find(n) for n in turn.products()) if p is not None]
            unique = list({p.id: p for p in found}.values())
            if len(unique) >= 2:
                pairs = [(unique[0], unique[1])]
        if not pairs:  # "哪个便宜" after one product, then another, was discussed
            said = [p for text in reversed(turn.bot_texts[-3:])
                    for p in self.products_named(text)]
            unique = list({p.id: p for p in said}.values())
            if len(unique) >= 2:
                pairs = [(unique[1], unique[0])]
        wanted = self.search.constraints(turn.latest.text)
        if not pairs and ordering_of(turn.latest.text) is not None and (
                wanted.kinds or wanted.categories):  # "drinks w caffeine, which has the most"
            return self.search_reply(turn, shopper)
        if not pairs:
            return Reply(["Which two products would you like me to compare?"
                          if shopper.language == "en" else "请告诉我您想比较哪两件商品？"])
        if len(pairs) == 1 and cues.WHICH.search(turn.latest.text) and \
                not _BETTER.search(turn.latest.text):  # "哪个好": side by side, not one value
            which = self._which_among(list(pairs[0]), turn, shopper)
            if which is not None:  # "铸铁锅和陶瓷不粘锅哪个重": the heavier one, with both values
                which.shown = [p.id for p in pairs[0]]
                return which
        asked = tuple(a for a in attributes_asked(turn.latest.text, None)
                      if a not in ("price", "stock"))
        texts = [compare(a, b, shopper.language, asked) for a, b in pairs]
        key = next((k for pattern, k in cues.HOW_MUCH if pattern.search(turn.latest.text)), None)
        gap = difference(*pairs[0], key, shopper.language) if key else None
        if gap:  # "how much lighter is it than the GTX?": the difference first
            texts.insert(0, gap)
        ids = list(dict.fromkeys(p.id for pair in pairs for p in pair))
        return Reply(texts, slots={"product": pairs[0][0].name_en}, shown=ids)

    def _two_of_kind(self, text: str) -> list[tuple[ProductFacts, ProductFacts]]:
        """The two products of the kind the words name, when it has just two that fit, or
        the words say two ("what's the difference between your 2 electric kettles")."""
        if not self.kinds_named(text):
            return []
        found = self.search.matching(text)
        if len(found) == 2 or (len(found) > 2 and _TWO.search(text)):
            return [(found[0], found[1])]
        return []

    def which_of(self, turn: Turn, shopper: Shopper) -> Reply:
        """"Which one is lighter?", "which of the two is waterproof?", "这两款哪个续航长" after a
        list or a comparison: the answer among those products, with the values."""
        shown = self.known(turn.last_shown())
        kinds = self.kinds_named(turn.latest.text)
        of_kind = [p for p in shown if kinds & set(self.kinds_of(p))]
        shown = of_kind or shown  # "which candle burns longer?" after candles and a vase
        pool = shown[:2] if cues.TWO.search(turn.latest.text) else shown
        products = [self.knowledge.product(p) for p in pool]
        return self._which_among(products, turn, shopper) or self.compare_reply(turn, shopper)

    def _which_among(self, products: list[ProductFacts], turn: Turn,
                     shopper: Shopper) -> Reply | None:
        """The answer to "which is ...?" among ``products``, None when the words name
        nothing to rank them by."""
        language, text = shopper.language, turn.latest.text
        for product in products:  # "它跟那个防水越野跑鞋比哪个轻": "防水" is a name here
            text = _without_names(text, product)
        ordering = ordering_of(text)
        key, descending = (key_for(ordering, products), ordering.descending) if ordering \
            else (None, bool(cues.MORE.search(text)))
        if key is None:  # "哪个更轻": the attribute the comparative word names
            key, descending = next(((k, more) for pattern, k, more in cues.COMPARATIVE_KEYS
                                    if pattern.search(text)
                                    and any(k in p.attributes for p in products)),
                                   (None, descending))
        if key is None:
            general = [a for a in attributes_asked(text, None)
                       if any(a in p.attributes for p in products)]
            asked = general or [a for p in products for a in attributes_asked(text, p)]
            key = asked[0] if asked else None
            if key is None and cues.CHEAP.search(text):
                key, descending = "price", False
            elif key == "weight_g":
                descending = bool(re.search(r"(?i)heav|重", text)) and not re.search(
                    r"(?i)light|轻", text)
            elif key == "price":
                descending = bool(re.search(r"(?i)expensive|pricier|贵", text))
        if key is None:
            by_name = _named_feature(text, products)
            if by_name:  # "不粘的是哪个": the Ceramic Non-Stick Fry Pan, by its name
                return Reply([("是" + "、".join(p.name("zh") for p in by_name) + "。")
                              if language == "zh" else
                              "That's the " + " and the ".join(p.name_en for p in by_name) + "."],
                             slots={"product": by_name[0].name_en})
            return None
        flags = [p.attributes.get(key) for p in products]
        if key != "price" and all(isinstance(f, bool) or f is None for f in flags):  # "which is waterproof?"
            yes = [p for p, f in zip(products, flags, strict=True) if f]
            return Reply([which_has(products, yes, key, language)],
                         slots={"product": (yes or products)[0].name_en})
        having = [p for p in products if value_of(p, key) is not None]
        if not having:
            return None
        having.sort(key=lambda p: value_of(p, key) or 0.0, reverse=descending)
        missing = [p for p in products if p not in having]
        if missing:  # one value only: no winner can be named
            return Reply([which_unknown(having, missing, key, language)],
                         slots={"product": having[0].name_en})
        return Reply([which_wins(having, key, descending, language)],
                     slots={"product": having[0].name_en})


def _without_names(text: str, product: ProductFacts) -> str:
    for name in (product.name_en, product.name_zh):
        if name:
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def _named_feature(question: str, products: list[ProductFacts]) -> list[ProductFacts]:
    """The products whose name holds a word of the question ("non-stick", "不粘"), when some
    but not all do."""
    lowered = question.lower()
    words = {w for w in re.findall(r"[a-z][a-z-]{3,}", lowered)
             if w not in {"which", "what", "one", "ones", "them", "those", "these", "with"}}
    han = re.sub(r"[^\u4e00-\u9fff]", " ", question)
    pairs = {han[i:i + 2] for i in range(len(han) - 1) if " " not in han[i:i + 2]} - {
        "哪个", "是哪", "哪款", "哪双", "的是", "哪一", "一个", "一款"}
    found = [p for p in products
             if any(w in p.name_en.lower() for w in words)
             or any(pair in (p.name_zh or "") for pair in pairs)]
    return found if 0 < len(found) < len(products) else []
