"""Product search as a shopper asks it: what kind of product, which features, what budget (in
their currency), in what order, and what to offer when nothing matches.

``ProductSearch.answer(text, language)`` reads the request with the graph's constraint parser
(kinds and categories with their children, attribute values, tags, prices), converts a budget
in another currency with the configured rate table (``Settings.currency_rates``) and says so,
orders by what was asked ("cheapest", "续航最长", "largest capacity", "newest",
"best-selling") with the value shown, and lists at most five products, numbered, each with a
short reason ("waterproof, 55.00 USD"). When nothing meets every constraint it says which
constraint failed and offers the nearest products without it.

Example::

    search = ProductSearch(knowledge, {"CNY": 0.14})
    found = search.answer("有没有200元以内的跑鞋", "zh")
    found.text       # "200元约合28.00美元（商品以美元标价）。没有28.00美元以内的跑鞋，最接近的：1. ..."
    found.products   # ["fw-daily-trainer", ...]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from agents.jimi.asked import attributes_asked
from agents.jimi.comparison import attribute_name
from agents.jimi.product_answers import fitting_models, model_named
from agents.jimi.search_terms import (
    CURRENCY_ZH,
    Amount,
    Ordering,
    amount_text,
    amounts_in,
    count_asked,
    currency_of,
    head_kinds,
    key_for,
    meets,
    needs_in,
    ordering_of,
    value_of,
)
from agents.jimi.search_words import (
    described_search,
    joined,
    no_model,
    price_text,
    reasons_for,
    sentences,
    shown_value,
    unsold,
)
from agents.jimi.wording import agree, colour_name
from kg.constraints import Constraints
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase
from kg.numerals import arabic_amounts

SHOWN = 5

@dataclass
class Found:
    """A search's reply: the text, the products listed (in order), the ordering used."""

    text: str
    products: list[str] = field(default_factory=list)
    ordering: Ordering | None = None


_DRINKS = frozenset(f"kind:{k}" for k in ("coffee", "tea", "water", "juice", "soft-drinks",
                                           "sports-drinks"))


