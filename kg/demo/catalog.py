"""The demo marketplace catalogue: products, FAQs, shoppers and their orders.

``build_demo_catalog`` turns the authored tables (products in
:mod:`kg.demo.products_data` and :mod:`kg.demo.products_data_more`, FAQs in
:mod:`kg.demo.faq_data`, shoppers below) into validated :mod:`kg.schema` rows and
generates a plausible, deterministic order history from a seed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

from kg.demo.faq_data import FAQS
from kg.demo.products_data import APPAREL, DRINKS, FOOTWEAR, KITCHEN, ProductSpec, SpecValue
from kg.demo.products_data_more import ELECTRONICS_ACCESSORIES, HOME, OUTDOOR
from kg.schema import (
    AttributeValue,
    FaqRow,
    LocalisedText,
    MembershipTier,
    OrderLine,
    OrderRow,
    OrderState,
    ProductRow,
    ProfileRow,
)

Language = Literal["en", "zh"]

SHAPES: tuple[str, ...] = (
    "bottle", "can", "mug", "tumbler", "kettle", "pan", "tshirt", "hoodie", "cap",
    "sneaker", "boot", "sandal", "headphones", "power_bank", "phone_case", "earbuds_case",
    "smartwatch", "lamp", "vase", "cushion", "candle", "backpack",
)  # fmt: skip

COLOUR_RGB: MappingProxyType[str, tuple[int, int, int]] = MappingProxyType({
    "black": (30, 30, 32), "white": (245, 245, 242), "grey": (128, 128, 132),
    "navy": (28, 42, 86), "blue": (40, 100, 200), "red": (200, 40, 45),
    "green": (46, 139, 87), "olive": (110, 120, 50), "beige": (222, 205, 170),
    "brown": (120, 80, 45), "pink": (240, 150, 180), "yellow": (245, 205, 50),
    "orange": (240, 130, 30), "purple": (120, 70, 160), "silver": (192, 192, 200),
})  # fmt: skip

TAG_VOCABULARY: frozenset[str] = frozenset({
    "running", "outdoor", "hiking", "camping", "fitness", "travel", "office", "home-office",
    "kids", "back-to-school", "gift", "summer", "winter", "eco-friendly", "organic",
    "wireless", "fast-charging", "breathable", "lightweight", "premium", "bestseller",
    "new-arrival", "sale", "coffee", "tea", "hydration", "cozy", "casual", "home-decor",
})  # fmt: skip

PRODUCT_TABLES: tuple[tuple[str, tuple[ProductSpec, ...]], ...] = (
    ("apparel", APPAREL),
    ("footwear", FOOTWEAR),
    ("drinks", DRINKS),
    ("kitchen", KITCHEN),
    ("electronics_accessories", ELECTRONICS_ACCESSORIES),
    ("home", HOME),
    ("outdoor", OUTDOOR),
)

# Shopper u001, u002, ...: (name, region, language, membership tier)
SHOPPERS: tuple[tuple[str, str, Language, MembershipTier], ...] = (
    ("Emma Johnson", "US-CA", "en", "gold"),
    ("李娜", "CN-SH", "zh", "platinum"),
    ("Lukas Schneider", "DE", "en", "silver"),
    ("Olivia Brown", "UK", "en", "basic"),
    ("王伟", "CN-BJ", "zh", "silver"),
    ("Marcus Tan", "SG", "en", "gold"),
    ("Sophia Martinez", "US-TX", "en", "basic"),
    ("张敏", "CN-SH", "zh", "gold"),
    ("James Wilson", "US-NY", "en", "platinum"),
    ("Hannah Müller", "DE", "en", "basic"),
    ("陈美玲", "SG", "zh", "silver"),
    ("Noah Davis", "US-CA", "en", "silver"),
    ("刘洋", "CN-BJ", "zh", "basic"),
    ("Amelia Clarke", "UK", "en", "gold"),
    ("Kevin Zhang", "CN-SH", "en", "silver"),
    ("Priya Nair", "SG", "en", "basic"),
    ("赵雪", "CN-BJ", "zh", "platinum"),
    ("Ethan Walker", "US-NY", "en", "basic"),
    ("Mia Fischer", "DE", "en", "gold"),
    ("黄磊", "CN-SH", "zh", "basic"),
    ("Grace Thompson", "US-TX", "en", "silver"),
    ("Daniel Kim", "US-CA", "en", "platinum"),
    ("周婷", "CN-BJ", "zh", "gold"),
    ("Oliver Bennett", "UK", "en", "silver"),
)

# Orders per shopper (shuffled per seed; sums to 70) and how many orders get each state.
ORDER_COUNTS: tuple[int, ...] = (
    1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5,
)  # fmt: skip
# The orders not covered by STATE_QUOTAS are "delivered".
STATE_QUOTAS: tuple[tuple[OrderState, int], ...] = (
    ("paid", 7), ("shipped", 9), ("delayed", 7), ("returned", 8),
)  # fmt: skip

# Things bought together; the first item is the anchor, the others are complements.
BASKETS: tuple[tuple[str, ...], ...] = (
    ("fw-trail-runner", "fw-running-socks-3pk", "od-insulated-bottle-750"),
    ("fw-road-racer", "fw-running-socks-3pk", "ap-dryfit-running-tee"),
    ("fw-daily-trainer", "fw-running-socks-3pk", "dr-electrolyte-12"),
    ("ea-pulse-smartwatch", "ap-dryfit-running-tee", "ap-trail-cap"),
    ("ea-fitbuds-sport", "ea-earbuds-silicone-cover", "od-collapsible-bottle"),
    ("kt-stoneware-mug", "dr-house-blend-tin"),
    ("kt-gooseneck-kettle", "dr-house-blend-tin", "kt-latte-mug-set"),
    ("kt-travel-tumbler", "dr-nitro-cold-brew"),
    ("kt-glass-kettle", "dr-sencha-green-tea"),
    ("fw-alpine-hiker", "od-summit-daypack-25l", "ap-merino-base-tee"),
    ("od-trek-pack-50l", "od-led-lantern", "kt-enamel-camp-mug"),
    ("od-camp-tumbler", "od-400-headlamp", "ea-solar-power-bank"),
    ("ap-packable-rain-jacket", "od-rubber-rain-boot", "od-rolltop-dry-pack"),
    ("fw-river-sandal", "od-wide-brim-sun-hat", "od-rolltop-dry-pack"),
    ("ea-quiet-anc-headphones", "ea-power-bank-20k"),
    ("ea-slim-phone-case", "ea-pocket-power-bank"),
    ("ea-rugged-phone-case", "ea-solar-power-bank", "od-led-lantern"),
    ("hm-oak-desk-lamp", "hm-memory-foam-seat", "kt-stoneware-mug"),
    ("hm-smart-arc-floor-lamp", "hm-linen-cushion"),
    ("hm-cedar-fig-candle", "hm-velvet-cushion-set"),
    ("hm-speckled-bud-vase", "hm-pillar-candle-set", "hm-linen-cushion"),
    ("hm-ribbed-glass-vase", "hm-cedar-fig-candle"),
    ("ap-fleece-hoodie", "ap-wool-beanie"),
    ("fw-snow-boot", "ap-wool-beanie", "ap-merino-base-tee"),
    ("ap-tech-zip-hoodie", "fw-leather-chelsea"),
    ("ap-everyday-cotton-tee", "fw-canvas-low"),
    ("ap-linen-camp-shirt", "fw-cork-slide", "dr-sparkling-water-24"),
    ("ap-kids-dino-hoodie", "fw-kids-light-up", "ea-kids-headphones"),
    ("od-kids-trail-pack", "kt-kids-straw-tumbler", "ea-kids-gps-watch"),
    ("hm-bunny-night-light", "ap-kids-dino-hoodie"),
    ("kt-cast-iron-skillet", "kt-ceramic-frypan"),
    ("kt-triply-saute-pan", "kt-cast-iron-skillet"),
    ("dr-voltage-energy", "dr-electrolyte-12"),
    ("dr-jasmine-milk-tea", "dr-ginger-kombucha"),
    ("dr-cold-pressed-oj", "dr-lemon-soda-zero", "kt-kids-straw-tumbler"),
)

# Calendar days from order to delivery, by the region's country (see faq-shipping-time).
TRANSIT_DAYS: MappingProxyType[str, tuple[int, int]] = MappingProxyType(
    {"US": (4, 7), "UK": (6, 10), "DE": (6, 10), "SG": (5, 8), "CN": (3, 5)}
)

# Used when a delayed order holds an item that is now out of stock.
RESTOCK_DELAY_REASON = "item awaiting restock at the fulfilment centre"
DELAY_REASONS: tuple[str, ...] = (
    "weather at the regional hub",
    "carrier capacity shortage during peak season",
    "customs inspection",
    "address verification needed",
    "sorting backlog at the regional hub",
)

_OPEN_STATES: frozenset[str] = frozenset({"paid", "shipped", "delayed"})
_FIRST_ORDER_NUMBER = 100001


@dataclass(frozen=True)
class Visual:
    """How to draw a product's image: a shape with a main and an accent colour."""

    shape: str
    colour: tuple[int, int, int]
    accent: tuple[int, int, int]


