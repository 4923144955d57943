"""JIMI follows what a shopper means over a conversation: an order picked by its contents, a
product described by use or feature, a correction, a return window counted from delivery, a
basket against free shipping, two policy questions in one message. Expectations come from the
demo catalogue's facts and the shopper's own orders."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from agents.jimi import Jimi, Shopper, orders, policy
from agents.jimi.asked import attributes_asked
from agents.jimi.empathy import assess
from agents.jimi.problems import problem_in
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from kg.schema import OrderRow, ProfileRow
from tests.testing import conversation, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _profiles(platform: Platform) -> list[ProfileRow]:
    return list(platform.knowledge.accounts.profiles())


def _orders(platform: Platform, profile: ProfileRow) -> list[OrderRow]:
    return list(platform.knowledge.accounts.orders_of(profile.id))


def _of_kind(platform: Platform, kind: str) -> list[ProductFacts]:
    return [p for p in platform.knowledge.graph.products()
            if kind in lineage(kind_of(p.name_en, p.name_zh) or "")]


def _last_word(platform: Platform, order: OrderRow) -> str:
    return platform.knowledge.product(order.lines[0].product_id).name_en.split()[-1].lower()


# -- orders --------------------------------------------------------------------------------

def test_the_order_is_picked_by_what_is_in_it_after_jimi_asked(jimi: Jimi,
                                                                synced_platform: Platform) -> None:
    for profile in _profiles(synced_platform):
        open_ = [o for o in _orders(synced_platform, profile) if o.state in ("paid", "delayed")]
        words = {o.id: _last_word(synced_platform, o) for o in open_}
        unique = [o for o in open_ if len(words[o.id]) >= 4 and list(words.values()).count(
            words[o.id]) == 1 and not any(words[o.id] in synced_platform.knowledge.product(
                line.product_id).name_en.lower() for other in open_ if other.id != o.id
                for line in other.lines)]
        if len(open_) >= 2 and unique:
            break
    else:
        pytest.skip("no shopper with two open orders told apart by a product")
    wanted = unique[0]
    turn = conversation(user_turn("I want to cancel my order", "cancel_order"),
                        user_turn(f"the one with the {words[wanted.id]}", "product_question"),
                        bot=[orders.ASK_ORDER_ID["en"]])
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert reply.requests == [(wanted.id, "cancel")]


def _delivered_past_window(platform: Platform) -> tuple[ProfileRow, OrderRow]:
    today = date.today()
    for profile in _profiles(platform):
        window = policy.terms(profile).return_days
        for order in _orders(platform, profile):
            if order.state == "delivered" and (
                    today - date.fromisoformat(order.expected_delivery)).days > window:
                return profile, order
    pytest.skip("no delivered order past its return window")


def test_past_the_return_window_is_said_and_nothing_is_filed(jimi: Jimi,
                                                              synced_platform: Platform) -> None:
    profile, order = _delivered_past_window(synced_platform)
    product = synced_platform.knowledge.product(order.lines[0].product_id)
    window = policy.terms(profile).return_days
    asked = jimi.respond(conversation(user_turn(
        f"can I still return the {product.name_en} from order {order.id}?", "return_policy",
        order_id=order.id)), Shopper(profile, "en"))
    assert order.id in asked.texts[0] and f"past the {window}-day return window" in asked.texts[0]
    refund = jimi.respond(conversation(user_turn(f"refund order {order.id} please", "get_refund",
                                                 order_id=order.id)), Shopper(profile, "en"))
    assert not refund.requests and "past the" in refund.texts[0]
    zh = jimi.respond(conversation(user_turn(f"订单{order.id}里的{product.name_zh}现在还能退吗",
                                             "return_policy", order_id=order.id)),
                      Shopper(profile, "zh"))
    assert "超过" in zh.texts[0] and f"{window}天" in zh.texts[0]


def test_a_return_already_sent_back_is_reported(jimi: Jimi, synced_platform: Platform) -> None:
    for profile in _profiles(synced_platform):
        returned = [o for o in _orders(synced_platform, profile) if o.state == "returned"]
        if returned:
            break
    else:
        pytest.skip("no returned order")
    order = returned[0]
    product = synced_platform.knowledge.product(order.lines[0].product_id)
    reply = jimi.respond(conversation(user_turn(
        f"I sent back the {product.name_en} a while ago - did that go through?",
        "product_search")), Shopper(profile, "en"))
    assert reply.texts[0].startswith(f"Order {order.id} was returned")
    assert not reply.shown  # a question about a return lists no products


# -- products ------------------------------------------------------------------------------

def test_described_by_use_among_the_list_in_chinese(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    headphones = _of_kind(synced_platform, "headphones")
    runners = [p for p in headphones if "running" in p.tags]
    assert len(runners) == 1 and len(headphones) >= 3
    reply = jimi.respond(conversation(
        user_turn("有没有蓝牙耳机推荐", "product_search"),
        user_turn("太贵了。。跑步戴的那款防汗吗", "product_question"),
        shown=[[p.id for p in headphones]], slots={"product": headphones[0].name_en}),
        Shopper(_profiles(synced_platform)[0], "zh"))
    assert runners[0].name_zh and runners[0].name_zh in reply.texts[0]


def test_the_feature_named_picks_another_of_the_kind_discussed(
        jimi: Jimi, synced_platform: Platform) -> None:
    headphones = _of_kind(synced_platform, "headphones")
    quiet = [p for p in headphones if p.attributes.get("noise_cancelling") is True]
    other = next(p for p in headphones if p not in quiet and "battery_life_h" in p.attributes)
    assert len(quiet) == 1
    reply = jimi.respond(conversation(
        user_turn("any wireless headphones under 50?", "product_search"),
        user_turn("what about the noise cancelling ones, whats the battery like",
                  "product_question"),
        shown=[[other.id]], slots={"product": other.name_en}),
        Shopper(_profiles(synced_platform)[0], "en"))
    said = " ".join(reply.texts)
    assert quiet[0].name_en in said and f"{quiet[0].attributes['battery_life_h']} h" in said
    assert other.name_en not in said


def test_a_comparison_leads_with_the_attribute_asked(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    weighed = [p for p in synced_platform.knowledge.graph.products() if "weight_g" in p.attributes]
    first, second = weighed[0], weighed[1]
    reply = jimi.respond(conversation(user_turn(
        f"how heavy is the {first.name_en} compared to the {second.name_en}?",
        "compare_products", product=[first.name_en, second.name_en])),
        Shopper(_profiles(synced_platform)[0], "en"))
    text = reply.texts[0]
    weights = f"weight: {first.attributes['weight_g']} g vs {second.attributes['weight_g']} g"
    assert text.split("; ")[1].startswith(weights)  # right after the prices


def test_a_correction_asks_the_question_again_about_the_other(
        jimi: Jimi, synced_platform: Platform) -> None:
    vases = [p for p in _of_kind(synced_platform, "vases") if "height_cm" in p.attributes]
    glass = next(p for p in vases if (p.attributes.get("material") or "") == "glass")
    other = next(p for p in vases if p.id != glass.id)
    reply = jimi.respond(conversation(
        user_turn("有花瓶卖吗", "product_search"),
        user_turn("那另一个多高", "product_question"),
        user_turn("不是，我是问玻璃那个多高", "deny"),
        shown=[[p.id for p in vases]], slots={"product": other.name_en}),
        Shopper(_profiles(synced_platform)[0], "zh"))
    assert f"{glass.attributes['height_cm']}厘米" in reply.texts[0]
    assert glass.name_zh and glass.name_zh in reply.texts[0]


# -- policies ------------------------------------------------------------------------------

def test_a_basket_is_checked_against_free_shipping(jimi: Jimi,
                                                   synced_platform: Platform) -> None:
    profile = next(p for p in _profiles(synced_platform) if p.membership == "basic")
    threshold = policy.terms(profile).free_shipping_over
    assert threshold is not None
    products = sorted(synced_platform.knowledge.graph.products(), key=lambda p: p.price)
    first = next(p for p in products if p.price < threshold)
    second = next(p for p in products if p.id != first.id and p.price < threshold
                  and p.price + first.price >= threshold)
    reply = jimi.respond(conversation(user_turn(
        f"if I buy the {first.name_en} and the {second.name_en}, do I get free shipping?",
        "delivery_options")), Shopper(profile, "en"))
    assert f"{first.price + second.price:.2f} USD, so standard shipping is free" in reply.texts[0]


def test_two_policy_questions_in_one_message_get_two_answers(jimi: Jimi,
                                                             synced_platform: Platform) -> None:
    profile = next(p for p in _profiles(synced_platform) if p.membership == "platinum")
    reply = jimi.respond(conversation(user_turn(
        "is express shipping free for me? and how many points do I get per dollar?",
        "delivery_options")), Shopper(profile, "en"))
    said = "\n".join(reply.texts)
    assert "express is free" in said
    assert f"{policy.terms(profile).points_per_dollar:g} points per dollar" in said


def test_overlapping_asks_are_read_once() -> None:
    assert attributes_asked("what colour temperature is the light?", None) == [
        "colour_temperature_k"]
    assert attributes_asked("are they over-ear? and which colours", None) == ["fit", "colour"]
    assert attributes_asked("单次能听多久？充电盒能充几次", None) == ["battery_life_h",
                                                                 "case_charges"]


def test_frustration_with_the_bot_itself_is_noticed() -> None:
    assert assess("你们这个机器人根本听不懂人话，我要找人工客服", "contact_human_agent", [],
                  []).frustrated
    assert not assess("人工客服几点上班", "contact_human_agent", [], []).frustrated


def test_points_earned_and_instalments_are_worked_out(jimi: Jimi,
                                                      synced_platform: Platform) -> None:
    profile = next(p for p in _profiles(synced_platform) if p.membership == "platinum")
    rate = policy.terms(profile).points_per_dollar
    points = jimi.respond(conversation(user_turn(
        "ok. points - how many would I get on a $150 order?", "membership_benefits")),
        Shopper(profile, "en"))
    assert f"earns {150 * rate:g} points" in points.texts[0]
    dear = next(p for p in synced_platform.knowledge.graph.products() if p.price >= 100)
    split = jimi.respond(conversation(user_turn(f"那个{dear.name_zh}可以分期吗？每期多少钱",
                                                "payment_issue")), Shopper(profile, "zh"))
    assert f"每期{dear.price / 4:.2f}美元" in split.texts[0]


def test_both_just_shown_and_an_order_are_totalled_for_shipping(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile = next(p for p in _profiles(synced_platform) if p.membership == "basic")
    threshold = policy.terms(profile).free_shipping_over or 0.0
    candles = _of_kind(synced_platform, "candles")[:2]
    both = jimi.respond(conversation(
        user_turn("想买蜡烛送朋友，你们有哪几款", "product_search"),
        user_turn("两个都买的话一共多少钱？能免运费吗", "delivery_options"),
        shown=[[p.id for p in candles]]), Shopper(profile, "zh"))
    total = sum(p.price for p in candles)
    assert f"一共{total:.2f}美元" in both.texts[0]
    assert ("可以包邮" in both.texts[0]) == (total >= threshold)
    order = next(o for p in _profiles(synced_platform) for o in _orders(synced_platform, p)
                 if len(o.lines) >= 2)
    owner = next(p for p in _profiles(synced_platform) if p.id == order.shopper_id)
    reply = jimi.respond(conversation(user_turn("so what's the order total then, still free "
                                                "shipping?", "delivery_options"),
                                      slots={"order_id": order.id}), Shopper(owner, "en"))
    order_total = sum(line.unit_price * line.quantity for line in order.lines)
    assert f"comes to {order_total:.2f} USD" in reply.texts[0]


def test_a_return_window_still_open_says_its_last_day(jimi: Jimi,
                                                      synced_platform: Platform) -> None:
    today = date.today()
    for profile in _profiles(synced_platform):
        window = policy.terms(profile).return_days
        open_ = [o for o in _orders(synced_platform, profile) if o.state == "delivered" and (
            today - date.fromisoformat(o.expected_delivery)).days <= window]
        if open_:
            break
    else:
        pytest.skip("no delivered order inside its return window")
    order = open_[0]
    product = synced_platform.knowledge.product(order.lines[0].product_id)
    last = date.fromisoformat(order.expected_delivery) + timedelta(days=window)
    reply = jimi.respond(conversation(user_turn(
        f"if I decide to return the {product.name_en}, until when can I do that?",
        "return_policy", order_id=order.id)), Shopper(profile, "en"))
    assert f"until {last.isoformat()}" in reply.texts[0] and not reply.requests


def test_store_credit_and_exchanges_are_policy_questions_not_problems(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = Shopper(_profiles(synced_platform)[0], "en")
    credit = jimi.respond(conversation(user_turn(
        "if I return something can I take store credit instead of a refund?",
        "return_policy")), shopper)
    assert "5%" in credit.texts[0] and not credit.requests and "Which order" not in credit.texts[0]
    assert problem_in("and if I just exchange for a different size?") is None
    assert problem_in("my headphones died, the left side doesnt make any sound") == "damaged"


def test_a_superlative_over_a_kind_is_a_search_not_a_comparison(
        jimi: Jimi, synced_platform: Platform) -> None:
    shoes = [p for p in _of_kind(synced_platform, "running-shoes") if "weight_g" in p.attributes]
    lightest = min(shoes, key=lambda p: float(p.attributes["weight_g"]))  # type: ignore[arg-type]
    reply = jimi.respond(conversation(user_turn("跑鞋里面哪双最轻？", "compare_products")),
                         Shopper(_profiles(synced_platform)[0], "zh"))
    assert reply.shown and reply.shown[0] == lightest.id
    assert f"{lightest.attributes['weight_g']}克" in reply.texts[0]


def test_a_cancellation_says_the_refund_amount(jimi: Jimi, synced_platform: Platform) -> None:
    order = next(o for p in _profiles(synced_platform) for o in _orders(synced_platform, p)
                 if o.state == "paid")
    owner = next(p for p in _profiles(synced_platform) if p.id == order.shopper_id)
    reply = jimi.respond(conversation(user_turn(f"please cancel order {order.id}", "cancel_order",
                                                order_id=order.id)), Shopper(owner, "en"))
    total = sum(line.unit_price * line.quantity for line in order.lines)
    assert reply.requests == [(order.id, "cancel")]
    assert f"refund of {total:.2f} USD" in reply.texts[0]


def test_a_shipped_order_past_its_date_gets_the_late_options(
        jimi: Jimi, synced_platform: Platform) -> None:
    today = date.today()
    late = [(p, o) for p in _profiles(synced_platform) for o in _orders(synced_platform, p)
            if o.state == "shipped" and date.fromisoformat(o.expected_delivery) < today]
    if not late:
        pytest.skip("no shipped order past its date")
    profile, order = late[0]
    reply = jimi.respond(conversation(user_turn(f"where is order {order.id}?", "order_status",
                                                order_id=order.id)), Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert order.id in said and "$10 voucher" in said and not said.startswith("I'm sorry")
    upset = jimi.respond(conversation(user_turn(
        f"order {order.id} still hasnt arrived, it was supposed to be here ages ago",
        "order_status", order_id=order.id)), Shopper(profile, "en"))
    assert upset.texts[0] == "I'm sorry your order is running late."  # said late: sorry, once


def test_an_unused_item_inside_the_window_is_returned_on_request(
        jimi: Jimi, synced_platform: Platform) -> None:
    today = date.today()
    for profile in _profiles(synced_platform):
        window = policy.terms(profile).return_days
        mine = _orders(synced_platform, profile)
        open_ = [(o, line.product_id) for o in mine if o.state == "delivered" and (
            today - date.fromisoformat(o.expected_delivery)).days <= window
            for line in o.lines if sum(line.product_id in {x.product_id for x in other.lines}
                                       for other in mine) == 1]
        if open_:
            break
    else:
        pytest.skip("no delivered order inside its return window")
    order, product_id = open_[0]
    product = synced_platform.knowledge.product(product_id)
    reply = jimi.respond(conversation(user_turn(
        f"I never really used the {product.name_en}, it's still in the box. I'd like to "
        "return it please", "get_refund")), Shopper(profile, "en"))
    assert reply.requests == [(order.id, "return")]


def test_is_that_covered_too_carries_the_warranty_question(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = Shopper(_profiles(synced_platform)[0], "en")
    reply = jimi.respond(conversation(
        user_turn("how long is the warranty on headphones?", "faq"),
        user_turn("and the battery in them, is that covered too?", "product_question")), shopper)
    assert re.search(r"(?i)batter", reply.texts[0]) and "%" in reply.texts[0]


def test_a_quantity_is_priced_and_a_pickup_question_gets_the_return_steps(
        jimi: Jimi, synced_platform: Platform) -> None:
    product = next(p for p in synced_platform.knowledge.graph.products() if p.name_zh)
    shopper = Shopper(_profiles(synced_platform)[0], "zh")
    reply = jimi.respond(conversation(user_turn("买两箱多少钱", "product_question"),
                                      slots={"product": product.name_en}), shopper)
    assert f"2件共{product.price * 2:.2f}美元" in " ".join(reply.texts)
    platinum = next(p for p in _profiles(synced_platform) if p.membership == "platinum")
    pickup = jimi.respond(conversation(user_turn("可以上门取件吗", "delivery_options")),
                          Shopper(platinum, "zh"))
    assert any("上门取件" in t for t in pickup.texts)


def test_the_other_order_with_the_same_product_is_the_one_meant(
        jimi: Jimi, synced_platform: Platform) -> None:
    for profile in _profiles(synced_platform):
        mine = _orders(synced_platform, profile)
        pairs = [(a, b) for a in mine for b in mine if a.id != b.id and b.state in (
            "paid", "shipped", "delayed") and {x.product_id for x in a.lines} & {
            x.product_id for x in b.lines}]
        pairs = [(a, b) for a, b in pairs if sum(1 for c, _ in pairs if c.id == a.id) == 1]
        if pairs:
            break
    else:
        pytest.skip("no two orders of one shopper sharing a product")
    first, other = pairs[0]
    reply = jimi.respond(conversation(
        user_turn(f"what about order {first.id}?", "order_status", order_id=first.id),
        user_turn("i have another pair coming in my other order, can i cancel that one then",
                  "cancel_order"), slots={"order_id": first.id}), Shopper(profile, "en"))
    assert other.id in " ".join(reply.texts)
    assert all(order_id == other.id for order_id, _ in reply.requests)


def test_an_order_number_written_beats_the_order_discussed(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    for profile in _profiles(synced_platform):
        delivered = [o for o in _orders(synced_platform, profile) if o.state == "delivered"]
        if len(delivered) >= 2:
            break
    else:
        pytest.skip("no shopper with two delivered orders")
    discussed, other = delivered[0], delivered[1]
    reply = jimi.respond(conversation(user_turn(
        f"and what about {other.id}, until when can I return that one?", "return_policy",
        order_id=discussed.id)), Shopper(profile, "en"))
    text = " ".join(reply.texts)
    assert f"Order {other.id} was delivered on {other.expected_delivery}" in text
    assert discussed.id not in text and not reply.requests


@pytest.mark.parametrize(("language", "asked", "answer"), [
    ("en", "it hasn't shipped yet I think? can it still be cancelled", "ok yes please cancel it"),
    ("zh", "这个订单还没发货吧，还能取消吗", "嗯，取消吧"),
])
def test_whether_an_order_can_be_cancelled_is_answered_then_done_on_yes(
        jimi: Jimi, synced_platform: Platform, language: str, asked: str, answer: str) -> None:
    profile, order = next((p, o) for p in _profiles(synced_platform)
                          for o in _orders(synced_platform, p) if o.state == "paid")
    shopper = Shopper(profile, language)
    first = jimi.respond(conversation(user_turn(f"{order.id} {asked}", "order_status")),
                         shopper)
    said = " ".join(first.texts)
    assert orders.OFFER_CANCEL[language] in said and f"{order.total:.2f}" in said
    assert first.requests == []  # a question files nothing
    for intent in ("nlu_fallback", "affirm"):
        turn = conversation(user_turn(f"{order.id} {asked}", "order_status"),
                            user_turn(answer, intent), slots={"order_id": order.id},
                            bot=first.texts)
        assert jimi.respond(turn, shopper).requests == [(order.id, "cancel")], intent


def test_a_delivered_order_asked_about_says_what_to_do_instead(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = next((p, o) for p in _profiles(synced_platform)
                          for o in _orders(synced_platform, p) if o.state == "delivered")
    reply = jimi.respond(conversation(user_turn(f"can {order.id} still be cancelled?",
                                                "order_status")), Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert "instead of cancelling you can return it" in said
    assert orders.OFFER_CANCEL["en"] not in said and reply.requests == []
