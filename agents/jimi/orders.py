"""Order replies and order requests. A shopper only ever sees their own orders.

Another shopper's order number gets the same answer as a number that does not exist, so
the reply never confirms that someone else's order exists.
"""

from __future__ import annotations

import re
from datetime import date

from agents.jimi import cues, policy, returns
from kg.facts import ProductFacts
from kg.schema import OrderRow, ProfileRow
from shopmind import clock

STATE_EN = {
    "paid": "has been paid and is being prepared; expected delivery {eta}",
    "shipped": "has shipped and should arrive by {eta}",
    "delayed": "is delayed ({reason}); it was due on {eta}",
    "delivered": "was delivered (expected {eta})",
    "returned": "was returned; the refund goes back to your original payment method",
}
STATE_ZH = {
    "paid": "已付款，尚未发货，正在备货，预计 {eta} 送达",
    "shipped": "已发货，预计 {eta} 前送达",
    "delayed": "出现延误（{reason}），原定 {eta} 送达",
    "delivered": "已签收（预计送达日期 {eta}）",
    "returned": "已退货，退款将原路返回",
}
# a shipped or paid order past its delivery date says so, not "should arrive by" a past day
PAST_DUE_EN = {"paid": "has been paid but has not shipped yet; it was due on {eta}",
               "shipped": "has shipped but is running late; it was due on {eta}"}
PAST_DUE_ZH = {"paid": "已付款，但尚未发货，原定 {eta} 送达，目前已延误",
               "shipped": "已发货，原定 {eta} 送达，目前已延误"}
REASON_ZH = {
    "item awaiting restock at the fulfilment centre": "商品在仓库等待补货",
    "carrier capacity shortage during peak season": "高峰期承运商运力不足",
    "weather at the regional hub": "区域转运中心受天气影响",
    "address verification needed": "收货地址需要核实",
    "sorting backlog at the regional hub": "区域转运中心分拣积压",
}
ALREADY_CANCELLING = {
    "en": "The cancellation of order {order} is already filed: once the warehouse confirms, the "
          "full refund of {total:.2f} USD goes back to your payment method within 3 business days.",
    "zh": "订单 {order} 的取消申请已经提交，仓库确认后全额款项{total:.2f}美元将在3个工作日内原路退回。",
}
ASK_ORDER_ID = {
    "en": "Which order is it? Please give me the order number (it looks like SM-100023).",
    "zh": "请问是哪一个订单？请提供订单号（格式如 SM-100023）。",
}
_ID = re.compile(r"(?i)\b(?:sm-?)?(\d{6})\b")


def order_ids(text: str) -> list[str]:
    """The order numbers a text gives, as written."""
    return [m.group(0) for m in _ID.finditer(text)]


def without_order_ids(text: str) -> str:
    """The text with its order numbers blanked ("the beanie from SM-100025": the beanie)."""
    return _ID.sub(" ", text)


def mentions_order(text: str) -> bool:
    """Whether the text gives an order number."""
    return bool(_ID.search(text))


def normalise_id(text: str) -> str:
    """"sm100023", "SM-100023" and "100023" all name order SM-100023."""
    match = _ID.search(text.strip())
    return f"SM-{match.group(1)}" if match else text.strip().upper()


def not_yours(order_id: str, language: str) -> str:
    if language == "zh":
        return f"您的账户下没有找到订单 {order_id}，请核对订单号。"
    return f"I can't find an order {order_id} on your account. Could you check the number?"


def describe(order: OrderRow, language: str, today: date | None = None) -> str:
    table = STATE_ZH if language == "zh" else STATE_EN
    if overdue_days(order, today or clock.today()):
        table = {**table, **(PAST_DUE_ZH if language == "zh" else PAST_DUE_EN)}
    reason = order.delay_reason or ""
    if language == "zh":
        reason = REASON_ZH.get(reason, "物流原因")  # never an English reason in a Chinese reply
    detail = table[order.state].format(eta=order.expected_delivery, reason=reason)
    return f"订单 {order.id} {detail}。" if language == "zh" else f"Your order {order.id} {detail}."


