"""Membership questions beyond the shopper's own summary: another tier's terms and how to
reach it ("how much do i need to spend for gold? and whats the perks", "platinum?",
"银卡有啥好处"), how long a tier lasts ("等级能保持多久"), and what points are worth at
checkout, the number taken from the message or from JIMI's last answer ("what's that worth
at checkout?" after "a $150 order earns 300 points").

The figures are ``policy``'s (a test checks them against the FAQ).

Example::

    tier_line("gold", "en")   # "Gold members: spend $800 in 12 months to reach it; ..."
    worth_line(300, "en")     # "300 points are worth $15 off at checkout (every 100 ...)."
"""

from __future__ import annotations

import re

from agents.jimi import cues, policy

# what a tier brings or takes: its perks, its threshold
PERKS = re.compile(r"(?i)\bperks?\b|benefits?|what do i get|what does (?:it|that) (?:get|give)|"
                   r"\bspend\b|\breach\b|get to|upgrade|好处|权益|福利|有什么区别|怎么升|升级|"
                   r"才能升|怎么才能|要消费多少|消费多少|门槛")
# how long a tier is kept once reached
KEEP_TIER = re.compile(r"(?i)keep (?:my |the |that |this )?(?:tier|status|level|membership)|"
                       r"(?:tier|status|level|membership) (?:expire|last)|等级.{0,4}(?:保持|维持|有效)|"
                       r"保级|降级")
# the same, in a conversation already about tiers ("how long do i keep it once i get it")
KEEP_IT = re.compile(r"(?i)how long (?:do|will|would|can) i keep (?:it|that|them)|how long (?:does|will) "
                     r"(?:it|that) last|保持多久|能保持|维持多久|有效期多久")
# what points are worth, in money
WORTH = re.compile(r"(?i)\bworth\b|\bvalue\b|how much (?:money|off|is that|are they)|=\s*[?？]|"
                   r"抵多少|能抵|值多少|换多少钱")
# how points are earned: "积分怎么算", "how do points work", "points per dollar"
RATE = re.compile(r"(?i)积分(?:是)?(?:怎么|咋|如何)(?:计)?算|怎么(?:算|累积|积)积分|积分规则|"
                  r"how do (?:the |reward )?points work|"
                  r"points? per dollar|how (?:are|do i earn) points")
POINTS_SAID = re.compile(r"(?i)(\d[\d,]*)\s*(?:points?|pts?\b|积分|分(?=\s*(?:能|可以|可)?抵))")
# a policy asked by a member of some tier ("我是白金", "as a platinum member"): that policy
OTHER_POLICY = re.compile(r"(?i)warrant|保修|质保|return|退|pick ?up|取件|shipping|deliver|运费|配送|"
                          r"express|加急|instal|分期|refund|退款|exchange|换货")
# how tiers are reached, in general: "会员等级怎么升级的", "how do the tiers work"
LADDER = re.compile(r"(?i)(?:会员)?等级(?:怎么|如何|咋)(?:升|提升|升级)|怎么升级|how do (?:the )?tiers work|"
                    r"how do i (?:level|move|go) up|how (?:do|can) i (?:get|reach) (?:a )?higher tier|"
                    r"what (?:are )?the tiers|tier levels?")
# the shopper's own tier asked along with another's: "what tier am i and what for platinum"
OWN_TIER = re.compile(r"(?i)\b(?:what|which) (?:tier|level|membership) am i\b|\bam i (?:a |on )?"
                      r"(?:gold|silver|platinum|basic)|what(?:'s| is) my (?:tier|level|status|"
                      r"membership)|我(?:现在)?是(?:什么|啥|哪个|哪一?级|几级)(?:会员|等级)?|我的(?:会员)?等级|"
                      r"我(?:现在|目前)?(?:什么|啥|哪个|几)(?:等级|级别|会员)")
MEMBER_WORD = re.compile(r"(?i)member|\btiers?\b|会员|等级|银卡|金卡|白金")


def own_tier_line(tier: str, language: str) -> str:
    """"You're a basic member.": the answer to "what tier am I" (``OWN_TIER``)."""
    if language == "zh":
        return f"您目前是{policy.TIER_ZH.get(tier, tier)}。"
    return f"You're a {tier} member."


