"""Which product the words mean: named (in full or by part), pointed at among the products
just shown ("the second one", "the cheaper one", "那个头灯"), described by kind and features
("the buds", "心率手表"), the one under discussion, or named earlier.

``Pointing`` is the base of ``agents.jimi.shopping.Shopping``.
"""

from __future__ import annotations

import re

from agents.jimi import cues, money
from agents.jimi.asked import COLOUR_WORDS, attributes_asked, colour_asked
from agents.jimi.context import Shopper, Turn
from agents.jimi.described import conversation_products, described, picked_out
from agents.jimi.references import Reference, named_among, other_then_named, resolve
from agents.jimi.search import ProductSearch
from agents.jimi.search_terms import (
    amounts_in,
    meets,
    needs_in,
    ordering_of,
    value_of,
)
from kg.attributes import AttributeRanker
from kg.facts import ProductFacts
from kg.kinds import KINDS, kind_of, lineage
from kg.knowledge import KnowledgeBase
from shopmind.errors import NotFound


class Pointing:
    """Finding the products a turn is about."""

    knowledge: KnowledgeBase
    search: ProductSearch
    ranker: AttributeRanker
    _pointed: dict[tuple[int, str], str | None]

    def find(self, name: str | None) -> ProductFacts | None:
        """The product a name means: by its words, else the only product of the kind it
        names ("the wireless earbuds" when the catalogue has one pair of earbuds)."""
        if not name:
            return None
        try:
            return self.knowledge.find_product(name)
        except NotFound:
            pass
        kinds = self.search.constraints(name).kinds
        if len(kinds) == 1:
            members = self.knowledge.query.products_of_kind(next(iter(kinds)))
            if len(members) == 1:
                return self.knowledge.product(members[0])
        return None

    def products_named(self, text: str) -> list[ProductFacts]:
        return self.knowledge.products_named(text)

    def basket(self, turn: Turn, shopper_id: str | None) -> list[ProductFacts]:
        """Each product a list of purchases names, in full or described: "一个亚麻抱枕加一个
        雪松香薰蜡烛", "the rain jacket and the beanie"."""
        return [product for product, _ in self.counted_basket(turn, shopper_id)]

    def counted_basket(self, turn: Turn, shopper_id: str | None
                       ) -> list[tuple[ProductFacts, int]]:
        """``basket`` with how many of each ("2 mugs plus the coffee tin"), and with the product
        under discussion first when the words add to it ("再加一套丝绒抱枕套呢")."""
        found: list[tuple[ProductFacts, int]] = []
        for part in _BASKET_PARTS.split(turn.latest.text):
            product = next(iter(self.products_named(part) or self.named_by_part(part)), None) \
                or (self.described(turn, shopper_id, part) if self.kinds_named(part) else None)
            if product is not None and product not in [p for p, _ in found]:
                found.append((product, count_in(part)))
        current = self.find(str(turn.slots.get("product") or "")) \
            if cues.ADDING.search(turn.latest.text) else None
        if found and current is not None and current not in [p for p, _ in found]:
            found.insert(0, (current, 1))
        return found

    def product_of(self, turn: Turn, shopper_id: str | None = None) -> ProductFacts | None:
        """The one product a turn is about: named (by the NLU or in the words), pointed at
        ("the second one", "那个头灯"), described ("the buds", "那个心率手表"), the one under
        discussion, or named earlier."""
        current = turn.slots.get("product")
        # "how much water does it hold": "it" is the kettle, "water" names no product here
        it = bool(current and cues.IT.search(turn.latest.text))
        if it and current:  # "another desk lamp ... is it dimmable?" while a mug is discussed
            discussed = self.find(str(current))
            kinds = self.kinds_named(turn.latest.text)
            it = not (discussed and kinds and not kinds & set(self.kinds_of(discussed.id))
                      and _introduced(turn.latest.text, kinds))
        outright = self._named_not_colour(turn.latest.text, current)
        for name in turn.latest.entities.get("product", []):
            found = self.find(name)
            if found is not None and not (it and found not in outright):
                return found
        named = outright or self.named_by_part(turn.latest.text)
        if named:
            return named[0]
        pointed = self.referenced(turn)
        if pointed is not None and pointed.how != "plural":
            return self.knowledge.product(pointed.products[0])
        # "size 44 in orange?" about the shoe discussed: a colour names no juice
        bare = _without_colour(turn.latest.text) if current else turn.latest.text
        found = None if it or not bare.strip() else (
            self.described(turn, shopper_id, bare) or self.find(bare))
        if found is not None:
            return found
        if current:  # "is it waterproof?", "what colours?": the product under discussion
            found = self.find(str(current))
            if found is not None:
                return found
        shown = self.known(turn.last_shown())
        if len(shown) == 1:  # "in £ pls" after a list of one: that one
            return self.knowledge.product(shown[0])
        for name in turn.products():
            found = self.find(name)
            if found is not None:
                return found
        return None

    def _named_not_colour(self, text: str, current: object) -> list[ProductFacts]:
        """``products_named``, except a product named by a colour only that the product under
        discussion comes in ("size 44 in orange?" about a shoe names no orange juice)."""
        named = self.products_named(text)
        discussed = self.find(str(current)) if named and current else None
        colour = colour_asked(text) if discussed is not None else None
        if discussed is None or colour not in discussed.values("colour"):
            return named
        bare = _without_colour(text)
        if self.products_named(bare) or self.kinds_named(bare) - set(self.kinds_of(discussed.id)):
            return named  # "is the orange juice fresh?": juice is another kind
        return []

    def described(self, turn: Turn, shopper_id: str | None, text: str | None = None,
                  like_discussed: bool = False) -> ProductFacts | None:
        """The product the words describe by kind and features ("the buds", "那个手表",
        "心率手表"): of the conversation first, else the one in the catalogue that fits.
        ``like_discussed``: words that name no kind ("the kids one", "丝绒那款") describe a
        product of the kind under discussion."""
        text = turn.latest.text if text is None else text
        kinds = self.kinds_named(text)
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current and like_discussed and not kinds else None
        if discussed is not None and self.kinds_of(discussed.id):
            kinds = {self.kinds_of(discussed.id)[-1]}  # the widest: earbuds for headphones
            context = conversation_products(turn, self.knowledge, shopper_id)
            catalogue = [self.knowledge.product(p) for p in
                         self.knowledge.query.products_of_kind(f"kind:{next(iter(kinds))}")]
            return described(text, context, catalogue, kinds, need_votes=True)
        if not kinds:  # "气泡水那个", "the lemon one": of the kind discussed, or the conversation's
            if not (_POINTED_ZH.search(text) or _ONE_OF.search(text)):
                return None
            found = None if like_discussed or not current else self.described(
                turn, shopper_id, text, like_discussed=True)  # "the noise cancelling ones"
            return found or described(text, conversation_products(turn, self.knowledge,
                                                                  shopper_id), [], set(),
                                      need_votes=True)
        catalogue = [self.knowledge.product(p) for kind in sorted(kinds)
                     for p in self.knowledge.query.products_of_kind(f"kind:{kind}")]
        return described(text, conversation_products(turn, self.knowledge, shopper_id),
                         catalogue, kinds)

    def ours(self, turn: Turn, shopper: Shopper) -> bool:
        """Whether the words point at a product of this conversation by kind ("the buds - ok
        for sweat?", "那个手表续航多久") rather than ask for products of the kind."""
        text = turn.latest.text
        pointing = bool(_POINTED_EN.search(text) or _POINTED_ZH.search(text))
        asks = bool(attributes_asked(text, None) or colour_asked(text)
                    or cues.SIZE_WORD.search(text))
        searching = cues.SEARCHING.search(text) and not cues.WHICH_VALUES.search(text)
        if searching or ordering_of(text) is not None or amounts_in(text) or \
                not (pointing or asks):  # "at least 20000 mAh" is a search, not the 20,000 one
            return False
        found = self.described(turn, shopper.profile.id)
        if found is None:
            return False
        ours = conversation_products(turn, self.knowledge, shopper.profile.id)
        kinds = self.kinds_named(text)
        if found not in ours:  # "发光鞋有哪些码": the one shoe the words single out
            every = [self.knowledge.product(p) for kind in sorted(kinds)
                     for p in self.knowledge.query.products_of_kind(f"kind:{kind}")]
            return asks and bool(kinds) and picked_out(text, found, every, kinds)
        return pointing or picked_out(text, found, ours, kinds)  # "不粘锅有几种颜色"

    def referenced(self, turn: Turn) -> Reference | None:
        """What the words point at among the products last shown (``references.resolve``),
        or the only shown product of a kind the words name."""
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current else None

        def weight(product_id: str) -> float | None:
            value = self.knowledge.product(product_id).attributes.get("weight_g")
            return float(value) if isinstance(value, int | float) and not isinstance(
                value, bool) else None

        shown = self.known(turn.last_shown())
        # "大人穿的，最便宜那件": the cheapest for adults ("is the second one dishwasher safe?"
        # asks about the second shown, whatever it is)
        needs = [n for n in needs_in(turn.latest.text) if n[0] == "kids"]
        shown = [p for p in shown if all(meets(self.knowledge.product(p), n) for n in needs)] \
            or shown
        found = resolve(turn.latest.text, shown, discussed.id if discussed else None,
                        lambda p: self.knowledge.product(p).price, weight,
                        lambda p: self.knowledge.product(p).in_stock)
        if found is not None and found.how in ("ordinal", "in_stock"):
            return found
        named = named_among(turn.latest.text, [
            (p, self.knowledge.product(p).name_en, self.knowledge.product(p).name_zh or "")
            for p in shown])
        if named:  # "the trail shoe", "运动那款", "the glass one ... the other one"
            first = self.knowledge.product(named[0])
            if found is not None and found.how == "other" and not other_then_named(
                    turn.latest.text, first.name_en, first.name_zh or ""):  # "另一个玻璃的": it
                others = [p for p in shown if p not in named]
                return Reference(others[:1], "other") if others else found
            return Reference(named, "named" if len(named) == 1 else "plural")
        if found is None and len(shown) > 1 and cues.BIGGER.search(turn.latest.text):
            sized = [(self._size_of(p), p) for p in shown]
            sized = [(v, p) for v, p in sized if v is not None]
            if sized:  # "the bigger one": the largest capacity among those shown
                pick = max(sized) if not cues.SMALLER.search(turn.latest.text) else min(sized)
                return Reference([pick[1]], "bigger")
        if found is None and len(shown) > 1 and _TALLER.search(turn.latest.text):
            tall = [(float(h), p) for p in shown if isinstance(
                h := self.knowledge.product(p).attributes.get("height_cm"), int | float)]
            if tall:  # "高一点的那个", "the taller one": the tallest shown
                return Reference([max(tall)[1]], "bigger")
        if found is None and len(shown) > 1:  # "那个头灯多重": the one headlamp shown
            kinds = self.kinds_named(turn.latest.text)
            of_kind = [p for p in shown if kinds & set(self.kinds_of(p))]
            if kinds and len(of_kind) == 1:
                return Reference(of_kind, "kind")
        return found

    def named_by_part(self, text: str) -> list[ProductFacts]:
        """The one product a pointed phrase names by part of its name: "those snow boots",
        "the beanie", "那个落地灯" (a part that several names share names none)."""
        key = (self.knowledge.version, text)
        if key not in self._pointed:  # asked several times a turn: looked up once
            if len(self._pointed) > 512:
                self._pointed.clear()
            self._pointed[key] = next((found[0] for found in map(
                self.knowledge.products_containing, _pointed_phrases(text)) if len(found) == 1),
                None)
        product_id = self._pointed[key] or self._by_size(text)
        return [self.knowledge.product(product_id)] if product_id else []

    def named_in(self, text: str) -> list[ProductFacts]:
        """Every product the words name, in full or by a part only it has ("the nitro cold
        brew or the voltage energy drink"), once each."""
        found = {p.id: p for p in self.products_named(text)}
        for phrase in _pointed_phrases(text):
            hits = self.knowledge.products_containing(phrase)
            if len(hits) == 1 and hits[0] not in found:
                found[hits[0]] = self.knowledge.product(hits[0])
        return list(found.values())

    def _by_size(self, text: str) -> str | None:
        """The one product whose name holds the size the words give ("the 50l one", "那个50升的
        背包", "the 750ml bottle"), of the kinds they name if any."""
        sizes = {_size_key(m) for m in _SIZE.finditer(text)}
        if not sizes:
            return None
        kinds = self.kinds_named(text)
        found = [p for p in self.knowledge.graph.products()
                 if sizes & {_size_key(m) for m in _SIZE.finditer(f"{p.name_en} {p.name_zh or ''}")}
                 and (not kinds or kinds & set(self.kinds_of(p.id)))]
        return found[0].id if len(found) == 1 else None

    def this_one(self, turn: Turn) -> bool:
        """Whether the words point at the product under discussion by its kind ("that lamp",
        "those earbuds", "这灯", "这个杯子") rather than ask for products of the kind."""
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current else None
        if discussed is None:
            return False
        kind = kind_of(discussed.name_en, discussed.name_zh)
        if kind is None:
            return False
        words = [w for k in lineage(kind) for w in (*KINDS[k].words_en, *KINDS[k].words_zh)]
        text = turn.latest.text.lower()
        return any(re.search(rf"\b(?:that|this|those|these|the same)\s+{re.escape(w)}\b|"
                             rf"[这那](?:个|款|只|件|台|盏|双|把)?{re.escape(w)}", text)
                   or (not w.endswith("s") and re.search(rf"\bthe\s+{re.escape(w)}\b(?!s)", text))
                   or (_HAN.match(w) and text.startswith(w) and bool(attributes_asked(text, None)))
                   for w in words)  # "does the hoodie come in 8Y?", "卫衣大概多重": the one discussed

    def _size_of(self, product_id: str) -> float | None:
        key = self.size_key(product_id)
        return value_of(self.knowledge.product(product_id), key) if key else None

    def size_key(self, product_id: str) -> str | None:
        """The attribute that says how big a product is: capacity, volume, battery, ..."""
        product = self.knowledge.product(product_id)
        return next((key for key in SIZE_KEYS if value_of(product, key) is not None), None)

    def kinds_named(self, text: str) -> set[str]:
        """The kinds of product the words name ("那个手表": {"watches"}), without "kind:"."""
        return {k.split(":", 1)[1] for k in self.search.constraints(text).kinds}

    def kinds_of(self, product_id: str) -> list[str]:
        product = self.knowledge.product(product_id)
        kind = kind_of(product.name_en, product.name_zh)
        return lineage(kind) if kind else []

    def known(self, product_ids: list[str]) -> list[str]:
        """The ids still in the catalogue (a product shown may have been deleted since)."""
        known = []
        for product_id in product_ids:
            try:
                self.knowledge.product(product_id)
            except NotFound:  # deleted since it was shown
                continue
            known.append(product_id)
        return known


