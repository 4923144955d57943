"""Shopping concepts (needs and scenarios, AliCoCo-style) attached to products by rules over
their tags, attributes and category. Each rule names its evidence, so a match explains itself."""

from __future__ import annotations

from dataclasses import dataclass

from kg.facts import ProductFacts


@dataclass(frozen=True)
class Concept:
    id: str
    label_en: str
    label_zh: str
    tags: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()  # boolean attributes that must be true
    categories: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()  # how shoppers say it


def _c(id: str, en: str, zh: str, tags: str = "", attributes: str = "", categories: str = "",
       keywords: str = "") -> Concept:
    split = lambda s: frozenset(s.split()) if s else frozenset()
    return Concept(id, en, zh, split(tags), split(attributes), split(categories),
                   tuple(k.strip() for k in keywords.split(",") if k.strip()))


CONCEPTS: tuple[Concept, ...] = (
    _c("outdoor-hiking", "outdoor hiking", "户外徒步", "hiking camping outdoor", "waterproof",
       "outdoor", "hiking, hike, trek, trail, 徒步, 登山"),
    _c("gift-for-mom", "gift for mom", "送妈妈的礼物", "gift cozy home-decor premium", "",
       "home kitchen", "mom, mother, 妈妈, mother's day"),
    _c("gift-for-a-runner", "gift for a runner", "送跑者的礼物", "running fitness hydration", "",
       "", "runner, running, jogger, 跑者, 跑步"),
    _c("back-to-school", "back to school", "开学季", "back-to-school kids", "", "",
       "school, student, 开学, 学生"),
    _c("home-office", "home office", "居家办公", "home-office office", "", "",
       "office, work from home, desk, 办公"),
    _c("rainy-days", "rainy days", "雨天出行", "", "waterproof", "",
       "rain, rainy, wet weather, umbrella, umbrellas, 下雨, 雨天, 雨伞, 伞"),
    _c("summer-travel", "summer travel", "夏日旅行", "summer travel lightweight", "", "",
       "summer, travel, trip, holiday, vacation, 夏天, 旅行"),
    _c("coffee-lovers", "coffee lovers", "咖啡爱好者", "coffee", "", "",
       "coffee, espresso, latte, 咖啡"),
    _c("fitness-training", "fitness training", "健身训练", "fitness running", "quick_dry", "",
       "gym, workout, training, 健身"),
    _c("eco-living", "eco-friendly living", "环保生活", "eco-friendly organic", "organic", "",
       "eco, sustainable, green, 环保"),
)


def concept_matches(product: ProductFacts, concept: Concept) -> list[str]:
    """Why a product suits a concept (empty: it does not)."""
    evidence = [f"tag {t}" for t in sorted(concept.tags & set(product.tags))]
    evidence += [f"{a} is true" for a in sorted(concept.attributes)
                 if product.attributes.get(a) is True]
    if concept.categories and product.category in concept.categories and evidence:
        evidence.append(f"category {product.category}")
    return evidence


def concepts_for(product: ProductFacts) -> dict[str, list[str]]:
    return {c.id: why for c in CONCEPTS if (why := concept_matches(product, c))}
