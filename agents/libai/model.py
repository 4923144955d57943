"""Wording with a chat model: the same facts and selling points, as a prompt.

The model's lines are only candidates: the pipeline puts each one through the same guards as
the grammar's and falls back to the grammar when the model fails or every line is rejected.

    drafts = ModelDrafter(model).drafts(context, 5)
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage

from agents.libai.compose import Context
from agents.libai.kinds import KIND_HELP

log = logging.getLogger(__name__)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)、]|[（(]?\d+[）)])\s*")
_TONE_HELP = {"professional": "clear and factual", "playful": "light and fun",
              "premium": "calm, refined, understated", "urgent": "short, action-first"}


class ModelDrafter:
    """Asks a LangChain chat model for candidate texts."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def drafts(self, context: Context, count: int) -> tuple[list[str], list[str]]:
        """(candidate texts, notes); a failing model gives no texts and a note, not an error."""
        messages = [SystemMessage(content=system_prompt(context)),
                    HumanMessage(content=facts_prompt(context, count))]
        try:
            reply = self.model.invoke(messages)
        except Exception as exc:  # noqa: BLE001 - any provider's error: the grammar writes
            log.warning("chat model failed: %s", exc)
            return [], [f"chat model failed ({type(exc).__name__}: {exc}); used the grammar"]
        return parse_lines(_content(reply)), []


def system_prompt(context: Context) -> str:
    language = "Simplified Chinese" if context.language == "zh" else "English"
    limit = context.limit
    return (
        f"You are Li Bai, an e-commerce copywriter. Write {KIND_HELP[context.kind]} in "
        f"{language}, tone: {context.tone} ({_TONE_HELP[context.tone]}). Use only the facts "
        f"given: never add a material, colour, feature or number that is not listed. No "
        f"absolute or superlative claims (best, #1, 100%, 最佳, 最好, 第一, 国家级, 顶级). Each "
        f"text {limit.low} to {limit.high} characters. One text per line, no numbering.")


def facts_prompt(context: Context, count: int) -> str:
    product = context.product
    facts = {"name": context.subject.name_zh if context.language == "zh"
             else context.subject.name_en, "brand": product.brand,
             "category": product.category, "attributes": product.attributes,
             "tags": product.tags, "price": f"{product.price} {product.currency}"}
    points = [p.zh_clauses[0] if context.language == "zh" and p.zh_clauses
              else (p.en_vps[0] if p.en_vps else p.en_tag) for p in context.points[:6]]
    campaign = f"\nCampaign: {context.campaign}" if context.campaign else ""
    return (f"Product facts (JSON): {json.dumps(facts, ensure_ascii=False)}\n"
            f"Selling points, most important first: {json.dumps(points, ensure_ascii=False)}"
            f"{campaign}\nWrite {count} different texts.")


def parse_lines(content: str) -> list[str]:
    lines = []
    for line in content.splitlines():
        text = _BULLET.sub("", line).strip().strip('"“”')
        if text:
            lines.append(text)
    return lines


def _content(reply: Any) -> str:
    content = getattr(reply, "content", reply)
    if isinstance(content, list):
        return "\n".join(part.get("text", "") if isinstance(part, dict) else str(part)
                         for part in content)
    return str(content)
