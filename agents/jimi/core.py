"""JIMI, the customer-service robot: answers from the knowledge graph, FAQ and orders.

Example::

    jimi = Jimi(knowledge)
    jimi.answer_product("what colours does the trail runner come in?", None, "colour")
"""

from __future__ import annotations

from agents.jimi import orders
from agents.jimi.wording import attribute_asked, colour_name, join_list, language_of
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase
from shopmind.errors import InvalidInput, NotFound

NO_PRODUCT = {
    "en": "I couldn't tell which product you mean. Could you give me its name?",
    "zh": "抱歉，我没能确定您说的是哪件商品，能告诉我商品名称吗？",
}
HANDOVER = {
    "en": "I'm connecting you to a member of our support team now. They'll see this "
          "conversation, so you won't need to repeat yourself.",
    "zh": "正在为您转接人工客服，客服可以看到我们的对话记录，您无需重复说明。",
}


class Jimi:
    """Answer policies over one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    def answer_product(self, text: str, product_hint: str | None, attribute: str | None,
                       language: str | None = None) -> str:
        language = language or language_of(text)
        product = self._find(product_hint, text)
        if product is None:
            return NO_PRODUCT[language]
        return describe_attribute(product, attribute_asked(text, attribute), language)

    def _find(self, product_hint: str | None, text: str) -> ProductFacts | None:
        """The product the NLU named, else the one the whole message names."""
        for query in filter(None, (product_hint, text)):
            try:
                return self.knowledge.find_product(query)
            except NotFound:
                continue
        return None

    def order_status(self, shopper_id: str, order_id: str | None, text: str,
                     language: str | None = None) -> str:
        language = language or language_of(text)
        return orders.status_reply(self.knowledge.accounts, shopper_id, order_id, language)

    def answer_policy(self, text: str, language: str | None = None) -> str:
        language = language or language_of(text)
        try:
            hits = self.knowledge.vectors.search("faq", text, k=1)
        except InvalidInput:
            hits = []
        if not hits:
            return HANDOVER[language]
        answer = hits[0].metadata.get(f"answer_{language}") or hits[0].metadata.get("answer_en")
        return str(answer)

    def handover(self, language: str = "en") -> str:
        return HANDOVER[language]


def describe_attribute(product: ProductFacts, attribute: str | None, language: str) -> str:
    name = product.name(language)
    if attribute == "colour":
        colours = [colour_name(c, language) for c in product.values("colour")]
        if language == "zh":
            return f"{name}有{join_list(colours, language)}可选。"
        return f"The {name} comes in {join_list(colours, language)}."
    if attribute == "price":
        return (f"{name}售价 {product.price:.2f} {product.currency}。" if language == "zh"
                else f"The {name} costs {product.price:.2f} {product.currency}.")
    if attribute == "stock":
        in_stock = product.in_stock
        if language == "zh":
            return f"{name}{'有货' if in_stock else '暂时缺货'}。"
        return f"The {name} is {'in stock' if in_stock else 'out of stock right now'}."
    values = product.values(attribute) if attribute else []
    if attribute and values:
        shown = join_list(values, language)
        label = attribute.replace("_", " ")
        return f"{name}的{label}：{shown}。" if language == "zh" else f"The {name}'s {label}: {shown}."
    description = product.description_zh if language == "zh" else product.description_en
    return f"{name}: {description or product.description_en}"
