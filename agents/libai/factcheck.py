"""The fact check: every attribute word and every number in a text must be supported by the
product's facts.

``Evidence.of(product)`` collects what the facts support: vocabulary keys found in the name,
tags, category and attribute values, true yes/no attributes, derived claims (a 290 g jacket is
lightweight; 0 mg caffeine is caffeine-free) and numbers with their units. ``check(text)``
then rejects any claim outside that evidence ("leather" on a mesh shoe, "20 hours" on a
30-hour battery) and reports which attributes the text grounds in (used for coverage).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from agents.libai.listed import zh_value
from agents.libai.measures import unit_of
from agents.libai.nouns import short_name
from agents.libai.points import phone_charges
from agents.libai.vocabulary import DERIVED, vocabulary
from kg.facts import ProductFacts

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,])(\d+(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d.]\d|\d)\s?"
    r"(full phone charges?|millilit(?:re|er)s?|lit(?:re|er)s?|kilograms?|grams?|hours?|hrs?|"
    r"days?|minutes?|mins?|watts?|lumens?|metres?|meters?|degrees|calories|毫安时|毫安|毫升|"
    r"千克|公斤|毫克|小时|分钟|流明|厘米|毫米|分贝|千卡|大卡|mAh|kcal|ml|mL|kg|mg|lm|cm|mm|dB|"
    r"°C|℃|升|克|天|瓦|米|次|度|L|l|g|h|W|m|K|%)?(?![A-Za-z])")
_UNITS = {
    "full phone charge": ("phone_charge", 1.0), "millilitre": ("ml", 1.0),
    "milliliter": ("ml", 1.0), "litre": ("ml", 1000.0), "liter": ("ml", 1000.0),
    "kilogram": ("g", 1000.0), "gram": ("g", 1.0), "hour": ("h", 1.0), "hr": ("h", 1.0),
    "day": ("h", 24.0), "minute": ("h", 1 / 60), "min": ("h", 1 / 60), "watt": ("w", 1.0),
    "lumen": ("lm", 1.0), "metre": ("m", 1.0), "meter": ("m", 1.0), "degree": ("c", 1.0),
    "calorie": ("kcal", 1.0), "毫安时": ("mah", 1.0), "毫安": ("mah", 1.0),
    "毫升": ("ml", 1.0), "千克": ("g", 1000.0), "公斤": ("g", 1000.0), "毫克": ("mg", 1.0),
    "小时": ("h", 1.0), "分钟": ("h", 1 / 60), "流明": ("lm", 1.0), "厘米": ("cm", 1.0),
    "毫米": ("mm", 1.0), "分贝": ("db", 1.0), "千卡": ("kcal", 1.0), "大卡": ("kcal", 1.0),
    "mah": ("mah", 1.0), "kcal": ("kcal", 1.0), "ml": ("ml", 1.0), "kg": ("g", 1000.0),
    "mg": ("mg", 1.0), "lm": ("lm", 1.0), "cm": ("cm", 1.0), "mm": ("mm", 1.0),
    "db": ("db", 1.0), "°c": ("c", 1.0), "℃": ("c", 1.0), "升": ("ml", 1000.0),
    "克": ("g", 1.0), "天": ("h", 24.0), "瓦": ("w", 1.0), "米": ("m", 1.0),
    "次": ("times", 1.0), "度": ("c", 1.0), "l": ("ml", 1000.0), "g": ("g", 1.0),
    "h": ("h", 1.0), "w": ("w", 1.0), "m": ("m", 1.0), "k": ("k", 1.0), "%": ("percent", 1.0),
}
_CANONICAL = {"l": ("ml", 1000.0)}  # attribute suffix -> canonical unit
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+\d[A-Za-z0-9]*")
_LIGHT_G = 350
_LOW_STOCK = 50


@dataclass(frozen=True)
class FactReport:
    problems: tuple[str, ...]
    grounded: frozenset[str]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Evidence:
    """What one product's facts support, in a form that checks a text quickly."""

    keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    measured: list[tuple[float, str, str]] = field(default_factory=list)
    plain: dict[float, str] = field(default_factory=dict)
    literals: dict[str, str] = field(default_factory=dict)
    masks: tuple[str, ...] = ()
    codes: str = ""
    mask_pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, product: ProductFacts, campaign: str | None = None) -> Evidence:
        evidence = cls()
        evidence._add_texts(product, campaign)
        evidence._add_attributes(product)
        evidence._add_derived(product)
        evidence._add_numbers(product)
        names = {product.name_en, product.name_zh or "", short_name(product.name_en),
                 short_name(product.name_zh or ""), product.brand,
                 str(product.attributes.get("brand", ""))}
        evidence.masks = tuple(sorted((n for n in names if len(n) > 1), key=len, reverse=True))
        if evidence.masks:
            evidence.mask_pattern = re.compile(
                "|".join(re.escape(m) for m in evidence.masks), re.IGNORECASE)
        return evidence

    def _scan(self, text: str, source: str) -> None:
        for language in ("en", "zh"):
            for _, keys in vocabulary(language).scan(text):
                for key in keys:
                    self.keys[key].add(source)

    def _add_texts(self, product: ProductFacts, campaign: str | None) -> None:
        self._scan(product.name_en, "name")
        self._scan(product.name_zh or "", "name")
        self._scan(" ".join(product.tags + [t.replace("-", " ") for t in product.tags]), "tags")
        self._scan(product.category.replace("_", " "), "category")
        if campaign:
            self._scan(campaign, "campaign")
        self.codes = " ".join([product.name_en, *map(str, product.attributes.values())]).lower()

    def _add_attributes(self, product: ProductFacts) -> None:
        for attribute, value in product.attributes.items():
            if value is False or value in ("", []):
                continue
            self.keys[attribute].add(attribute)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, str):
                    self._scan(f"{item} {attribute.replace('_', ' ')}", attribute)
                    for literal in (item.lower(), zh_value(item).lower()):
                        if len(literal) >= (5 if literal.isascii() else 2):
                            self.literals[literal] = attribute
            if value is True:
                self._scan(attribute.replace("_", " "), attribute)

    def _add_derived(self, product: ProductFacts) -> None:
        attributes = product.attributes
        for key, sources in DERIVED.items():
            for source in sources:
                if attributes.get(source) not in (None, False):
                    self.keys[key].add(source)
        weight = attributes.get("weight_g")
        if isinstance(weight, (int, float)) and weight <= _LIGHT_G:
            self.keys["lightweight"].add("weight_g")
        checks = {"caffeine_free": ("caffeine_mg", 0), "no_added_sugar": ("added_sugar_g", 0)}
        for key, (attribute, wanted) in checks.items():
            if attributes.get(attribute) == wanted and attributes.get(attribute) is not False:
                self.keys[key].add(attribute)
        if attributes.get("sugar_free") is True:
            self.keys["no_added_sugar"].add("sugar_free")
        for material, claim in (("mesh", "breathable"), ("linen", "breathable"),
                                ("elastane", "stretch")):
            if material in self.keys:
                self.keys[claim] |= self.keys[material]
        stock = product.stock
        if stock is not None and stock > 0:
            self.keys["in_stock"].add("stock")
            if stock <= _LOW_STOCK:
                self.keys["limited_stock"].add("stock")

    def _add_numbers(self, product: ProductFacts) -> None:
        for attribute, value in product.attributes.items():
            if isinstance(value, bool):
                continue
            if isinstance(value, (int, float)):
                self._add_measure(attribute, float(value))
            elif isinstance(value, list):
                self.plain.setdefault(float(len(value)), attribute)
            for text in value if isinstance(value, list) else [value]:
                for digits in _DIGITS.findall(str(text)):
                    self.plain.setdefault(float(digits), attribute)
        for text in (product.name_en, product.name_zh or ""):
            for digits in _DIGITS.findall(text.replace(",", "")):
                self.plain.setdefault(float(digits), "name")
        self.plain.setdefault(round(product.price, 2), "price")

    def _add_measure(self, attribute: str, value: float) -> None:
        self.plain.setdefault(abs(value), attribute)
        suffix = unit_of(attribute)
        if suffix is not None:
            unit, factor = _CANONICAL.get(suffix, (suffix, 1.0))
            self.measured.append((abs(value) * factor, unit, attribute))
        if attribute == "battery_mah" and phone_charges(value) >= 1:
            for unit in ("phone_charge", "times"):
                self.measured.append((float(phone_charges(value)), unit, attribute))
        if attribute == "case_charges":
            self.measured.append((value, "times", attribute))


