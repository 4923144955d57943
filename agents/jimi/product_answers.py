"""Answers about one product: colour and size availability, one attribute, or its description.

Replies are in the shopper's language, attributes named with labels and units
(``wording.attribute_label``), never by catalogue keys.

    >>> answer_about(product, turn, "en", "weight_g")
    "The Trail Runner GTX's weight: 280 g."
"""

from __future__ import annotations

import re

from agents.jimi.context import Turn
from agents.jimi.wording import agree, attribute_label, colour_name, join_list
from kg.facts import ProductFacts
from kg.lexicon import COLOUR_ZH, MATERIAL_ZH, VALUE_ZH


def answer_about(product: ProductFacts, turn: Turn, language: str,
                 attribute: str | None) -> str:
    """Colour or size availability when asked, else the attribute asked about."""
    colour = turn.entity("colour")
    if colour and not in_name(product, colour):  # "is the orange juice fresh?": its name
        return has_colour(product, colour, language)
    size = turn.entity("size")
    if size:
        return has_size(product, size, language)
    return describe_attribute(product, attribute, language)


def in_name(product: ProductFacts, word: str) -> bool:
    return word.lower() in product.name_en.lower() or word in (product.name_zh or "")


def has_colour(product: ProductFacts, colour: str, language: str) -> str:
    wanted = _colour_en(colour)
    colours = product.values("colour")
    name = product.name(language)
    shown = join_list([colour_name(c, language) for c in colours], language) if colours else ""
    if wanted in colours:
        status = "" if product.in_stock else (
            "，但目前缺货" if language == "zh" else ", but it is out of stock right now")
        if language == "zh":
            return f"有的，{name}有{colour_name(wanted, 'zh')}{status}。"
        return f"Yes, the {name} comes in {wanted}{status}."
    if language == "zh":
        return f"抱歉，{name}没有{colour_name(wanted, 'zh')}，可选颜色有{shown}。"
    return f"Sorry, the {name} doesn't come in {colour}; it comes in {shown}."


_MODEL = re.compile(r"(?i)\b(?:iphone|galaxy|pixel)\s*[a-z]?\d+(?:\s*(?:pro|max|plus|mini|ultra|a)"
                    r"(?![a-z]))*|(?<![\da-z])\d{2}\s*(?:pro(?:\s*max)?|plus|mini|ultra)(?![a-z])")


def fits_model(product: ProductFacts, text: str, language: str) -> str | None:
    """"Will it fit a 16 Pro?": yes or no from the models the product lists, None when the
    words name no phone model or the product lists none."""
    models = product.values("compatible_models")
    said = model_named(text)
    if not models or not said:
        return None
    fits = fitting_models(product, said)
    name, listed = product.name(language), join_list(models, language)
    if language == "zh":
        return (f"可以，{name}适配{fits[0]}。" if fits else
                f"不适用，{name}只适配{listed}，不适配{said}。")
    return (f"Yes, the {name} fits the {fits[0]}." if fits else
            f"No, the {name} only fits the {listed}, not the {said}.")


def model_named(text: str) -> str | None:
    """The phone model the words name ("pixel 9", "iPhone 16 Pro", "16 Pro"), as written."""
    found = list(_MODEL.finditer(text))  # "for pixel 9? ... what about a galaxy s25": the last
    return found[-1].group(0).strip() if found else None


def fitting_models(product: ProductFacts, model: str) -> list[str]:
    """The product's listed models that are ``model`` ("16 Pro" matches "iPhone 16 Pro")."""
    wanted = re.sub(r"\s+", "", model.lower())
    return [m for m in product.values("compatible_models")
            if re.sub(r"\s+", "", m.lower()) == wanted or (
                wanted[:1].isdigit() and re.sub(r"\s+", "", m.lower()).endswith(wanted))]


def has_size(product: ProductFacts, size: str, language: str) -> str:
    sizes = [s for s in product.values("size") if s.lower() != "one size"]
    name = product.name(language)
    wanted = size.upper().removeprefix("SIZE").strip()
    if not sizes:
        return (f"{name}没有尺码选项（均码），无法选择{wanted}码。" if language == "zh"
                else f"The {name} has no size options (one size), so there is no size {wanted}.")
    gone = "" if product.in_stock else ("（目前缺货）" if language == "zh"
                                        else " (it is out of stock right now)")
    if wanted in {s.upper() for s in sizes}:
        return (f"有的，{name}有{wanted}码{gone}。" if language == "zh"
                else f"Yes, the {name} is available in size {wanted}{gone}.")
    shown = join_list(sizes, language)
    return (f"抱歉，{name}没有{wanted}码，可选尺码：{shown}{gone}。" if language == "zh"
            else f"Sorry, the {name} doesn't come in size {wanted}; sizes: {shown}{gone}.")


