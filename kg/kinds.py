"""Product kinds: what a product *is* (a running shoe, a kettle, earbuds), below and across
the catalogue's categories, in English and Chinese.

A catalogue's category says where a product is shelved ("outdoor"); a shopper asks for what
it is ("shoes", "跑鞋", "耳机"). Kinds form a small tree (running shoes and boots are shoes;
earbuds and headphones are both 耳机), and each product gets the kind of its *head noun*:
the kind word that ends last in its name, since English compounds and Chinese nouns put the
head at the end ("Silicone Earbuds Case Cover" is a case, not earbuds; "硅胶耳机保护套" is a
保护套). Parenthesised pack sizes are ignored ("Cushioned Running Socks (3 pack)" are socks).
The English name is read first, the Chinese one when the English has no kind word ("Trail
Runner GTX" / "防水越野跑鞋" is a running shoe).

The mining pipeline writes ``product -is_kind-> kind:<id>`` and ``kind -is_a-> parent``
edges into the graph, and the constraint parser reads every kind's words from there, so a
search for "shoes" is a hard constraint on the ``kind:shoes`` subtree.

Example::

    kind_of("Insulated Water Bottle 750 ml", "双层真空保温水壶750毫升")   # "bottle"
    KINDS["bottle"].parent                                                # "drinkware"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Kind:
    id: str
    label_en: str
    label_zh: str
    parent: str | None
    words_en: tuple[str, ...]
    words_zh: tuple[str, ...]


def _k(id_: str, en: str, zh: str, parent: str | None, words_en: str = "",
       words_zh: str = "") -> Kind:
    return Kind(id_, en, zh, parent, tuple(w for w in words_en.split("|") if w),
                tuple(w for w in words_zh.split("|") if w))


# fmt: off
_TABLE = (
    _k("shoes", "shoes", "鞋", None, "shoe|shoes|footwear", "鞋|鞋子"),
    _k("running-shoes", "running shoes", "跑鞋", "shoes",
       "running shoe|running shoes|runner|runners|trainer|trainers|racer", "跑鞋|跑步鞋|训练鞋"),
    _k("sneakers", "sneakers", "运动鞋", "shoes",
       "sneaker|sneakers|low-top|low-tops|canvas shoe|canvas shoes", "运动鞋|帆布鞋|低帮鞋|球鞋"),
    _k("boots", "boots", "靴子", "shoes", "boot|boots|wellies|wellingtons|gumboots",
       "靴|靴子|雨靴|雪地靴|登山靴|切尔西靴"),
    _k("sandals", "sandals", "凉鞋", "shoes", "sandal|sandals", "凉鞋"),
    _k("slides", "slides", "拖鞋", "shoes", "slide|slides|slipper|slippers|flip-flops", "拖鞋"),
    _k("socks", "socks", "袜子", None, "sock|socks", "袜|袜子"),
    _k("tops", "tops", "上衣", None, "top|tops", "上衣"),
    _k("tees", "T-shirts", "T恤", "tops", "tee|tees|t-shirt|t-shirts|tshirt|tshirts|t shirt|t shirts", "T恤|t恤|短袖"),
    _k("shirts", "shirts", "衬衫", "tops", "shirt|shirts", "衬衫"),
    _k("hoodies", "hoodies", "卫衣", "tops",
       "hoodie|hoodies|sweatshirt|sweatshirts", "卫衣|连帽衫|连帽卫衣"),
    _k("jackets", "jackets", "外套", None,
       "jacket|jackets|coat|coats|raincoat|shell", "外套|夹克|冲锋衣|雨衣"),
    _k("hats", "hats", "帽子", None, "hat|hats|cap|caps|beanie|beanies", "帽|帽子|针织帽|防晒帽"),
    _k("coffee", "coffee", "咖啡", None, "coffee|cold brew", "咖啡"),
    _k("tea", "tea", "茶", None, "tea|teas|kombucha", "茶|茶饮|奶茶|绿茶|康普茶"),
    _k("water", "water", "水", None, "water|mineral water|sparkling water|fizzy water",
       "矿泉水|饮用水|苏打水|气泡水|含气矿泉水"),
    _k("soft-drinks", "soft drinks", "汽水", None, "soda|sodas|soft drink|soft drinks|pop",
       "汽水|碳酸饮料"),
    _k("juice", "juice", "果汁", None, "juice|juices", "果汁|橙汁"),
    _k("sports-drinks", "sports drinks", "运动饮料", None,
       "energy drink|energy drinks|electrolyte drink|electrolyte drinks|sports drink|"
       "sports drinks|electrolytes", "能量饮料|功能饮料|运动饮料|电解质饮料|电解质水"),
    _k("drinkware", "cups and bottles", "杯壶", None, "cup|cups|drinkware", "杯|杯子"),
    _k("mugs", "mugs", "马克杯", "drinkware", "mug|mugs", "马克杯|咖啡杯|拿铁杯|搪瓷杯|露营杯"),
    _k("tumblers", "tumblers", "随行杯", "drinkware",
       "tumbler|tumblers|travel mug|travel mugs", "随行杯|保温杯|吸管杯"),
    _k("bottle", "bottles", "水瓶", "drinkware",
       "bottle|bottles|water bottle|water bottles|flask|flasks", "水瓶|水壶|保温水壶|运动水壶|保温瓶|保温壶"),
    _k("kettles", "kettles", "电热水壶", None, "kettle|kettles", "电热水壶|烧水壶|热水壶|水壶"),
    _k("pans", "pans", "锅", None,
       "pan|pans|skillet|skillets|frypan|frypans|fry pan|fry pans|frying pan|frying pans|wok",
       "锅|煎锅|炒锅|平底锅|铸铁锅"),
    _k("headphones", "headphones", "耳机", None,
       "headphone|headphones|headset|headsets", "耳机|头戴式耳机|耳麦"),
    _k("earbuds", "earbuds", "无线耳机", "headphones",
       "earbud|earbuds|buds|earphone|earphones|in-ear headphones", "耳塞|入耳式耳机|真无线耳机"),
    _k("cases", "cases", "保护套", None, "case|cases|case cover|case covers", "保护套|壳"),
    _k("phone-cases", "phone cases", "手机壳", "cases",
       "phone case|phone cases|iphone case|iphone cases", "手机壳|手机套|手机保护壳|手机保护套"),
    _k("power-banks", "power banks", "移动电源", None,
       "power bank|power banks|powerbank|portable charger|portable chargers|battery pack",
       "移动电源|充电宝"),
    _k("watches", "watches", "手表", None,
       "watch|watches|smartwatch|smartwatches|smart watch|smart watches", "手表|智能手表|手环"),
    _k("lights", "lights", "灯", None, "light|lights|lighting", "灯|灯具"),
    _k("lamps", "lamps", "台灯和落地灯", "lights",
       "lamp|lamps|desk lamp|floor lamp", "台灯|落地灯|灯具"),
    _k("night-lights", "night lights", "小夜灯", "lights", "night light|night lights", "小夜灯|夜灯"),
    _k("lanterns", "lanterns", "露营灯", "lights", "lantern|lanterns|camp light", "露营灯|营地灯"),
    _k("headlamps", "headlamps", "头灯", "lights", "headlamp|headlamps|head torch", "头灯"),
    _k("vases", "vases", "花瓶", None, "vase|vases", "花瓶|花器"),
    _k("cushions", "cushions", "靠垫", None,
       "cushion|cushions|pillow|pillows|throw pillow|seat cushion", "抱枕|靠垫|坐垫|靠枕|抱枕套"),
    _k("candles", "candles", "蜡烛", None, "candle|candles", "蜡烛|香薰|香薰蜡烛"),
    _k("bags", "bags", "包", None, "bag|bags", "包|包包"),
    _k("backpacks", "backpacks", "背包", "bags",
       "backpack|backpacks|pack|packs|daypack|daypacks|rucksack|rucksacks", "背包|双肩包|登山包"),
)
# fmt: on
KINDS = MappingProxyType({kind.id: kind for kind in _TABLE})
_PAREN = re.compile(r"[(（][^()（）]*[)）]")
_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")


def _words_of(language: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for kind in _TABLE:
        for word in kind.words_en if language == "en" else kind.words_zh:
            table.setdefault(word.lower(), kind.id)
    return table


WORDS_EN = MappingProxyType(_words_of("en"))
# words that name a product's kind in a catalogue name but are too loose in a shopper's
# sentence ("a light jacket", "a 12 pack", "in case it rains", "top rated", "water resistant")
NAME_ONLY = frozenset({"light", "lights", "pack", "packs", "top", "tops", "case", "cases",
                       "shell", "pop", "racer", "runner", "runners", "slide",
                       "保温杯"})
# a loose word that does name a kind in these phrases ("need a light for camping")
QUERY_ONLY = MappingProxyType({"a light": "lights", "light for": "lights", "lights for": "lights",
                               "camping light": "lights", "reading light": "lamps",
                               "brightest light": "lights", "brightest lights": "lights",
                               "a case": "cases", "a pack": "backpacks",
                               "biggest pack": "backpacks", "largest pack": "backpacks",
                               "lightest pack": "backpacks", "cheapest pack": "backpacks",
                               "hiking pack": "backpacks", "trekking pack": "backpacks",
                               # in Chinese any insulated cup or flask: tumblers and bottles
                               "保温杯": "drinkware"})
NOT_A_KIND = ("咖啡因","water resistant", "water-resistant", "water resistance", "water proof",
              "light weight", "light-up",
              # a count, not a backpack: "how many cans in a pack", "a pack of 12"
              "in a pack", "per pack", "a pack of", "in each pack", "in a case", "a case of")
WORDS_ZH = MappingProxyType(_words_of("zh"))
_LONGEST_EN = max(len(w.split()) for w in WORDS_EN)


def kind_of(name_en: str, name_zh: str | None = None) -> str | None:
    """The kind of a product from its names: the kind word that ends last (the head noun)
    in the English name, else in the Chinese one; None when neither names a kind."""
    return _head_en(name_en) or (_head_zh(name_zh) if name_zh else None)


def lineage(kind_id: str) -> list[str]:
    """The kind and its ancestors, nearest first: ["running-shoes", "shoes"]."""
    chain: list[str] = []
    current: str | None = kind_id
    while current is not None and current not in chain:
        chain.append(current)
        current = KINDS[current].parent if current in KINDS else None
    return chain


def _head_en(name: str) -> str | None:
    words = _WORD.findall(_PAREN.sub(" ", name).lower())
    best: tuple[int, int, str] | None = None  # (end, length, kind)
    for start in range(len(words)):
        for size in range(1, _LONGEST_EN + 1):
            phrase = " ".join(words[start:start + size])
            if start + size <= len(words) and phrase in WORDS_EN:
                candidate = (start + size, size, WORDS_EN[phrase])
                best = candidate if best is None or candidate[:2] > best[:2] else best
    return best[2] if best else None


def _head_zh(name: str) -> str | None:
    text = _PAREN.sub("", name)
    best: tuple[int, int, str] | None = None
    for word, kind in WORDS_ZH.items():
        at = text.rfind(word)
        if at >= 0:
            candidate = (at + len(word), len(word), kind)
            best = candidate if best is None or candidate[:2] > best[:2] else best
    return best[2] if best else None
