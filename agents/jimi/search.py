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

from agents.jimi.comparison import attribute_name
from kg.constraints import Constraints
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase

SHOWN = 5
CURRENCY_ZH = {"USD": "美元", "CNY": "元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元"}
# a currency named next to a number, in the words shoppers use
_CURRENCIES = (
    ("CNY", r"元|块钱|块|人民币|rmb|cny|yuan|rmb|¥|￥"),
    ("EUR", r"€|eur|euros?|欧元"),
    ("GBP", r"£|gbp|pounds?|英镑"),
    ("JPY", r"円|jpy|yen|日元"),
    ("USD", r"\$|usd|dollars?|bucks|美元|美金|刀"),
)
_CURRENCY = [(code, re.compile(rf"(?i)\d\s*(?:{words})|(?:{words})\s*\d"))
             for code, words in _CURRENCIES]


@dataclass(frozen=True)
class Ordering:
    key: str  # "price", an attribute, "capacity" (whichever the products have) or "tag:..."
    descending: bool
    lead_en: str  # "The cheapest is the {name} at {value}."
    lead_zh: str
    header_en: str  # "cheapest first"
    header_zh: str


def _ordering(pattern: str, key: str, descending: bool, lead_en: str, lead_zh: str,
              header_en: str, header_zh: str) -> tuple[re.Pattern[str], Ordering]:
    return (re.compile(pattern, re.IGNORECASE),
            Ordering(key, descending, lead_en, lead_zh, header_en, header_zh))


_ORDERINGS: tuple[tuple[re.Pattern[str], Ordering], ...] = tuple(
    _ordering(*row) for row in (
        (r"most expensive|priciest|highest price|最贵|价格最高|最高档", "price", True,
         "The most expensive is the {name} at {value}.", "最贵的是{name}，{value}。",
         "most expensive first", "按价格从高到低"),
        ((r"cheapest|least expensive|lowest price|most affordable|cheapest first|by price|"
          r"最便宜|最实惠|价格最低|最低价|便宜的排前|从便宜到贵|按价格"),
         "price", False, "The cheapest is the {name} at {value}.", "最便宜的是{name}，{value}。",
         "cheapest first", "按价格从低到高"),
        (r"\bcheap\b|inexpensive|budget|affordable|便宜的|便宜点|实惠", "price", False,
         "The cheapest is the {name} at {value}.", "最便宜的是{name}，{value}。",
         "cheapest first", "按价格从低到高"),
        (r"lightest|least weight|weighs the least|最轻|重量最轻",
         "weight_g", False, "The lightest is the {name} at {value}.", "最轻的是{name}，{value}。",
         "lightest first", "按重量从轻到重"),
        (r"heaviest|最重", "weight_g", True, "The heaviest is the {name} at {value}.",
         "最重的是{name}，{value}。", "heaviest first", "按重量从重到轻"),
        ((r"longest battery|battery lasts? (?:the )?longest|lasts? (?:the )?longest|"
          r"longest on (?:one|a) (?:single )?charge|best battery|most battery life|"
          r"续航最长|续航最久|最耐用电|电池最耐用|续航最好"),
         "battery_life_h", True, "The {name} has the longest battery life: {value}.",
         "续航最长的是{name}，{value}。", "longest battery life first", "按续航从长到短"),
        ((r"largest capacity|biggest capacity|most capacity|holds the most|largest|biggest|"
          r"容量最大|最大容量|容量最多|最大的|容量大|大容量|large capacity|big one"),
         "capacity", True, "The largest is the {name} with {value}.", "容量最大的是{name}，{value}。",
         "largest first", "按容量从大到小"),
        (r"smallest|least capacity|容量最小|最小的", "capacity", False,
         "The smallest is the {name} with {value}.", "容量最小的是{name}，{value}。",
         "smallest first", "按容量从小到大"),
        (r"brightest|most lumens|最亮", "brightness_lm", True,
         "The brightest is the {name} at {value}.", "最亮的是{name}，{value}。",
         "brightest first", "按亮度从高到低"),
        (r"least caffeine|lowest caffeine|咖啡因最少|咖啡因最低", "caffeine_mg", False,
         "The {name} has the least caffeine: {value}.", "咖啡因最少的是{name}，{value}。",
         "least caffeine first", "按咖啡因从少到多"),
        (r"most caffeine|strongest|咖啡因最多|咖啡因最高|最提神", "caffeine_mg", True,
         "The {name} has the most caffeine: {value}.", "咖啡因最多的是{name}，{value}。",
         "most caffeine first", "按咖啡因从多到少"),
        (r"newest|latest|most recent|new arrivals?|what'?s new|anything new|新出|最新|新款|新品|上新",
         "tag:new-arrival", True,
         "The newest is the {name}.", "最新的是{name}。", "new arrivals first", "新品优先"),
        (r"best[- ]?sell(?:ing|er)s?|most popular|top[- ]selling|最畅销|卖得最好|最受欢迎|最火|热销",
         "tag:bestseller", True, "Our best seller is the {name}.", "最畅销的是{name}。",
         "best sellers first", "热销款优先"),
    ))
