"""Follow-ons a shopper leans on context for: a short question about the policy just explained
("do they expire", "从哪天开始算"), a total of both ("what would both come to"), each
instalment, "my mug order", the other one named by a feature, plus kids' gifts, budgets in 块
人民币, things we don't sell, faults that show with use, and refunds after a return. Expectations
come from the demo catalogue, its FAQ and ``policy``."""

from __future__ import annotations

from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, money, policy
from agents.jimi.search import ProductSearch
from tests.testing import conversation, member, of_kind, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _said(reply_texts: list[str]) -> str:
    return "\n".join(reply_texts)


@pytest.mark.parametrize(("first", "then", "wanted"), [
    (("how do reward points work", "membership_benefits"), "do they expire", "12 months"),
    (("白金会员退货期限是多久", "return_policy"), "从哪天开始算", "签收"),
])
def test_a_short_question_leans_on_the_policy_just_explained(
        jimi: Jimi, synced_platform: Platform, first: tuple[str, str], then: str,
        wanted: str) -> None:
    language = "zh" if wanted == "签收" else "en"
    reply = jimi.respond(conversation(user_turn(*first), user_turn(then, "out_of_scope")),
                         member(synced_platform, "gold", language))
    assert wanted in _said(reply.texts)


def test_what_both_come_to_is_their_total(jimi: Jimi, synced_platform: Platform) -> None:
    lamp, cushion = of_kind(synced_platform, "lamps")[0], of_kind(synced_platform, "cushions")[0]
    reply = jimi.respond(conversation(
        user_turn(f"the {lamp.name_en} and the {cushion.name_en}", "product_search"),
        user_turn("what would both come to", "out_of_scope"),
        shown=[[lamp.id, cushion.id]], slots={"product": cushion.name_en}),
        member(synced_platform, "basic"))
    assert f"{lamp.price + cushion.price:.2f} USD" in _said(reply.texts)


def test_each_payment_is_the_instalment_of_the_product_discussed(
        jimi: Jimi, synced_platform: Platform) -> None:
    dear = max(synced_platform.knowledge.graph.products(), key=lambda p: p.price)
    assert dear.price >= money.INSTALMENT_MIN
    reply = jimi.respond(conversation(user_turn("can I pay in installments?", "payment_issue"),
                                      user_turn("how much is each payment then", "payment_issue"),
                                      slots={"product": dear.name_en}),
                         member(synced_platform, "basic"))
    assert f"{dear.price / money.INSTALMENTS:.2f} USD" in _said(reply.texts)


def _order_with(platform: Platform, kind: str) -> tuple[Shopper, str]:
    for profile in platform.knowledge.accounts.profiles():
        for order in platform.knowledge.accounts.orders_of(profile.id):
            if order.state in ("shipped", "delayed", "paid") and any(
                    line.product_id in {p.id for p in of_kind(platform, kind)}
                    for line in order.lines):
                return Shopper(profile, "en"), order.id
    raise AssertionError(f"no open order with {kind}")


def test_my_mug_order_after_small_talk_is_its_status(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    shopper, order_id = _order_with(synced_platform, "mugs")
    reply = jimi.respond(conversation(user_turn("can u book me a taxi", "out_of_scope"),
                                      user_turn("haha ok. what about my mug order", "inform")),
                         shopper)
    assert order_id in _said(reply.texts)


def test_the_other_one_named_by_a_feature(jimi: Jimi, synced_platform: Platform) -> None:
    vases = sorted(of_kind(synced_platform, "vases"), key=lambda p: p.price)
    glass = next(p for p in vases if "glass" in p.name_en.lower())
    other = next(p for p in vases if p is not glass)
    reply = jimi.respond(conversation(
        user_turn("最便宜的花瓶多少钱", "product_search"), user_turn("多高啊", "product_question"),
        user_turn("另一个玻璃的呢", "inform"), shown=[[p.id for p in vases]],
        slots={"product": other.name_en}), member(synced_platform, "basic", "zh"))
    assert reply.slots.get("product") == glass.name_en
    assert str(glass.attributes["height_cm"]) in _said(reply.texts)


def test_kids_and_a_budget_in_kuai_renminbi(synced_platform: Platform) -> None:
    search = ProductSearch(synced_platform.knowledge, {"CNY": 0.14})
    wanted = search.constraints("想给5岁小朋友买个礼物 200块人民币以内 有啥推荐")
    assert wanted.price_max == 200.0 and wanted.price_min is None
    found = search.answer("想给5岁小朋友买个礼物 200块人民币以内 有啥推荐", "zh")
    products = [synced_platform.knowledge.product(p) for p in found.products]
    assert products and all("kids" in p.tags and p.price <= 28.0 for p in products)


def test_a_thing_we_do_not_sell_is_said_before_the_closest(synced_platform: Platform) -> None:
    found = ProductSearch(synced_platform.knowledge, {}).answer(
        "do u sell tents? need one for 2 ppl for a festival", "en")
    assert found.text.startswith("We don't sell tents")
    assert not ProductSearch(synced_platform.knowledge, {}).answer(
        "do you sell headphones?", "en").text.startswith("We don't sell")


def test_a_fault_that_shows_with_use_files_a_warranty_replacement(
        jimi: Jimi, synced_platform: Platform) -> None:
    charged = {p.id for p in synced_platform.knowledge.graph.products()
               if "battery_life_h" in p.attributes or "battery_mah" in p.attributes}
    accounts = synced_platform.knowledge.accounts
    found = [(profile, order, line.product_id) for profile in accounts.profiles()
             for order in accounts.orders_of(profile.id) for line in order.lines
             if line.product_id in charged and order.state == "delivered"
             and (date.today() - date.fromisoformat(order.expected_delivery)).days >
             policy.terms(profile).return_days
             and sum(line.product_id in {x.product_id for x in o.lines}
                     for o in accounts.orders_of(profile.id)) == 1]
    assert found, "the demo orders hold a charged product delivered past its return window"
    profile, _, product_id = found[0]
    product = synced_platform.knowledge.product(product_id)
    reply = jimi.respond(conversation(user_turn(
        f"my {product.name_en} barely hold a charge anymore", "product_search")),
        Shopper(profile, "en"))
    assert reply.requests and reply.requests[0][1] == "replacement"
    assert "warranty" in _said(reply.texts) and "photo" in _said(reply.texts)


def test_a_frustrated_message_without_a_search_word_is_a_complaint(
        jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn(
        "are you kidding me?? u won't take back a hoodie", "product_search")),
        member(synced_platform, "basic"))
    assert not reply.shown and "sorry" in _said(reply.texts).lower()


