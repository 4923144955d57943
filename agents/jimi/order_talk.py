"""JIMI about orders: which order the words mean, its status, cancelling or changing it,
and damaged, wrong or missing items filed as requests with what happens next.

``OrderTalk`` is one part of ``Jimi`` (``agents.jimi.core``); it answers only from the
shopper's own orders.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from agents.jimi import cues, orders, policy
from agents.jimi import problem_replies as problems_text
from agents.jimi.asked import colour_asked, size_asked
from agents.jimi.context import ORDER_INTENTS, Reply, Shopper, Turn
from agents.jimi.faq import answer_of
from agents.jimi.faq_talk import CLARIFY, WARRANTY_QUESTION, FaqTalk
from agents.jimi.problems import (
    RECEIVED,
    RECENT,
    UNSHIPPED,
    dated,
    order_meant,
    problem_in,
    remedy_in,
)
from agents.jimi.requested import request_clause
from agents.jimi.shopping import Shopping
from agents.jimi.wording import colour_name
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase
from kg.schema import OrderRow
from shopmind import clock
from shopmind.errors import NotFound


class OrderTalk(FaqTalk):
    """The order handlers of ``Jimi``: status, requests, problems, their timing."""

    knowledge: KnowledgeBase
    shopping: Shopping

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
            if order_id and not orders.mentions_order(order_id):
                order_id = None  # "说好18号的" left "18" in the slot: no order number
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
        held = {line.product_id for o in own if o.id == current for line in o.lines}
        same = [o.id for o in own if o.id != current and held & {x.product_id for x in o.lines}
                and o.state in ("paid", "shipped", "delayed")]
        if len(same) == 1:  # "another pair coming in my other order": the same product's order
            return same[0]
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
        states = cues.OPEN_STATES if kind in ("cancel_order", "change_order") else (
            ("delivered",) if problem_in(turn.latest.text) else None)  # what arrived wrong
        mine = self.knowledge.accounts.orders_of(shopper_id)
        first = _CLAUSE.split(turn.latest.text, maxsplit=1)[0]
        # "cancel the pan one, I'll wait for the coffee": the clause with the request first
        texts = [first, turn.latest.text] if first.strip() != turn.latest.text.strip() else [
            turn.latest.text]
        if not latest_only:
            texts += [t.text for t in reversed(turn.earlier[-2:])]
        # bought twice ("and the one with the hoodie?")
        passes = [states] if states or kind in ORDER_INTENTS else [
            None, (*cues.OPEN_STATES, "shipped")]  # a status asked: the one still on its way
        for allowed in passes:
            for text in texts:
                meant = order_meant(text, mine, self.knowledge.product, allowed)
                if meant.order is not None and (len(mine) == 1 or meant.products
                                                or RECENT.search(text) or UNSHIPPED.search(text)
                                                or dated(text, meant.order)  # not another day's
                                                or orders.mentions_order(text)):
                    return meant.order
        return None

    def _order_status(self, turn: Turn, shopper: Shopper) -> Reply:
        several = cues.SEVERAL_ORDERS.search(turn.latest.text) and not turn.entity("order_id")
        order, problem = (None, None) if several else self._order(turn, shopper)
        if problem:
            return Reply([problem], slots={"order_id": None})
        language = shopper.language
        if order is None:
            return self._open_orders(turn, shopper, _text(turn.slots.get("order_id"))
                                     if several and _asks_other(turn.latest.text) else None)
        texts = [orders.describe(order, language)]
        late = order.state == "delayed" or orders.overdue_days(order, clock.today()) > 0
        if late:
            texts.append(orders.delay_remedy(order, language))  # shipped, and past its date
        if cues.CAN_CANCEL.search(turn.latest.text) and (
                order.state in cues.OPEN_STATES or not late):  # "can it still be cancelled?"
            texts.append(orders.cancel_possible(order, shopper.profile, language))
        texts += self._total_asked(turn, order, shopper)  # "whats the order total again"
        holding = self._holding(turn, order) if late else []
        texts += [orders.holding_line(holding, shopper.language)] if holding else []
        items = self._items(order) if cues.CONTENTS.search(turn.latest.text) else []
        if items:  # "whats in that one again": the lines, numbered
            texts.append("\n".join(f"{i}. {p.name(language)} × {n}"
                                   for i, (p, n) in enumerate(items, 1)))
        return Reply(texts, slots={"order_id": order.id,
                                   **self._order_product(order, turn.latest.text)},
                     went_wrong=orders.owes_apology(order, turn.latest.text),
                     shown=[p.id for p, _ in items] or None)

    def _open_orders(self, turn: Turn, shopper: Shopper, besides: str | None) -> Reply:
        """The orders still on their way (the late ones first; all but ``besides``, the one
        discussed, when the shopper asks about the others), else the latest two."""
        language = shopper.language
        mine = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.id != besides]
        if not mine:
            return Reply(["您的账户下还没有订单。" if language == "zh"
                          else "You don't have any orders yet."])
        today = clock.today()
        open_ = sorted((o for o in mine if o.state in ("paid", "shipped", "delayed")),
                       key=lambda o: (o.state != "delayed", orders.overdue_days(o, today) <= 0))
        listed = open_[:4] or mine[:2]
        texts = [orders.describe(o, language) for o in listed]
        return Reply(texts, slots={"order_id": listed[0].id},
                     went_wrong=any(orders.owes_apology(o, turn.latest.text) for o in listed))

    def _holding(self, turn: Turn, order: OrderRow) -> list[ProductFacts]:
        """"which item is holding it up?" of an order waiting for a restock: its lines that
        are out of stock."""
        if not cues.HOLDING.search(turn.latest.text) or "restock" not in (order.delay_reason or ""):
            return []
        return [p for p, _ in self._items(order) if not p.in_stock]

    def _items(self, order: OrderRow) -> list[tuple[ProductFacts, int]]:
        found = []
        for line in order.lines:
            try:
                found.append((self.knowledge.product(line.product_id), line.quantity))
            except NotFound:  # no longer in the catalogue
                continue
        return found

    def _order_request(self, turn: Turn, shopper: Shopper) -> Reply:
        kind = turn.order_request() or turn.intent
        clause = request_clause(turn.latest.text)
        cancel_then_when = turn.intent == "get_refund" and kind == "cancel_order" and \
            clause is not None and clause[0] == "cancel_order"  # "那取消吧 钱退回支付宝要几天"
        order, problem = self._order(turn, shopper)
        if problem:
            return Reply([problem], slots={"order_id": None})
        asks_when = bool(cues.TIMING.search(turn.latest.text) or cues.HOW.search(turn.latest.text))
        cancelling = order is not None and (order.id, "cancel") in shopper.filed
        told = (clause or ("",))[0] == "get_refund"  # "start the
        # return pls. how long till the refund shows up": the return, then when
        if kind == "get_refund" and asks_when and not cancelling and not told and (
                order is None or order.state != "returned"):
            return self._faq(turn, shopper)  # "退款多久到账", "退款退到哪": policy, not an order
        if order is None:
            return Reply([orders.ASK_ORDER_ID[shopper.language]])
        text, request = orders.handle_request(kind, order, shopper.profile, shopper.language,
                                              cancelling=cancelling)
        if (kind == "get_refund" or cancel_then_when) and asks_when and (
                cancelling or told or cancel_then_when or cues.FAST_METHODS.search(turn.latest.text)):
            text += " " + orders.refund_arrival(turn.latest.text, shopper.language)
        if request == "change":  # "change the shoe size to 43": what was asked, said back
            wanted = [w for w in (size_asked(turn.latest.text) or size_meant(turn),
                                  colour_wanted(turn.latest.text)) if w]
            if wanted:
                if shopper.language == "zh":
                    wanted = [colour_name(w, "zh") for w in wanted]
                text += (f"（修改内容：{'、'.join(wanted)}）" if shopper.language == "zh" else
                         f" (you asked for: {', '.join(wanted)})")
        mentioned = [t.text for t in (turn.latest, *reversed(turn.earlier[-2:]))]
        return Reply([text], slots={"order_id": order.id, **self._order_product(order, *mentioned)},
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
            kinds = self.shopping.kinds_named(text)
            named = {line.product_id for order in meant.candidates for line in order.lines
                     if kinds & set(self.shopping.kinds_of(line.product_id))}
            return Reply([problems_text.which_order(meant.candidates, self.knowledge.product,
                                                    language, named)],
                         marks=[f"problem:{problem}::{said}"], went_wrong=True)
        remedy = remedy_in(turn.latest.text) or remedy_in(text) or "replacement"
        detail = [w for w in (colour_wanted(turn.latest.text), size_asked(turn.latest.text)) if w]
        lines = self._lines_with_problem(text, meant.order) or meant.products or (
            [meant.order.lines[0].product_id] if len(meant.order.lines) == 1 else [])
        items = [self.knowledge.product(p) for p in lines]
        said = " ".join(text.split())[:200]
        marks = [f"filed:{remedy}", f"problem:{problem}:{meant.order.id}:{said}"]
        slots = {"order_id": meant.order.id, **({"product": items[0].name_en} if items else {})}
        warranty = self._warranty_line(meant.order, problem, shopper)
        if remedy == "replacement" and items and not any(p.in_stock for p in items):
            # nothing to send: say so and offer the refund instead, filing nothing yet
            return Reply([problems_text.no_replacement(meant.order, items, language), *warranty],
                         slots=slots, marks=[f"problem:{problem}:{meant.order.id}:{said}"])
        if warranty and remedy == "replacement":
            marks[0] = "filed:warranty"  # its timing is the warranty claim's
        if (meant.order.id, remedy) in shopper.filed:
            return Reply([problems_text.already(meant.order.id, remedy, language, detail,
                                                warranty=bool(warranty))],
                         slots=slots, marks=marks)
        reason = problems_text.reason(problem, items, text) + (
            f" (wants: {', '.join(detail)})" if detail else "")
        said = "faulty" if warranty and not _ARRIVED.search(text) else problem  # broke months
        # later: not "arrived damaged"; "it arrived cracked" stays what the shopper said
        # sorry once a conversation, and once more for a new problem after a late delivery
        sorry = "apology" not in turn.marks or (
            "apology:late" in turn.marks and "apology:problem" not in turn.marks)
        marks += ["apology:problem"] if sorry else []
        return Reply([problems_text.filed(meant.order, remedy, said, items, language, detail,
                                          sorry=sorry, warranty=bool(warranty)), *warranty],
                     slots=slots, requests=[(meant.order.id, remedy)], reason=reason, marks=marks,
                     went_wrong=True)

    def _lines_with_problem(self, text: str, order: OrderRow) -> list[str]:
        """The order's lines named where the words say what went wrong: "there's no beanie in
        it. boots and the tee are there" is about the beanie alone."""
        clauses = [c for c in _CLAUSES.split(text) if problem_in(c)]
        if not clauses:
            return []
        said = orders.without_order_ids(" ".join(clauses))  # "the beanie from SM-100025"
        return order_meant(said, [order], self.knowledge.product, None).products

    def _warranty_line(self, order: OrderRow, problem: str, shopper: Shopper) -> list[str]:
        """For an item that broke after the shopper's return window: the warranty's terms."""
        try:
            delivered = date.fromisoformat(order.expected_delivery)
        except ValueError:
            return []
        window = policy.terms(shopper.profile).return_days
        if problem != "damaged" or (clock.today() - delivered).days <= window:
            return []
        row = self.faq.best(WARRANTY_QUESTION[shopper.language], "warranty")
        return [answer_of(row, shopper.language)] if row else []

    def _late_order(self, turn: Turn, shopper: Shopper) -> OrderRow | None:
        """The late order a turn is about: named by number, contents or date, the one under
        discussion, else the shopper's only late order."""
        today = clock.today()  # delayed, or shipped or paid and past its date
        late = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state == "delayed" or orders.overdue_days(o, today)]
        if not late:
            return None
        text = turn.latest.text
        meant = order_meant(text, late, self.knowledge.product, None)
        if meant.order is not None and (meant.products or orders.mentions_order(text)
                                        or _names_a_date(text)):
            return meant.order
        discussed = _text(turn.slots.get("order_id"))
        return next((o for o in late if o.id == discussed), late[0] if len(late) == 1 else None)

    def _order_product(self, order: OrderRow, *texts: str) -> dict[str, str]:
        """The product slot after talking about an order: the line the words name (the first
        of ``texts`` that names one), else its first ("are those earbuds ok for running?"
        after "my earbuds order is late")."""
        lines = [product for product, _ in self._items(order)]
        named: list[ProductFacts] = []
        for text in texts:
            named = [p for p in self.knowledge.products_named(text) if p in lines] or [
                p for p in lines
                if set(self.shopping.kinds_of(p.id)) & self.shopping.kinds_named(text)]
            if named:
                break
        chosen = (named or lines)[:1]
        return {"product": chosen[0].name_en} if chosen else {}

    def _delay_options(self, turn: Turn, shopper: Shopper) -> Reply:
        """"What are my options?": for a late order its remedies; after a problem with an
        item, the choices; otherwise what JIMI can help with."""
        order = self._late_order(turn, shopper)
        if order is not None and orders.KEEPING.search(turn.latest.text):
            return Reply([orders.keep_line(order, shopper.language)],
                         slots={"order_id": order.id, **self._order_product(order)})
        if order is not None:  # "...can i cancel and get my money back? how much was it"
            return Reply([orders.describe(order, shopper.language),
                          orders.delay_remedy(order, shopper.language),
                          *self._total_asked(turn, order, shopper)],
                         slots={"order_id": order.id, **self._order_product(order)},
                         went_wrong=True)
        if _last_problem(turn):
            return Reply([problems_text.choices(shopper.language)])
        return Reply([CLARIFY[shopper.language]])

    def _total_asked(self, turn: Turn, order: OrderRow, shopper: Shopper) -> list[str]:
        """The order's total and whether it shipped free, when the message asks for it."""
        text = turn.latest.text
        if not (cues.TOTAL.search(text) or _HOW_MUCH_WAS.search(text)):
            return []
        return [policy.basket_line(shopper.profile, [
            (self.knowledge.product(line.product_id).name(shopper.language),
             line.unit_price * line.quantity) for line in order.lines], shopper.language)]

    def _request_timing(self, turn: Turn, shopper: Shopper) -> Reply:
        """"How long does that take?" right after a request was filed: its next steps."""
        remedy = [m.split(":", 1)[1] for m in turn.marks if m.startswith("filed:")][-1]
        text = turn.latest.text
        texts = [problems_text.timing(remedy, shopper.language)]
        if cues.MONEY.search(text) and (cues.FAST_METHODS.search(text) or cues.CARD.search(text)):
            arrival = orders.refund_arrival(text, shopper.language)  # "退回支付宝要多久"
            return Reply([*texts, arrival] if remedy == "return" else [arrival])
        if remedy == "replacement" and cues.ARRIVAL.search(turn.latest.text):
            texts.append(policy.delivery_line(shopper.profile, shopper.language,
                                       policy.region_named(*turn.recent_texts())))  # "多久能到"
        return Reply(texts)

    def _refund_amount(self, turn: Turn, shopper: Shopper) -> Reply:
        """"How much do I get back?" about the order discussed: its total, and when."""
        order, problem = self._order(turn, shopper)
        if problem or order is None:
            return Reply([problem or orders.ASK_ORDER_ID[shopper.language]])
        return Reply([orders.refund_amount(order, shopper.language),
                      orders.refund_arrival(turn.latest.text, shopper.language)],
                     slots={"order_id": order.id})

    def _refund_timing(self, turn: Turn, shopper: Shopper) -> Reply:
        """When refunded money shows, for the payment method named (after a return was
        started, first when we refund it)."""
        texts = [orders.refund_arrival(turn.latest.text, shopper.language)]
        if any(_RETURN_STARTED.search(t) for t in turn.bot_texts[-6:]):
            texts.insert(0, problems_text.timing("return", shopper.language))
        return Reply(texts)


