"""JIMI, the customer-service robot: one reply per understood turn.

``Jimi.respond(turn, shopper)`` first rereads the NLU's intent against the words and the
conversation (``_reread``: a damaged item, a policy asked in passing, a follow-up about the
product under discussion, "which one is lighter?"), then answers from the knowledge graph
(products: ``shopping.Shopping``), the FAQ by hybrid retrieval, the order store (only the
shopper's own orders) and the shopper's profile (tier, region, language, purchase history),
and wraps the answer with care when the shopper sounds frustrated: an apology and an offer
of a person once a conversation (``Reply.marks``, kept in Rasa's tracker).

Example::

    jimi = Jimi(knowledge)
    reply = jimi.respond(turn_from_tracker(tracker), Shopper(profile, language="en"))
    reply.texts  # ["The Trail Runner GTX comes in black, orange and blue."]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from agents.jimi import cues, membership, orders, policy, returns
from agents.jimi import problem_replies as problems_text
from agents.jimi.asked import attributes_asked
from agents.jimi.context import ORDER_INTENTS, Reply, Shopper, Turn
from agents.jimi.each_clause import each_clause
from agents.jimi.empathy import ACKNOWLEDGE, assess
from agents.jimi.faq import FaqRetriever
from agents.jimi.faq_talk import CLARIFY, OFFER_PERSON
from agents.jimi.further import PRODUCT_INTENTS, further_answers, search_clause
from agents.jimi.order_talk import _asks_other, _text
from agents.jimi.phrases import (
    HANDOVER,
    LANGUAGE_SET,
    OUT_OF_SCOPE,
    PERSON_AGAIN,
    SMALL_TALK,
    SORRY_AGAIN,
    SORRY_LATE,
    SORRY_LATE_MANY,
    SORRY_TROUBLE,
    STUDIO_ONLY,
)
from agents.jimi.problems import problem_in
from agents.jimi.requested import as_request, request_clause
from agents.jimi.rereading import Rereading
from agents.jimi.search import ProductSearch
from agents.jimi.shopping import Shopping
from agents.jimi.sums import Sums
from kg.attributes import AttributeRanker
from kg.knowledge import KnowledgeBase
from shopmind import clock

_VALUES = {"order_id", "product", "colour", "size"}
_SORRY = re.compile(r"(?i)\bsorry\b|抱歉")
# a message JIMI's model is sure is outside what a shop assistant does
OUT_OF_SCOPE_SURE = 0.5
# JIMI's readings after which the studio's model is asked whether a shopper wants studio work
# (dialog/studio_nlu.py): where JIMI's model puts most studio requests, and any reading it is
# less sure of. Chosen on the studio's five development sets (81% of 458 work requests
# declined) and the shoppers' 887 evaluation turns (one declined: "帮我写一段Java代码"; the
# studio model asked on 42% of them, so most turns pay no second parse); a shopper's
# confident "cancel the second one" stays an order cancellation.
MAYBE_STUDIO = frozenset({"out_of_scope", "nlu_fallback", "product_search", "set_language"})
MAYBE_STUDIO_BELOW = 0.95


Handler = Callable[[Turn, Shopper], Reply]


class Jimi(Rereading, Sums):
    """Answer policies over one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase,
                 studio_request: Callable[[str], bool] | None = None) -> None:
        """``studio_request`` tells whether a text asks for the merchant studio's work
        (``dialog.studio_nlu.StudioRequests``); without it JIMI never declines one."""
        self.knowledge = knowledge
        self.studio_request = studio_request
        self.faq = FaqRetriever(knowledge.settings.catalog_dir, knowledge.vectors)
        self.shopping = Shopping(knowledge,
                                 ProductSearch(knowledge, knowledge.settings.currency_rates),
                                 AttributeRanker(knowledge.vectors.embedding))
        self._handlers: dict[str, Handler] = {
            "product_question": self.shopping.question,
            "product_search": self.shopping.search_reply,
            "compare_products": self.shopping.compare_reply,
            "inform": self._inform,
            "order_status": self._order_status,
            "cancel_order": self._order_request,
            "change_order": self._order_request,
            "get_refund": self._order_request,
            "delivery_options": self._delivery_options,
            "basket_total": self._basket_total,
            "delivery_period": self._delivery_period,
            "return_policy": self._return_policy,
            "payment_issue": self._payment_issue,
            "membership_benefits": self._membership,
            "complaint": self._complaint,
            "contact_human_agent": self._handover,
            "set_language": self._set_language,
            "affirm": self._affirm,
            "report_problem": self._report_problem,
            "faq": self._faq,
            "which_of": self.shopping.which_of,
            "relative": self.shopping.relative,
            "request_timing": self._request_timing,
            "refund_timing": self._refund_timing,
            "refund_amount": self._refund_amount,
            "photo_help": self._photo_help,
            "delay_options": self._delay_options,
            "return_window": self._return_window,
            "amount_in_currency": self._amount_in_currency,
            "off_topic": lambda turn, shopper: Reply([OUT_OF_SCOPE[shopper.language]]),
        }

    # -- entry point -------------------------------------------------------------------------

    def respond(self, turn: Turn, shopper: Shopper) -> Reply:
        intent = turn.intent
        if intent in ("deny", "affirm") and set(turn.latest.entities) & _VALUES:
            intent = "inform"  # "no, I meant SM-100012": a correction carries a value
        intent = self._reread(turn, intent, shopper)
        turn.routed = intent
        handler = self._handlers.get(intent)
        if (intent == turn.intent or turn.intent in ("out_of_scope", "nlu_fallback")) and \
                self._asks_for_studio_work(turn):  # "为这款保温杯写10条卖点" read as unsure
            handler = self._studio_only
        if handler is None:
            reply = self._small_talk(turn, shopper)
        else:  # "the cheapest candle? and is the cedar one in stock": each (``each_clause``)
            reply = (intent in PRODUCT_INTENTS and each_clause(turn, shopper, self.shopping)) \
                or handler(turn, shopper)
        self._requested_too(turn, intent, reply, shopper)
        felt = intent if turn.intent == "complaint" and intent == "product_search" \
            else turn.intent  # "太贵了，最便宜的呢" is shopping, not a complaint
        mood = assess(turn.latest.text, felt, [t.text for t in turn.earlier],
                      [t.intent for t in turn.earlier], shopper.other_sessions)
        reply.mood = mood
        apologised = "apology" in turn.marks
        if mood.frustrated and intent != "complaint" and not reply.handover \
                and not apologised:  # an apology and an offer of a person, once
            reply.texts = [ACKNOWLEDGE[shopper.language], *reply.texts,
                           self._remedy(turn, shopper, said=reply.texts,
                                        requests=reply.requests)]
            reply.marks.append("apology")
        elif reply.went_wrong and not apologised and not reply.handover:
            self._sorry(reply, shopper.language, offer="handover" not in turn.marks)
        elif reply.handover and mood.frustrated and not apologised and \
                not any(_SORRY.search(t) for t in reply.texts):
            reply.texts.insert(0, SORRY_TROUBLE[shopper.language])  # handed over upset: sorry
            reply.marks.append("apology")
        if reply.handover:
            reply.marks.append("handover")  # a person is on the way: not offered again
        tier = shopper.profile.membership
        if membership.OWN_TIER.search(turn.latest.text) and not any(
                policy.tier_name(tier, shopper.language).lower() in t.lower()
                for t in reply.texts):  # "我现在啥等级？要花多少才能升银卡": theirs first
            reply.texts.insert(0, membership.own_tier_line(tier, shopper.language))
        reply.texts += further_answers(turn, intent, reply, shopper, self.shopping, self.faq)
        wanted = search_clause(turn, intent, self.shopping)
        if wanted and not reply.shown:  # "有推荐吗？另外金卡买东西要运费吗": the products too
            found = self.shopping.search.answer(wanted, shopper.language)
            reply.texts.insert(0, found.text)
            reply.shown = found.products or None
            if found.products:
                reply.slots.setdefault("product", self.knowledge.product(found.products[0]).name_en)
        reply.texts = list(dict.fromkeys(reply.texts))  # one answer reached by two routes: once
        if "offer" in turn.marks:  # a person was offered earlier: not again with every answer
            reply.texts = [t for t in (_without_offer(t) for t in reply.texts) if t]
        elif any(o in t for t in reply.texts for o in OFFER_PERSON.values()):
            reply.marks.append("offer")
        return reply

    def _requested_too(self, turn: Turn, intent: str, reply: Reply, shopper: Shopper) -> None:
        """An order request made in passing ("那我直接取消吧，能退多少钱") is filed too, its
        confirmation first (``requested``)."""
        if intent in (*ORDER_INTENTS, "report_problem") or reply.requests or reply.handover:
            return
        found = request_clause(turn.latest.text)
        if found is None:
            return
        asked = as_request(turn, *found)
        if reply.slots.get("order_id"):  # "the tee order hasnt shipped yet right? send it to
            # my office instead": the order just answered about, unless the clause names one
            asked = replace(asked, slots={**asked.slots, "order_id": reply.slots["order_id"]})
        done = self._order_request(asked, shopper)
        if done.requests:
            reply.texts = [*done.texts, *reply.texts]
            reply.requests += done.requests
            reply.slots.update(done.slots)

    def handover_message(self, language: str) -> str:
        return HANDOVER[language]

    # -- products ----------------------------------------------------------------------------

    def _inform(self, turn: Turn, shopper: Shopper) -> Reply:
        """A bare value: an order number, a product, or "and in blue?" for the last question."""
        previous = turn.previous_substantive()
        if previous is not None and problem_in(previous.text) and (
                turn.entity("order_id") or orders.mentions_order(turn.latest.text)):
            return self._report_problem(turn, shopper, previous.text)  # "it's SM-100046"
        if turn.entity("order_id") and (previous is None or previous.intent == "order_status"):
            return self._order_status(turn, shopper)
        if previous is None:
            if turn.entity("product"):
                return self.shopping.question(turn, shopper)
            return Reply([CLARIFY[shopper.language]])
        if previous.intent in ("product_question", "compare_products", "product_search"):
            if not turn.latest.entities.get("product") and _asks_other(turn.latest.text):
                current = turn.slots.get("product")
                other = turn.other_product(str(current) if current else None)
                if other:
                    turn.latest.entities["product"] = [other]
            merged = _merge(previous.entities, turn.latest.entities)
            turn.latest.entities.clear()
            turn.latest.entities.update(merged)
            if previous.intent == "product_search":
                return self.shopping.search_reply(turn, shopper)
            return self.shopping.question(turn, shopper)
        if previous.intent == "order_status":
            return self._order_status(turn, shopper)
        if previous.intent in ORDER_INTENTS:  # the order form has just been filled, unless
            if cues.ELLIPTICAL.search(turn.latest.text) and \
                    not cues.REQUEST_VERB.search(turn.latest.text):  # "橙汁那单呢" asks
                return self._order_status(turn, shopper)
            return self._order_request(turn, shopper)
        return Reply([CLARIFY[shopper.language]])

    def _photo_help(self, turn: Turn, shopper: Shopper) -> Reply:
        """"Do you need pictures?": how to send one, here in the chat."""
        return Reply([problems_text.PHOTO[shopper.language]])

    def answers_instead_of_asking(self, turn: Turn, shopper_id: str) -> bool:
        """Whether JIMI can act on an order request without asking for the number: a damaged
        or missing item, a refund question about the policy, or an order the words point at."""
        text = turn.latest.text
        if problem_in(text) or cues.TIMING.search(text) or cues.HOW.search(text) or \
                self.order_meant(turn, shopper_id) or (
                    (returns.CAN_RETURN.search(text) or returns.RETURN_STATUS.search(text))
                    and self.orders_for_return(turn, shopper_id)):
            return True
        # "退款的话是退回原来的卡吗" read as a refund: a policy question, no order to ask for
        shopper = Shopper(self.knowledge.accounts.profile(shopper_id), "en")
        return self._reread(turn, turn.intent, shopper) not in (*ORDER_INTENTS, "order_status")

    # -- policies (personal) ---------------------------------------------------------------

    def _delivery_period(self, turn: Turn, shopper: Shopper) -> Reply:
        region = policy.region_named(*turn.recent_texts())
        texts = [policy.delivery_line(shopper.profile, shopper.language, region)]
        if cues.SHIPPING_COST.search(turn.latest.text) or re.search(
                r"(?i)how much is (?:the )?shipping", turn.latest.text):  # "how much and how long"
            texts.insert(0, policy.shipping_line(shopper.profile, shopper.language))
        mine = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state in ("paid", "shipped", "delayed")]
        meant = self.order_meant(turn, shopper.profile.id)  # "我新下的那单什么时候到"
        discussed = meant.id if meant else orders.normalise_id(
            _text(turn.slots.get("order_id")) or "")
        # the order under discussion first, then a delayed one, then the catalogue's order
        mine.sort(key=lambda o: (o.id != discussed, o.state != "delayed"))
        if region and not shopper.profile.region.startswith(region) and not meant:
            mine = []  # "how long to ship to germany" from a shopper in the UK: not their order
        if mine:
            texts.append(orders.describe(mine[0], shopper.language))
            if mine[0].state == "delayed":  # what happens now, and what they can do
                texts.append(orders.delay_remedy(mine[0], shopper.language))
        return Reply(texts)  # a question about delivery times: no apology for the late one

    def _return_policy(self, turn: Turn, shopper: Shopper) -> Reply:
        cost = bool(cues.SHIPPING_COST.search(turn.latest.text) or cues.WHO_PAYS.search(
            turn.latest.text))  # "do I pay the return shipping?": yes or no first
        texts = [policy.returns_line(shopper.profile, shopper.language, cost)]
        faq = self._faq_line(turn, shopper.language)
        other_tier = any(t != shopper.profile.membership and p.search(turn.latest.text)
                         for t, p in cues.TIER_NAMED)  # "金卡退货期限是多久" from a silver member
        if faq and ("15" not in faq[:60] or other_tier):  # the window is already said
            texts.append(faq)
        if other_tier and membership.PERKS.search(turn.latest.text):  # "...要消费多少才能升银卡"
            texts += [membership.tier_line(t, shopper.language)
                      for t in membership.tiers_named(turn.latest.text)
                      if t != shopper.profile.membership][:1]
        return Reply(texts)

    def _return_window(self, turn: Turn, shopper: Shopper) -> Reply:
        """"Can I still return the candle from July?", "did my return go through?": each
        order meant, with its window from delivery or what became of the return."""
        found = self.orders_for_return(turn, shopper.profile.id)
        if not found:
            return self._return_policy(turn, shopper)
        texts = returns.window_lines(found, shopper.profile, shopper.language, clock.today(),
                                     turn.latest.text)
        if cues.EXCHANGE.search(turn.latest.text) and cues.FREE_ASKED.search(turn.latest.text):
            texts += [t for t in [self._faq_line(turn, shopper.language)] if t]  # "is it free?"
        elif cues.RETURN_COST.search(turn.latest.text):  # "...and what does that cost me"
            texts.append(policy.return_shipping_line(shopper.profile, shopper.language))
        return Reply(texts, slots={"order_id": found[0].id})

    # -- people and feelings ---------------------------------------------------------------

    def _complaint(self, turn: Turn, shopper: Shopper) -> Reply:
        if "apology" in turn.marks:  # a second complaint
            late = self._late_order(turn, shopper)
            if late is None:
                return self._handover(turn, shopper)  # a person takes over now
            # "seriously?? it was meant to be here nov 19": sorry again, and the choice it has
            return Reply([SORRY_AGAIN[shopper.language], orders.delay_remedy(late, shopper.language),
                          PERSON_AGAIN[shopper.language]], slots={"order_id": late.id})
        text = turn.latest.text
        status = (self._order_status(turn, shopper) if orders.mentions_order(text)
                  or cues.ARRIVAL.search(text) or cues.NOT_SENT.search(text)
                  or cues.LATE.search(text) else Reply([]))
        # "my mug was meant to come on the 27th, useless": sorry, where it is, and a person
        return Reply([ACKNOWLEDGE[shopper.language], *status.texts,
                      self._remedy(turn, shopper, late_told=bool(status.texts))],
                     slots=status.slots, marks=["apology"])

    def _remedy(self, turn: Turn, shopper: Shopper, late_told: bool = False,
                said: list[str] | None = None,
                requests: list[tuple[str, str]] | None = None) -> str:
        """A concrete next step: for a late order why it is late and its options (unless
        the answer just gave them, or ``said`` names it), else a person, first in line."""
        told, language = " ".join(said or []), shopper.language
        late = [] if late_told else [
            (o, orders.delay_remedy(o, language))
            for o in self.knowledge.accounts.orders_of(shopper.profile.id) if o.state == "delayed"]
        cancelled = {order for order, kind in [*shopper.filed, *(requests or [])]
                     if kind == "cancel"}
        late = [(o, orders.describe(o, language) if o.id in cancelled else remedy)
                for o, remedy in late if remedy not in told]  # cancelled: why it was late
        late = [(o, line) for o, line in late if line not in told]
        if late:
            return " ".join(line if o.id in told or o.id in cancelled
                            else f"{orders.describe(o, language)} {line}"
                            for o, line in late[:3]) + " " + OFFER_PERSON[language]
        if shopper.language == "zh":
            return "我可以立即为您优先转接人工客服，无需排队。" + OFFER_PERSON["zh"]
        return ("I can put you through to a person right away, ahead of the queue. "
                + OFFER_PERSON["en"])

    def _sorry(self, reply: Reply, language: str, offer: bool = True) -> None:
        """Something went wrong with an order: sorry (unless the answer says it) and the offer
        of a person at the end (unless one is on the way), once a conversation."""
        if not any(_SORRY.search(t) for t in reply.texts):
            several = len({i for t in reply.texts for i in orders.order_ids(t)}) >= 2
            reply.texts.insert(0, (SORRY_LATE_MANY if several else SORRY_LATE)[language])
            reply.marks.append("apology:late")  # a problem found later is sorry for again
        if offer:
            reply.texts.append(OFFER_PERSON[language])
        reply.marks.append("apology")

    def _handover(self, turn: Turn, shopper: Shopper) -> Reply:
        return Reply([HANDOVER[shopper.language]], handover=True)

    def _affirm(self, turn: Turn, shopper: Shopper) -> Reply:
        offered = bool(turn.bot_texts) and any(
            offer in turn.bot_texts[-1] for offer in (*OFFER_PERSON.values(),
                                                      *PERSON_AGAIN.values()))
        if offered:
            return self._handover(turn, shopper)
        return self._small_talk(turn, shopper)

    def _asks_for_studio_work(self, turn: Turn) -> bool:
        latest = turn.latest
        if self.studio_request is None or not (
                latest.intent in MAYBE_STUDIO or latest.confidence < MAYBE_STUDIO_BELOW):
            return False
        if (turn.slots.get("order_id") or turn.order_request()) and \
                cues.REQUEST_VERB.search(latest.text) and not cues.STUDIO_WORK.search(latest.text):
            return False  # "那取消吧 不等了" about the order under discussion
        if turn.slots.get("product") and attributes_asked(latest.text, None) and \
                not cues.STUDIO_WORK.search(latest.text):
            return False  # "加糖了吗": a question about the product under discussion
        if (cues.SHOPPING_QUESTION.search(latest.text) or not cues.STUDIO_WORK.search(
                latest.text)) and self.shopping.search.constraints(latest.text).kinds:
            return False  # "最近有什么新出的锅", "need some earbuds for running": shopping
        return self.studio_request(latest.text)

    def _studio_only(self, turn: Turn, shopper: Shopper) -> Reply:
        """Only merchants reach the studio: a shopper's request for banners is declined."""
        return Reply([STUDIO_ONLY[shopper.language]])

    def _set_language(self, turn: Turn, shopper: Shopper) -> Reply:
        wanted = (turn.entity("language") or shopper.language).lower()
        wanted = "zh" if wanted.startswith(("zh", "chinese", "中")) else "en"
        return Reply([LANGUAGE_SET[wanted]], slots={"language": wanted})

    def _small_talk(self, turn: Turn, shopper: Shopper) -> Reply:
        table = SMALL_TALK.get(turn.intent)
        if turn.intent == "out_of_scope" and turn.latest.confidence >= OUT_OF_SCOPE_SURE:
            return Reply([OUT_OF_SCOPE[shopper.language]])  # "what's the weather in Paris?"
        if table is None:  # nlu_fallback and anything unknown
            return Reply([CLARIFY[shopper.language]])
        return Reply([table[shopper.language].format(name=shopper.first_name)])


# -- helpers -------------------------------------------------------------------------------


def _merge(before: dict[str, list[str]], now: dict[str, list[str]]) -> dict[str, list[str]]:
    merged = {k: list(v) for k, v in before.items()}
    if now.get("colour") or now.get("size"):
        merged.pop("colour", None)
        merged.pop("size", None)
    merged.update({k: list(v) for k, v in now.items()})
    return merged


def _without_offer(text: str) -> str:
    for offer in OFFER_PERSON.values():
        text = text.replace(offer, "")
    return text.strip()
