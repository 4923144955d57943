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
from agents.jimi import problem_replies as problems_text
from agents.jimi.asked import attributes_asked, colour_asked, size_asked
from agents.jimi.comparison import compare
from agents.jimi.context import ORDER_INTENTS, Turn
from agents.jimi.empathy import ACKNOWLEDGE, Mood, assess
from agents.jimi.faq import FaqRetriever, answer_of
from agents.jimi.problems import RECEIVED, RECENT, order_meant, problem_in, remedy_in
from agents.jimi.product_answers import describe_attribute, has_colour, has_size
from agents.jimi.references import Reference, positions_in, resolve
from agents.jimi.search import ProductSearch, key_for, ordering_of, value_of
from agents.jimi.which import which_has, which_wins
from agents.jimi.wording import attribute_asked
from kg.attributes import AttributeRanker, attribute_text
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from kg.knowledge import KnowledgeBase
from kg.schema import OrderRow, ProfileRow
from shopmind.errors import NotFound

_VALUES = {"order_id", "product", "colour", "size"}
# intents under which a damaged, wrong or missing item is reported
PROBLEM_INTENTS = frozenset({"return_policy", "get_refund", "complaint", "change_order",
                             "cancel_order", "order_status", "product_question", "product_search",
                             "out_of_scope", "nlu_fallback", "inform", "delivery_period",
                             "contact_human_agent"})
# intents that may be a follow-up question about the product under discussion
FOLLOW_UP_INTENTS = frozenset({"product_question", "product_search", "inform", "out_of_scope",
                               "nlu_fallback", "delivery_options", "compare_products"})
# policy questions the FAQ answers, whatever product they mention ("灯具保修多久")
_POLICY = re.compile(r"(?i)warrant|guarantee|保修|质保|保固|reward points|积分|instal?ments?|"
                     r"分期|return window|退货期|shipping fee|运费")
OPEN_STATES = ("paid", "delayed")  # orders that can still be cancelled or changed
_TIMING = re.compile(r"(?i)how long|how many days|when (?:will|do|does|can)|多久|多长时间|什么时候|"
                     r"几天|到账")
_COMPARE = re.compile(r"(?i)\bcompare|\bvs\.?\b|\bversus\b|difference between|对比|比较|相比|"
                      r"区别|差别|比一比")
_COMPARATIVE = re.compile(r"(?i)\b(?:\w+er|more \w+|less \w+|least \w+|most \w+|\w+est)\b|"
                          r"更|最|哪个.{0,3}(?:长|短|大|小|重|轻|贵|便宜|多|少|亮|快)")
_TWO = re.compile(r"(?i)\bthe two\b|\bboth\b|these two|those two|这两|那两|两款|两个|两双")
_MORE = re.compile(r"(?i)long|more|most|bigg|larg|heav|bright|expens|pricier|strong|长|多|大|重|亮|"
                   r"贵|久|高")
_CHEAP = re.compile(r"(?i)cheap|less expensive|affordable|便宜|实惠")
_SHOPPING_QUESTION = re.compile(r"(?i)\?|？|吗|什么|哪|有没有|有没|多少|\bdo you\b|\bany\b|"
                                r"\bwhat\b|\bwhich\b|\bhave you\b|\bis there\b")
_POLICY_TOPICS = (
    (re.compile(r"(?i)warrant|guarantee|保修|质保|保固"), "warranty"),
    (re.compile(r"(?i)points|积分"), "membership_benefits"),
    (re.compile(r"(?i)shipping|delivery fee|运费|邮费|包邮"), "delivery_options"),
    (re.compile(r"(?i)refund|退款"), "get_refund"),
    (re.compile(r"(?i)instal|分期|pay|支付|付款"), "payment_issue"),
)
_WHICH = re.compile(r"(?i)\bwhich\b|哪个|哪款|哪双|哪一|谁")
_SIZE_WORD = re.compile(r"(?i)\bsize|\bin \d{2}\b|码|号")
# a purchase-related turn, after which (once) a complement may be suggested
_BUYING = re.compile(r"(?i)\b(?:buy|buying|purchase|order(?:ing)? (?:it|one|them|the)|add (?:it )?to "
                     r"(?:my )?(?:cart|basket)|i'?ll take|checkout|get one)\b"
                     r"|买|下单|购买|入手|拍下|要了|加购|加入购物车")