@dataclass(frozen=True)
class DemoCatalog:
    """Everything the demo marketplace ships with."""

    products: list[ProductRow]
    visuals: dict[str, Visual]
    faqs: list[FaqRow]
    profiles: list[ProfileRow]
    orders: list[OrderRow]


def build_demo_catalog(
    seed: int = 7, today: datetime.date = datetime.date(2026, 11, 24)
) -> DemoCatalog:
    """Build the demo catalogue; the same ``seed`` and ``today`` give equal results."""
    rng = random.Random(seed)
    products = _product_rows()
    orders = _orders(rng, today, {product.id: product for product in products})
    return DemoCatalog(
        products=products,
        visuals=_visuals(),
        faqs=_faq_rows(),
        profiles=_profiles(seed, orders),
        orders=orders,
    )


def _attribute_value(value: SpecValue) -> AttributeValue:
    return list(value) if isinstance(value, tuple) else value


def _product_rows() -> list[ProductRow]:
    rows: list[ProductRow] = []
    for category, specs in PRODUCT_TABLES:
        for spec in specs:
            rows.append(
                ProductRow(
                    id=spec.id,
                    category=category,
                    brand=spec.brand,
                    name=LocalisedText(en=spec.name_en, zh=spec.name_zh),
                    description=LocalisedText(en=spec.desc_en, zh=spec.desc_zh),
                    price=round(spec.price, 2),
                    currency="USD",
                    stock=spec.stock,
                    attributes={k: _attribute_value(v) for k, v in spec.attributes.items()},
                    tags=list(spec.tags),
                    image=f"images/{spec.id}.jpg",
                )
            )
    return rows


