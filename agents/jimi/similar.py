"""Products like the one discussed ("anything similar?", "有类似的吗"): others of its kind,
else of the kind above it in the same category (a lantern for a headlamp), in stock first,
nearest in price first.

Example::

    similar_to(headlamp, products)          # [lantern, ...]
    similar_reply(headlamp, products, "en")  # "Like the 400-Lumen Headlamp: 1. ..."
"""

from __future__ import annotations

from agents.jimi.context import Reply
from agents.jimi.search_words import price_text
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage

SHOWN = 3
HEADER = {"en": "Like the {name}:", "zh": "和{name}类似的有："}
NONE = {"en": "I have nothing else like the {name} at the moment.",
        "zh": "目前没有和{name}类似的其他商品。"}
OUT = {"en": "out of stock", "zh": "暂时缺货"}


def similar_to(product: ProductFacts, products: list[ProductFacts]) -> list[ProductFacts]:
    """The products most like ``product``: of its own kind, else of its parent kind in its
    category, never itself."""
    chain = lineage(kind_of(product.name_en, product.name_zh) or "")
    others = [p for p in products if p.id != product.id]
    for level, kind in enumerate(chain):
        found = [p for p in others
                 if kind in lineage(kind_of(p.name_en, p.name_zh) or "")
                 and (level == 0 or p.category == product.category)]
        if found:
            return sorted(found, key=lambda p: (not p.in_stock, abs(p.price - product.price)))
    return []


def similar_text(product: ProductFacts, found: list[ProductFacts], language: str) -> str:
    name = product.name(language)
    if not found:
        return NONE[language].format(name=name)
    lines = []
    for i, other in enumerate(found[:SHOWN], 1):
        price = price_text(other, language)
        stock = "" if other.in_stock else (f"，{OUT['zh']}" if language == "zh"
                                           else f", {OUT['en']}")
        lines.append(f"{i}. {other.name(language)}（{price}{stock}）" if language == "zh"
                     else f"{i}. {other.name(language)}: {price}{stock}")
    return "\n".join([HEADER[language].format(name=name), *lines])


def similar_reply(product: ProductFacts, products: list[ProductFacts], language: str) -> Reply:
    """The answer to "anything similar?" about ``product``: a short list, the first under
    discussion next."""
    found = similar_to(product, products)[:SHOWN]
    return Reply([similar_text(product, found, language)], shown=[p.id for p in found] or None,
                 slots={"product": found[0].name_en} if found else {})
