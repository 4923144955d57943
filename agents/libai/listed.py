"""Wordings for list-valued attributes (colours, sizes, compatible models, tasting notes) and
for the few measured attributes whose wording depends on the value (pack counts).
"""

from __future__ import annotations

from agents.libai import chinese, english
from agents.libai.choices import VALUE_ZH
from agents.libai.nouns import Subject
from agents.libai.wording import Wording, w


def zh_value(value: str) -> str:
    return VALUE_ZH.get(value.lower(), value)


def list_wording(attribute: str, values: list[str]) -> Wording | None:
    if not values:
        return None
    builder = {"colour": _colours, "color": _colours, "size": _sizes, "shoe_size": _shoe_sizes,
               "compatible_models": _models, "tasting_notes": _notes, "medium": _media}.get(
        attribute)
    return builder(values) if builder else None


def _colours(values: list[str]) -> Wording:
    en = english.join(values)
    zh = chinese.enumerate_items([zh_value(v) for v in values])
    if len(values) == 1:
        return w(0.4, values[0].capitalize(), f"[come{{s}} in|{{is}} finished in] {en}", en, zh,
                 f"{zh}款|{zh}配色")
    count = str(len(values))
    return w(0.55, f"{count} colours",
             f"[come{{s}} in|{{is}} offered in|ship{{s}} in] {en}|{{is}} available in {count} "
             f"colours: {en}|let{{s}} you [pick|choose] from {en}",
             f"a choice of {en}|{count} colours", f"{count}色可选",
             f"{zh}可选|有{count}种颜色可选|{zh}，{count}色任选")


def _sizes(values: list[str]) -> Wording:
    if values == ["one size"]:
        return w(0.25, "One size", "{is} one size", "one size", "均码", "均码设计")
    first, last = values[0], values[-1]
    en = f"{first} to {last}" if len(values) > 2 else english.join(values)
    zh = f"{first}至{last}" if len(values) > 2 else "、".join(values)
    return w(0.3, f"Sizes {en}", f"[come{{s}} in|{{is}} available in|{{is}} cut in] sizes {en}",
             f"sizes {en}", f"{zh}码", f"{zh}多个尺码可选|尺码{zh}|[提供|备有]{zh}[尺码|各码]")


def _shoe_sizes(values: list[str]) -> Wording:
    ordered = sorted(values, key=lambda v: float(v) if v.replace(".", "").isdigit() else 0)
    first, last = ordered[0], ordered[-1]
    return w(0.3, f"EU {first}–{last}",
             f"[come{{s}} in|{{is}} available in|{{is}} offered in] EU sizes {first} to {last}",
             f"EU sizes {first} to {last}", f"{first}-{last}码",
             f"{first}至{last}码可选|[提供|备有]{first}至{last}码")


def _models(values: list[str]) -> Wording:
    en, zh = english.join(values), chinese.enumerate_items(values)
    return w(0.85, f"For {values[0]}", f"fit{{s}} the {en}|{{is}} made to fit the {en}",
             f"a fit for the {en}", f"适配{values[0]}", f"适配{zh}|专为{zh}设计")


def _notes(values: list[str]) -> Wording:
    en = english.join(values)
    zh = chinese.join([zh_value(v) for v in values])
    return w(0.65, f"Notes of {en}", f"{{has}} notes of {en}|{{is}} full of {en} notes",
             f"notes of {en}", f"{zh}风味", f"带有{zh}风味|入口是{zh}的香气")


def _media(values: list[str]) -> Wording:
    en, zh = english.join(values), chinese.enumerate_items(values)
    return w(0.8, english.join(values, "or"), f"{{is}} available on {en}", f"{en} editions",
             f"{zh}版", f"提供{zh}版本|{zh}版本任选")


def pack_wording(count: int, subject: Subject) -> Wording:
    n = str(count)
    unit = _pack_unit(subject)
    return w(0.6, f"Pack of {n}", f"come{{s}} in a pack of {n}|arrive{{s}} {n} to a pack",
             f"a pack of {n}", f"{n}{unit}装", f"{n}{unit}装|一份{n}{unit}")


def _pack_unit(subject: Subject) -> str:
    if subject.family == "drinks":
        return "罐" if "罐" in subject.name_zh else "瓶"
    name = subject.name_en.lower()
    for word, unit in (("sock", "双"), ("candle", "支"), ("mug", "只"), ("cushion", "只")):
        if word in name:
            return unit
    return "件"


def generic_wording(attribute: str, value: object) -> Wording | None:
    """A plain English wording for an attribute no table knows (no Chinese: not guessed)."""
    label = attribute.replace("_", " ")
    if value is True:
        return Wording(0.3, label.capitalize(), (f"{{is}} {label}",), (label,), "", ())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = english.number(value)
        return Wording(0.3, f"{label.capitalize()} {shown}",
                       (f"{{has}} a {label} of {shown}",), (f"a {label} of {shown}",), "", ())
    if isinstance(value, str) and value:
        return Wording(0.3, value, (f"{{has}} {value} as its {label}",),
                       (f"{value} {label}",), "", ())
    return None
