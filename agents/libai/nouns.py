"""How to name a product in running text: its head noun, number, measure word and family.

``Subject.of(product)`` reads the English name ("Blue Plimsolls" -> plural "plimsolls",
Chinese 双) and the category ("juices" -> the drinks family) once per product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from kg.facts import ProductFacts

# keyword in the English name -> (English noun, plural?, Chinese noun, measure word)
_NOUNS: dict[str, tuple[str, bool, str, str]] = {
    "tee": ("tee", False, "T恤", "件"), "t-shirt": ("tee", False, "T恤", "件"),
    "shirt": ("shirt", False, "衬衫", "件"), "polo": ("polo", False, "Polo衫", "件"),
    "hoodie": ("hoodie", False, "卫衣", "件"), "jacket": ("jacket", False, "外套", "件"),
    "cap": ("cap", False, "帽子", "顶"), "hat": ("hat", False, "帽子", "顶"),
    "beanie": ("beanie", False, "针织帽", "顶"), "warmer": ("neck warmer", False, "围脖", "条"),
    "scarf": ("scarf", False, "围巾", "条"), "socks": ("socks", True, "袜子", "组"),
    "runner": ("shoe", False, "跑鞋", "双"), "racer": ("shoe", False, "跑鞋", "双"),
    "trainer": ("shoe", False, "跑鞋", "双"), "sneaker": ("sneaker", False, "运动鞋", "双"),
    "plimsolls": ("plimsolls", True, "帆布鞋", "双"), "low-top": ("shoe", False, "帆布鞋", "双"),
    "boot": ("boot", False, "靴子", "双"), "sandal": ("sandal", False, "凉鞋", "双"),
    "slide": ("slide", False, "拖鞋", "双"), "force": ("sneaker", False, "运动鞋", "双"),
    "coffee": ("coffee", False, "咖啡", "款"), "water": ("water", False, "矿泉水", "款"),
    "soda": ("soda", False, "汽水", "款"), "drink": ("drink", False, "饮料", "款"),
    "tea": ("tea", False, "茶饮", "款"), "juice": ("juice", False, "果汁", "瓶"),
    "kombucha": ("kombucha", False, "康普茶", "款"), "mug": ("mug", False, "杯子", "只"),
    "tumbler": ("tumbler", False, "随行杯", "只"), "kettle": ("kettle", False, "水壶", "把"),
    "skillet": ("skillet", False, "煎锅", "口"), "pan": ("pan", False, "锅", "口"),
    "set": ("set", False, "套装", "套"), "headphones": ("headphones", True, "耳机", "副"),
    "earbuds": ("earbuds", True, "耳机", "副"), "case": ("case", False, "保护壳", "个"),
    "cover": ("cover", False, "保护套", "个"), "bank": ("power bank", False, "充电宝", "个"),
    "smartwatch": ("smartwatch", False, "智能手表", "块"), "lamp": ("lamp", False, "灯", "盏"),
    "light": ("night light", False, "小夜灯", "盏"), "lantern": ("lantern", False, "营地灯", "盏"),
    "headlamp": ("headlamp", False, "头灯", "个"), "vase": ("vase", False, "花瓶", "只"),
    "cushion": ("cushion", False, "抱枕", "个"), "candle": ("candle", False, "蜡烛", "支"),
    "daypack": ("daypack", False, "背包", "个"), "pack": ("pack", False, "背包", "个"),
    "backpack": ("backpack", False, "背包", "个"), "bottle": ("bottle", False, "水瓶", "个"),
    "sunglasses": ("sunglasses", True, "太阳镜", "副"), "sunnies": ("sunglasses", True,
                                                                  "太阳镜", "副"),
    "card": ("gift card", False, "礼品卡", "张"),
    "seat cushion": ("seat cushion", False, "坐垫", "个"),
}
# category (or an ancestor) -> family
_FAMILIES = {
    "apparel": "apparel", "sweatshirts": "apparel", "t-shirts": "apparel", "shirts": "apparel",
    "headware": "apparel", "beanies": "apparel", "scarfs": "apparel", "footwear": "footwear",
    "sneakers": "footwear", "drinks": "drinks", "juices": "drinks", "groceries": "drinks",
    "kitchen": "kitchen", "electronics_accessories": "electronics", "home": "home",
    "homewares": "home", "outdoor": "outdoor", "audiobooks": "media", "gift-cards": "gift",
    "sunglasses": "accessories", "accessories": "accessories",
}
# family -> (English noun, Chinese noun, measure word) when the name names no noun
_FAMILY_NOUNS = {
    "apparel": ("piece", "单品", "件"), "footwear": ("pair", "鞋", "双"),
    "drinks": ("drink", "饮品", "款"), "kitchen": ("kitchen piece", "厨具", "件"),
    "electronics": ("gadget", "数码好物", "款"), "home": ("piece", "家居好物", "件"),
    "outdoor": ("piece of kit", "户外装备", "件"), "media": ("audiobook", "有声书", "部"),
    "gift": ("gift card", "礼品卡", "张"), "accessories": ("accessory", "配饰", "款"),
    "general": ("find", "好物", "款"),
}
_BRACKETS = re.compile(r"\s*[(（][^)）]*[)）]")
_TRAILING_SIZE = re.compile(r"\s*\d[\d,.]*\s*(?:ml|l|cm|mah|毫升|升|厘米|毫安时)$", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z-]*")


@dataclass(frozen=True)
class Subject:
    """The product as the subject of a sentence."""

    name_en: str
    name_zh: str
    short_en: str
    short_zh: str
    noun_en: str
    noun_zh: str
    measure: str
    plural: bool
    family: str

    @classmethod
    def of(cls, product: ProductFacts) -> Subject:
        family = product_family(product)
        noun_en, plural, noun_zh, measure = _noun(product.name_en, family)
        name_zh = product.name_zh or product.name_en
        return cls(product.name_en, name_zh, short_name(product.name_en), short_name(name_zh),
                   noun_en, noun_zh, measure, plural, family)

    @property
    def this_zh(self) -> str:
        """这双 / 这件 / 这款 ..."""
        return f"这{self.measure}"


def product_family(product: ProductFacts) -> str:
    path: list[str] = list(getattr(product, "category_path", None) or [])
    for category in [product.category, *reversed(path)]:
        key = category.lower()
        family = _FAMILIES.get(key) or _FAMILIES.get(key.rstrip("-0123456789"))
        if family:
            return family
    return "general"


def short_name(name: str) -> str:
    """The name without pack sizes in brackets or a trailing size ("Mug 350 ml" -> "Mug")."""
    short = _TRAILING_SIZE.sub("", _BRACKETS.sub("", name)).strip()
    return short or name


def _noun(name: str, family: str) -> tuple[str, bool, str, str]:
    words = _WORD.findall(_BRACKETS.sub("", name).lower())
    pairs = [f"{a} {b}" for a, b in pairwise(words)]
    for word in [*reversed(pairs[-1:]), *reversed(words)]:
        for candidate in (word, word.rstrip("s")):
            if candidate in _NOUNS:
                return _NOUNS[candidate]
    noun_en, noun_zh, measure = _FAMILY_NOUNS.get(family, _FAMILY_NOUNS["general"])
    return noun_en, False, noun_zh, measure
