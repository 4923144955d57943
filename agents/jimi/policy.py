"""Shopping terms by membership tier and delivery times by region (from the FAQ's figures).

These are the numbers JIMI personalises with; the FAQ in the catalogue states the same terms
in prose, and a test checks the two agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.schema import ProfileRow

TIER_ZH = {"basic": "普通会员", "silver": "银卡会员", "gold": "金卡会员", "platinum": "白金会员"}
NEXT_TIER = {"basic": "silver", "silver": "gold", "gold": "platinum"}
TIER_SPEND = {"silver": 300, "gold": 800, "platinum": 2000}


@dataclass(frozen=True)
class TierTerms:
    free_shipping_over: float | None  # None: every order ships free
    free_express: bool
    return_days: int
    free_return_shipping: bool
    points_per_dollar: float


TIERS = {
    "basic": TierTerms(49.0, False, 15, False, 1.0),
    "silver": TierTerms(35.0, False, 30, False, 1.25),
    "gold": TierTerms(None, False, 45, True, 1.5),
    "platinum": TierTerms(None, True, 60, True, 2.0),
}
STANDARD_SHIPPING = 5.99
EXPRESS_SHIPPING = 12.99
RETURN_SHIPPING = 4.99
POINTS_PER_100_USD = 5.0   # every 100 points is worth $5 at checkout
# business days of standard delivery by region prefix; express is 1-2 everywhere
DELIVERY_DAYS = {"US": (3, 5), "UK": (5, 8), "DE": (5, 8), "SG": (4, 6), "CN": (2, 4)}
REGION_NAMES = {"US": ("the US", "美国"), "UK": ("the UK", "英国"), "DE": ("Germany", "德国"),
                "SG": ("Singapore", "新加坡"), "CN": ("mainland China", "中国大陆")}


def points(rate: float) -> str:
    """"1 point", "1.5 points"."""
    return f"{rate:g} point" if rate == 1 else f"{rate:g} points"


def terms(profile: ProfileRow) -> TierTerms:
    return TIERS[profile.membership]


def tier_name(tier: str, language: str) -> str:
    return TIER_ZH[tier] if language == "zh" else f"{tier} member"


def shipping_line(profile: ProfileRow, language: str) -> str:
    t = terms(profile)
    tier = tier_name(profile.membership, language)
    if language == "zh":
        base = (f"作为{tier}，您的所有订单标准配送均免运费" if t.free_shipping_over is None else
                f"作为{tier}，您的订单满{t.free_shipping_over:g}美元标准配送免运费"
                f"（否则运费{STANDARD_SHIPPING}美元）")
        express = "，加急配送也免费" if t.free_express else f"，加急配送{EXPRESS_SHIPPING}美元"
        return base + express + "。"
    base = (f"As a {tier}, standard shipping is free on every order" if t.free_shipping_over
            is None else f"As a {tier}, standard shipping is free on orders over "
            f"${t.free_shipping_over:g} (otherwise ${STANDARD_SHIPPING})")
    express = ", and express is free too" if t.free_express else \
        f"; express costs ${EXPRESS_SHIPPING}"
    return base + express + "."


def returns_line(profile: ProfileRow, language: str, cost_asked: bool = False) -> str:
    """The shopper's return window and return shipping; led by the answer when the cost was
    asked ("退回去的运费要我自己出吗": "不用，…")."""
    t = terms(profile)
    tier = tier_name(profile.membership, language)
    if language == "zh":
        shipping = "退货运费全免" if t.free_return_shipping else f"退货运费{RETURN_SHIPPING}美元"
        lead = ("不用，退货免费。" if t.free_return_shipping else "需要，") if cost_asked else ""
        return f"{lead}作为{tier}，您可在签收后{t.return_days}天内退货，{shipping}。"
    if cost_asked:
        lead = "No, returns are free for you. " if t.free_return_shipping else "Yes: "
        return lead + returns_line(profile, language).replace("As a", "as a", 1)
    shipping = ("return shipping is free" if t.free_return_shipping
                else f"return shipping costs ${RETURN_SHIPPING}")
    return (f"As a {tier}, you can return items within {t.return_days} days of delivery, "
            f"and {shipping}.")


def return_shipping_line(profile: ProfileRow, language: str) -> str:
    """What sending a return back costs the shopper, alone."""
    free = terms(profile).free_return_shipping
    if language == "zh":
        return "您的退货运费全免。" if free else f"退货运费为{RETURN_SHIPPING}美元（金卡和白金会员免费）。"
    return ("Return shipping is free for you." if free else
            f"Return shipping costs ${RETURN_SHIPPING} (free for gold and platinum members).")


def window_line(profile: ProfileRow, language: str) -> str:
    """The shopper's own return (and exchange) window, alone."""
    days, tier = terms(profile).return_days, tier_name(profile.membership, language)
    if language == "zh":
        return f"作为{tier}，您的退换货期限是签收后{days}天。"
    return f"As a {tier}, your window is {days} days from delivery."