def tiers_named(text: str) -> list[str]:
    """The tiers the words name, in the policy's order."""
    return [tier for tier, pattern in cues.TIER_NAMED if pattern.search(text)]


def tier_line(tier: str, language: str) -> str:
    """One tier's terms and how it is reached."""
    t = policy.TIERS[tier]
    spend = policy.TIER_SPEND.get(tier)
    if language == "zh":
        name = policy.TIER_ZH[tier]
        reach = (f"近12个月消费满{spend}美元即可升级为{name}。" if spend
                 else f"{name}注册即享。")
        shipping = ("所有订单标准配送均免运费" if t.free_shipping_over is None
                    else f"订单满{t.free_shipping_over:g}美元标准配送免运费")
        express = "加急配送也免费" if t.free_express else f"加急配送{policy.EXPRESS_SHIPPING}美元"
        back = "退货免运费" if t.free_return_shipping else f"退货运费{policy.RETURN_SHIPPING}美元"
        return (f"{reach}{name}每消费1美元得{t.points_per_dollar:g}积分，{shipping}，{express}，"
                f"退货期{t.return_days}天，{back}。")
    name = tier.capitalize()
    reach = (f"{name} members: spend ${spend:,} in 12 months to reach it" if spend
             else f"{name} members (free when you sign up)")
    shipping = ("free standard shipping on every order" if t.free_shipping_over is None
                else f"free standard shipping on orders over ${t.free_shipping_over:g}")
    express = "free express" if t.free_express else f"express ${policy.EXPRESS_SHIPPING}"
    back = "free return shipping" if t.free_return_shipping else \
        f"return shipping ${policy.RETURN_SHIPPING}"
    return (f"{reach}; {policy.points(t.points_per_dollar)} per dollar, {shipping} ({express}), a "
            f"{t.return_days}-day return window and {back}.")


def points_asked(text: str, bot_texts: list[str]) -> int | None:
    """The points whose worth the message asks: a number in it ("100 pts = ?"), else the
    points JIMI just named ("what's that worth at checkout?"); None when it asks no worth."""
    if not WORTH.search(text):
        return None
    said = POINTS_SAID.search(text)
    if said:
        return int(said.group(1).replace(",", ""))
    if not re.search(r"(?i)\b(?:that|those|these|them|it)\b|这些|那些|这|那", text):
        return None
    for earlier in reversed(bot_texts[-1:]):
        found = POINTS_SAID.findall(earlier)
        if found:
            return int(found[0].replace(",", ""))
    return None


def worth_line(points: int, language: str) -> str:
    """What ``points`` take off at checkout, with the rate."""
    value = points / 100 * policy.POINTS_PER_100_USD
    said = f"{value:.2f}".rstrip("0").rstrip(".")
    if language == "zh":
        return (f"{points}积分可在结算时抵扣{said}美元（每100积分抵"
                f"{policy.POINTS_PER_100_USD:g}美元，积分有效期12个月）。")
    return (f"{points} points are worth ${said} off at checkout (every 100 points is worth "
            f"${policy.POINTS_PER_100_USD:g}; points expire after 12 months).")


def about_membership(text: str, earlier: list[str]) -> bool:
    """Whether a message asks about tiers: one named with its perks or threshold, a tier
    alone after a membership question ("platinum?"), or how long a tier lasts. ``earlier``:
    the shopper's last messages."""
    named = tiers_named(text)
    if named and OTHER_POLICY.search(text):
        return False  # "as a platinum member can someone pick up a return?": the pickup
    before = any(MEMBER_WORD.search(t) or tiers_named(t) for t in earlier[-3:])
    if named and PERKS.search(text):
        return True
    if named and before and len(text) <= 24:
        return True
    return bool(KEEP_TIER.search(text) or (before and KEEP_IT.search(text)))


def ladder_line(language: str) -> str:
    """Every tier and the spend over 12 months that reaches it."""
    steps = [(tier, spend) for tier, spend in policy.TIER_SPEND.items()]
    if language == "zh":
        return "会员等级按近12个月消费升级：" + "，".join(
            f"{policy.tier_name(t, 'zh').removesuffix('会员')}满{s}美元" for t, s in steps) + "。"
    return "Tiers go by what you spend in 12 months: " + ", ".join(
        f"{policy.tier_name(t, 'en').removesuffix(' member')} from ${s}" for t, s in steps) + "."
