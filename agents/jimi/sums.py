"""The policy answers that need sums: the free-shipping check of a basket or an order, the
points an order earns, what each instalment comes to (``money``). ``Sums`` is a base of
``agents.jimi.core.Jimi``."""

from __future__ import annotations

import re

from agents.jimi import cues, membership, money, policy
from agents.jimi.context import Reply, Shopper, Turn
from agents.jimi.faq import answer_of
from agents.jimi.faq_talk import OFFER_PERSON
from agents.jimi.order_talk import OrderTalk
from agents.jimi.pointing import count_in
from agents.jimi.search_terms import currency_asked
from agents.jimi.shopping import Shopping
from kg.facts import ProductFacts
from shopmind.errors import NotFound

# the order under discussion, in a shipping question ("这单要付运费吗", "on that order")
_THIS_ORDER = re.compile(r"(?i)这单|那单|这个订单|那个订单|\b(?:this|that|the|my) order\b")
METHODS_QUESTION = {"en": "Which payment methods do you accept?", "zh": "支持哪些支付方式？"}
_METHOD = re.compile(r"(?i)wechat|alipay|paypal|apple pay|google pay|\bvisa\b|mastercard|amex|"
                     r"credit card|微信|支付宝|信用卡|银行卡|花呗")
KEEP_TIER_QUESTION = {"en": "How long do I keep my tier?", "zh": "会员等级可以保持多久？"}

# its price asked with the shipping: "多少钱 包邮吗", "how much is it and is shipping free"
_HOW_MUCH = re.compile(r"(?i)\bhow much (?:is it|would it|does it|will it|for (?:it|one|that))|"
                       r"\bwhat(?:'s| is) the price\b|(?<!运费)(?<!邮费)(?<!运费要)多少钱|啥价|什么价")
# two of those shown: "the total for both", "这两个一起"
_BOTH = re.compile(r"(?i)\bboth\b|两个|两款|两件|俩|这两")


# paying in another currency: "can i pay in euros?", "可以用人民币付款吗"
_PAY_IN = re.compile(r"(?i)\bpay (?:in|with) (?:euros?|pounds?|sterling|yuan|rmb|cny|yen|gbp|eur|jpy|"
                     r"another currency|my (?:own |local )?currency)\b|\bcurrenc(?:y|ies)\b|"
                     r"(?:用|拿)(?:人民币|欧元|英镑|日元|本地货币)(?:付|支付|结算)|币种|货币")


