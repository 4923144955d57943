"""Searches relative to a product ("anything lighter than the first one?", "any cheaper
ones?", "有没有便宜点的") and delivery times to the region the shopper names. Expectations
come from the demo catalogue's facts."""

from __future__ import annotations

import pytest

from agents.jimi import Jimi, policy
from agents.jimi.relative import comparative_asked
from tests.testing import conversation, member, of_kind, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


@pytest.mark.parametrize(("text", "key", "more"), [
    ("anything lighter than the first one?", "weight_g", False),
    ("any cheaper ones?", "price", False),
    ("i want a pricier one", "price", True),
    ("有没有便宜点的", "price", False),
    ("比第一双轻的跑鞋有吗", "weight_g", False),
    ("有没有续航更长的", "battery_life_h", True),
    ("got a bigger one?", "size", True),
])
def test_a_comparative_asking_for_others(text: str, key: str, more: bool) -> None:
    found = comparative_asked(text)
    assert found is not None and (found.key, found.more) == (key, more)


@pytest.mark.parametrize("text", [
    "is the first one lighter?", "the cheaper one", "which is cheaper", "cheaper than 50?",
    "便宜点的那双有棕色吗", "续航更重要", "比较轻的背包", "是不是比那个轻",
    "brightness? and is it cheaper than the headlamp", "how much lighter is it than the GTX?",
])
def test_a_comparative_about_the_products_shown_is_not_a_new_search(text: str) -> None:
    assert comparative_asked(text) is None


def _lighter_than(jimi: Jimi, platform: Platform, text: str, language: str = "en") -> tuple[
        list[str], list[str], str]:
    shoes = sorted(of_kind(platform, "running-shoes"), key=lambda p: p.name_en)
    shown = [p.id for p in shoes]
    reply = jimi.respond(conversation(user_turn("show me running shoes", "product_search"),
                                      user_turn(text, "product_search"),
                                      slots={"product": shoes[0].name_en}, shown=[shown]),
                         member(platform, "basic", language))
    return shown, reply.shown or [], reply.texts[0]


def test_lighter_than_the_first_one_lists_only_lighter_shoes_nearest_first(
        jimi: Jimi, synced_platform: Platform) -> None:
    shown, found, text = _lighter_than(jimi, synced_platform, "anything lighter than the first one?")
    product = synced_platform.knowledge.product
    first = float(product(shown[0]).attributes["weight_g"])  # type: ignore[arg-type]
    weights = [float(product(p).attributes["weight_g"]) for p in found]  # type: ignore[arg-type]
    lighter = [p for p in shown if float(product(p).attributes["weight_g"]) < first]  # type: ignore[arg-type]
    assert set(found) == set(lighter) and weights == sorted(weights, reverse=True)
    assert product(shown[0]).name_en in text and f"{first:g} g" in text


def test_cheaper_ones_after_a_list_are_cheaper_than_every_product_shown(
        jimi: Jimi, synced_platform: Platform) -> None:
    shown, found, text = _lighter_than(jimi, synced_platform, "any cheaper ones?")
    cheapest = min((synced_platform.knowledge.product(p) for p in shown), key=lambda p: p.price)
    if found:
        assert all(synced_platform.knowledge.product(p).price < cheapest.price for p in found)
    else:
        assert "already the cheapest" in text and cheapest.name_en in text


def test_cheaper_in_chinese_about_the_product_discussed(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    headphones = max(of_kind(synced_platform, "headphones"), key=lambda p: p.price)
    reply = jimi.respond(conversation(user_turn("有没有便宜点的", "product_search"),
                                      slots={"product": headphones.name_en}),
                         member(synced_platform, "basic", "zh"))
    assert reply.shown and headphones.id not in reply.shown
    assert all(synced_platform.knowledge.product(p).price < headphones.price for p in reply.shown)
    assert reply.texts[0].startswith(f"比{headphones.name('zh')}")


def test_a_missing_value_is_said_not_searched(jimi: Jimi, synced_platform: Platform) -> None:
    unweighed = next(p for p in synced_platform.knowledge.graph.products()
                     if "weight_g" not in p.attributes and "battery_life_h" in p.attributes)
    reply = jimi.respond(conversation(user_turn("anything lighter than this?", "product_search"),
                                      slots={"product": unweighed.name_en}),
                         member(synced_platform, "basic"))
    assert reply.texts[0] == f"The catalogue lists no weight for the {unweighed.name_en}."
    assert not reply.shown


@pytest.mark.parametrize(("text", "region"), [
    ("ok and shipping to germany, do i pay anything for it?", "DE"),
    ("多久能寄到上海", "CN"), ("how long to the UK?", "UK"), ("ship to the us?", "US"),
    ("can you tell us more", None),
])
def test_the_region_a_shopper_names(text: str, region: str | None) -> None:
    assert policy.region_named(text) == region


def test_delivery_time_and_fee_to_the_region_named(jimi: Jimi,
                                                   synced_platform: Platform) -> None:
    shopper = member(synced_platform, "gold")
    assert not shopper.profile.region.startswith("DE")
    reply = jimi.respond(conversation(user_turn(
        "how long does shipping to germany take, and do I pay for it?", "delivery_period")),
        shopper)
    text = "\n".join(reply.texts)
    assert "Germany takes 5-8 business days" in text
    assert "standard shipping is free" in text
