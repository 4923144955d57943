"""Selling points: a product's attributes turned into benefits and ranked.

Each attribute becomes a :class:`SellingPoint` with English and Chinese wordings. Points are
ranked by what matters in the product's category, by what sets the product apart from its
siblings (same category), by its tags and concepts, and by the campaign::

    points = SellingPoints(catalogue).of(product, campaign="summer sale")
    points[0].en_vps[0]       # "keeps you dry when the rain sets in"
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agents.libai import english
from agents.libai.choices import CHOICES, UNSCENTED
from agents.libai.features import FEATURES
from agents.libai.listed import generic_wording, list_wording, pack_wording, zh_value
from agents.libai.measures import (
    BATTERY,
    CAFFEINE_FREE,
    LIGHT_WEIGHT,
    MEASURES,
    NO_ADDED_SUGAR,
    PHONE_CHARGES,
    SERVING,
    measure_values,
)
from agents.libai.nouns import Subject
from agents.libai.relevance import affinity, category_weight, direction
from agents.libai.wording import Wording
from kg.facts import ProductFacts
from kg.schema import AttributeValue

# the most a product of the family may weigh (g) for Li Bai to call it lightweight
PROPER_VALUES = frozenset({"brand", "publisher", "origin", "ip_rating", "bluetooth_version",
                           "light_source"})
LIGHT_LIMITS_G = {"apparel": 300, "footwear": 300, "electronics": 200, "outdoor": 350,
                  "accessories": 100}


@dataclass(frozen=True)
class SellingPoint:
    """One attribute as a benefit, with its rank score; agreement already resolved."""

    attribute: str
    score: float
    en_tag: str
    en_vps: tuple[str, ...]
    en_nps: tuple[str, ...]
    zh_tag: str
    zh_clauses: tuple[str, ...]


def phone_charges(battery_mah: float) -> int:
    """Full charges of a typical phone (about 3,200 mAh at 65% transfer efficiency)."""
    return int(battery_mah * 0.65 / 3200)


class SellingPoints:
    """Ranks points against the catalogue the product sits in (its siblings)."""

    def __init__(self, catalogue: Iterable[ProductFacts] = ()) -> None:
        self._by_category: dict[str, list[ProductFacts]] = defaultdict(list)
        for product in catalogue:
            self._by_category[product.category].append(product)

    def of(self, product: ProductFacts, campaign: str | None = None,
           concepts: Sequence[str] = ()) -> list[SellingPoint]:
        subject = Subject.of(product)
        siblings = [p for p in self._by_category.get(product.category, []) if p.id != product.id]
        points = []
        for attribute, value in product.attributes.items():
            wording = wording_for(attribute, value, product, subject)
            if wording is None:
                continue
            weight = category_weight(subject.family, attribute, wording.weight)
            distinct = distinctiveness(attribute, value, siblings)
            boost = affinity(attribute, product.tags, campaign, concepts)
            score = weight * (0.7 + 0.3 * distinct) + boost
            points.append(_point(attribute, round(score, 4), wording, subject.plural))
        return sorted(points, key=lambda p: (-p.score, p.attribute))


def wording_for(attribute: str, value: AttributeValue, product: ProductFacts,
                subject: Subject) -> Wording | None:
    """The wording for one attribute value, or None when it is not worth saying."""
    if isinstance(value, bool):
        return (FEATURES.get(attribute) or generic_wording(attribute, value)) if value else None
    if isinstance(value, list):
        return list_wording(attribute, value) or generic_wording(attribute, ", ".join(value))
    if isinstance(value, (int, float)):
        return _measure(attribute, float(value), subject)
    if attribute == "scent" and value.lower() == "unscented":
        return UNSCENTED
    if attribute in CHOICES and value:
        return CHOICES[attribute].filled(_choice_values(attribute, value))
    return generic_wording(attribute, value)


def _measure(attribute: str, value: float, subject: Subject) -> Wording | None:
    values = measure_values(attribute, value)
    if attribute == "pack_count":
        return pack_wording(int(value), subject) if value > 1 else None
    if attribute == "weight_g" and value <= LIGHT_LIMITS_G.get(subject.family, 0):
        return LIGHT_WEIGHT.filled(values)
    if attribute == "capacity_ml" and subject.family == "drinks":
        return SERVING.filled(values)
    if attribute == "caffeine_mg" and value == 0:
        return CAFFEINE_FREE
    if attribute == "added_sugar_g":
        return NO_ADDED_SUGAR if value == 0 else MEASURES[attribute].filled(values)
    if attribute == "battery_mah":
        charges = phone_charges(value)
        wording = PHONE_CHARGES if charges >= 1 else BATTERY
        plural = "s" if charges != 1 else ""
        return wording.filled({**values, "c": str(charges),
                               "charges": f"{charges} full phone charge{plural}"})
    if attribute in MEASURES:
        return MEASURES[attribute].filled(values)
    return generic_wording(attribute, value)


def _choice_values(attribute: str, value: str) -> dict[str, str]:
    """``{v}`` in running-text case ("Cotton" -> "cotton"; names and codes stay as they are)."""
    if attribute not in PROPER_VALUES and value[:1].isupper() and value[1:].islower():
        value = value.lower()
    return {"v": value, "V": english.capitalise(value), "z": zh_value(value),
            "a": english.article(value)}


def distinctiveness(attribute: str, value: AttributeValue,
                    siblings: Sequence[ProductFacts]) -> float:
    """0..1: how much this value sets the product apart from its siblings."""
    others = [p.attributes[attribute] for p in siblings if attribute in p.attributes]
    if not siblings:
        return 0.5
    if not others:
        return 1.0
    if isinstance(value, bool):
        return 1.0 - sum(1 for o in others if o is True) / len(siblings)
    if isinstance(value, (int, float)):
        numbers = [float(o) for o in others if isinstance(o, (int, float))]
        sign = direction(attribute)
        if not numbers or sign == 0:
            return 0.5
        beaten = sum(1 for o in numbers if (float(value) - o) * sign > 0)
        return beaten / len(numbers)
    if isinstance(value, str):
        return 1.0 - sum(1 for o in others if o == value) / len(siblings)
    return 0.5


def _point(attribute: str, score: float, wording: Wording, plural: bool) -> SellingPoint:
    def agreed(phrases: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(english.agree(p, plural) for p in phrases)

    return SellingPoint(attribute, score, wording.en_tag, agreed(wording.en_vps),
                        agreed(wording.en_nps), wording.zh_tag, wording.zh_clauses)
