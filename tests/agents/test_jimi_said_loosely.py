"""Shoppers' messages said loosely: a late order in a chatty line ("small thing but my mug
order still hasnt come"), several orders at once, a refusal as a budget ("nothing over 40
euros"), a colour that is also a product's name ("size 44 in orange?"), a product question
tucked before a policy one ("有红色的吗？白金会员加急要钱不"), a new need in a running search,
and the weather asked while a product is discussed. Expectations come from the demo
catalogue, the shoppers' orders and tiers."""

from __future__ import annotations

from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, cues, orders, policy
from agents.jimi.problems import problem_in
from agents.jimi.requested import request_clause
from tests.testing import conversation, member, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _said(texts: list[str]) -> str:
    return "\n".join(texts)


def _with_late_orders(platform: Platform, least: int) -> tuple[Shopper, list[str]]:
    """A shopper with at least ``least`` orders that are delayed or past their date."""
    accounts = platform.knowledge.accounts
    today = date.today()
    for profile in accounts.profiles():
        late = [o.id for o in accounts.orders_of(profile.id)
                if o.state == "delayed" or (o.state in ("paid", "shipped")
                                            and orders.overdue_days(o, today) > 0)]
        if len(late) >= least:
            return Shopper(profile, "en"), late
    pytest.skip(f"no demo shopper has {least} late orders")


@pytest.mark.parametrize(("text", "intent"), [
    ("hi, small thing but my mug order still hasnt come, was due 29 nov", "out_of_scope"),
    ("my kids backpack + gps watch order was meant to arrive nov 30. its a gift", "product_search"),
    ("also my other two orders are super late, whats going on with them", "nlu_fallback"),
])
def test_an_order_said_to_be_late_is_a_status_question(jimi: Jimi, synced_platform: Platform,
                                                       text: str, intent: str) -> None:
    shopper = member(synced_platform, "gold")
    assert jimi._reread(conversation(user_turn(text, intent)), intent, shopper) == "order_status"


def test_the_other_late_orders_are_each_told_with_their_reason(jimi: Jimi,
                                                               synced_platform: Platform) -> None:
    shopper, late = _with_late_orders(synced_platform, 2)
    discussed = next(o.id for o in synced_platform.knowledge.accounts.orders_of(
        shopper.profile.id) if o.id not in late[:2])  # another order under discussion
    reply = jimi.respond(conversation(user_turn(
        "also my other two orders are super late, whats going on with them", "order_status"),
        slots={"order_id": discussed}), shopper)
    said = _said(reply.texts)
    assert all(order_id in said for order_id in late[:2])
    assert discussed not in said
    assert "I'm sorry your orders are running late." in said  # several: plural


@pytest.mark.parametrize(("text", "low", "high"), [
    ("a backpack for school, nothing over 40 euros pls", None, 40.0),
    ("i dont want to spend more than 30 on a mug", None, 30.0),
    ("a backpack over 40", 40.0, None),
])
def test_a_refusal_sets_the_most_not_the_least(synced_platform: Platform, text: str,
                                               low: float | None, high: float | None) -> None:
    wanted = synced_platform.knowledge.query.parse(text)
    assert (wanted.price_min, wanted.price_max) == (low, high)


@pytest.mark.parametrize(("text", "asked"), [
    ("你们这什么破服务 我要投诉 找个人工来", True),
    ("叫个真人来", True),
    ("人工客服几点下班", True),
    ("这个是人工吹制的吗", False),
])
def test_a_person_asked_for_in_chinese(text: str, asked: bool) -> None:
    assert bool(cues.PERSON_ASKED.search(text)) == asked


def test_the_weather_stays_out_of_scope_while_a_product_is_discussed(
        jimi: Jimi, synced_platform: Platform) -> None:
    shoe = next(p for p in synced_platform.knowledge.graph.products() if "size" in p.attributes)
    turn = conversation(user_turn("cheers. random q, will it snow in munich this weekend",
                                  "out_of_scope"), slots={"product": shoe.name_en})
    assert jimi._reread(turn, "out_of_scope", member(synced_platform, "gold")) == "out_of_scope"


@pytest.mark.parametrize(("text", "problem"), [
    ("摔地上会碎吗 都有啥颜色", None),
    ("10月买的落地灯 现在调光不灵了 一直闪 还能退吗", "damaged"),
])
def test_a_question_whether_it_breaks_is_no_report(text: str, problem: str | None) -> None:
    assert problem_in(text) == problem


