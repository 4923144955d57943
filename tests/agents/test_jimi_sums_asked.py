"""Sums and requests asked the way shoppers type them: clauses without punctuation ("行 那帮我
取消了吧 钱多久退"), a count with its shipping ("买6瓶多少钱 运费呢"), one more added to a
basket ("那再加一个…呢"), a budget in another currency held against a price ("500块够不够"),
and a fault or a wrong colour told in passing. Expectations come from the demo catalogue,
the shoppers' tiers and ``policy``."""

from __future__ import annotations

from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, orders, policy
from agents.jimi.problems import problem_in
from agents.jimi.requested import request_clause
from agents.jimi.search_terms import money_in
from kg.facts import ProductFacts
from tests.testing import conversation, member, user_turn
from ui.platform import Platform

CNY = 0.14  # the configured rate the demo platform runs with (Settings.currency_rates)


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _said(texts: list[str]) -> str:
    return "\n".join(texts)


def _cheapest(platform: Platform, least: float = 5.0) -> ProductFacts:
    return min((p for p in platform.knowledge.graph.products() if p.price >= least),
               key=lambda p: p.price)


@pytest.mark.parametrize(("text", "intent"), [
    ("行 那帮我取消了吧 钱多久退", "cancel_order"),
    ("嗯 给我退了吧 快递点远不远", "get_refund"),
    ("我搬家了 新地址是北京市朝阳区建国路1号 帮我改一下", "change_order"),
    ("it hasn't gone out yet? ship it to my work address instead - 12 Elm Road", "change_order"),
    ("能退吗 我再想想", None),
])
def test_a_request_between_spaces_or_an_address_is_a_request(text: str,
                                                            intent: str | None) -> None:
    found = request_clause(text)
    assert (found[0] if found else None) == intent


@pytest.mark.parametrize(("text", "problem"), [
    ("到了一看是蓝色的 我订的是灰色", "wrong"),
    ("结果发来的是白色 我要的是黑色", "wrong"),
    ("the speaker won't pair with my phone since last week", "damaged"),
    ("my lamp can't connect to wifi any more", "damaged"),
    ("will it pair with an iphone?", None),
])
def test_a_fault_or_a_wrong_colour_told_in_passing(text: str, problem: str | None) -> None:
    assert problem_in(text) == problem


@pytest.mark.parametrize(("text", "money"), [
    ("300块够吗", (300.0, "CNY")), ("budget is £45", (45.0, "GBP")),
    ("手上有2万日元", (20000.0, "JPY")), ("about 1,200 yen", (1200.0, "JPY")),
    ("how much is it", None),
])
def test_a_sum_of_money_is_read_with_its_currency(text: str,
                                                 money: tuple[float, str] | None) -> None:
    assert money_in(text) == money


