"""Order status replies. A shopper only ever sees their own orders."""

from __future__ import annotations

from kg.accounts import AccountStore
from kg.schema import OrderRow
from shopmind.errors import NotFound

STATE_EN = {
    "paid": "has been paid and is being prepared; expected delivery {eta}",
    "shipped": "has shipped and should arrive by {eta}",
    "delayed": "is delayed ({reason}); we're on it and it should now arrive by {eta}",
    "delivered": "was delivered (expected {eta})",
    "returned": "was returned; the refund goes back to your original payment method",
}
STATE_ZH = {
    "paid": "已付款，正在备货，预计 {eta} 送达",
    "shipped": "已发货，预计 {eta} 前送达",
    "delayed": "出现延误（{reason}），我们正在处理，预计 {eta} 送达",
    "delivered": "已签收（预计送达日期 {eta}）",
    "returned": "已退货，退款将原路返回",
}


def status_reply(accounts: AccountStore, shopper_id: str, order_id: str | None,
                 language: str) -> str:
    try:
        order = _find(accounts, shopper_id, order_id)
    except NotFound:
        if language == "zh":
            return f"您的账户下没有找到订单 {order_id}，请核对订单号。"
        return f"I can't find an order {order_id} on your account. Could you check the number?"
    if order is None:
        return "您的账户下还没有订单。" if language == "zh" else "You don't have any orders yet."
    return describe(order, language)


def describe(order: OrderRow, language: str) -> str:
    table = STATE_ZH if language == "zh" else STATE_EN
    detail = table[order.state].format(eta=order.expected_delivery,
                                       reason=order.delay_reason or "")
    return f"订单 {order.id} {detail}。" if language == "zh" else f"Your order {order.id} {detail}."


def _find(accounts: AccountStore, shopper_id: str, order_id: str | None) -> OrderRow | None:
    if order_id:
        return accounts.order_for(shopper_id, order_id)
    orders = accounts.orders_of(shopper_id)
    return orders[0] if orders else None