CAPACITY_KEYS = ("capacity_ml", "volume_l", "battery_mah")


@dataclass
class Found:
    """A search's reply: the text, the products listed (in order), the ordering used."""

    text: str
    products: list[str] = field(default_factory=list)
    ordering: Ordering | None = None


def ordering_of(text: str) -> Ordering | None:
    for pattern, ordering in _ORDERINGS:
        if pattern.search(text):
            return ordering
    return None


def currency_of(text: str) -> str | None:
    for code, pattern in _CURRENCY:
        if pattern.search(text):
            return code
    return None


class ProductSearch:
    """Searches over one knowledge base, with a currency rate table."""

    def __init__(self, knowledge: KnowledgeBase, rates: dict[str, float]) -> None:
        self.knowledge = knowledge
        self.rates = {code.upper(): rate for code, rate in rates.items()}

    def constraints(self, text: str) -> Constraints:
        constraints = self.knowledge.query.parse(text)
        if len(constraints.kinds) > 1:
            constraints = replace(constraints, kinds=head_kinds(text, constraints.kinds))
        return constraints

    def answer(self, text: str, language: str, low: float | None = None,
               high: float | None = None) -> Found:
        """The reply to a search request; ``low``/``high`` come from the NLU when the text
        itself states no price the parser reads."""
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
        else:
            ranked = self._matching(text, constraints)
            if ranked is not None and amounts:
                ranked = [p for p in ranked if all(a.holds(p) for a in amounts)]
        if ranked is None or (not ranked and not _hard(constraints)):
            return Found(_sentences([*notes, NOTHING[language]], language))
        if ranked:
            ranked = self._ordered(ranked, ordering)
            return Found(_sentences([*notes, self._listing(ranked, constraints, ordering,
                                                           language, currency)], language),
                         [p.id for p in ranked[:SHOWN]], ordering)
        return self._nearest(text, constraints, ordering, language, currency, notes)

    # -- finding -----------------------------------------------------------------------------

    def _matching(self, text: str, constraints: Constraints) -> list[ProductFacts] | None:
        query = self.knowledge.query
        hits = query.search(constraints, limit=500) if not constraints.empty else []
        if not _hard(constraints):  # only tags or concepts: rank by meaning among them
            hits = [h for h in hits if h.score > 0]
        if constraints.soft and any(h.score > 0 for h in hits):
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

    def _nearest(self, text: str, constraints: Constraints, ordering: Ordering | None,
                 language: str, currency: str, notes: list[str]) -> Found:
        """Nothing meets every constraint: say which one failed and show the products that
        meet the others (over budget: the cheapest first)."""
        failed = _described(constraints, language, currency)
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
                return Found(_sentences([*notes, head + _joined(lines, language)], language),
                             [p.id for p in found[:3]], ordering)
        head = f"抱歉，我们目前没有{failed}。" if language == "zh" else \
            f"Sorry, we don't have any {failed} at the moment."
        return Found(_sentences([*notes, head], language))

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
                 ordering: Ordering | None, language: str, currency: str) -> str:
        shown = ranked[:SHOWN]
        described = _described(constraints, language, currency)
        lines = self._lines(shown, constraints, ordering, language, currency, ranked)
        more = len(ranked) - len(shown)
        if ordering is not None:
            key = key_for(ordering, ranked)
            value = _shown_value(shown[0], key, language) if key else None
            template = ordering.lead_zh if language == "zh" else ordering.lead_en
            amount = amount_text(shown[0], key, language) if key else None
            lead = template.format(name=shown[0].name(language),
                                   value=amount or value or _price(shown[0], language))
            if len(shown) == 1:
                return lead
            head = (f"{lead}{described}（{ordering.header_zh}）：" if language == "zh" else
                    f"{lead} {described[:1].upper() + described[1:]}, {ordering.header_en}:")
        elif language == "zh":
            head = f"为您找到{len(ranked)}件{described}：" if described else "这些商品可能适合您："
        else:
            head = (f"{described[:1].upper() + described[1:]} ({len(ranked)} found):"
                    if described else "Here is what I found:")
        text = head + _joined(lines, language)
        if more > 0:
            text += (f" 还有{more}件，告诉我预算或想要的功能，我帮您缩小范围。" if language == "zh" else
                     f" There are {more} more; tell me a budget or a feature to narrow it down.")
        return text

    def _lines(self, products: list[ProductFacts], constraints: Constraints,
               ordering: Ordering | None, language: str, currency: str,
               pool: list[ProductFacts] | None = None) -> list[str]:
        key = key_for(ordering, pool or products) if ordering else None
        lines = []
        for n, product in enumerate(products, 1):
            reasons = _reasons(product, constraints, language)
            if key and not key.startswith("tag:") and key != "price":
                value = _shown_value(product, key, language)
                if value:
                    reasons.append(value)
            reasons.append(_price(product, language))
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
        for product in self.knowledge.products()[:1]:
            return product.currency
        return "USD"