class Sums(OrderTalk):
    """Shipping, payment and membership answers over a basket, an order or a price."""

    def _delivery_options(self, turn: Turn, shopper: Shopper) -> Reply:
        texts = [policy.shipping_line(shopper.profile, shopper.language),
                 policy.delivery_line(shopper.profile, shopper.language,
                                       policy.region_named(*turn.recent_texts()))]
        priced = self._basket(turn, shopper)
        if priced:  # "买一个亚麻抱枕加一个雪松香薰蜡烛，够包邮吗": the basket's total
            texts[:0] = [policy.basket_line(shopper.profile, priced, shopper.language),
                         *self._in_currency(turn, priced, shopper.language)]
        named = self.shopping.basket(turn, shopper.profile.id)
        return Reply(texts, slots={"product": named[0].name_en} if len(named) == 1 else {})

    def _basket_total(self, turn: Turn, shopper: Shopper) -> Reply:
        """"the 50l one plus the 750ml bottle, whats the total?", "再加一套丝绒抱枕套呢？这两款一共
        多少钱": the basket's total and whether it ships free, and the delivery time if asked."""
        priced = self._basket(turn, shopper)
        if not priced:
            return self._delivery_options(turn, shopper)
        texts = [policy.basket_line(shopper.profile, priced, shopper.language),
                 *self._in_currency(turn, priced, shopper.language)]
        if money.EARN.search(turn.latest.text):  # "这两个一起买多少钱，能给我多少积分"
            texts.append(money.points_earned(shopper.profile, sum(p for _, p in priced),
                                             shopper.language))
        if cues.TIMING.search(turn.latest.text) or cues.SHIP_TO.search(turn.latest.text):
            texts.append(policy.delivery_line(shopper.profile, shopper.language,
                                       policy.region_named(*turn.recent_texts())))
        return Reply(texts)

    def _amount_in_currency(self, turn: Turn, shopper: Shopper) -> Reply:
        """"how much is that in pounds roughly" after "...we'll add a $10 voucher": the one
        amount JIMI just said, in the currency asked."""
        asked = currency_asked(turn.latest.text) or ""
        rate = self.shopping.search.rates.get(asked)
        amount = money.amount_said(turn.bot_texts[-1]) if turn.bot_texts else None
        if amount is None or not rate:
            return self.shopping.question(turn, shopper)
        return Reply([money.converted_line(amount, asked, rate, shopper.language)])

    def _in_currency(self, turn: Turn, priced: list[tuple[str, float]],
                     language: str) -> list[str]:
        """"whats that in pounds and is shipping free": the total in the currency asked."""
        asked = currency_asked(turn.latest.text)
        rate = self.shopping.search.rates.get(asked or "")
        if not asked or asked == "USD" or not rate:
            return []
        return [money.in_currency_line(sum(price for _, price in priced) / rate, asked, language)]

    def _basket(self, turn: Turn, shopper: Shopper) -> list[tuple[str, float]]:
        """(name, price) of what a shipping question prices: the products named, "both" of
        those just shown, or the order under discussion ("what's the order total then?")."""
        text, language = turn.latest.text, shopper.language
        count = money.quantity_in(text)
        if not (cues.FREE_SHIPPING.search(text) or cues.TOTAL.search(text)
                or ((cues.SHIPPING_COST.search(text) or cues.WITH_SHIPPING.search(text))
                    and (_THIS_ORDER.search(text) or count or _HOW_MUCH.search(text)))
                or basket_asked(turn, self.shopping, shopper.profile.id)):
            return []
        counted = self.shopping.counted_basket(turn, shopper.profile.id)
        named = [p for p, _ in counted]
        pointed = self.shopping.referenced(turn) if not named else None
        if pointed is not None and pointed.how == "plural":  # "两个都买的话一共多少钱"
            many = 2 if _BOTH.search(text) else 3  # "the total for both": two of them
            named = [self.knowledge.product(p) for p in pointed.products[:many]]
        elif not named and (cues.THIS_ONE.search(text) or count or _HOW_MUCH.search(text)):
            found = self.shopping.product_of(turn, shopper.profile.id)  # "买这个包邮吗",
            named = [found] if found else []  # "买10瓶多少钱 要运费吗": the one discussed
            counted = [(found, count)] if found and count else counted
        if named:  # "2 mugs plus the coffee tin": each at its count
            counts = {p.id: count for p, count in counted}
            return [_priced_line(p, counts.get(p.id, 1), language) for p in named]
        order_id = str(turn.slots.get("order_id") or "")
        if order_id and (cues.TOTAL.search(text) or _THIS_ORDER.search(text)):
            try:
                order = self.knowledge.accounts.order_for(shopper.profile.id, order_id)
            except NotFound:
                return []
            return [(self.knowledge.product(line.product_id).name(language),
                     line.unit_price * line.quantity) for line in order.lines]
        return []

    def _payment_issue(self, turn: Turn, shopper: Shopper) -> Reply:
        if _PAY_IN.search(turn.latest.text):  # "can i pay in euros?": prices are in USD
            row = self.faq.best(METHODS_QUESTION[shopper.language], "payment")
            if row:
                return Reply([answer_of(row, shopper.language)])
        faq = self._faq_line(turn, shopper.language)
        texts = [faq] if faq else []
        priced = self._priced(turn, shopper) if money.INSTALMENT.search(turn.latest.text) else None
        if priced:  # "可以分期吗？每期多少钱": what each instalment comes to
            texts = [money.instalment_line(priced[0], shopper.language, priced[1])]
            row = self.faq.best(METHODS_QUESTION[shopper.language], "payment") \
                if _METHOD.search(turn.latest.text) else None  # "每期多少钱 能用微信付吗"
            texts += [answer_of(row, shopper.language)] if row else []
            return Reply(texts, slots=self._priced_slot(turn, shopper, priced))
        texts.append(OFFER_PERSON[shopper.language])
        return Reply(texts)

    def _membership(self, turn: Turn, shopper: Shopper) -> Reply:
        text, language = turn.latest.text, shopper.language
        points = membership.points_asked(text, turn.bot_texts)
        if points is not None:  # "100 pts = ?", "what's that worth at checkout?"
            rate = [policy.points_line(shopper.profile, language)] \
                if membership.RATE.search(text) else []  # "白金会员积分怎么算？100积分能抵多少钱"
            return Reply([*rate, membership.worth_line(points, language)])
        if membership.LADDER.search(text):  # "会员等级怎么升级的": every step, and where they are
            return Reply([membership.ladder_line(language),
                          policy.membership_line(shopper.profile, language)])
        if membership.RATE.search(text):  # "how do points work for me": theirs, and the worth
            return Reply([policy.points_line(shopper.profile, language),
                           membership.worth_line(100, language)])
        if membership.KEEP_TIER.search(text) or membership.KEEP_IT.search(text):
            row = self.faq.best(KEEP_TIER_QUESTION[language], "membership_benefits")
            if row:  # "等级能保持多久"
                return Reply([answer_of(row, language)])
        named = membership.tiers_named(text)
        if named and named != [shopper.profile.membership]:  # "whats the perks of gold"
            own = [policy.membership_line(shopper.profile, language)] \
                if membership.OWN_TIER.search(text) else []  # "what tier am i and ...platinum"
            return Reply([*own, *(membership.tier_line(tier, language) for tier in named[:2])])
        priced = self._priced(turn, shopper) if money.EARN.search(turn.latest.text) else None
        if priced:  # "how many points would I get on a $150 order?"
            texts = [money.points_earned(shopper.profile, priced[0], language, priced[1])]
            if money.INSTALMENT.search(text):  # "能分期吗？能拿多少积分": both
                texts.insert(0, money.instalment_line(priced[0], language, priced[1]))
            return Reply(texts, slots=self._priced_slot(turn, shopper, priced))
        return Reply([policy.membership_line(shopper.profile, shopper.language)])

    def _priced_slot(self, turn: Turn, shopper: Shopper,
                     priced: tuple[float, str]) -> dict[str, str]:
        """The product a sum was about stays under discussion ("and the points on it?")."""
        if not priced[1]:
            return {}
        product = self.shopping.product_of(turn, shopper.profile.id)
        return {"product": product.name_en} if product else {}

    def _priced(self, turn: Turn, shopper: Shopper) -> tuple[float, str] | None:
        """(amount, what) a sum is asked about: a dollar amount said, else the product named
        or under discussion, at its price."""
        amount = money.spend_in(turn.latest.text)
        if amount is not None:
            return amount, ""
        order_id = str(turn.slots.get("order_id") or "")
        if order_id and _THIS_ORDER.search(turn.latest.text):  # "这单我能拿多少积分"
            try:
                order = self.knowledge.accounts.order_for(shopper.profile.id, order_id)
            except NotFound:
                return None
            return order.total, (f"订单{order.id}（{order.total:.2f}美元）" if shopper.language == "zh"
                                 else f"Order {order.id} ({order.total:.2f} USD)")
        product = self.shopping.product_of(turn, shopper.profile.id)
        if product is None:
            return None
        count = 1 if money.INSTALMENT.search(turn.latest.text) else count_in(turn.latest.text)
        return money.priced(product, count, shopper.language)


