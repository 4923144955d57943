"""Baskets priced with their counts ("2 mugs plus the coffee tin"), added to ("再加一套…"),
orderings that name their own kind ("a backpack + a bottle ... your biggest pack?"), and a
bare ordering after a list ("最轻的"). Expectations come from the demo catalogue's facts."""

from __future__ import annotations

import pytest

from agents.jimi import Jimi, policy
from agents.jimi.pointing import count_in
from tests.testing import conversation, member, of_kind, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)




def test_counts_in_a_basket_part() -> None:
    assert count_in("what if it's 2 mugs") == 2
    assert count_in("two of the tins") == 2
    assert count_in("再加两个杯子") == 2
    assert count_in("the 50l one") == 1
    assert count_in("the 750 ml bottle") == 1


def test_a_basket_with_a_count_after_a_shipping_question(jimi: Jimi,
                                                         synced_platform: Platform) -> None:
    mug = next(p for p in of_kind(synced_platform, "mugs") if "Stoneware" in p.name_en)
    tin = next(p for p in of_kind(synced_platform, "coffee") if "Tin" in p.name_en)
    shopper = member(synced_platform, "silver")
    reply = jimi.respond(conversation(
        user_turn("if I just order one stoneware mug, do I pay shipping?", "delivery_options"),
        user_turn(f"what if it's 2 mugs plus the {tin.name_en.lower()}?", "change_order"),
        slots={"product": mug.name_en}), shopper)
    total = 2 * mug.price + tin.price
    said = reply.texts[0]
    assert f"{total:.2f} USD" in said
    over = policy.TIERS["silver"].free_shipping_over or 0.0
    assert ("shipping is free" in said) == (total >= over)
    assert reply.requests == []


