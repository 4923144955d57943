"""The shopper chat: one turn in, Rasa decides, JIMI answers through custom actions.

Every message is kept with its speaker (``dialog.conversations``). When JIMI hands over,
the session waits for a person: the shopper's messages go to the agent's queue instead of
Rasa until the agent hands the session back. A new session first hears about any delayed
order (proactive care, once per order). When Rasa is down the shopper gets a polite
degraded reply and the offer of a person, never a stack trace.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from agents.jimi import orders
from agents.jimi.wording import language_of
from dialog.client import RasaClient
from dialog.conversations import BOT, ConversationStore, Message, Session
from kg.accounts import AccountStore
from kg.schema import ProfileRow
from shopmind.errors import Conflict, DependencyUnavailable, InvalidInput
from shopmind.symbols import symbols_meaning

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 2000
PHOTO_THANKS = {
    "en": "Thanks, I've added the photo to this conversation; our team sees it with your request.",
    "zh": "谢谢，照片已添加到本次对话中，客服处理您的申请时会一并查看。",
}
DEGRADED_REPLY = {
    "en": "Sorry, our assistant is having trouble right now. I can connect you to a person, "
          "or you can try again in a minute.",
    "zh": "抱歉，智能助手暂时出了点问题。我可以为您转接人工客服，或者请您稍后再试。",
}
WAITING = {
    "en": "You're in the queue for a member of our team; they'll reply right here.",
    "zh": "您已在排队等候我们的客服同事，他们会在这里回复您。",
}
PROACTIVE = {
    "en": "Before you ask: ", "zh": "先告诉您一个情况：",
}


@dataclass
class ChatReply:
    """What the shopper sees after one turn: the new messages, each with its speaker."""

    messages: list[Message]
    mode: str = "bot"
    agent: str | None = None
    degraded: bool = False
    handover_offered: bool = False
    frustration: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)  # the products this reply lists

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.messages if m.role != "shopper"]


class ChatService:
    """Routes a shopper's turn through Rasa with their identity in the message metadata."""

    def __init__(self, rasa: RasaClient, conversations: ConversationStore,
                 accounts: AccountStore) -> None:
        self.rasa = rasa
        self.conversations = conversations
        self.accounts = accounts

    def open(self, shopper: ProfileRow, session_id: str) -> tuple[Session, list[Message]]:
        """The session (created on first use) and the proactive notices it starts with."""
        session, created = self.conversations.open(_key(shopper, session_id), shopper.id,
                                                   shopper.language)
        notices = self._notices(shopper) if created else {}
        added = (self.conversations.add(session.id, "bot", BOT, list(notices.values()))
                 if notices else [])
        return session, added

    async def reply(self, shopper: ProfileRow, session_id: str, text: str) -> ChatReply:
        text = _clean(text)
        session, created = self.conversations.open(_key(shopper, session_id), shopper.id,
                                                   shopper.language)
        # the notices in the language the shopper writes in ("我的订单呢" from an English profile)
        notices = self._notices(shopper, language_of(text, shopper.language)) if created else {}
        self.conversations.add(session.id, "shopper", shopper.name, [text])
        session = self.conversations.session(session.id)
        if session.mode == "agent":  # a person has the conversation: they answer
            return ChatReply([], mode=session.mode, agent=session.agent)
        metadata = {"shopper_id": shopper.id, "language": shopper.language}
        try:
            messages = await self.rasa.send(session.id, for_rasa(text), metadata)
        except DependencyUnavailable as exc:
            log.warning("chat degraded: %s", exc.message)
            added = self._add(session.id, notices, [DEGRADED_REPLY[shopper.language]])
            return ChatReply(added, degraded=True, handover_offered=True)
        texts = [m["text"] for m in messages if isinstance(m.get("text"), str)]
        custom = _custom(messages)
        if session.mode == "waiting":  # JIMI still answers while the shopper waits for a person
            added = self._add(session.id, notices, [] if custom.get("handover") else texts)
            added += self.conversations.add(session.id, "system", "Shopmind",
                                            [WAITING[shopper.language]])
            return ChatReply(added, mode=session.mode, agent=session.agent)
        reply = ChatReply(self._add(session.id, notices, texts),
                          handover_offered=bool(custom.get("handover")),
                          frustration=list(custom.get("frustration") or []),
                          products=[str(p) for p in custom.get("products") or []])
        if custom.get("handover"):
            session = self.conversations.request_human(session.id)
            reply.mode = session.mode
        return reply

    def _add(self, session_key: str, notices: dict[str, str], texts: list[str]) -> list[Message]:
        """The turn's bot messages, after the notices of delayed orders the reply does not
        already talk about (the shopper who asks about a late order hears it once)."""
        said = " ".join(texts)
        kept = [notice for order_id, notice in notices.items() if order_id not in said]
        return self.conversations.add(session_key, "bot", BOT, kept + texts)

    def history(self, shopper: ProfileRow, session_id: str, after: int = 0
                ) -> tuple[Session, list[Message]]:
        session, _ = self.open(shopper, session_id)
        return session, self.conversations.history(session.id, after)

    def photo_added(self, shopper: ProfileRow, session_id: str, photo: str
                    ) -> tuple[Session, list[Message]]:
        """A photo the shopper attached: in the conversation for the team, acknowledged."""
        session, _ = self.open(shopper, session_id)
        added = self.conversations.add(session.id, "shopper", shopper.name,
                                       [f"[photo attached: {photo}]"])
        added += self.conversations.add(session.id, "bot", BOT, [PHOTO_THANKS[shopper.language]])
        return self.conversations.session(session.id), added

    def request_human(self, shopper: ProfileRow, session_id: str) -> Session:
        session, _ = self.open(shopper, session_id)
        return self.conversations.request_human(session.id)

    def _notices(self, shopper: ProfileRow, language: str | None = None) -> dict[str, str]:
        """Each delayed order's notice, the first time this shopper opens a session after it."""
        language = language or shopper.language
        texts = {}
        for order in self.accounts.orders_of(shopper.id):
            if order.state != "delayed":
                continue
            if not self.conversations.first_notice(shopper.id, f"delayed:{order.id}"):
                continue
            texts[order.id] = (PROACTIVE[language] + orders.describe(order, language)
                               + " " + orders.delay_remedy(order, language))
        return texts