_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                **money.COUNT_ZH}
# "2 mugs", "two of the tins", "两个杯子" (not "the 50l one", "750ml": sizes)
_COUNT = re.compile(r"(?i)(?<![\w.])(\d{1,2}|two|three|four|five)\s+(?!(?:ml|l|g|kg|mah|h|cm|mm|w|"
                    r"usd|eur|gbp|dollars?|euros?|pounds?|days?|hours?|hrs?)\b)(?:of )?[a-z]|"
                    r"([一两二三四五])\s*(?:个|件|双|瓶|包|盒|套|支|罐|箱|只|条|顶|盏)")


def count_in(part: str) -> int:
    """How many of a product one part of a basket says (1 when it says none)."""
    match = _COUNT.search(part)
    if not match:
        return 1
    said = (match.group(1) or match.group(2)).lower()
    return int(said) if said.isdigit() else _COUNT_WORDS.get(said, 1)


# a size in a product's name or a shopper's words: "50 L", "50l", "50升", "750 ml", "10,000 mAh"
_SIZE = re.compile(r"(?i)(\d[\d,]*(?:\.\d+)?)\s*(ml|毫升|l|升|mah|毫安时?|cm|厘米|oz)(?![a-z])")
_UNITS = {"毫升": "ml", "升": "l", "毫安": "mah", "毫安时": "mah", "厘米": "cm"}


