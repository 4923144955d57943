"""JIMI on products: finding them, answering about them, following "the first one" and
"both", comparing, and the one cross-sell a conversation.

``Shopping`` holds what these answers need (the knowledge base, the search, the attribute
ranker); ``Jimi`` routes a turn here and wraps the reply with care.

Example::

    shopping = Shopping(knowledge, ProductSearch(knowledge, rates), ranker)
    shopping.search_reply(turn, shopper).shown   # ["fw-road-racer", ...]
"""

from __future__ import annotations

import re

from agents.jimi import cues
from agents.jimi.asked import attributes_asked, colour_asked, size_asked
from agents.jimi.comparison import compare
from agents.jimi.context import Reply, Shopper, Turn
from agents.jimi.described import conversation_products, described, picked_out
from agents.jimi.evidence import evidence, said_in_description
from agents.jimi.product_answers import describe_attribute, fits_model, has_colour, has_size
from agents.jimi.references import PARTS, Reference, named_among, positions_in, resolve
from agents.jimi.search import ProductSearch
from agents.jimi.search_terms import (
    CURRENCY_ZH,
    currency_asked,
    key_for,
    ordering_of,
    value_of,
    without_ordering,
)
from agents.jimi.which import difference, which_has, which_unknown, which_wins
from agents.jimi.wording import attribute_asked
from kg.attributes import AttributeRanker, attribute_text
from kg.facts import ProductFacts
from kg.kinds import KINDS, kind_of, lineage
from kg.knowledge import KnowledgeBase
from shopmind.errors import NotFound

NO_PRODUCT = {
    "en": "I couldn't tell which product you mean. Could you give me its name?",
    "zh": "抱歉，我没能确定您说的是哪件商品，能告诉我商品名称吗？",
}


