"""What matters where: attribute weights per category family, which way a number is better,
and which attributes a tag, a concept or a campaign brings forward. Authored by the Li Bai team.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

# fmt: off
FAMILY_WEIGHTS: MappingProxyType[str, dict[str, float]] = MappingProxyType({
    "apparel": {"material": 0.9, "waterproof": 0.95, "weight_g": 0.6, "colour": 0.5,
                "size": 0.2, "quick_dry": 0.8, "upf_rating": 0.85},
    "footwear": {"waterproof": 0.95, "cushioning": 0.85, "weight_g": 0.7, "drop_mm": 0.6,
                 "outsole": 0.75, "material": 0.65, "shoe_size": 0.25},
    "drinks": {"sugar_free": 0.9, "caffeine_mg": 0.7, "flavour": 0.85, "flavor": 0.85,
               "organic": 0.75, "capacity_ml": 0.5, "pack_count": 0.6},
    "kitchen": {"material": 0.8, "capacity_ml": 0.75, "dishwasher_safe": 0.7,
                "keeps_hot_h": 0.85},
    "electronics": {"battery_mah": 1.0, "battery_life_h": 0.95, "noise_cancelling": 0.95,
                    "wireless": 0.8, "compatible_models": 0.85},
    "home": {"material": 0.8, "scent": 0.8, "burn_time_h": 0.85, "dimmable": 0.8},
    "outdoor": {"waterproof": 0.95, "volume_l": 0.9, "weight_g": 0.75, "brightness_lm": 0.85,
                "keeps_cold_h": 0.85},
    "media": {"medium": 0.9, "publisher": 0.5},
})
# +1: more is better; -1: less is better; absent: neither (capacity, caffeine)
DIRECTIONS: MappingProxyType[str, int] = MappingProxyType({
    "weight_g": -1, "battery_mah": 1, "battery_life_h": 1, "keeps_hot_h": 1, "keeps_cold_h": 1,
    "brightness_lm": 1, "upf_rating": 1, "hydrostatic_head_mm": 1, "water_resistance_m": 1,
    "drop_protection_m": 1, "burn_time_h": 1, "comfort_rating_c": -1, "insulation_g": 1,
    "case_charges": 1, "port_count": 1, "energy_kcal": -1, "added_sugar_g": -1,
})
TAG_AFFINITY: MappingProxyType[str, frozenset[str]] = MappingProxyType({k: frozenset(v.split())
    for k, v in {
    "hiking": "waterproof weight_g ankle_support outsole volume_l hydration_compatible upf_rating"
              " drop_protection_m keeps_cold_h adjustable_torso odour_resistant",
    "running": "weight_g drop_mm cushioning quick_dry reflective ip_rating battery_life_h "
               "heart_rate gps collapsible brightness_lm mesh_back_panel midsole",
    "summer": "quick_dry upf_rating sparkling keeps_cold_h sugar_free material collar sleeve "
              "flavour mesh_back_panel",
    "winter": "insulation_g comfort_rating_c waterproof lining keeps_hot_h material knit "
              "fold_over_cuff scent burn_time_h",
    "travel": "packable weight_g leakproof battery_mah fast_charging collapsible "
              "noise_cancelling volume_l keeps_hot_h",
    "office": "noise_cancelling dimmable ergonomic keeps_hot_h battery_life_h caffeine_mg",
    "home-office": "dimmable ergonomic temperature_control colour_temperature_k capacity_ml",
    "kids": "light_up bpa_free shatter_resistant max_volume_db sos_button gps reflective print "
            "straw closure chest_strap",
    "back-to-school": "light_up reflective print gps sos_button volume_l",
    "camping": "solar_panel brightness_lm battery_mah waterproof pre_seasoned burn_time_h "
               "keeps_hot_h double_wall",
    "coffee": "capacity_ml keeps_hot_h temperature_control roast tasting_notes caffeine_mg",
    "tea": "temperature_control capacity_ml origin caffeine_mg",
    "eco-friendly": "organic material pfas_free solar_panel",
    "organic": "organic material",
    "gift": "print scent hand_glazed mouth_blown colour",
    "lightweight": "weight_g packable collapsible",
    "fast-charging": "fast_charging wattage_w usb_c",
    "wireless": "wireless battery_life_h bluetooth_version",
    "breathable": "material mesh_back_panel ventilated_back_panel",
    "cozy": "lining material scent burn_time_h",
    "hydration": "capacity_ml sodium_mg sugar_free",
    "premium": "material hand_glazed",
    "fitness": "quick_dry heart_rate gps sodium_mg caffeine_mg",
    "outdoor": "waterproof weight_g volume_l brightness_lm",
    "rain": "waterproof rain_cover_included taped_seams",
}.items()})
# fmt: on
CAMPAIGN_WORDS = {"school": "back-to-school", "holiday": "travel", "vacation": "travel",
                  "christmas": "gift", "gifts": "gift", "rainy": "rain", "trail": "hiking",
                  "hike": "hiking", "run": "running", "eco": "eco-friendly", "cold": "winter",
                  "heat": "summer", "夏": "summer", "冬": "winter", "开学": "back-to-school",
                  "礼": "gift", "旅行": "travel", "户外": "outdoor", "雨": "rain"}
_WORD = re.compile(r"[a-z]+|[\u4e00-\u9fff]+")


def category_weight(family: str, attribute: str, default: float) -> float:
    return FAMILY_WEIGHTS.get(family, {}).get(attribute, default)


def direction(attribute: str) -> int:
    return DIRECTIONS.get(attribute, 0)


def campaign_tags(campaign: str | None) -> set[str]:
    """The tag vocabulary a campaign speaks to ("summer sale" -> {"summer"})."""
    if not campaign:
        return set()
    text = campaign.lower()
    found = {word for word in _WORD.findall(text) if word in TAG_AFFINITY}
    found |= {tag for word, tag in CAMPAIGN_WORDS.items() if word in text}
    return found


def affinity(attribute: str, tags: Sequence[str], campaign: str | None,
             concepts: Sequence[str]) -> float:
    """Extra score from tags (0.25 each, at most 0.5), the campaign (0.35) and concepts."""
    def hits(keys: set[str] | Sequence[str]) -> int:
        return sum(1 for key in keys if attribute in TAG_AFFINITY.get(key, frozenset()))

    concept_tags = {tag for concept in concepts for tag in campaign_tags(concept.replace("-", " "))}
    return (min(0.5, 0.25 * hits(tags)) + 0.35 * min(1, hits(campaign_tags(campaign)))
            + 0.15 * min(1, hits(concept_tags)))