LATE_CHOICE_DAYS = 7   # the FAQ: later than this, cancel for a refund or keep it with a voucher


def overdue_days(order: OrderRow, today: date) -> int:
    """Days a shipped or paid order is past its expected delivery (0 when it is not on its
    way, or not late; a delayed order says so itself)."""
    days = returns.days_past_due(order, today) if order.state in ("shipped", "paid") else None
    return max(0, days or 0)


def delay_remedy(order: OrderRow, language: str, today: date | None = None) -> str:
    """What is being done about a late order and what the shopper may choose (FAQ terms:
    more than ``LATE_CHOICE_DAYS`` late, cancel for a full refund or keep it with a voucher);
    an order already that late is told its choice is open now."""
    late = max(0, returns.days_past_due(order, today or clock.today()) or 0) \
        if order.state in ("paid", "shipped", "delayed") else 0
    if language == "zh":
        done = f"我们已加急处理订单 {order.id}，一有新的送达时间会立即通知您。"
        if late > LATE_CHOICE_DAYS:
            return done + (f"订单已比原定日期晚了{late}天，您现在就可以取消订单获得全额退款，"
                           "或继续收货并获得10美元优惠券。")
        return done + "如果比原定日期晚7天以上送达，您可以取消订单获得全额退款，或继续收货并获得10美元优惠券。"
    done = (f"We've escalated order {order.id} with the warehouse and carrier and will message "
            "you as soon as it has a new delivery date.")
    if late > LATE_CHOICE_DAYS:
        return done + (f" It is now {late} days late, so you can cancel it for a full refund "
                       "or keep it and get a $10 voucher.")
    return done + (" If it arrives more than 7 days late, you can cancel it for a full refund "
                   "or keep it and get a $10 voucher.")


def may_cancel_late(order: OrderRow, today: date | None = None) -> bool:
    """Whether a shipped order is late enough to be cancelled for a full refund (the FAQ's
    delay choice, told in ``delay_remedy``)."""
    late = returns.days_past_due(order, today or clock.today()) or 0
    return order.state in ("paid", "shipped", "delayed") and late > LATE_CHOICE_DAYS


def holding_line(products: list[ProductFacts], language: str) -> str:
    """The lines an order waits for: "It is waiting for the Collapsible Silicone Bottle 500 ml,
    which is out of stock until the restock arrives"."""
    if language == "zh":
        return f"订单在等待{'、'.join(p.name('zh') for p in products)}补货，该商品目前缺货。"
    names = " and the ".join(p.name_en for p in products)
    return f"It is waiting for the {names}, which is out of stock until the restock arrives."


KEEPING = re.compile(r"(?i)\b(?:i'?ll|i will|i'?d rather|happy to|ok to) keep (?:it|them|the order|waiting)\b|"
                     r"keep waiting|继续等|不取消了?|先不取消|留着吧|还是要")


def keep_line(order: OrderRow, language: str, today: date | None = None) -> str:
    """"I'll keep it, can I get something for the wait?": the voucher, when the order is late
    enough for one, else when it would be."""
    late = max(0, returns.days_past_due(order, today or clock.today()) or 0)
    if language == "zh":
        if late > LATE_CHOICE_DAYS:
            return (f"好的，订单 {order.id} 继续为您配送；它已晚了{late}天，我们会向您的账户发放"
                    "一张10美元优惠券作为补偿。")
        return (f"好的，订单 {order.id} 继续为您配送；如果比原定日期晚7天以上送达，"
                "我们会发放一张10美元优惠券作为补偿。")
    if late > LATE_CHOICE_DAYS:
        return (f"Of course: order {order.id} stays on its way, and as it is {late} days late "
                "we'll add a $10 voucher to your account for the wait.")
    return (f"Of course: order {order.id} stays on its way, and if it arrives more than 7 days "
            "late we'll add a $10 voucher to your account for the wait.")


