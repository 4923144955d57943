"""Reading a shopper's search request: the ordering asked for ("cheapest", "续航最长",
"largest"), the currency of a budget, amounts with units ("at least 20000 mAh"), which of
several kinds is the one wanted ("a kettle for pour-over coffee"), and a product's value for
an ordering with its unit.

Example::

    ordering_of("which headphones last longest on one charge?").key   # "battery_life_h"
    currency_of("200元以内")                                           # "CNY"
    amounts_in("a power bank, at least 20000 mAh")    # [Amount("mah", 20000.0, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.jimi.comparison import attribute_name
from kg.facts import ProductFacts

CURRENCY_ZH = {"USD": "美元", "CNY": "元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元"}
# a currency named next to a number, in the words shoppers use
_CURRENCIES = (
    ("CNY", r"元|块钱|块|人民币|rmb|cny|yuan|rmb|¥|￥"),
    ("EUR", r"€|eur|euros?|欧元"),
    ("GBP", r"£|gbp|pounds?|quid|英镑"),
    ("JPY", r"円|jpy|yen|日元"),
    ("USD", r"\$|usd|dollars?|bucks|美元|美金|刀"),
)
_CURRENCY = [(code, re.compile(rf"(?i)\d\s*万?\s*(?:{words})|(?:{words})\s*\d"))
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
          r"\bcheap\b|inexpensive|budget|affordable|"
          r"最便宜|最实惠|价格最低|最低价|便宜的排前|从便宜到贵|按价格|便宜的|便宜点|实惠"),
         "price", False, "The cheapest is the {name} at {value}.", "最便宜的是{name}，{value}。",
         "cheapest first", "按价格从低到高"),
        (r"lightest|least weight|weighs the least|最轻|重量最轻",
         "weight_g", False, "The lightest is the {name} at {value}.", "最轻的是{name}，{value}。",
         "lightest first", "按重量从轻到重"),
        (r"heaviest|最重", "weight_g", True, "The heaviest is the {name} at {value}.",
         "最重的是{name}，{value}。", "heaviest first", "按重量从重到轻"),
        ((r"longest battery|battery lasts? (?:the )?longest|lasts? (?:the )?longest|"
          r"longest on (?:one|a) (?:single )?charge|best battery|most battery life|"
          r"battery (?:life )?(?:matters|is (?:most )?important)|续航.{0,4}重要|续航要好|续航长|"
          r"续航最长|续航最久|最耐用电|电池最耐用|续航最好"),
         "battery_life_h", True, "The {name} has the longest battery life: {value}.",
         "续航最长的是{name}，{value}。", "longest battery life first", "按续航从长到短"),
        ((r"largest capacity|biggest capacity|most capacity|holds the most|largest|biggest|"
          r"容量最大|最大容量|容量最多|最大的|容量大|大容量|large capacity|big one|"
          r"越大越好|the bigger the better|as big as possible"),
         "capacity", True, "The largest is the {name} with {value}.", "容量最大的是{name}，{value}。",
         "largest first", "按容量从大到小"),
        (r"smallest|least capacity|容量最小|最小的", "capacity", False,
         "The smallest is the {name} with {value}.", "容量最小的是{name}，{value}。",
         "smallest first", "按容量从小到大"),
        (r"burns? (?:the )?longest|longest burn|longest[- ]burning|烧得最久|燃烧时间最长|最耐烧|烧得最长",
         "burn_time_h", True, "The {name} burns longest: {value}.", "燃烧最久的是{name}，{value}。",
         "longest burn first", "按燃烧时间从长到短"),
        ((r"keeps? (?:\w+ )?(?:hot|warm) (?:the )?longest|stays? (?:hot|warm) (?:the )?longest|"
          r"longest (?:heat|warmth)|best insulated|most insulated|保温(?:时间)?最(?:长|久)|"
          r"保温(?:效果)?最好|最保温"), "keeps_hot_h", True,
         "The {name} keeps drinks hot longest: {value}.", "保温最久的是{name}，{value}。",
         "longest hot first", "按保温时长从长到短"),
        ((r"keeps? (?:\w+ )?cold (?:the )?longest|stays? cold (?:the )?longest|"
          r"保冷(?:时间)?最(?:长|久)|保冷(?:效果)?最好"), "keeps_cold_h", True,
         "The {name} keeps drinks cold longest: {value}.", "保冷最久的是{name}，{value}。",
         "longest cold first", "按保冷时长从长到短"),
        (r"brightest|most lumens|最亮", "brightness_lm", True,
         "The brightest is the {name} at {value}.", "最亮的是{name}，{value}。",
         "brightest first", "按亮度从高到低"),
        (r"least caffeine|lowest caffeine|咖啡因最少|咖啡因最低", "caffeine_mg", False,
         "The {name} has the least caffeine: {value}.", "咖啡因最少的是{name}，{value}。",
         "least caffeine first", "按咖啡因从少到多"),
        ((r"most caffeine|most caffeinated|highest caffeine|strongest|咖啡因最多|咖啡因最高|最提神|"
          r"咖啡因含量最高"), "caffeine_mg", True,
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


def ordering_of(text: str) -> Ordering | None:
    for pattern, ordering in _ORDERINGS:
        if pattern.search(text):
            return ordering
    return None


# a content the product must have or lack, where the graph has a number but no yes/no node:
# (pattern, attribute, present); the "no" patterns are read first and taken out of the text
_NEEDS = (
    (re.compile(r"(?i)\bno caffeine|\b(?:zero|0 ?(?:mg)?) caffeine|caffeine[- ]free|\bdecaf|"
                r"without caffeine|non[- ]?caffeinated|"
                r"不要?(?:含|带|有)?咖啡因|无咖啡因|不含咖啡因|没有?咖啡因|零咖啡因|低咖啡因"), "caffeine_mg", False),
    (re.compile(r"(?i)\b(?:with|w/?) ?caff(?:eine)?\b|\bcaffeinated|has caffeine|pick[- ]me[- ]up|energy boost|"
                r"keep me awake|wake me up|\b(?:decent|real|good|proper|some|a) kick\b|\bbuzz\b|"
                r"含咖啡因|有咖啡因|带咖啡因|提神|犯困"),
     "caffeine_mg", True),
    (re.compile(r"(?i)\bin stock\b|available (?:now|today)|有货的|有现货|现货|能买到的"), "stock", True),
    (re.compile(r"(?i)(?<!not )induction|(?<!不)(?<!不能)电磁炉"), "induction_compatible", True),
    (re.compile(r"(?i)(?<!not )(?<!isn't )dishwasher[- ]safe|(?:go|goes|put it) in the dishwasher|"
                r"(?<!不)(?<!不能)(?:进|放进?|用)洗碗机"), "dishwasher_safe", True),
    # "a gift for a 5 year old", "给5岁小朋友": made for kids
    (re.compile(r"(?i)\bfor (?:my |a |an |the )?(?:kids?|child|children|toddlers?|little ones?)\b|"
                r"\b\d{1,2}[- ]?(?:year|yr)s?[- ]?old\b|小朋友|小孩|儿童|宝宝|(?<![\d.])\d{1,2}岁"), "kids", True),
    # "that one's for kids, any for adults?", "ok and one for me?": nothing made for kids
    (re.compile(r"(?i)\bfor (?:an? )?(?:adults?|grown[- ]ups?|myself)\b|\badult\b|\bgrown[- ]ups?\b|\b(?:one|some|any|"
                r"something|anything) for me\b|大人|成年人|成人(?:用|款|的|版|穿|戴)|给我自己"), "kids", False),
    # "保温的水壶或者杯子": a kind of drinkware; "保温多久" asks a product's hours instead
    (re.compile(r"(?i)\b(?:vacuum[- ])?insulated\b|\bthermos\b|keeps? (?:my |your |the )?"
                r"(?:drinks? |coffee |tea |soup )?(?:hot|warm)\b(?! for)|保温(?![多时效能怎几吗么呢])"),
     "keeps_hot_h", True),
    (re.compile(r"(?i)keeps? (?:my |your |the )?(?:drinks? |water )?cold\b(?! for)|"
                r"保冷(?![多时效能怎几吗么呢])"), "keeps_cold_h", True),
    (re.compile(r"(?i)won'?t (?:shatter|break)|shatter[- ]?(?:proof|resistant)|unbreakable|"
                r"not (?:break|shatter) (?:easily|so easily)|不易碎|摔不碎|摔不坏|耐摔|不怕摔"), "fragile", False),
)
_FRAGILE = ("glass", "porcelain", "crystal", "ceramic")


def needs_in(text: str) -> list[tuple[str, bool]]:
    """(attribute, present) for each content the words ask to have or to avoid: "no
    caffeine" -> ("caffeine_mg", False), "with caffeine" -> ("caffeine_mg", True)."""
    said: dict[str, tuple[int, bool]] = {}  # the last word on each content wins
    for pattern, attribute, present in _NEEDS:
        for match in pattern.finditer(text):
            if attribute not in said or match.start() > said[attribute][0]:
                said[attribute] = (match.start(), present)
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)  # keep the positions
    return [(attribute, present) for attribute, (_, present) in said.items()]


