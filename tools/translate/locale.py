"""Prices, numbers, percentages and quantities as each target locale writes them.

A translated banner keeps its amounts and its currency (an amount is never converted) but
writes them the target's way: "$59.00" is "59,00 $" in German and "US$59.00" in Chinese;
"2.5 kg" is "2,5 kg" in French and "500 ml" is "500毫升" in Chinese. The rules are CLDR's,
through Babel (BSD-3), never hand-written. Babel puts a no-break space (or a narrow one)
between a number and its currency or "%" where the locale does, so that the two never land
on different lines.

Reading is lenient the way banners are: the currency before or after the number, written as a
symbol, a code or a word ("199元", "US$1,299.50", "12,50 €"), and "." or "," as the decimal
mark (one mark followed by exactly three digits groups thousands: "1.299" is 1299). A bare
"¥" is yuan unless the text is Japanese. The number of decimals shown is kept ("¥199" stays
without decimals).

Example::

    price = parse_price("12,50 €")              # Price(Decimal("12.50"), "EUR", 2)
    format_price(price.amount, "EUR", "en")     # "€12.50"
    format_quantity(parse_quantity("330ml", default_glossary()), "zh")   # "330毫升"
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, format_currency, format_decimal

from tools.translate.glossary import Entry, Glossary, normalise

LOCALES = {"en": "en_US", "zh": "zh_CN", "es": "es_ES", "de": "de_DE", "fr": "fr_FR",
           "ja": "ja_JP"}
_CURRENCIES = {
    "US$": "USD", "$US": "USD", "USD": "USD", "$": "USD", "美元": "USD", "ドル": "USD",
    "€": "EUR", "EUR": "EUR", "欧元": "EUR", "ユーロ": "EUR", "£": "GBP", "GBP": "GBP",
    "英镑": "GBP", "CN¥": "CNY", "RMB": "CNY", "CNY": "CNY", "元": "CNY", "人民币": "CNY",
    "JP¥": "JPY", "JPY": "JPY", "円": "JPY", "日元": "JPY", "HK$": "HKD", "HKD": "HKD",
}
_YEN = "¥"  # yuan or yen: decided by the text's language
_SYMBOL = "|".join(re.escape(s) for s in sorted([*_CURRENCIES, _YEN], key=len, reverse=True))
_NUMBER = r"\d(?:[\d\s.,']*\d)?"
_PRICE = re.compile(rf"^(?:(?P<pre>{_SYMBOL})\s*)?(?P<number>{_NUMBER})(?:\s*(?P<post>{_SYMBOL}))?$",
                    re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


@dataclass(frozen=True)
class Price:
    """An amount, its currency (None for a bare number) and the decimals it was shown with."""

    amount: Decimal
    currency: str | None
    decimals: int


@dataclass(frozen=True)
class Quantity:
    """A number with a unit of the glossary ("500 ml")."""

    amount: Decimal
    decimals: int
    unit: Entry


def parse_number(text: str) -> tuple[Decimal, int] | None:
    """(value, decimals shown) of "1,299.50", "1.299,50", "1 299,5" or "12"; None if not one."""
    digits = re.sub(r"[\s']", "", text)
    if not re.fullmatch(r"\d[\d.,]*\d|\d", digits):
        return None
    marks = {c for c in digits if c in ".,"}
    if not marks:
        return Decimal(digits), 0
    if len(marks) == 1 and _GROUPED.fullmatch(digits):  # "1,299", "1.000.000": thousands
        return Decimal(re.sub("[.,]", "", digits)), 0
    last = "." if digits.rfind(".") > digits.rfind(",") else ","
    head, _, tail = digits.rpartition(last)
    if last in head or (head != head.strip(".,") or not head.isdigit()
                        and not _GROUPED.fullmatch(head)):
        return None
    return Decimal(f"{re.sub('[.,]', '', head)}.{tail}"), len(tail)


def parse_price(text: str, language: str | None = None) -> Price | None:
    """The price a text is, or None: "$59.00", "US$1,299.50", "¥199", "199元", "€12,50",
    "12,50 €", "1.299,50 $". A bare "¥" is yen when ``language`` is "ja", else yuan."""
    match = _PRICE.match(" ".join(text.split()).replace("\uffe5", _YEN))
    if not match or bool(match["pre"]) == bool(match["post"]):
        return None
    number = parse_number(match["number"])
    if number is None:
        return None
    symbol = (match["pre"] or match["post"]).upper()
    currency = _CURRENCIES.get(symbol) or ("JPY" if language == "ja" else "CNY")
    return Price(number[0], currency, number[1])


def parse_amount(text: str, language: str | None = None) -> Price | None:
    """A price, or a bare number as a Price without currency (none is ever made up)."""
    price = parse_price(text, language)
    if price is not None:
        return price
    number = parse_number(text.strip())
    return Price(number[0], None, number[1]) if number else None


def format_price(amount: Decimal | float | str, currency: str, language: str,
                 decimals: int | None = None) -> str:
    """The amount in ``currency`` as the language's locale writes it; ``decimals`` fixes the
    decimals shown (None: the currency's own, two for most)."""
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ValueError(f"currency must be an ISO 4217 code such as 'USD', not {currency!r}")
    locale = _locale(language)
    if decimals is None:
        return format_currency(Decimal(str(amount)), currency, locale=locale)
    pattern = _with_decimals(locale.currency_formats["standard"], decimals)
    return format_currency(Decimal(str(amount)), currency, format=pattern, locale=locale,
                           currency_digits=False)


def format_amount(price: Price, language: str) -> str:
    """A price (or bare number) as the language writes it, with the decimals it was shown with."""
    if price.currency is None:
        return format_number(price.amount, language, price.decimals)
    return format_price(price.amount, price.currency, language, price.decimals)


def format_number(value: Decimal, language: str, decimals: int = 0,
                  grouping: bool = True) -> str:
    """1299.5 as "1,299.50" (en), "1.299,50" (de) or "1 299,50" (fr) for two decimals;
    without thousands separators when ``grouping`` is false."""
    locale = _locale(language)
    pattern = _with_decimals(locale.decimal_formats[None], decimals)
    return format_decimal(value, format=pattern, locale=locale, group_separator=grouping)


def format_percent(percent: Decimal, language: str) -> str:
    """30 as "30%" (en, zh, ja) or "30 %" (de, es, fr), decimals as given (12.5: "12,5 %")."""
    locale = _locale(language)
    decimals = max(0, -int(percent.normalize().as_tuple().exponent))
    pattern = _with_decimals(locale.percent_formats[None], decimals)
    return pattern.apply(percent / 100, locale)


def parse_quantity(text: str, glossary: Glossary) -> Quantity | None:
    """A number with one of the glossary's units: "500 ml", "330毫升", "2,5 kg", "3er-Pack"."""
    key = normalise(text)
    for pattern, entry in _unit_patterns(glossary):
        match = pattern.fullmatch(key)
        number = parse_number(match["n"]) if match else None
        if number is not None:
            return Quantity(number[0], number[1], entry)
    return None


def format_quantity(quantity: Quantity, language: str) -> str | None:
    """The quantity as the language writes it ("500毫升", "2,5 kg", "lot de 3"); None when
    the glossary has no form of the unit in that language."""
    unit = quantity.unit.text(language)
    if unit is None:
        return None
    # a quantity is a figure on a label ("5000 mAh", "1000 ml"): never grouped
    number = format_number(quantity.amount, language, quantity.decimals, grouping=False)
    if "{n}" in unit:
        return unit.replace("{n}", number)
    return f"{number}{unit}" if language in ("zh", "ja") else f"{number} {unit}"


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    if language not in LOCALES:
        raise ValueError(f"unknown language {language!r}; known: {tuple(LOCALES)}")
    return Locale.parse(LOCALES[language])


def _with_decimals(pattern: NumberPattern, decimals: int) -> NumberPattern:
    fixed = copy.copy(pattern)
    fixed.frac_prec = (decimals, decimals)
    return fixed


@lru_cache(maxsize=4)
def _unit_patterns(glossary: Glossary) -> tuple[tuple[re.Pattern[str], Entry], ...]:
    """One pattern per unit form, longest forms first; the number is group ``n``."""
    number = r"(?P<n>\d(?:[\d.,]*\d)?)"
    patterns = []
    for entry in glossary.entries("unit"):
        for forms in entry.forms.values():
            for form in forms:
                if "{n}" in form:  # unit forms have no digits: "1" marks the number's place
                    regex = re.escape(normalise(form.replace("{n}", "1"))).replace("1", number)
                else:
                    regex = rf"{number} ?{re.escape(normalise(form))}"
                patterns.append((len(form), re.compile(regex), entry))
    patterns.sort(key=lambda item: -item[0])
    return tuple((pattern, entry) for _, pattern, entry in patterns)