def _colour_en(colour: str) -> str:
    lowered = colour.lower().strip()
    for english, chinese in COLOUR_ZH.items():
        if lowered in (english, chinese, chinese.removesuffix("色")):
            return english
    return lowered.replace("colour", "").replace("color", "").strip()


def describe_attribute(product: ProductFacts, attribute: str | None, language: str) -> str:
    """One attribute of the product in a sentence (its verbs agreeing with a plural name)."""
    said = _describe_attribute(product, attribute, language)
    return agree(said, product.name_en) if language == "en" else said


def _describe_attribute(product: ProductFacts, attribute: str | None, language: str) -> str:
    name = product.name(language)
    if attribute == "colour":
        colours = [colour_name(c, language) for c in product.values("colour")]
        if language == "zh":
            return f"{name}有{join_list(colours, language)}可选。"
        return f"The {name} comes in {join_list(colours, language)}."
    if attribute == "price":  # and that it cannot be bought now, if so
        if language == "zh":
            return f"{name}售价{product.price:.2f}美元" + ("。" if product.in_stock else "，但目前缺货。")
        return (f"The {name} costs {product.price:.2f} {product.currency}" +
                ("." if product.in_stock else ", but it is out of stock right now."))
    if attribute == "stock":
        in_stock = product.in_stock
        if language == "zh":
            return f"{name}{'有货' if in_stock else '暂时缺货'}，售价{product.price:.2f}美元。"
        return (f"The {name} is {'in stock' if in_stock else 'out of stock right now'} "
                f"({product.price:.2f} {product.currency}).")
    flag = product.attributes.get(attribute) if attribute else None
    if isinstance(flag, bool) and attribute:  # "is it waterproof?": yes or no, and how much
        said, details = yes_or_no(name, attribute, flag, language), _details(
            product, attribute, language)  # "Yes, it is waterproof (rated IPX5)."
        return said[:-1] + details + said[-1] if details and said[-1] in ".。" else said + details
    values = product.values(attribute) if attribute else []
    if attribute and values:
        return value_sentence(product, attribute, language)
    if attribute and attribute not in ("description",):
        boolean = product.attributes.get(attribute)
        if boolean is None and attribute in ("waterproof", "water_resistant"):
            cover = product.attributes.get("rain_cover_included") is True  # the pack's cover
            if language == "zh":
                return f"{name}没有标注防水" + ("，但附带防雨罩。" if cover else "。")
            return (f"The {name} is not listed as waterproof" +
                    (", but it comes with a rain cover." if cover else "."))
        if boolean is None and attribute not in ("colour", "price", "stock"):
            label = _label(attribute, language)  # asked, but the catalogue does not say
            if language == "zh":
                return f"商品资料里没有标注{name}的{label}信息。"
            if label.endswith(" included"):  # "rain cover included": comes with one
                thing = label.removesuffix(" included")
                return agree(f"Our catalogue doesn't say whether the {name} comes with a "
                             f"{thing}.", name)
            if attribute in FEATURES_ZH or label.endswith(_ADJECTIVE_ENDINGS):
                return f"Our catalogue doesn't say whether the {name} is {label}."
            return f"Our catalogue doesn't list the {label} of the {name}."
    description = product.description_zh if language == "zh" else product.description_en
    return f"{name}: {description or product.description_en}"


# numbers that say how much of a yes/no feature a product has
DETAILS = {
    "waterproof": ("ip_rating", "water_resistance_m", "hydrostatic_head_mm"),
    "fast_charging": ("wattage_w",), "dimmable": ("colour_temperature_k",),
    "oven_safe": ("oven_safe_c",), "wireless": ("battery_life_h",),
    "sugar_free": ("added_sugar_g",),
}


def _details(product: ProductFacts, attribute: str, language: str) -> str:
    parts = [_value_phrase(product, a, language) for a in DETAILS.get(attribute, ())
             if a in product.attributes]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return ("（" + "，".join(parts) + "）" if language == "zh" else " (" + ", ".join(parts) + ")")