def handle_request(kind: str, order: OrderRow, profile: ProfileRow, language: str,
                   cancelling: bool = False) -> tuple[str, str | None]:
    """(reply, request recorded or None) for cancel_order, change_order or get_refund;
    ``cancelling``: a cancellation of this order is already filed."""
    zh = language == "zh"
    oid = order.id
    state = order.state
    if cancelling and kind in ("cancel_order", "get_refund") and state in ("paid", "delayed"):
        return ALREADY_CANCELLING[language].format(order=oid, total=order.total), None
    window = policy.terms(profile).return_days
    total = order.total
    if kind == "cancel_order":
        if state in ("paid", "delayed") or (state == "shipped" and may_cancel_late(order)):
            text = (f"已为订单 {oid} 提交取消申请，仓库确认后退款{total:.2f}美元将在3个工作日内原路退回。"
                    if zh else
                    f"I've filed a cancellation for order {oid}. Once the warehouse confirms, "
                    f"the refund of {total:.2f} USD goes back to your payment method within 3 "
                    "business days.")
            if state == "shipped":  # on its way: the carrier is asked to bring it back
                text += (f"订单已发货，我们会请承运商退回；如果仍送到了您手上，可拒收或在签收后{window}天内"
                         "免费退回。" if zh else
                         " It has already shipped, so we'll ask the carrier to bring it back; "
                         f"if it still reaches you, refuse it or send it back within {window} "
                         "days, free of charge.")
            return text, "cancel"
        if state == "shipped":
            return ((f"订单 {oid} 已发货，无法取消。收货后{window}天内可申请退货。" if zh else
                     f"Order {oid} has already shipped, so it can't be cancelled, but you can "
                     f"return it within {window} days of delivery."), None)
        if state == "delivered":
            return ((f"订单 {oid} 已签收，无法取消，但可在签收后{window}天内退货。" if zh else
                     f"Order {oid} was delivered, so instead of cancelling you can return it "
                     f"within {window} days of delivery."), None)
        return ((f"订单 {oid} 已退货，无需取消。" if zh else
                 f"Order {oid} has already been returned; there is nothing to cancel."), None)
    if kind == "change_order":
        if state in ("paid", "delayed"):
            return ((f"订单 {oid} 尚未发货，已为您提交修改申请，客服会在1个工作日内确认修改内容。" if zh else
                     f"Order {oid} hasn't shipped yet, so I've filed a change request; our team "
                     "will confirm the details with you within one business day."), "change")
        return ((f"订单 {oid} 已发货，无法修改，收货后可在{window}天内申请换货。" if zh else
                 f"Order {oid} has left the warehouse, so it can't be changed; you can exchange "
                 f"it within {window} days of delivery."), None)
    # get_refund
    if state == "delivered" and returns.past_window(order, profile, clock.today()):
        return returns.window_lines([order], profile, language, clock.today())[0], None
    if state == "returned":
        return ((f"订单 {oid} 的退款会在仓库收到退货后3个工作日内发起，银行卡到账需5-10个工作日。" if zh else
                 f"The refund for order {oid} is issued within 3 business days of the warehouse "
                 "receiving it; card refunds take another 5-10 business days to appear."), None)
    if state == "delivered":
        pickup = profile.membership == "platinum"  # the FAQ: platinum books a free pickup
        free = policy.terms(profile).free_return_shipping
        until = returns.window_end(order, window)  # "(until 2026-12-11)": the day it closes
        return ((f"订单 {oid} 可在签收后{window}天内退货{until and f'（截至 {until}）'}，"
                 "已为您发起退货申请，仓库收到后3个工作日内退款。"
                 + ("退货运费全免。" if free else f"退货运费{policy.RETURN_SHIPPING}美元。")
                 + ("作为白金会员，您可以预约免费上门取件。" if pickup else "") if zh else
                 f"You can return order {oid} within {window} days of delivery"
                 f"{until and f' (until {until})'}; we refund "
                 "within 3 business days of receiving it. I've started the return for you."
                 + (" Return shipping is free." if free else
                    f" Return shipping costs ${policy.RETURN_SHIPPING}.")
                 + (" As a platinum member you can book a free pickup." if pickup else "")),
                "return")
    if state in ("paid", "delayed"):
        return ((f"订单 {oid} 尚未送达，已为您提交取消并全额退款（{total:.2f}美元）的申请。" if zh else
                 f"Order {oid} hasn't arrived yet, so I've filed a cancellation with a full "
                 f"refund of {total:.2f} USD."), "cancel")
    return ((f"订单 {oid} 正在配送中，收货后可在{window}天内退货退款。" if zh else
             f"Order {oid} is on its way; once it arrives you can return it within {window} "
             "days for a refund."), None)