def meets(product: ProductFacts, need: tuple[str, bool]) -> bool:
    attribute, present = need
    if attribute == "stock":
        return product.in_stock == present
    if attribute == "kids":
        return ("kids" in product.tags) == present
    if attribute == "fragile":  # glass and porcelain shatter; steel, enamel, plastic don't
        material = str(product.attributes.get("material", "")).lower()
        fragile = any(word in material for word in _FRAGILE) and "coating" not in material
        return fragile == present
    flag = product.attributes.get(attribute)
    if isinstance(flag, bool):  # "电磁炉能用": induction_compatible
        return flag == present
    value = value_of(product, attribute)
    return (value is not None and value > 0) == present


def without_ordering(text: str) -> str:
    """The text with its orderings taken out ("背包最贵的是哪个" -> "背包的是哪个"), for a
    search refined by a new ordering ("太贵了，最便宜的呢")."""
    for pattern, _ in _ORDERINGS:
        text = pattern.sub(" ", text)
    return text


_IN_CURRENCY = [(code, re.compile(rf"(?i)\b(?:in|to|into)\s+(?:{words})(?!\w)|(?:换算成|折合|合多少|是多少)"
                                  rf"\s*(?:{words})|(?:{words})(?:是|合|的话|大概|大约|约|差不多)*多少|多少(?:{words})"))
                for code, words in (("CNY", r"人民币|rmb|cny|yuan"), *_CURRENCIES[1:-1])]


