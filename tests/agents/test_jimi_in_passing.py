"""What a shopper asks or wants in passing: an order request inside a question ("那我直接取消吧，
能退多少钱"), "the order that hasn't shipped", a late order told as late, two products of a kind
compared ("your 2 electric kettles"), the points on two of a product, one's own tier asked
with another's. Expectations come from the demo shoppers' orders, the catalogue and ``policy``."""

from __future__ import annotations

from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, orders, policy, returns
from agents.jimi.each_kind import kind_parts
from agents.jimi.requested import request_clause
from kg.schema import OrderRow, ProfileRow
from tests.testing import conversation, member, of_kind, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _said(texts: list[str]) -> str:
    return "\n".join(texts)


@pytest.mark.parametrize(("text", "wanted"), [
    ("那就直接取消吧，钱能退多少", ("cancel_order", "那就直接取消吧，")),
    ("行，那帮我退了吧，需要我自己寄回去吗", ("get_refund", "那帮我退了吧，")),
    (("could you switch the hoodie in my open order to size M? and what colours does the rain "
      "jacket come in"), ("change_order", "could you switch the hoodie in my open order to size M?")),
    ("cancel the one with the kettle. and the other order, anything for the wait?",
     ("cancel_order", "cancel the one with the kettle.")),
    ("if it never arrives can i cancel then? what did it cost", None),
    ("可以取消吗？多久退款", None),
    ("fine, i'll wait. also can the hoodie be changed to size M?",
     ("change_order", "also can the hoodie be changed to size M?")),
    ("cancel it", None),  # one clause: the intent itself is the request
    ("no, don't cancel it, where is it now?", None),
    ("取消了吗？钱什么时候退回来", None),
    ("先别退了，我再想想。运费多少", None),
])
def test_a_request_clause_is_told_from_a_question_about_one(
        text: str, wanted: tuple[str, str] | None) -> None:
    assert request_clause(text) == wanted


def _open_and_other(platform: Platform) -> tuple[ProfileRow, OrderRow]:
    """A shopper with one order not sent yet and others that were."""
    accounts = platform.knowledge.accounts
    for profile in accounts.profiles():
        mine = accounts.orders_of(profile.id)
        paid = [o for o in mine if o.state == "paid"]
        if len(paid) == 1 and len(mine) >= 2:
            return profile, paid[0]
    raise AssertionError("the demo catalogue has a shopper with one unsent order among others")