def test_keep_one_return_the_other_is_a_return_request() -> None:
    assert request_clause("行 就退杯子 冷萃咖啡我留着。退成余额是不是还能多给点") == (
        "get_refund", "就退杯子")
    assert cues.WANTS_RETURN.search("the boots rub my heels raw, want to send them back")
    assert not cues.WANTS_RETURN.search("do you want to return it?")


def test_a_delay_remedy_asked_is_not_the_return_policy(jimi: Jimi,
                                                       synced_platform: Platform) -> None:
    shopper, _ = _with_late_orders(synced_platform, 1)
    turn = conversation(user_turn("晚了超过7天是不是能退全款？还是只能拿个券", "get_refund"))
    assert jimi._reread(turn, "get_refund", shopper) == "delay_options"


@pytest.mark.parametrize(("text", "language"), [
    ("我现在啥等级？要花多少才能升银卡", "zh"),
    ("顺便问下 我现在是啥会员 积分咋算的", "zh"),
    ("what tier am i", "en"),
])
def test_the_shoppers_own_tier_is_said_when_asked(jimi: Jimi, synced_platform: Platform,
                                                  text: str, language: str) -> None:
    shopper = member(synced_platform, "basic", language)
    reply = jimi.respond(conversation(user_turn(text, "membership_benefits")), shopper)
    assert policy.tier_name("basic", language).lower() in _said(reply.texts).lower()


def test_a_colour_that_names_a_product_asks_about_the_one_discussed(
        jimi: Jimi, synced_platform: Platform) -> None:
    products = list(synced_platform.knowledge.graph.products())
    named = {c for p in products for c in p.values("colour")
             if any(c in q.name_en.lower() for q in products)}
    shoe = next((p for p in products if set(p.values("colour")) & named and
                 "size" in p.attributes), None)
    if shoe is None:
        pytest.skip("no product comes in a colour another product is named after")
    colour = min(set(shoe.values("colour")) & named)
    reply = jimi.respond(conversation(user_turn(f"do you have it in {colour}?",
                                                "product_question", colour=colour),
                                      slots={"product": shoe.name_en}),
                         member(synced_platform, "gold"))
    said = _said(reply.texts)
    assert shoe.name_en in said and f"comes in {colour}" in said
    reply = jimi.respond(conversation(user_turn(f"do you have the {shoe.name_en} in {colour}",
                                                "product_question", colour=colour,
                                                product=shoe.name_en)),
                         member(synced_platform, "gold"))
    assert f"Yes, the {shoe.name_en} comes in {colour}" in _said(reply.texts)


def test_a_product_clause_before_a_policy_one_is_answered_too(
        jimi: Jimi, synced_platform: Platform) -> None:
    jacket = next(p for p in synced_platform.knowledge.graph.products()
                  if "red" in p.values("colour"))
    shopper = member(synced_platform, "platinum", "zh")
    reply = jimi.respond(conversation(user_turn("有红色的吗？白金会员加急要钱不",
                                                "membership_benefits", colour="红色"),
                                      slots={"product": jacket.name_en}), shopper)
    said = _said(reply.texts)
    assert f"有的，{jacket.name_zh}有红色" in said and "加急" in said
    reply = jimi.respond(conversation(user_turn("how much are they and is shipping free for me",
                                                "delivery_options"),
                                      slots={"product": jacket.name_en}),
                         member(synced_platform, "gold"))
    assert f"{jacket.price:.2f}" in _said(reply.texts)


def test_a_need_of_its_own_starts_a_new_search(synced_platform: Platform, jimi: Jimi) -> None:
    turn = conversation(user_turn("light up sneakers for my son", "product_search"),
                        user_turn("also something to help him sleep, hes scared of the dark",
                                  "product_search"))
    text = jimi.shopping._search_text(turn)
    assert "sneaker" not in text.lower()


def test_that_amount_in_another_currency_is_the_one_just_said(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "gold")
    rate = jimi.shopping.search.rates["GBP"]
    turn = conversation(user_turn("if I keep waiting do I get anything", "out_of_scope"),
                        user_turn("how much is that in pounds roughly", "product_question"),
                        bot=["Of course: it stays on its way and we'll add a $10 voucher."])
    assert jimi._reread(turn, "product_question", shopper) == "amount_in_currency"
    reply = jimi.respond(turn, shopper)
    assert f"{10 / rate:.2f} GBP" in _said(reply.texts)
    several = conversation(user_turn("how much is that in pounds", "product_question"),
                           bot=["It costs $10, or $25 with the stand."])
    assert jimi._reread(several, "product_question", shopper) != "amount_in_currency"


