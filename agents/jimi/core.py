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
from datetime import date
from collections.abc import Callable
from typing import Any

from agents.jimi import cues, orders, policy
from agents.jimi import problem_replies as problems_text
from agents.jimi.asked import attributes_asked, colour_asked, size_asked
from agents.jimi.context import ORDER_INTENTS, Reply, Shopper, Turn
from agents.jimi.empathy import ACKNOWLEDGE, assess
from agents.jimi.faq import FaqRetriever, answer_of
from agents.jimi.problems import RECEIVED, RECENT, order_meant, problem_in, remedy_in
from agents.jimi.search import ProductSearch
from agents.jimi.search_terms import ordering_of
from agents.jimi.shopping import Shopping
from agents.jimi.wording import colour_name
from kg.attributes import AttributeRanker
from kg.knowledge import KnowledgeBase
from kg.schema import OrderRow
from shopmind.errors import NotFound

_VALUES = {"order_id", "product", "colour", "size"}
OFFER_PERSON = {"en": "Would you like me to connect you to a person?",
                "zh": "需要为您转接人工客服吗？"}
SORRY_TROUBLE = {"en": "I'm sorry for the trouble.", "zh": "很抱歉给您添麻烦了。"}
SORRY_LATE = {"en": "I'm sorry your order is running late.", "zh": "很抱歉订单延误了，给您添麻烦了。"}
_SORRY = re.compile(r"(?i)\bsorry\b|抱歉")
HANDOVER = {
    "en": "I'm connecting you to a member of our support team now. They'll see this "
          "conversation, so you won't need to repeat yourself.",
    "zh": "正在为您转接人工客服，客服可以看到我们的对话记录，您无需重复说明。",
}
CLARIFY = {
    "en": "Sorry, I'm not sure I understood. Could you rephrase? I can help with products, "
          "orders, delivery, returns, refunds, payments and membership. " + OFFER_PERSON["en"],
    "zh": "抱歉，我不太确定您的意思，能换个说法吗？我可以帮您查询商品、订单、配送、退换货、退款、"
          "支付和会员相关问题。" + OFFER_PERSON["zh"],
}
# a message JIMI's model is sure is outside what a shop assistant does
OUT_OF_SCOPE_SURE = 0.5
OUT_OF_SCOPE = {
    "en": "Sorry, that's outside what I can help with here. I can help with our products, your "
          "orders, delivery, returns, refunds, payments and membership.",
    "zh": "抱歉，这个问题超出了我能帮忙的范围。我可以帮您查询商品、订单、配送、退换货、退款、支付和会员相关问题。",
}
SMALL_TALK = {
    "greet": {"en": "Hi {name}, I'm JIMI, your shopping assistant. Ask me about a product, "
                    "an order, delivery or returns.",
              "zh": "{name}您好，我是智能客服JIMI，可以帮您查询商品、订单、配送和退换货。"},
    "goodbye": {"en": "Goodbye, and thanks for shopping with us.",
                "zh": "再见，感谢您的光临！"},
    "thanks": {"en": "You're welcome! Anything else I can help with?",
               "zh": "不客气！还有什么可以帮您的吗？"},
    "affirm": {"en": "Great. What would you like to do next?", "zh": "好的，请问还需要什么帮助？"},
    "deny": {"en": "No problem. Anything else I can help with?", "zh": "好的，还有其他需要帮忙的吗？"},
}
# a shopper who asks for the merchant studio's work (banners, copy, cutouts, jobs)
STUDIO_ONLY = {
    "en": "Sorry, making banners, marketing copy and photo cutouts is for merchants in the "
          "Shopmind studio, so I can't do that here. I'm happy to help with products, orders, "
          "delivery, returns and membership.",
    "zh": "抱歉，制作海报、文案和抠图是商家工作台的功能，我这里无法处理。商品、订单、配送、退换货"
          "和会员方面的问题，我都很乐意帮您。",
}
# JIMI's readings after which the studio's model is asked whether a shopper wants studio work
# (dialog/studio_nlu.py): where JIMI's model puts most studio requests, and any reading it is
# less sure of. Chosen on the studio's five development sets (81% of 458 work requests
# declined) and the shoppers' 887 evaluation turns (one declined: "帮我写一段Java代码"; the
# studio model asked on 42% of them, so most turns pay no second parse); a shopper's
# confident "cancel the second one" stays an order cancellation.
MAYBE_STUDIO = frozenset({"out_of_scope", "nlu_fallback", "product_search", "set_language"})
MAYBE_STUDIO_BELOW = 0.95
LANGUAGE_SET = {"en": "Sure, I'll answer in English from now on.",
                "zh": "好的，接下来我会用中文为您服务。"}