def currency_asked(text: str) -> str | None:
    """A currency the shopper wants a price in, with or without a number ("how much is it
    in euros", "多少欧元")."""
    return currency_of(text) or next(
        (code for code, pattern in _IN_CURRENCY if pattern.search(text)), None)


_MONEY = [(code, re.compile(rf"(?i)(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*(?:{words})|(?:{words})\s*(\d[\d,]*(?:\.\d+)?)"))
          for code, words in _CURRENCIES]


def money_in(text: str) -> tuple[float, str] | None:
    """(amount, currency) of the first sum of money named ("400块", "£30", "1万日元")."""
    for code, pattern in _MONEY:
        found = pattern.search(text)
        if found:
            number = (found.group(1) or found.group(3)).replace(",", "")
            return float(number) * (10000 if found.group(2) else 1), code
    return None


def currency_of(text: str) -> str | None:
    for code, pattern in _CURRENCY:
        if pattern.search(text):
            return code
    return None



@dataclass(frozen=True)
class Amount:
    """A numeric need with a unit: "at least 20000 mAh", "under 300 g", "500毫升以上"."""

    unit: str  # the attribute suffix: mah, ml, g, h, w, lm
    low: float | None
    high: float | None

    def amounts(self, product: ProductFacts) -> list[float]:
        """The product's values in this unit (a bottle's litres as millilitres)."""
        found = []
        for attribute, value in product.attributes.items():
            suffix = attribute.rsplit("_", 1)[-1]
            factor = 1.0 if suffix == self.unit else _CONVERT.get((suffix, self.unit))
            if factor is not None and isinstance(value, int | float) and \
                    not isinstance(value, bool):
                found.append(float(value) * factor)
        return found

    def nearest(self, product: ProductFacts) -> float | None:
        """How far the product's amount is from the bound (None: it has none)."""
        bound = self.low if self.low is not None else self.high
        gaps = [abs(amount - bound) for amount in self.amounts(product)] if bound is not None \
            else []
        return min(gaps) if gaps else None

    def said(self, language: str) -> str:
        """The need in words: "at least 500 ml", "500毫升以上"."""
        unit = {"mah": "mAh", "ml": "ml", "g": "g", "h": "h", "w": "W", "lm": "lm",
                "mg": "mg"}[self.unit]
        zh_unit = {"mah": "毫安时", "ml": "毫升", "g": "克", "h": "小时", "w": "瓦", "lm": "流明",
                   "mg": "毫克"}[self.unit]
        if self.low is not None and self.high is not None:
            return (f"{self.low:g}-{self.high:g}{zh_unit}" if language == "zh" else
                    f"{self.low:g}-{self.high:g} {unit}")
        if self.low is not None:
            return f"{self.low:g}{zh_unit}以上" if language == "zh" else f"at least {self.low:g} {unit}"
        return (f"{self.high:g}{zh_unit}以内" if language == "zh" else
                f"at most {self.high:g} {unit}")

    def holds(self, product: ProductFacts) -> bool:
        return any((self.low is None or amount >= self.low) and
                   (self.high is None or amount <= self.high)
                   for amount in self.amounts(product))