def _visuals() -> dict[str, Visual]:
    visuals: dict[str, Visual] = {}
    for _category, specs in PRODUCT_TABLES:
        for spec in specs:
            colours = spec.attributes.get("colour")
            if not isinstance(colours, tuple) or not colours or spec.shape not in SHAPES:
                raise ValueError(f"product {spec.id!r} needs a colour list and a known shape")
            visuals[spec.id] = Visual(
                shape=spec.shape, colour=COLOUR_RGB[colours[0]], accent=COLOUR_RGB[spec.accent]
            )
    return visuals


def _faq_rows() -> list[FaqRow]:
    return [
        FaqRow(
            id=faq_id,
            topic=topic,
            question=LocalisedText(en=q_en, zh=q_zh),
            answer=LocalisedText(en=a_en, zh=a_zh),
        )
        for faq_id, topic, q_en, q_zh, a_en, a_zh in FAQS
    ]


def _shopper_id(index: int) -> str:
    return f"u{index + 1:03d}"


def _profiles(seed: int, orders: Sequence[OrderRow]) -> list[ProfileRow]:
    profiles: list[ProfileRow] = []
    for index, (name, region, language, tier) in enumerate(SHOPPERS):
        shopper_id = _shopper_id(index)
        history: list[str] = []
        for order in orders:  # orders are sorted by placement date
            if order.shopper_id != shopper_id or order.state in _OPEN_STATES:
                continue
            for line in order.lines:
                if line.product_id not in history:
                    history.append(line.product_id)
        profiles.append(
            ProfileRow(
                id=shopper_id,
                name=name,
                membership=tier,
                region=region,
                language=language,
                purchase_history=history,
            )
        )
    return profiles