Handler = Callable[[Turn, Shopper], Reply]


class Jimi:
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
            "request_timing": self._request_timing,
            "refund_timing": self._refund_timing,
            "delay_options": self._delay_options,
        }

    # -- entry point -------------------------------------------------------------------------

    def respond(self, turn: Turn, shopper: Shopper) -> Reply:
        intent = turn.intent
        if intent in ("deny", "affirm") and set(turn.latest.entities) & _VALUES:
            intent = "inform"  # "no, I meant SM-100012": a correction carries a value
        intent = self._reread(turn, intent, shopper)
        handler = self._handlers.get(intent)
        if intent == turn.intent and self._asks_for_studio_work(turn):
            handler = self._studio_only
        if handler is None:
            reply = self._small_talk(turn, shopper)
        else:
            reply = handler(turn, shopper)
        felt = intent if turn.intent == "complaint" and intent == "product_search" \
            else turn.intent  # "太贵了，最便宜的呢" is shopping, not a complaint
        mood = assess(turn.latest.text, felt, [t.text for t in turn.earlier],
                      [t.intent for t in turn.earlier], shopper.other_sessions)
        reply.mood = mood
        apologised = "apology" in turn.marks
        if mood.frustrated and intent != "complaint" and not reply.handover \
                and not apologised:  # an apology and an offer of a person, once
            reply.texts = [ACKNOWLEDGE[shopper.language], *reply.texts,
                           self._remedy(turn, shopper)]
            reply.marks.append("apology")
        elif reply.went_wrong and not apologised and not reply.handover:
            self._sorry(reply, shopper.language)
        elif reply.handover and mood.frustrated and not any(_SORRY.search(t) for t in reply.texts):
            reply.texts.insert(0, SORRY_TROUBLE[shopper.language])  # handed over upset: sorry
        reply.texts = list(dict.fromkeys(reply.texts))  # one answer reached by two routes: once
        if "offer" in turn.marks:  # a person was offered earlier: not again with every answer
            reply.texts = [t for t in (_without_offer(t) for t in reply.texts) if t]
        elif any(o in t for t in reply.texts for o in OFFER_PERSON.values()):
            reply.marks.append("offer")
        return reply

    def _reread(self, turn: Turn, intent: str, shopper: Shopper) -> str:
        """What the message asks in this conversation, where the words say more than the
        intent alone: a damaged or missing item, a policy question, a follow-up about the
        product under discussion ("what colours?", "got it in 46?", "第二个有防雨罩吗")."""
        text = turn.latest.text
        if intent in cues.PROBLEM_INTENTS and problem_in(text):
            return "report_problem"
        if intent in ORDER_INTENTS and cues.ELLIPTICAL.search(text) and \
                not cues.REQUEST_VERB.search(text):
            return "order_status"  # "橙汁那单呢" after a cancellation asks, it cancels nothing
        if cues.STORE_CREDIT.search(text) and not orders.mentions_order(text):
            return "faq"  # "could i take store credit instead?": the policy, +5%
        if intent not in ORDER_INTENTS and cues.POLICY.search(text):
            return "faq"  # "the headphones i got in march, still under warranty?"
        if intent == "membership_benefits" and cues.POLICY.search(text):
            return "faq"  # "100积分能抵多少钱": the points rule, not the tier summary
        if intent in ("affirm", "deny") and cues.WHICH.search(text) and turn.last_shown():
            return "which_of"  # "不粘的是哪个" is no "no"
        if intent in ("delivery_options", "delivery_period") and (
                turn.slots.get("product") or self.shopping.products_named(text)
                or self.shopping.named_by_part(text)) and \
                attributes_asked(text, None)[:1] == ["stock"]:
            return "product_question"  # "现在能买到吗", "雪地靴现在能买吗": whether it is in stock
        if cues.TIMING.search(text) and any(m.startswith("filed:") for m in turn.marks) and \
                not orders.mentions_order(text) and (intent != "order_status"
                                                     or cues.MONEY.search(text)):
            return "request_timing"  # "how long does that take", "...till it's on my card"
        if intent in cues.FOLLOW_UP_INTENTS and cues.SHIPPING_COST.search(text):
            # "would I pay for shipping on those?", "退货运费要我自己出吗"
            return "faq" if cues.RETURNING.search(text) else "delivery_options"
        problem = _last_problem(turn)
        if problem and (remedy_in(text) or (not problem[1] and (
                orders.mentions_order(text) or RECENT.search(text) or _names_a_date(text)))):
            return "report_problem"  # "the november one", "fine, refund it then"
        if cues.OPTIONS.search(text):
            return "delay_options"  # "what are my options", "the pans one is late, what can I do"
        previous = turn.previous_substantive()
        if previous is not None and previous.intent == "order_status" and intent not in \
                ORDER_INTENTS and cues.CARRY_ON.search(text) and len(text) <= 40 and \
                self.order_meant(turn, shopper.profile.id, latest_only=True) is not None:
            return "order_status"  # "and the tumbler one?" after "the one with the skillet"
        if intent in ORDER_INTENTS and cues.WHICH_COLOURS.search(text):
            return "product_question"  # "the shoe in this order, which colours it has?"
        if cues.MONEY.search(text) and cues.TIMING.search(text) and (
                cues.CARD.search(text) or cues.FAST_METHODS.search(text)) and \
                not orders.mentions_order(text) and not any(
                m.startswith("filed:") for m in turn.marks):
            return "refund_timing"  # "how fast does the money land back on my Amex?"
        if intent == "complaint" and ordering_of(text) is not None and turn.last_shown() and \
                not (cues.LATE.search(text) or cues.NOT_SENT.search(text)):
            return "product_search"  # "太贵了，最便宜的呢": too dear, show the cheapest
        if intent not in cues.FOLLOW_UP_INTENTS:
            return intent
        if cues.COMPARE.search(text) and (intent == "compare_products" or len(
                self.shopping.products_named(text)) + len(turn.last_shown()) + bool(
                turn.slots.get("product")) >= 2):
            return "compare_products"
        if intent in ("inform", "out_of_scope", "nlu_fallback") and \
                len(self.shopping.products_named(text)) == 1:
            return "product_question"  # "do the fitbuds come in white"
        unsure = self._unsure(turn, shopper) if intent in ("out_of_scope", "nlu_fallback") \
            else None
        if unsure is not None:
            return unsure
        if not (turn.slots.get("product") or turn.shown):
            return intent
        constraints = self.shopping.search.constraints(text)
        own_search = bool(constraints.kinds or constraints.categories or
                          constraints.price_max is not None or constraints.price_min is not None)
        if own_search and (self.shopping.this_one(turn) or self.shopping.named_by_part(text)
                           or self.shopping.ours(turn, shopper)):
            return "product_question"  # "what colour temperature is that lamp", "这灯多少瓦"
        if own_search and ordering_of(text) is None and intent == "product_search":
            return intent
        pointed = self.shopping.referenced(turn)
        if pointed is not None and pointed.how in ("bigger", "cheaper", "dearer", "lighter") and \
                attributes_asked(text, None) and not cues.WHICH.search(text):
            return "product_question"  # "does the big one do fast charging"
        if pointed is not None and pointed.how in ("ordinal", "in_stock") and not own_search:
            return "product_question"  # "第一双有没有42码的棕色"
        if cues.SEARCHING.search(text) and not cues.PRONOUN.search(text) and (
                own_search or constraints.values or constraints.soft):
            return "product_search"  # "recommend me something with caffeine but no sugar"
        if pointed is not None and pointed.how == "named" and not cues.SEARCHING.search(text):
            return "product_question"  # "what about the light-up shoes, he's a size 28"
        if self.shopping.named_by_part(text) and ordering_of(text) is None:
            return "product_question"  # "那件有机棉的有哪些颜色"
        if ordering_of(text) is not None and (constraints.values or own_search) and \
                not cues.WHICH.search(text):
            return "product_search"  # "ok and the lightest waterproof one?": a narrower search
        current = turn.slots.get("product")
        discussed = self.shopping.find(str(current)) if current else None
        asks = bool(cues.SIZE_WORD.search(text) or cues.PRONOUN.search(text) or (
            intent != "product_search" and (attributes_asked(text, discussed)
                                            or colour_asked(text))))
        if cues.WHICH.search(text) and len(turn.last_shown()) >= 2 and not constraints.kinds and (
                ordering_of(text) is not None or cues.COMPARATIVE.search(text)
                or attributes_asked(text, None)):
            return "which_of"  # "which one is lighter?", "这两款哪个续航长"
        if (pointed is not None or asks) and not own_search:
            return "product_question"
        return intent

    def _unsure(self, turn: Turn, shopper: Shopper) -> str | None:
        """An unsure or off-topic reading the words contradict: a question about a kind of
        product the shop sells ("你们最便宜的咖啡是哪个"), or a short "and express?" that
        carries on the topic before it."""
        text = turn.latest.text
        constraints = self.shopping.search.constraints(text)
        if constraints.kinds and self.shopping.ours(turn, shopper):
            return "product_question"  # "the buds - ok for sweat n rain?"
        if constraints.soft and cues.SEARCHING.search(text) and not constraints.kinds:
            return "product_search"  # "给6岁女儿挑个生日礼物，有推荐吗": gifts for kids
        if (constraints.kinds or constraints.categories) and (
                cues.SHOPPING_QUESTION.search(text) or cues.SEARCHING.search(text)
                or ordering_of(text) is not None):
            return "product_search"
        previous = turn.previous_substantive()
        if previous is not None and cues.CARRY_ON.search(text) and len(text) <= 24 and \
                previous.intent in cues.TOPIC_INTENTS:
            return previous.intent
        return None

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

    # -- orders ------------------------------------------------------------------------------

    def _order(self, turn: Turn, shopper: Shopper) -> tuple[OrderRow | None, str | None]:
        """(order, problem): the order named now or earlier in the conversation, if theirs,
        else the one the words point at ("the one with the pans", "刚下的那单")."""
        order_id = turn.entity("order_id")
        if order_id and not orders.mentions_order(order_id):
            order_id = None  # "i paid for 2" is no order number
        meant = None if order_id else self.order_meant(turn, shopper.profile.id,
                                                       latest_only=True)
        if meant is not None:  # the products named pick the order: "cancel the tumbler
            order_id = meant.id  # order, keep the other one" is the tumbler's
        elif not order_id and _asks_other(turn.latest.text):  # "and the other one?"
            order_id = self._other_order(turn, shopper)
        if not order_id:  # words about another order ("我新下的那单") beat the one discussed
            order_id = _text(turn.slots.get("order_id"))
        accounts = self.knowledge.accounts
        if order_id:
            try:
                return accounts.order_for(shopper.profile.id, orders.normalise_id(order_id)), None
            except NotFound:
                return None, orders.not_yours(order_id, shopper.language)
        return self.order_meant(turn, shopper.profile.id), None

    def _other_order(self, turn: Turn, shopper: Shopper) -> str | None:
        """The order JIMI named in this conversation other than the one under discussion."""
        current = _text(turn.slots.get("order_id"))
        own = self.knowledge.accounts.orders_of(shopper.profile.id)
        named = [o.id for o in order_meant(turn.latest.text, own, self.knowledge.product,
                                           None).candidates if o.id != current]
        if len(named) == 1 and len(named) < len(own):  # "我另外那单落地灯": the other lamp order
            return named[0]
        mine = {o.id for o in own}
        for text in reversed(turn.bot_texts):
            for found in orders.order_ids(text):
                order_id = orders.normalise_id(found)
                if order_id in mine and order_id != current:
                    return order_id
        late = [o.id for o in own if o.state == "delayed" and o.id != current]
        return late[0] if late else None  # the notice of late orders is not in the tracker

    def order_meant(self, turn: Turn, shopper_id: str,
                    latest_only: bool = False) -> OrderRow | None:
        """The shopper's order this turn (or the one before) points at without a number: by
        the products or kinds named, "my last order", or the only order the request fits."""
        kind = turn.order_request() or turn.intent
        states = cues.OPEN_STATES if kind in ("cancel_order", "change_order") else None
        mine = self.knowledge.accounts.orders_of(shopper_id)
        first = _CLAUSE.split(turn.latest.text, maxsplit=1)[0]
        # "cancel the pan one, I'll wait for the coffee": the clause with the request first
        texts = [first, turn.latest.text] if first.strip() != turn.latest.text.strip() else [
            turn.latest.text]
        if not latest_only:
            texts += [t.text for t in reversed(turn.earlier[-2:])]
        for text in texts:
            meant = order_meant(text, mine, self.knowledge.product, states)
            if meant.order is not None and (len(mine) == 1 or meant.products
                                            or RECENT.search(text) or _names_a_date(text)):
                return meant.order
        return None

    def _order_status(self, turn: Turn, shopper: Shopper) -> Reply:
        order, problem = self._order(turn, shopper)
        if problem:
            return Reply([problem], slots={"order_id": None})
        language = shopper.language
        if order is None:
            mine = self.knowledge.accounts.orders_of(shopper.profile.id)
            if not mine:
                return Reply(["您的账户下还没有订单。" if language == "zh"
                              else "You don't have any orders yet."])
            # the orders still on their way (a late one first), else the latest two
            open_ = sorted((o for o in mine if o.state in ("paid", "shipped", "delayed")),
                           key=lambda o: o.state != "delayed")
            listed = open_[:4] or mine[:2]
            texts = [orders.describe(o, language) for o in listed]
            return Reply(texts, slots={"order_id": listed[0].id},
                         went_wrong=listed[0].state == "delayed")
        texts = [orders.describe(order, language)]
        if order.state == "delayed":
            texts.append(orders.delay_remedy(order, language))
        return Reply(texts, slots={"order_id": order.id,
                                   **self._order_product(order, turn.latest.text)},
                     went_wrong=order.state == "delayed")

    def _order_request(self, turn: Turn, shopper: Shopper) -> Reply:
        kind = turn.order_request() or turn.intent
        order, problem = self._order(turn, shopper)
        if problem:
            return Reply([problem], slots={"order_id": None})
        asks_when = bool(cues.TIMING.search(turn.latest.text) or cues.HOW.search(turn.latest.text))
        cancelling = order is not None and (order.id, "cancel") in shopper.filed
        if kind == "get_refund" and asks_when and not cancelling and (
                order is None or order.state != "returned"):
            return self._faq(turn, shopper)  # "退款多久到账", "退款退到哪": policy, not an order
        if order is None:
            return Reply([orders.ASK_ORDER_ID[shopper.language]])
        text, request = orders.handle_request(kind, order, shopper.profile, shopper.language,
                                              cancelling=cancelling)
        if kind == "get_refund" and asks_when and (
                cancelling or cues.FAST_METHODS.search(turn.latest.text)):
            text += " " + orders.refund_arrival(turn.latest.text, shopper.language)
        if request == "change":  # "change the shoe size to 43": what was asked, said back
            wanted = [w for w in (size_asked(turn.latest.text), colour_asked(turn.latest.text))
                      if w]
            if wanted:
                if shopper.language == "zh":
                    wanted = [colour_name(w, "zh") for w in wanted]
                text += (f"（修改内容：{'、'.join(wanted)}）" if shopper.language == "zh" else
                         f" (you asked for: {', '.join(wanted)})")
        return Reply([text], slots={"order_id": order.id},
                     requests=[(order.id, request)] if request else [])

    def _report_problem(self, turn: Turn, shopper: Shopper, earlier: str = "") -> Reply:
        """A problem with an item (``_problem``), and the policy asked about with it ("有一盏
        打不开了，还在保修期不": the warranty too)."""
        reply = self._problem(turn, shopper, earlier)
        line = self._faq_line(turn, shopper.language) if cues.POLICY.search(
            turn.latest.text) else None
        if line and line not in reply.texts:
            reply.texts.append(line)
        return reply

    def _problem(self, turn: Turn, shopper: Shopper, earlier: str = "") -> Reply:
        """A damaged, wrong or missing item: find the order, file the request with its reason,
        say what happens next and when, and offer a photo upload. A problem already raised in
        this conversation (``problem:<kind>:<order>`` in the marks) carries on: "the november
        one" answers which order, "refund it then" changes the remedy."""
        language = shopper.language
        before = _last_problem(turn)
        said_before = before[2] if before else ""
        text = f"{said_before} {earlier} {turn.latest.text}".strip()
        problem = problem_in(text) or (before[0] if before else "damaged")
        mine = self.knowledge.accounts.orders_of(shopper.profile.id)
        meant = order_meant(text, mine, self.knowledge.product, RECEIVED)
        if meant.order is None and before and before[1]:
            meant = order_meant(before[1], mine, self.knowledge.product, None)
        if meant.order is None:
            if orders.mentions_order(turn.latest.text):  # a number that is not theirs
                return Reply([orders.not_yours(orders.normalise_id(turn.latest.text), language)])
            said = " ".join(text.split())[:200]
            return Reply([problems_text.which_order(meant.candidates, self.knowledge.product,
                                                    language)],
                         marks=[f"problem:{problem}::{said}"], went_wrong=True)
        remedy = remedy_in(turn.latest.text) or remedy_in(text) or "replacement"
        detail = [w for w in (colour_asked(turn.latest.text), size_asked(turn.latest.text)) if w]
        lines = meant.products or ([meant.order.lines[0].product_id]
                                   if len(meant.order.lines) == 1 else [])
        items = [self.knowledge.product(p) for p in lines]
        said = " ".join(text.split())[:200]
        marks = [f"filed:{remedy}", f"problem:{problem}:{meant.order.id}:{said}"]
        slots = {"order_id": meant.order.id, **({"product": items[0].name_en} if items else {})}
        if remedy == "replacement" and items and not any(p.in_stock for p in items):
            # nothing to send: say so and offer the refund instead, filing nothing yet
            return Reply([problems_text.no_replacement(meant.order, items, language)],
                         slots=slots, marks=[f"problem:{problem}:{meant.order.id}:{said}"])
        if (meant.order.id, remedy) in shopper.filed:
            return Reply([problems_text.already(meant.order.id, remedy, language, detail)],
                         slots=slots, marks=marks)
        warranty = self._warranty_line(meant.order, problem, language)
        reason = problems_text.reason(problem, items, text) + (
            f" (wants: {', '.join(detail)})" if detail else "")
        return Reply([problems_text.filed(meant.order, remedy, problem, items, language, detail,
                                          sorry="apology" not in turn.marks), *warranty],
                     slots=slots, requests=[(meant.order.id, remedy)], reason=reason, marks=marks,
                     went_wrong=True)

    def _warranty_line(self, order: OrderRow, problem: str, language: str) -> list[str]:
        """For an item that broke after the return window of any tier: the warranty's terms."""
        try:
            delivered = date.fromisoformat(order.expected_delivery)
        except ValueError:
            return []
        if problem != "damaged" or (date.today() - delivered).days <= LONGEST_RETURN_DAYS:
            return []
        row = self.faq.best(WARRANTY_QUESTION[language], "warranty")
        return [answer_of(row, language)] if row else []

    def _late_order(self, turn: Turn, shopper: Shopper) -> OrderRow | None:
        """The late order a turn is about: named by number, contents or date, the one under
        discussion, else the shopper's only late order."""
        late = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state == "delayed"]
        if not late:
            return None
        text = turn.latest.text
        meant = order_meant(text, late, self.knowledge.product, None)
        if meant.order is not None and (meant.products or orders.mentions_order(text)
                                        or _names_a_date(text)):
            return meant.order
        discussed = _text(turn.slots.get("order_id"))
        return next((o for o in late if o.id == discussed), late[0] if len(late) == 1 else None)

    def _order_product(self, order: OrderRow, text: str = "") -> dict[str, str]:
        """The product slot after talking about an order: the line the words name, else its
        first ("are those earbuds ok for running?" after "my earbuds order is late")."""
        lines = []
        for line in order.lines:
            try:
                lines.append(self.knowledge.product(line.product_id))
            except NotFound:
                continue
        named = [p for p in self.knowledge.products_named(text) if p in lines] or [
            p for p in lines if set(self.shopping.kinds_of(p.id)) & {
                k.split(":", 1)[1] for k in self.shopping.search.constraints(text).kinds}]
        chosen = (named or lines)[:1]
        return {"product": chosen[0].name_en} if chosen else {}

    def _delay_options(self, turn: Turn, shopper: Shopper) -> Reply:
        """"What are my options?": for a late order its remedies; after a problem with an
        item, the choices; otherwise what JIMI can help with."""
        order = self._late_order(turn, shopper)
        if order is not None:
            return Reply([orders.describe(order, shopper.language),
                          orders.delay_remedy(order, shopper.language)],
                         slots={"order_id": order.id, **self._order_product(order)},
                         went_wrong=True)
        if _last_problem(turn):
            return Reply([problems_text.choices(shopper.language)])
        return Reply([CLARIFY[shopper.language]])

    def _request_timing(self, turn: Turn, shopper: Shopper) -> Reply:
        """"How long does that take?" right after a request was filed: its next steps."""
        remedy = [m.split(":", 1)[1] for m in turn.marks if m.startswith("filed:")][-1]
        text = turn.latest.text
        if cues.MONEY.search(text) and (cues.FAST_METHODS.search(text) or cues.CARD.search(text)):
            return Reply([orders.refund_arrival(text, shopper.language)])  # "退回支付宝要多久"
        texts = [problems_text.timing(remedy, shopper.language)]
        if remedy == "replacement" and cues.ARRIVAL.search(turn.latest.text):
            texts.append(policy.delivery_line(shopper.profile, shopper.language))  # "多久能到"
        return Reply(texts)

    def _refund_timing(self, turn: Turn, shopper: Shopper) -> Reply:
        """When refunded money shows, for the payment method named."""
        return Reply([orders.refund_arrival(turn.latest.text, shopper.language)])

    def _faq(self, turn: Turn, shopper: Shopper) -> Reply:
        """A policy question asked in passing ("灯具保修多久啊"): the FAQ's answer, from the
        topic its words name."""
        text = turn.latest.text
        topic = next((intent for pattern, intent in cues.POLICY_TOPICS if pattern.search(text)),
                     turn.intent)
        if cues.WARRANTY_PERIOD.search(text):  # "still under warranty?": how long it lasts
            text = WARRANTY_QUESTION[shopper.language]
        row = self.faq.best(text, topic)
        line = answer_of(row, shopper.language) if row else None
        return Reply([line] if line else [CLARIFY[shopper.language]])

    def answers_instead_of_asking(self, turn: Turn, shopper_id: str) -> bool:
        """Whether JIMI can act on an order request without asking for the number: a damaged
        or missing item, a refund question about the policy, or an order the words point at."""
        text = turn.latest.text
        return bool(problem_in(text) or cues.TIMING.search(text) or cues.HOW.search(text)
                    or self.order_meant(turn, shopper_id))

    # -- policies (personal) ---------------------------------------------------------------

    def _faq_line(self, turn: Turn, language: str) -> str | None:
        """The FAQ's answer, from the topic the words name, else the intent's."""
        text = turn.latest.text
        topic = next((intent for pattern, intent in cues.POLICY_TOPICS if pattern.search(text)),
                     turn.intent)
        if cues.WARRANTY_PERIOD.search(text):  # "still under warranty?": how long it lasts
            text = WARRANTY_QUESTION[language]
        row = self.faq.best(text, topic)
        return answer_of(row, language) if row else None

    def _delivery_options(self, turn: Turn, shopper: Shopper) -> Reply:
        return Reply([policy.shipping_line(shopper.profile, shopper.language),
                      policy.delivery_line(shopper.profile, shopper.language)])

    def _delivery_period(self, turn: Turn, shopper: Shopper) -> Reply:
        texts = [policy.delivery_line(shopper.profile, shopper.language)]
        mine = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state in ("paid", "shipped", "delayed")]
        meant = self.order_meant(turn, shopper.profile.id)  # "我新下的那单什么时候到"
        discussed = meant.id if meant else orders.normalise_id(
            _text(turn.slots.get("order_id")) or "")
        # the order under discussion first, then a delayed one, then the catalogue's order
        mine.sort(key=lambda o: (o.id != discussed, o.state != "delayed"))
        if mine:
            texts.append(orders.describe(mine[0], shopper.language))
            if mine[0].state == "delayed":  # what happens now, and what they can do
                texts.append(orders.delay_remedy(mine[0], shopper.language))
        return Reply(texts)  # a question about delivery times: no apology for the late one

    def _return_policy(self, turn: Turn, shopper: Shopper) -> Reply:
        texts = [policy.returns_line(shopper.profile, shopper.language)]
        faq = self._faq_line(turn, shopper.language)
        if faq and "15" not in faq[:60]:  # the window itself is already said personally
            texts.append(faq)
        return Reply(texts)

    def _payment_issue(self, turn: Turn, shopper: Shopper) -> Reply:
        faq = self._faq_line(turn, shopper.language)
        texts = [faq] if faq else []
        texts.append(OFFER_PERSON[shopper.language])
        return Reply(texts)

    def _membership(self, turn: Turn, shopper: Shopper) -> Reply:
        return Reply([policy.membership_line(shopper.profile, shopper.language)])

    # -- people and feelings ---------------------------------------------------------------

    def _complaint(self, turn: Turn, shopper: Shopper) -> Reply:
        if "apology" in turn.marks:  # a second complaint: a person takes over now
            return self._handover(turn, shopper)
        text = turn.latest.text
        status = (self._order_status(turn, shopper) if orders.mentions_order(text)
                  or cues.ARRIVAL.search(text) or cues.NOT_SENT.search(text)
                  or cues.LATE.search(text) else Reply([]))
        # "my mug was meant to come on the 27th, useless": sorry, where it is, and a person
        return Reply([ACKNOWLEDGE[shopper.language], *status.texts,
                      self._remedy(turn, shopper, late_told=bool(status.texts))],
                     slots=status.slots, marks=["apology"])

    def _remedy(self, turn: Turn, shopper: Shopper, late_told: bool = False) -> str:
        """A concrete next step: for a late order its options (unless the answer just gave
        them), else a person, first in line."""
        late = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state == "delayed" and not late_told]
        if late:
            return " ".join(orders.delay_remedy(o, shopper.language) for o in late[:3]) + " " + \
                OFFER_PERSON[shopper.language]
        if shopper.language == "zh":
            return "我可以立即为您优先转接人工客服，无需排队。" + OFFER_PERSON["zh"]
        return ("I can put you through to a person right away, ahead of the queue. "
                + OFFER_PERSON["en"])

    def _sorry(self, reply: Reply, language: str) -> None:
        """Something went wrong with an order: sorry (unless the answer says it) and the offer
        of a person at the end, once a conversation."""
        if not any(_SORRY.search(t) for t in reply.texts):
            reply.texts.insert(0, SORRY_LATE[language])
        reply.texts.append(OFFER_PERSON[language])
        reply.marks.append("apology")

    def _handover(self, turn: Turn, shopper: Shopper) -> Reply:
        return Reply([HANDOVER[shopper.language]], handover=True)

    def _affirm(self, turn: Turn, shopper: Shopper) -> Reply:
        offered = bool(turn.bot_texts) and any(
            offer in turn.bot_texts[-1] for offer in OFFER_PERSON.values())
        if offered:
            return self._handover(turn, shopper)
        return self._small_talk(turn, shopper)

    def _asks_for_studio_work(self, turn: Turn) -> bool:
        latest = turn.latest
        if self.studio_request is None or not (
                latest.intent in MAYBE_STUDIO or latest.confidence < MAYBE_STUDIO_BELOW):
            return False
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