_UNIT_WORDS = {"mah": "mah", "毫安": "mah", "毫安时": "mah", "ml": "ml", "毫升": "ml",
               "l": "ml", "litre": "ml", "liter": "ml", "litres": "ml", "liters": "ml", "升": "ml",
               "g": "g", "grams": "g", "gram": "g", "克": "g", "kg": "g", "公斤": "g", "千克": "g",
               "h": "h", "hours": "h", "hour": "h", "hrs": "h", "小时": "h", "w": "w",
               "watts": "w", "watt": "w", "瓦": "w", "lm": "lm", "lumens": "lm", "流明": "lm",
               "mg": "mg", "milligrams": "mg", "milligram": "mg", "毫克": "mg"}
_SCALE = {"l": 1000.0, "litre": 1000.0, "liter": 1000.0, "litres": 1000.0, "liters": 1000.0,
          "升": 1000.0, "kg": 1000.0, "公斤": 1000.0, "千克": 1000.0}
_CONVERT = {("l", "ml"): 1000.0}  # a product's litres compared with a need in millilitres
_AMOUNT = re.compile(
    r"(?i)(at least|minimum|min|over|more than|above|greater than|>=?|at most|maximum|max|"
    r"under|less than|below|up to|<=?|不少于|至少|超过|大于|不超过|少于|小于|低于)?\s*"
    r"(\d[\d,]*(?:\.\d+)?)\s*(mah|mg|milligrams?|ml|litres?|liters?|l|kg|grams?|g|hours?|hrs|h|"
    r"watts?|w|lumens|lm|毫安时|毫安|毫克|毫升|升|公斤|千克|克|小时|瓦|流明)(?![a-z])\s*"
    r"(以上|以下|以内|起|\+)?")
_LOW = ("at least", "minimum", "min", "over", "more than", "above", "greater than", ">", ">=",
        "不少于", "至少", "超过", "大于")


