"""The custom-action endpoint, in Rasa's action-server protocol."""

from typing import Any

import pytest

from agents.jimi import Jimi
from dialog.actions import ActionExecutor, ActionRequest
from shopmind.errors import NotAuthorised, NotFound
from ui.platform import Platform


def _request(action: str, text: str, shopper: str = "u001", sender: str | None = None,
             entities: list[dict[str, Any]] | None = None) -> ActionRequest:
    return ActionRequest.model_validate({
        "next_action": action, "sender_id": sender or f"{shopper}.s1", "version": "3.6.21",
        "tracker": {
            "sender_id": sender or f"{shopper}.s1", "slots": {},
            "latest_message": {"text": text, "intent": {"name": "x"}, "entities": entities or []},
            "events": [{"event": "user", "text": text,
                        "metadata": {"shopper_id": shopper, "language": "en"}}],
        },
        "domain": {},
    })


def test_answer_product_returns_protocol_responses(synced_platform: Platform) -> None:
    product = next(p for p in synced_platform.knowledge.graph.products()
                   if len(p.values("colour")) > 1)
    executor = ActionExecutor(Jimi(synced_platform.knowledge))
    result = executor.run(_request(
        "action_answer_product", f"what colours does the {product.name_en} come in?",
        entities=[{"entity": "product", "value": product.name_en},
                  {"entity": "attribute", "value": "colour"}]))
    assert result["events"] == []
    text = result["responses"][0]["text"]
    assert all(colour in text for colour in product.values("colour"))


def test_handover_marks_the_response(synced_platform: Platform) -> None:
    result = ActionExecutor(Jimi(synced_platform.knowledge)).run(
        _request("action_handover", "I want a person"))
    assert {"custom": {"handover": True}} in result["responses"]


def test_unknown_action_is_not_found(synced_platform: Platform) -> None:
    with pytest.raises(NotFound, match="No registered action found for name 'action_nope'"):
        ActionExecutor(Jimi(synced_platform.knowledge)).run(_request("action_nope", "hi"))


def test_identity_must_match_the_conversation(synced_platform: Platform) -> None:
    executor = ActionExecutor(Jimi(synced_platform.knowledge))
    with pytest.raises(NotAuthorised):
        executor.run(_request("action_order_status", "where is my order", shopper="u001",
                              sender="u002.s1"))
    with pytest.raises(NotAuthorised):
        executor.run(_request("action_order_status", "where is my order", shopper=""))