class AgentDesk:
    """What a human agent does: see waiting sessions, read, reply, hand back."""

    def __init__(self, conversations: ConversationStore) -> None:
        self.conversations = conversations

    def waiting(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.conversations.waiting()]

    def read(self, session_key: str, after: int = 0) -> tuple[Session, list[Message]]:
        return (self.conversations.session(session_key),
                self.conversations.history(session_key, after))

    def claim(self, session_key: str, agent: str) -> Session:
        session = self.conversations.claim(session_key, agent)
        line = {"en": f"{agent} from our support team has joined the chat.",
                "zh": f"人工客服 {agent} 已加入对话。"}[session.language]
        self.conversations.add(session_key, "system", "Shopmind", [line])
        return session

    def reply(self, session_key: str, agent: str, text: str) -> Message:
        session = self.conversations.session(session_key)
        if session.mode != "agent" or session.agent != agent:
            raise Conflict(f"claim session {session_key!r} before replying")
        return self.conversations.add(session_key, "agent", agent, [_clean(text)])[0]

    def hand_back(self, session_key: str, agent: str) -> Session:
        session = self.conversations.hand_back(session_key, agent)
        line = {"en": "You're back with JIMI, our assistant. Ask me anything.",
                "zh": "已为您切换回智能客服JIMI，有问题随时问我。"}[session.language]
        self.conversations.add(session_key, "system", BOT, [line])
        return session


def for_rasa(text: str) -> str:
    """What Rasa reads of a shopper's message. Symbols alone ("👍", "❌"), which its pipeline
    cannot read, become the intent they mean in Rasa's ``/intent`` form; a shopper's own
    leading "/" is dropped, so no shopper sets an intent or an entity by typing one
    (``/cancel_order{"order_id": ...}``)."""
    meaning = symbols_meaning(text)
    if meaning is not None:
        return "/out_of_scope" if meaning == "unknown" else f"/{meaning}"
    return text.lstrip("/ ") or text


def _key(shopper: ProfileRow, session_id: str) -> str:
    return f"{shopper.id}.{session_id}"


def _custom(messages: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for message in messages:
        if isinstance(message.get("custom"), dict):
            merged.update(message["custom"])
    return merged


def _clean(text: str) -> str:
    text = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()
    if not text:
        raise InvalidInput("message text is empty")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidInput(f"message text is longer than {MAX_MESSAGE_CHARS} characters")
    return text