_REGION_WORDS = tuple((code, re.compile(words, re.IGNORECASE)) for code, words in (
    ("US", (r"\b(?:to|in|within|across|for) (?:the )?(?:us|usa|u\.s\.?)(?![a-z])|\busa\b|"
            r"united states|\bamerica\b|美国")),
    ("UK", r"\b(?:uk|u\.k\.|britain|england|scotland|wales|london|united kingdom)\b|英国|伦敦"),
    ("DE", r"\b(?:germany|deutschland|berlin|munich|hamburg|frankfurt)\b|德国|柏林|慕尼黑"),
    ("SG", r"\bsingapore\b|新加坡"),
    ("CN", (r"\b(?:china|mainland|shanghai|beijing|shenzhen|guangzhou)\b|中国|大陆|国内|上海|北京|"
            r"深圳|广州|杭州|成都")),
))


def region_named(*texts: str) -> str | None:
    """The delivery region the first text that names one names ("shipping to germany": "DE")."""
    for text in texts:
        for code, pattern in _REGION_WORDS:
            if pattern.search(text):
                return code
    return None


def delivery_line(profile: ProfileRow, language: str, region: str | None = None) -> str:
    """Delivery times to ``region`` (one the shopper named), else to the shopper's own."""
    region = region or profile.region.split("-")[0]
    low, high = DELIVERY_DAYS.get(region, (5, 10))
    name_en, name_zh = REGION_NAMES.get(region, ("your region", "您所在地区"))
    if language == "zh":
        return (f"寄往{name_zh}的标准配送需要{low}-{high}个工作日，加急配送需要1-2个工作日；"
                "当地时间下午2点前下单当天出库。")
    return (f"Standard delivery to {name_en} takes {low}-{high} business days, express 1-2; "
            "orders placed before 2 pm local time leave the warehouse the same day.")


def membership_line(profile: ProfileRow, language: str) -> str:
    t = terms(profile)
    tier = profile.membership
    upgrade = NEXT_TIER.get(tier)
    if language == "zh":
        text = (f"您是{TIER_ZH[tier]}：每消费1美元得{t.points_per_dollar:g}积分，"
                f"退货期{t.return_days}天，" + shipping_line(profile, language).split("，", 1)[1])
        if upgrade:
            text += f"近12个月消费满{TIER_SPEND[upgrade]}美元即可升级为{TIER_ZH[upgrade]}。"
        return text
    text = (f"You're a {tier} member: {points(t.points_per_dollar)} per dollar, a "
            f"{t.return_days}-day return window, and "
            + shipping_line(profile, language).split(", ", 1)[1])
    if upgrade:
        text += f" Spend ${TIER_SPEND[upgrade]} in 12 months to reach {upgrade}."
    return text


def points_line(profile: ProfileRow, language: str) -> str:
    """The points this shopper earns: "As a platinum member, you earn 2 points per dollar"."""
    rate = terms(profile).points_per_dollar
    tier = tier_name(profile.membership, language)
    if language == "zh":
        return f"作为{tier}，您每消费1美元可获得{rate:g}积分。"
    return f"As a {tier}, you earn {points(rate)} per dollar spent."


def basket_line(profile: ProfileRow, priced: list[tuple[str, float]], language: str) -> str:
    """Whether a basket (name, price) ships free for this shopper: the total and the rule.
    "那我买一个亚麻抱枕加一个雪松香薰蜡烛，够包邮吗"."""
    total = sum(price for _, price in priced)
    over = terms(profile).free_shipping_over
    free = over is None or total >= over
    if language == "zh":
        items = "加".join(f"{name}（{price:.2f}美元）" for name, price in priced)
        verdict = ("可以包邮，标准配送免运费" if free else
                   f"还差{over - total:.2f}美元包邮（满{over:g}美元标准配送免运费）" if over else "")
        shipped = "" if free else \
            f"加上标准运费{STANDARD_SHIPPING}美元共{total + STANDARD_SHIPPING:.2f}美元。"
        return f"{items}一共{total:.2f}美元，{verdict}。{shipped}"
    items = " + ".join(f"{name} ({price:.2f})" for name, price in priced)
    verdict = ("so standard shipping is free" if free else
               f"{over - total:.2f} USD short of free standard shipping (over ${over:g})"
               if over else "")
    shipped = "" if free else \
        f" With standard shipping ({STANDARD_SHIPPING}) it is {total + STANDARD_SHIPPING:.2f} USD."
    return f"{items} comes to {total:.2f} USD, {verdict}.{shipped}"
