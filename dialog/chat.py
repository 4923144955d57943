"""The shopper chat: one turn in, Rasa decides, JIMI answers through custom actions.

When Rasa is down the shopper gets a polite degraded reply and the offer of a person,
never a stack trace.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from dialog.client import RasaClient
from kg.schema import ProfileRow
from shopmind.errors import DependencyUnavailable, InvalidInput

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 2000
DEGRADED_REPLY = {
    "en": "Sorry, our assistant is having trouble right now. I can connect you to a person, "
          "or you can try again in a minute.",
    "zh": "抱歉，智能助手暂时出了点问题。我可以为您转接人工客服，或者请您稍后再试。",
}


@dataclass
class ChatReply:
    messages: list[str]
    degraded: bool = False
    handover_offered: bool = False
    events: list[str] = field(default_factory=list)


class ChatService:
    """Routes a shopper's turn through Rasa with their identity in the message metadata."""

    def __init__(self, rasa: RasaClient) -> None:
        self.rasa = rasa

    async def reply(self, shopper: ProfileRow, session_id: str, text: str) -> ChatReply:
        text = _clean(text)
        sender = f"{shopper.id}.{session_id}"
        metadata = {"shopper_id": shopper.id, "language": shopper.language}
        try:
            messages = await self.rasa.send(sender, text, metadata)
        except DependencyUnavailable as exc:
            log.warning("chat degraded: %s", exc.message)
            return ChatReply([DEGRADED_REPLY[shopper.language]], degraded=True,
                             handover_offered=True)
        texts = [m["text"] for m in messages if isinstance(m.get("text"), str)]
        handover = any(m.get("custom", {}).get("handover") for m in messages
                       if isinstance(m.get("custom"), dict))
        return ChatReply(texts, handover_offered=handover)


def _clean(text: str) -> str:
    text = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()
    if not text:
        raise InvalidInput("message text is empty")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidInput(f"message text is longer than {MAX_MESSAGE_CHARS} characters")
    return text