LONGEST_RETURN_DAYS = 60  # the platinum return window: later, a fault is a warranty matter
WARRANTY_QUESTION = {"en": "How long is the warranty?", "zh": "保修期有多长？"}
_CLAUSE = re.compile(r"(?i)[,;，；]|\bbut\b|\bkeep\b|\bi'?ll wait\b|保留|留着|先不")


def _asks_other(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("other one", "the other", "another one", "other order",
                                      "另外一单", "另一个", "另外一个",
                                      "另一款", "另一双", "另一件", "另一单", "另外那单",
                                      "另一个订单"))


def _merge(before: dict[str, list[str]], now: dict[str, list[str]]) -> dict[str, list[str]]:
    merged = {k: list(v) for k, v in before.items()}
    if now.get("colour") or now.get("size"):
        merged.pop("colour", None)
        merged.pop("size", None)
    merged.update({k: list(v) for k, v in now.items()})
    return merged


def _names_a_date(text: str) -> bool:
    return bool(re.search(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                          r"\d{1,2}\s*(?:st|nd|rd|th)\b|\d{1,2}\s*(?:月|号|日)", text))


def _last_problem(turn: Turn) -> tuple[str, str, str] | None:
    """(problem, order id or "", the shopper's words while no order is known) of the last
    problem raised in this conversation."""
    for mark in reversed(turn.marks):
        if mark.startswith("problem:"):
            _, problem, order_id, said = (mark.split(":", 3) + ["", "", ""])[:4]
            return problem, order_id, said
    return None


def _without_offer(text: str) -> str:
    for offer in OFFER_PERSON.values():
        text = text.replace(offer, "")
    return text.strip()


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
