"""Answers to "which one ...?" among the products just shown: the winner first, with the
values that decide it ("The Trail Runner GTX is lighter: 310 g, against 680 g for the Alpine
Hiking Boot.")."""

from __future__ import annotations

from agents.jimi.comparison import attribute_name
from agents.jimi.search_terms import amount_text, quantity_text, value_of
from kg.facts import ProductFacts

# (attribute, more wanted?) -> how the winner is said
PHRASES_EN = {
    ("weight_g", False): "is lighter", ("weight_g", True): "is heavier",
    ("price", False): "is cheaper", ("price", True): "costs more",
    ("battery_life_h", True): "lasts longer on a charge",
    ("battery_life_h", False): "has the shorter battery life",
    ("capacity_ml", True): "holds more", ("capacity_ml", False): "holds less",
    ("volume_l", True): "holds more", ("volume_l", False): "holds less",
    ("battery_mah", True): "has the bigger battery", ("caffeine_mg", False): "has less caffeine",
    ("caffeine_mg", True): "has more caffeine", ("brightness_lm", True): "is brighter",
    ("burn_time_h", True): "burns longer", ("burn_time_h", False): "burns for less time",
    ("keeps_hot_h", True): "keeps drinks hot longer", ("keeps_cold_h", True): "keeps drinks cold longer",
}
PHRASES_ZH = {
    ("weight_g", False): "更轻", ("weight_g", True): "更重", ("price", False): "更便宜",
    ("price", True): "更贵", ("battery_life_h", True): "续航更长", ("battery_life_h", False): "续航更短",
    ("capacity_ml", True): "容量更大", ("capacity_ml", False): "容量更小",
    ("volume_l", True): "容量更大", ("volume_l", False): "容量更小",
    ("battery_mah", True): "电池容量更大", ("caffeine_mg", False): "咖啡因更少",
    ("caffeine_mg", True): "咖啡因更多", ("brightness_lm", True): "更亮",
    ("burn_time_h", True): "燃烧时间更长", ("burn_time_h", False): "燃烧时间更短",
    ("keeps_hot_h", True): "保温时间更长", ("keeps_cold_h", True): "保冷时间更长",
}


# the same of three or more: "is the lightest"
MOST_EN = {"is lighter": "is the lightest", "is heavier": "is the heaviest",
           "is cheaper": "is the cheapest", "costs more": "is the most expensive",
           "lasts longer on a charge": "lasts longest on a charge", "holds more": "holds the most",
           "holds less": "holds the least", "is brighter": "is the brightest",
           "burns longer": "burns longest", "has more caffeine": "has the most caffeine",
           "has less caffeine": "has the least caffeine"}


def which_wins(ranked: list[ProductFacts], key: str, more: bool, language: str) -> str:
    """``ranked`` best first for the question; the winner and every value."""
    winner, rest = ranked[0], ranked[1:]
    label, _ = attribute_name(key, language)
    value = _shown(winner, key, language)
    if language == "zh":
        phrase = PHRASES_ZH.get((key, more), f"{label}{'更高' if more else '更低'}")
        phrase = phrase.replace("更", "最") if len(ranked) >= 3 else phrase
        others = "，".join(f"{p.name('zh')}为{_shown(p, key, 'zh')}" for p in rest)
        return f"{winner.name('zh')}{phrase}：{value}" + (f"，{others}" if others else "") + "。"
    phrase = PHRASES_EN.get((key, more), f"has the {'higher' if more else 'lower'} {label}")
    phrase = MOST_EN.get(phrase, phrase) if len(ranked) >= 3 else phrase
    others = ", ".join(f"{_shown(p, key, 'en')} for the {p.name_en}" for p in rest)
    return f"The {winner.name_en} {phrase}: {value}" + (f", against {others}" if others
                                                         else "") + "."


