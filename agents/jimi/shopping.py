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

from agents.jimi import cues, money
from agents.jimi.asked import COLOUR_WORDS, attributes_asked, colour_asked, colour_named, size_asked
from agents.jimi.comparing import Comparing, _without_names
from agents.jimi.comparison import attribute_name
from agents.jimi.context import Reply, Shopper, Turn
from agents.jimi.each_kind import kind_parts
from agents.jimi.evidence import evidence, said_in_description
from agents.jimi.product_answers import (
    describe_attribute,
    fits_model,
    has_colour,
    has_size,
    in_name,
)
from agents.jimi.references import Reference
from agents.jimi.relative import Relating
from agents.jimi.search import ProductSearch
from agents.jimi.search_terms import (
    CURRENCY_ZH,
    currency_asked,
    currency_of,
    key_for,
    meets,
    money_in,
    needs_in,
    ordering_of,
    without_ordering,
)
from agents.jimi.search_words import in_size
from agents.jimi.similar import similar_reply
from agents.jimi.wording import attribute_asked
from kg.attributes import AttributeRanker, attribute_text
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from kg.knowledge import KnowledgeBase
from shopmind.errors import NotFound

NO_PRODUCT = {
    "en": "I couldn't tell which product you mean. Could you give me its name?",
    "zh": "抱歉，我没能确定您说的是哪件商品，能告诉我商品名称吗？",
}


