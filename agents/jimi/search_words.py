"""The words of a product search's answer: what was asked for ("waterproof shoes under 100
USD", "100美元以内的防水鞋"), each product's line (the features asked for, the ordering's value,
the price), and the answer when no product fits a phone model."""

from __future__ import annotations

import re

from agents.jimi.comparison import attribute_name
from agents.jimi.search_terms import CURRENCY_ZH, amount_text, value_of
from kg.constraints import Constraints
from kg.facts import ProductFacts
from kg.lexicon import TAG_ZH, label_zh


def shown_value(product: ProductFacts, key: str | None, language: str) -> str | None:
    if not key or key.startswith("tag:"):
        return None
    if key == "price":
        return price_text(product, language)
    value = value_of(product, key)
    if value is None:
        return None
    amount = amount_text(product, key, language) or ""
    if key == "battery_life_h":
        return f"续航{amount}" if language == "zh" else f"{amount} battery life"
    return amount


def price_text(product: ProductFacts, language: str) -> str:
    if language == "zh":
        return f"{product.price:.2f}{CURRENCY_ZH.get(product.currency, product.currency)}"
    return f"{product.price:.2f} {product.currency}"


def reasons_for(product: ProductFacts, constraints: Constraints, language: str) -> list[str]:
    """The asked-for features this product has, in words ("waterproof", "防水")."""
    reasons = []
    for value in sorted(constraints.values):
        attribute, _, raw = value.split(":", 1)[1].partition("=")
        if raw == "true":
            label, _ = attribute_name(attribute, language)
            reasons.append(label)
        else:
            reasons.append(value_word(attribute, raw, language))
    return reasons


def value_word(attribute: str, raw: str, language: str) -> str:
    """A value as the shopper says it: "silver" -> "银色" in Chinese."""
    word = raw.replace("-", " ")
    if language == "zh":
        return label_zh(attribute, word) or word
    return word


def described_search(constraints: Constraints, language: str, currency: str) -> str:
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
            values.append(value_word(attribute, raw, language))
    for node in sorted(constraints.soft):  # "hiking boots", "登山的靴子": the use named
        if node.startswith("tag:") and kinds:
            tag = node.split(":", 1)[1]
            values.append(TAG_ZH.get(tag, tag) if language == "zh"
                          else tag.replace("-", " "))
    return {"kinds": kinds, "categories": categories, "values": values}


def sentences(parts: list[str], language: str) -> str:
    return ("" if language == "zh" else " ").join(parts)


def joined(lines: list[str], language: str) -> str:
    return "\n" + "\n".join(lines)


def no_model(products: list[ProductFacts], model: str, language: str) -> str:
    """None of these fits the phone model: say so, with the models each one does fit."""
    fitted = products
    if language == "zh":
        lines = "；".join(f"{p.name('zh')}适配{'、'.join(p.values('compatible_models'))}"
                         for p in fitted)
        return f"抱歉，目前没有适配{model}的商品。现有的：{lines}。"
    lines = "; ".join(f"the {p.name_en} fits the {' and '.join(p.values('compatible_models'))}"
                      for p in fitted)
    return f"We don't have one that fits the {model}. What we have: {lines}."


def in_size(products: list[ProductFacts], size: str, language: str) -> str:
    """"hiking boots in size 47": which of ``products`` come in it, else the sizes they do."""
    having = [p for p in products if size.upper() in {s.upper() for s in p.values("size")}]
    if having:
        names = ("、" if language == "zh" else " and the ").join(p.name(language) for p in having)
        return (f"有{size}码的：{names}。" if language == "zh" else
                f"In size {size}: the {names}.")
    sized = [p for p in products if p.values("size")]
    if language == "zh":
        shown = "；".join(f"{p.name('zh')}尺码{'、'.join(p.values('size'))}" for p in sized[:2])
        return f"这些都没有{size}码" + (f"（{shown}）" if shown else "") + "。"
    shown = "; ".join(f"the {p.name_en} comes in {join_sizes(p.values('size'))}"
                      for p in sized[:2])
    return f"None of these comes in size {size}" + (f" ({shown})" if shown else "") + "."


def join_sizes(sizes: list[str]) -> str:
    """"38 to 45" for a run of numbers, else the list."""
    numbers = [float(s) for s in sizes if s.replace(".", "", 1).isdigit()]
    if len(numbers) == len(sizes) and len(sizes) > 2:
        return f"{sizes[0]} to {sizes[-1]}"
    return ", ".join(sizes)


_ASKED_THING = re.compile(
    r"(?i)\bdo (?:you|u|ya) (?:guys )?(?:sell|carry|stock|have) (?:an? |any |some )?"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)?)|你们(?:有没有)?卖([\u4e00-\u9fff]{1,6}?)(?:吗|么|嘛|不|没|$)|"
    r"有没有卖([\u4e00-\u9fff]{1,6}?)(?:的|吗|么|嘛|$)")
_NOT_THING = re.compile(r"(?i)^(?:it|them|one|ones|those|these|that|this|anything|something|the|"
                        r"other|similar|more|in)\b")


def unsold(text: str, products: list[ProductFacts]) -> str | None:
    """The thing a shopper asks whether we sell ("do u sell tents?", "你们卖雨伞吗") when no
    product's name holds it, for a reply that says so before the closest matches."""
    match = _ASKED_THING.search(text)
    thing = next((g for g in match.groups() if g), None) if match else None
    if not thing or _NOT_THING.match(thing):
        return None
    stem = thing.split()[0].lower().rstrip("s") if thing.isascii() else thing
    names = " ".join(f"{p.name_en} {p.name_zh or ''}".lower() for p in products)
    return None if stem in names else thing
