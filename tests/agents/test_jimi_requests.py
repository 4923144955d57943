"""JIMI on orders as a shopper puts it: a second complaint about a late order, a return
wished for in passing, a refund's arrival on the method named, a cancellation by mistake, a
carry-on naming another order's contents. Expectations come from the demo shoppers' own
orders and the FAQ's terms."""

from __future__ import annotations

from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, orders, policy, returns
from agents.jimi.phrases import SORRY_AGAIN
from kg.schema import OrderRow, ProfileRow
from tests.testing import conversation, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _with_order(platform: Platform, state: str) -> tuple[ProfileRow, OrderRow]:
    accounts = platform.knowledge.accounts
    return next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                if o.state == state)


def _name(platform: Platform, order: OrderRow, language: str = "en") -> str:
    return platform.knowledge.product(order.lines[0].product_id).name(language)


def test_a_second_complaint_about_a_late_order_gets_its_choice_not_a_transfer(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delayed")
    late = (date.today() - date.fromisoformat(order.expected_delivery)).days
    turn = conversation(user_turn(f"where is {order.id}?", "order_status"),
                        user_turn("seriously?? it was meant to be here weeks ago", "complaint"),
                        slots={"order_id": order.id}, marks=["apology"])
    reply = jimi.respond(turn, Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert not reply.handover and reply.texts[0] == SORRY_AGAIN["en"]
    assert "$10 voucher" in said and order.id in said
    if late > orders.LATE_CHOICE_DAYS:  # the choice is open now, not "if it arrives late"
        assert f"It is now {late} days late" in said and "If it arrives" not in said


def test_keeping_a_late_order_asks_for_its_options(jimi: Jimi,
                                                   synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delayed")
    turn = conversation(user_turn(f"where is {order.id}?", "order_status"),
                        user_turn("fine. while i wait - if i keep it, what do i get?",
                                  "out_of_scope"), slots={"order_id": order.id})
    said = " ".join(jimi.respond(turn, Shopper(profile, "en")).texts)
    assert "$10 voucher" in said and order.id in said


@pytest.mark.parametrize(("language", "method", "expected"), [
    ("en", "paypal", "1-3 business days"), ("en", "card", "5-10 business days"),
    ("zh", "微信支付", "1-3个工作日"),
])
def test_a_returned_orders_refund_arrives_as_the_method_named(
        jimi: Jimi, synced_platform: Platform, language: str, method: str,
        expected: str) -> None:
    profile, order = _with_order(synced_platform, "returned")
    text = (f"退了{order.id}，退款什么时候到我的{method}" if language == "zh" else
            f"I sent back {order.id}, when will the refund show up on my {method}?")
    lines = returns.window_lines([order], profile, language, date.today(), text)
    assert expected in lines[0] and f"{order.total:.2f}" in lines[0]
    reply = jimi.respond(conversation(user_turn(text, "get_refund")), Shopper(profile, language))
    assert expected in " ".join(reply.texts)


def test_a_return_wished_in_passing_is_filed(jimi: Jimi, synced_platform: Platform) -> None:
    accounts, today = synced_platform.knowledge.accounts, date.today()
    profile, order = next(
        (p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
        if o.state == "delivered" and not returns.past_window(o, p, today)
        and sum(_name(synced_platform, o) in _name(synced_platform, other)
                for other in accounts.orders_of(p.id) if other.state == "delivered") == 1)
    month = int(order.expected_delivery[5:7])
    text = f"{month}月买的{_name(synced_platform, order, 'zh')}一直没用过，想退掉"
    reply = jimi.respond(conversation(user_turn(text, "product_search")),
                         Shopper(profile, "zh"))
    assert reply.requests == [(order.id, "return")]


def test_cancel_by_mistake_is_a_cancellation(jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "paid")
    text = f"pls cancel order {order.id}, I ordered the {_name(synced_platform, order)} by mistake"
    reply = jimi.respond(conversation(user_turn(text, "cancel_order")), Shopper(profile, "en"))
    assert reply.requests == [(order.id, "cancel")]


def test_a_carry_on_naming_another_orders_contents_gets_that_order(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    for profile in accounts.profiles():
        open_ = [o for o in accounts.orders_of(profile.id) if o.state in ("shipped", "delayed")]
        names = {o.id: _name(synced_platform, o) for o in open_}
        if len(open_) >= 2 and len(set(names.values())) == len(names):
            break
    else:
        pytest.skip("no shopper with two open orders of different products")
    first, other = open_[:2]
    turn = conversation(user_turn(f"where is {first.id}", "order_status"),
                        user_turn(f"and the one with the {names[other.id]}?", "inform"),
                        slots={"order_id": first.id})
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert reply.slots.get("order_id") == other.id and other.id in " ".join(reply.texts)


def test_a_fault_months_later_is_a_warranty_claim_with_the_faqs_timing(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts, today = synced_platform.knowledge.accounts, date.today()
    profile, order = next(
        (p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
        if o.state == "delivered" and len(o.lines) == 1
        and (today - date.fromisoformat(o.expected_delivery)).days > 90
        and synced_platform.knowledge.product(o.lines[0].product_id).in_stock)
    name = _name(synced_platform, order)
    first = jimi.respond(conversation(user_turn(
        f"the {name} from {order.id} is broken, please send a replacement", "get_refund")),
        Shopper(profile, "en"))
    assert first.requests == [(order.id, "replacement")]
    assert "within 2 business days" in first.texts[0] and "1 business day" not in first.texts[0]
    turn = conversation(user_turn(f"the {name} from {order.id} is broken", "get_refund"),
                        user_turn("how long does that usually take", "delivery_period"),
                        marks=first.marks, bot=first.texts)
    later = " ".join(jimi.respond(turn, Shopper(profile, "en")).texts)
    assert "within 2 business days" in later and "5 business days of approval" in later


@pytest.mark.parametrize(("language", "text"), [("en", "how much do i get back?"),
                                                ("zh", "能退多少钱")])
def test_how_much_comes_back_is_the_orders_total(jimi: Jimi, synced_platform: Platform,
                                                 language: str, text: str) -> None:
    profile, order = _with_order(synced_platform, "paid")
    turn = conversation(user_turn(f"cancel {order.id}", "cancel_order"),
                        user_turn(text, "product_question"), slots={"order_id": order.id})
    reply = jimi.respond(turn, Shopper(profile, language))
    assert f"{order.total:.2f}" in reply.texts[0] and order.id in reply.texts[0]
    assert reply.requests == []


def test_dropping_one_line_or_more_packs_is_a_change_not_a_problem(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "paid")
    shopper = Shopper(profile, "en")
    for text, intent in (("could you just drop the bottle and send me the rest?",
                          "product_question"),  # the NLU's reading
                         ("can u make it 2 packs instead of 1 since it hasnt shipped",
                          "change_order")):  # "instead of 1" is no wrong item
        turn = conversation(user_turn(f"where is {order.id}?", "order_status"),
                            user_turn(text, intent), slots={"order_id": order.id})
        assert jimi.respond(turn, shopper).requests == [(order.id, "change")], text


def test_a_date_named_beats_the_late_order_when_a_parcel_is_not_here(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    for profile in accounts.profiles():
        mine = accounts.orders_of(profile.id)
        dated = [o for o in mine if o.state == "shipped"
                 and sum(x.placed_at == o.placed_at for x in mine) == 1]
        if dated and any(o.state == "delayed" for o in mine):
            break
    else:
        pytest.skip("no shopper with a late order and another one on its way")
    order = dated[0]
    day = date.fromisoformat(order.placed_at)
    text = f"this is ridiculous. the order from {day:%b} {day.day} STILL isnt here"
    reply = jimi.respond(conversation(user_turn(text, "complaint")), Shopper(profile, "en"))
    assert order.id in " ".join(reply.texts)


def test_an_old_fault_without_stock_for_a_replacement_still_gets_the_warranty(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts, today = synced_platform.knowledge.accounts, date.today()
    profile, order, line = next(
        (p, o, line) for p in accounts.profiles() for o in accounts.orders_of(p.id)
        for line in o.lines if o.state == "delivered"
        and (today - date.fromisoformat(o.expected_delivery)).days > 90
        and not synced_platform.knowledge.product(line.product_id).in_stock)
    name = synced_platform.knowledge.product(line.product_id).name_en
    reply = jimi.respond(conversation(user_turn(
        f"the {name} from {order.id} is broken, send a new one", "get_refund")),
        Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert reply.requests == [] and "out of stock" in said and "warranty" in said


def test_keeping_a_late_order_gets_the_voucher_said(jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delayed")
    turn = conversation(user_turn(f"where is {order.id}?", "order_status"),
                        user_turn("it's been ages. i'll keep it but can i get something for "
                                  "the wait?", "delivery_period"), slots={"order_id": order.id})
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert reply.texts[0].startswith(f"Of course: order {order.id} stays on its way")
    assert "$10 voucher" in reply.texts[0]


def test_asking_for_a_person_in_an_angry_message_connects_one(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delayed")
    turn = conversation(user_turn("我的东西怎么还没到？？", "order_status"),
                        user_turn("地址没问题啊 你们到底怎么回事 转人工", "complaint"),
                        slots={"order_id": order.id}, marks=["apology"])
    assert jimi.respond(turn, Shopper(profile, "zh")).handover


def test_a_dented_item_on_arrival_is_a_replacement(jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delivered")
    name = _name(synced_platform, order, "zh")
    reply = jimi.respond(conversation(user_turn(f"{order.id}的{name}收到是凹的 能换个新的吗",
                                                "out_of_scope")), Shopper(profile, "zh"))
    assert reply.requests == [(order.id, "replacement")]


def test_the_colour_wanted_is_the_one_ordered_not_the_one_sent(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delivered" and not returns.past_window(o, p, date.today()))
    name = _name(synced_platform, order)
    reply = jimi.respond(conversation(user_turn(
        f"order {order.id} - I ordered the {name} in pink and you sent blue. please send the "
        "pink one", "change_order")), Shopper(profile, "en"))
    assert reply.requests == [(order.id, "replacement")]
    assert "(pink)" in reply.texts[0] and "(blue)" not in reply.texts[0]


def test_a_size_given_after_a_change_request_is_said_back(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "paid")
    first = user_turn("need to change the size on my last order", "change_order")
    for said, size in (("44 pls, put 42 by mistake", "44"), ("M instead of L", "M")):
        reply = jimi.respond(conversation(first, user_turn(said, "inform"),
                                          slots={"order_id": order.id}), Shopper(profile, "en"))
        assert reply.requests == [(order.id, "change")]
        assert f"(you asked for: {size})" in reply.texts[0]
        assert reply.slots.get("product") == _name(synced_platform, order)


def test_an_angry_cancellation_of_a_late_order_says_why_it_was_late(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delayed")
    reply = jimi.respond(conversation(user_turn(
        f"Order {order.id} is more than 2 weeks late and nobody told me why. I'm really "
        "annoyed. Please cancel it.", "cancel_order")), Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert reply.requests == [(order.id, "cancel")]
    assert order.delay_reason and order.delay_reason in said
    assert "so you can cancel it" not in said and "If it arrives" not in said


def test_what_sending_back_costs_and_when_the_money_comes(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    profile, order = _with_order(synced_platform, "delivered")
    reply = jimi.respond(conversation(
        user_turn(f"i want to return order {order.id}", "get_refund"),
        user_turn("does it cost me anything to send back? and when do i get my money",
                  "get_refund"), slots={"order_id": order.id}), Shopper(profile, "en"))
    said = " ".join(reply.texts)
    fee = "free" if policy.terms(profile).free_return_shipping else f"${policy.RETURN_SHIPPING}"
    assert fee in said and "3 business days" in said
    assert reply.requests == []


def test_a_swap_that_asks_if_it_is_free_gets_the_exchange_terms(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delivered" and not returns.past_window(o, p, date.today())
                          and not policy.terms(p).free_return_shipping)
    name = _name(synced_platform, order)
    reply = jimi.respond(conversation(user_turn(
        f"the {name} runs small, can I swap it for an L? is that free?", "product_question")),
        Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert "exchanges have no shipping fee" in said and order.id in said
    assert "$4.99" not in said
