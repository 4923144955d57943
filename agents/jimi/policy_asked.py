"""The policy a message asks about, whatever intent the NLU gave it: tracking, what may go
back, shipping and return fees, points, tiers, instalments, return windows, and a short
carry-on of the policy asked before. Used by ``agents.jimi.rereading``."""

from __future__ import annotations

import re

from agents.jimi import cues, membership, money, orders
from agents.jimi.asked import attributes_asked
from agents.jimi.context import ORDER_INTENTS, Turn, UserTurn
from agents.jimi.shopping import Shopping
from kg.constraints import Constraints


def policy_asked(turn: Turn, intent: str, previous: UserTurn | None, shopping: Shopping
                 ) -> str | None:
    """The policy a message asks about, whatever the intent: tracking, what may go back,
    shipping and return fees, points earned, instalments, return windows, and a short
    carry-on of the policy asked before ("那电池呢", "那换货呢")."""
    text = turn.latest.text
    if cues.DROP_OFF.search(text) and (cues.RETURNING.search(text) or any(
            cues.RETURN_SAID.search(t) for t in turn.bot_texts[-3:])):
        return "faq"  # "要我自己拿去快递点寄吗" after a return was started: how it goes back
    if cues.TRACKING.search(text):
        return "faq"  # "where do I find the tracking number?"
    if cues.RETURN_CONDITION.search(text) and cues.RETURNING.search(text) and \
            not cues.UNUSED.search(text):
        return "faq"  # "can i return a drink i already opened": what may be returned
    if membership.tiers_named(text) and membership.PERKS.search(text) and \
            intent not in ORDER_INTENTS:
        return "membership_benefits"  # "升了银卡有啥好处 运费呢": that tier's terms
    asks_cost_back = intent == "get_refund" and bool(cues.RETURNING.search(text)) and \
        "?" in text  # "does it cost me anything to send back?"
    if cues.SHIPPING_COST.search(text) and (
            intent not in (*ORDER_INTENTS, "order_status") or asks_cost_back) \
            and (intent in cues.FOLLOW_UP_INTENTS or not cues.LATE.search(text)):
        # "would I pay for shipping on those?", "退货运费要我自己出吗", "我买东西运费怎么算"
        if not (cues.RETURNING.search(text) or cues.EXCHANGE.search(text)):
            return "delivery_options"
        return "faq" if cues.EXCHANGE.search(text) else "return_policy"
    if cues.EXCHANGE.search(text) and cues.FREE_ASKED.search(text) and intent not in ORDER_INTENTS:
        return "faq"  # "can I swap it for an L? is that free?": the exchange terms
    last = turn.earlier[-1] if turn.earlier else None  # whatever the NLU read it as
    if last is not None and membership.tiers_named(text) and len(text) <= 16 and \
            cues.POLICY.search(last.text) and not cues.POLICY.search(text) and \
            not membership.PERKS.search(text):
        return "faq"  # "白金会员也不行吗" after the warranty: the warranty, for platinum
    if membership.points_asked(text, turn.bot_texts) is not None or \
            membership.about_membership(text, [t.text for t in turn.earlier[-2:]]):
        return "membership_benefits"  # "100 pts = ?", "platinum?", "等级能保持多久"
    if money.EARN.search(text):
        return "membership_benefits"  # "买那个炒锅能拿多少积分": the points it earns
    if money.INSTALMENT.search(text) and intent not in ORDER_INTENTS:
        return "payment_issue"  # "可以分期吗？每期多少钱"
    if intent not in ORDER_INTENTS and cues.RETURN_WINDOW.search(text) and \
            not cues.EXCHANGE.search(text):
        return "return_policy"  # "how many days do i get for returns": theirs, and the fee
    if intent not in (*ORDER_INTENTS, "order_status", "return_policy", "faq") and \
            cues.RETURN_REQUEST.search(text) and turn.slots.get("order_id"):
        return "get_refund"  # "那单里的冷萃买多了，有一箱还没拆封，能退掉吗"
    if cues.PICKUP.search(text) and not orders.mentions_order(text):
        return "return_policy"  # "可以上门取件吗": the return, picked up for platinum
    if any(cues.POLICY.search(t.text) for t in turn.earlier[-2:]) and \
            cues.CARRY_ON.search(text) and cues.COVERED.search(text):
        return "faq"  # "and the battery in them, is that covered too?" after the warranty
    if intent not in ("product_search", "compare_products") and previous is not None and \
            (previous.intent in cues.TOPIC_INTENTS or cues.POLICY.search(previous.text)) and \
            cues.ELLIPTICAL.search(text) and \
            len(text) <= 8 and not orders.mentions_order(text) and \
            not shopping.products_named(text):
        return "faq"  # "那电池呢" after the warranty: the same policy, for batteries
    if leans_on_policy(turn, intent, previous) and not orders.mentions_order(text) and \
            not shopping.products_named(text) and not attributes_asked(text, None) and \
            not _names_products(shopping.search.constraints(text)):  # "Leafhouse这个牌子都有啥"
        return "faq"  # "do they expire" after the points, "从哪天开始算" after the window
    if intent in (*ORDER_INTENTS, "inform") and previous is not None and previous.intent in \
            cues.TOPIC_INTENTS and cues.ELLIPTICAL.search(text) and len(text) <= 12 and \
            not orders.mentions_order(text):
        return "faq"  # "那换货呢" after the return fee: the policy, no order to change
    return None


def _names_products(wanted: Constraints) -> bool:
    return bool(wanted.kinds or wanted.brands or wanted.categories)


_VAGUE = frozenset({"out_of_scope", "nlu_fallback", "affirm", "deny", "inform"})
_HOW_TO = re.compile(r"(?i)具体|怎么操作|怎么弄|怎么办理|怎么申请|how do i (?:do|claim|get|start|make)|"
                     r"how does (?:that|it) work|what do i (?:do|need to do)")


def leans_on_policy(turn: Turn, intent: str, previous: UserTurn | None) -> bool:
    """A short follow-up to the policy just explained that names no topic of its own: "do they
    expire" after the points, "从哪天开始算" after the return window, "那具体怎么操作呢" after
    the exchange terms (whatever the NLU read it as)."""
    text = turn.latest.text
    if previous is None or len(text) > 30 or not cues.LEANS_ON.search(text):
        return False
    how_to = bool(_HOW_TO.search(text))  # "how do i claim it" after the warranty was given
    if not (previous.intent in cues.TOPIC_INTENTS or any(
            cues.POLICY.search(t.text) or any(p.search(t.text) for p, _ in cues.POLICY_TOPICS)
            for t in turn.earlier[-2:]) or (how_to and any(
                cues.POLICY.search(t) for t in turn.bot_texts[-2:]))):
        return False  # "so if i have 700 pts how much off is that" counts
    return intent in _VAGUE or (how_to and intent not in ORDER_INTENTS)
