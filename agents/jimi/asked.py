"""What a question about one product asks: which attributes ("how heavy is it and how many
watts?" asks two), which colour, which size, in English and Chinese.

Words map to the attributes that can answer them, in order of preference, and the first one
the product has is chosen: "how big" is a kettle's capacity, a backpack's volume, a pan's
diameter; "will they survive sweat?" is an earbud's IP rating.

Example::

    attributes_asked("how big is it and how many watts", kettle)   # ["capacity_ml", "wattage_w"]
    size_asked("got it in 46?", shoe)                              # "46"
    colour_asked("黄色有没有")                                       # "yellow"
"""

from __future__ import annotations

import re

from kg.facts import ProductFacts
from kg.lexicon import COLOUR_ZH

# (pattern, attributes that answer it, best first); "colour", "price", "stock" are JIMI's own
_ASKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"colou?rs?(?! ?temp)|颜色|什么色|哪些色|几种色", ("colour",)),
    ((r"(?:what|which) sizes|sizes? (?:do|does|are) (?:they|it) come in|size range|哪些码|什么码|"
      r"哪些尺码|什么尺码|尺码范围|有几个码"), ("size",)),
    (r"\bprice\b|\bcost\b|\bhows much\b|\bhow much\s*(?:[?？!.]*\s*$|and\b|,|&)|how much (?:is|are|does|do)\b(?!(?: \w+)? (?:hold|weigh|last|take))|差多少钱|多少钱|价格|价钱|贵不贵|售价",
     ("price",)),
    ((r"in stock|available|availability|sold out|can i (?:buy|get|order)|有货|库存|现货|能买到|能买吗|"
      r"可以买吗|能下单|"
      r"还有吗|缺货|有吗$|有吗？$|有吗\?$"), ("stock",)),
    ((r"\bweigh|\bweight|how heavy|\bheavy\b(?![- ]duty)|heavier|\blight(?:er|est)\b|\bhow light\b|\blight enough\b|"
      r"\b(?:is|are) (?:it|they|the \w+) (?:really |very |quite |too )?light\b|多重|重量|多沉|重不重|"
      r"重吗|轻不轻|哪个重|哪个轻|更重(?!要)|更轻|比较重(?!要)|比较轻|(?:很|太|挺|会不会|是不是)(?:很|太)?(?:重|沉)(?!要|新|复)"), ("weight_g",)),
    ((r"battery life|battery last|how long (?:does|will) (?:the battery|it|they) last|"
      r"on (?:one|a) (?:single )?charge|(?:hrs?|hours?) (?:per|a|on a|each) charge|per charge|"
      r"how long (?:does|will|do|can) (?:it|they|the \w+) (?:stay (?:lit|on)|run|play|glow)|"
      r"how long (?:does|will|do|can) (?:it|they|the \w+) last|"
      r"\bbattery\b|续航|电池|用多久|能用多长|充一次电|亮多久|能亮多|能听多久|听多久|能听多长|"
      r"(?:能|可以)?(?:听|用|亮|播放?)(?:几个?|多少个?)小时"),
     ("battery_life_h",
                                                                          "battery_mah")),
    (r"\bmah\b|how much charge|毫安|电量", ("battery_mah",)),
    ((r"\bwatts?\b|wattage|how powerful|how fast (?:does it|do they|can it) charge|charging speed|"
      r"charges? (?:faster|quicker)|faster charg|功率|多少瓦|几瓦|瓦数|充电多快|充电速度|充电快|充得快"),
     ("wattage_w", "fast_charging")),
    (r"sodium|salt|钠|盐分", ("sodium_mg",)),
    (r"fast[- ]?charg|快充", ("fast_charging", "wattage_w")),
    (r"volume (?:limit|cap)|volume[- ]?wise|cap(?:s)? the volume|max(?:imum)? volume|how loud|\bdb\b|音量|分贝",
     ("max_volume_db",)),
    (r"microwave|微波炉", ("microwave_safe",)),
    (r"machine[- ]wash|washable|机洗|洗衣机", ("machine_washable", "removable_cover")),
    (r"magnet|磁吸", ("magnetic",)),
    (r"\broast|烘焙", ("roast",)),
    ((r"how big|how large|what size is|dimensions?|capacity|bigger|larger|大点|更大|大一点|"
      r"how much (?:does it|can it|do they) "
      r"hold|how much (?:does|do|can|will) (?:each|one|that|this|the \w+) hold|how many lit|how many ml|多大|容量|尺寸|直径|装多少|多少毫升|几毫升|多少ml"), ("capacity_ml", "volume_l", "battery_mah",
                                                   "diameter_cm", "size_cm", "height_cm",
                                                   "weight_g")),  # a coffee tin: its 340 g
    (r"diameter|直径", ("diameter_cm",)),
    (r"how tall|(?<!drop )height|taller|tallest|多高|高度|更高|高一点", ("height_cm",)),
    (r"material|made of|made from|fabric|what is it made|材质|材料|面料|什么做的", ("material",)),
    (r"caffeine|咖啡因", ("caffeine_mg",)),
    (r"added sugar|加糖|添加糖", ("added_sugar_g", "sugar_free")),
    (r"\bsugar|含糖|无糖|糖分", ("sugar_free", "added_sugar_g")),
    (r"bright|lumens?|亮度|多亮|流明", ("brightness_lm",)),
    (r"colou?r temp(?:erature)?|warm or (?:cold|cool)|warm light|cool light|kelvin|色温|暖光|冷光",
     ("colour_temperature_k",)),
    (r"\bdim(?:mable|ming)?\b|调光|调亮度", ("dimmable",)),
    ((r"temperature|\btemps?\b|how hot|how cold|cold can|below (?:zero|freezing)|freezing|控温|温度|"
      r"多冷|零下|几度|多少度|耐温|耐高温"),
     ("temperature_control", "oven_safe_c", "comfort_rating_c")),
    (r"how waterproof|waterproof rating|how water[- ]?resistant|防水等级|防水性能|防水指数",
     ("hydrostatic_head_mm", "water_resistance_m", "ip_rating")),  # a figure, not yes
    ((r"how waterproof|waterproof rating|water ?proof|water[- ]resist|\brain\b|\bswim|\bsweat|"
      r"\bsplash|防水|游泳|下水|淋雨|出汗|汗"), ("waterproof", "water_resistance_m", "ip_rating",
                                             "hydrostatic_head_mm")),
    (r"rain cover|防雨罩|防雨套", ("rain_cover_included",)),
    (r"hydration|(?:water )?bladder|reservoir|水袋", ("hydration_compatible",)),
    (r"induction|电磁炉", ("induction_compatible",)),
    (r"dishwasher|洗碗机", ("dishwasher_safe",)),
    (r"\boven\b|烤箱", ("oven_safe", "oven_safe_c")),
    (r"keeps? (?:drinks |it |coffee |water )?(?:hot|warm)|stays? hot|保温|保热",
     ("keeps_hot_h",)),
    (r"keeps? (?:drinks |it |water )?cold|stays? cold|保冷|冰", ("keeps_cold_h",)),
    (r"(?<![a-z])upf|sun protection|防晒|紫外线", ("upf_rating",)),
    (r"reflect|visible (?:at night|in the dark)|be seen|看得见|看得到|看得清|反光|夜跑|晚上跑",
     ("reflective",)),
    (r"burn time|\bburns?\b|how long (?:does it|will it) burn|燃烧|烧多久|点多久|能烧",
     ("burn_time_h",)),
    (r"\blaces?\b|\btie\b|velcro|closure|fasten|鞋带|魔术贴|系带", ("closure",)),
    ((r"how many (?:in a|per) pack|pack of|how many (?:cans|bottles|pairs)|how many come in|"
      r"how many (?:are )?in (?:a|the|one) (?:box|case|pack)|一箱几|一箱多少|一套几|一套多少|一盒几|"
      r"一包几|几个装|几瓶|几罐|几双|几只装|几支|几根|几片|几袋|"
      r"几个装|装几"), ("pack_count",)),
    (r"noise[- ]cancel|\banc\b|降噪", ("noise_cancelling",)),
    (r"bluetooth|蓝牙", ("bluetooth_version", "wireless")),
    (r"wireless|无线", ("wireless",)),
    (r"\bapp\b|from (?:my|your|a) phone|phone control|手机控制|手机操控|用手机|手机app|远程控制",
     ("app_control",)),
    (r"\bgps\b|定位", ("gps",)),
    (r"heart rate|心率", ("heart_rate",)),
    (r"leak|防漏|漏不漏", ("leakproof",)),
    ((r"drop[- ]?(?:height|test|proof|protect)|survive (?:a )?(?:drop|fall)|\bdrops?\b.{0,20}"
      r"\b(?:survive|height|metres?|meters?)|防摔|抗摔|摔"), ("drop_protection_m",)),
    (r"\bdrop\b(?![- ]?(?:height|test|proof|protect))(?!.{0,20}\bsurvive)|跟差",
     ("drop_mm", "drop_protection_m")),
    (r"\bhow (?:tough|sturdy|durable|strong)\b|结实|耐用|抗造", ("drop_protection_m", "shatter_resistant",
                                                               "material")),
    (r"\bsos\b|emergency button|panic button|求救|紧急|一键呼救", ("sos_button",)),
    (r"how many times .{0,20}(?:charge|recharge)|case charges|充几次|能充几次", ("case_charges",)),
    (r"cushion(?:ing|ed)|缓震", ("cushioning",)),
    (r"quick[- ]?dry|dr(?:y|ies) (?:fast|quick)|干得快|速干|快干", ("quick_dry",)),
    ((r"compatib|fit my (?:phone|iphone)|which phones?|iphone|galaxy|pixel|适配|适用机型|型号|"
      r"能用在|用在.{1,12}上|(?<![\da-z])\d{2}\s*(?:pro|plus|mini|ultra)(?![a-z])"),
     ("compatible_models",)),
    (r"\bports?\b|接口|几个口|多少个口|几个孔", ("port_count", "usb_c")),
    (r"usb[- ]?c|type[- ]?c", ("usb_c",)),
    (r"insulat|保暖", ("insulation_g", "comfort_rating_c", "keeps_hot_h")),
    (r"how warm|多冷|零下|comfort rating", ("comfort_rating_c",)),
    (r"flavou?r|taste|tasting notes|口味|味道|风味", ("flavour", "tasting_notes", "scent")),
    (r"scent|smell|香味|气味", ("scent",)),
    (r"packag|glass bottle|bottle or (?:a )?can|cans? or bottles?|玻璃瓶|瓶装|罐装|包装",
     ("packaging",)),
    (r"over[- ]?ear|in[- ]?ear|on[- ]?ear|earbud style|头戴|入耳|耳挂|佩戴方式", ("fit",)),
)
ASKS = tuple((re.compile(f"(?i){pattern}"), answers) for pattern, answers in _ASKS)
_OWN = {"colour", "price", "stock"}  # answered from the product itself, not an attribute
_SIZE_WORDS = re.compile(r"(?i)\bsize|\bin (?:a |an |size )?(?=\w)|\bgot (?:it|them|one) in|"
                         r"\bgo(?:es)? up to\b|\b(?:is|am|are|wears?|takes?) (?:a |an )?(?:size )?(?=\d)|\bup to (?:a |size )?\d{2}\b|\bswap (?:it|them) for|"
                         r"码|号|尺码|\beu\b")
