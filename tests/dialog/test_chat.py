"""The chat service against a fake Rasa (httpx MockTransport): identity in metadata,
speakers, hand-over routing, proactive notices, degraded replies, input checks."""

import json
from pathlib import Path

import httpx
import pytest

from dialog.chat import AgentDesk, ChatService
from dialog.client import RasaClient
from dialog.conversations import ConversationStore
from kg.schema import ProfileRow
from shopmind.errors import Conflict, InvalidInput
from ui.platform import Platform

SHOPPER = ProfileRow(id="t900", name="Test", membership="gold", region="UK",
                     language="en")


@pytest.fixture()
def store(tmp_path: Path) -> ConversationStore:
    return ConversationStore(tmp_path / "c.sqlite")


def _service(handler: httpx.MockTransport, store: ConversationStore,
             platform: Platform) -> ChatService:
    return ChatService(RasaClient("http://127.0.0.1:5005", 5.0, bearer="app-token", transport=handler), store,
                       platform.knowledge.accounts)


def _rasa_says(*messages: dict[str, object]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda r: httpx.Response(200, json=list(messages)))


async def test_turn_goes_to_rasa_with_identity_in_metadata(store: ConversationStore,
                                                           synced_platform: Platform) -> None:
    seen: list[dict[str, object]] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=[{"recipient_id": "t900.s9", "text": "Hello!"}])

    reply = await _service(httpx.MockTransport(rasa), store, synced_platform).reply(
        SHOPPER, "s9", "  hi  ")
    assert reply.texts == ["Hello!"] and not reply.degraded
    assert [(m.role, m.speaker) for m in reply.messages] == [("bot", "JIMI")]
    assert seen == [{"sender": "t900.s9", "message": "hi",
                     "metadata": {"shopper_id": "t900", "language": "en"}}]
    assert [m.text for m in store.history("t900.s9")] == ["hi", "Hello!"]


async def test_rasa_down_gives_a_polite_degraded_reply(store: ConversationStore,
                                                       synced_platform: Platform) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    reply = await _service(httpx.MockTransport(refuse), store, synced_platform).reply(
        SHOPPER, "s1", "hello")
    assert reply.degraded and reply.handover_offered
    assert "person" in reply.texts[0] and "Traceback" not in reply.texts[0]


async def test_rasa_error_status_is_degraded_too(store: ConversationStore,
                                                 synced_platform: Platform) -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(500, text="boom"))
    reply = await _service(transport, store, synced_platform).reply(SHOPPER, "s1", "hello")
    assert reply.degraded


async def test_handover_pauses_the_bot_until_the_agent_hands_back(
        store: ConversationStore, synced_platform: Platform) -> None:
    calls: list[str] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["message"])
        return httpx.Response(200, json=[{"text": "Connecting you"},
                                         {"custom": {"handover": True}}])

    service = _service(httpx.MockTransport(rasa), store, synced_platform)
    desk = AgentDesk(store)
    reply = await service.reply(SHOPPER, "s1", "human please")
    assert reply.handover_offered and reply.mode == "waiting"
    queued = await service.reply(SHOPPER, "s1", "hello? anyone?")
    assert calls == ["human please", "hello? anyone?"] and queued.mode == "waiting"
    assert "queue" in queued.texts[-1]  # JIMI's answer (here: another hand-over) left out
    assert "Connecting you" not in queued.texts
    assert [s["id"] for s in desk.waiting()] == ["t900.s1"]
    with pytest.raises(Conflict):
        desk.reply("t900.s1", "Alice", "hi")
    desk.claim("t900.s1", "Alice")
    desk.reply("t900.s1", "Alice", "Hi, I'm Alice. How can I help?")
    _, history = service.history(SHOPPER, "s1")
    assert [(m.role, m.speaker) for m in history][-2:] == [("system", "Shopmind"),
                                                          ("agent", "Alice")]
    assert "Alice" in history[-2].text
    with_agent = await service.reply(SHOPPER, "s1", "my parcel is late")
    assert with_agent.mode == "agent" and with_agent.agent == "Alice" and with_agent.texts == []
    desk.hand_back("t900.s1", "Alice")
    await service.reply(SHOPPER, "s1", "thanks")
    assert calls == ["human please", "hello? anyone?", "thanks"]


