"""What a turn means in its conversation: the latest message plus what came before.

Built from the Rasa tracker that arrives with every action call, so JIMI itself keeps no
per-conversation state: "and in blue?" takes its product from the last turn that named
one, "what about the other one?" takes the other product of the last comparison, and an
order number given earlier carries into "cancel it".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.jimi.empathy import Mood
from kg.numerals import arabic_amounts
from kg.schema import ProfileRow

ORDER_INTENTS = ("cancel_order", "change_order", "get_refund")


@dataclass(frozen=True)
class UserTurn:
    text: str
    intent: str
    confidence: float
    entities: dict[str, list[str]]

    def first(self, name: str) -> str | None:
        values = self.entities.get(name)
        return values[0] if values else None


@dataclass
class Turn:
    """The latest user message with its history (oldest first) and the tracker's slots."""

    latest: UserTurn
    earlier: list[UserTurn] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    bot_texts: list[str] = field(default_factory=list)
    shown: list[list[str]] = field(default_factory=list)  # product lists JIMI showed, in order
    marks: list[str] = field(default_factory=list)  # what JIMI did once: "apology", "cross_sell"
    routed: str | None = None  # what JIMI reads the latest message as (``Rereading._reread``)

    def last_shown(self) -> list[str]:
        return list(self.shown[-1]) if self.shown else []

    def recent_texts(self, back: int = 2) -> list[str]:
        """The latest message and the ``back`` before it, newest first."""
        return [self.latest.text, *(t.text for t in reversed(self.earlier[-back:]))]

    @property
    def intent(self) -> str:
        return self.latest.intent

    def entity(self, name: str) -> str | None:
        return self.latest.first(name)

    def products(self) -> list[str]:
        """Product mentions in this message, else the most recent ones before it."""
        return self._recent("product")

    def other_product(self, current: str | None) -> str | None:
        """The product of the last comparison (or earlier mention) that is not ``current``."""
        for turn in reversed(self.earlier):
            names = turn.entities.get("product") or []
            others = [n for n in names if n != current]
            if len(names) >= 2 and others:
                return others[0]
        seen = [n for t in reversed(self.earlier) for n in t.entities.get("product") or []]
        return next((n for n in seen if n != current), None)

    def previous_substantive(self) -> UserTurn | None:
        """The last earlier turn with a real request (not yes/no/thanks/a bare value)."""
        for turn in reversed(self.earlier):
            if turn.intent not in {"inform", "affirm", "deny", "thanks", "greet", "nlu_fallback",
                                   "out_of_scope", "set_language"}:
                return turn
        return None

    def order_request(self) -> str | None:
        """The order operation the shopper asked for most recently (for a finished form)."""
        if self.routed in ORDER_INTENTS:  # "能退掉吗" read as a return, after a replacement
            return self.routed
        for turn in reversed([*self.earlier, self.latest]):
            if turn.intent in ORDER_INTENTS:
                return turn.intent
        return None

    def _recent(self, name: str) -> list[str]:
        for turn in reversed([*self.earlier, self.latest]):
            if turn.entities.get(name):
                return list(turn.entities[name])
        return []


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
    went_wrong: bool = False  # about a late, damaged, wrong or missing order: sorry, a person


def turn_from_tracker(tracker: dict[str, Any]) -> Turn:
    turns: list[UserTurn] = []
    bot: list[str] = []
    shown: list[list[str]] = []
    marks: list[str] = []
    for event in tracker.get("events") or []:
        if event.get("event") == "user":
            turns.append(_user_turn(event.get("text") or "", event.get("parse_data") or {}))
        elif event.get("event") == "bot":
            if event.get("text"):
                bot.append(str(event["text"]))
            custom = (event.get("data") or {}).get("custom")
            if isinstance(custom, dict):
                products = custom.get("products")
                if isinstance(products, list) and products:
                    shown.append([str(p) for p in products])
                marks += [str(m) for m in custom.get("marks") or [] if isinstance(m, str)]
    latest_data = tracker.get("latest_message") or {}
    latest = _user_turn(latest_data.get("text") or "", latest_data)
    if turns and turns[-1].text == latest.text:
        turns.pop()
    return Turn(latest, turns, dict(tracker.get("slots") or {}), bot, shown, marks)


def _user_turn(text: str, parse: dict[str, Any]) -> UserTurn:
    intent = parse.get("intent") or {}
    entities: dict[str, list[str]] = {}
    for entity in parse.get("entities") or []:
        name, value = entity.get("entity"), entity.get("value")
        if not name or value in (None, ""):
            continue
        values = entities.setdefault(str(name), [])
        if str(value) not in values:
            values.append(str(value))
    return UserTurn(arabic_amounts(str(text)), str(intent.get("name") or "nlu_fallback"),
                    float(intent.get("confidence") or 0.0), entities)
