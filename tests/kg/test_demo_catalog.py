"""The demo catalogue: coverage, consistency, determinism and grounding."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Mapping

import pytest

from kg.demo.catalog import (
    BASKETS,
    COLOUR_RGB,
    SHAPES,
    TAG_VOCABULARY,
    DemoCatalog,
    Visual,
    build_demo_catalog,
)
from kg.demo.faq_data import FaqTopic
from kg.schema import AttributeValue, FaqRow, OrderRow, OrderState, ProductRow, ProfileRow

TODAY = datetime.date(2026, 11, 24)
TIERS = {"basic", "silver", "gold", "platinum"}
STATES: tuple[OrderState, ...] = ("paid", "shipped", "delayed", "delivered", "returned")
FAQ_TOPICS: tuple[FaqTopic, ...] = (
    "shipping", "returns", "refunds", "warranty", "payment", "membership",
)  # fmt: skip
CATEGORIES = {
    "apparel", "footwear", "drinks", "kitchen", "electronics_accessories", "home", "outdoor",
}  # fmt: skip
# A number with a unit in an English text, e.g. "20,000 mAh", "1.7 L", "12 h".
_MEASURE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s?(mAh|kcal|mg|ml|mm|cm|lm|dB|W|L|K|g|h|m)\b")


@pytest.fixture(scope="module")
def catalog() -> DemoCatalog:
    return build_demo_catalog()


def _products(catalog: DemoCatalog) -> dict[str, ProductRow]:
    return {product.id: product for product in catalog.products}


def test_rows_are_schema_models(catalog: DemoCatalog) -> None:
    assert all(isinstance(row, ProductRow) for row in catalog.products)
    assert all(isinstance(row, FaqRow) for row in catalog.faqs)
    assert all(isinstance(row, ProfileRow) for row in catalog.profiles)
    assert all(isinstance(row, OrderRow) for row in catalog.orders)
    for row in [*catalog.products, *catalog.faqs, *catalog.profiles, *catalog.orders]:
        assert type(row).model_validate(row.model_dump()) == row


def test_deterministic() -> None:
    assert build_demo_catalog() == build_demo_catalog()
    assert build_demo_catalog(seed=3) == build_demo_catalog(seed=3)
    other = build_demo_catalog(seed=8)
    assert other.orders != build_demo_catalog().orders
    assert other.products == build_demo_catalog().products


@pytest.mark.parametrize("seed", [0, 1, 7, 42, 2026])
def test_invariants_hold_for_other_seeds(seed: int) -> None:
    catalog = build_demo_catalog(seed=seed, today=datetime.date(2025, 3, 1))
    states = Counter(order.state for order in catalog.orders)
    assert all(states[state] >= 5 for state in STATES)
    assert len(catalog.orders) >= 60
    _check_order_dates(catalog, datetime.date(2025, 3, 1))
    _check_purchase_history(catalog)


def test_ids_unique(catalog: DemoCatalog) -> None:
    for rows in (catalog.products, catalog.faqs, catalog.profiles, catalog.orders):
        ids = [row.id for row in rows]
        assert len(ids) == len(set(ids))


def test_product_counts_and_categories(catalog: DemoCatalog) -> None:
    assert len(catalog.products) >= 64
    categories = Counter(product.category for product in catalog.products)
    assert set(categories) == CATEGORIES
    assert all(count >= 9 for count in categories.values())
    brands = Counter(product.brand for product in catalog.products)
    assert all(count >= 2 for count in brands.values())
    assert any(product.stock == 0 for product in catalog.products)


def test_product_fields(catalog: DemoCatalog) -> None:
    for product in catalog.products:
        assert re.fullmatch(r"[a-z]{2}-[a-z0-9-]+", product.id), product.id
        assert product.name.en and product.name.zh, product.id
        assert product.description.en and product.description.zh, product.id
        assert re.search(r"[\u4e00-\u9fff]", product.name.zh), product.id
        assert re.search(r"[\u4e00-\u9fff]", product.description.zh), product.id
        assert product.image == f"images/{product.id}.jpg"
        assert product.currency == "USD"
        assert 1 <= product.price <= 500 and round(product.price, 2) == product.price
        assert product.stock >= 0


def test_product_colours_and_tags(catalog: DemoCatalog) -> None:
    tag_use: Counter[str] = Counter()
    for product in catalog.products:
        colours = product.attributes.get("colour")
        assert isinstance(colours, list) and colours, product.id
        assert set(colours) <= set(COLOUR_RGB), product.id
        assert 3 <= len(product.tags) <= 6, product.id
        assert len(set(product.tags)) == len(product.tags), product.id
        assert set(product.tags) <= TAG_VOCABULARY, product.id
        tag_use.update(product.tags)
        if product.category in {"apparel", "footwear"}:
            assert isinstance(product.attributes.get("size"), list), product.id
    assert all(count >= 2 for count in tag_use.values()), tag_use


def test_visuals(catalog: DemoCatalog) -> None:
    assert set(catalog.visuals) == {product.id for product in catalog.products}
    for product in catalog.products:
        visual = catalog.visuals[product.id]
        assert isinstance(visual, Visual)
        assert visual.shape in SHAPES
        colours = product.attributes["colour"]
        assert isinstance(colours, list)
        assert visual.colour == COLOUR_RGB[colours[0]]
        assert visual.accent != visual.colour, product.id
        assert all(0 <= channel <= 255 for channel in (*visual.colour, *visual.accent))
    assert {visual.shape for visual in catalog.visuals.values()} == set(SHAPES)
    assert len(SHAPES) == 22


def test_descriptions_grounded_in_attributes(catalog: DemoCatalog) -> None:
    for product in catalog.products:
        attrs = product.attributes
        texts_en = f"{product.name.en} {product.description.en}".lower()
        texts_zh = f"{product.name.zh} {product.description.zh}"
        if attrs.get("waterproof") is not True:
            assert "waterproof" not in texts_en, product.id
            assert "防水" not in texts_zh, product.id
        if "sugar-free" in texts_en or "sugar free" in texts_en:
            assert attrs.get("sugar_free") is True, product.id
        if "dishwasher" in texts_en:
            assert attrs.get("dishwasher_safe") is True, product.id
        if "wireless" in texts_en:
            assert attrs.get("wireless") is True, product.id
        if "organic" in texts_en:
            assert attrs.get("organic") is True or "organic" in str(attrs.get("material"))


def _numbers(attrs: Mapping[str, AttributeValue], suffix: str) -> set[float]:
    return {
        float(value)
        for key, value in attrs.items()
        if key.endswith(suffix) and isinstance(value, int | float) and not isinstance(value, bool)
    }


def _unit_values(attrs: Mapping[str, AttributeValue], unit: str) -> set[float]:
    values = _numbers(attrs, "_" + unit.lower())
    if unit == "L":  # litres may also be written for a capacity kept in ml
        values |= {value / 1000 for value in _numbers(attrs, "_ml")}
    return values


def test_measurements_in_text_match_attributes(catalog: DemoCatalog) -> None:
    for product in catalog.products:
        text = f"{product.name.en} {product.description.en}"
        for number, unit in _MEASURE.findall(text):
            value = float(number.replace(",", ""))
            assert value in _unit_values(product.attributes, unit), (product.id, number, unit)


def test_tags_co_occur(catalog: DemoCatalog) -> None:
    pairs: Counter[tuple[str, str]] = Counter()
    for product in catalog.products:
        tags = sorted(product.tags)
        pairs.update((a, b) for i, a in enumerate(tags) for b in tags[i + 1 :])
    assert pairs[("hiking", "outdoor")] >= 5
    assert pairs[("fitness", "running")] >= 3
    assert pairs[("back-to-school", "kids")] >= 4


def test_faqs(catalog: DemoCatalog) -> None:
    assert len(catalog.faqs) >= 18
    topics = Counter(faq.topic for faq in catalog.faqs)
    assert all(topics[topic] >= 3 for topic in FAQ_TOPICS)
    for faq in catalog.faqs:
        assert faq.question.zh and faq.answer.zh
        assert re.search(r"\d", faq.answer.en), faq.id  # concrete: days, amounts, tiers
    membership = " ".join(f.answer.en for f in catalog.faqs if f.topic == "membership")
    assert all(tier in membership for tier in TIERS)
    returns = " ".join(f.answer.en for f in catalog.faqs if f.topic == "returns")
    assert all(f"{days} days" in returns for days in (15, 30, 45, 60))


def test_profiles(catalog: DemoCatalog) -> None:
    assert len(catalog.profiles) >= 24
    assert {profile.membership for profile in catalog.profiles} == TIERS
    assert len({profile.region for profile in catalog.profiles}) >= 6
    assert [profile.id for profile in catalog.profiles][:2] == ["u001", "u002"]
    for profile in catalog.profiles:
        assert "api_token" not in profile.model_dump()  # credentials never in the catalogue
        if profile.language == "zh":
            assert profile.region.startswith(("CN", "SG")), profile.id
    zh = [profile for profile in catalog.profiles if profile.language == "zh"]
    assert zh and sum(profile.region.startswith("CN") for profile in zh) > len(zh) / 2


def test_purchase_history_matches_orders(catalog: DemoCatalog) -> None:
    _check_purchase_history(catalog)


def _check_purchase_history(catalog: DemoCatalog) -> None:
    for profile in catalog.profiles:
        bought = {
            line.product_id
            for order in catalog.orders
            if order.shopper_id == profile.id and order.state in {"delivered", "returned"}
            for line in order.lines
        }
        assert set(profile.purchase_history) == bought, profile.id
        assert len(profile.purchase_history) == len(set(profile.purchase_history))


def test_orders_counts_and_lines(catalog: DemoCatalog) -> None:
    products = _products(catalog)
    assert len(catalog.orders) >= 60
    states = Counter(order.state for order in catalog.orders)
    assert all(states[state] >= 5 for state in STATES), states
    per_shopper = Counter(order.shopper_id for order in catalog.orders)
    assert set(per_shopper) == {profile.id for profile in catalog.profiles}
    assert all(1 <= count <= 5 for count in per_shopper.values())
    for order in catalog.orders:
        assert re.fullmatch(r"SM-1\d{5}", order.id)
        for line in order.lines:
            assert line.product_id in products, (order.id, line.product_id)
            assert line.unit_price == products[line.product_id].price
        if order.state == "paid":
            assert all(products[line.product_id].stock > 0 for line in order.lines)


def test_order_dates_fit_state(catalog: DemoCatalog) -> None:
    _check_order_dates(catalog, TODAY)


def _check_order_dates(catalog: DemoCatalog, today: datetime.date) -> None:
    for order in catalog.orders:
        placed = datetime.date.fromisoformat(order.placed_at)
        expected = datetime.date.fromisoformat(order.expected_delivery)
        assert placed <= today and placed < expected, order.id
        assert (today - placed).days <= 366, order.id
        if order.state in {"delivered", "returned", "delayed"}:
            assert expected < today, order.id
        else:
            assert expected > today, order.id
        assert (order.delay_reason is not None) == (order.state == "delayed"), order.id
    placed_dates = [order.placed_at for order in catalog.orders]
    assert placed_dates == sorted(placed_dates)  # order numbers follow placement


def test_today_shifts_dates() -> None:
    later = build_demo_catalog(today=TODAY + datetime.timedelta(days=10))
    base = build_demo_catalog()
    shift = datetime.timedelta(days=10)
    for a, b in zip(base.orders, later.orders, strict=True):
        assert datetime.date.fromisoformat(a.placed_at) + shift == datetime.date.fromisoformat(
            b.placed_at
        )


def test_co_purchases_are_mineable(catalog: DemoCatalog) -> None:
    together: Counter[frozenset[str]] = Counter()
    for order in catalog.orders:
        ids = sorted({line.product_id for line in order.lines})
        together.update(frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :])
    assert together.most_common(1)[0][1] >= 3
    basket_pairs = {
        frozenset((a, b)) for basket in BASKETS for a in basket for b in basket if a != b
    }
    assert set(together) <= basket_pairs  # only things that go together share an order
    assert len([order for order in catalog.orders if len(order.lines) >= 2]) >= 20
