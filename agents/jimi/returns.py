"""Whether an order can still go back: the shopper's return window (by membership tier),
counted from delivery, and what became of a return already sent.

"Can I still return the candle I bought in July?", "the boots I got in October are tight,
can I swap them?", "did my return go through?", "我之前退的那个手机壳，退货处理完了吗".

Example::

    window_lines([order], profile, "en", date(2026, 12, 7))
    # ["Order SM-100027 was delivered on 2026-07-24, 136 days ago: that is past the 15-day
    #   return window for Basic members, so it can no longer be returned or exchanged. ..."]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from agents.jimi import cues, policy
from kg.schema import OrderRow, ProfileRow

# a question whether something can still go back, or a request to swap or send it back
CAN_RETURN = re.compile(
    r"(?i)\b(?:can|could|may) i (?:still )?(?:return|send (?:it|them|\w+) back|swap|exchange)\b|"
    r"\b(?:i )?(?:want|would like|'d like|need) to (?:return|send back|exchange)\b|\bwanna (?:return|send (?:it|them) back)\b|想退|要退掉|"
    r"\b(?:until|till|by) when\b.{0,30}\b(?:return|send|sent)|\breturn.{0,40}\b(?:until|till|by) when\b|"
    r"退.{0,10}(?:到什么时候|截止|到哪天|什么时候之前)|"
    r"\bstill (?:return|exchange|swap|send back)|\btoo late to (?:return|exchange|swap)|"
    r"还能退|能退吗|能退掉吗|可以退吗|能不能退|还能换|能换吗|可以换吗|能不能换|还可以退|还可以换|还在退货期")
# a question about a return already sent back
RETURN_STATUS = re.compile(
    r"(?i)\bsent (?:\w+ ){0,6}back\b.{0,60}\b(?:go through|gone through|processed|received|"
    r"arrived?|refund)|\breturn(?:ed)?\b.{0,40}\b(?:go through|gone through|been processed|been "
    r"received|come through)|\bdid (?:my|the) return\b|\bstatus of (?:my|the) return\b|"
    r"退(?:掉|回)?的.{0,24}(?:处理完|完成|好了|到了|到没|收到|退款)|退货.{0,6}(?:处理完|完成了|好了吗|到了吗|进度)|"
    r"退回去的.{0,12}(?:收到|处理|退款)")


def days_past_due(order: OrderRow, today: date) -> int | None:
    """Days from the order's delivery date to ``today`` (negative before it), None when the
    date is unreadable."""
    try:
        return (today - date.fromisoformat(order.expected_delivery)).days
    except ValueError:
        return None


def days_since_delivery(order: OrderRow, today: date) -> int | None:
    """Days since a delivered order arrived (its delivery date), None when not delivered."""
    return days_past_due(order, today) if order.state == "delivered" else None


def window_end(order: OrderRow, window: int) -> str:
    """The last day of an order's return window, from its delivery date ("" if unknown)."""
    try:
        return (date.fromisoformat(order.expected_delivery) + timedelta(days=window)).isoformat()
    except ValueError:
        return ""


def past_window(order: OrderRow, profile: ProfileRow, today: date) -> bool:
    """Whether a delivered order is past the shopper's return window."""
    days = days_since_delivery(order, today)
    return days is not None and days > policy.terms(profile).return_days


def window_lines(found: list[OrderRow], profile: ProfileRow, language: str,
                 today: date, text: str = "") -> list[str]:
    """One line per order: returned already (its refund's arrival for the payment method
    ``text`` names), inside the window (until when), past it, or not arrived yet."""
    return [_window_line(order, profile, language, today, text) for order in found]


def _window_line(order: OrderRow, profile: ProfileRow, language: str, today: date,
                 text: str) -> str:
    zh = language == "zh"
    window = policy.terms(profile).return_days
    tier = policy.tier_name(profile.membership, language)
    oid, delivered = order.id, order.expected_delivery
    if order.state == "returned":
        total = order.total
        fast = bool(cues.FAST_METHODS.search(text))  # "...show up on my paypal?"
        if zh:
            arrival = "1-3个工作日内到账" if fast else "银行卡到账可能需要5-10个工作日"
            return f"订单 {oid} 已退货完成，退款{total:.2f}美元已原路退回（{arrival}）。"
        arrival = ("PayPal, Alipay and WeChat Pay refunds usually appear within 1-3 business "
                   "days" if fast else "card refunds can take 5-10 business days to appear")
        return (f"Order {oid} was returned: the refund of {total:.2f} USD went back to your "
                f"original payment method ({arrival}).")
    days = days_since_delivery(order, today)
    if days is None:
        return (f"订单 {oid} 还未签收；签收后作为{tier}您有{window}天可以退换货。" if zh else
                f"Order {oid} hasn't been delivered yet; once it arrives you have {window} days "
                f"to return or exchange it as a {tier}.")
    if days > window:
        closed = window_end(order, window)
        return (f"订单 {oid} 于 {delivered} 签收，已过去{days}天，超过了{tier}{window}天的退换货期限"
                f"（已于 {closed} 截止），因此无法再退货或换货。如果商品有质量问题，仍可在保修期内申请保修。"
                if zh else
                f"Order {oid} was delivered on {delivered}, {days} days ago: that is past the "
                f"{window}-day return window for {tier}s (it closed on {closed}), so it can no "
                "longer be returned or exchanged. If it's faulty, the warranty still covers it.")
    left = window - days
    until = window_end(order, window)
    return (f"订单 {oid} 于 {delivered} 签收，作为{tier}您有{window}天退换货期限，可以在 {until} "
            f"之前（还剩{left}天）在“我的订单”中申请退货或换货。" if zh else
            f"Order {oid} was delivered on {delivered}; as a {tier} you have {window} days to "
            f"return or exchange it, so until {until} ({left} days left). You can start it "
            "under My Orders.")
