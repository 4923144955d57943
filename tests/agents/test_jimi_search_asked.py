"""Searches that ask a little more: each product's colours ("多少钱 都有啥颜色"), "t shirt"
spelled apart, and an out-of-stock product asked by size answered with an in-stock one that
has the feature the words name. Expectations come from the demo catalogue."""

from __future__ import annotations

import pytest

from agents.jimi import Jimi
from agents.jimi.wording import colour_name
from kg.kinds import kind_of
from tests.testing import conversation, member, of_kind, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def test_a_search_asked_for_colours_lists_each_products(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("300克以下的跑鞋有哪些 啥颜色", "product_search")),
                         member(synced_platform, "basic", "zh"))
    text = "\n".join(reply.texts)
    assert reply.shown, text
    for product_id in reply.shown:
        product = synced_platform.knowledge.product(product_id)
        colours = product.values("colour")
        if colours:
            assert "、".join(colour_name(c, "zh") for c in colours) in text


def test_t_shirt_spelled_apart_is_a_t_shirt(jimi: Jimi, synced_platform: Platform) -> None:
    assert kind_of("Plain T Shirt") == kind_of("Plain T-Shirt") == "tees"
    reply = jimi.respond(conversation(user_turn("lightest t shirt you sell?", "product_search")),
                         member(synced_platform, "basic"))
    tees = {p.id for p in of_kind(synced_platform, "tees")}
    assert reply.shown and set(reply.shown) <= tees


def test_an_out_of_stock_product_asked_by_size_gets_one_with_the_feature(
        jimi: Jimi, synced_platform: Platform) -> None:
    products = list(synced_platform.knowledge.graph.products())
    gone = next(p for p in products if not p.in_stock and p.attributes.get("waterproof") is True
                and p.values("size"))
    size = gone.values("size")[0]
    reply = jimi.respond(conversation(user_turn(f"got the waterproof {gone.name_en} in size {size}",
                                                "product_question", product=gone.name_en)),
                         member(synced_platform, "basic"))
    text = "\n".join(reply.texts)
    assert "In stock instead: the " in text
    instead = next(p for p in products if f"In stock instead: the {p.name_en} (" in text)
    assert instead.in_stock and instead.attributes.get("waterproof") is True, (gone.name_en, text)


def test_a_price_a_pack_is_no_backpack(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("sugar free drinks under 30 dollars a pack?",
                                                "product_search")),
                         member(synced_platform, "basic"))
    backpacks = {p.id for p in of_kind(synced_platform, "backpacks")}
    assert reply.shown and not set(reply.shown) & backpacks
    assert all(synced_platform.knowledge.product(p).category == "drinks" for p in reply.shown)


def test_a_budget_in_chinese_numerals_and_yen_is_converted(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("人在东京 预算两万日元 想买个背包", "product_search")),
                         member(synced_platform, "basic", "zh"))
    assert "20000日元约合134.00美元" in "\n".join(reply.texts)


@pytest.mark.parametrize("text", ["what's the warranty on it?", "这个保修几年"])
def test_the_warranty_on_a_product_asks_the_period(jimi: Jimi, synced_platform: Platform,
                                                   text: str) -> None:
    kettle = next(p for p in of_kind(synced_platform, "kettles") if "Electric" in p.name_en)
    language = "zh" if "保修" in text else "en"
    reply = jimi.respond(conversation(user_turn(text, "faq"), slots={"product": kettle.name_en}),
                         member(synced_platform, "basic", language))
    assert "24" in "\n".join(reply.texts)


def test_how_big_and_how_hot_is_asked_of_the_pan_discussed(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    pan = next(p for p in synced_platform.knowledge.graph.products()
               if isinstance(p.attributes.get("oven_safe_c"), int))
    turn = conversation(user_turn("which pan goes in the oven", "product_search"),
                        user_turn("what temp can it take, and how big is it", "product_question"),
                        slots={"product": pan.name_en}, shown=[[pan.id]])
    reply = jimi.respond(turn, member(synced_platform, "basic"))
    text = "\n".join(reply.texts)
    assert f"oven safe up to {pan.attributes['oven_safe_c']}" in text
    assert not reply.shown or reply.shown == [pan.id]  # no list of bigger pans