class Shopping(Comparing, Relating):
    """Product answers over one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, search: ProductSearch,
                 ranker: AttributeRanker) -> None:
        self.knowledge = knowledge
        self.search = search
        self.ranker = ranker
        self._pointed: dict[tuple[int, str], str | None] = {}  # named_by_part, per text

    def question(self, turn: Turn, shopper: Shopper) -> Reply:
        """A question about a product, about each of several ("do they come in black?"), or
        over a kind of product, which is a search ("which headphones last longest?")."""
        language = shopper.language
        text = turn.latest.text
        named = turn.latest.entities.get("product", []) or self.products_named(text)
        pointed = None if named else self.referenced(turn)
        parts = kind_parts(_IN_COLOUR.sub(" ", text), self.search)  # "in orange": no juice
        if len(parts) >= 2:  # "a non stick pan ... and a kettle for ..."
            return self.search_reply(turn, shopper, parts)
        if _BOTH_OF.search(text):  # "what colours do both the bottle and the camp tumbler come in"
            both = list(dict.fromkeys(p.id for p in self.parts_named(turn, shopper)))
            if len(both) == 2:
                return self._about_each(turn, shopper, both)
        if self._is_search(text, turn.slots.get("product")) and not (
                pointed is not None and pointed.how == "ordinal") and (
                cues.GOES_WITH.search(text) or not (self.this_one(turn) or self.ours(turn, shopper))):
            return self.search_reply(turn, shopper)  # "which headphones last longest?"
        if pointed is not None and pointed.how == "plural" and len(pointed.products) > 1:
            return self._about_each(turn, shopper, pointed.products)
        listed = self.known(turn.last_shown())
        if not named and pointed is None and 2 <= len(listed) <= 3 and turn.earlier and \
                turn.earlier[-1].intent == "product_search" and \
                not cues.PRONOUN.search(text) and not self.named_by_part(text) and \
                self.described(turn, shopper.profile.id) is None:  # "the grown-up one"
            return self._about_each(turn, shopper, listed)  # "什么味道的" after two candles
        product = self.product_of(turn, shopper.profile.id)
        if product is None:
            wanted = self.search.constraints(text)
            if wanted.kinds or wanted.values or wanted.soft or needs_in(text) or (
                    cues.SHOPPING_QUESTION.search(text) and not named):
                return self.search_reply(turn, shopper)  # "那有雨伞卖吗"
            return Reply([NO_PRODUCT[language]])
        asked_for = bool(cues.GOES_WITH.search(text))  # "anything that goes with it?"
        texts = [] if asked_for else self._answers(product, turn, language, pointed)
        if cues.BUYING.search(text) and not product.in_stock:  # "I'll buy the pocket one"
            texts.insert(0, describe_attribute(product, "stock", language))
        if not product.in_stock and (cues.BUYING.search(text) or size_asked(text, product) or
                                     "stock" in attributes_asked(text, product)):
            texts += self._in_stock_instead(product, language, text)  # "现在能买到吗": what can be
        elif not product.in_stock and texts and not any(_OUT.search(t) for t in texts):
            texts.append(OUT_NOW[language].format(name=product.name(language)))  # worth knowing
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
        if turn.earlier and not _asks_anything(text, product) and (cues.CORRECTION.search(text) or (
                cues.CARRY_ON.search(text) and (pointed is None or pointed.how in (
                    "ordinal", "other") or len(text) <= 12) and ordering_of(text) is None)):
            # "那科技面料那款拉链的呢" after "有3XL吗", "and the first one?" after "is the
            # second one dishwasher safe?": the same question about this one
            text = _without_names(turn.earlier[-1].text, product)
        parts = []
        others = bool(cues.OTHER_COLOURS.search(text))  # "我买过灰的 还有别的颜色不": all of them
        colour = None if others else (colour_asked(text) or colour_named(turn.entity("colour")))
        if colour and in_name(product, colour):
            colour = None  # "is the orange juice fresh?": a word of its name, not a colour
        size = size_asked(text, product) or turn.entity("size")
        if others:
            parts.append(describe_attribute(product, "colour", language))
        if colour:
            parts.append(has_colour(product, colour, language))
        if size:
            parts.append(has_size(product, size, language))
        answered = {"colour": bool(colour or others), "size": bool(size),
                    "stock": bool(colour or size or others)}  # "有42码吗？都有什么颜色": both
        attributes = [a for a in attributes_asked(text, product) if not answered.get(a)]
        converted = []
        if currency_asked(text) and "price" not in attributes:
            attributes.append("price")  # "有紫色吗？折合人民币多少": the price, converted
        elif "stock" in attributes and "price" in attributes:
            attributes.remove("price")  # "多少钱，有货没": the stock line says the price too
            converted = self._converted(product, text, language)  # "... 合人民币多少": in CNY
        entity = turn.entity("attribute")
        if not attributes and entity:
            attributes = [a for a in [attribute_asked("", entity)] if a]
        ranked = key_for(ordering_of(text), [product]) or next(
            (k for pattern, k, _ in cues.COMPARATIVE_KEYS if pattern.search(text)), None) or (
            "weight_g" if re.search(r"第.轻", text) else None)
        if not parts and not attributes and ranked:  # "第二轻的呢": its weight
            attributes = [ranked]
        if not parts and not attributes and pointed is not None:
            attributes = {"cheaper": ["price"], "dearer": ["price"],
                          "lighter": ["weight_g", "price"]}.get(pointed.how, [])
        elif pointed is not None and pointed.how in ("cheaper", "dearer") and \
                not {"price", "stock"} & set(attributes):  # the stock line says the price
            attributes.insert(0, "price")  # "最便宜那件有什么颜色": which one, by its price
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
                count = money.quantity_in(text)
                if count and count > 1:  # "买两箱多少钱"
                    parts.append(money.quantity_line(product.price, count, language))
            elif isinstance(product.attributes.get(attribute), bool) and len(attributes) == 1:
                found = evidence(text, product, language)  # "sugar free?": "no sugar added"
                if found and found.lower() not in parts[-1].lower():
                    parts.append(said_in_description(product, found, language))
            if len(attributes) == 1 and product.attributes.get(attribute) is not True:
                parts += self._one_that_has(attribute, product, turn, language)
        parts += converted
        pack = product.attributes.get("pack_count")
        if cues.PER_UNIT.search(text) and isinstance(pack, int) and pack > 1:
            parts.append(money.per_unit_line(product, pack, language))  # "whats that per can"
        if not parts:
            parts.append(describe_attribute(product, None, language))
        return [(" " if language == "en" else "").join(parts)]

    def _one_that_has(self, attribute: str, product: ProductFacts, turn: Turn,
                      language: str) -> list[str]:
        """"is it waterproof?" when it is not: the one just shown that is, if any."""
        others = [self.knowledge.product(p) for p in self.known(turn.last_shown())
                  if p != product.id]
        having = [p for p in others if p.attributes.get(attribute) is True][:1]
        label = attribute_name(attribute, language)[0]
        return [f"不过{p.name('zh')}{label}。" if language == "zh" else
                f"The {p.name_en} is {label}, though." for p in having]

    def relative(self, turn: Turn, shopper: Shopper) -> Reply:
        """"Anything lighter than the first one?": others of the kind (``Relating``), else
        a search."""
        return self.relative_for(turn, shopper.language) or self.search_reply(turn, shopper)

    def _in_stock_instead(self, product: ProductFacts, language: str, text: str = "") -> list[str]:
        """The product of the same kind (else of a kind above it) nearest in price that is in
        stock, for one that is not; one with more of the needs the words name first."""
        lowered = text.lower()  # "need waterproof snow boots": a waterproof one, if any
        needs = needs_in(text) + [(a, True) for a, v in product.attributes.items()
                                  if v is True and a.replace("_", " ") in lowered]
        kinds = self.kinds_of(product.id)
        stocked: list[ProductFacts] = []
        for kind in lineage(kinds[0]) if kinds else []:  # snow boots, else any boots
            others = [self.knowledge.product(p) for p in
                      self.knowledge.query.products_of_kind(f"kind:{kind}") if p != product.id]
            stocked = sorted((p for p in others if p.in_stock),
                             key=lambda p: (-sum(meets(p, n) for n in needs),
                                            abs(p.price - product.price)))
            if stocked:
                break
        if not stocked:
            return []
        other = stocked[0]
        return [f"有货的同类商品：{other.name('zh')}（{other.price:.2f}美元）。" if language == "zh"
                else f"In stock instead: the {other.name_en} ({other.price:.2f} {other.currency})."]

    def _converted(self, product: ProductFacts, text: str, language: str) -> list[str]:
        """"How much is it in euros?": the price in the currency asked, at the configured rate."""
        asked = currency_asked(text)
        rate = self.search.rates.get(asked or "")
        if not asked or asked == product.currency or not rate:
            return []
        budget = money_in(text)
        if budget and budget[1] == asked and _ENOUGH.search(text):  # "400块够不够": the sum
            # in USD, and whether it is enough
            held = round(budget[0] * rate, 2)
            enough = held >= product.price
            if language == "zh":
                return [(f"{budget[0]:g}{CURRENCY_ZH.get(asked, asked)}约合{held:.2f}美元，"
                         f"{'够' if enough else '不够'}买{product.name('zh')}"
                         f"（{product.price:.2f}美元）。")]
            return [(f"{budget[0]:g} {asked} is about {held:.2f} {product.currency}, "
                     f"{'enough' if enough else 'not enough'} for the {product.name_en} "
                     f"({product.price:.2f} {product.currency}).")]
        return [money.in_currency_line(product.price / rate, asked, language)]

    def _about_each(self, turn: Turn, shopper: Shopper, product_ids: list[str]) -> Reply:
        """"Do they come in black?" after a list: the answer for each product shown, and
        the difference when two prices are asked about ("这两款差多少钱")."""
        language = shopper.language
        products = [self.knowledge.product(p) for p in product_ids[:3]]
        texts = [self._answers(p, turn, language, None)[0] for p in products]
        asked = attributes_asked(turn.latest.text, products[0])
        if len(products) >= 2 and asked[:1] == ["price"] and cues.TOTAL.search(turn.latest.text):
            total = sum(p.price for p in products)  # "这两个一共多少钱"
            texts.append(f"一共{total:.2f}美元。" if language == "zh" else
                         f"Together they come to {total:.2f} {products[0].currency}.")
        elif len(products) == 2 and asked[:1] == ["price"]:
            gap = abs(products[0].price - products[1].price)
            cheaper = min(products, key=lambda p: p.price)
            texts.append(f"相差{gap:.2f}美元，{cheaper.name('zh')}更便宜。" if language == "zh" else
                         f"The difference is {gap:.2f} {cheaper.currency}; the "
                         f"{cheaper.name_en} is cheaper.")
        return Reply([(" " if language == "en" else "").join(texts)])

    def _is_search(self, text: str, discussed: str | None = None) -> bool:
        """A question over a kind of product, not one product: "which headphones last
        longest?", "最便宜的水壶是哪个"."""
        constraints = self.search.constraints(text)
        if not (constraints.kinds or constraints.categories):
            return False
        if ordering_of(text) is not None:  # "the biggest mug you have to go with it"
            return True
        named = self.products_named(text) or self.named_by_part(text)
        if cues.GOES_WITH.search(text):  # "and a waterproof backpack to go with it": another
            current = self.find(str(discussed or ""))  # kind than the one it goes with
            return not named or (current is not None and current not in named)
        return not named and not (cues.PRONOUN.search(text) and not cues.SEARCHING.search(text))

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

    def search_reply(self, turn: Turn, shopper: Shopper, parts: list[str] | None = None
                     ) -> Reply:
        """A search; ``parts``: the message split one kind each, when already known."""
        language = shopper.language
        if cues.SIMILAR.search(turn.latest.text) and not _PRICE_WORDS.search(turn.latest.text) \
                and (current := self.find(str(turn.slots.get(
                "product") or ""))) is not None:  # "anything similar?"
            return similar_reply(current, self.knowledge.graph.products(), language)
        low, high = price_range(turn)
        parts = kind_parts(turn.latest.text, self.search) if parts is None else parts
        if len(parts) >= 2:  # "a non stick pan ... and a kettle for pour over": each
            founds = [self.search.answer(part, language, low, high) for part in parts]
            tops = [f.products[0] for f in founds if f.products]  # "both" next: one of each
            shown = list(dict.fromkeys([*tops, *(p for f in founds for p in f.products)]))
            return Reply([f.text for f in founds], shown=shown or None, slots={
                "product": self.knowledge.product(shown[0]).name_en} if shown else {})
        found = self.search.answer(self._search_text(turn), language, low, high)
        texts = [found.text]
        reply = Reply(texts, shown=found.products or None)
        if found.products:
            reply.slots["product"] = self.knowledge.product(found.products[0]).name_en
            size = size_asked(turn.latest.text)
            if size:  # "hiking boots in size 47": which of them come in it
                texts.append(in_size([self.knowledge.product(p) for p in found.products],
                                     size, language))
        return reply

    def _search_text(self, turn: Turn) -> str:
        """The request to search for: a refinement ("under 50?", "in black", "and the lightest
        waterproof one?") adds to the search it follows when it names no kind of its own."""
        text = turn.latest.text
        constraints = self.search.constraints(text)
        if constraints.kinds or constraints.categories:
            return text
        if _SELL_ASKED.search(text) or _NEW_NEED.search(text):
            return text  # "lol ok. do u sell umbrellas": a thing of its own, nothing carried
        own_price = constraints.price_max is not None or constraints.price_min is not None
        amount = _AMOUNT.search(_NOT_AMOUNT.sub(" ", text))
        if not own_price and amount and cues.CORRECTION.search(text):
            # "oops no, I meant 40 euros not 25": the budget, corrected
            text, own_price = f"under {amount.group(0)}", True
        text = _KIDS_OBJECTION.sub(" for adults ", text)  # "这个是儿童的啊…": not for kids
        searched_only = bool(cues.ANYTHING_ELSE.search(text))  # "还有别的吗": the search
        for earlier in reversed(turn.earlier):
            earlier_wanted = self.search.constraints(earlier.text)
            if searched_only and (cues.WHICH_VALUES.search(earlier.text)
                                  or attributes_asked(earlier.text, None)):
                continue  # "会发光的鞋有什么尺码" asked about one product: no search to carry
            if earlier.intent == "product_search" or (not searched_only and (
                    earlier_wanted.kinds or earlier_wanted.categories)):
                before = _PRICE_WORDS.sub(" ", earlier.text) if own_price else earlier.text
                if ("kids", False) in needs_in(text):  # "ok and one for me?": the kind only
                    before = _FOR_KIDS.sub(" ", _PRICE_WORDS.sub(" ", before))
                if ordering_of(text) is not None:  # "最便宜的呢" after "最贵的是哪个"
                    before = without_ordering(before)
                earlier_currency = currency_of(earlier.text)
                if own_price and earlier_currency and currency_of(text) is None:
                    # "那800以内呢" after "500人民币以内": the same currency, before the number
                    text = re.sub(r"(?<![\d.])(?=\d)", f"{earlier_currency} ", text, count=1)
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

