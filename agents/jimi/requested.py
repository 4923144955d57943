"""An order request made in passing: "那我直接取消吧，能退多少钱", "cancel the one with the
saute pan. for the other one do i get anything for waiting", "那帮我退了吧，要我自己送快递点吗",
"can u switch the tee in my open order to size L? also what colours does the canvas shoe
come in".

The message as a whole reads as its question (the refund, the delay, the drop-off, the
colours) and is answered so; the clause that asks JIMI to *do* something to an order is then
handled on its own as that request, so that it is filed, not just talked about. A clause
that asks *whether* it could be done ("can I cancel if it doesn't come?", "可以退吗") is a
question, and left to the answer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from agents.jimi.context import Turn, UserTurn

# what a clause asks JIMI to do, by the request's intent
REQUESTS = (
    ("cancel_order", re.compile(r"(?i)\bcancel\b(?! (?:fee|polic))|取消")),
    ("get_refund", re.compile(r"(?i)\b(?:return|send back) (?:it|them|this|that|both|the \w+)|"
                              r"\bstart (?:the|a|my) return|\bgo ahead with the return|"
                              r"退了吧|退掉吧?|帮我退|(?<!不)就退(?!款)|给我退|我要退货|申请退货|退货吧|退回去吧")),
    ("change_order", re.compile(r"(?i)\b(?:switch|change|swap)(?:d|ed|ped)?\b.{0,40}\b(?:to|for)\b|改成|换成|改为|"
                                r"改到|\b(?:send|ship|deliver) (?:it|them|the \w+) to .{0,40}\binstead\b|"
                                r"\bnew address\b|新地址|地址(?:改|换|更新)|(?:改|换|更新)(?:一下)?地址")),
)
# a clause that asks whether, not for: "can I cancel if ...", "可以退吗"
_WHETHER = re.compile(r"(?i)\b(?:can|could|may|do|should|would) i\b|\bif\b|\bwhether\b|"
                      r"\bpolicy\b|\b(?:has|have|was|is|did) (?:it|that|they|my)\b|如果|要是|的话|"
                      r"还能|能不能|可不可以|是不是|吗|怎么")
# ... or asks for it not to be done: "no, don't cancel it", "先别退" ("if not, swap it" does ask)
_NOT = re.compile(r"(?i)\b(?:don'?t|do not|dont|(?<!\bif )not|never|no need to|no longer|rather not)\b|"
                  r"别|不要|不用|先不|不想|不必|没必要")
# ... unless it asks JIMI to do it: "can you cancel it?", "能帮我取消吗"
_FOR_ME = re.compile(r"(?i)\b(?:can|could|would) (?:you|u)\b|\bfor me\b|\bpls\b|\bplease\b|帮我|给我")
# clauses end at punctuation, or at a space between Chinese words ("好 帮我退了吧 要我自己跑快递点吗")
_PARTS = re.compile(r"(?<=[,，.。;；!！?？])|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def request_clause(text: str) -> tuple[str, str] | None:
    """(intent, clause) of the order request a message of several clauses makes in one of
    them, or None."""
    parts = [p.strip() for p in _PARTS.split(text) if len(p.strip(" ,，.。;；!！?？")) >= 2]
    if len(parts) < 2:
        return None
    for part in parts:
        asks_whether = _WHETHER.search(part) and not _FOR_ME.search(part)
        for intent, pattern in REQUESTS:
            if pattern.search(part) and not asks_whether and not _NOT.search(part):
                return intent, part
    return None


def as_request(turn: Turn, intent: str, clause: str) -> Turn:
    """The turn as if the clause alone had been said, read as ``intent``."""
    entities = {k: v for k, v in turn.latest.entities.items() if k == "order_id"}
    return replace(turn, latest=UserTurn(clause, intent, 1.0, entities), routed=intent)
