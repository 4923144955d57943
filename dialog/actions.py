"""The custom-action endpoint that Rasa calls (Rasa's action-server protocol).

Rasa POSTs ``{"next_action", "sender_id", "tracker", "domain", "version"}`` and expects
``{"events": [...], "responses": [{"text": ...}]}``; an unknown action gets a 404 with
``{"error", "action_name"}`` as rasa-sdk's executor answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from agents.jimi import Jimi
from agents.jimi.wording import language_of
from shopmind.errors import NotAuthorised, NotFound


class ActionRequest(BaseModel):
    next_action: str
    sender_id: str
    tracker: dict[str, Any] = Field(default_factory=dict)
    domain: dict[str, Any] = Field(default_factory=dict)
    version: str | None = None


@dataclass(frozen=True)
class ActionCall:
    """What an action needs from the tracker, with the shopper taken from message metadata."""

    action: str
    shopper_id: str
    text: str
    language: str
    entities: dict[str, str]
    slots: dict[str, Any]

    def entity(self, name: str) -> str | None:
        return self.entities.get(name) or _text_or_none(self.slots.get(name))


@dataclass
class ActionResult:
    texts: list[str]
    custom: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)

    def to_protocol(self) -> dict[str, Any]:
        responses: list[dict[str, Any]] = [{"text": t} for t in self.texts]
        if self.custom:
            responses.append({"custom": self.custom})
        return {"events": self.events, "responses": responses}


Handler = Callable[[ActionCall], ActionResult]


class ActionExecutor:
    """Runs JIMI's actions for Rasa."""

    def __init__(self, jimi: Jimi) -> None:
        self.jimi = jimi
        self._handlers: dict[str, Handler] = {
            "action_answer_product": self._answer_product,
            "action_order_status": self._order_status,
            "action_answer_policy": self._answer_policy,
            "action_handover": self._handover,
        }

    def names(self) -> list[str]:
        return sorted(self._handlers)

    def run(self, request: ActionRequest) -> dict[str, Any]:
        handler = self._handlers.get(request.next_action)
        if handler is None:
            raise NotFound(f"No registered action found for name '{request.next_action}'.")
        return handler(parse_call(request)).to_protocol()

    def _answer_product(self, call: ActionCall) -> ActionResult:
        answer = self.jimi.answer_product(call.text, call.entities.get("product"),
                                          call.entities.get("attribute"), call.language)
        return ActionResult([answer])

    def _order_status(self, call: ActionCall) -> ActionResult:
        answer = self.jimi.order_status(call.shopper_id, call.entity("order_id"), call.text,
                                        call.language)
        return ActionResult([answer])

    def _answer_policy(self, call: ActionCall) -> ActionResult:
        return ActionResult([self.jimi.answer_policy(call.text, call.language)])

    def _handover(self, call: ActionCall) -> ActionResult:
        return ActionResult([self.jimi.handover(call.language)], custom={"handover": True})


def parse_call(request: ActionRequest) -> ActionCall:
    tracker = request.tracker
    latest = tracker.get("latest_message") or {}
    metadata = _latest_user_metadata(tracker)
    shopper_id = str(metadata.get("shopper_id") or "")
    if not shopper_id or not request.sender_id.startswith(f"{shopper_id}."):
        raise NotAuthorised("the conversation carries no shopper identity")
    text = str(latest.get("text") or "")
    entities = {str(e.get("entity")): str(e.get("value")) for e in latest.get("entities") or []
                if e.get("entity") and e.get("value") is not None}
    language = language_of(text, default=str(metadata.get("language") or "en"))
    return ActionCall(request.next_action, shopper_id, text, language, entities,
                      dict(tracker.get("slots") or {}))


def _latest_user_metadata(tracker: dict[str, Any]) -> dict[str, Any]:
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            return dict(event.get("metadata") or {})
    return dict((tracker.get("latest_message") or {}).get("metadata") or {})


def _text_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