def _size_key(match: re.Match[str]) -> str:
    number, unit = match.group(1).replace(",", ""), match.group(2).lower()
    return f"{float(number):g} {_UNITS.get(unit, unit)}"


_BASKET_PARTS = re.compile(r"(?i)\band\b|\bplus\b|\+|,|，|、|加上?|和|跟|还有")
SIZE_KEYS = ("capacity_ml", "volume_l", "battery_mah", "diameter_cm", "size_cm", "height_cm")
_ONE_OF = re.compile(r"(?i)\bthe [\w-]+(?: [\w-]+)? ones?\b|[\u4e00-\u9fff]{2,}(?:那个|那款|那瓶|那双|的那)")
_POINTED_EN = re.compile(r"(?i)\b(?:the|those|these|that|this)\s+([a-z][a-z-]{2,})(?:\s+([a-z][a-z-]{2,}))?")
_POINTED_ZH = re.compile(r"(?:那个|这个|那款|这款|那只|这只|那件|这件|那双|这双|那盏|这盏|那台|这台|那瓶|这瓶)"
                         r"([\u4e00-\u9fff]{2,8})")
_POINTED_ZH_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,6}?)的?(?:那款|那个|那瓶|那双|那件|那只|那盏|那台)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TALLER = re.compile(r"(?i)\btall(?:er|est)(?: one)?\b|高(?:一?点|些)的(?:那|这)?|更高的|最高的")
_NOT_NAMES = frozenset({"one", "ones", "other", "same", "first", "second", "third", "last",
                        "cheaper", "cheapest", "order", "wash", "price", "size", "colour", "color"})