class ProductSearch:
    """Searches over one knowledge base, with a currency rate table."""

    def __init__(self, knowledge: KnowledgeBase, rates: dict[str, float]) -> None:
        self.knowledge = knowledge
        self.rates = {code.upper(): rate for code, rate in rates.items()}
        self._currency: tuple[int, str] | None = None

    def constraints(self, text: str) -> Constraints:
        text = _PER_PACK.sub(r"\1", text)  # "under 25 euros a pack": a price per pack, no backpack
        constraints = self.knowledge.query.parse(text)
        if len(constraints.kinds) > 1:
            constraints = replace(constraints, kinds=head_kinds(text, constraints.kinds))
        if constraints.kinds and constraints.kinds <= _DRINKS and any(
                need in ("keeps_hot_h", "keeps_cold_h") for need, _ in needs_in(text)):
            constraints = replace(constraints, kinds=frozenset())  # "keep my coffee hot": a flask
        return constraints

    def answer(self, text: str, language: str, low: float | None = None,
               high: float | None = None) -> Found:
        """The reply to a search request; ``low``/``high`` come from the NLU when the text
        itself states no price the parser reads."""
        text = arabic_amounts(text)  # "两万日元": the sum and its currency read alike
        constraints = self.constraints(text)
        if constraints.price_max is None and constraints.price_min is None and (
                low is not None or high is not None) and not amounts_in(text):
            constraints = replace(constraints, price_min=low, price_max=high)
        currency = self._catalogue_currency()
        asked = currency_of(text) or currency
        notes: list[str] = []
        if asked != currency and (constraints.price_max is not None
                                  or constraints.price_min is not None):
            constraints, note = self._converted(constraints, asked, currency, language)
            notes.append(note)
        ordering = ordering_of(text)
        amounts = amounts_in(text)
        if not _hard(constraints) and not constraints.soft and not amounts:
            ranked = self._by_meaning(text)
            thing = unsold(text, list(self.knowledge.graph.products())) if ranked else None
            if thing:  # "do u sell tents?": not as such, and what comes closest
                notes.append(f"我们没有卖{thing}，最接近的是这些：" if language == "zh" else
                             f"We don't sell {thing}, but these come closest.")
        else:
            ranked = self._matching(text, constraints, ordering is not None)
            if not ranked and constraints.kinds and constraints.categories:
                # "keep my drinks cold, like a bottle": the kind, not the drinks category
                constraints = replace(constraints, categories=frozenset())
                ranked = self._matching(text, constraints)
            if ranked and amounts:
                meeting = [p for p in ranked if all(a.holds(p) for a in amounts)]
                if not meeting:  # none holds 500 ml or more: the nearest, largest first
                    return self._short_of(ranked, amounts, constraints, language, currency, notes)
                ranked = meeting
        model = model_named(text)
        if ranked and model and any(p.values("compatible_models") for p in ranked):
            fitting = [p for p in ranked if fitting_models(p, model)]
            if not fitting:  # "a case for pixel 9?": none, and the models ours do fit
                listed = [p for p in ranked if p.values("compatible_models")][:3]
                return Found(sentences([*notes, no_model(listed, model, language)], language),
                             [p.id for p in listed])
            ranked = fitting
        needs = needs_in(text)
        if ranked and constraints.kinds:  # "a backpack + a bottle that keeps water cold": the
            needs = [n for n in needs if _bears(n[0], ranked)]  # bottle's need, not the pack's
        if ranked and needs:  # "no sugar and no caffeine": without the coffee and the tea
            meeting = [p for p in ranked if all(meets(p, need) for need in needs)]
            in_stock_only = all(need[0] == "stock" for need in needs)
            ranked = meeting or (ranked if in_stock_only else [])  # none in stock: say which
        if ranked is None or (not ranked and not _hard(constraints)):
            return Found(sentences([*notes, NOTHING[language]], language))
        if ranked:
            ordered = self._ordered(ranked, ordering)
            ranked, ordering = (ordered, ordering) if ordered else (ranked, None)  # none has
            # the value asked to order by: the matches unordered
            about = tuple(a for a in attributes_asked(text, None) if a not in _OWN_KEYS) + (
                ("colour",) if _COLOURS_ASKED.search(text) else ())  # "多少钱 啥颜色": each's
            wanted = count_asked(text) if ordering is not None else None
            if wanted:  # "the 3 most expensive things": three, and no "more"
                ranked = ranked[:wanted]
            return Found(sentences([*notes, self._listing(ranked, constraints, ordering,
                                                           language, currency, about)], language),
                         [p.id for p in ranked[:SHOWN]], ordering)
        return self._nearest(text, constraints, ordering, language, currency, notes)

    # -- finding -----------------------------------------------------------------------------

    def matching(self, text: str) -> list[ProductFacts]:
        """The products the words describe, closest in meaning first (no listing)."""
        return self._matching(text, self.constraints(text)) or []

    def _matching(self, text: str, constraints: Constraints, ordered: bool = False
                  ) -> list[ProductFacts] | None:
        """The products meeting the hard constraints, closest in meaning first; the soft
        ones (uses, concepts) narrow them, except under an ordering ("上班用的保温杯或保温壶
        哪个保温最久" orders them all)."""
        query = self.knowledge.query
        hits = query.search(constraints, limit=500) if not constraints.empty else []
        if not _hard(constraints):  # only tags or concepts: rank by meaning among them
            hits = [h for h in hits if h.score > 0]
        tags = {node.split(":", 1)[1] for node in constraints.soft if node.startswith("tag:")}
        if tags and constraints.kinds:  # "hiking boots (under 100)": of the kind, those for
            unpriced = replace(constraints, price_max=None, price_min=None)  # the use named,
            if any(tags & set(self.knowledge.product(h.product_id).tags)  # if it has any
                   for h in query.search(unpriced, limit=500)):
                hits = [h for h in hits if tags & set(self.knowledge.product(h.product_id).tags)]
        if constraints.soft and not ordered and any(h.score > 0 for h in hits):
            hits = [h for h in hits if h.score > 0]  # "露营用的灯": the camping ones, when any
        ids = [h.product_id for h in hits]
        similarity = self.knowledge.vectors.similarities("products", text, ids) if ids else {}
        soft = {h.product_id: h.score for h in hits}
        ids.sort(key=lambda i: -(similarity.get(i, 0.0) + 0.15 * soft.get(i, 0.0)))
        return [self.knowledge.product(i) for i in ids]

    def _by_meaning(self, text: str) -> list[ProductFacts] | None:
        """No kind, feature or budget named ("something for my dad"): closest in meaning."""
        if not text.strip():
            return None
        hits = self.knowledge.vectors.search("products", text, k=SHOWN)
        close = [h for h in hits if 1.0 - h.distance >= MIN_MEANING]
        return [self.knowledge.product(h.id) for h in close]

    def _short_of(self, ranked: list[ProductFacts], amounts: list[Amount],
                  constraints: Constraints, language: str, currency: str,
                  notes: list[str]) -> Found:
        """Products of the kind asked for, none of them big (or small) enough: said, with the
        ones nearest the amount."""
        wanted = amounts[0]
        gaps = {p.id: wanted.nearest(p) for p in ranked}
        nearest = sorted((p for p in ranked if gaps[p.id] is not None),
                         key=lambda p: gaps[p.id] or 0.0) or ranked
        described = described_search(constraints, language, currency)
        need = wanted.said(language)
        head = (f"没有找到{need}的{described}。最接近的是：" if language == "zh" else
                f"I couldn't find any {described} with {need}. The closest I have:")
        lines = self._lines(nearest[:3], constraints, None, language, currency)
        return Found(sentences([*notes, head + joined(lines, language)], language),
                     [p.id for p in nearest[:3]])

    def _nearest(self, text: str, constraints: Constraints, ordering: Ordering | None,
                 language: str, currency: str, notes: list[str]) -> Found:
        """Nothing meets every constraint: say which one failed and show the products that
        meet the others (over budget: the cheapest first)."""
        failed = described_search(constraints, language, currency)
        relaxations: list[tuple[Constraints, str]] = []
        if constraints.price_max is not None or constraints.price_min is not None:
            relaxations.append((replace(constraints, price_max=None, price_min=None), "price"))
        if constraints.values:
            relaxations.append((replace(constraints, values=frozenset()), "values"))
        for relaxed, dropped in relaxations:
            if not _hard(relaxed):
                continue
            found = self._matching(text, relaxed) or []
            if dropped == "price" and constraints.price_max is not None:
                found.sort(key=lambda p: p.price)
            elif dropped == "price":
                found.sort(key=lambda p: -p.price)
            elif ordering is not None:
                found = self._ordered(found, ordering)
            if found:
                head = (f"没有找到{failed}。最接近的是：" if language == "zh" else
                        f"I couldn't find any {failed}. The closest I have:")
                lines = self._lines(found[:3], relaxed, None, language, currency)
                return Found(sentences([*notes, head + joined(lines, language)], language),
                             [p.id for p in found[:3]], ordering)
        head = f"抱歉，我们目前没有{failed}。" if language == "zh" else \
            f"Sorry, we don't have any {failed} at the moment."
        return Found(sentences([*notes, head], language))

    def _ordered(self, products: list[ProductFacts], ordering: Ordering | None
                 ) -> list[ProductFacts]:
        if ordering is None:
            return products
        key = key_for(ordering, products)
        if key is None:
            return products
        if key.startswith("tag:"):  # "best-selling headphones": the best sellers
            return [p for p in products if key[4:] in p.tags] or products
        having = [p for p in products if value_of(p, key) is not None]
        lacking = [p for p in products if value_of(p, key) is None]
        having.sort(key=lambda p: (value_of(p, key) or 0.0, -p.price if ordering.descending
                                   else p.price), reverse=ordering.descending)
        return having + lacking if key.startswith("tag:") else having

    # -- wording -----------------------------------------------------------------------------

    def _listing(self, ranked: list[ProductFacts], constraints: Constraints,
                 ordering: Ordering | None, language: str, currency: str,
                 asked: tuple[str, ...] = ()) -> str:
        shown = ranked[:SHOWN]
        described = described_search(constraints, language, currency)
        lines = self._lines(shown, constraints, ordering, language, currency, ranked, asked)
        more = len(ranked) - len(shown)
        if ordering is not None:
            key = key_for(ordering, ranked)
            value = shown_value(shown[0], key, language) if key else None
            template = ordering.lead_zh if language == "zh" else ordering.lead_en
            amount = amount_text(shown[0], key, language) if key else None
            lead = agree(template.format(name=shown[0].name(language),
                                         value=amount or value or price_text(shown[0], language)),
                         shown[0].name(language))
            if len(shown) == 1:  # "容量最大的是…，750毫升（34.00美元）": its price too
                price = price_text(shown[0], language)
                return lead if key == "price" or price in lead else (
                    f"{lead[:-1]}（{price}）。" if language == "zh" else f"{lead[:-1]} ({price}).")
            head = (f"{lead}{described}（{ordering.header_zh}）：" if language == "zh" else
                    f"{lead} {described[:1].upper() + described[1:]}, {ordering.header_en}:")
        elif language == "zh":
            head = f"为您找到{len(ranked)}件{described}：" if described else "这些商品可能适合您："
        else:
            head = (f"{described[:1].upper() + described[1:]} ({len(ranked)} found):"
                    if described else "Here is what I found:")
        text = head + joined(lines, language)
        if more > 0:
            text += (f" 还有{more}件，告诉我预算或想要的功能，我帮您缩小范围。" if language == "zh" else
                     f" There {'is' if more == 1 else 'are'} {more} more; tell me a budget or "
                     "a feature to narrow it down.")
        return text

    def _lines(self, products: list[ProductFacts], constraints: Constraints,
               ordering: Ordering | None, language: str, currency: str,
               pool: list[ProductFacts] | None = None,
               asked: tuple[str, ...] = ()) -> list[str]:
        """One numbered line a product: the features asked for, the ordering's value and
        the values of what the words ask about ("要限音量的": 85 dB), the price, stock."""
        key = key_for(ordering, pool or products) if ordering else None
        keys = [k for k in ((key,) if key else ()) + asked
                if not k.startswith("tag:") and k != "price"]
        lines = []
        for n, product in enumerate(products, 1):
            reasons = reasons_for(product, constraints, language)
            for wanted in dict.fromkeys(keys):
                if wanted == "colour":  # "有没有更轻的跑鞋 啥颜色": the colours of each
                    names = [colour_name(c, language) for c in product.values("colour")]
                    reasons += ["、".join(names) if language == "zh" else "/".join(names)] \
                        if names else []
                    continue
                value = shown_value(product, wanted, language)
                if value and wanted != key:  # asked about: "咖啡因0毫克", "caffeine 0 mg"
                    label, _ = attribute_name(wanted, language)
                    value = f"{label}{value}" if language == "zh" else f"{label} {value}"
                if value and value not in reasons:
                    reasons.append(value)
            reasons.append(price_text(product, language))
            if not product.in_stock:
                reasons.append("暂时缺货" if language == "zh" else "out of stock")
            if language == "zh":
                lines.append(f"{n}. {product.name('zh')}（{'，'.join(reasons)}）")
            else:
                lines.append(f"{n}. {product.name_en}: {', '.join(reasons)}")
        return lines

    def _converted(self, constraints: Constraints, asked: str, currency: str,
                   language: str) -> tuple[Constraints, str]:
        rate = self.rates.get(asked)
        if rate is None:
            note = (f"商品以{CURRENCY_ZH.get(currency, currency)}标价，以下按{currency}理解您的预算。"
                    if language == "zh" else
                    f"Our prices are in {currency}, so I read your budget as {currency}.")
            return constraints, note
        amounts = [a for a in (constraints.price_max, constraints.price_min) if a is not None]
        shown = "、".join if language == "zh" else ", ".join
        pairs = [(a, round(a * rate, 2)) for a in amounts]
        if language == "zh":
            note = shown([f"{a:g}{CURRENCY_ZH.get(asked, asked)}约合{b:.2f}"
                          f"{CURRENCY_ZH.get(currency, currency)}" for a, b in pairs]) + \
                f"（商品以{CURRENCY_ZH.get(currency, currency)}标价）。"
        else:
            note = shown([f"{a:g} {asked} is about {b:.2f} {currency}" for a, b in pairs]) + \
                f" (our prices are in {currency})."
        return replace(constraints,
                       price_max=(round(constraints.price_max * rate, 2)
                                  if constraints.price_max is not None else None),
                       price_min=(round(constraints.price_min * rate, 2)
                                  if constraints.price_min is not None else None)), note

    def _catalogue_currency(self) -> str:
        """The currency the catalogue prices in, read once per catalogue version (building
        every product's facts on each search cost a pass over the whole graph)."""
        version = self.knowledge.version
        if self._currency is None or self._currency[0] != version:
            nodes = self.knowledge.graph.graph.nodes(data=True)
            code = next((str(d.get("currency") or "USD") for _, d in nodes
                         if d.get("type") == "product"), "USD")
            self._currency = (version, code)
        return self._currency[1]