MIN_MEANING = 0.3
NOTHING = {
    "en": "I couldn't find a product matching that. Could you describe it differently?",
    "zh": "没有找到符合条件的商品，能换个描述试试吗？",
}


@dataclass(frozen=True)
class Amount:
    """A numeric need with a unit: "at least 20000 mAh", "under 300 g", "500毫升以上"."""

    unit: str  # the attribute suffix: mah, ml, g, h, w, lm
    low: float | None
    high: float | None

    def holds(self, product: ProductFacts) -> bool:
        for attribute, value in product.attributes.items():
            suffix = attribute.rsplit("_", 1)[-1]
            factor = 1.0 if suffix == self.unit else _CONVERT.get((suffix, self.unit))
            if factor is None or isinstance(value, bool) or not isinstance(value, int | float):
                continue
            amount = float(value) * factor
            if (self.low is None or amount >= self.low) and (self.high is None or
                                                             amount <= self.high):
                return True
        return False


_UNIT_WORDS = {"mah": "mah", "毫安": "mah", "毫安时": "mah", "ml": "ml", "毫升": "ml",
               "l": "ml", "litre": "ml", "liter": "ml", "litres": "ml", "liters": "ml", "升": "ml",
               "g": "g", "grams": "g", "gram": "g", "克": "g", "kg": "g", "公斤": "g", "千克": "g",
               "h": "h", "hours": "h", "hour": "h", "hrs": "h", "小时": "h", "w": "w",
               "watts": "w", "watt": "w", "瓦": "w", "lm": "lm", "lumens": "lm", "流明": "lm"}