_NUMBER = re.compile(r"(?<![\d.,])(\d{2}(?:\.5)?)(?![\d.,]|\s*(?:%|usd|元|块|美元|ml|g\b|h\b|cm|mm|"
                     r"w\b|l\b|mah|岁|小时|克|毫升|升|瓦|厘米|dollars?|bucks|\$|号|日|月|"
                     r"(?:st|nd|rd|th)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b))"
                     r"(?<!\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) \d\d)", re.IGNORECASE)
_LETTER = re.compile(r"(?i)(?:\bsize\s+|\bin\s+(?:a\s+|an\s+)?|(?<![a-z]))"
                     r"(XXS|XS|S|M|L|XL|XXL|\d{1,2}Y)(?:\b|(?=码|号))")
_COLOUR_EN = {"gray": "grey", "navy blue": "navy", **{c: c for c in COLOUR_ZH}}
# every word for a colour, English and Chinese, to the colour's English key
COLOUR_WORDS = {**_COLOUR_EN, **{zh: c for c, zh in COLOUR_ZH.items()}}


def attributes_asked(text: str, product: ProductFacts | None) -> list[str]:
    """The attributes the question asks about that the product can answer, in the order
    asked (without a product: the first answer of each phrase)."""
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    matches = [(match, answers) for pattern, answers in ASKS
               for match in [pattern.search(text)] if match]
    for match, answers in matches:
        if any(other.start() <= match.start() and match.end() <= other.end() and
               other.end() - other.start() > match.end() - match.start()
               for other, _ in matches):  # "colour temp" asks no colour
            continue
        chosen = next((a for a in answers if a in _OWN or product is None
                       or a in product.attributes), answers[0])  # asked, even if not listed
        if chosen is not None and chosen not in {a for _, a in found}:
            found.append((match.start(), chosen))
            spans.append((match.start(), match.end()))
    if product is not None:  # "whats the hydrostatic head", "no pfas right?": its own keys
        lowered = text.lower()
        for attribute in product.attributes:
            words = [w for w in attribute.split("_") if len(w) >= 3 and w not in _KEY_NOISE]
            at = lowered.find(words[0]) if words else -1
            if words and all(w in lowered for w in words) and \
                    attribute not in {a for _, a in found} and \
                    not any(start <= at < end for start, end in spans):  # "colour temperature"
                found.append((at, attribute))
    return [attribute for _, attribute in sorted(found)]


