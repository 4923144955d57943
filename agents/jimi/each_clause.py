"""A product message of two clauses that want different things, each answered on its own:
"whats the cheapest candle you do? and is the cedar and fig one still in stock" (a search,
then a question about one product), "跑步穿的速干T恤有吗？顺便再要一顶跑步帽" (a search, then a
product named by part).

Read whole, such a message is one search or one question and the other half is lost (the
cheapest of the one candle named; the cap's "quick-dry" facts). Split at the clause boundary,
a clause that searches (a kind, and an ordering or a search word, no product named) gets the
search, and a clause that names one product gets the answer about it, in the order asked.
Anything else is left to the whole-message reading.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from agents.jimi import cues
from agents.jimi.asked import attributes_asked
from agents.jimi.context import Reply, Shopper, Turn, UserTurn
from agents.jimi.product_answers import describe_attribute
from agents.jimi.search_terms import ordering_of
from kg.facts import ProductFacts

if TYPE_CHECKING:
    from agents.jimi.shopping import Shopping

_CLAUSES = re.compile(r"(?i)(?<=[?？])\s*|[.!。！]\s+|\s*[,，]\s*(?=(?:and|also|plus|btw)\b)|"
                      r"顺便(?:问一?下|再)?|另外")
_AGAINST = re.compile(r"(?i)\bthan\b|\bcompared?\b|\bvs\.?\b|比|相比|对比")


def each_clause(turn: Turn, shopper: Shopper, shopping: Shopping) -> Reply | None:
    """The reply to a search clause and a product clause, each answered; None when the
    message is not such a pair."""
    clauses = [c.strip(" ,，") for c in _CLAUSES.split(turn.latest.text) if len(c.strip()) > 3]
    if len(clauses) != 2 or any(_AGAINST.search(c) for c in clauses):
        return None  # "...how much heavier is it than the racer?": the two go together
    named = [_named(c, shopping) for c in clauses]  # looked up once a clause
    kinds = ["search" if _searches(c, shopping, n) else "product" if len(n) == 1 else None
             for c, n in zip(clauses, named, strict=True)]
    if sorted(k or "" for k in kinds) != ["product", "search"]:
        return None
    replies = []
    for clause, kind, products in zip(clauses, kinds, named, strict=True):
        names = [p.name_en for p in products] if kind == "product" else []
        sub = replace(turn, latest=UserTurn(clause, turn.intent, turn.latest.confidence,
                                            {"product": names} if names else {}))
        reply = shopping.search_reply(sub, shopper) if kind == "search" \
            else shopping.question(sub, shopper)
        if kind == "product" and not attributes_asked(clause, None):  # "顺便再要一顶跑步帽":
            price = describe_attribute(products[0], "price", shopper.language)
            reply.texts.insert(0, price)  # what it costs, first
        replies.append(reply)
    shown = [p for r in replies for p in r.shown or []]
    slots = {k: v for r in replies for k, v in r.slots.items()}
    return Reply([t for r in replies for t in r.texts], slots=slots, shown=shown or None,
                  marks=[m for r in replies for m in r.marks])


def _named(clause: str, shopping: Shopping) -> list[ProductFacts]:
    return shopping.named_in(clause) or shopping.named_by_part(clause)


def _searches(clause: str, shopping: Shopping, named: list[ProductFacts]) -> bool:
    """A clause over a kind of product, naming none: "whats the cheapest candle you do",
    "速干T恤有吗"."""
    wanted = shopping.search.constraints(clause)
    if not wanted.kinds or named:
        return False
    return ordering_of(clause) is not None or bool(cues.SEARCHING.search(clause)) or bool(
        re.search(r"有吗|有没有|卖吗", clause))