def which_unknown(having: list[ProductFacts], missing: list[ProductFacts], key: str,
                  language: str) -> str:
    """Only some list the value: say what is known, and that the rest is not listed."""
    label, _ = attribute_name(key, language)
    known = ("，".join(f"{p.name('zh')}为{_shown(p, key, 'zh')}" for p in having) if language == "zh"
             else ", ".join(f"the {p.name_en}: {_shown(p, key, 'en')}" for p in having))
    if language == "zh":
        return (f"{known}；{'、'.join(p.name('zh') for p in missing)}没有标注{label}，"
                "所以没法比较。")
    return (f"I can't say which: our catalogue lists the {label} only for {known}; the "
            f"{label} of the {' and the '.join(p.name_en for p in missing)} is not listed.")


def which_has(products: list[ProductFacts], having: list[ProductFacts], key: str,
              language: str) -> str:
    """A yes/no feature among products: which have it, which do not."""
    label, _ = attribute_name(key, language)
    lacking = [p for p in products if p not in having]
    if language == "zh":
        parts = [f"{'、'.join(p.name('zh') for p in having)}{label}" if having else
                 f"这几款都没有标注{label}"]
        said_no = [p for p in lacking if p.attributes.get(key) is False]
        unlisted = [p for p in lacking if p not in said_no]
        if having and said_no:  # the catalogue says no: "不可", not "没有标注"
            parts.append(f"{'、'.join(p.name('zh') for p in said_no)}不可{label.removeprefix('可')}")
        if having and unlisted:
            parts.append(f"{'、'.join(p.name('zh') for p in unlisted)}没有标注{label}")
        return "，".join(parts) + "。"
    if not having:
        return f"None of them is listed as {label}."
    verb = "is" if len(having) == 1 else "are"
    text = f"The {' and the '.join(p.name_en for p in having)} {verb} {label}"
    if lacking:
        text += f"; the {' and the '.join(p.name_en for p in lacking)} " \
                f"{'is' if len(lacking) == 1 else 'are'} not"
    return text + "."


def _shown(product: ProductFacts, key: str, language: str) -> str:
    if key == "price":
        return _shown_price(product.price, product, language)
    return amount_text(product, key, language) or "-"


def _shown_price(amount: float, product: ProductFacts, language: str) -> str:
    return f"{amount:.2f}美元" if language == "zh" else f"{amount:.2f} {product.currency}"


def difference(first: ProductFacts, second: ProductFacts, key: str, language: str
               ) -> str | None:
    """How far apart two products are on ``key`` ("The Road Racer Lite is 90 g lighter than
    the Trail Runner GTX: 220 g against 310 g."), None when either lacks the value."""
    a, b = value_of(first, key), value_of(second, key)
    if a is None or b is None:
        return None
    gap = abs(a - b)
    if gap == 0:
        return (f"{first.name('zh')}和{second.name('zh')}一样：{_shown(first, key, 'zh')}。"
                if language == "zh" else f"The {first.name_en} and the {second.name_en} are "
                f"the same: {_shown(first, key, 'en')}.")
    shown = _shown_price(gap, first, language) if key == "price" else \
        quantity_text(gap, key, language)
    more = a > b
    if language == "zh":
        word = {"weight_g": ("重", "轻"), "price": ("贵", "便宜"), "battery_life_h": ("长", "短"),
                "capacity_ml": ("大", "小"), "brightness_lm": ("亮", "暗")}[key][0 if more else 1]
        return (f"{first.name('zh')}比{second.name('zh')}{word}{shown}"
                f"（{_shown(first, key, 'zh')}对比{_shown(second, key, 'zh')}）。")
    words = {"weight_g": ("heavier", "lighter"), "price": ("more expensive", "cheaper"),
             "battery_life_h": ("longer-lasting", "shorter-lasting"),
             "capacity_ml": ("bigger", "smaller"), "brightness_lm": ("brighter", "dimmer")}[key]
    return (f"The {first.name_en} is {shown} {words[0 if more else 1]} than the "
            f"{second.name_en}: {_shown(first, key, 'en')} against {_shown(second, key, 'en')}.")