# "20几升", "20多升": from that many up to the next ten
_TENS = re.compile(r"(?<![\d.])([1-9]\d*0)\s*(?:几|多)\s*(毫安时|毫安|毫升|升|公斤|千克|克|小时|瓦|流明)")


def amounts_in(text: str) -> list[Amount]:
    found = []
    for match in _TENS.finditer(text):
        number, unit = match.groups()
        scale = _SCALE.get(unit, 1.0)
        step = 10 ** (len(number) - 1) if len(number) > 2 else 10
        found.append(Amount(_UNIT_WORDS[unit], float(number) * scale,
                            (float(number) + step) * scale))
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
    spots: dict[str, list[int]] = {}
    for node in kinds:
        kind = KINDS.get(node.split(":", 1)[1])
        if kind is None:
            continue
        spots[node] = [m.start() for word in (*kind.words_en, *kind.words_zh) for m in
                       re.finditer(rf"(?<![a-z]){re.escape(word.lower())}(?![a-z])", lowered)]
        if spots[node]:
            first[node] = min(spots[node])
    if len(first) < 2:
        return kinds
    ordered = _ordered_kind(lowered, spots)
    if ordered:  # "a big backpack + a bottle ... whats your biggest pack?": the pack
        return ordered
    start = min(first.values())
    cut = re.compile(r"(?i)\bfor\b|\bto go with\b|\bwith\b|给|适合|配|用来|搭配|平时|用于|拿来|泡茶|"
                     r"泡咖啡").search(
        lowered, start)
    if not cut:
        return kinds
    keep = frozenset(node for node, at in first.items() if at < cut.start())
    return keep or kinds



def _ordered_kind(lowered: str, spots: dict[str, list[int]]) -> frozenset[str]:
    """The kinds named right after an ordering word ("your biggest pack", "最轻的T恤"), if
    one is."""
    for pattern, _ in _ORDERINGS:
        for match in pattern.finditer(lowered):
            after = frozenset(node for node, places in spots.items()
                              if any(0 <= at - match.end() <= _NEXT_TO for at in places))
            if after:
                return after
    return frozenset()


_NEXT_TO = 4   # characters between an ordering word and the kind it orders ("最轻的T恤")


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


UNIT_ZH = {"h": "小时", "g": "克", "ml": "毫升", "mAh": "毫安时", "L": "升", "W": "瓦",
           "lm": "流明", "cm": "厘米", "mm": "毫米", "mg": "毫克", "kg": "千克"}


def amount_text(product: ProductFacts, key: str, language: str) -> str | None:
    """A numeric attribute with its unit: "30 h", "220 g", "30小时"."""
    if key == "price" or key.startswith("tag:"):
        return None
    value = value_of(product, key)
    return None if value is None else quantity_text(value, key, language)


def quantity_text(value: float, key: str, language: str) -> str:
    """A number in the unit of the attribute ``key``: "90 g", "90克"."""
    _, unit = attribute_name(key, "en")
    number = str(int(value)) if value == int(value) else f"{value:g}"
    if language == "zh":
        return f"{number.replace(',', '')}{UNIT_ZH.get(unit, unit)}"
    return f"{number} {unit}".strip()


_COUNT = re.compile(r"(?i)\b(?:the |top |first )?(\d|two|three|four|five)\s+(?:most|least|cheapest|"
                    r"lightest|heaviest|biggest|largest|best|newest|longest)|\btop (\d|two|three|"
                    r"four|five)\b|前([1-5一二两三四五])(?:个|款|名|件|双)?|([1-5一二两三四五])(?:个|款|件|双)最")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "一": 1, "二": 2, "两": 2, "三": 3,
            "四": 4, "五": 5}


def count_asked(text: str) -> int | None:
    """How many products an ordering asks for: "the 3 most expensive", "top two", "前三"."""
    match = _COUNT.search(text)
    if match is None:
        return None
    word = next(g for g in match.groups() if g)
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())