class Shopping:
    """Product answers over one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, search: ProductSearch,
                 ranker: AttributeRanker) -> None:
        self.knowledge = knowledge
        self.search = search
        self.ranker = ranker
        self._pointed: dict[tuple[int, str], str | None] = {}  # named_by_part, per text

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

    def product_of(self, turn: Turn, shopper_id: str | None = None) -> ProductFacts | None:
        """The one product a turn is about: named (by the NLU or in the words), pointed at
        ("the second one", "那个头灯"), described ("the buds", "那个心率手表"), the one under
        discussion, or named earlier."""
        current = turn.slots.get("product")
        # "how much water does it hold": "it" is the kettle, "water" names no product here
        it = bool(current and cues.IT.search(turn.latest.text))
        outright = self.products_named(turn.latest.text)
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
        found = None if it else (self.described(turn, shopper_id)
                                 or self.find(turn.latest.text))
        if found is not None:
            return found
        if current:  # "is it waterproof?", "what colours?": the product under discussion
            found = self.find(str(current))
            if found is not None:
                return found
        for name in turn.products():
            found = self.find(name)
            if found is not None:
                return found
        return None

    def described(self, turn: Turn, shopper_id: str | None, text: str | None = None,
                  like_discussed: bool = False) -> ProductFacts | None:
        """The product the words describe by kind and features ("the buds", "那个手表",
        "心率手表"): of the conversation first, else the one in the catalogue that fits.
        ``like_discussed``: words that name no kind ("the kids one", "丝绒那款") describe a
        product of the kind under discussion."""
        text = turn.latest.text if text is None else text
        kinds = {k.split(":", 1)[1] for k in self.search.constraints(text).kinds}
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current and like_discussed and not kinds else None
        if discussed is not None and self.kinds_of(discussed.id):
            kinds = {self.kinds_of(discussed.id)[0]}
            context = conversation_products(turn, self.knowledge, shopper_id)
            catalogue = [self.knowledge.product(p) for p in
                         self.knowledge.query.products_of_kind(f"kind:{next(iter(kinds))}")]
            return described(text, context, catalogue, kinds, need_votes=True)
        if not kinds:
            return None
        catalogue = [self.knowledge.product(p) for kind in sorted(kinds)
                     for p in self.knowledge.query.products_of_kind(f"kind:{kind}")]
        return described(text, conversation_products(turn, self.knowledge, shopper_id),
                         catalogue, kinds)

    def ours(self, turn: Turn, shopper: Shopper) -> bool:
        """Whether the words point at a product of this conversation by kind ("the buds - ok
        for sweat?", "那个手表续航多久") rather than ask for products of the kind."""
        text = turn.latest.text
        pointing = bool(_POINTED_EN.search(text) or _POINTED_ZH.search(text))
        if cues.SEARCHING.search(text) or ordering_of(text) is not None or not (
                pointing or attributes_asked(text, None) or colour_asked(text)):
            return False
        found = self.described(turn, shopper.profile.id)
        ours = conversation_products(turn, self.knowledge, shopper.profile.id)
        if found is None or found not in ours:
            return False
        kinds = {k.split(":", 1)[1] for k in self.search.constraints(text).kinds}
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
        found = resolve(turn.latest.text, shown, discussed.id if discussed else None,
                        lambda p: self.knowledge.product(p).price, weight,
                        lambda p: self.knowledge.product(p).in_stock)
        if found is not None and found.how in ("ordinal", "in_stock"):
            return found
        named = named_among(turn.latest.text, [
            (p, self.knowledge.product(p).name_en, self.knowledge.product(p).name_zh or "")
            for p in shown])
        if named:  # "the trail shoe", "运动那款", "the glass one ... the other one"
            if found is not None and found.how == "other":
                others = [p for p in shown if p not in named]
                return Reference(others[:1], "other") if others else found
            return Reference(named, "named" if len(named) == 1 else "plural")
        if found is None and len(shown) > 1 and cues.BIGGER.search(turn.latest.text):
            sized = [(self._size_of(p), p) for p in shown]
            sized = [(v, p) for v, p in sized if v is not None]
            if sized:  # "the bigger one": the largest capacity among those shown
                pick = max(sized) if not cues.SMALLER.search(turn.latest.text) else min(sized)
                return Reference([pick[1]], "bigger")
        if found is None and len(shown) > 1:  # "那个头灯多重": the one headlamp shown
            kinds = {k.split(":", 1)[1] for k in self.search.constraints(turn.latest.text).kinds}
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
        product_id = self._pointed[key]
        return [self.knowledge.product(product_id)] if product_id else []

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
        product = self.knowledge.product(product_id)
        for key in ("capacity_ml", "volume_l", "battery_mah", "diameter_cm", "size_cm",
                    "height_cm"):
            value = value_of(product, key)
            if value is not None:
                return value
        return None

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

    def question(self, turn: Turn, shopper: Shopper) -> Reply:
        """A question about a product, about each of several ("do they come in black?"), or
        over a kind of product, which is a search ("which headphones last longest?")."""
        language = shopper.language
        text = turn.latest.text
        named = turn.latest.entities.get("product", []) or self.products_named(text)
        if self._is_search(text) and not self.this_one(turn) and not self.ours(turn, shopper):
            return self.search_reply(turn, shopper)  # "which headphones last longest?"
        pointed = None if named else self.referenced(turn)
        if pointed is not None and pointed.how == "plural" and len(pointed.products) > 1:
            return self._about_each(turn, shopper, pointed.products)
        listed = self.known(turn.last_shown())
        if not named and pointed is None and 2 <= len(listed) <= 3 and turn.earlier and \
                turn.earlier[-1].intent == "product_search" and \
                not cues.PRONOUN.search(text) and not self.named_by_part(text):
            return self._about_each(turn, shopper, listed)  # "什么味道的" after two candles
        product = self.product_of(turn, shopper.profile.id)
        if product is None:
            if self.search.constraints(text).kinds or (
                    cues.SHOPPING_QUESTION.search(text) and not named):
                return self.search_reply(turn, shopper)  # "那有雨伞卖吗"
            return Reply([NO_PRODUCT[language]])
        asked_for = bool(cues.GOES_WITH.search(text))  # "anything that goes with it?"
        texts = [] if asked_for else self._answers(product, turn, language, pointed)
        if cues.BUYING.search(text) and not product.in_stock:  # "I'll buy the pocket one"
            texts.insert(0, describe_attribute(product, "stock", language))
        if not product.in_stock and (cues.BUYING.search(text) or "stock" in attributes_asked(
                text, product)):
            texts += self._in_stock_instead(product, language)  # "现在能买到吗": what can be
        reply = Reply(texts, slots={"product": product.name_en})
        suggestion = self._suggestion(turn, shopper, {product.id}, asked_for)
        if suggestion:
            reply.texts.append(suggestion)
            reply.marks.append("cross_sell")
        elif asked_for:
            reply.texts.append(NO_COMPLEMENT[language].format(name=product.name(language)))
        return reply

    def _answers(self, product: ProductFacts, turn: Turn, language: str,
                 pointed: Reference | None) -> list[str]:
        """Every part of a question about one product: a colour, a size, each attribute
        asked ("how big is it and how many watts?"), else the best-matching attribute."""
        text = _without_names(turn.latest.text, product)  # "ANC" in a name asks nothing
        parts = []
        others = bool(cues.OTHER_COLOURS.search(text))  # "我买过灰的 还有别的颜色不": all of them
        colour = None if others else (colour_asked(text) or turn.entity("colour"))
        size = size_asked(text, product) or turn.entity("size")
        if others:
            parts.append(describe_attribute(product, "colour", language))
        if colour:
            parts.append(has_colour(product, colour, language))
        if size:
            parts.append(has_size(product, size, language))
        attributes = [a for a in attributes_asked(text, product)
                      if not ((colour or size or others) and a in ("colour", "size", "stock"))]
        entity = turn.entity("attribute")
        if not attributes and entity:
            attributes = [a for a in [attribute_asked("", entity)] if a]
        if not parts and not attributes and pointed is not None:
            attributes = {"cheaper": ["price"], "dearer": ["price"],
                          "lighter": ["weight_g", "price"]}.get(pointed.how, [])
        if not parts and not attributes and not cues.GENERAL.search(text):
            found = evidence(text, product, language)  # "甜不甜": "茉莉花茶搭配鲜奶，微甜"
            if found:
                return [said_in_description(product, found, language)]
            attributes = [a for a in [self._attribute_for(text, product)] if a]
        for attribute in attributes:
            fits = fits_model(product, text, language) if attribute == "compatible_models" \
                else None  # "能用在16 Pro上吗": yes or no, not the list alone
            parts.append(fits or describe_attribute(product, attribute, language))
            if attribute == "price":
                parts += self._converted(product, text, language)
            elif isinstance(product.attributes.get(attribute), bool) and len(attributes) == 1:
                found = evidence(text, product, language)  # "sugar free?": "no sugar added"
                if found and found.lower() not in parts[-1].lower():
                    parts.append(said_in_description(product, found, language))
        if not parts:
            parts.append(describe_attribute(product, None, language))
        return [(" " if language == "en" else "").join(parts)]

    def _in_stock_instead(self, product: ProductFacts, language: str) -> list[str]:
        """The product of the same kind nearest in price that is in stock, for one that is
        not."""
        kinds = self.kinds_of(product.id)
        if not kinds:
            return []
        others = [self.knowledge.product(p) for p in
                  self.knowledge.query.products_of_kind(f"kind:{kinds[0]}") if p != product.id]
        stocked = sorted((p for p in others if p.in_stock),
                         key=lambda p: abs(p.price - product.price))
        if not stocked:
            return []
        other = stocked[0]
        return [f"有货的同类商品：{other.name('zh')}（{other.price:.2f}美元）。" if language == "zh"
                else f"In stock instead: the {other.name_en} ({other.price:.2f} {other.currency})."]

    def _part_product(self, part: str) -> ProductFacts | None:
        """The one catalogue product whose name holds this part of a sentence ("台灯",
        "the floor lamp"), without filler words."""
        core = re.sub(r"(?i)对比一?下?|比一?下|比较一?下?|compare|the|\s+", "", part)
        core = re.sub(r"[的吗呢吧？?。.!！,，]", "", core)
        if len(core) < 2:
            return None
        found = self.knowledge.products_containing(core)
        return self.knowledge.product(found[0]) if len(found) == 1 else None

    def _converted(self, product: ProductFacts, text: str, language: str) -> list[str]:
        """"How much is it in euros?": the price in the currency asked, at the configured rate."""
        asked = currency_asked(text)
        rate = self.search.rates.get(asked or "")
        if not asked or asked == product.currency or not rate:
            return []
        amount = product.price / rate
        return [f"约合{amount:.2f}{CURRENCY_ZH.get(asked, asked)}（按配置汇率）。" if language == "zh"
                else f"That is about {amount:.2f} {asked} at our configured rate."]

    def _about_each(self, turn: Turn, shopper: Shopper, product_ids: list[str]) -> Reply:
        """"Do they come in black?" after a list: the answer for each product shown, and
        the difference when two prices are asked about ("这两款差多少钱")."""
        language = shopper.language
        products = [self.knowledge.product(p) for p in product_ids[:3]]
        texts = [self._answers(p, turn, language, None)[0] for p in products]
        asked = attributes_asked(turn.latest.text, products[0])
        if len(products) == 2 and asked[:1] == ["price"]:
            gap = abs(products[0].price - products[1].price)
            cheaper = min(products, key=lambda p: p.price)
            texts.append(f"相差{gap:.2f}美元，{cheaper.name('zh')}更便宜。" if language == "zh" else
                         f"The difference is {gap:.2f} {cheaper.currency}; the "
                         f"{cheaper.name_en} is cheaper.")
        return Reply([(" " if language == "en" else "").join(texts)])

    def _is_search(self, text: str) -> bool:
        """A question over a kind of product, not one product: "which headphones last
        longest?", "最便宜的水壶是哪个"."""
        constraints = self.search.constraints(text)
        if not (constraints.kinds or constraints.categories):
            return False
        if ordering_of(text) is not None:  # "the biggest mug you have to go with it"
            return True
        return not (self.products_named(text) or self.named_by_part(text)) and not (
            cues.PRONOUN.search(text) and not cues.SEARCHING.search(text))

    def _attribute_for(self, question: str, product: ProductFacts) -> str | None:
        """The attribute that answers a free-form question ("will it keep my feet dry?"),
        ranked by ``kg.attributes.AttributeRanker`` (MiniLM + BM25, fused by rank)."""
        candidates = [(name, attribute_text(name, ", ".join(product.values(name))))
                      for name in product.attributes]
        candidates.append(("price", attribute_text("price", f"{product.price:.2f} "
                                                   f"{product.currency} cost how much")))
        candidates.append(("stock", attribute_text("availability", "in stock available")))
        ranked = self.ranker.rank(question, candidates)
        return ranked[0].name if ranked else None

    def search_reply(self, turn: Turn, shopper: Shopper) -> Reply:
        language = shopper.language
        low, high = price_range(turn)
        found = self.search.answer(self._search_text(turn), language, low, high)
        texts = [found.text]
        reply = Reply(texts, shown=found.products or None)
        if found.products:
            reply.slots["product"] = self.knowledge.product(found.products[0]).name_en
            size = size_asked(turn.latest.text)
            if size:  # "hiking boots in size 47": which of them come in it
                texts.append(self._in_size(found.products, size, language))
        return reply

    def _in_size(self, product_ids: list[str], size: str, language: str) -> str:
        products = [self.knowledge.product(p) for p in product_ids]
        having = [p for p in products if size.upper() in {s.upper() for s in p.values("size")}]
        if having:
            names = ("、" if language == "zh" else " and the ").join(p.name(language) for p in having)
            return (f"有{size}码的：{names}。" if language == "zh" else
                    f"In size {size}: the {names}.")
        sized = [p for p in products if p.values("size")]
        if language == "zh":
            shown = "；".join(f"{p.name('zh')}尺码{'、'.join(p.values('size'))}" for p in sized[:2])
            return f"这些都没有{size}码" + (f"（{shown}）" if shown else "") + "。"
        shown = "; ".join(f"the {p.name_en} comes in {join_sizes(p.values('size'))}"
                          for p in sized[:2])
        return f"None of these comes in size {size}" + (f" ({shown})" if shown else "") + "."

    def _search_text(self, turn: Turn) -> str:
        """The request to search for: a refinement ("under 50?", "in black", "and the lightest
        waterproof one?") adds to the search it follows when it names no kind of its own."""
        text = turn.latest.text
        constraints = self.search.constraints(text)
        if constraints.kinds or constraints.categories:
            return text
        own_price = constraints.price_max is not None or constraints.price_min is not None
        for earlier in reversed(turn.earlier):
            if earlier.intent == "product_search" or self.search.constraints(earlier.text).kinds:
                before = _PRICE_WORDS.sub(" ", earlier.text) if own_price else earlier.text
                if ordering_of(text) is not None:  # "最便宜的呢" after "最贵的是哪个"
                    before = without_ordering(before)
                return f"{before} {text}"  # "那300块以内呢": the new budget, not the old one
        return text

    def _suggestion(self, turn: Turn, shopper: Shopper, shown: set[str],
                    asked: bool = False) -> str | None:
        """One cross-sell a conversation, only when the shopper talks about buying (or asks
        what goes with a product), and only a real complement (bought together in orders, of
        another kind) of what they are looking at; of what they bought before only when they
        look at nothing."""
        if not asked and ("cross_sell" in turn.marks or not cues.BUYING.search(turn.latest.text)):
            return None
        looked_at = [p for p in (turn.last_shown() or list(shown)) if p in shown][:1]
        for anchor in looked_at or list(shopper.profile.purchase_history):
            try:
                hits = self.knowledge.query.complementary(anchor, 3)
                base = self.knowledge.product(anchor)
            except NotFound:
                continue
            for hit in hits:
                if hit.product_id in shown or hit.product_id in shopper.profile.purchase_history:
                    continue
                other = self.knowledge.product(hit.product_id)
                if kind_of(other.name_en, other.name_zh) == kind_of(base.name_en, base.name_zh):
                    continue  # another kettle is an alternative, not a complement
                bought = anchor not in looked_at
                if shopper.language == "zh":
                    lead = f"您之前买过{base.name('zh')}" if bought else \
                        f"购买{base.name('zh')}的顾客常常一起买"
                    return f"{lead}，也许您还需要{other.name('zh')}（{other.price:.2f}美元）。"
                lead = (f"Since you bought the {base.name_en}" if bought else
                        f"Shoppers who buy the {base.name_en} often add")
                return (f"{lead}, you might also like the {other.name_en} "
                        f"({other.price:.2f} {other.currency})." if bought else
                        f"{lead} the {other.name_en} ({other.price:.2f} {other.currency}).")
        return None

    def compare_reply(self, turn: Turn, shopper: Shopper) -> Reply:
        """Two products side by side: the two named, a named one against the products just
        discussed ("how do they compare with the earbuds?"), or two of a list ("the first
        and the third", "both")."""
        named = list({p.id: p for p in (*self.products_named(turn.latest.text),
                                         *(self.find(n) for n in
                                           turn.latest.entities.get("product") or []))
                      if p}.values())
        if len(named) < 2:  # "台灯跟落地灯对比下", "it vs the sauté pan": each part names one
            parts = [p for p in (self._part_product(part) or self.described(
                turn, shopper.profile.id, part, like_discussed=True)
                for part in PARTS.split(turn.latest.text)) if p is not None]
            if parts:
                named = list({p.id: p for p in (*named, *parts)}.values())
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
        if not pairs:  # the products named earlier in the conversation
            found = [p for p in (self.find(n) for n in turn.products()) if p is not None]
            unique = list({p.id: p for p in found}.values())
            if len(unique) >= 2:
                pairs = [(unique[0], unique[1])]
        if not pairs:
            return Reply(["Which two products would you like me to compare?"
                          if shopper.language == "en" else "请告诉我您想比较哪两件商品？"])
        if len(pairs) == 1 and cues.WHICH.search(turn.latest.text):
            which = self._which_among(list(pairs[0]), turn, shopper)
            if which is not None:  # "铸铁锅和陶瓷不粘锅哪个重": the heavier one, with both values
                which.shown = [p.id for p in pairs[0]]
                return which
        texts = [compare(a, b, shopper.language) for a, b in pairs]
        key = next((k for pattern, k in cues.HOW_MUCH if pattern.search(turn.latest.text)), None)
        gap = difference(*pairs[0], key, shopper.language) if key else None
        if gap:  # "how much lighter is it than the GTX?": the difference first
            texts.insert(0, gap)
        ids = list(dict.fromkeys(p.id for pair in pairs for p in pair))
        return Reply(texts, slots={"product": pairs[0][0].name_en}, shown=ids)

    def which_of(self, turn: Turn, shopper: Shopper) -> Reply:
        """"Which one is lighter?", "which of the two is waterproof?", "这两款哪个续航长" after a
        list or a comparison: the answer among those products, with the values."""
        shown = self.known(turn.last_shown())
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
        if all(isinstance(f, bool) or f is None for f in flags):  # "which is waterproof?"
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


# a budget in a sentence, dropped from an earlier search when a new one is given
_PRICE_WORDS = re.compile(r"(?i)(?:under|below|less than|up to|over|above|between|from)?\s*[$€£¥]?"
                          r"\d+(?:\.\d+)?\s*(?:元|块|美元|刀|dollars?|usd|eur|rmb)?\s*"
                          r"(?:以内|以下|以上|之内|到\s*\d+\s*(?:元|块)?)?")


def join_sizes(sizes: list[str]) -> str:
    """"38 to 45" for a run of numbers, else the list."""
    numbers = [float(s) for s in sizes if s.replace(".", "", 1).isdigit()]
    if len(numbers) == len(sizes) and len(sizes) > 2:
        return f"{sizes[0]} to {sizes[-1]}"
    return ", ".join(sizes)


def price_range(turn: Turn) -> tuple[float | None, float | None]:
    """(minimum, maximum) price asked for. Two numbers make a range whatever the NLU called
    them ("between 25 and 35" often comes back as two maxima)."""
    def numbers(name: str) -> list[float]:
        found = []
        for value in turn.latest.entities.get(name, []):
            try:
                found.append(float(value.replace(",", "")))
            except ValueError:
                continue
        return found

    lows, highs = numbers("price_min"), numbers("price_max")
    every = sorted(lows + highs)
    if len(every) >= 2:
        return every[0], every[-1]
    return (lows[0] if lows else None), (highs[0] if highs else None)


_POINTED_EN = re.compile(r"(?i)\b(?:the|those|these|that|this)\s+([a-z][a-z-]{2,})(?:\s+([a-z][a-z-]{2,}))?")
_POINTED_ZH = re.compile(r"(?:那个|这个|那款|这款|那只|这只|那件|这件|那双|这双|那盏|这盏|那台|这台|那瓶|这瓶)"
                         r"([\u4e00-\u9fff]{2,8})")
_HAN = re.compile(r"[\u4e00-\u9fff]")
NO_COMPLEMENT = {"en": "I don't have anything that shoppers usually buy with the {name}.",
                 "zh": "暂时没有顾客常和{name}一起购买的商品。"}
_NOT_NAMES = frozenset({"one", "ones", "other", "same", "first", "second", "third", "last",
                        "cheaper", "cheapest", "order", "wash", "price", "size", "colour", "color"})


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
    return phrases