_KEY_NOISE = frozenset({"free", "count", "included", "compatible", "safe", "the", "and"})


def colour_asked(text: str) -> str | None:
    """A specific colour named ("in black?", "黄色有没有"), in English; None for "what
    colours" (which asks for the list)."""
    lowered = text.lower()
    for word, colour in sorted(_COLOUR_EN.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return colour
    for colour, chinese in COLOUR_ZH.items():
        short = chinese.removesuffix("色")
        if chinese in text or (len(short) == 1 and re.search(
                rf"{short}(?:色|的|款|吗|有)", text)) or (len(short) > 1 and short in text):
            return colour
    return None


_AGE = re.compile(r"(?i)\bage (\d{1,2})\b|\b(\d{1,2})[- ]?(?:years?|yrs?|yo)(?:[- ]old)?\b|(\d{1,2})岁")


def size_asked(text: str, product: ProductFacts | None = None) -> str | None:
    """A size named: one the product has when the text contains it, else a shoe size or
    letter size said as a size ("in 46", "37码", "size M")."""
    sizes = product.values("size") if product else []
    lowered = text.lower()
    for size in sorted(sizes, key=len, reverse=True):
        if size.lower() == "one size":
            continue
        if len(size) >= 2 and re.search(rf"(?<![\w.]){re.escape(size.lower())}(?![\w.])", lowered):
            return size
        age = _AGE.search(text)
        if age and size.upper() == f"{next(g for g in age.groups() if g)}Y":
            return size  # "do u have it for age 6?", "6岁穿什么码": 6Y
    letter = _LETTER.search(text)
    if letter and (letter.group(1).isupper() or _SIZE_WORDS.search(text)):
        value = letter.group(1).upper()
        if len(value) > 1 or re.search(rf"(?i)\bsize\s+{value}\b|\bin\s+{value}\b|{value}码|"
                                       rf"{value}号", text):
            return value
    if _SIZE_WORDS.search(text):
        number = _NUMBER.search(text)
        if number:
            return number.group(1)
    return None


def colour_named(value: str | None) -> str | None:
    """The NLU's colour entity when it names a colour: one of ours, or one of CSS's 148 named
    colours ("turquoise"); not a word the model mistook for one ("grown-up", "similar")."""
    if not value:
        return None
    ours = colour_asked(value)
    if ours:
        return ours
    from matplotlib.colors import CSS4_COLORS  # imported on first use

    return value if value.lower().replace(" ", "") in CSS4_COLORS else None