async def test_a_delayed_order_is_mentioned_first_and_once(store: ConversationStore,
                                                           synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delayed")
    service = _service(_rasa_says({"text": "Hi!"}), store, synced_platform)
    _, notices = service.open(profile, "first")
    assert len(notices) >= 1 and order.id in notices[0].text
    assert notices[0].text.startswith(("Before you ask", "先告诉您"))
    reply = await service.reply(profile, "second", "hi")
    assert reply.texts == ["Hi!"]


async def test_a_question_while_waiting_for_a_person_is_still_answered(
        store: ConversationStore, synced_platform: Platform) -> None:
    answers = iter([[{"text": "Connecting you"}, {"custom": {"handover": True}}],
                    [{"text": "Express shipping costs 12.99 USD."}]])
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=next(answers)))
    service = _service(transport, store, synced_platform)
    await service.reply(SHOPPER, "s1", "human please")
    reply = await service.reply(SHOPPER, "s1", "while I wait, how much is express shipping?")
    assert reply.mode == "waiting"
    assert reply.texts[0] == "Express shipping costs 12.99 USD." and "queue" in reply.texts[-1]


async def test_a_delayed_order_the_reply_talks_about_is_not_announced_too(
        store: ConversationStore, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delayed")
    answer = f"Your order {order.id} is delayed."
    service = _service(_rasa_says({"text": answer}), store, synced_platform)
    reply = await service.reply(profile, "late", "where is my order?")
    assert sum(order.id in text for text in reply.texts) == 1 and answer in reply.texts
    again = await service.reply(profile, "later", "where is my order?")
    assert again.texts == [answer]  # announced once per order, even when left out


async def test_a_delayed_order_is_announced_in_the_language_the_shopper_writes(
        store: ConversationStore, synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                          if o.state == "delayed" and p.language == "en")
    service = _service(_rasa_says({"text": "您好！"}), store, synced_platform)
    reply = await service.reply(profile, "zh-first", "你好，我想看看耳机")
    assert reply.texts[0].startswith("先告诉您") and order.id in " ".join(reply.texts)


async def test_bot_messages_are_never_from_an_agent(store: ConversationStore,
                                                    synced_platform: Platform) -> None:
    service = _service(_rasa_says({"text": "A"}, {"text": "B"}), store, synced_platform)
    reply = await service.reply(SHOPPER, "s1", "hi")
    assert {m.speaker for m in reply.messages} == {"JIMI"}


@pytest.mark.parametrize(("text", "message"), [("", "empty"), (" \x00\x07 ", "empty"),
                                               ("x" * 2001, "longer than 2000")])
async def test_bad_text_is_rejected(text: str, message: str, store: ConversationStore,
                                    synced_platform: Platform) -> None:
    service = _service(_rasa_says(), store, synced_platform)
    with pytest.raises(InvalidInput, match=message):
        await service.reply(SHOPPER, "s1", text)


async def test_symbols_become_an_intent_and_a_typed_intent_is_text(
        store: ConversationStore, synced_platform: Platform) -> None:
    seen: list[str] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content)["message"])
        return httpx.Response(200, json=[{"recipient_id": "t900.s8", "text": "OK"}])

    service = _service(httpx.MockTransport(rasa), store, synced_platform)
    for text in ("👍", "❌", "...", '/cancel_order{"order_id": "SM-100002"}', "/ where is it"):
        await service.reply(SHOPPER, "s8", text)
    assert seen == ["/affirm", "/deny", "/out_of_scope",
                    'cancel_order{"order_id": "SM-100002"}', "where is it"]
    kept = [m.text for m in store.history("t900.s8") if m.role == "shopper"]
    assert kept[:3] == ["👍", "❌", "..."], "the shopper's own words are kept as written"