def test_a_late_shipped_order_can_be_cancelled_and_the_refund_timed(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    today = date.today()
    found = [(profile, order) for profile in accounts.profiles()
             for order in accounts.orders_of(profile.id)
             if order.state == "shipped" and orders.may_cancel_late(order, today)]
    if not found:
        pytest.skip("no demo order is shipped and more than a week late")
    profile, order = found[0]
    shopper = Shopper(profile, "zh")
    turn = conversation(user_turn("那取消吧 钱退回支付宝要几天", "get_refund"),
                        slots={"order_id": order.id})
    reply = jimi.respond(turn, shopper)
    assert (order.id, "cancel") in reply.requests
    assert "工作日" in _said(reply.texts)
    on_time = next((o for p in accounts.profiles() for o in accounts.orders_of(p.id)
                    if o.state == "shipped" and not orders.may_cancel_late(o, today)), None)
    if on_time is not None:
        assert orders.handle_request("cancel_order", on_time, profile, "en")[1] is None


def test_shipping_to_a_country_for_the_product_says_fee_and_time(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "basic")
    over = policy.terms(shopper.profile).free_shipping_over or 0.0
    cheap = next(p for p in synced_platform.knowledge.graph.products()
                 if 5 < p.price < over and "size" not in p.attributes)
    low, high = policy.DELIVERY_DAYS["DE"]
    for text, intent in (("what would shipping to germany cost for just that", "delivery_options"),
                         ("how much, and shipping to germany cost + how long", "product_question")):
        reply = jimi.respond(conversation(user_turn(text, intent),
                                          slots={"product": cheap.name_en}), shopper)
        said = _said(reply.texts)
        assert f"{cheap.price:.2f}" in said                     # what it costs
        assert f"{policy.STANDARD_SHIPPING}" in said             # the fee it pays
        assert f"{low}-{high} business days" in said             # how long to Germany


def test_the_price_of_one_of_a_pack(jimi: Jimi, synced_platform: Platform) -> None:
    pack = next(p for p in synced_platform.knowledge.graph.products()
                if isinstance(p.attributes.get("pack_count"), int) and p.attributes["pack_count"] > 1)
    each = pack.price / pack.attributes["pack_count"]
    for text, language in (("how many in a pack and whats that per can", "en"),
                           ("一罐多少钱", "zh")):
        reply = jimi.respond(conversation(user_turn(text, "product_question"),
                                          slots={"product": pack.name_en}),
                             member(synced_platform, "gold", language))
        assert f"{each:.2f}" in _said(reply.texts)


def test_the_line_a_restock_holds_up_is_named(jimi: Jimi, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    found = [(profile, order) for profile in accounts.profiles()
             for order in accounts.orders_of(profile.id)
             if "restock" in (order.delay_reason or "")]
    if not found:
        pytest.skip("no demo order waits for a restock")
    profile, order = found[0]
    waiting = [synced_platform.knowledge.product(line.product_id) for line in order.lines]
    out = [p for p in waiting if not p.in_stock]
    turn = conversation(user_turn("where is my order", "order_status"),
                        user_turn("which item is holding it up?", "complaint"),
                        slots={"order_id": order.id})
    shopper = Shopper(profile, "en")
    assert jimi._reread(turn, "complaint", shopper) == "order_status"
    said = _said(jimi.respond(turn, shopper).texts)
    assert all(p.name_en in said for p in out)
    assert all(p.name_en not in said.split("waiting for")[-1] for p in waiting if p.in_stock)


@pytest.mark.parametrize(("text", "language", "said"), [
    ("can i pay in euros?", "en", "US dollars"), ("可以用人民币付款吗", "zh", "美元计价")])
def test_paying_in_another_currency_is_told_the_prices_are_in_dollars(
        jimi: Jimi, synced_platform: Platform, text: str, language: str, said: str) -> None:
    reply = jimi.respond(conversation(user_turn(text, "payment_issue")),
                         member(synced_platform, "gold", language))
    assert said in _said(reply.texts) and "instalment" not in _said(reply.texts)