# an amount with its currency ("40 euros"), and the one a correction takes back ("not 25")
_AMOUNT = re.compile(r"(?i)[$€£¥]\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:dollars?|bucks|usd|euros?|eur|"
                     r"pounds?|quid|gbp|yuan|rmb|cny|元|块|美元|欧元?|英镑)")
_NOT_AMOUNT = re.compile(r"(?i)\bnot\s+[$€£¥]?\d+(?:\.\d+)?|不是\s*\d+")
OUT_NOW = {"en": "Note that the {name} is out of stock right now.", "zh": "另外，{name}目前缺货。"}
_OUT = re.compile(r"(?i)out of stock|缺货|sold out|售罄")
_ENOUGH = re.compile(r"(?i)够|\benough\b|\bafford\b|\bcover\b")  # "400块够不够"
# "这个是儿童的啊", "that's a kids one": the shopper objects, they want one not for kids
_KIDS_OBJECTION = re.compile(r"(?i)(?:这个|这款|那个|这)是(?:给)?(?:儿童|小孩)(?:的|款|用的)|"
                             r"\b(?:that|it|this)(?:'s| is) (?:a |for )?(?:kids?|children)(?:'s?)?"
                             r"(?: one)?\b")
_FOR_KIDS = re.compile(r"(?i)\b(?:for )?(?:kids?|children|child)(?:'s)?\b|儿童|小孩|孩子|宝宝")
# a budget in a sentence, dropped from an earlier search when a new one is given
# "the trail runner in orange": a colour asked, not a kind named
_IN_COLOUR = re.compile(r"(?i)\bin (?:the )?(?:colou?r )?(?:" + "|".join(
    re.escape(w) for w in sorted((w for w in COLOUR_WORDS if w.isascii()), key=len, reverse=True))
    + r")\b")
