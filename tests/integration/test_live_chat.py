"""The real thing: the app over HTTP on 127.0.0.1 and the real Rasa server deciding intents
and calling the app's custom-action endpoint."""

from __future__ import annotations

import httpx
import pytest

from ui.platform import Platform

pytestmark = pytest.mark.integration


def _say(app: str, token: str, text: str, session: str = "live1") -> dict[str, object]:
    response = httpx.post(f"{app}/v1/chat", json={"session_id": session, "text": text},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    assert body["degraded"] is False, body
    return body


def _text(body: dict[str, object]) -> str:
    messages = body["messages"]
    assert isinstance(messages, list)
    return " ".join(str(m) for m in messages)


def test_health_is_all_up(live_app: str, rasa_server: str) -> None:
    body = httpx.get(f"{live_app}/health", timeout=10).json()
    assert body["status"] == "ok", body
    assert body["dependencies"]["rasa"]["detail"].startswith("model ")


@pytest.mark.parametrize("index", [0, 7, 23, 41])
def test_shopper_asks_which_colours(live_app: str, rasa_server: str,
                                    synced_platform: Platform, index: int) -> None:
    products = sorted(synced_platform.knowledge.graph.products(), key=lambda p: p.id)
    product = products[index % len(products)]
    token = synced_platform.knowledge.accounts.profiles()[0].api_token
    answer = _text(_say(live_app, token, f"what colours does the {product.name_en} come in?"))
    assert product.name_en in answer
    for colour in product.values("colour"):
        assert colour in answer


def test_a_conversation_over_several_turns(live_app: str, rasa_server: str,
                                           synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    shopper = next(p for p in accounts.profiles()
                   if any(o.state == "delayed" for o in accounts.orders_of(p.id)))
    delayed = next(o for o in accounts.orders_of(shopper.id) if o.state == "delayed")
    token = shopper.api_token
    assert "JIMI" in _text(_say(live_app, token, "hello", "conv"))
    status = _text(_say(live_app, token, f"what is the status of order {delayed.id}?", "conv"))
    assert delayed.id in status and "delayed" in status
    policy = _text(_say(live_app, token, "what is your return policy?", "conv"))
    assert "day" in policy
    handover = _say(live_app, token, "I want to talk to a person", "conv")
    assert handover["handover_offered"] is True


def test_another_shoppers_order_is_refused(live_app: str, rasa_server: str,
                                          synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    owner, intruder = accounts.profiles()[0], accounts.profiles()[1]
    order = accounts.orders_of(owner.id)[0]
    answer = _text(_say(live_app, intruder.api_token, f"where's my order {order.id}",
                        "intruder"))
    assert "can't find an order" in answer
    assert order.expected_delivery not in answer


def test_gibberish_gets_a_clarifying_question(live_app: str, rasa_server: str,
                                              synced_platform: Platform) -> None:
    token = synced_platform.knowledge.accounts.profiles()[0].api_token
    answer = _text(_say(live_app, token, "tell me a joke about the weather on mars", "oos"))
    assert "rephrase" in answer or "person" in answer