def _order_states(rng: random.Random, total: int) -> list[OrderState]:
    states: list[OrderState] = []
    for state, count in STATE_QUOTAS:
        states.extend([state] * count)
    states.extend(["delivered"] * (total - len(states)))
    rng.shuffle(states)
    return states


def _order_dates(
    rng: random.Random, state: OrderState, region: str, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """(placed, expected delivery) consistent with ``state`` and ``region`` around ``today``."""
    low, high = TRANSIT_DAYS[region.split("-")[0]]
    transit = rng.randint(low, high)
    if state == "paid":
        placed = today - datetime.timedelta(days=rng.randint(0, 1))
    elif state == "shipped":
        placed = today - datetime.timedelta(days=rng.randint(1, low - 1))
    elif state == "delayed":
        placed = today - datetime.timedelta(days=transit + rng.randint(2, 8))
    elif state == "returned":
        placed = today - datetime.timedelta(days=rng.randint(transit + 20, 200))
    else:
        placed = today - datetime.timedelta(days=rng.randint(transit + 2, 330))
    return placed, placed + datetime.timedelta(days=transit)


class _Draft(NamedTuple):
    placed: datetime.date
    shopper_id: str
    state: OrderState
    expected: datetime.date
    lines: list[OrderLine]


def _basket_lines(
    rng: random.Random, basket: tuple[str, ...], products: Mapping[str, ProductRow]
) -> list[OrderLine]:
    chosen = [basket[0]] + [item for item in basket[1:] if rng.random() < 0.75]
    lines: list[OrderLine] = []
    for product_id in chosen:
        product = products[product_id]
        if product.category == "drinks":
            quantity = rng.randint(1, 3)
        else:
            quantity = 2 if rng.random() < 0.1 else 1
        lines.append(OrderLine(product_id=product_id, quantity=quantity, unit_price=product.price))
    return lines


def _pick_lines(
    rng: random.Random,
    favourites: Sequence[tuple[str, ...]],
    state: OrderState,
    products: Mapping[str, ProductRow],
) -> list[OrderLine]:
    """Lines of one order: mostly a favourite basket; just-paid orders only hold stocked items."""
    while True:
        basket = rng.choice(favourites) if rng.random() < 0.6 else rng.choice(BASKETS)
        lines = _basket_lines(rng, basket, products)
        if state == "paid":
            lines = [line for line in lines if (products[line.product_id].stock or 0) > 0]
        if lines:
            return lines


def _draft_orders(
    rng: random.Random, today: datetime.date, products: Mapping[str, ProductRow]
) -> list[_Draft]:
    counts = list(ORDER_COUNTS)
    rng.shuffle(counts)
    states = iter(_order_states(rng, sum(counts)))
    drafts: list[_Draft] = []
    for index, count in enumerate(counts):
        favourites = rng.sample(BASKETS, 2)
        for _ in range(count):
            state = next(states)
            placed, expected = _order_dates(rng, state, SHOPPERS[index][1], today)
            lines = _pick_lines(rng, favourites, state, products)
            drafts.append(_Draft(placed, _shopper_id(index), state, expected, lines))
    return drafts


def _delay_reason(
    rng: random.Random, draft: _Draft, products: Mapping[str, ProductRow]
) -> str | None:
    if draft.state != "delayed":
        return None
    if any(products[line.product_id].stock == 0 for line in draft.lines):
        return RESTOCK_DELAY_REASON
    return rng.choice(DELAY_REASONS)


def _orders(
    rng: random.Random, today: datetime.date, products: Mapping[str, ProductRow]
) -> list[OrderRow]:
    """Orders of every shopper, numbered in the order they were placed."""
    drafts = _draft_orders(rng, today, products)
    drafts.sort(key=lambda draft: (draft.placed, draft.shopper_id))
    return [
        OrderRow(
            id=f"SM-{number}",
            shopper_id=draft.shopper_id,
            state=draft.state,
            lines=draft.lines,
            placed_at=draft.placed.isoformat(),
            expected_delivery=draft.expected.isoformat(),
            delay_reason=_delay_reason(rng, draft, products),
        )
        for number, draft in enumerate(drafts, start=_FIRST_ORDER_NUMBER)
    ]