class FactChecker:
    """Checks texts against one product's :class:`Evidence`."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence

    def check(self, text: str, language: str) -> FactReport:
        masked = self._mask(text)
        problems: list[str] = []
        grounded: set[str] = set()
        for surface, keys in vocabulary(language).scan(masked):
            for key in keys:
                support = self.evidence.keys.get(key)
                if support:
                    grounded |= support
                else:
                    problems.append(f"unsupported claim {surface!r}")
        self._check_numbers(masked, problems, grounded)
        self._check_codes(masked, problems)
        lowered = masked.lower()
        grounded |= {attribute for literal, attribute in self.evidence.literals.items()
                     if literal in lowered}
        return FactReport(tuple(problems), frozenset(grounded))

    def _mask(self, text: str) -> str:
        pattern = self.evidence.mask_pattern
        return pattern.sub(" ", text) if pattern is not None else text

    def _check_numbers(self, text: str, problems: list[str], grounded: set[str]) -> None:
        for match in _NUMBER.finditer(text):
            value = float(match.group(1).replace(",", ""))
            unit_text = match.group(2)
            attribute = self._number_source(value, unit_text)
            if attribute is None:
                problems.append(f"unsupported number {match.group(0).strip()!r}")
            else:
                grounded.add(attribute)

    def _number_source(self, value: float, unit_text: str | None) -> str | None:
        if unit_text is None:
            return self.evidence.plain.get(value)
        key = unit_text.lower().rstrip("s") if unit_text.isascii() else unit_text
        unit, factor = _UNITS.get(key, _UNITS.get(unit_text.lower(), ("?", 1.0)))
        wanted = value * factor
        for amount, fact_unit, attribute in self.evidence.measured:
            if fact_unit == unit and abs(amount - wanted) <= 0.01 * max(1.0, amount):
                return attribute
        return None

    def _check_codes(self, text: str, problems: list[str]) -> None:
        for code in _CODE.findall(text):
            if code.lower() not in self.evidence.codes:
                problems.append(f"unsupported model or code {code!r}")


def grounded_attributes(reports: Iterable[FactReport]) -> set[str]:
    return {attribute for report in reports for attribute in report.grounded}