def test_adding_to_the_product_discussed_prices_both(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    candle, covers = of_kind(synced_platform, "candles")[0], next(
        p for p in synced_platform.knowledge.graph.products() if p.name_zh and "抱枕套" in p.name_zh)
    assert covers.name_zh
    shopper = member(synced_platform, "basic", "zh")
    reply = jimi.respond(conversation(
        user_turn(f"只买一个{candle.name_zh}要运费吗", "delivery_options"),
        user_turn(f"再加一套{covers.name_zh}呢？这两款一共多少钱", "product_question"),
        slots={"product": candle.name_en}), shopper)
    assert f"{candle.price + covers.price:.2f}美元" in reply.texts[0]


def test_an_ordering_orders_the_kind_it_names(jimi: Jimi, synced_platform: Platform) -> None:
    packs = of_kind(synced_platform, "backpacks")
    biggest = max(packs, key=lambda p: float(p.attributes.get("volume_l", 0)))  # type: ignore[arg-type]
    reply = jimi.respond(conversation(user_turn(
        "going on a trek, need a big backpack + a bottle that keeps water cold all day. whats "
        "your biggest pack?", "product_search")), member(synced_platform, "basic"))
    assert reply.shown and reply.shown[0] == biggest.id
    assert all(p in {q.id for q in packs} for p in reply.shown)


def test_a_bare_ordering_after_a_list_picks_among_it(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    shoes = [p for p in of_kind(synced_platform, "shoes") if "weight_g" in p.attributes][:3]
    lightest = min(shoes, key=lambda p: float(p.attributes["weight_g"]))  # type: ignore[arg-type]
    reply = jimi.respond(conversation(user_turn("跑鞋", "product_search"),
                                      user_turn("最轻的", "out_of_scope"),
                                      shown=[[p.id for p in shoes]]),
                         member(synced_platform, "basic", "zh"))
    assert lightest.name_zh and reply.texts[0].startswith(f"{lightest.name_zh}最轻")


def test_too_dear_with_a_budget_in_chinese_numerals_narrows_the_list(
        jimi: Jimi, synced_platform: Platform) -> None:
    from agents.jimi.context import _user_turn

    listed = of_kind(synced_platform, "headphones")
    said = _user_turn("太贵了，有没有一百美元以内的", {"intent": {"name": "complaint"}})
    assert said.text == "太贵了，有没有100美元以内的"
    reply = jimi.respond(conversation(user_turn("续航最长的耳机是哪款？", "product_search"), said,
                                      shown=[[p.id for p in listed]]),
                         member(synced_platform, "basic", "zh"))
    assert reply.shown and all(synced_platform.knowledge.product(p).price <= 100
                               for p in reply.shown)
    assert reply.mood is not None and not reply.mood.frustrated


def test_a_superlative_of_a_kind_read_as_an_order_question_is_a_search(
        jimi: Jimi, synced_platform: Platform) -> None:
    tees = [p for p in of_kind(synced_platform, "tees") if "weight_g" in p.attributes]
    lightest = min(tees, key=lambda p: float(p.attributes["weight_g"]))  # type: ignore[arg-type]
    reply = jimi.respond(conversation(user_turn("最轻的T恤是哪件？", "order_status")),
                         member(synced_platform, "basic", "zh"))
    assert reply.shown and reply.shown[0] == lightest.id


def test_which_is_cheaper_of_two_discussed_one_after_the_other(
        jimi: Jimi, synced_platform: Platform) -> None:
    pans = [p for p in synced_platform.knowledge.graph.products() if p.name_zh and (
        "炒锅" in p.name_zh or "煎锅" in p.name_zh)][:2]
    first, second = pans
    reply = jimi.respond(conversation(
        user_turn(f"{first.name_zh}多大", "product_question"),
        user_turn("另一个呢", "product_question"),
        user_turn("哪个便宜", "compare_products"),
        bot=[f"{first.name_zh}的直径为24厘米。", f"{second.name_zh}的直径为26厘米。"]),
        member(synced_platform, "basic", "zh"))
    cheaper = min(pans, key=lambda p: p.price)
    assert cheaper.name_zh and reply.texts[0].startswith(f"{cheaper.name_zh}更便宜")


def test_anything_similar_lists_the_nearest_kind_not_itself(
        jimi: Jimi, synced_platform: Platform) -> None:
    headlamp = of_kind(synced_platform, "headlamps")[0]
    reply = jimi.respond(conversation(user_turn(f"is the {headlamp.name_en} in stock?",
                                                "product_question"),
                                      user_turn("anything similar?", "inform"),
                                      slots={"product": headlamp.name_en}),
                         member(synced_platform, "basic"))
    assert reply.shown and headlamp.id not in reply.shown
    lights = {p.id for p in of_kind(synced_platform, "lights")}
    assert set(reply.shown) <= lights


def test_a_kind_word_alone_is_a_search(jimi: Jimi, synced_platform: Platform) -> None:
    watches = {p.id for p in of_kind(synced_platform, "watches")}
    reply = jimi.respond(conversation(user_turn("can i pay by instalments?", "payment_issue"),
                                      user_turn("smartwatch?", "inform")),
                         member(synced_platform, "basic"))
    assert reply.shown and set(reply.shown) <= watches


def test_the_grown_up_one_is_the_one_not_for_kids(jimi: Jimi, synced_platform: Platform) -> None:
    watches = of_kind(synced_platform, "watches")
    adult = [p for p in watches if "kids" not in p.tags]
    assert len(adult) == 1 and len(watches) == 2
    reply = jimi.respond(conversation(user_turn("smartwatch?", "product_search"),
                                      user_turn("the grown-up one, battery?",
                                                "product_question", colour="grown-up"),
                                      shown=[[p.id for p in watches]],
                                      slots={"product": watches[0].name_en}),
                         member(synced_platform, "basic"))
    assert reply.slots.get("product") == adult[0].name_en
    assert f"{adult[0].attributes['battery_life_h']} h" in reply.texts[0]
    assert "come in" not in reply.texts[0]  # the NLU read "grown-up" as a colour: it is none


def test_a_budget_in_yuan_words_is_read(synced_platform: Platform) -> None:
    parsed = synced_platform.knowledge.query.parse("200人民币以内还有别的吗")
    assert parsed.price_max == 200.0


def test_a_search_asked_beside_a_policy_question_is_answered_too(
        jimi: Jimi, synced_platform: Platform) -> None:
    lamps = {p.id for p in of_kind(synced_platform, "lamps")}
    reply = jimi.respond(conversation(user_turn("想买个书桌用的台灯，有推荐吗？另外金卡买东西要运费吗",
                                                "delivery_options")),
                         member(synced_platform, "gold", "zh"))
    assert reply.shown and set(reply.shown) <= lamps
    assert any("免运费" in t for t in reply.texts)


def test_both_together_after_a_list_of_two_is_their_total(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    banks = of_kind(synced_platform, "power-banks")[:2]
    reply = jimi.respond(conversation(user_turn("which power bank is the biggest?",
                                                "product_search"),
                                      user_turn("ok how much for both together",
                                                "product_question"),
                                      shown=[[p.id for p in banks]]),
                         member(synced_platform, "gold"))
    assert f"{sum(p.price for p in banks):.2f} USD" in reply.texts[0]


def test_a_feature_the_product_lacks_names_the_one_shown_that_has_it(
        jimi: Jimi, synced_platform: Platform) -> None:
    banks = of_kind(synced_platform, "power-banks")
    dry = [p for p in banks if p.attributes.get("waterproof") is True]
    wet = [p for p in banks if p.attributes.get("waterproof") is not True]
    assert dry and wet
    reply = jimi.respond(conversation(user_turn("which power bank is the biggest?",
                                                "product_search"),
                                      user_turn("hmm is it waterproof tho", "product_question"),
                                      shown=[[wet[0].id, dry[0].id]],
                                      slots={"product": wet[0].name_en}),
                         member(synced_platform, "gold"))
    assert reply.texts[0].endswith(f"The {dry[0].name_en} is waterproof, though.")