_ARRIVED = re.compile(r"(?i)\barrived\b|\bcame\b|\bwhen i (?:got|opened|unpacked)|收到时|到货时|"
                      r"一打开|拆开")
_HOW_MUCH_WAS = re.compile(r"(?i)how much (?:was|did) (?:it|that|the order|i pay)|多少钱来着|花了多少")
_RETURN_STARTED = re.compile(r"(?i)started the return|return request|已为您(?:提交|发起)退货|退货申请")
_CLAUSES = re.compile(r"(?i)[.;!?。；！？]|,\s*(?:but|and)\b|\bbut\b|，但|但是")
_CLAUSE = re.compile(r"(?i)[,;，；]|\bbut\b|\bkeep\b|\bi'?ll wait\b|保留|留着|先不")


_TO_COLOUR = re.compile(r"(?i)\b(?:to|into|for|send (?:me )?(?:the|a)|ordered .{0,40}?\bin)\s+"
                        r"(?:a |an |the )?([a-z]+(?: blue)?)\b|(?:成|为|换|要|买的是)([\u4e00-\u9fff]{1,3})")


_SIZE_INSTEAD = re.compile(r"(?i)\b(\d{2}(?:\.5)?|XXS|XS|S|M|L|XL|XXL)\s+(?:instead of|not|rather than)\b|"
                           r"^\s*(\d{2}(?:\.5)?|XXS|XS|S|M|L|XL|XXL)\b")


def size_meant(turn: Turn) -> str | None:
    """The size a short follow-up to a size change gives ("44 pls, put 42 by mistake", "M
    instead of L"): the one before "instead of", else the one it starts with."""
    if not any(cues.SIZE_WORD.search(t.text) for t in turn.earlier[-2:]) and \
            "instead of" not in turn.latest.text.lower():
        return None
    match = _SIZE_INSTEAD.search(turn.latest.text)
    return (match.group(1) or match.group(2)).upper() if match else None


def colour_wanted(text: str) -> str | None:
    """The colour a change asks for: the one after "to" ("switch the white ones to navy"),
    else the first one named."""
    for match in _TO_COLOUR.finditer(text):
        found = colour_asked(match.group(1) or match.group(2) or "")
        if found:
            return found
    return colour_asked(text)


def _asks_other(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("other one", "the other", "another one", "other order",
                                      "my other", "其他", "别的", "另外两", "另外几",
                                      "另外一单", "另一个", "另外一个",
                                      "另一款", "另一双", "另一件", "另一单", "另外那单",
                                      "另一个订单"))


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


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