def test_an_exchange_asked_about_shipping_says_free_first(jimi: Jimi,
                                                         synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("请问换尺码要运费吗", "return_policy")),
                         member(synced_platform, "basic", "zh"))
    assert reply.texts[0].startswith("换货不收运费")


def test_one_clause_asking_the_delivery_time_and_the_fee_gets_both(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "silver")
    reply = jimi.respond(conversation(user_turn(
        "how long does shipping to germany take and is it free", "delivery_period")), shopper)
    said = _said(reply.texts)
    assert "Germany takes 5-8 business days" in said
    assert f"over ${policy.terms(shopper.profile).free_shipping_over:g}" in said
    time_only = jimi.respond(conversation(user_turn("how long does standard shipping take?",
                                                    "delivery_period")), shopper)
    assert "$5.99" not in _said(time_only.texts)  # the time was asked, not the fee


def test_points_said_as_fen_are_worth_their_share(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("100分能抵多少钱？会过期吗", "membership_benefits")),
                         member(synced_platform, "silver", "zh"))
    said = _said(reply.texts)
    assert f"抵扣{policy.POINTS_PER_100_USD:g}美元" in said and "12个月" in said


@pytest.mark.parametrize(("text", "age"), [("the dino hoodie - do u have it for age 6?", "6Y"),
                                           ("恐龙卫衣8岁穿什么码", "8Y")])
def test_an_age_is_the_kids_size_of_that_age(synced_platform: Platform, text: str,
                                             age: str) -> None:
    from agents.jimi.asked import size_asked

    hoodie = next(p for p in of_kind(synced_platform, "hoodies") if "kids" in p.tags)
    assert age in hoodie.values("size") and size_asked(text, hoodie) == age


def test_the_brightest_light_you_have_is_a_search_of_lights(jimi: Jimi,
                                                            synced_platform: Platform) -> None:
    pack = of_kind(synced_platform, "backpacks")[0]
    reply = jimi.respond(conversation(
        user_turn(f"tell me about the {pack.name_en}", "product_question"),
        user_turn("meh ok. brightest light you've got for camping?", "product_search"),
        slots={"product": pack.name_en}), member(synced_platform, "basic"))
    lights = [synced_platform.knowledge.product(p) for p in reply.shown or []]
    brightness = [float(p.attributes["brightness_lm"]) for p in lights]  # type: ignore[arg-type]
    assert lights and brightness == sorted(brightness, reverse=True)


@pytest.mark.parametrize(("text", "intent", "wanted"), [
    ("那帮我写篇英语作文呗", "set_language", "off_topic"),
    ("同一单那两箱冷萃咖啡，有一箱开了喝了一罐，能一起退吗", "get_refund", "faq"),
])
def test_what_the_words_ask_whatever_the_intent(jimi: Jimi, synced_platform: Platform,
                                                text: str, intent: str, wanted: str) -> None:
    turn = conversation(user_turn(text, intent))
    assert jimi._reread(turn, intent, member(synced_platform, "platinum", "zh")) == wanted


def test_how_points_work_gives_the_shoppers_rate_and_the_worth(jimi: Jimi,
                                                               synced_platform: Platform) -> None:
    shopper = member(synced_platform, "platinum")
    reply = jimi.respond(conversation(user_turn("how do points work for me",
                                                "membership_benefits")), shopper)
    said = _said(reply.texts)
    assert f"{policy.terms(shopper.profile).points_per_dollar:g} points per dollar" in said
    assert f"${policy.POINTS_PER_100_USD:g}" in said