def _value_phrase(product: ProductFacts, attribute: str, language: str) -> str:
    """"rated IPX5", "65 W", "10,000 mm hydrostatic head", "防水50米"."""
    from agents.jimi.comparison import attribute_name

    label, unit = attribute_name(attribute, language)
    values = product.values(attribute)
    shown = join_list([_number(v) + (f" {unit}" if unit and language == "en" else
                                     UNIT_ZH.get(unit, unit)) for v in values], language)
    if language == "zh":
        return f"{label}{shown}"
    if attribute == "ip_rating":
        return f"rated {shown}"
    return f"{label} {shown}"


def _number(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number == int(number) else f"{number:g}"


UNIT_ZH = {"h": "小时", "g": "克", "ml": "毫升", "mAh": "毫安时", "L": "升", "W": "瓦",
           "lm": "流明", "cm": "厘米", "mm": "毫米", "mg": "毫克", "kg": "千克", "m": "米"}
# how a value is said in a sentence, by attribute: "The X weighs 280 g."
SENTENCES_EN = {
    "weight_g": "The {name} weighs {value}.",
    "oven_safe_c": "The {name} is oven safe up to {value}.",
    "battery_life_h": "The {name} runs for up to {value} on one charge.",
    "battery_mah": "The {name} has a {value} battery.",
    "capacity_ml": "The {name} holds {value}.",
    "volume_l": "The {name} holds {value}.",
    "material": "The {name} is made of {value}.",
    "wattage_w": "The {name} is rated at {value}.",
    "caffeine_mg": "The {name} has {value} of caffeine per serving.",
    "brightness_lm": "The {name} gives up to {value}.",
    "burn_time_h": "The {name} burns for about {value}.",
    "keeps_hot_h": "The {name} keeps drinks hot for {value}.",
    "keeps_cold_h": "The {name} keeps drinks cold for {value}.",
    "diameter_cm": "The {name} is {value} across.",
    "height_cm": "The {name} is {value} tall.",
    "pack_count": "The {name} comes as a pack of {value}.",
    "compatible_models": "The {name} fits the {value}.",
    "ip_rating": "The {name} is rated {value} against sweat and splashes.",
    "port_count": "The {name} has {value} ports.",
    "drop_protection_m": "The {name} is drop-tested from {value}.",
    "water_resistance_m": "The {name} is water resistant to {value}.",
    "case_charges": "The case charges the {name} {value} times over.",
    "max_volume_db": "The {name} is limited to {value}.",
    "fit": "The {name} is {value}.",
    "packaging": "The {name} comes in a {value}.",
}
SENTENCES_ZH = {
    "weight_g": "{name}重{value}。", "battery_life_h": "{name}充满电可用约{value}。",
    "oven_safe_c": "{name}可进烤箱，最高耐温{value}。",
    "battery_mah": "{name}的电池容量为{value}。", "capacity_ml": "{name}的容量为{value}。",
    "volume_l": "{name}的容量为{value}。", "material": "{name}的材质是{value}。",
    "wattage_w": "{name}的功率为{value}。", "caffeine_mg": "{name}每份含咖啡因{value}。",
    "brightness_lm": "{name}的亮度最高{value}。", "burn_time_h": "{name}可燃烧约{value}。",
    "keeps_hot_h": "{name}保温{value}。", "keeps_cold_h": "{name}保冷{value}。",
    "diameter_cm": "{name}的直径为{value}。", "height_cm": "{name}高{value}。",
    "pack_count": "{name}每包{value}件。", "compatible_models": "{name}适配{value}。",
    "ip_rating": "{name}的防水等级为{value}，防汗防溅。", "port_count": "{name}有{value}个接口。",
    "drop_protection_m": "{name}经过{value}跌落测试。", "water_resistance_m": "{name}防水深度{value}。",
    "case_charges": "充电盒可为{name}充电{value}次。", "max_volume_db": "{name}的最大音量限制为{value}。",
    "fit": "{name}是{value}设计。",
    "packaging": "{name}是{value}的。",
}


def value_sentence(product: ProductFacts, attribute: str, language: str) -> str:
    """One attribute's value in a sentence, with its unit ("The X weighs 280 g.")."""
    from agents.jimi.comparison import attribute_name

    name = product.name(language)
    label, unit = attribute_name(attribute, language)
    values = product.values(attribute)
    if language == "zh":  # "medium" roast -> 中度, "caramel" -> 焦糖, where known
        values = [MATERIAL_ZH.get(v.lower()) or VALUE_ZH.get(v.lower(), v) for v in values]
    if language == "zh":
        shown = join_list([_number(v) + UNIT_ZH.get(unit, unit) for v in values], "zh")
        template = SENTENCES_ZH.get(attribute, "{name}的{label}：{value}。")
    else:
        shown = join_list([f"{_number(v)} {unit}".strip() for v in values], "en")
        template = SENTENCES_EN.get(attribute, "The {name} has a {label} of {value}.")
        return agree(template.format(name=name, label=label, value=shown), name)
    return template.format(name=name, label=label, value=shown)


# yes/no features as a sentence says them: English "is ..." or "has ...", and Chinese
FEATURES_ZH = {
    "waterproof": "防水", "dishwasher_safe": "可用洗碗机清洗", "sugar_free": "无糖",
    "organic": "有机", "wireless": "无线", "quick_dry": "速干", "reflective": "带反光设计",
    "sparkling": "含气", "auto_shutoff": "自动断电", "induction_compatible": "适用电磁炉",
    "oven_safe": "可进烤箱", "fast_charging": "支持快充", "usb_c": "使用USB-C接口",
    "gps": "带GPS定位", "dimmable": "可调光", "removable_cover": "外套可拆",
    "double_wall": "双层设计", "noise_cancelling": "主动降噪", "leakproof": "防漏",
    "microwave_safe": "可用微波炉加热", "temperature_control": "可控温", "pfas_free": "不含PFAS",
    "magnetic": "支持磁吸", "straw": "带吸管", "light_up": "带发光", "packable": "可收纳",
    "bpa_free": "不含BPA", "machine_washable": "可机洗", "collapsible": "可折叠",
}
_ADJECTIVE_ENDINGS = ("proof", "safe", "free", "resistant", "compatible", "washable",
                      "dry", "less", "able", "ible", "ive", "ed", "al", "ic", "ing")


def _label(attribute: str, language: str) -> str:
    from agents.jimi.comparison import attribute_name

    return attribute_name(attribute, language)[0]


def yes_or_no(name: str, attribute: str, flag: bool, language: str) -> str:
    """A yes/no feature in a sentence: "Yes, the Trail Runner GTX is waterproof."."""
    label, _ = attribute_label(attribute)
    if language == "zh":
        feature = FEATURES_ZH.get(attribute)
        if feature is None:
            from agents.jimi.comparison import attribute_name

            label_zh = attribute_name(attribute, "zh")[0]
            return f"{name}{'支持' if flag else '不支持'}{label_zh}。"
        # the catalogue says no (False): "不可用洗碗机清洗，建议手洗", "不防水", "不是有机的"
        if flag:
            return f"是的，{name}{feature}。"
        advice = "，建议手洗" if attribute == "dishwasher_safe" else ""
        if feature.startswith(("可", "支持", "适用", "带", "含", "防", "使用", "主动")):
            return f"不，{name}不{feature}{advice}。"
        return f"不，{name}不是{feature}的{advice}。"
    if label.endswith(" included"):  # "rain cover included": "comes with a rain cover"
        thing = label.removesuffix(" included")
        return agree(f"{'Yes' if flag else 'No'}, the {name} "
                     f"{'comes with' if flag else 'does not come with'} a {thing}.", name)
    if label.endswith(_ADJECTIVE_ENDINGS):
        return agree(f"{'Yes' if flag else 'No'}, the {name} is {'' if flag else 'not '}{label}.",
                     name)
    label = " ".join(w.upper() if w in _ACRONYMS else w for w in label.split())
    if flag and label.split()[-1] in _COUNTED:  # "has an SOS button", "has a keyring clip"
        label = ("an " if label[0].lower() in "aeiou" or label.startswith("SOS") else "a ") + label
    return agree(f"{'Yes' if flag else 'No'}, the {name} {'has' if flag else 'has no'} {label}.",
                 name)


_ACRONYMS = frozenset({"sos", "gps", "usb", "led", "anc", "bpa", "pfas", "upf", "ip", "lcd"})
_COUNTED = frozenset({"button", "clip", "panel", "cover", "indicator", "handle", "lid", "strap",
                      "ring", "straw", "hood", "pocket", "hook", "loop", "compass", "whistle"})
