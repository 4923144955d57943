"""JIMI on policies: the FAQ's answer to a question asked in passing ("灯具保修多久啊"), from
the topic its words name, with the shopper's own terms where the FAQ gives a range, and the
sum a points question asks for.

``FaqTalk`` is one part of ``Jimi`` (``agents.jimi.core``), under ``OrderTalk``.
"""

from __future__ import annotations

import re

from agents.jimi import cues, policy
from agents.jimi.context import Reply, Shopper, Turn
from agents.jimi.faq import FaqRetriever, answer_of
from agents.jimi.policy_asked import leans_on_policy

OFFER_PERSON = {"en": "Would you like me to connect you to a person?",
                "zh": "需要为您转接人工客服吗？"}
CLARIFY = {
    "en": "Sorry, I'm not sure I understood. Could you rephrase? I can help with products, "
          "orders, delivery, returns, refunds, payments and membership. " + OFFER_PERSON["en"],
    "zh": "抱歉，我不太确定您的意思，能换个说法吗？我可以帮您查询商品、订单、配送、退换货、退款、"
          "支付和会员相关问题。" + OFFER_PERSON["zh"],
}
RETURN_QUESTION = {"en": "What can I return?", "zh": "哪些商品可以退货？"}
HOW_TO_RETURN = {"en": "How do I send a return?", "zh": "如何办理退货？"}
EXCHANGE_QUESTION = {"en": "Can I exchange an item for another size or colour?",
                     "zh": "可以换尺码或颜色吗？"}
WARRANTY_QUESTION = {"en": "How long is the warranty?", "zh": "保修期有多长？"}
FREE_EXCHANGE = {"en": "Exchanges cost you nothing to ship. ", "zh": "换货不收运费，免费。"}
_EXCHANGE_FREE = re.compile(r"(?i)no shipping fee|ship free|换货均免运费|免运费")
_YES = re.compile(r"^(?:Yes[.,!]\s*|可以[。，！]\s*)")
_BY_TIER = re.compile(r"15至60天|15[-–]60 days|15 to 60 days")


class FaqTalk:
    """The FAQ handlers of ``Jimi``."""

    faq: FaqRetriever

    def _faq(self, turn: Turn, shopper: Shopper) -> Reply:
        """A policy question asked in passing ("灯具保修多久啊"): the FAQ's answer, from the
        topic its words name."""
        line = self._faq_line(turn, shopper.language)
        if line and cues.EXCHANGE.search(turn.latest.text) and \
                cues.FREE_ASKED.search(turn.latest.text) and _EXCHANGE_FREE.search(line):
            # "换尺码要运费吗": the answer to what was asked first, then the terms
            line = FREE_EXCHANGE[shopper.language] + _YES.sub("", line, count=1)
        if line and _BY_TIER.search(line):  # "15 to 60 days depending on tier": theirs
            own = (policy.window_line if cues.EXCHANGE.search(line) else policy.returns_line)(
                shopper.profile, shopper.language)  # an exchange ships free: the window only
            return Reply([line, own])
        return Reply([line] if line else [CLARIFY[shopper.language]])

    def _faq_line(self, turn: Turn, language: str) -> str | None:
        """The FAQ's answer, from the topic the words name, else the intent's."""
        text = turn.latest.text
        said = next((m for m in (cues.POLICY.search(t.text) for t in reversed(turn.earlier[-2:]))
                     if m), None)  # the policy asked just before
        if said and not cues.POLICY.search(text) and (
                (cues.ELLIPTICAL.search(text) and len(text) <= 8) or (
                    cues.CARRY_ON.search(text) and cues.COVERED.search(text)) or (
                    len(text) <= 16 and any(p.search(text) for _, p in cues.TIER_NAMED))):
            text = f"{text} {said.group(0)}"  # "那电池呢" after the warranty: "那电池呢 保修"
        intent, previous, own = turn.intent, turn.previous_substantive(), text
        if previous is not None and leans_on_policy(turn, turn.intent, previous):
            said_by_us = [m.group(0) for t in turn.bot_texts[-3:] for m in cues.POLICY.finditer(t)]
            text = " ".join([text, *(t.text for t in turn.earlier[-2:]), *said_by_us[:2]])
            intent = previous.intent if previous.intent in cues.TOPIC_INTENTS else intent
        topic = next((intent for pattern, intent in cues.POLICY_TOPICS if pattern.search(text)),
                     intent)
        # the cues below read the shopper's own words, not the turns a follow-up leans on
        if cues.WARRANTY_PERIOD.search(own):  # "still under warranty?": how long it lasts
            text = WARRANTY_QUESTION[language]
        elif cues.RETURN_CONDITION.search(own):  # "... a drink i already opened": conditions
            text, topic = RETURN_QUESTION[language], "return_policy"
        elif cues.EXCHANGE.search(own) and re.search(r"(?i)\bfor (?:an? )?\w+\b|换", own) and \
                not cues.SHIPPING_COST.search(own):  # "can I swap it for an L? is that free?"
            text, topic = EXCHANGE_QUESTION[language], "return_policy"
        elif cues.PICKUP.search(own) or cues.DROP_OFF.search(own):
            # "可以上门取件吗", "要我自己拿去快递点寄吗": how a return is sent, pickups included
            text, topic = HOW_TO_RETURN[language], "return_policy"
        row = self.faq.best(text, topic)
        line = answer_of(row, language) if row else None
        return line and line + _points_worth(turn.latest.text, line, language)


_WORTH = re.compile(r"(?i)every (\d+) points? (?:is|are) worth \$(\d+(?:\.\d+)?)|"
                    r"每(\d+)积分(?:可在结算时)?(?:可)?抵(?:扣)?(\d+(?:\.\d+)?)美元")


def _points_worth(text: str, answer: str, language: str) -> str:
    """"What are 500 points worth?": the sum at the FAQ's rate ("every 100 points is worth
    $5"), when both are there."""
    asked, rate = cues.POINTS.search(text), _WORTH.search(answer)
    if not asked or not rate:
        return ""
    points = float(asked.group(1).replace(",", ""))
    per, worth = (float(g) for g in (rate.group(1) or rate.group(3), rate.group(2) or rate.group(4)))
    value = points / per * worth
    said = f"{value:.2f}".rstrip("0").rstrip(".")
    return (f" {points:g}积分可抵{said}美元。" if language == "zh"
            else f" So {points:g} points are worth ${said}.")
