"""The chat service against a fake Rasa (httpx MockTransport): identity in metadata,
degraded replies, input checks."""

import json

import httpx
import pytest

from dialog.chat import ChatService
from dialog.client import RasaClient
from kg.schema import ProfileRow
from shopmind.errors import InvalidInput

SHOPPER = ProfileRow(id="u007", name="Test", api_token="t" * 32, membership="gold", region="UK",
                     language="en")


def _service(handler: httpx.MockTransport) -> ChatService:
    return ChatService(RasaClient("http://127.0.0.1:5005", 5.0, transport=handler))


async def test_turn_goes_to_rasa_with_identity_in_metadata() -> None:
    seen: list[dict[str, object]] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=[{"recipient_id": "u007.s9", "text": "Hello!"}])

    reply = await _service(httpx.MockTransport(rasa)).reply(SHOPPER, "s9", "  hi  ")
    assert reply.messages == ["Hello!"] and not reply.degraded
    assert seen == [{"sender": "u007.s9", "message": "hi",
                     "metadata": {"shopper_id": "u007", "language": "en"}}]


async def test_rasa_down_gives_a_polite_degraded_reply() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    reply = await _service(httpx.MockTransport(refuse)).reply(SHOPPER, "s1", "hello")
    assert reply.degraded and reply.handover_offered
    assert "person" in reply.messages[0] and "Traceback" not in reply.messages[0]


async def test_rasa_error_status_is_degraded_too() -> None:
    reply = await _service(httpx.MockTransport(lambda r: httpx.Response(500, text="boom"))
                           ).reply(SHOPPER, "s1", "hello")
    assert reply.degraded


async def test_handover_flag_is_read_from_custom_payload() -> None:
    def rasa(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[{"text": "Connecting you"}, {"custom": {"handover": True}}])

    reply = await _service(httpx.MockTransport(rasa)).reply(SHOPPER, "s1", "human please")
    assert reply.handover_offered and reply.messages == ["Connecting you"]


@pytest.mark.parametrize(("text", "message"), [("", "empty"), (" \x00\x07 ", "empty"),
                                               ("x" * 2001, "longer than 2000")])
async def test_bad_text_is_rejected(text: str, message: str) -> None:
    service = _service(httpx.MockTransport(lambda r: httpx.Response(200, json=[])))
    with pytest.raises(InvalidInput, match=message):
        await service.reply(SHOPPER, "s1", text)