def _without_colour(text: str) -> str:
    """The words with the colour they name taken out ("size 44 in orange available?")."""
    colour = colour_asked(text)
    if colour is None:
        return text
    words = [colour, *(w for w, c in COLOUR_WORDS.items() if c == colour)]
    return re.sub("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), " ",
                  text, flags=re.IGNORECASE)


def _pointed_phrases(text: str) -> list[str]:
    """The phrases after "the/those/这个" that may be part of a product's name, longest first."""
    phrases = []
    for match in _POINTED_EN.finditer(text):
        first, second = match.group(1).lower(), (match.group(2) or "").lower()
        if first in _NOT_NAMES:
            continue
        if second:
            phrases += [f"{first} {second}", f"{first} {second.removesuffix('s')}"]
        phrases.append(first.removesuffix("s") if len(first) > 4 else first)
    for match in _POINTED_ZH.finditer(text):
        part = match.group(1)
        phrases += [part[:length] for length in range(len(part), 1, -1)]
    for match in _POINTED_ZH_BEFORE.finditer(text):  # "柠檬那款", "玻璃的那个": the part first
        part = match.group(1)
        phrases += [part[-length:] for length in range(len(part), 1, -1)]
    return phrases


def _introduced(text: str, kinds: set[str]) -> bool:
    """Whether the words bring in a product of the kinds ("another desk lamp", "a kettle",
    "再买一盏台灯") rather than use the kind's word otherwise ("how much water does it hold")."""
    lowered = text.lower()
    for kind in kinds:
        for word in (*KINDS[kind].words_en, *KINDS[kind].words_zh):
            if re.search(rf"\b(?:another|a|an|the|that|this|new|second)\s+(?:[a-z-]+\s+)?"
                         rf"{re.escape(word)}\b", lowered) or (_HAN.match(word) and re.search(
                    rf"(?:一|另一|再买一?|新)(?:个|盏|台|双|件|只|款|把)?{re.escape(word)}", text)):
                return True
    return False
