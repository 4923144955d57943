"""Further questions in one message: "is express free for me? and how many points do I get
per dollar?", "how long does standard delivery take to the UK? and whats the return postage",
"I'll keep it and take the voucher. Unrelated - how long does the Cedar & Fig candle burn for?".

The message is answered as a whole by its intent first; then each clause on a policy topic that
answer did not cover gets its own line (the shopper's own terms where they differ by tier,
else the FAQ's answer), and after an answer about orders or policies, a clause asking about a
product it names in full gets that product's facts.
"""

from __future__ import annotations

import re

from agents.jimi import cues, membership, money, policy
from agents.jimi.asked import attributes_asked, colour_asked
from agents.jimi.context import Reply, Shopper, Turn
from agents.jimi.faq import FaqRetriever, answer_of
from agents.jimi.faq_talk import RETURN_QUESTION
from agents.jimi.pointing import Pointing, count_in
from agents.jimi.product_answers import describe_attribute, has_colour
from agents.jimi.search_terms import ordering_of
from kg.facts import ProductFacts
from shopmind.errors import NotFound

CLAUSES = re.compile(r"(?i)[?？]\s*(?:and\s+|also\s+|还有|另外)?|[.!。！]\s+(?=\w)|"
                     r",?\s+and\s+(?=(?:is|are|does|do|can|will|would|how|what|whats)\s)|"
                     r"\s+-\s+|\b(?:unrelated|btw|by the way)\b[,:\s-]*|顺便问一?下|另外")
_CJK = re.compile(r"[\u4e00-\u9fff]")
PRODUCT_INTENTS = frozenset({"product_question", "product_search", "compare_products",
                             "which_of", "relative"})
_WHETHER = re.compile(r"(?i)[?？]|\b(?:can|could|may) i\b|吗|能不能|可不可以|可以退|能退")
DELIVERY_TIME = re.compile(r"(?i)how long .{0,30}(?:take|deliver|ship|arrive|get there)|"
                           r"寄.{0,8}(?:几天|多久)|送到.{0,8}(?:几天|多久)|几天能?到|"
                           r"standard delivery|express delivery|几天到|要几天|多久到|多久能到|"
                           r"配送.{0,4}(?:几天|多久)")
_HOW_LONG = re.compile(r"(?i)\bhow long\b|\bhow many days\b|多久|几天")
# the fee asked with the place: "shipping to germany cost + how long", "寄到德国运费多少"
_FEE = re.compile(r"(?i)\b(?:shipping|delivery|postage)\b[^.?!]{0,25}\b(?:cost|fee|price)\b|运费")
# what an intent's answer already covers
COVERS = {"delivery_options": {"delivery_options", "delivery_period"},
          "delivery_period": {"delivery_options", "delivery_period"}}


def further_answers(turn: Turn, intent: str, reply: Reply, shopper: Shopper,
                    shopping: Pointing, faq: FaqRetriever) -> list[str]:
    """The lines answering the message's further questions, not already in ``reply``."""
    total = _counted_total(turn, intent, reply, shopper, shopping)
    clauses = [c for c in CLAUSES.split(turn.latest.text) if _long_enough(c)]
    topics_asked = _topics(turn.latest.text)
    policy_too = intent in PRODUCT_INTENTS and bool(topics_asked)  # "what would shipping to
    # germany cost for just that": the product's answer says nothing of shipping
    if reply.handover or not (len(clauses) >= 2 or len(topics_asked) >= 2 or policy_too):
        return total  # one question: the reply answers it (and the sum, if one was asked)
    clauses = clauses or [turn.latest.text]
    answered = set(COVERS.get(intent, {intent}))
    if intent in ("faq", "report_problem"):  # it answered the first clause
        answered |= set(_topics(clauses[0])[:1])
    extra: list[str] = []
    current = shopping.find(str(reply.slots.get("product") or turn.slots.get("product") or "")) \
        or None  # the one this reply is about, else the one discussed
    ordered = _order_lines(reply, shopper, shopping)  # "...and how long does that watch last"
    for clause in clauses:
        topics = _topics(clause)
        if intent not in PRODUCT_INTENTS and not topics:
            extra += _product_facts(clause, shopping, shopper.language, current, ordered)
        for topic in topics:  # "how long to singapore and how much": both
            if topic not in answered:
                answered.add(topic)
                extra += _topic_lines(clause, topic, shopper, shopping, faq, reply, current) \
                    if not (topic == "membership_benefits" and money.EARN.search(clause)
                            and current) else [_earned(turn.latest.text, current, shopper)]
    return total + extra


def _counted_total(turn: Turn, intent: str, reply: Reply, shopper: Shopper,
                   shopping: Pointing) -> list[str]:
    """"how much caffeine is in it, and what do 2 packs run me with shipping": after the
    product's facts, what that many cost and whether they ship free."""
    text = turn.latest.text
    count = money.quantity_in(text)
    if intent not in PRODUCT_INTENTS or not count or not (
            cues.SHIPPING_COST.search(text) or cues.TOTAL.search(text)
            or cues.FREE_SHIPPING.search(text) or cues.WITH_SHIPPING.search(text)):
        return []
    product = shopping.find(str(reply.slots.get("product") or turn.slots.get("product") or ""))
    if product is None or any("USD, " in t or "一共" in t for t in reply.texts):
        return []
    what = f"{count} × {product.name(shopper.language)}" if count > 1 else \
        product.name(shopper.language)
    return [policy.basket_line(shopper.profile, [(what, product.price * count)],
                               shopper.language)]