_PRONOUN = re.compile(r"(?i)\b(?:it|its|it's|this one|that one|this|that)\b|它|这个|那个|这款|那款|这双|那双")
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
    reason: str = ""  # why the requests were filed ("arrived cracked: Stoneware Coffee Mug")
    shown: list[str] | None = None  # the products this reply lists, in order ("the first one")
    marks: list[str] = field(default_factory=list)  # said once a conversation: "apology", ...


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
        self.search = ProductSearch(knowledge, knowledge.settings.currency_rates)
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
            "report_problem": self._report_problem,
            "faq": self._faq,
            "which_of": self._which_of,
            "request_timing": self._request_timing,
        }

    # -- entry point -------------------------------------------------------------------------

    def respond(self, turn: Turn, shopper: Shopper) -> Reply:
        intent = turn.intent
        if intent in ("deny", "affirm") and set(turn.latest.entities) & _VALUES:
            intent = "inform"  # "no, I meant SM-100012": a correction carries a value
        intent = self._reread(turn, intent)
        handler = self._handlers.get(intent)
        if intent == turn.intent and self._asks_for_studio_work(turn):
            handler = self._studio_only
        if handler is None:
            reply = self._small_talk(turn, shopper)
        else:
            reply = handler(turn, shopper)
        mood = assess(turn.latest.text, turn.intent, [t.text for t in turn.earlier],
                      [t.intent for t in turn.earlier], shopper.other_sessions)
        reply.mood = mood
        apologised = "apology" in turn.marks
        if mood.frustrated and turn.intent != "complaint" and not reply.handover \
                and not apologised:  # an apology and an offer of a person, once
            reply.texts = [ACKNOWLEDGE[shopper.language], *reply.texts,
                           self._remedy(turn, shopper)]
            reply.marks.append("apology")
        if "offer" in turn.marks:  # a person was offered earlier: not again with every answer
            reply.texts = [t for t in (_without_offer(t) for t in reply.texts) if t]
        elif any(o in t for t in reply.texts for o in OFFER_PERSON.values()):
            reply.marks.append("offer")
        return reply

    def _reread(self, turn: Turn, intent: str) -> str:
        """What the message asks in this conversation, where the words say more than the
        intent alone: a damaged or missing item, a policy question, a follow-up about the
        product under discussion ("what colours?", "got it in 46?", "第二个有防雨罩吗")."""
        text = turn.latest.text
        if intent in PROBLEM_INTENTS and problem_in(text):
            return "report_problem"
        if intent in ("product_search", "product_question", "out_of_scope", "nlu_fallback",
                      "inform") and _POLICY.search(text) and not turn.entity("product"):
            return "faq"
        if intent == "membership_benefits" and _POLICY.search(text):
            return "faq"  # "100积分能抵多少钱": the points rule, not the tier summary
        if intent in ("affirm", "deny") and _WHICH.search(text) and turn.last_shown():
            return "which_of"  # "不粘的是哪个" is no "no"
        if intent in ("delivery_options", "delivery_period") and turn.slots.get("product") and \
                attributes_asked(text, None)[:1] == ["stock"]:
            return "product_question"  # "现在能买到吗": whether it is in stock
        if _TIMING.search(text) and any(m.startswith("filed:") for m in turn.marks) and \
                not orders.mentions_order(text) and intent not in ("order_status",):
            return "request_timing"  # "how long does that take" after a filed request
        if intent not in FOLLOW_UP_INTENTS:
            return intent
        if _COMPARE.search(text) and (intent == "compare_products" or len(
                self.products_named(text)) + len(turn.last_shown()) + bool(
                turn.slots.get("product")) >= 2):
            return "compare_products"
        if intent in ("product_search", "inform", "out_of_scope", "nlu_fallback") and \
                len(self.products_named(text)) == 1:
            return "product_question"  # "do the fitbuds come in white"
        if not (turn.slots.get("product") or turn.shown):
            return intent
        constraints = self.search.constraints(text)
        own_search = bool(constraints.kinds or constraints.categories or
                          constraints.price_max is not None or constraints.price_min is not None)
        if own_search and ordering_of(text) is None and intent == "product_search":
            return intent
        pointed = self._referenced(turn)
        asks = bool(_SIZE_WORD.search(text) or _PRONOUN.search(text) or (
            intent != "product_search" and (attributes_asked(text, None) or colour_asked(text))))
        if _WHICH.search(text) and len(turn.last_shown()) >= 2 and not constraints.kinds and (
                ordering_of(text) is not None or _COMPARATIVE.search(text)
                or attributes_asked(text, None)):
            return "which_of"  # "which one is lighter?", "这两款哪个续航长"
        if (pointed is not None or asks) and not own_search:
            return "product_question"
        return intent

    def products_named(self, text: str) -> list[ProductFacts]:
        return self.knowledge.products_named(text)

    def handover_message(self, language: str) -> str:
        return HANDOVER[language]

    # -- products ----------------------------------------------------------------------------

    def find(self, name: str | None) -> ProductFacts | None:
        """The product a name means: by its words, else the only product of the kind it
        names ("the wireless earbuds" when the catalogue has one pair of earbuds)."""
        if not name:
            return None
        try:
            return self.knowledge.find_product(name)
        except NotFound:
            pass
        kinds = self.search.constraints(name).kinds
        if len(kinds) == 1:
            members = self.knowledge.query.products_of_kind(next(iter(kinds)))
            if len(members) == 1:
                return self.knowledge.product(members[0])
        return None

    def _product(self, turn: Turn) -> ProductFacts | None:
        for name in turn.latest.entities.get("product", []):
            found = self.find(name)
            if found is not None:
                return found
        named = self.products_named(turn.latest.text)
        if named:
            return named[0]
        pointed = self._referenced(turn)
        if pointed is not None and pointed.how != "plural":
            return self.knowledge.product(pointed.products[0])
        found = self.find(turn.latest.text)
        if found is not None:
            return found
        current = turn.slots.get("product")
        if current:  # "is it waterproof?", "what colours?": the product under discussion
            found = self.find(str(current))
            if found is not None:
                return found
        for name in turn.products():
            found = self.find(name)
            if found is not None:
                return found
        return None

    def _referenced(self, turn: Turn) -> Reference | None:
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current else None

        def weight(product_id: str) -> float | None:
            value = self.knowledge.product(product_id).attributes.get("weight_g")
            return float(value) if isinstance(value, int | float) and not isinstance(
                value, bool) else None

        shown = self._known(turn.last_shown())
        found = resolve(turn.latest.text, shown, discussed.id if discussed else None,
                        lambda p: self.knowledge.product(p).price, weight)
        if found is None and len(shown) > 1:  # "那个头灯多重": the one headlamp shown
            kinds = {k.split(":", 1)[1] for k in self.search.constraints(turn.latest.text).kinds}
            of_kind = [p for p in shown if kinds & set(self._kinds_of(p))]
            if kinds and len(of_kind) == 1:
                return Reference(of_kind, "kind")
        return found

    def _kinds_of(self, product_id: str) -> list[str]:
        product = self.knowledge.product(product_id)
        kind = kind_of(product.name_en, product.name_zh)
        return lineage(kind) if kind else []

    def _known(self, product_ids: list[str]) -> list[str]:
        known = []
        for product_id in product_ids:
            try:
                self.knowledge.product(product_id)
            except NotFound:  # deleted since it was shown
                continue
            known.append(product_id)
        return known

    def _product_question(self, turn: Turn, shopper: Shopper) -> Reply:
        language = shopper.language
        text = turn.latest.text
        named = turn.latest.entities.get("product", []) or self.products_named(text)
        if not named and self._is_search(text):
            return self._product_search(turn, shopper)  # "which headphones last longest?"
        pointed = None if named else self._referenced(turn)
        if pointed is not None and pointed.how == "plural" and len(pointed.products) > 1:
            return self._about_each(turn, shopper, pointed.products)
        product = self._product(turn)
        if product is None:
            if self.search.constraints(text).kinds or (
                    _SHOPPING_QUESTION.search(text) and not named):
                return self._product_search(turn, shopper)  # "那有雨伞卖吗"
            return Reply([NO_PRODUCT[language]])
        reply = Reply(self._answers(product, turn, language, pointed),
                      slots={"product": product.name_en})
        suggestion = self._suggestion(turn, shopper, {product.id})
        if suggestion:
            reply.texts.append(suggestion)
            reply.marks.append("cross_sell")
        return reply

    def _answers(self, product: ProductFacts, turn: Turn, language: str,
                 pointed: Reference | None) -> list[str]:
        """Every part of a question about one product: a colour, a size, each attribute
        asked ("how big is it and how many watts?"), else the best-matching attribute."""
        text = _without_names(turn.latest.text, product)  # "ANC" in a name asks nothing
        parts = []
        colour = colour_asked(text) or turn.entity("colour")
        size = size_asked(text, product) or turn.entity("size")
        if colour:
            parts.append(has_colour(product, colour, language))
        if size:
            parts.append(has_size(product, size, language))
        attributes = [a for a in attributes_asked(text, product)
                      if not (colour and a == "colour")]
        entity = turn.entity("attribute")
        if not attributes and entity:
            attributes = [a for a in [attribute_asked("", entity)] if a]
        if not parts and not attributes and pointed is not None:
            attributes = {"cheaper": ["price"], "dearer": ["price"],
                          "lighter": ["weight_g", "price"]}.get(pointed.how, [])
        if not parts and not attributes and not _GENERAL.search(text):
            attributes = [a for a in [self._attribute_for(text, product)] if a]
        for attribute in attributes:
            parts.append(describe_attribute(product, attribute, language))
        if not parts:
            parts.append(describe_attribute(product, None, language))
        return [(" " if language == "en" else "").join(parts)]

    def _about_each(self, turn: Turn, shopper: Shopper, product_ids: list[str]) -> Reply:
        """"Do they come in black?" after a list: the answer for each product shown, and
        the difference when two prices are asked about ("这两款差多少钱")."""
        language = shopper.language
        products = [self.knowledge.product(p) for p in product_ids[:3]]
        texts = [self._answers(p, turn, language, None)[0] for p in products]
        asked = attributes_asked(turn.latest.text, products[0])
        if len(products) == 2 and asked[:1] == ["price"]:
            gap = abs(products[0].price - products[1].price)
            cheaper = min(products, key=lambda p: p.price)
            texts.append(f"相差{gap:.2f}美元，{cheaper.name('zh')}更便宜。" if language == "zh" else
                         f"The difference is {gap:.2f} {cheaper.currency}; the "
                         f"{cheaper.name_en} is cheaper.")
        return Reply([(" " if language == "en" else "").join(texts)])

    def _is_search(self, text: str) -> bool:
        """A question over a kind of product, not one product: "which headphones last
        longest?", "最便宜的水壶是哪个"."""
        constraints = self.search.constraints(text)
        return bool(constraints.kinds or constraints.categories) and (
            ordering_of(text) is not None or self.find(text) is None)

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
        low, high = price_range(turn)
        found = self.search.answer(self._search_text(turn), language, low, high)
        texts = [found.text]
        reply = Reply(texts, shown=found.products or None)
        if found.products:
            reply.slots["product"] = self.knowledge.product(found.products[0]).name_en
        return reply

    def _search_text(self, turn: Turn) -> str:
        """The request to search for: a refinement ("under 50?", "in black") adds to the
        search it follows."""
        text = turn.latest.text
        if turn.intent == "inform":
            previous = turn.previous_substantive()
            if previous is not None and previous.intent == "product_search":
                return f"{previous.text} {text}"
        return text

    def _suggestion(self, turn: Turn, shopper: Shopper, shown: set[str]) -> str | None:
        """One cross-sell a conversation, only when the shopper talks about buying, and only a
        real complement (bought together in orders, of another kind) of what they are looking
        at, else of what they bought before."""
        if "cross_sell" in turn.marks or not _BUYING.search(turn.latest.text):
            return None
        looked_at = [p for p in (turn.last_shown() or list(shown)) if p in shown][:1]
        for anchor in [*looked_at, *shopper.profile.purchase_history]:
            try:
                hits = self.knowledge.query.complementary(anchor, 3)
                base = self.knowledge.product(anchor)
            except NotFound:
                continue
            for hit in hits:
                if hit.product_id in shown or hit.product_id in shopper.profile.purchase_history:
                    continue
                other = self.knowledge.product(hit.product_id)
                if kind_of(other.name_en, other.name_zh) == kind_of(base.name_en, base.name_zh):
                    continue  # another kettle is an alternative, not a complement
                bought = anchor not in looked_at
                if shopper.language == "zh":
                    lead = f"您之前买过{base.name('zh')}" if bought else \
                        f"购买{base.name('zh')}的顾客常常一起买"
                    return f"{lead}，也许您还需要{other.name('zh')}（{other.price:.2f}美元）。"
                lead = (f"Since you bought the {base.name_en}" if bought else
                        f"Shoppers who buy the {base.name_en} often add")
                return (f"{lead}, you might also like the {other.name_en} "
                        f"({other.price:.2f} {other.currency})." if bought else
                        f"{lead} the {other.name_en} ({other.price:.2f} {other.currency}).")
        return None

    def _compare(self, turn: Turn, shopper: Shopper) -> Reply:
        """Two products side by side: the two named, a named one against the products just
        discussed ("how do they compare with the earbuds?"), or two of a list ("the first
        and the third", "both")."""
        named = list({p.id: p for p in (*self.products_named(turn.latest.text),
                                         *(self.find(n) for n in
                                           turn.latest.entities.get("product") or []))
                      if p}.values())
        shown = self._known(turn.last_shown())
        positions = [shown[i] for i in positions_in(turn.latest.text) if -len(shown) <= i < len(shown)]
        pointed = self._referenced(turn)
        referred = [self.knowledge.product(p) for p in
                    (positions if len(positions) >= 2 else pointed.products if pointed else [])]
        current = turn.slots.get("product")
        discussed = self.find(str(current)) if current else None
        pairs: list[tuple[ProductFacts, ProductFacts]] = []
        if len(named) >= 2:
            pairs = [(named[0], named[1])]
        elif named:
            others = [r for r in referred if r.id != named[0].id] or (
                [discussed] if discussed and discussed.id != named[0].id else [])
            pairs = [(other, named[0]) for other in others[:2]]
        elif len(referred) >= 2:
            pairs = [(referred[0], referred[1])]
        elif len(shown) >= 2 and (pointed is None or pointed.how == "plural"):
            first, second = (self.knowledge.product(p) for p in shown[:2])
            pairs = [(first, second)]
        if not pairs:  # the products named earlier in the conversation
            found = [p for p in (self.find(n) for n in turn.products()) if p is not None]
            unique = list({p.id: p for p in found}.values())
            if len(unique) >= 2:
                pairs = [(unique[0], unique[1])]
        if not pairs:
            return Reply(["Which two products would you like me to compare?"
                          if shopper.language == "en" else "请告诉我您想比较哪两件商品？"])
        texts = [compare(a, b, shopper.language) for a, b in pairs]
        ids = list(dict.fromkeys(p.id for pair in pairs for p in pair))
        return Reply(texts, slots={"product": pairs[0][0].name_en}, shown=ids)

    def _which_of(self, turn: Turn, shopper: Shopper) -> Reply:
        """"Which one is lighter?", "which of the two is waterproof?", "这两款哪个续航长" after a
        list or a comparison: the answer among those products, with the values."""
        language, text = shopper.language, turn.latest.text
        shown = self._known(turn.last_shown())
        pool = shown[:2] if _TWO.search(text) else shown
        products = [self.knowledge.product(p) for p in pool]
        ordering = ordering_of(text)
        key, descending = (key_for(ordering, products), ordering.descending) if ordering \
            else (None, bool(_MORE.search(text)))
        if key is None:
            general = [a for a in attributes_asked(text, None)
                       if any(a in p.attributes for p in products)]
            asked = general or [a for p in products for a in attributes_asked(text, p)]
            key = asked[0] if asked else None
            if key is None and _CHEAP.search(text):
                key, descending = "price", False
            elif key == "weight_g":
                descending = bool(re.search(r"(?i)heav|重", text)) and not re.search(
                    r"(?i)light|轻", text)
            elif key == "price":
                descending = bool(re.search(r"(?i)expensive|pricier|贵", text))
        if key is None:
            by_name = _named_feature(text, products)
            if by_name:  # "不粘的是哪个": the Ceramic Non-Stick Fry Pan, by its name
                return Reply([("是" + "、".join(p.name("zh") for p in by_name) + "。")
                              if language == "zh" else
                              "That's the " + " and the ".join(p.name_en for p in by_name) + "."],
                             slots={"product": by_name[0].name_en})
            return self._compare(turn, shopper)
        flags = [p.attributes.get(key) for p in products]
        if all(isinstance(f, bool) or f is None for f in flags):  # "which is waterproof?"
            yes = [p for p, f in zip(products, flags, strict=True) if f]
            return Reply([which_has(products, yes, key, language)],
                         slots={"product": (yes or products)[0].name_en})
        having = [p for p in products if value_of(p, key) is not None]
        if not having:
            return self._compare(turn, shopper)
        having.sort(key=lambda p: value_of(p, key) or 0.0, reverse=descending)
        return Reply([which_wins(having, key, descending, language)],
                     slots={"product": having[0].name_en})

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
        """(order, problem): the order named now or earlier in the conversation, if theirs,
        else the one the words point at ("the one with the pans", "刚下的那单")."""
        order_id = turn.entity("order_id")
        if not order_id:  # words about another order ("我新下的那单") beat the one discussed
            meant = self.order_meant(turn, shopper.profile.id, latest_only=True)
            order_id = meant.id if meant else _text(turn.slots.get("order_id"))
        accounts = self.knowledge.accounts
        if order_id:
            try:
                return accounts.order_for(shopper.profile.id, orders.normalise_id(order_id)), None
            except NotFound:
                return None, orders.not_yours(order_id, shopper.language)
        return self.order_meant(turn, shopper.profile.id), None

    def order_meant(self, turn: Turn, shopper_id: str,
                    latest_only: bool = False) -> OrderRow | None:
        """The shopper's order this turn (or the one before) points at without a number: by
        the products or kinds named, "my last order", or the only order the request fits."""
        kind = turn.order_request() or turn.intent
        states = OPEN_STATES if kind in ("cancel_order", "change_order") else None
        mine = self.knowledge.accounts.orders_of(shopper_id)
        texts = [turn.latest.text]
        if not latest_only:
            texts += [t.text for t in reversed(turn.earlier[-2:])]
        for text in texts:
            meant = order_meant(text, mine, self.knowledge.product, states)
            if meant.order is not None and (len(mine) == 1 or meant.products
                                            or RECENT.search(text)):
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
        if order is None and kind == "get_refund" and _TIMING.search(turn.latest.text):
            return self._faq(turn, shopper)  # "退款多久到账": when, not which order
        if order is None:
            return Reply([orders.ASK_ORDER_ID[shopper.language]])
        text, request = orders.handle_request(kind, order, shopper.profile, shopper.language,
                                              cancelling=(order.id, "cancel") in shopper.filed)
        return Reply([text], slots={"order_id": order.id},
                     requests=[(order.id, request)] if request else [])

    def _report_problem(self, turn: Turn, shopper: Shopper, earlier: str = "") -> Reply:
        """A damaged, wrong or missing item: find the order, file the request with its reason,
        say what happens next and when, and offer a photo upload."""
        language = shopper.language
        text = f"{earlier} {turn.latest.text}".strip()
        problem = problem_in(text) or "damaged"
        mine = self.knowledge.accounts.orders_of(shopper.profile.id)
        meant = order_meant(text, mine, self.knowledge.product, RECEIVED)
        if meant.order is None:
            if orders.mentions_order(turn.latest.text):  # a number that is not theirs
                return Reply([orders.not_yours(orders.normalise_id(turn.latest.text), language)])
            return Reply([problems_text.which_order(meant.candidates, self.knowledge.product,
                                                    language)])
        remedy = remedy_in(text) or "replacement"
        lines = meant.products or ([meant.order.lines[0].product_id]
                                   if len(meant.order.lines) == 1 else [])
        items = [self.knowledge.product(p) for p in lines]
        if (meant.order.id, remedy) in shopper.filed:
            return Reply([problems_text.already(meant.order.id, remedy, language)],
                         slots={"order_id": meant.order.id})
        reason = problems_text.reason(problem, items, turn.latest.text if not earlier else text)
        return Reply([problems_text.filed(meant.order, remedy, problem, items, language)],
                     slots={"order_id": meant.order.id},
                     requests=[(meant.order.id, remedy)], reason=reason,
                     marks=[f"filed:{remedy}"])

    def _request_timing(self, turn: Turn, shopper: Shopper) -> Reply:
        """"How long does that take?" right after a request was filed: its next steps."""
        remedy = [m.split(":", 1)[1] for m in turn.marks if m.startswith("filed:")][-1]
        return Reply([problems_text.timing(remedy, shopper.language)])

    def _faq(self, turn: Turn, shopper: Shopper) -> Reply:
        """A policy question asked in passing ("灯具保修多久啊"): the FAQ's answer, from the
        topic its words name."""
        text = turn.latest.text
        topic = next((intent for pattern, intent in _POLICY_TOPICS if pattern.search(text)),
                     turn.intent)
        row = self.faq.best(text, topic)
        line = answer_of(row, shopper.language) if row else None
        return Reply([line] if line else [CLARIFY[shopper.language]])

    def answers_instead_of_asking(self, turn: Turn, shopper_id: str) -> bool:
        """Whether JIMI can act on an order request without asking for the number: a damaged
        or missing item, a refund-timing question, or an order the words point at."""
        return bool(problem_in(turn.latest.text) or _TIMING.search(turn.latest.text)
                    or self.order_meant(turn, shopper_id))

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
        meant = self.order_meant(turn, shopper.profile.id)  # "我新下的那单什么时候到"
        discussed = meant.id if meant else orders.normalise_id(
            _text(turn.slots.get("order_id")) or "")
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
        if "apology" in turn.marks:  # a second complaint: a person takes over now
            return self._handover(turn, shopper)
        return Reply([ACKNOWLEDGE[shopper.language], self._remedy(turn, shopper)],
                     marks=["apology"])

    def _remedy(self, turn: Turn, shopper: Shopper) -> str:
        """A concrete next step: for a late order its options, else a person, first in line."""
        late = [o for o in self.knowledge.accounts.orders_of(shopper.profile.id)
                if o.state == "delayed"]
        if late:
            return " ".join(orders.delay_remedy(o, shopper.language) for o in late[:3]) + " " + \
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
        if _SHOPPING_QUESTION.search(latest.text) and self.search.constraints(latest.text).kinds:
            return False  # "最近有什么新出的锅": a shopper asking about products
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


def _without_names(text: str, product: ProductFacts) -> str:
    for name in (product.name_en, product.name_zh):
        if name:
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def _named_feature(question: str, products: list[ProductFacts]) -> list[ProductFacts]:
    """The products whose name holds a word of the question ("non-stick", "不粘"), when some
    but not all do."""
    lowered = question.lower()
    words = {w for w in re.findall(r"[a-z][a-z-]{3,}", lowered)
             if w not in {"which", "what", "one", "ones", "them", "those", "these", "with"}}
    han = re.sub(r"[^\u4e00-\u9fff]", " ", question)
    pairs = {han[i:i + 2] for i in range(len(han) - 1) if " " not in han[i:i + 2]} - {
        "哪个", "是哪", "哪款", "哪双", "的是", "哪一", "一个", "一款"}
    found = [p for p in products
             if any(w in p.name_en.lower() for w in words)
             or any(pair in (p.name_zh or "") for pair in pairs)]
    return found if 0 < len(found) < len(products) else []


def _without_offer(text: str) -> str:
    for offer in OFFER_PERSON.values():
        text = text.replace(offer, "")
    return text.strip()


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