def _priced_line(product: ProductFacts, count: int, language: str) -> tuple[str, float]:
    """(name, price) of ``count`` of ``product`` in a basket: "2 × Stoneware Coffee Mug"."""
    name = product.name(language)
    return (f"{count} × {name}" if count > 1 else name), product.price * count


def basket_asked(turn: Turn, shopping: Shopping, shopper_id: str) -> bool:
    """Whether the message prices a basket: a total or free shipping asked of products
    named, or "what if it's 2 mugs plus the tin?" after a shipping question."""
    text = turn.latest.text
    asked = cues.TOTAL.search(text) or cues.FREE_SHIPPING.search(text)
    if not asked and (cues.WHAT_IF.search(text) or cues.ADDING.search(text)):
        earlier = turn.earlier[-1].text if turn.earlier else ""
        asked = cues.SHIPPING_COST.search(earlier) or cues.FREE_SHIPPING.search(earlier) \
            or cues.TOTAL.search(earlier)
    if not asked:
        return False
    counted = shopping.counted_basket(turn, shopper_id)
    if len(counted) >= 2 or any(count > 1 for _, count in counted):
        return True
    pointed = shopping.referenced(turn) if not counted else None
    return bool(cues.TOTAL.search(text) and pointed is not None and pointed.how == "plural"
                and len(pointed.products) >= 2)  # "ok how much for both together"