MIN_MEANING = 0.3
NOTHING = {
    "en": "I couldn't find a product matching that. Could you describe it differently?",
    "zh": "没有找到符合条件的商品，能换个描述试试吗？",
}


def _hard(constraints: Constraints) -> bool:
    return bool(constraints.categories or constraints.kinds or constraints.brands or
                constraints.values or
                constraints.price_max is not None or constraints.price_min is not None)


_PER_PACK = re.compile(r"(?i)(\d[\d.,]*(?:\s*[a-z€£$]+)?)\s+(?:a|per|each) pack\b")
_OWN_KEYS = frozenset({"price", "stock", "colour", "size"})
# which colours the products come in, asked with a search
_COLOURS_ASKED = re.compile(r"(?i)\b(?:what|which) colou?rs?\b|\bcolou?r options\b|\bin what colou?rs?\b|"
                            r"(?:啥|什么|哪些|哪几种|几种)颜色|颜色(?:有)?(?:哪些|几种|有啥)")


def _bears(attribute: str, products: list[ProductFacts]) -> bool:
    """Whether a need's attribute means anything for these products: one of them states it
    (the special needs, stock, kids and fragility, hold for every product)."""
    return attribute in ("stock", "kids", "fragile") or any(
        product.attributes.get(attribute) is not None or value_of(product, attribute) is not None
        for product in products)
