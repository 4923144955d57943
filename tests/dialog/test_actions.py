"""The custom-action endpoint, in Rasa's action-server protocol."""

from pathlib import Path
from typing import Any

import pytest

from agents.jimi import Jimi
from dialog.actions import ActionExecutor, ActionRequest
from dialog.conversations import ConversationStore
from shopmind.errors import NotAuthorised, NotFound
from ui.platform import Platform


def _request(action: str, text: str, intent: str = "product_question", shopper: str = "u001",
             sender: str | None = None, entities: list[dict[str, Any]] | None = None,
             slots: dict[str, Any] | None = None, earlier: list[dict[str, Any]] | None = None,
             active_loop: str | None = None) -> ActionRequest:
    sender = sender or f"{shopper}.s1"
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.9},
             "entities": entities or []}
    events = [*(earlier or []), {"event": "user", "text": text, "parse_data": parse,
                                 "metadata": {"shopper_id": shopper, "language": "en"}}]
    return ActionRequest.model_validate({
        "next_action": action, "sender_id": sender, "version": "3.6.21",
        "tracker": {"sender_id": sender, "slots": slots or {}, "latest_message": parse,
                    "events": events, "active_loop": {"name": active_loop} if active_loop else {}},
        "domain": {},
    })


@pytest.fixture()
def executor(synced_platform: Platform, tmp_path: Path) -> ActionExecutor:
    return ActionExecutor(Jimi(synced_platform.knowledge),
                          ConversationStore(tmp_path / "c.sqlite"))


def _order_of(platform: Platform, shopper: str, state: str | None = None) -> str:
    return next(o.id for o in platform.knowledge.accounts.orders_of(shopper)
                if state is None or o.state == state)


def test_product_answer_in_protocol_form(executor: ActionExecutor,
                                         synced_platform: Platform) -> None:
    product = next(p for p in synced_platform.knowledge.graph.products()
                   if len(p.values("colour")) > 1)
    result = executor.run(_request(
        "action_jimi", f"what colours does the {product.name_en} come in?",
        entities=[{"entity": "product", "value": product.name_en},
                  {"entity": "attribute", "value": "colours"}]))
    assert {"event": "slot", "name": "product", "value": product.name_en} in result["events"]
    text = result["responses"][0]["text"]
    assert all(colour in text for colour in product.values("colour"))


def test_handover_marks_the_response(executor: ActionExecutor) -> None:
    result = executor.run(_request("action_jimi", "I want a person", "contact_human_agent"))
    customs = [r["custom"] for r in result["responses"] if "custom" in r]
    assert customs == [{"handover": True, "marks": ["handover"]}]  # a person is not offered again


def test_order_form_accepts_only_the_shoppers_own_order(executor: ActionExecutor,
                                                        synced_platform: Platform) -> None:
    own = _order_of(synced_platform, "u001")
    ok = executor.run(_request("validate_order_form", own.lower().replace("-", ""), "inform",
                               slots={"order_id": own.lower().replace("-", "")}))
    assert ok["events"] == [{"event": "slot", "name": "order_id", "value": own}]
    theirs = _order_of(synced_platform, "u002")
    refused = executor.run(_request("validate_order_form", theirs, "inform",
                                    slots={"order_id": theirs}))
    assert refused["events"] == [{"event": "slot", "name": "order_id", "value": None}]
    assert "can't find an order" in refused["responses"][0]["text"]


def test_the_form_question_follows_the_conversation_language(executor: ActionExecutor) -> None:
    earlier = [{"event": "user", "text": "我要取消订单",
                "parse_data": {"intent": {"name": "cancel_order"}, "entities": []}}]
    result = executor.run(_request("action_ask_order_id", "我要取消订单", "cancel_order",
                                   earlier=earlier))
    assert "订单号" in result["responses"][0]["text"]


def test_a_finished_form_files_the_request(executor: ActionExecutor,
                                           synced_platform: Platform) -> None:
    shopper, order = next((p.id, o.id) for p in synced_platform.knowledge.accounts.profiles()
                          for o in synced_platform.knowledge.accounts.orders_of(p.id)
                          if o.state == "paid")
    earlier = [{"event": "user", "text": "cancel my order",
                "parse_data": {"intent": {"name": "cancel_order"}, "entities": []}}]
    result = executor.run(_request("action_jimi", order, "inform", shopper=shopper,
                                   slots={"order_id": order}, earlier=earlier))
    assert "cancellation" in result["responses"][0]["text"]
    assert executor.conversations.requests_of(shopper) == [(order, "cancel")]


def test_answering_something_else_leaves_the_form(executor: ActionExecutor) -> None:
    result = executor.run(_request("action_jimi", "actually, get me a person",
                                   "contact_human_agent", active_loop="order_form"))
    assert {"event": "active_loop", "name": None} in result["events"]


def test_unknown_action_is_not_found(executor: ActionExecutor) -> None:
    with pytest.raises(NotFound, match="No registered action found for name 'action_nope'"):
        executor.run(_request("action_nope", "hi"))


def test_identity_must_match_the_conversation(executor: ActionExecutor) -> None:
    with pytest.raises(NotAuthorised):
        executor.run(_request("action_jimi", "where is my order", "order_status",
                              shopper="u001", sender="u002.s1"))
    with pytest.raises(NotAuthorised):
        executor.run(_request("action_jimi", "where is my order", "order_status", shopper=""))
