"""JIMI rereads the NLU's intent where a message is about orders: a return asked after the
window or inside it ("can I still return the candle from July?"), an order a carry-on names
("and the tumbler one?", "haha ok. what about my mug order"), a late order said in passing
("my mug order still hasnt come, was due 29 nov"), "which item is holding it up?".
``Rereading`` (``rereading``) asks these first.
"""

from __future__ import annotations

import re

from agents.jimi import cues, orders, returns
from agents.jimi.asked import attributes_asked
from agents.jimi.context import ORDER_INTENTS, Shopper, Turn
from agents.jimi.order_talk import OrderTalk, _names_a_date
from agents.jimi.problems import DELAY, lines_mentioned, order_meant, problem_in
from agents.jimi.search_terms import ordering_of
from kg.schema import OrderRow
from shopmind import clock

# intents under which "my order is late" was misread (not a request, policy or complaint)
_NOT_ABOUT_ORDERS = ("product_search", "product_question", "compare_products", "out_of_scope",
                     "nlu_fallback", "inform", "affirm", "greet", "thanks", "delivery_period",
                     "delivery_options")


class OrderRereading(OrderTalk):
    """The order readings of a message (``Rereading`` adds the product and policy ones)."""

    def _returning(self, turn: Turn, shopper: Shopper) -> str | None:
        """"Did my return go through?", "can I still return the candle from July?", a swap
        of something delivered past the return window: the return window's answer."""
        text = turn.latest.text
        if DELAY.search(text) and cues.OPTIONS.search(text):
            return None  # "晚了超过7天是不是能退全款？还是只能拿个券": what a delay earns
        if returns.RETURN_STATUS.search(text):
            return "return_window" if self.orders_for_return(turn, shopper.profile.id) else None
        if not returns.CAN_RETURN.search(text) or problem_in(text) or cues.PLANS_TO_BUY.search(text) or (
                cues.RETURN_CONDITION.search(text) and not cues.UNUSED.search(text)):
            return None  # "can i return drinks i already opened": what may go back
        found = self.orders_for_return(turn, shopper.profile.id)
        today = clock.today()
        if found and any(returns.past_window(o, shopper.profile, today) for o in found):
            return "return_window"
        if found and cues.WANTS_RETURN.search(text):
            return "get_refund"  # "I'd like to return the lamp please": inside the window
        if found and cues.STILL.search(text):
            return "return_window"
        return None

    def orders_for_return(self, turn: Turn, shopper_id: str) -> list[OrderRow]:
        """The delivered or returned orders the words name by contents or date."""
        text = turn.latest.text
        states = ("returned",) if returns.RETURN_STATUS.search(text) else ("delivered",)
        mine = [o for o in self.knowledge.accounts.orders_of(shopper_id) if o.state in states]
        if not mine:
            return []
        given = {orders.normalise_id(i) for i in orders.order_ids(text)}
        if given:  # "and SM-100023, until when?": the number written wins over what was said
            return [o for o in mine if o.id in given]
        discussed = [o for o in mine if o.id == orders.normalise_id(
            str(turn.slots.get("order_id") or ""))]
        if discussed and lines_mentioned(text, discussed, self.knowledge.product):
            return discussed  # "and the lamp - until when can I return it?": that order's lamp
        meant = order_meant(text, mine, self.knowledge.product, states)
        if meant.order is not None and (meant.products or _names_a_date(text)):
            return [meant.order]
        named = lines_mentioned(text, meant.candidates, self.knowledge.product)
        if not named and discussed and not orders.mentions_order(text):
            return discussed  # "until when could I have sent it back?": the order discussed
        return [o for o in meant.candidates if o.id in named][:3]  # two with a phone case

    def _order_follow_up(self, turn: Turn, intent: str, shopper: Shopper) -> str | None:
        """An order named in passing, a refund's timing, "too dear, the cheapest?"."""
        text = turn.latest.text
        previous = turn.previous_substantive()
        if previous is not None and (previous.intent == "order_status" or turn.slots.get(
                "order_id")) and intent not in ORDER_INTENTS and (cues.CARRY_ON.search(text) or (
                    _names_a_date(text) and cues.ORDER_SHAPE.search(text))) and \
                len(text) <= 60 and not cues.SEARCHING.search(text) and \
                self._another_order(turn, shopper) is not None:
            return "order_status"  # "and the tumbler one?" after "the one with the skillet"
        if previous is not None and previous.intent in (*ORDER_INTENTS, "order_status") and \
                intent not in ORDER_INTENTS and len(text) <= 60 and cues.WHICH_ORDER.search(text) \
                and _listed_or_asked_orders(turn) and \
                self.order_meant(turn, shopper.profile.id, latest_only=True) is not None:
            return previous.intent  # "the one with the pans" after two orders were listed
        if intent in ("inform", "out_of_scope", "nlu_fallback", "affirm") and \
                cues.MY_ORDER.search(text) and len(text) <= 60 and \
                self.order_meant(turn, shopper.profile.id, latest_only=True) is not None:
            return "order_status"  # "haha ok. what about my mug order"
        if cues.HOLDING.search(text) and turn.slots.get("order_id") and \
                intent not in ORDER_INTENTS:
            return "order_status"  # "which item is holding it up?" of the late order discussed
        if intent in _NOT_ABOUT_ORDERS and cues.LATE_ORDER.search(text) and not problem_in(text) and \
                not cues.PERSON_ASKED.search(text):
            return "order_status"  # "my mug order still hasnt come, was due 29 nov"
        if intent not in (*ORDER_INTENTS, "order_status") and cues.THAT_ORDER.search(text) and \
                not cues.REQUEST_VERB.search(text) and \
                self.order_meant(turn, shopper.profile.id, latest_only=True) is not None:
            return "order_status"  # "等人工的时候你先说说橙汁那单到底啥情况"
        if intent == "order_status" and ordering_of(text) is not None and not (
                cues.ORDER_WORDS.search(text) or orders.mentions_order(text)) and \
                self.shopping.search.constraints(text).kinds:
            return "product_search"  # "最轻的T恤是哪件？": a superlative, not an order
        if intent == "order_status" and set(attributes_asked(text, None)) & {"price", "stock"} \
                and (self.shopping.products_named(text) or self.shopping.described(
                    turn, shopper.profile.id)):
            return "product_question"  # "那单里的香薰蜡烛还有货不 多少钱": buying it again
        if intent == "order_status" and turn.slots.get("product") and not (
                cues.ORDER_WORDS.search(text) or orders.mentions_order(text)) and [
                a for a in attributes_asked(text, None) if a not in ("price", "stock")]:
            return "product_question"  # "加糖了吗" about the drink discussed, not an order
        if intent in ORDER_INTENTS and cues.ORDER_IT.search(text) and turn.slots.get("product") \
                and not orders.mentions_order(text):
            return "product_question"  # "the lemon one, can I order that?": buying it
        if intent in ORDER_INTENTS and cues.WHICH_COLOURS.search(text):
            return "product_question"  # "the shoe in this order, which colours it has?"
        if cues.REFUND_AMOUNT.search(text) and turn.slots.get("order_id") and \
                not cues.TIMING.search(text):
            return "refund_amount"  # "how much do i get back?" after the cancellation
        if (cues.CARD.search(text) or cues.FAST_METHODS.search(text)) and len(text) <= 20 and \
                any(re.search(r"(?i)refund|退款", t) for t in turn.bot_texts[-1:]) and \
                not orders.mentions_order(text):
            return "refund_timing"  # "我是微信支付的" after the refund was talked about
        if cues.MONEY.search(text) and cues.TIMING.search(text) and (
                cues.CARD.search(text) or cues.FAST_METHODS.search(text)) and \
                not orders.mentions_order(text) and not any(
                m.startswith("filed:") for m in turn.marks):
            return "refund_timing"  # "how fast does the money land back on my Amex?"
        return None

    def _another_order(self, turn: Turn, shopper: Shopper) -> OrderRow | None:
        """The order a carry-on names by its contents or date, when it asks nothing about a
        product ("and the one with the rain jacket?", not "and the lamp in it, how bright?")."""
        text = turn.latest.text
        mine = self.knowledge.accounts.orders_of(shopper.profile.id)
        lines = lines_mentioned(text, mine, self.knowledge.product)
        if not (lines or _names_a_date(text)):
            return None
        names = [self.knowledge.product(p) for ids in lines.values() for p in ids]
        bare = text.lower()
        for product in names:  # "rain" in "the rain jacket" asks nothing about rain
            if product.name_zh:
                bare = bare.replace(product.name_zh, " ")
            for word in product.name_en.lower().split():
                bare = re.sub(rf"\b{re.escape(word)}s?\b", " ", bare)
        if attributes_asked(bare, None):
            return None
        return self.order_meant(turn, shopper.profile.id, latest_only=True)


_WHICH_ORDER_ASKED = re.compile(r"(?i)which order is it|哪一?个订单")


def _listed_or_asked_orders(turn: Turn) -> bool:
    """Whether JIMI's last answer listed several orders or asked which order is meant."""
    recent = turn.bot_texts[-4:]
    return any(_WHICH_ORDER_ASKED.search(t) for t in recent) or len(
        {i for t in recent for i in orders.order_ids(t)}) >= 2

