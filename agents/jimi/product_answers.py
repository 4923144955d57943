"""Answers about one product: colour and size availability, one attribute, or its description.

Replies are in the shopper's language, attributes named with labels and units
(``wording.attribute_label``), never by catalogue keys.

    >>> answer_about(product, turn, "en", "weight_g")
    "The Trail Runner GTX's weight: 280 g."
"""

from __future__ import annotations

from agents.jimi.context import Turn
from agents.jimi.wording import attribute_label, colour_name, join_list
from kg.facts import ProductFacts
from kg.lexicon import COLOUR_ZH


def answer_about(product: ProductFacts, turn: Turn, language: str,
                 attribute: str | None) -> str:
    """Colour or size availability when asked, else the attribute asked about."""
    colour = turn.entity("colour")
    if colour:
        return _has_colour(product, colour, language)
    size = turn.entity("size")
    if size:
        return _has_size(product, size, language)
    return describe_attribute(product, attribute, language)


def _has_colour(product: ProductFacts, colour: str, language: str) -> str:
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
        return f"抱歉，{name}没有{colour}，可选颜色有{shown}。"
    return f"Sorry, the {name} doesn't come in {colour}; it comes in {shown}."


def _has_size(product: ProductFacts, size: str, language: str) -> str:
    sizes = product.values("size")
    name = product.name(language)
    if not sizes:
        return (f"{name}没有尺码之分。" if language == "zh"
                else f"The {name} comes in one size only.")
    wanted = size.upper().removeprefix("SIZE").strip()
    if wanted in {s.upper() for s in sizes}:
        return (f"有的，{name}有{wanted}码。" if language == "zh"
                else f"Yes, the {name} is available in size {wanted}.")
    shown = join_list(sizes, language)
    return (f"抱歉，{name}没有{wanted}码，可选尺码：{shown}。" if language == "zh"
            else f"Sorry, the {name} doesn't come in size {wanted}; sizes: {shown}.")


def _colour_en(colour: str) -> str:
    lowered = colour.lower().strip()
    for english, chinese in COLOUR_ZH.items():
        if lowered in (english, chinese, chinese.removesuffix("色")):
            return english
    return lowered.replace("colour", "").replace("color", "").strip()


def describe_attribute(product: ProductFacts, attribute: str | None, language: str) -> str:
    name = product.name(language)
    if attribute == "colour":
        colours = [colour_name(c, language) for c in product.values("colour")]
        if language == "zh":
            return f"{name}有{join_list(colours, language)}可选。"
        return f"The {name} comes in {join_list(colours, language)}."
    if attribute == "price":
        return (f"{name}售价 {product.price:.2f} {product.currency}。" if language == "zh"
                else f"The {name} costs {product.price:.2f} {product.currency}.")
    if attribute == "stock":
        in_stock = product.in_stock
        if language == "zh":
            return f"{name}{'有货' if in_stock else '暂时缺货'}。"
        return f"The {name} is {'in stock' if in_stock else 'out of stock right now'}."
    flag = product.attributes.get(attribute) if attribute else None
    if isinstance(flag, bool) and attribute:  # "is it waterproof?": yes or no
        return yes_or_no(name, attribute, flag, language)
    values = product.values(attribute) if attribute else []
    if attribute and values:
        label, unit = attribute_label(attribute)
        shown = join_list([f"{v} {unit}".strip() for v in values], language)
        return f"{name}的{label}：{shown}。" if language == "zh" else f"The {name}'s {label}: {shown}."
    if attribute and attribute not in ("description",):
        boolean = product.attributes.get(attribute)
        if boolean is None and attribute in ("waterproof", "water_resistant"):
            return (f"{name}没有标注防水。" if language == "zh"
                    else f"The {name} is not listed as waterproof.")
    description = product.description_zh if language == "zh" else product.description_en
    return f"{name}: {description or product.description_en}"


# yes/no features as a sentence says them: English "is ..." or "has ...", and Chinese
FEATURES_ZH = {
    "waterproof": "防水", "dishwasher_safe": "可用洗碗机清洗", "sugar_free": "无糖",
    "organic": "有机", "wireless": "无线", "quick_dry": "速干", "reflective": "带反光设计",
    "sparkling": "含气", "auto_shutoff": "自动断电", "induction_compatible": "适用电磁炉",
    "oven_safe": "可进烤箱", "fast_charging": "支持快充", "usb_c": "使用USB-C接口",
    "gps": "带GPS定位", "dimmable": "可调光", "removable_cover": "外套可拆",
    "double_wall": "双层设计", "noise_cancelling": "主动降噪", "leakproof": "防漏",
    "bpa_free": "不含BPA", "machine_washable": "可机洗", "collapsible": "可折叠",
}
_ADJECTIVE_ENDINGS = ("proof", "safe", "free", "resistant", "compatible", "washable",
                      "dry", "less", "able", "ible", "ive", "ed", "al", "ic", "ing")


def yes_or_no(name: str, attribute: str, flag: bool, language: str) -> str:
    """A yes/no feature in a sentence: "Yes, the Trail Runner GTX is waterproof."."""
    label, _ = attribute_label(attribute)
    if language == "zh":
        feature = FEATURES_ZH.get(attribute)
        if feature is None:
            return f"{name}的{label}：{'是' if flag else '否'}。"
        return f"是的，{name}{feature}。" if flag else f"不，{name}没有标注{feature}。"
    if label.endswith(_ADJECTIVE_ENDINGS):
        return f"{'Yes' if flag else 'No'}, the {name} is {'' if flag else 'not '}{label}."
    return f"{'Yes' if flag else 'No'}, the {name} {'has' if flag else 'has no'} {label}."