_SCALE = {"l": 1000.0, "litre": 1000.0, "liter": 1000.0, "litres": 1000.0, "liters": 1000.0,
          "升": 1000.0, "kg": 1000.0, "公斤": 1000.0, "千克": 1000.0}
_CONVERT = {("l", "ml"): 1000.0}  # a product's litres compared with a need in millilitres
_AMOUNT = re.compile(
    r"(?i)(at least|minimum|min|over|more than|above|greater than|>=?|at most|maximum|max|"
    r"under|less than|below|up to|<=?|不少于|至少|超过|大于|不超过|少于|小于|低于)?\s*"
    r"(\d[\d,]*(?:\.\d+)?)\s*(mah|ml|litres?|liters?|l|kg|grams?|g|hours?|hrs|h|watts?|w|"
    r"lumens|lm|毫安时|毫安|毫升|升|公斤|千克|克|小时|瓦|流明)(?![a-z])\s*(以上|以下|以内|起|\+)?")
_LOW = ("at least", "minimum", "min", "over", "more than", "above", "greater than", ">", ">=",
        "不少于", "至少", "超过", "大于")


def amounts_in(text: str) -> list[Amount]:
    found = []
    for match in _AMOUNT.finditer(text):
        before, number, unit, after = match.groups()
        if not before and not after:
            continue  # "the 20,000 mAh one" names a product, it sets no bound
        value = float(number.replace(",", "")) * _SCALE.get(unit.lower(), 1.0)
        low = (before or "").lower() in _LOW or after in ("以上", "起", "+")
        found.append(Amount(_UNIT_WORDS[unit.lower()], value if low else None,
                            None if low else value))
    return found


def head_kinds(text: str, kinds: frozenset[str]) -> frozenset[str]:
    """"Looking for a kettle for pour-over coffee" asks for kettles: of several kinds named,
    those before the "for" (给, 适合, 配) that follows the first of them."""
    from kg.kinds import KINDS

    lowered = text.lower()
    first: dict[str, int] = {}
    for node in kinds:
        kind = KINDS.get(node.split(":", 1)[1])
        if kind is None:
            continue
        spots = [m.start() for word in (*kind.words_en, *kind.words_zh)
                 for m in re.finditer(rf"(?<![a-z]){re.escape(word.lower())}(?![a-z])", lowered)]
        if spots:
            first[node] = min(spots)
    if len(first) < 2:
        return kinds
    start = min(first.values())
    cut = re.compile(r"(?i)\bfor\b|\bto go with\b|\bwith\b|给|适合|配|用来|搭配").search(
        lowered, start)
    if not cut:
        return kinds
    keep = frozenset(node for node, at in first.items() if at < cut.start())
    return keep or kinds


def _hard(constraints: Constraints) -> bool:
    return bool(constraints.categories or constraints.kinds or constraints.values or
                constraints.price_max is not None or constraints.price_min is not None)


def key_for(ordering: Ordering | None, products: list[ProductFacts]) -> str | None:
    if ordering is None:
        return None
    if ordering.key != "capacity":
        return ordering.key
    for key in CAPACITY_KEYS:  # the capacity these products have: ml, litres or mAh
        if any(key in p.attributes for p in products):
            return key
    return None


def value_of(product: ProductFacts, key: str) -> float | None:
    if key == "price":
        return product.price
    if key.startswith("tag:"):
        return 1.0 if key[4:] in product.tags else 0.0
    value = product.attributes.get(key)
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _shown_value(product: ProductFacts, key: str | None, language: str) -> str | None:
    if not key or key.startswith("tag:"):
        return None
    if key == "price":
        return _price(product, language)
    value = value_of(product, key)
    if value is None:
        return None
    amount = amount_text(product, key, language) or ""
    if key == "battery_life_h":
        return f"续航{amount}" if language == "zh" else f"{amount} battery life"
    return amount


