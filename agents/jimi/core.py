"""JIMI, the customer-service robot: one reply per understood turn.

``Jimi.respond(turn, shopper)`` answers from the knowledge graph (products), the FAQ by
hybrid retrieval, the order store (only the shopper's own orders) and the shopper's
profile (tier, region, language, purchase history), and wraps the answer with empathy
when the shopper sounds frustrated.

Example::

    jimi = Jimi(knowledge)
    reply = jimi.respond(turn_from_tracker(tracker), Shopper(profile, language="en"))
    reply.texts  # ["The Trail Runner GTX comes in black, orange and blue."]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agents.jimi import orders, policy
from agents.jimi.comparison import compare
from agents.jimi.context import ORDER_INTENTS, Turn
from agents.jimi.empathy import ACKNOWLEDGE, Mood, assess
from agents.jimi.faq import FaqRetriever, answer_of
from agents.jimi.product_answers import answer_about
from agents.jimi.wording import attribute_asked
from kg.attributes import AttributeRanker, attribute_text
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase
from kg.schema import OrderRow, ProfileRow
from shopmind.errors import NotFound

_VALUES = {"order_id", "product", "colour", "size"}
_GENERAL = re.compile(r"(?i)tell me (more )?about|details|describe|more info|介绍|详情|怎么样")
OFFER_PERSON = {"en": "Would you like me to connect you to a person?",
                "zh": "需要为您转接人工客服吗？"}
NO_PRODUCT = {
    "en": "I couldn't tell which product you mean. Could you give me its name?",
    "zh": "抱歉，我没能确定您说的是哪件商品，能告诉我商品名称吗？",
}
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


@dataclass(frozen=True)
class Shopper:
    """Who is asking and in which language this turn should be answered."""

    profile: ProfileRow
    language: str
    other_sessions: int = 0
    filed: frozenset[tuple[str, str]] = frozenset()  # (order id, request kind) already filed

    @property
    def first_name(self) -> str:
        name = self.profile.name.strip()
        return name.split()[0] if " " in name else name


@dataclass
class Reply:
    texts: list[str]
    handover: bool = False
    slots: dict[str, Any] = field(default_factory=dict)
    mood: Mood | None = None
    requests: list[tuple[str, str]] = field(default_factory=list)  # (order id, kind)


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
        self.ranker = AttributeRanker(knowledge.vectors.embedding)
        self._handlers: dict[str, Handler] = {
            "product_question": self._product_question,
            "product_search": self._product_search,
            "compare_products": self._compare,
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
        }

    # -- entry point -------------------------------------------------------------------------

    def respond(self, turn: Turn, shopper: Shopper) -> Reply:
        intent = turn.intent
        if intent in ("deny", "affirm") and set(turn.latest.entities) & _VALUES:
            intent = "inform"  # "no, I meant SM-100012": a correction carries a value
        handler = self._handlers.get(intent)
        if self._asks_for_studio_work(turn):
            handler = self._studio_only
        if handler is None:
            reply = self._small_talk(turn, shopper)
        else:
            reply = handler(turn, shopper)
        mood = assess(turn.latest.text, turn.intent, [t.text for t in turn.earlier],
                      [t.intent for t in turn.earlier], shopper.other_sessions)
        reply.mood = mood
        if mood.frustrated and turn.intent != "complaint" and not reply.handover:
            reply.texts = [ACKNOWLEDGE[shopper.language], *reply.texts,
                           self._remedy(turn, shopper)]
        return reply

    def handover_message(self, language: str) -> str:
        return HANDOVER[language]

    # -- products ----------------------------------------------------------------------------

    def find(self, name: str | None) -> ProductFacts | None:
        if not name:
            return None
        try:
            return self.knowledge.find_product(name)
        except NotFound:
            return None

    def _product(self, turn: Turn) -> ProductFacts | None:
        for name in (*turn.latest.entities.get("product", []), turn.latest.text):
            found = self.find(name)
            if found is not None:
                return found
        for name in turn.products():
            found = self.find(name)
            if found is not None:
                return found
        return None

    def _product_question(self, turn: Turn, shopper: Shopper) -> Reply:
        product = self._product(turn)
        language = shopper.language
        if product is None:
            return Reply([NO_PRODUCT[language]])
        attribute = attribute_asked(turn.latest.text, turn.entity("attribute"))
        if attribute is None and not turn.entity("colour") and not turn.entity("size") \
                and not _GENERAL.search(turn.latest.text):
            attribute = self._attribute_for(turn.latest.text, product)
        return Reply([answer_about(product, turn, language, attribute)],
                     slots={"product": product.name_en})

    def _attribute_for(self, question: str, product: ProductFacts) -> str | None:
        """The attribute that answers a free-form question ("will it keep my feet dry?"),
        ranked by ``kg.attributes.AttributeRanker`` (MiniLM + BM25, fused by rank)."""
        candidates = [(name, attribute_text(name, ", ".join(product.values(name))))
                      for name in product.attributes]
        candidates.append(("price", attribute_text("price", f"{product.price:.2f} "
                                                   f"{product.currency} cost how much")))
        candidates.append(("stock", attribute_text("availability", "in stock available")))
        ranked = self.ranker.rank(question, candidates)
        return ranked[0].name if ranked else None

    def _product_search(self, turn: Turn, shopper: Shopper) -> Reply:
        language = shopper.language
        query = turn.latest.text
        low, high = price_range(turn)
        extra = [f"over {low:g}"] if low is not None else []
        extra += [f"under {high:g}"] if high is not None else []
        docs = self.knowledge.retriever(k=3).invoke(" ".join([query, *extra]))
        docs = [d for d in docs if "often bought" not in " ".join(d.metadata["why"])][:3]
        if not docs:
            return Reply(["I couldn't find a product matching that. Could you describe it "
                          "differently?" if language == "en" else
                          "没有找到符合条件的商品，能换个描述试试吗？"])
        lines = []
        for doc in docs:
            facts = self.knowledge.product(doc.metadata["product_id"])
            why = ", ".join(w for w in doc.metadata["why"] if w != "close in meaning")
            if language == "zh":
                lines.append(f"{facts.name('zh')}（{facts.price:.2f} {facts.currency}）")
            else:
                lines.append(f"{facts.name_en} ({facts.price:.2f} {facts.currency}"
                             + (f"; {why}" if why else "") + ")")
        head = "这些商品可能适合您：" if language == "zh" else "Here is what I found: "
        texts = [head + ("；" if language == "zh" else "; ").join(lines)
                 + ("。" if language == "zh" else ".")]
        suggestion = self._suggestion(shopper, {d.metadata["product_id"] for d in docs})
        if suggestion:
            texts.append(suggestion)
        first = self.knowledge.product(docs[0].metadata["product_id"])
        return Reply(texts, slots={"product": first.name_en})

    def _suggestion(self, shopper: Shopper, shown: set[str]) -> str | None:
        """Something that goes with what the shopper bought before (purchase history)."""
        for bought in shopper.profile.purchase_history:
            try:
                hits = self.knowledge.query.complementary(bought, 3)
                owned = self.knowledge.product(bought)
            except NotFound:
                continue
            for hit in hits:
                if hit.product_id in shown or hit.product_id in shopper.profile.purchase_history:
                    continue
                other = self.knowledge.product(hit.product_id)
                if shopper.language == "zh":
                    return f"您之前买过{owned.name('zh')}，也许还会喜欢{other.name('zh')}。"
                return (f"Since you bought the {owned.name_en}, you might also like the "
                        f"{other.name_en} ({other.price:.2f} {other.currency}).")
        return None

    def _compare(self, turn: Turn, shopper: Shopper) -> Reply:
        names = list(turn.latest.entities.get("product") or [])
        if len(names) < 2:  # "how does it compare with X?": "it" is the product in context
            current = turn.slots.get("product")
            names = [*([str(current)] if current else []), *names, *turn.products()]
        found = [p for p in (self.find(n) for n in names) if p is not None]
        unique = list({p.id: p for p in found}.values())
        if len(unique) < 2:
            return Reply(["Which two products would you like me to compare?"
                          if shopper.language == "en" else "请告诉我您想比较哪两件商品？"])
        return Reply([compare(unique[0], unique[1], shopper.language)],
                     slots={"product": unique[0].name_en})

    def _inform(self, turn: Turn, shopper: Shopper) -> Reply:
        """A bare value: an order number, a product, or "and in blue?" for the last question."""
        previous = turn.previous_substantive()
        if turn.entity("order_id") and (previous is None or previous.intent == "order_status"):
            return self._order_status(turn, shopper)
        if previous is None:
            if turn.entity("product"):
                return self._product_question(turn, shopper)
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
                return self._product_search(turn, shopper)
            return self._product_question(turn, shopper)
        if previous.intent == "order_status":
            return self._order_status(turn, shopper)
        if previous.intent in ORDER_INTENTS:  # the order form has just been filled
            return self._order_request(turn, shopper)
        return Reply([CLARIFY[shopper.language]])

    # -- orders ------------------------------------------------------------------------------

    def _order(self, turn: Turn, shopper: Shopper) -> tuple[OrderRow | None, str | None]:
        """(order, problem): the order named now or earlier in the conversation, if theirs."""
        order_id = turn.entity("order_id") or _text(turn.slots.get("order_id"))
        accounts = self.knowledge.accounts
        if order_id:
            try:
                return accounts.order_for(shopper.profile.id, orders.normalise_id(order_id)), None
            except NotFound:
                return None, orders.not_yours(order_id, shopper.language)
        return None, None

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
            texts = [orders.describe(o, language) for o in mine[:2]]
            return Reply(texts, slots={"order_id": mine[0].id})
        texts = [orders.describe(order, language)]
        if order.state == "delayed":
            texts.append(orders.delay_remedy(order, language))
        return Reply(texts, slots={"order_id": order.id})

    def _order_request(self, turn: Turn, shopper: Shopper) -> Reply:
        kind = turn.order_request() or turn.intent
        order, problem = self._order(turn, shopper)
        if problem:
            return Reply([problem], slots={"order_id": None})
        if order is None:
            return Reply([orders.ASK_ORDER_ID[shopper.language]])
        text, request = orders.handle_request(kind, order, shopper.profile, shopper.language,
                                              cancelling=(order.id, "cancel") in shopper.filed)
        return Reply([text], slots={"order_id": order.id},
                     requests=[(order.id, request)] if request else [])

    # -- policies (personal) ---------------------------------------------------------------

    def _faq_line(self, turn: Turn, language: str) -> str | None:
        row = self.faq.best(turn.latest.text, turn.intent)
        return answer_of(row, language) if row else None

    def _delivery_options(self, turn: Turn, shopper: Shopper) -> Reply:
        return Reply([policy.shipping_line(shopper.profile, shopper.language),
                      policy.delivery_line(shopper.profile, shopper.language)])

    def _delivery_period(self, turn: Turn, shopper: Shopper) -> Reply:
        texts = [policy.delivery_line(shopper.profile, shopper.language)]
        mine = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state in ("paid", "shipped", "delayed")]
        discussed = orders.normalise_id(_text(turn.slots.get("order_id")) or "")
        # the order under discussion first, then a delayed one, then the catalogue's order
        mine.sort(key=lambda o: (o.id != discussed, o.state != "delayed"))
        if mine:
            texts.append(orders.describe(mine[0], shopper.language))
        return Reply(texts)

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
        return Reply([ACKNOWLEDGE[shopper.language], self._remedy(turn, shopper)])

    def _remedy(self, turn: Turn, shopper: Shopper) -> str:
        """A concrete next step: for a late order its options, else a person, first in line."""
        late = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state == "delayed"]
        if late:
            return orders.delay_remedy(late[0], shopper.language) + " " + \
                OFFER_PERSON[shopper.language]
        if shopper.language == "zh":
            return "我可以立即为您优先转接人工客服，无需排队。" + OFFER_PERSON["zh"]
        return ("I can put you through to a person right away, ahead of the queue. "
                + OFFER_PERSON["en"])

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
        if table is None:  # out_of_scope, nlu_fallback and anything unknown
            return Reply([CLARIFY[shopper.language]])
        return Reply([table[shopper.language].format(name=shopper.first_name)])


# -- helpers -------------------------------------------------------------------------------

def price_range(turn: Turn) -> tuple[float | None, float | None]:
    """(minimum, maximum) price asked for. Two numbers make a range whatever the NLU called
    them ("between 25 and 35" often comes back as two maxima)."""
    def numbers(name: str) -> list[float]:
        found = []
        for value in turn.latest.entities.get(name, []):
            try:
                found.append(float(value.replace(",", "")))
            except ValueError:
                continue
        return found

    lows, highs = numbers("price_min"), numbers("price_max")
    every = sorted(lows + highs)
    if len(every) >= 2:
        return every[0], every[-1]
    return (lows[0] if lows else None), (highs[0] if highs else None)


def _asks_other(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("other one", "the other", "another one", "另一个", "另外一个",
                                      "另一款", "另一双", "另一件"))


def _merge(before: dict[str, list[str]], now: dict[str, list[str]]) -> dict[str, list[str]]:
    merged = {k: list(v) for k, v in before.items()}
    if now.get("colour") or now.get("size"):
        merged.pop("colour", None)
        merged.pop("size", None)
    merged.update({k: list(v) for k, v in now.items()})
    return merged


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