def test_two_products_named_by_part_are_compared(jimi: Jimi, synced_platform: Platform) -> None:
    drinks = sorted((p for p in synced_platform.knowledge.graph.products()
                     if p.attributes.get("caffeine_mg")), key=lambda p: -float(
        p.attributes["caffeine_mg"]))[:2]  # type: ignore[arg-type]
    parts = [" ".join(p.name_en.split()[:2]).lower() for p in reversed(drinks)]
    reply = jimi.respond(conversation(user_turn(
        f"which has more caffeine, the {parts[0]} or the {parts[1]}? want the strongest",
        "compare_products")), member(synced_platform, "basic"))
    assert reply.texts[0].startswith(f"The {drinks[0].name_en} has more caffeine")


def test_a_refund_policy_question_is_answered_without_asking_for_an_order(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "silver", "zh")
    turn = conversation(user_turn("退款的话是退回原来的卡吗", "get_refund"))
    assert jimi.answers_instead_of_asking(turn, shopper.profile.id)
    assert not jimi.answers_instead_of_asking(conversation(user_turn("我要退款", "get_refund")),
                                              shopper.profile.id)


def test_a_return_started_says_the_day_the_window_closes(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    from datetime import timedelta

    accounts = synced_platform.knowledge.accounts
    found = [(profile, order) for profile in accounts.profiles()
             for order in accounts.orders_of(profile.id) if order.state == "delivered" and
             (date.today() - date.fromisoformat(order.expected_delivery)).days <
             policy.terms(profile).return_days]
    assert found, "the demo orders hold one delivered inside its return window"
    profile, order = found[0]
    reply = jimi.respond(conversation(user_turn(f"i want to return order {order.id}",
                                                "get_refund", order_id=order.id)),
                         Shopper(profile, "en"))
    closes = date.fromisoformat(order.expected_delivery) + timedelta(
        days=policy.terms(profile).return_days)
    assert reply.requests == [(order.id, "return")]
    assert f"(until {closes.isoformat()})" in _said(reply.texts)


def test_how_tiers_are_reached_lists_every_step(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("你好 会员等级怎么升级的？", "membership_benefits")),
                         member(synced_platform, "basic", "zh"))
    assert all(f"满{spend}美元" in reply.texts[0] for spend in policy.TIER_SPEND.values())


def test_shipping_then_how_long_and_how_much_is_delivery(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    shopper = member(synced_platform, "gold")
    reply = jimi.respond(conversation(user_turn(
        "and shipping to singapore - how long and how much", "product_question")), shopper)
    said = _said(reply.texts)
    assert "Singapore takes 4-6 business days" in said and "standard shipping is free" in said


def test_how_waterproof_gives_the_figure(jimi: Jimi, synced_platform: Platform) -> None:
    jacket = next(p for p in synced_platform.knowledge.graph.products()
                  if "hydrostatic_head_mm" in p.attributes)
    reply = jimi.respond(conversation(user_turn(
        "need a rain jacket for trekking, how waterproof is it actually?", "product_search")),
        member(synced_platform, "basic"))
    assert jacket.id in (reply.shown or [])
    assert f"{jacket.attributes['hydrostatic_head_mm']} mm" in _said(reply.texts)


def test_a_follow_on_leans_on_the_policy_two_turns_back_or_just_given(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "silver")
    expire = jimi.respond(conversation(
        user_turn("how do reward points work", "membership_benefits"),
        user_turn("so if i have 700 pts how much off is that", "product_question"),
        user_turn("do they expire", "out_of_scope")), shopper)
    assert "12 months" in _said(expire.texts)
    claim = jimi.respond(conversation(
        user_turn("my headphones barely hold a charge", "product_search"),
        user_turn("how do i claim it", "product_question"),
        bot=["Electronics accessories and lamps have a 12-month warranty."]), shopper)
    said = _said(claim.texts)
    assert "Warranty claim" in said and "photo" in said



def test_a_problem_after_a_late_delivery_is_sorry_for_again(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "shipped" and len(o.lines) >= 2 and
                          date.fromisoformat(o.expected_delivery) < date.today())
    shopper = Shopper(profile, "en")
    asked = user_turn(f"order {order.id} was supposed to come ages ago, any news?",
                      "order_status", order_id=order.id)
    late = jimi.respond(conversation(asked), shopper)
    assert late.texts[0] == "I'm sorry your order is running late." and "apology" in late.marks
    missing = synced_platform.knowledge.product(order.lines[-1].product_id)
    reply = jimi.respond(conversation(asked, user_turn(
        f"it just turned up but the {missing.name_en} isn't in the box. can you refund it",
        "get_refund"), marks=late.marks, slots={"order_id": order.id}), shopper)
    assert reply.requests == [(order.id, "refund")] and reply.texts[0].startswith("I'm sorry")
