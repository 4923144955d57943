"""The custom-action endpoint that Rasa calls (Rasa's action-server protocol).

Rasa POSTs ``{"next_action", "sender_id", "tracker", "domain", "version"}`` and expects
``{"events": [...], "responses": [{"text": ...}]}``; an unknown action gets a 404 with
``{"error", "action_name"}`` as rasa-sdk's executor answers.

Three actions: ``action_jimi`` answers every intent, ``action_ask_order_id`` asks the order
form's question in the shopper's language, and ``validate_order_form`` accepts an order
number only when the order belongs to the shopper the API token identified.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, Field

from agents.jimi import Jimi, Shopper, orders
from agents.jimi.context import Turn, turn_from_tracker
from agents.jimi.wording import language_of
from dialog.conversations import ConversationStore
from shopmind.errors import NotAuthorised, NotFound


class ActionRequest(BaseModel):
    next_action: str
    sender_id: str
    tracker: dict[str, Any] = Field(default_factory=dict)
    domain: dict[str, Any] = Field(default_factory=dict)
    version: str | None = None


@dataclass(frozen=True)
class ActionCall:
    """What an action needs: the turn in context and the shopper from message metadata."""

    action: str
    sender: str
    shopper_id: str
    language: str
    turn: Turn
    active_loop: str | None


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

    def __init__(self, jimi: Jimi, conversations: ConversationStore) -> None:
        self.jimi = jimi
        self.conversations = conversations
        self._handlers: dict[str, Handler] = {
            "action_jimi": self._jimi,
            "action_ask_order_id": self._ask_order_id,
            "validate_order_form": self._validate_order_form,
        }

    def names(self) -> list[str]:
        return sorted(self._handlers)

    def run(self, request: ActionRequest) -> dict[str, Any]:
        handler = self._handlers.get(request.next_action)
        if handler is None:
            raise NotFound(f"No registered action found for name '{request.next_action}'.")
        return handler(parse_call(request)).to_protocol()

    def _shopper(self, call: ActionCall) -> Shopper:
        profile = self.jimi.knowledge.accounts.profile(call.shopper_id)
        return Shopper(profile, call.language,
                       self.conversations.other_sessions(call.shopper_id, call.sender),
                       frozenset(self.conversations.requests_of(call.shopper_id)))

    def _jimi(self, call: ActionCall) -> ActionResult:
        reply = self.jimi.respond(call.turn, self._shopper(call))
        events: list[dict[str, Any]] = [_slot(name, value) for name, value in reply.slots.items()]
        if call.active_loop:  # an unhappy path out of the form: JIMI answered something else
            events += [{"event": "active_loop", "name": None}, _slot("requested_slot", None)]
        for order_id, kind in reply.requests:
            self.conversations.record_request(order_id, kind, call.shopper_id, call.sender,
                                              reply.reason)
        custom: dict[str, Any] = {"handover": True} if reply.handover else {}
        if reply.mood is not None and reply.mood.frustrated:
            custom["frustration"] = list(reply.mood.signals)
        if reply.shown:  # kept in the tracker: "the first one" next turn (Turn.shown)
            custom["products"] = list(reply.shown)
        if reply.marks:
            custom["marks"] = list(reply.marks)
        return ActionResult(reply.texts, custom=custom, events=events)

    def _ask_order_id(self, call: ActionCall) -> ActionResult:
        if self.jimi.answers_instead_of_asking(call.turn, call.shopper_id):
            # JIMI can act without the number: it answers, and the form ends here (the loop
            # is closed but its requested slot kept, so the "form complete" rule does not
            # make JIMI answer a second time)
            answered = self._jimi(replace(call, active_loop=None))
            answered.events.append({"event": "active_loop", "name": None})
            return answered
        return ActionResult([orders.ASK_ORDER_ID[call.language]])

    def _validate_order_form(self, call: ActionCall) -> ActionResult:
        value = call.turn.slots.get("order_id")
        if value in (None, "") or not orders.mentions_order(str(value)):
            # no number given ("23号下的那单" gives only a day): the order the words point at ("the one with the pans", "刚下的
            #那单", the only order that can still be cancelled), if exactly one does
            value = self._order_meant(call)
        if value in (None, ""):
            return ActionResult([], events=[_slot("order_id", None)])
        order_id = orders.normalise_id(str(value))
        try:
            self.jimi.knowledge.accounts.order_for(call.shopper_id, order_id)
        except NotFound:
            return ActionResult([orders.not_yours(str(value), call.language)],
                                events=[_slot("order_id", None)])
        return ActionResult([], events=[_slot("order_id", order_id)])


    def _order_meant(self, call: ActionCall) -> str | None:
        order = self.jimi.order_meant(call.turn, call.shopper_id)
        return order.id if order else None


def parse_call(request: ActionRequest) -> ActionCall:
    tracker = request.tracker
    metadata = _latest_user_metadata(tracker)
    shopper_id = str(metadata.get("shopper_id") or "")
    if not shopper_id or not request.sender_id.startswith(f"{shopper_id}."):
        raise NotAuthorised("the conversation carries no shopper identity")
    turn = turn_from_tracker(tracker)
    chosen = turn.slots.get("language")
    language = str(metadata.get("language") or "en")
    for earlier in turn.earlier:  # the conversation's language so far, for "SM-100023" or "ok"
        language = language_of(earlier.text, default=language)
    language = str(chosen) if chosen in ("en", "zh") else language_of(turn.latest.text, language)
    loop = (tracker.get("active_loop") or {}).get("name")
    return ActionCall(request.next_action, request.sender_id, shopper_id, language, turn,
                      str(loop) if loop else None)


def _slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def _latest_user_metadata(tracker: dict[str, Any]) -> dict[str, Any]:
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            return dict(event.get("metadata") or {})
    return dict((tracker.get("latest_message") or {}).get("metadata") or {})
