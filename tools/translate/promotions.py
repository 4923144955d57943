"""Promotional sentences with numbers in them: "-30%", "7折", "Up to 50% off", "Save $10",
"Buy 2 get 1 free", "Free shipping over $49", "满300减50".

Their words are the glossary's ``templates``, each with slots for what changes; every form of
a template, in any language, is read (the slots become patterns), and the target language's
first form is written with the numbers formatted for its locale. A discount is one value
whichever way it is written: "30% off", "-30 %" and "7折" all say 30% (a Chinese 折 figure is
the share that is paid: 7折 pays 70%, 85折 pays 85%, 8.5折 too). Amounts keep their currency
and the decimals they were shown with; a bare number stays bare ("满99包邮" gives "Free
shipping over 99": no currency is made up).

Example::

    promotion = read_promotion("7折", default_glossary())
    write_promotion(promotion, "en")            # "-30%"
    write_promotion(promotion, "de")            # "-30 %" (a no-break space before "%")
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

from tools.translate.glossary import Glossary, Template, normalise
from tools.translate.locale import Price, format_amount, format_percent, parse_amount, parse_number

_HAN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
               "九": 9, "十": 10}
_SLOT_PATTERNS = {
    "percent": r"(?P<percent>\d+(?:[.,]\d+)?) ?%",
    "rate": r"(?P<rate>\d+(?:\.\d+)?|[一二三四五六七八九]{1,2})",
    "amount": r"(?P<amount>.+?)", "minimum": r"(?P<minimum>.+?)",
    "buy": r"(?P<buy>\d{1,3}|[一二两三四五六七八九十])",
    "free": r"(?P<free>\d{1,3}|[一二两三四五六七八九十])",
}
Value = Decimal | Price | int


@dataclass(frozen=True)
class Promotion:
    """A template read from a text, with its values: ``discount`` (percent, a Decimal),
    ``amount`` and ``minimum`` (Prices), ``buy`` and ``free`` (counts)."""

    template: Template
    values: Mapping[str, Value]
    language: str  # the language whose form matched


def read_promotion(text: str, glossary: Glossary, source: str | None = None
                   ) -> Promotion | None:
    """The promotion a whole text is, in any language (only ``source``'s forms when given)."""
    key = normalise(text)
    for template, language, pattern in _patterns(glossary):
        if source is not None and language != source:
            continue
        match = pattern.fullmatch(key)
        values = _values(match.groupdict(), language) if match else None
        if values is not None:
            return Promotion(template, MappingProxyType(values), language)
    return None


def write_promotion(promotion: Promotion, language: str) -> str | None:
    """The promotion in the language's first form; None when the template has none there."""
    forms = promotion_forms(promotion, language)
    return forms[0] if forms else None


def promotion_forms(promotion: Promotion, language: str) -> list[str]:
    """The promotion in each of the language's forms, the one written first."""
    forms = promotion.template.forms.get(language)
    if not forms:
        return []
    values = promotion.values
    slots: dict[str, str] = {}
    if "discount" in values:
        discount = Decimal(str(values["discount"]))
        slots["percent"] = format_percent(discount, language)
        slots["rate"] = _plain((100 - discount) / 10)
    for name in ("amount", "minimum"):
        value = values.get(name)
        if isinstance(value, Price):
            slots[name] = format_amount(value, language)
    slots.update({name: str(values[name]) for name in ("buy", "free") if name in values})
    written = []
    for form in forms:
        try:
            written.append(form.format(**slots))
        except KeyError:  # a form with a slot this promotion has no value for
            continue
    return written


@lru_cache(maxsize=4)
def _patterns(glossary: Glossary) -> tuple[tuple[Template, str, re.Pattern[str]], ...]:
    """Every form of every template as a pattern over normalised text, in the file's order."""
    compiled = []
    for template in glossary.templates.values():
        for language, forms in template.forms.items():
            for form in forms:
                regex = re.escape(normalise(form))
                for slot, pattern in _SLOT_PATTERNS.items():
                    regex = regex.replace(re.escape("{" + slot + "}"), pattern)
                compiled.append((template, language, re.compile(regex)))
    return tuple(compiled)


def _values(groups: Mapping[str, str | None], language: str) -> dict[str, Value] | None:
    """The slots' values, or None when one does not read as what it should be."""
    values: dict[str, Value] = {}
    if groups.get("percent") is not None:
        number = parse_number(str(groups["percent"]))
        values["discount"] = number[0] if number else Decimal(-1)
    if groups.get("rate") is not None:
        values["discount"] = _discount_of_rate(str(groups["rate"]))
    if "discount" in values and not 0 < Decimal(str(values["discount"])) < 100:
        return None
    for name in ("amount", "minimum"):
        if groups.get(name) is not None:
            amount = parse_amount(str(groups[name]), language)
            if amount is None or amount.amount <= 0:
                return None
            values[name] = amount
    for name in ("buy", "free"):
        if groups.get(name) is not None:
            count = _count(str(groups[name]))
            if count < 1:
                return None
            values[name] = count
    return values


def _discount_of_rate(rate: str) -> Decimal:
    """The percent off of a 折 figure: "7" -> 30, "85" -> 15, "8.5" -> 15, "七五" -> 25."""
    if rate[0] in _HAN_DIGITS:
        rate = "".join(str(_HAN_DIGITS[c]) for c in rate)
    paid = Decimal(rate)
    if "." not in rate and len(rate) == 2:  # "85折": 85% paid
        return 100 - paid
    return 100 - paid * 10


def _count(text: str) -> int:
    return _HAN_DIGITS[text] if text in _HAN_DIGITS else int(text)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 7, 8.5."""
    return format(value.normalize(), "f")