# a need of its own, described rather than named: "also something to help him sleep"
_NEW_NEED = re.compile(r"(?i)\b(?:something|anything|sth|smth) (?:to|that|which) (?!goes with|"
                       r"matches|match)|有没有(?:什么)?能|有啥能|有什么能")
_SELL_ASKED = re.compile(
    r"(?i)\bdo (?:you|u|ya) (?:guys )?(?:sell|carry|stock|do) (?!(?:it|them|one|ones|those|these|that|this|"
    r"any(?:thing)?|some(?:thing)?|the|other|similar|more|in|a (?:cheaper|bigger|smaller|lighter))\b)"
    r"[a-z]|你们(?:有没有)?卖|有没有卖|有卖")
# a question about each of two products named: "do both the bottle and the tumbler...", "X和Y分别"
_BOTH_OF = re.compile(r"(?i)\bboth (?:the |of )?\w+.{0,40}\band\b|和.{1,20}(?:分别|各自|都)")
_PRICE_WORDS = re.compile(r"(?i)(?:under|below|less than|up to|over|above|between|from)?\s*[$€£¥]?"
                          r"\d+(?:\.\d+)?\s*(?:元|块|美元|刀|dollars?|usd|eur|rmb)?\s*"
                          r"(?:以内|以下|以上|之内|到\s*\d+\s*(?:元|块)?)?")


def _asks_anything(text: str, product: ProductFacts) -> bool:
    return bool(attributes_asked(text, product) or colour_asked(text) or size_asked(text, product)
                or cues.OTHER_COLOURS.search(text))


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


NO_COMPLEMENT = {"en": "I don't have anything that shoppers usually buy with the {name}.",
                 "zh": "暂时没有顾客常和{name}一起购买的商品。"}
