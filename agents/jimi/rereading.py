"""JIMI rereads the NLU's intent against the words and the conversation: a damaged item, a
policy asked in passing, a follow-up about the product under discussion ("what colours?",
"got it in 46?"), "which one is lighter?", an order a carry-on names ("and the tumbler one?").
"""

from __future__ import annotations

import re

from agents.jimi import cues, money, orders
from agents.jimi.asked import attributes_asked, colour_asked, size_asked
from agents.jimi.context import ORDER_INTENTS, Shopper, Turn
from agents.jimi.empathy import assess
from agents.jimi.order_rereading import OrderRereading
from agents.jimi.order_talk import _last_problem, _names_a_date
from agents.jimi.policy_asked import policy_asked
from agents.jimi.problems import RECENT, problem_in, remedy_in
from agents.jimi.product_answers import model_named
from agents.jimi.relative import comparative_asked
from agents.jimi.requested import request_clause
from agents.jimi.search_terms import currency_asked, needs_in, ordering_of
from agents.jimi.sums import basket_asked

_INSTEAD = re.compile(r"(?i)\b\w{1,4}\s+instead of\s+\w{1,4}\b|\b\d{2}\b.{0,12}\b\d{2}\b")


class Rereading(OrderRereading):
    """What a message asks in its conversation, where the words say more than the intent."""

    def _reread(self, turn: Turn, intent: str, shopper: Shopper) -> str:
        """What the message asks in this conversation, where the words say more than the
        intent alone: a damaged or missing item, a policy question, a follow-up about the
        product under discussion ("what colours?", "got it in 46?", "第二个有防雨罩吗")."""
        if intent in ("out_of_scope", "nlu_fallback") and cues.OTHER_TOPIC.search(turn.latest.text):
            return "out_of_scope"  # "cheers. random q, will it snow in munich this weekend"
        asked = request_clause(turn.latest.text)
        if asked is not None and asked[0] == "cancel_order" and intent == "get_refund":
            return "cancel_order"  # "那取消吧 钱退回支付宝要几天": cancelled, then when
        if basket_asked(turn, self.shopping, shopper.profile.id) and \
                not orders.mentions_order(turn.latest.text):
            return "basket_total"  # "2 mugs plus the coffee tin?", "这两款一共多少钱"
        found = self._returning(turn, shopper) or self._service(turn, intent) or \
            self._order_follow_up(turn, intent, shopper) or self._search_refined(turn, intent)
        if found is not None:
            return found
        if intent not in cues.FOLLOW_UP_INTENTS:
            if comparative_asked(turn.latest.text) and (turn.slots.get("product") or turn.shown) \
                    and not cues.ORDER_WORDS.search(turn.latest.text) and \
                    not cues.POLICY.search(turn.latest.text):
                return "relative"  # "有没有小一点能揣兜里的" whatever the NLU made of it
            return intent
        return self._shopping_follow_up(turn, intent, shopper)

    def _service(self, turn: Turn, intent: str) -> str | None:
        """Problems, policies and timings the words ask about, whatever the intent."""
        text = turn.latest.text
        if cues.MY_MISTAKE.search(text) and cues.REQUEST_VERB.search(text):
            if cues.CANCEL_WORD.search(text) and intent != "change_order":
                return "cancel_order"  # "pls cancel SM-100069, I ordered the tea by mistake"
            return "change_order"  # "picked the wrong size, could you switch them to a 44?"
        if cues.PERSON_ASKED.search(text) and intent != "contact_human_agent":
            return "contact_human_agent"  # "地址没问题啊 你们到底怎么回事 转人工"
        if cues.OPTIONS.search(text) and turn.slots.get("order_id") and \
                not cues.REQUEST_VERB.search(text):
            return "delay_options"  # "i'll keep it but can i get something for the wait?"
        previous = turn.previous_substantive()
        if intent in ("deny", "affirm", "out_of_scope", "nlu_fallback") and previous and \
                cues.CORRECTION.search(text) and len(text) > 8:
            return previous.intent  # "不是，我是问玻璃那个多高": the question again, corrected
        if intent in ("affirm", "inform", "out_of_scope", "nlu_fallback") and \
                turn.slots.get("order_id") and (cues.CANCEL_WORD.search(text) or (
                    intent == "affirm" and turn.bot_texts and any(
                        o in turn.bot_texts[-1] for o in orders.OFFER_CANCEL.values()))) and \
                not self.shopping.products_named(text):
            return "cancel_order"  # "ok yes please cancel it" after it could still be
        if cues.HOMEWORK.search(text) and not orders.mentions_order(text) and not (
                cues.SEARCHING.search(text) or self.shopping.search.constraints(text).kinds):
            return "off_topic"  # "能帮我做一下这道题吗：长方形...面积是多少"
        if cues.REMOVE_LINE.search(text) and (turn.slots.get("order_id") or orders.mentions_order(
                text) or (RECENT.search(text) and cues.ORDER_WORDS.search(text))):
            return "change_order"  # "could you just drop the bottle and send me the rest?"
        if cues.PHOTO_QUESTION.search(text):
            return "photo_help"  # "do you need pictures?", "需要我拍照吗"
        if intent == "complaint" and re.search(r"(?i)\bcancel|取消", text):
            return "cancel_order"  # "...this is ridiculous. just cancel the pans"
        if (cues.STORE_CREDIT.search(text) or cues.REFUND_WHERE.search(text)) and \
                not orders.mentions_order(text):
            return "faq"  # "could i take store credit instead?": the policy, +5%
        if previous is not None and previous.intent == "change_order" and len(text) <= 30 and \
                problem_in(text) in (None, "wrong") and turn.slots.get("order_id") and \
                (size_asked(text) or _INSTEAD.search(text) or colour_asked(text)):
            return "change_order"  # "M instead of L" after "can i change the size on my order?"
        if intent in cues.PROBLEM_INTENTS and problem_in(text) and not (
                intent == "product_search" and cues.SEARCHING.search(text)
                and not orders.mentions_order(text)):  # "my old boots fell apart ... suggest?"
            return "report_problem"
        if intent == "product_search" and not cues.SEARCHING.search(text) and \
                ordering_of(text) is None and assess(text, "complaint", [], []).score >= 2:
            return "complaint"  # "are you kidding me?? u won't take back a hoodie": no search
        if intent in ORDER_INTENTS and cues.ELLIPTICAL.search(text) and \
                not cues.REQUEST_VERB.search(text):
            return "order_status"  # "橙汁那单呢" after a cancellation asks, it cancels nothing
        found = policy_asked(turn, intent, previous, self.shopping)
        if found is not None:
            return found
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
        filed = any(m.startswith("filed:") for m in turn.marks)
        if cues.TIMING.search(text) and cues.USUAL_DELIVERY.search(text) and not (
                filed and not _DELIVERY_NAMED.search(text)) and not (  # "how long does that take"
                cues.MONEY.search(text) or cues.RETURNING.search(text)
                or orders.mentions_order(text)) and intent not in (*ORDER_INTENTS, "order_status"):
            return "delivery_period"  # "平时下单标准配送要几天到" after a refund was filed
        if cues.TIMING.search(text) and any(m.startswith("filed:") for m in turn.marks) and \
                not orders.mentions_order(text) and (intent != "order_status"
                                                     or cues.MONEY.search(text)) and not [
                a for a in attributes_asked(text, None) if a not in ("price", "stock")]:
            return "request_timing"  # "how long does that take", "...till it's on my card"
        problem = _last_problem(turn)
        if problem and (remedy_in(text) or (not problem[1] and (
                orders.mentions_order(text) or RECENT.search(text) or _names_a_date(text)))):
            return "report_problem"  # "the november one", "fine, refund it then"
        if cues.OPTIONS.search(text):
            return "delay_options"  # "what are my options", "the pans one is late, what can I do"
        return None

    def _search_refined(self, turn: Turn, intent: str) -> str | None:
        """A search narrowed or tried again after a list: "不要带咖啡因的", "那预算加到700呢",
        "太贵了，最便宜的呢"."""
        text = turn.latest.text
        if turn.last_shown() and intent in cues.REFINING_INTENTS and not cues.PRONOUN.search(text) \
                and not cues.ASKS_ABOUT.search(text) and not (
                    _THE_ONE.search(text) and attributes_asked(text, None)) and (
                    any(need != "stock" and (need, present) != ("kids", True)  # "6岁穿什么码"
                        for need, present in needs_in(text)) or self._new_budget(text)):
            return "product_search"  # "不要带咖啡因的", "那预算加到700呢": the search, narrowed
        if intent == "complaint" and (ordering_of(text) is not None or self._new_budget(text)) \
                and (turn.last_shown() or self.shopping.kinds_named(text)) and \
                not (cues.LATE.search(text) or cues.NOT_SENT.search(text)):
            return "product_search"  # "太贵了，最便宜的呢", "算了。你们最便宜的杯子是哪个"
        return None

    def _shown_of_kind(self, turn: Turn, text: str) -> int:
        """How many of the products just shown are of a kind the words name."""
        kinds = self.shopping.kinds_named(text)
        return sum(bool(kinds & set(self.shopping.kinds_of(p)))
                   for p in self.shopping.known(turn.last_shown()))

    def _new_budget(self, text: str) -> bool:
        wanted = self.shopping.search.constraints(text)
        return (wanted.price_max is not None or wanted.price_min is not None) and not (
            self.shopping.products_named(text))

    def _about_product(self, turn: Turn) -> bool:
        """Whether JIMI's last reply was about the product under discussion (its price is
        then asked about as the product's)."""
        product = self.shopping.find(str(turn.slots.get("product") or ""))
        last = turn.bot_texts[-1] if turn.bot_texts else ""
        return product is not None and (product.name_en in last or bool(
            product.name_zh and product.name_zh in last))

    def _shopping_follow_up(self, turn: Turn, intent: str, shopper: Shopper) -> str:
        """A follow-up about the products shown or discussed: a comparison, a question about
        one of them, a narrower search, "which one is lighter?"."""
        text = turn.latest.text
        wanted = self.shopping.search.constraints(text)
        if currency_asked(text) not in (None, "USD") and money.THAT.search(text) and \
                turn.bot_texts and money.amount_said(turn.bot_texts[-1]) is not None and \
                not self.shopping.products_named(text) and not wanted.kinds and \
                not self._about_product(turn):
            return "amount_in_currency"  # "how much is that in pounds" after "a $10 voucher"
        if currency_asked(text) and len(text) <= 24 and (
                turn.slots.get("product") or turn.last_shown()) and \
                not wanted.kinds and wanted.price_max is None and wanted.price_min is None:
            return "product_question"  # "in £ pls": the price of the one discussed
        if intent in ("inform", "nlu_fallback", "out_of_scope") and wanted.kinds and \
                len(text.split()) <= 3 and len(text) <= 24 and not attributes_asked(text, None) \
                and not cues.CARRY_ON.search(text) \
                and not self.shopping.products_named(text) and not turn.slots.get("order_id"):
            return "product_search"  # "smartwatch?", "coffee?": that kind
        if comparative_asked(text) is not None and (turn.slots.get("product") or turn.shown) \
                and wanted.price_max is None and wanted.price_min is None:
            return "relative"  # "anything lighter than the first one?", "有没有便宜点的"
        if (cues.ANYTHING_ELSE.search(text) or cues.SIMILAR.search(text)) and (
                turn.slots.get("product") or turn.last_shown()) and (wanted.kinds or (
                    not attributes_asked(text, None) and not colour_asked(text))):
            return "product_search"  # "200人民币以内还有别的吗", "anything similar?"
        if cues.OTHER_COLOURS.search(text) and turn.slots.get("product") and \
                not self.shopping.search.constraints(text).kinds:
            return "product_question"  # "any colours other than black?"
        if model_named(text) and not cues.PRONOUN.search(text) and any(
                self.knowledge.product(p).values("compatible_models")
                for p in self.shopping.known(turn.last_shown())):
            return "product_search"  # "what about a galaxy s25" after the cases listed
        if intent == "compare_products" and ordering_of(text) is not None and \
                self.shopping.search.constraints(text).kinds and \
                len(self.shopping.named_in(text)) < 2:
            return "product_search"  # "跑鞋里面哪双最轻？": the lightest of a kind
        if cues.COMPARE.search(text) and (intent == "compare_products" or len(
                self.shopping.products_named(text)) + len(turn.last_shown()) + bool(
                turn.slots.get("product")) >= 2):
            return "compare_products"
        if intent in ("out_of_scope", "nlu_fallback") and cues.CONTENTS.search(text) and \
                _ORDER_WORD.search(text):
            return "order_status"  # "我上一单买的啥来着": that order's lines
        if intent in ("inform", "out_of_scope", "nlu_fallback") and \
                len(self.shopping.products_named(text)) == 1:
            return "product_question"  # "do the fitbuds come in white"
        if intent in ("out_of_scope", "nlu_fallback", "inform", "affirm") and \
                ordering_of(text) is not None and len(turn.last_shown()) >= 2 and \
                len(text.split()) <= 4 and len(text) <= 24 and not wanted.kinds and \
                not attributes_asked(text, None):
            return "which_of"  # "最轻的", "cheapest?" after a list: the one of those
        unsure = self._unsure(turn, shopper) if intent in ("out_of_scope", "nlu_fallback") \
            else None
        if unsure is not None:
            return unsure
        if intent != "compare_products" and not cues.WHICH.search(text) and \
                self.shopping.search.constraints(text).kinds and self.shopping.ours(turn, shopper):
            return "product_question"  # "发光鞋有哪些码": the one product the words single out
        if not (turn.slots.get("product") or turn.shown):
            return intent
        constraints = self.shopping.search.constraints(text)
        own_search = bool(constraints.kinds or constraints.categories or
                          constraints.price_max is not None or constraints.price_min is not None)
        if self._new_budget(text) and not constraints.kinds and _NEW_TRY.search(text) and \
                not attributes_asked(text, None):
            return "product_search"  # "这个是儿童的啊…那预算加到700呢": the search, re-budgeted
        if own_search and (self.shopping.this_one(turn) or self.shopping.named_by_part(text)
                           or self.shopping.ours(turn, shopper)):
            return "product_question"  # "what colour temperature is that lamp", "这灯多少瓦"
        if own_search and ordering_of(text) is None and intent == "product_search":
            return intent
        if cues.BIGGER.search(text) and len(text) <= 40 and len(turn.last_shown()) <= 1 and \
                turn.slots.get("product") and not cues.WHICH.search(text) and \
                not _HOW_BIG.search(text) and \
                all(a == "capacity_ml" for a in attributes_asked(text, None)):
            return "relative"  # "got bigger one or not"
        pointed = self.shopping.referenced(turn)
        if pointed is not None and pointed.how in ("bigger", "cheaper", "dearer", "lighter") and \
                (attributes_asked(text, None) or colour_asked(text)) and \
                not cues.WHICH.search(text) and cues.ASKS_ABOUT.search(text):
            return "product_question"  # "does the big one do fast charging", "便宜点的那双有棕色吗"
        if pointed is not None and pointed.how in ("ordinal", "in_stock") and not own_search:
            return "product_question"  # "第一双有没有42码的棕色"
        if cues.SEARCHING.search(text) and not cues.PRONOUN.search(_CONTENT_IT.sub("", text)) \
                and (own_search or constraints.values or constraints.soft):
            return "product_search"  # "recommend me something with caffeine but no sugar"
        if pointed is not None and pointed.how == "named" and not cues.SEARCHING.search(text):
            return "product_question"  # "what about the light-up shoes, he's a size 28"
        if self.shopping.named_by_part(text) and ordering_of(text) is None:
            return "product_question"  # "那件有机棉的有哪些颜色"
        if ordering_of(text) is not None and (constraints.values or own_search or (
                cues.YOU_HAVE.search(text) and not self.shopping.products_named(text))) and \
                not cues.WHICH.search(text):  # "brightest light you've got for camping?"
            return "product_search"  # "ok and the lightest waterproof one?": a narrower search
        current = turn.slots.get("product")
        discussed = self.shopping.find(str(current)) if current else None
        asks = bool(cues.SIZE_WORD.search(text) or cues.PRONOUN.search(text) or (
            intent != "product_search" and (attributes_asked(text, discussed)
                                            or colour_asked(text))))
        if cues.WHICH.search(text) and len(turn.last_shown()) >= 2 and (
                not constraints.kinds or (ordering_of(text) is None
                                          and self._shown_of_kind(turn, text) >= 2)) and (
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
        if (constraints.soft or constraints.values or needs_in(text)) and \
                cues.SEARCHING.search(text) and not constraints.kinds:
            return "product_search"  # "给6岁女儿挑个生日礼物，有推荐吗", "need a pick-me-up"
        asked = [a for a in attributes_asked(text, None) if a not in ("price", "stock")]
        if asked and (turn.slots.get("product") or turn.last_shown()) and len(text) <= 80 and \
                not cues.WHICH.search(text) and ordering_of(text) is None:
            return "product_question"  # "how many come in a box, for both?"
        if (constraints.kinds or constraints.categories or constraints.brands) and (
                cues.SHOPPING_QUESTION.search(text) or cues.SEARCHING.search(text)
                or ordering_of(text) is not None):
            return "product_search"
        previous = turn.previous_substantive()
        if previous is not None and cues.CARRY_ON.search(text) and len(text) <= 24 and \
                previous.intent in cues.TOPIC_INTENTS:
            return previous.intent
        return None


# "anything sugar free that still has caffeine in it?": "that" and "it" inside the
# description, no reference to the product discussed
_CONTENT_IT = re.compile(r"(?i)\b(?:in|inside|on|with) it\b|\bthat(?= (?:is|are|has|have|still|"
                         r"can|does|do|will|would|comes?|fits?|goes|works?|lasts?|keeps?|"
                         r"holds?)\b)")
_DELIVERY_NAMED = re.compile(r"(?i)deliver|shipping|\bship\b|arriv|配送|快递|送到|到货|发货")

# a search tried again with a new budget: "那预算加到700呢", "ok what about under 150 then"
# the size of the one discussed asked, not a bigger one: "how big is it", "有多大"
_HOW_BIG = re.compile(r"(?i)\bhow (?:big|large|small) (?:is|are) (?:it|they|this|that)\b|有多大|多大")
_ORDER_WORD = re.compile(r"(?i)\border\b|单|订单")
_NEW_TRY = re.compile(r"(?i)那|呢|\bthen\b|what about|how about|\binstead\b")
# "the grown-up one, battery?": one of those shown, asked about
_THE_ONE = re.compile(r"(?i)\bthe [\w-]+(?: [\w-]+)? one\b")
