"""JIMI's words for a damaged, wrong or missing item: which order, what was filed, what
happens next and when, and the offer of a photo."""

from __future__ import annotations

from collections.abc import Callable

from agents.jimi.wording import join_list
from kg.facts import ProductFacts
from kg.lexicon import COLOUR_ZH
from kg.schema import OrderRow
from shopmind.errors import NotFound

PROBLEM_EN = {"damaged": "arrived damaged", "wrong": "isn't what you ordered",
              "missing": "was missing from your delivery", "faulty": "has stopped working"}
PROBLEM_ZH = {"damaged": "到货时有损坏", "wrong": "和您订购的不一致", "missing": "没有随包裹送到",
              "faulty": "出现了故障"}
REMEDY_EN = {"replacement": "replacement", "refund": "refund", "return": "return"}
REMEDY_ZH = {"replacement": "换货补发", "refund": "退款", "return": "退货"}
NEXT_EN = {
    "replacement": "we ship the replacement free of charge within 3-5 business days, and you "
                   "don't need to send anything back unless we ask",
    "refund": "the refund goes back to your original payment method within 1-3 business days "
              "of approval (card refunds can take another 5-10 business days to show)",
    "return": "we email you a prepaid return label, and refund you within 3 business days "
              "of receiving the item",
}
NEXT_ZH = {
    "replacement": "审核通过后3-5个工作日内免费为您补发，除非我们另行通知，无需寄回原商品",
    "refund": "审核通过后1-3个工作日内原路退款（银行卡到账可能还需5-10个工作日）",
    "return": "我们会通过邮件发送预付费退货面单，收到退货后3个工作日内为您退款",
}
# a fault after the return window is a warranty claim, on the FAQ's terms
WARRANTY_REVIEW = {"en": "our team replies within 2 business days, then ships the replacement "
                         "free of charge within 5 business days of approval",
                   "zh": "客服会在2个工作日内回复，审核通过后5个工作日内免费为您寄出换新商品"}
PHOTO = {
    "en": "If you can, upload a photo of it here in the chat (the photo button); it helps us "
          "resolve this faster.",
    "zh": "方便的话，请在对话中上传一张照片（点击上传照片按钮），可以帮助我们更快处理。",
}


def filed(order: OrderRow, remedy: str, problem: str, items: list[ProductFacts],
          language: str, detail: list[str] | None = None, sorry: bool = True,
          warranty: bool = False) -> str:
    """The request filed and what happens next; ``sorry=False`` once JIMI has apologised;
    ``warranty``: a fault after the return window, a replacement on the warranty's terms."""
    if language == "zh":
        item = "、".join(p.name("zh") for p in items) or "商品"
        amount = _amount(order, items)
        refund = f"（{amount:.2f}美元）" if remedy == "refund" and amount else ""
        wanted = f"（{_detail(detail, 'zh')}）" if detail else ""
        return (f"{'很抱歉，' if sorry else ''}{item}{PROBLEM_ZH[problem]}。"
                f"已为订单 {order.id} 提交{REMEDY_ZH[remedy]}"
                f"申请{refund}{wanted}。接下来：{_next(remedy, 'zh', warranty)}。{PHOTO['zh']}")
    item = join_list([f"the {p.name_en}" for p in items], "en") if items else "the item"
    amount = _amount(order, items)
    refund = f" ({amount:.2f} USD)" if remedy == "refund" and amount else ""
    wanted = f" ({_detail(detail, 'en')})" if detail else ""
    opening = f"I'm sorry {item} {PROBLEM_EN[problem]}." if sorry else \
        f"{item[0].upper()}{item[1:]} {PROBLEM_EN[problem]}:"
    return (f"{opening} I've filed a {REMEDY_EN[remedy]} request"
            f"{refund}{wanted} for order {order.id}. What happens next: "
            f"{_next(remedy, 'en', warranty)}. {PHOTO['en']}")


def _next(remedy: str, language: str, warranty: bool = False) -> str:
    """Who reviews the request by when, and what follows."""
    if warranty and remedy == "replacement":
        return WARRANTY_REVIEW[language]
    if language == "zh":
        return f"客服会在1个工作日内审核，{NEXT_ZH[remedy]}"
    return f"our team reviews it within 1 business day, then {NEXT_EN[remedy]}"


