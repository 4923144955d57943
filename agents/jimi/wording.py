"""JIMI's phrases in English and Chinese."""

from __future__ import annotations

import re

from kg.lexicon import COLOUR_ZH

ATTRIBUTE_WORDS = {
    "colour": ("colour", "color", "颜色", "色"),
    "size": ("size", "尺码", "尺寸", "码"),
    "waterproof": ("waterproof", "water resistant", "water-resistant", "防水"),
    "material": ("material", "made of", "fabric", "材质", "材料", "面料"),
    "price": ("price", "cost", "how much", "价格", "多少钱"),
    "stock": ("in stock", "available", "availability", "有货", "库存"),
    "capacity_ml": ("capacity", "how big", "容量"),
    "battery_life_h": ("battery life", "续航"),
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_ORDER_ID = re.compile(r"(?i)\b(?:sm-?)?\d{6}\b")


def language_of(text: str, default: str = "en") -> str:
    """The language a message is written in: Chinese, English, else ``default``.

    A bare order number ("SM-100023") says nothing about the language.
    """
    if _CJK.search(text):
        return "zh"
    return "en" if _LATIN.search(_ORDER_ID.sub(" ", text)) else default


def attribute_asked(text: str, entity: str | None) -> str | None:
    """The attribute a question is about, from the NLU entity or the words used."""
    if entity:
        entity = entity.lower().strip()
        singular = entity.removesuffix("s")
        for attribute, words in ATTRIBUTE_WORDS.items():
            if {entity, singular} & {attribute, *words}:
                return attribute
        return entity.replace(" ", "_")
    lowered = text.lower()
    for attribute, words in ATTRIBUTE_WORDS.items():
        if any(word in lowered for word in words):
            return attribute
    return None


def join_list(items: list[str], language: str) -> str:
    if language == "zh":
        return "、".join(items[:-1]) + ("和" if len(items) > 1 else "") + items[-1]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def colour_name(colour: str, language: str) -> str:
    return COLOUR_ZH.get(colour, colour) if language == "zh" else colour


UNITS = {"h": "h", "ml": "ml", "l": "L", "mah": "mAh", "w": "W", "g": "g", "kg": "kg",
         "cm": "cm", "mm": "mm", "lm": "lm", "mg": "mg", "m": "m", "k": "K", "c": "°C",
         "db": "dB"}


ACRONYMS = frozenset({"gps", "usb", "led", "nfc", "anc", "ip", "upf", "uv", "bpa"})


def attribute_label(attribute: str) -> tuple[str, str]:
    """("battery life", "h") for ``battery_life_h``: the name and the unit in its key
    (acronyms in capitals: "GPS")."""
    stem, _, suffix = attribute.rpartition("_")
    name, unit = (stem, UNITS[suffix]) if stem and suffix in UNITS else (attribute, "")
    return " ".join(w.upper() if w in ACRONYMS else w for w in name.split("_")), unit


_VERBS = {"is": "are", "has": "have", "weighs": "weigh", "runs": "run", "holds": "hold",
          "comes": "come", "costs": "cost", "keeps": "keep", "fits": "fit", "gives": "give",
          "burns": "burn", "isn't": "aren't", "doesn't": "don't", "does": "do"}
_TAIL = re.compile(r"\s*(?:\([^)]*\)|\d[\d.,]*\s*(?:ml|l|cm|mm|g|kg|mah|w)?|[\d.,]+)\s*$",
                   re.IGNORECASE)


def plural_name(name: str) -> bool:
    """Whether an English product name is a plural ("FitBuds Sport Earbuds", "Kids
    Volume-Limited Headphones"), by its last word without sizes or brackets."""
    core = name
    while True:
        shorter = _TAIL.sub("", core)
        if shorter == core:
            break
        core = shorter
    words = core.split()
    last = words[-1].lower() if words else ""
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def agree(sentence: str, name: str) -> str:
    """The verb after "the {name}" agreeing with a plural name: "The FitBuds Sport Earbuds
    are rated IPX5", "No, the Trail Socks have no ..."."""
    if not plural_name(name):
        return sentence
    return re.sub(rf"({re.escape(name)}) ({'|'.join(map(re.escape, _VERBS))})\b",
                  lambda m: f"{m.group(1)} {_VERBS[m.group(2)]}", sentence)