UNIT_ZH = {"h": "小时", "g": "克", "ml": "毫升", "mAh": "毫安时", "L": "升", "W": "瓦",
           "lm": "流明", "cm": "厘米", "mm": "毫米", "mg": "毫克", "kg": "千克"}


def amount_text(product: ProductFacts, key: str, language: str) -> str | None:
    """A numeric attribute with its unit: "30 h", "220 g", "30小时"."""
    if key == "price" or key.startswith("tag:"):
        return None
    value = value_of(product, key)
    if value is None:
        return None
    _, unit = attribute_name(key, "en")
    number = str(int(value)) if value == int(value) else f"{value:g}"
    if language == "zh":
        return f"{number.replace(',', '')}{UNIT_ZH.get(unit, unit)}"
    return f"{number} {unit}".strip()


def _price(product: ProductFacts, language: str) -> str:
    if language == "zh":
        return f"{product.price:.2f}{CURRENCY_ZH.get(product.currency, product.currency)}"
    return f"{product.price:.2f} {product.currency}"


def _reasons(product: ProductFacts, constraints: Constraints, language: str) -> list[str]:
    """The asked-for features this product has, in words ("waterproof", "防水")."""
    reasons = []
    for value in sorted(constraints.values):
        attribute, _, raw = value.split(":", 1)[1].partition("=")
        if raw == "true":
            label, _ = attribute_name(attribute, language)
            reasons.append(label)
        else:
            reasons.append(raw.replace("-", " "))
    return reasons


def _described(constraints: Constraints, language: str, currency: str) -> str:
    """What was asked for, in words: "waterproof shoes under 100 USD", "100美元以内的防水鞋"."""
    graph = constraints_graph_labels(constraints, language)
    features = [label for label in graph["values"]]
    things = graph["kinds"] or graph["categories"] or (["商品"] if language == "zh" else
                                                        ["products"])
    if language == "zh":
        price = ""
        if constraints.price_min is not None and constraints.price_max is not None:
            price = f"{constraints.price_min:g}到{constraints.price_max:g}{CURRENCY_ZH.get(currency, currency)}的"
        elif constraints.price_max is not None:
            price = f"{constraints.price_max:g}{CURRENCY_ZH.get(currency, currency)}以内的"
        elif constraints.price_min is not None:
            price = f"{constraints.price_min:g}{CURRENCY_ZH.get(currency, currency)}以上的"
        return price + "".join(features) + "或".join(things)
    text = " ".join([*features, " or ".join(things)])
    if constraints.price_min is not None and constraints.price_max is not None:
        text += f" between {constraints.price_min:g} and {constraints.price_max:g} {currency}"
    elif constraints.price_max is not None:
        text += f" under {constraints.price_max:g} {currency}"
    elif constraints.price_min is not None:
        text += f" over {constraints.price_min:g} {currency}"
    return text


def constraints_graph_labels(constraints: Constraints, language: str) -> dict[str, list[str]]:
    from kg.kinds import KINDS
    from kg.lexicon import CATEGORY_ZH

    kinds = []
    for node in sorted(constraints.kinds):
        kind = KINDS.get(node.split(":", 1)[1])
        if kind:
            kinds.append(kind.label_zh if language == "zh" else kind.label_en)
    categories = []
    for node in sorted(constraints.categories):
        name = node.split(":", 1)[1]
        categories.append(CATEGORY_ZH.get(name, name) if language == "zh"
                          else name.replace("_", " "))
    values = []
    for node in sorted(constraints.values):
        attribute, _, raw = node.split(":", 1)[1].partition("=")
        if raw == "true":
            values.append(attribute_name(attribute, language)[0])
        else:
            values.append(raw.replace("-", " "))
    return {"kinds": kinds, "categories": categories, "values": values}


def _sentences(parts: list[str], language: str) -> str:
    return ("" if language == "zh" else " ").join(parts)


def _joined(lines: list[str], language: str) -> str:
    return "\n" + "\n".join(lines)