OFFER_CANCEL = {"en": "Shall I cancel it?", "zh": "需要我帮您取消吗？"}


def cancel_possible(order: OrderRow, profile: ProfileRow, language: str) -> str:
    """Whether ``order`` can still be cancelled, asked before asking for it: an open order
    can, and JIMI offers to (``OFFER_CANCEL``); otherwise what can be done instead."""
    if order.state in ("paid", "delayed"):
        return (f"订单 {order.id} 还没有发货，可以取消，全额退款{order.total:.2f}美元。"
                f"{OFFER_CANCEL['zh']}" if language == "zh" else
                f"Order {order.id} hasn't shipped yet, so it can still be cancelled for a full "
                f"refund of {order.total:.2f} USD. {OFFER_CANCEL['en']}")
    return handle_request("cancel_order", order, profile, language)[0]


def refund_amount(order: OrderRow, language: str) -> str:
    """The money a cancelled or returned order brings back: its whole total."""
    if language == "zh":
        return f"订单 {order.id} 将全额退款{order.total:.2f}美元，原路退回您的支付账户。"
    return (f"You get the full {order.total:.2f} USD of order {order.id} back, to your original "
            "payment method.")


def refund_arrival(text: str, language: str) -> str:
    """When refunded money shows, for the payment method the shopper named (else both)."""
    fast = ("PayPal, Alipay and WeChat Pay refunds usually appear within 1-3 business days."
            if language == "en" else "PayPal、支付宝和微信支付退款通常在1-3个工作日内到账。")
    card = ("Card refunds take 5-10 business days to appear." if language == "en"
            else "银行卡退款需5-10个工作日到账。")
    if cues.FAST_METHODS.search(text):
        return fast
    if cues.CARD.search(text):
        return card
    return f"{fast} {card}" if language == "en" else fast + card


# the shopper says the order is late: "still isn't here", "说好25号到的", "咋到现在还没发货"
STILL_NOT = re.compile(r"(?i)\bstill (?:hasn'?t|hasnt|haven'?t|havent|not|no|isn'?t|isnt)\b|"
                       r"说好|ages ago|\bactually\b|for weeks|been weeks|so long|到底|这么久|好久|"
                       r"supposed to (?:be|arrive|come)|should(?:'ve| have) (?:been|arrived|come)|"
                       r"\blate\b|\b(?:isn'?t|isnt|not) here\b|(?:hasn'?t|hasnt|not) (?:shipped|"
                       r"arrived|come)|还没(?:到|收到|送到|发)|没发货|早该|应该.{0,6}到了|"
                       r"\bnothing (?:yet|has (?:come|arrived|shown up))|nothing'?s (?:come|arrived)|"
                       r"(?:meant|due) to (?:arrive|come|be here)|卡着|一直没|咋还没|怎么还没")


def owes_apology(order: OrderRow, text: str) -> bool:
    """Whether a status answer owes an apology: the order is delayed, or past its date and
    the shopper says so ("咋到现在还没发货"); "has it shipped yet?" is a neutral question,
    answered with where it is and what is being done, without a "sorry"."""
    if order.state == "delayed":
        return True
    return overdue_days(order, clock.today()) > 0 and bool(STILL_NOT.search(text))
