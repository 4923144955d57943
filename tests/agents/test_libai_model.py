"""Li Bai with a chat model: the same guards apply to what the model writes, and the grammar
takes over when the model invents, exaggerates or fails. Fake chat models, no network."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage

from agents.libai import CopyRequest, CopyWriter
from agents.libai.catalogue import demo_products
from agents.libai.model import parse_lines
from kg.facts import ProductFacts


@pytest.fixture(scope="module")
def products() -> list[ProductFacts]:
    return demo_products()


def test_invented_attribute_and_banned_word_fall_back_to_clean_grammar(
        products: list[ProductFacts]) -> None:
    model = FakeListChatModel(responses=[
        ("Stoneware Coffee Mug: waterproof and made of leather\n"
        "最佳咖啡杯，国家级品质\n"
        "The best mug you will ever own")])
    writer = CopyWriter(products, model=model)
    result = writer.write(CopyRequest("kt-stoneware-mug", "headline", n=2))
    reasons = {r.text: r.problems for r in result.rejected if r.source == "model"}
    assert len(reasons) == 3
    assert any("unsupported claim 'waterproof'" in p for p in
               reasons["Stoneware Coffee Mug: waterproof and made of leather"])
    assert any("banned term" in p for p in reasons["The best mug you will ever own"])
    assert len(result.texts) == 2 and {c.source for c in result.candidates} == {"grammar"}


def test_a_clean_model_text_is_kept_and_preferred(products: list[ProductFacts]) -> None:
    model = GenericFakeChatModel(messages=iter([AIMessage(
        content="1. Stoneware mug, 350 ml, hand-glazed\n2. Dishwasher-safe stoneware")]))
    writer = CopyWriter(products, model=model)
    result = writer.write(CopyRequest("kt-stoneware-mug", "headline", n=3))
    assert result.texts[:2] == ["Stoneware mug, 350 ml, hand-glazed",
                                "Dishwasher-safe stoneware"]
    assert [c.source for c in result.candidates] == ["model", "model", "grammar"]


def test_the_model_gets_the_facts_and_the_rules(products: list[ProductFacts]) -> None:
    seen: list[Any] = []

    class Recording(FakeListChatModel):
        def invoke(self, messages: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(messages)
            return super().invoke(messages, *args, **kwargs)

    writer = CopyWriter(products, model=Recording(responses=["防水越野跑鞋，雨天也干爽"]))
    writer.write(CopyRequest("fw-trail-runner", "headline", language="zh", n=1))
    system, human = seen[0]
    assert "Simplified Chinese" in system.content and "最佳" in system.content
    assert '"waterproof": true' in human.content and "lugged rubber" in human.content


def test_a_failing_model_is_a_note_not_an_error(products: list[ProductFacts]) -> None:
    class Broken(FakeListChatModel):
        def invoke(self, *args: Any, **kwargs: Any) -> Any:
            raise ConnectionError("model endpoint down")

    result = CopyWriter(products, model=Broken(responses=["x"])).write(
        CopyRequest("fw-trail-runner", "subline", n=1))
    assert len(result.texts) == 1 and "chat model failed" in result.notes[0]


def test_model_lines_are_cleaned() -> None:
    assert parse_lines('1. "One"\n- Two\n\n（3）三\n• Four') == ["One", "Two", "三", "Four"]
