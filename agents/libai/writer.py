"""Li Bai's first grammar: headlines and sublines written only from product facts.

Every claim comes from an attribute the product has; nothing absolute ("best", "最佳").
The full pipeline (selling points, tones, guards, ranking) comes with the Li Bai issue.
"""

from __future__ import annotations

from kg.facts import ProductFacts

BENEFITS_EN = {
    "waterproof": "Stays dry in the rain",
    "battery_mah": "Power for the whole day",
    "battery_life_h": "{value} hours of playback",
    "capacity_ml": "{value} ml to keep you going",
    "dishwasher_safe": "Dishwasher safe",
    "sugar_free": "Zero sugar",
    "material": "Made of {value}",
}
BENEFITS_ZH = {
    "waterproof": "雨天也干爽",
    "battery_life_h": "续航 {value} 小时",
    "capacity_ml": "{value} 毫升大容量",
    "dishwasher_safe": "可洗碗机清洗",
    "sugar_free": "零糖",
    "material": "{value}材质",
}


def selling_points(product: ProductFacts, language: str = "en") -> list[str]:
    """Benefit phrases for the attributes this product actually has."""
    table = BENEFITS_ZH if language == "zh" else BENEFITS_EN
    points = []
    for attribute, phrase in table.items():
        value = product.attributes.get(attribute)
        if value is None or value is False:
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        points.append(phrase.format(value=shown))
    return points


def headlines(product: ProductFacts, campaign: str | None, language: str = "en") -> list[str]:
    name = product.name(language)
    if language == "zh":
        lead = f"{campaign}：" if campaign else ""
        return [f"{lead}{name}", f"{name} 焕新上市", f"{lead}就选{name}"]
    lead = campaign.title() if campaign else "New In"
    return [f"{lead}: {name}", f"{name}, ready for {campaign or 'every day'}",
            f"Meet the {name}"]


def subline(product: ProductFacts, language: str = "en") -> str:
    points = selling_points(product, language)
    brand = product.brand
    if not points:
        return f"{brand} · {product.category.replace('_', ' ')}" if language == "en" else brand
    separator = "，" if language == "zh" else ". "
    return separator.join(points[:2]) + ("。" if language == "zh" else ".")