def test_a_cancellation_said_in_passing_is_filed_with_the_refund_answer(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _open_and_other(synced_platform)
    turn = conversation(user_turn(f"where is {order.id}", "order_status"),
                        user_turn("那就直接取消吧，钱能退多少", "refund_amount"),
                        slots={"order_id": order.id})
    reply = jimi.respond(turn, Shopper(profile, "zh"))
    assert reply.requests == [(order.id, "cancel")]
    assert f"{order.total:.2f}" in _said(reply.texts)


def test_a_question_whether_it_could_be_cancelled_files_nothing(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _open_and_other(synced_platform)
    turn = conversation(user_turn(f"where is {order.id}", "order_status"),
                        user_turn("if it doesnt turn up can i cancel? how long do refunds take",
                                  "refund_timing"), slots={"order_id": order.id})
    assert jimi.respond(turn, Shopper(profile, "en")).requests == []
    turn = conversation(user_turn(f"where is {order.id}", "order_status"),
                        user_turn("可以取消吗？多久退款", "refund_timing"),
                        slots={"order_id": order.id})
    assert jimi.respond(turn, Shopper(profile, "zh")).requests == []


def test_the_order_not_sent_yet_is_the_one_cancelled(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    profile, order = _open_and_other(synced_platform)
    reply = jimi.respond(conversation(user_turn("帮我把还没发货的那个订单取消掉", "cancel_order")),
                         Shopper(profile, "zh"))
    assert reply.requests == [(order.id, "cancel")]


def _late(platform: Platform, state: str) -> tuple[ProfileRow, OrderRow]:
    accounts, today = platform.knowledge.accounts, date.today()
    return next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                if o.state == state and orders.overdue_days(o, today) > 0)


@pytest.mark.parametrize("state", ["shipped", "paid"])
def test_a_late_order_is_told_as_late_and_sorry_only_when_the_shopper_says_so(
        jimi: Jimi, synced_platform: Platform, state: str) -> None:
    profile, order = _late(synced_platform, state)
    asked = jimi.respond(conversation(user_turn(f"has {order.id} shipped yet?", "order_status")),
                         Shopper(profile, "en"))
    said = _said(asked.texts)
    assert f"it was due on {order.expected_delivery}" in said and "should arrive by" not in said
    assert "sorry" not in said.lower()  # a neutral question gets no apology
    told = jimi.respond(conversation(user_turn(f"{order.id} still isn't here", "order_status")),
                        Shopper(profile, "en"))
    assert "sorry" in _said(told.texts).lower()


def test_two_products_of_a_kind_are_compared_when_the_words_say_two(
        jimi: Jimi, synced_platform: Platform) -> None:
    electric = [p for p in of_kind(synced_platform, "kettles") if "electric" in p.name_en.lower()]
    assert len(electric) == 2
    reply = jimi.respond(conversation(user_turn("how do your 2 electric kettles differ",
                                                "compare_products")),
                         member(synced_platform, "basic"))
    assert sorted(reply.shown or []) == sorted(p.id for p in electric)


def test_two_packs_named_by_their_size_are_compared(jimi: Jimi,
                                                    synced_platform: Platform) -> None:
    packs = {p.id for p in of_kind(synced_platform, "backpacks")
             if any(size in (p.name_zh or "") for size in ("25升", "50升"))}
    assert len(packs) == 2
    reply = jimi.respond(conversation(user_turn("50升和25升的两个背包区别在哪", "compare_products")),
                         member(synced_platform, "basic", "zh"))
    assert set(reply.shown or []) == packs


def test_the_points_on_two_of_the_product_discussed(jimi: Jimi,
                                                    synced_platform: Platform) -> None:
    shopper = member(synced_platform, "platinum", "zh")
    product = max(synced_platform.knowledge.graph.products(), key=lambda p: p.price)
    reply = jimi.respond(conversation(user_turn("两箱一起买送多少积分", "membership_benefits"),
                                      slots={"product": product.name_en}), shopper)
    rate = policy.terms(shopper.profile).points_per_dollar
    assert f"{2 * product.price * rate:g}积分" in _said(reply.texts)


def test_ones_own_tier_is_said_with_the_one_asked_about(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    shopper = member(synced_platform, "gold")
    reply = jimi.respond(conversation(user_turn("which tier am i on, and what does it take to "
                                                "reach platinum", "membership_benefits")), shopper)
    said = _said(reply.texts)
    assert "You're a gold member" in said and f"${policy.TIER_SPEND['platinum']}" in said


def test_the_spend_for_a_tier_asked_beside_a_return_question(
        jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("要消费多少才能升到银卡？银卡的退货期多长",
                                                "return_policy")),
                         member(synced_platform, "basic", "zh"))
    assert str(policy.TIER_SPEND["silver"]) in _said(reply.texts)


def test_an_order_named_by_its_contents_is_its_status(jimi: Jimi,
                                                      synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "paid" and len(accounts.orders_of(p.id)) >= 2)
    name = synced_platform.knowledge.product(order.lines[0].product_id).name("zh")
    reply = jimi.respond(conversation(user_turn(f"你先说说{name}那单到底啥情况", "product_search")),
                         Shopper(profile, "zh"))
    assert order.id in _said(reply.texts)


def test_a_request_for_two_kinds_lists_each(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn(
        "i want a non stick pan for an induction cooktop and a kettle for my pour over",
        "product_search")), member(synced_platform, "basic"))
    kinds = {k for p in reply.shown or [] for k in jimi.shopping.kinds_of(p)}
    assert {"pans", "kettles"} <= kinds and len(reply.texts) == 2


def test_a_kind_to_go_with_the_product_is_searched(jimi: Jimi, synced_platform: Platform) -> None:
    hoodie = of_kind(synced_platform, "hoodies")[0]
    reply = jimi.respond(conversation(user_turn("also a waterproof backpack to go with that",
                                                "product_question"),
                                      slots={"product": hoodie.name_en}),
                         member(synced_platform, "basic"))
    assert reply.shown and all("backpacks" in jimi.shopping.kinds_of(p) for p in reply.shown)


def test_what_a_return_costs_is_said_with_the_window(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    accounts, today = synced_platform.knowledge.accounts, date.today()
    profile, order = next(
        (p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
        if p.membership in ("basic", "silver") and o.state == "delivered"
        and not returns.past_window(o, p, today))
    reply = jimi.respond(conversation(user_turn(
        f"can i still send back {order.id} and what does that cost me", "return_policy")),
        Shopper(profile, "en"))
    assert f"${policy.RETURN_SHIPPING}" in _said(reply.texts)


def test_the_one_top_product_is_given_with_its_price(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("大容量的保温壶有吗", "product_search")),
                         member(synced_platform, "basic", "zh"))
    assert reply.shown and len(reply.shown) == 1
    top = synced_platform.knowledge.product(reply.shown[0])
    assert reply.texts[0].startswith("容量最大的是") and f"{top.price:.2f}美元" in reply.texts[0]


def test_a_most_asked_in_a_comparison_is_a_search(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("which drink has the most caffeine? need it for "
                                                "the office", "compare_products")),
                         member(synced_platform, "basic"))
    assert reply.shown and "Which two products" not in _said(reply.texts)


def test_a_search_clause_and_a_product_clause_are_each_answered(
        jimi: Jimi, synced_platform: Platform) -> None:
    candles = sorted(of_kind(synced_platform, "candles"), key=lambda p: p.price)
    assert len(candles) >= 2
    dearer = candles[-1]
    text = f"whats the cheapest candle you have? and is the {dearer.name_en} in stock"
    reply = jimi.respond(conversation(user_turn(text, "product_question", product=dearer.name_en)),
                         member(synced_platform, "basic"))
    said = _said(reply.texts)
    assert said.startswith(f"The cheapest is the {candles[0].name_en}")
    assert said.index(candles[0].name_en) < said.rindex(dearer.name_en)
    assert "in stock" in said.split("\n")[-1] or "out of stock" in said.split("\n")[-1]


def test_an_order_of_another_month_is_not_the_one_meant(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    profile, order = _open_and_other(synced_platform)
    month = int(order.placed_at[5:7])
    other = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"][(month + 5) % 12]
    turn = conversation(user_turn(f"the lamp from my {other} order is broken, what can i do",
                                  "change_order"))
    assert jimi.order_meant(turn, profile.id) != order


def test_the_order_total_is_given_when_asked(jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _open_and_other(synced_platform)
    reply = jimi.respond(conversation(user_turn(f"whats the total of {order.id} again",
                                                "order_status")), Shopper(profile, "en"))
    assert f"{order.total:.2f} USD" in _said(reply.texts)


def test_a_cheapest_asked_in_a_huff_is_a_search(jimi: Jimi, synced_platform: Platform) -> None:
    cups = sorted(of_kind(synced_platform, "mugs"), key=lambda p: p.price)
    reply = jimi.respond(conversation(user_turn("唉算了，最便宜的杯子是哪款", "complaint")),
                         member(synced_platform, "basic", "zh"))
    assert reply.shown and "抱歉" not in _said(reply.texts)
    assert cups and reply.shown[0] in {c.id for c in cups} | {
        p.id for p in of_kind(synced_platform, "cups")}


def test_a_list_of_kinds_is_split_one_kind_each(jimi: Jimi) -> None:
    parts = kind_parts("for my 8 year old - need a lantern, a headlamp and some socks",
                       jimi.shopping.search)
    assert len(parts) == 3
    assert all(p.startswith("for my 8 year old - need ") for p in parts)
    assert kind_parts("need a red tee and a blue tee", jimi.shopping.search) == []


def test_a_fact_asked_of_a_kind_in_the_order_talked_about(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    knowledge, watches = synced_platform.knowledge, jimi.shopping.kinds_named("watch")
    assert watches
    profile, order, watch = next(
        (p, o, knowledge.product(line.product_id)) for p in knowledge.accounts.profiles()
        for o in knowledge.accounts.orders_of(p.id) if len(o.lines) >= 2
        for line in o.lines if watches & set(jimi.shopping.kinds_of(line.product_id))
        and knowledge.product(line.product_id).values("battery_life_h"))
    text = f"when is {order.id} arriving? and how long does that watch battery last"
    reply = jimi.respond(conversation(user_turn(text, "order_status")), Shopper(profile, "en"))
    assert f"{watch.values('battery_life_h')[0]} h" in _said(reply.texts)


def test_both_of_two_named_products_are_answered(jimi: Jimi, synced_platform: Platform) -> None:
    kettle = next(p for p in of_kind(synced_platform, "kettles") if p.values("colour"))
    pan = next(p for p in of_kind(synced_platform, "pans") if p.values("colour"))
    text = f"what colours do both the {kettle.name_en} and the {pan.name_en} come in"
    said = _said(jimi.respond(conversation(user_turn(text, "product_question")),
                              member(synced_platform, "basic")).texts)
    for product in (kettle, pan):
        assert product.name_en in said and product.values("colour")[-1] in said


def test_both_after_a_list_of_three_is_the_first_two(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    pans = of_kind(synced_platform, "pans")[:3]
    assert len(pans) == 3
    shopper = member(synced_platform, "platinum", "zh")
    turn = conversation(user_turn("有什么锅", "product_search"),
                        user_turn("这俩一起买一共多少，送多少积分", "basket_total"),
                        shown=[[p.id for p in pans]])
    said = _said(jimi.respond(turn, shopper).texts)
    total = pans[0].price + pans[1].price
    rate = policy.terms(shopper.profile).points_per_dollar
    assert f"一共{total:.2f}美元" in said and f"{total * rate:g}积分" in said


def test_a_return_asked_for_with_when_the_money_comes_is_filed(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts, today = synced_platform.knowledge.accounts, date.today()
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delivered" and not returns.past_window(o, p, today))
    text = "ok please start the return for it. when does the refund land"
    reply = jimi.respond(conversation(user_turn(text, "get_refund"),
                                      slots={"order_id": order.id}), Shopper(profile, "en"))
    assert reply.requests == [(order.id, "return")]
    assert "business days" in _said(reply.texts)


def test_which_is_better_sets_the_two_side_by_side(jimi: Jimi, synced_platform: Platform) -> None:
    skillet = next(p for p in of_kind(synced_platform, "pans") if "铸铁" in (p.name_zh or ""))
    frypan = next(p for p in of_kind(synced_platform, "pans") if "不粘" in (p.name_zh or ""))
    reply = jimi.respond(conversation(user_turn("铸铁锅和不粘锅哪个更好", "compare_products")),
                         member(synced_platform, "basic", "zh"))
    said = _said(reply.texts)
    assert f"{skillet.price:.2f}" in said and f"{frypan.price:.2f}" in said


def test_an_item_that_arrived_cracked_is_said_to_have_arrived_damaged(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts, today = synced_platform.knowledge.accounts, date.today()
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delivered" and len(o.lines) == 1
                          and returns.past_window(o, p, today))
    name = synced_platform.knowledge.product(order.lines[0].product_id).name_en
    reply = jimi.respond(conversation(user_turn(f"the {name} from {order.id} arrived cracked",
                                                "report_problem")), Shopper(profile, "en"))
    assert "arrived damaged" in reply.texts[0] and "stopped working" not in reply.texts[0]


def test_a_late_orders_options_come_with_its_total_when_asked(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_state(synced_platform, "delayed")
    turn = conversation(user_turn(f"where is {order.id}", "order_status"),
                        user_turn("what can i do now? and how much was it altogether",
                                  "delay_options"), slots={"order_id": order.id})
    said = _said(jimi.respond(turn, Shopper(profile, "en")).texts)
    assert "$10 voucher" in said and f"comes to {order.total:.2f} USD" in said


def _with_state(platform: Platform, state: str) -> tuple[ProfileRow, OrderRow]:
    accounts = platform.knowledge.accounts
    return next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                if o.state == state)