def _earned(text: str, product: ProductFacts, shopper: Shopper) -> str:
    """"ok ill grab 2 packs. ... how many points do i get": the points on those."""
    amount, what = money.priced(product, count_in(text), shopper.language)
    return money.points_earned(shopper.profile, amount, shopper.language, what)


def _topic_lines(clause: str, topic: str, shopper: Shopper, shopping: Pointing,
                 faq: FaqRetriever, reply: Reply,
                 current: ProductFacts | None = None) -> list[str]:
    """The lines answering one policy topic a clause asks about; shipping to a region named
    ("shipping to germany cost + how long") says the fee, the product's own too, and the
    time."""
    lines = [_policy_line(clause, topic, shopper, faq)]
    region = policy.region_named(clause)
    if topic == "delivery_options" and current is not None and _fee(clause):
        lines.insert(0, policy.basket_line(shopper.profile, [(current.name(shopper.language),
                                                              current.price)], shopper.language))
    if topic == "delivery_options" and region:
        lines.append(policy.delivery_line(shopper.profile, shopper.language, region))
    if topic == "return_policy" and _WHETHER.search(clause) and (shopping.kinds_named(
            clause) or shopping.products_named(clause)):  # "if the earbuds dont fit can i
        # send them back": what may go back
        row = faq.best(RETURN_QUESTION[shopper.language], "return_policy")
        lines.append(answer_of(row, shopper.language) if row else None)
    return [line for line in lines if line and line not in reply.texts]


def _topics(clause: str) -> list[str]:
    """The policy topics a clause asks about, delivery time first: "how long does shipping to
    germany take and is it free" asks the time and the fee."""
    found = ["delivery_period"] if (DELIVERY_TIME.search(clause) or (
        policy.region_named(clause) and _HOW_LONG.search(clause))) and \
        not cues.RETURNING.search(clause) else []
    for pattern, topic in cues.POLICY_TOPICS:
        if pattern.search(clause) and topic not in found and not (
                topic == "delivery_options" and found and not _fee(clause)):
            found.append(topic)  # "how long does shipping take" asks no fee
    if _fee(clause) and "delivery_options" not in found and \
            not cues.RETURNING.search(clause):
        found.append("delivery_options")  # "is delivery free?"
    return found


def _fee(clause: str) -> bool:
    return bool(cues.SHIPPING_COST.search(clause) or _FEE.search(clause))


def _policy_line(clause: str, topic: str, shopper: Shopper, faq: FaqRetriever) -> str | None:
    profile, language = shopper.profile, shopper.language
    if topic == "membership_benefits":  # "how many points do I get": theirs; "升银卡要花多少"
        other = [t for t in membership.tiers_named(clause) if t != profile.membership]
        if other and (membership.PERKS.search(clause) or not cues.POINTS_WORD.search(clause)):
            return membership.tier_line(other[0], language)
        return policy.points_line(profile, language)
    if topic == "delivery_period":
        return policy.delivery_line(profile, language, policy.region_named(clause))
    if topic == "delivery_options":
        return policy.shipping_line(profile, language)
    if topic == "return_policy" and not cues.EXCHANGE.search(clause):
        return policy.returns_line(profile, language)
    row = faq.best(clause, topic)
    return answer_of(row, language) if row else None


def _order_lines(reply: Reply, shopper: Shopper, shopping: Pointing) -> list[ProductFacts]:
    """The products of the order the answer is about, if it is about one."""
    order_id = reply.slots.get("order_id")
    if not order_id:
        return []
    try:
        order = shopping.knowledge.accounts.order_for(shopper.profile.id, str(order_id))
    except NotFound:
        return []
    return [shopping.knowledge.product(line.product_id) for line in order.lines]


def _product_facts(clause: str, shopping: Pointing, language: str,
                   current: ProductFacts | None, ordered: list[ProductFacts]) -> list[str]:
    """The facts a clause asks about a product it names in full, the one of its kind in the
    order just talked about, or the one under discussion ("battery life on them? and how
    long to ship to shanghai")."""
    named = shopping.named_in(clause)  # "and how long does that watch battery last"
    if len(named) != 1 and ordered:
        kinds = shopping.kinds_named(clause)
        of_kind = [p for p in ordered if kinds & set(shopping.kinds_of(p.id))]
        named = of_kind if len(of_kind) == 1 else named
    if not named and current is not None and (cues.PRONOUN.search(clause) or len(clause) <= 25):
        named = [current]
    if len(named) != 1:
        return []
    colour = colour_asked(clause)  # "有红色的吗": whether it comes in red
    asked = [a for a in attributes_asked(clause, named[0])
             if a != "stock" and not (a == "colour" and colour)]
    return ([has_colour(named[0], colour, language)] if colour else []) + [
        describe_attribute(named[0], a, language) for a in asked]


def _long_enough(clause: str) -> bool:
    """A clause, not a fragment: over six characters, a Chinese one counting double
    ("有红色的吗" asks as much as "in red?")."""
    text = clause.strip()
    return len(text) + len(_CJK.findall(text)) > 6


def search_clause(turn: Turn, intent: str, shopping: Pointing) -> str | None:
    """After a policy or order answer, the clause of the message that asks for products
    ("想买个书桌用的台灯，有推荐吗？另外金卡买东西要运费吗": the lamps), if one does."""
    if intent in PRODUCT_INTENTS:
        return None
    clauses = [c for c in CLAUSES.split(turn.latest.text) if len(c.strip()) > 4]
    if len(clauses) < 2:
        return None
    return next((c for c in clauses if (cues.SEARCHING.search(c) or ordering_of(c) is not None)
                 and not _topics(c)
                 and shopping.search.constraints(c).kinds), None)
