"""Membership beyond the shopper's own summary: another tier's terms and threshold, how long a
tier lasts, and what points are worth (from the number said or the one JIMI just gave).
Figures come from ``policy`` and the FAQ in the demo catalogue."""

from __future__ import annotations

import re

import pytest

from agents.jimi import Jimi, membership, policy
from tests.testing import conversation, member, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)



def test_the_points_rate_is_the_faqs(jimi: Jimi) -> None:
    text = " ".join(r.answer.en for r in jimi.faq.rows() if r.topic == "membership")
    rate = re.search(r"[Ee]very 100 points is worth \$(\d+)", text)
    assert rate and float(rate.group(1)) == policy.POINTS_PER_100_USD


def test_another_tiers_perks_and_threshold(jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "silver")
    reply = jimi.respond(conversation(user_turn(
        "how much do i need to spend for gold? and whats the perks", "membership_benefits")),
        shopper)
    said = " ".join(reply.texts)
    gold = policy.TIERS["gold"]
    assert f"${policy.TIER_SPEND['gold']}" in said
    assert f"{gold.return_days}-day return window" in said
    assert f"{gold.points_per_dollar:g} points per dollar" in said
    assert "You're a silver member" not in said


def test_a_tier_alone_after_a_membership_question_is_that_tiers_terms(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "silver")
    first = user_turn("how much do i need to spend for gold?", "membership_benefits")
    reply = jimi.respond(conversation(first, user_turn("platinum?", "nlu_fallback"),
                                      bot=["Gold members: spend $800 in 12 months"]), shopper)
    assert f"${policy.TIER_SPEND['platinum']:,}" in " ".join(reply.texts)


def test_a_tier_named_in_chinese_says_how_to_reach_it(jimi: Jimi,
                                                      synced_platform: Platform) -> None:
    shopper = member(synced_platform, "basic", "zh")
    reply = jimi.respond(conversation(user_turn("银卡有啥好处", "membership_benefits")), shopper)
    said = " ".join(reply.texts)
    assert f"满{policy.TIER_SPEND['silver']}美元" in said
    assert f"满{policy.TIERS['silver'].free_shipping_over:g}美元标准配送免运费" in said


def test_how_long_a_tier_lasts_is_the_faqs_answer(jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "basic", "zh")
    reply = jimi.respond(conversation(user_turn("怎么升银卡", "membership_benefits"),
                                      user_turn("等级能保持多久", "nlu_fallback"),
                                      bot=["您是普通会员"]), shopper)
    assert "12个月" in reply.texts[0]


def test_the_points_just_given_are_priced(jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "platinum")
    earlier = user_turn("how many points would a $150 order get me?", "membership_benefits")
    reply = jimi.respond(conversation(earlier, user_turn("and what's that worth at checkout?",
                                                         "out_of_scope"),
                                      bot=["A 150.00 USD order earns 300 points."]), shopper)
    assert "300 points are worth $15" in reply.texts[0]


def test_points_written_short_are_priced(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("100 pts = ?", "nlu_fallback")),
                         member(synced_platform, "gold"))
    assert "100 points are worth $5" in reply.texts[0]


def test_a_worth_question_without_points_is_no_points_question() -> None:
    assert membership.points_asked("how much is that in euros", ["It costs 129.00 USD."]) is None
    assert membership.points_asked("what's it worth", []) is None
    assert membership.tiers_named("do you have it in gold?") == ["gold"]
    assert not membership.about_membership("do you have it in gold?", ["Voltra Pulse"])


def test_the_rate_and_the_worth_asked_together(jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "platinum", "zh")
    reply = jimi.respond(conversation(user_turn("白金会员积分怎么算？100积分能抵多少钱",
                                                "membership_benefits")), shopper)
    rate = policy.TIERS["platinum"].points_per_dollar
    assert f"每消费1美元可获得{rate:g}积分" in reply.texts[0]
    assert "抵扣5美元" in reply.texts[-1]


def test_instalments_and_points_of_a_product_named_by_its_size(
        jimi: Jimi, synced_platform: Platform) -> None:
    pack = next(p for p in synced_platform.knowledge.graph.products()
                if p.name_zh and "50升" in p.name_zh)
    shopper = member(synced_platform, "platinum", "zh")
    reply = jimi.respond(conversation(user_turn("买那个50升的背包能分期吗？能拿多少积分",
                                                "membership_benefits")), shopper)
    said = " ".join(reply.texts)
    assert f"每期{pack.price / 4:.2f}美元" in said
    assert f"{pack.price * policy.TIERS['platinum'].points_per_dollar:g}积分" in said


def test_a_payment_method_alone_after_a_refund_gets_its_timing(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = member(synced_platform, "gold", "zh")
    reply = jimi.respond(conversation(user_turn("退款到了没", "get_refund"),
                                      user_turn("我是微信支付的", "out_of_scope"),
                                      bot=["退款会在仓库收到退货后3个工作日内发起。"]), shopper)
    assert "1-3个工作日" in reply.texts[0]