def _amount(order: OrderRow, items: list[ProductFacts]) -> float:
    """What the order paid for the items (unit price x quantity)."""
    ids = {p.id for p in items}
    return sum(line.unit_price * line.quantity for line in order.lines if line.product_id in ids)


def no_replacement(order: OrderRow, items: list[ProductFacts], language: str) -> str:
    """A replacement asked for an item that is out of stock: say so, offer the refund."""
    amount = _amount(order, items)
    if language == "zh":
        names = "、".join(p.name("zh") for p in items)
        return (f"很抱歉，{names}目前缺货，暂时无法补发。可以为订单 {order.id} 办理退款"
                f"（{amount:.2f}美元），需要的话告诉我即可。")
    names = join_list([f"the {p.name_en}" for p in items], "en")
    return (f"I'm sorry, {names} is out of stock right now, so I can't send a replacement. I can "
            f"refund it instead ({amount:.2f} USD on order {order.id}); just say the word.")


def choices(language: str) -> str:
    if language == "zh":
        return "您可以选择换货补发、退款或退货，告诉我您想怎么处理，我马上为您提交。"
    return ("You can have it replaced, refunded or returned; tell me which you'd like and "
            "I'll file it right away.")


def timing(remedy: str, language: str) -> str:
    if remedy == "warranty":  # a replacement under warranty: the FAQ's claim terms
        return WARRANTY_REVIEW[language][:1].upper() + WARRANTY_REVIEW[language][1:] + (
            "。" if language == "zh" else ".")
    remedy = remedy if remedy in NEXT_EN else "replacement"
    if language == "zh":
        return f"客服会在1个工作日内审核您的{REMEDY_ZH[remedy]}申请，{NEXT_ZH[remedy]}。"
    return (f"Our team reviews your {REMEDY_EN[remedy]} request within 1 business day; "
            f"then {NEXT_EN[remedy]}.")


def already(order_id: str, remedy: str, language: str, detail: list[str] | None = None,
            warranty: bool = False) -> str:
    if language == "zh":
        added = f"，已补充：{_detail(detail, 'zh')}" if detail else ""
        return (f"订单 {order_id} 的{REMEDY_ZH[remedy]}申请已经提交{added}，"
                f"{_next(remedy, 'zh', warranty)}。{PHOTO['zh']}")
    added = f"; I've added: {_detail(detail, 'en')}" if detail else ""
    return (f"A {REMEDY_EN[remedy]} request for order {order_id} is already filed{added}; "
            f"{_next(remedy, 'en', warranty)}. {PHOTO['en']}")


def _detail(detail: list[str] | None, language: str) -> str:
    """What the shopper wants instead: "red, size L", "红色、L码"."""
    words = []
    for value in detail or []:
        if value in COLOUR_ZH:
            words.append(COLOUR_ZH[value] if language == "zh" else value)
        else:
            words.append(f"{value}码" if language == "zh" else f"size {value}")
    return ("、" if language == "zh" else ", ").join(words)


def which_order(candidates: list[OrderRow], product_of: Callable[[str], ProductFacts],
                language: str, named: set[str] | frozenset[str] = frozenset()) -> str:
    """Ask which order, naming the likely ones by date and items, the items the shopper
    ``named`` first ("the kids GPS watch": the watch, not the backpack beside it)."""
    listed = []
    for order in candidates[:4]:
        names = []
        lines = sorted(order.lines, key=lambda line: line.product_id not in named)
        for line in lines[:2]:
            try:
                names.append(product_of(line.product_id).name(language))
            except NotFound:
                continue
        listed.append(f"{order.id}（{order.placed_at}下单：{'、'.join(names)}）" if language == "zh"
                      else f"{order.id} (placed {order.placed_at}: {', '.join(names)})")
    if language == "zh":
        head = "很抱歉遇到这样的问题。请问是哪个订单？请告诉我订单号"
        return head + (f"，比如：{'；'.join(listed)}。" if listed else "（格式如 SM-100023）。")
    head = "I'm sorry about that. Which order is it? Please tell me the order number"
    return head + (f"; your recent orders: {'; '.join(listed)}." if listed else
                   " (it looks like SM-100023).")


def reason(problem: str, items: list[ProductFacts], text: str) -> str:
    """What is recorded with the request: the problem, the items, the shopper's words."""
    names = ", ".join(p.name_en for p in items)
    return f"{problem}: {names}: {text.strip()[:300]}" if names else \
        f"{problem}: {text.strip()[:300]}"