def test_a_late_order_told_as_nothing_yet_gets_a_sorry(synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    order = next(o for p in accounts.profiles() for o in accounts.orders_of(p.id)
                 if o.state == "shipped" and orders.overdue_days(o, date.today()) > 0)
    assert orders.owes_apology(order, "it was due last week and nothing has arrived yet")
    assert orders.owes_apology(order, "我那单怎么一直卡着")
    assert not orders.owes_apology(order, "where is it now?")


def test_a_budget_in_yuan_is_held_against_the_price(jimi: Jimi,
                                                   synced_platform: Platform) -> None:
    product = _cheapest(synced_platform, 20.0)
    budget = int(product.price / CNY) + 20  # just enough
    reply = jimi.respond(conversation(user_turn(f"{budget}块够不够", "product_question"),
                                      slots={"product": product.name_en}),
                         member(synced_platform, "basic", "zh"))
    said = _said(reply.texts)
    assert f"约合{budget * CNY:.2f}美元，够买{product.name('zh')}" in said
    short = jimi.respond(conversation(user_turn("100块够不够", "product_question"),
                                      slots={"product": product.name_en}),
                         member(synced_platform, "basic", "zh"))
    assert f"不够买{product.name('zh')}" in _said(short.texts)


def test_stock_and_price_asked_in_rmb_gives_the_price_in_rmb(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    product = next(p for p in synced_platform.knowledge.graph.products() if p.in_stock)
    reply = jimi.respond(conversation(user_turn("还有现货吗 什么价 折合人民币多少",
                                                "product_question"),
                                      slots={"product": product.name_en}),
                         member(synced_platform, "basic", "zh"))
    assert f"{product.price / CNY:.2f}元" in _said(reply.texts)


def test_a_count_of_the_product_discussed_with_its_shipping(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    shopper = member(synced_platform, "basic", "zh")
    product = _cheapest(synced_platform)
    reply = jimi.respond(conversation(user_turn("买6瓶多少钱 运费呢", "delivery_options"),
                                      slots={"product": product.name_en}), shopper)
    total = 6 * product.price
    over = policy.terms(shopper.profile).free_shipping_over or 0.0
    said = _said(reply.texts)
    assert f"一共{total:.2f}美元" in said
    if total < over:  # the sum with standard shipping too
        assert f"共{total + policy.STANDARD_SHIPPING:.2f}美元" in said


def test_one_more_added_after_a_shipping_question_prices_both(jimi: Jimi,
                                                             synced_platform: Platform) -> None:
    products = sorted(synced_platform.knowledge.graph.products(), key=lambda p: p.price)
    first, second = products[10], products[11]
    turn = conversation(user_turn(f"只买一个{first.name('zh')} 运费要多少", "delivery_options"),
                        user_turn(f"那再加一个{second.name('zh')}呢", "inform"),
                        slots={"product": first.name_en})
    reply = jimi.respond(turn, member(synced_platform, "basic", "zh"))
    assert f"一共{first.price + second.price:.2f}美元" in _said(reply.texts)


def test_a_product_question_with_a_count_and_shipping_gets_the_sum(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "silver")
    product = _cheapest(synced_platform, 20.0)
    text = f"is the {product.name_en} in stock, and what would 3 packs cost me with shipping"
    reply = jimi.respond(conversation(user_turn(text, "product_question",
                                                product=product.name_en)), shopper)
    assert f"comes to {3 * product.price:.2f} USD" in _said(reply.texts)


def test_if_not_then_a_request_is_still_a_request() -> None:
    assert request_clause("is it out the door yet? if not, please switch it to size M") == \
        ("change_order", "please switch it to size M")
    assert request_clause("has it left? if not pls swap the jacket to size M") == \
        ("change_order", "if not pls swap the jacket to size M")
    assert request_clause("no, do not cancel it. when will it come?") is None


def _unsent_among_late(platform: Platform) -> tuple[Shopper, str]:
    """A shopper with an order not sent yet among late ones, and its id."""
    accounts = platform.knowledge.accounts
    for profile in accounts.profiles():
        mine = accounts.orders_of(profile.id)
        paid = [o.id for o in mine if o.state == "paid"]
        if len(paid) == 1 and any(o.state == "delayed" for o in mine):
            return Shopper(profile, "en"), paid[0]
    raise AssertionError("a demo shopper has an unsent order among delayed ones")


def test_a_request_in_passing_is_about_the_order_just_answered(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper, unsent = _unsent_among_late(synced_platform)
    order = synced_platform.knowledge.accounts.order_for(shopper.profile.id, unsent)
    name = synced_platform.knowledge.product(order.lines[0].product_id).name_en
    text = f"the {name} order still hasn't gone out right? deliver it to my sister instead - 4 Oak Lane"
    reply = jimi.respond(conversation(user_turn(text, "order_status")), shopper)
    assert reply.requests == [(order.id, "change")]


def test_the_points_on_this_order_are_the_order_total_times_the_rate(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper, unsent = _unsent_among_late(synced_platform)
    order = synced_platform.knowledge.accounts.order_for(shopper.profile.id, unsent)
    reply = jimi.respond(conversation(user_turn("这单能攒多少积分", "membership_benefits"),
                                      slots={"order_id": order.id}),
                         Shopper(shopper.profile, "zh"))
    rate = policy.terms(shopper.profile).points_per_dollar
    assert f"{order.total * rate:g}积分" in _said(reply.texts)


def test_a_caffeine_limit_in_milligrams_is_no_budget(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    drinks = [p for p in synced_platform.knowledge.graph.products()
              if isinstance(p.attributes.get("caffeine_mg"), int | float)]
    reply = jimi.respond(conversation(user_turn("想找咖啡因每罐60毫克以下的饮料",
                                                "product_search")),
                         member(synced_platform, "basic", "zh"))
    shown = set(reply.shown or [])
    assert shown and all(float(p.attributes["caffeine_mg"]) <= 60 for p in drinks
                         if p.id in shown)
    assert any(float(p.attributes["caffeine_mg"]) > 60 for p in drinks)  # one left out


def test_phone_cases_are_not_earbud_covers(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("手机壳哪个最便宜", "product_search")),
                         member(synced_platform, "basic", "zh"))
    names = [synced_platform.knowledge.product(p).name_en for p in reply.shown or []]
    assert names and all("Phone Case" in n for n in names)


def test_what_the_last_order_held_when_the_nlu_was_unsure(jimi: Jimi,
                                                         synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile = next(p for p in accounts.profiles() if len(accounts.orders_of(p.id)) >= 2)
    latest = accounts.orders_of(profile.id)[0]
    reply = jimi.respond(conversation(user_turn("我上一单订的是啥来着", "out_of_scope")),
                         Shopper(profile, "zh"))
    said = _said(reply.texts)
    assert latest.id in said
    assert synced_platform.knowledge.product(latest.lines[0].product_id).name("zh") in said


def test_instalments_with_the_payment_methods_when_a_wallet_is_named(
        jimi: Jimi, synced_platform: Platform) -> None:
    product = max(synced_platform.knowledge.graph.products(), key=lambda p: p.price)
    reply = jimi.respond(conversation(user_turn("分期的话每期多少 能用支付宝吗", "payment_issue"),
                                      slots={"product": product.name_en}),
                         member(synced_platform, "basic", "zh"))
    said = _said(reply.texts)
    assert f"{product.price / 4:.2f}美元" in said and "支付宝" in said


def test_the_price_and_free_shipping_of_the_product_discussed_in_another_currency(
        jimi: Jimi, synced_platform: Platform) -> None:
    product = _cheapest(synced_platform, 20.0)
    reply = jimi.respond(conversation(user_turn("how much would it be in euros and do i pay "
                                                "for shipping", "delivery_options"),
                                      slots={"product": product.name_en}),
                         member(synced_platform, "gold"))
    said = _said(reply.texts)
    assert f"comes to {product.price:.2f} USD" in said
    assert f"{product.price / 1.08:.2f} EUR" in said
