"""The ``write_copy`` tool: Li Bai's copy for one product, grounded in its facts.

Example::

    registry.call("write_copy", {"product_id": "fw-trail-runner", "kind": "headline",
                                 "tone": "playful", "campaign": "summer sale",
                                 "language": "en", "n": 3})
    # ToolResult(text="...", data={"texts": [...], "candidates": [...], "rejected": 2, ...})
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from agents.libai.kinds import Kind, Language, Tone
from agents.libai.pipeline import MAX_N, CopyRequest, CopyResult, CopyWriter
from agents.llm import chat_model
from kg.facts import ProductFacts
from tools.base import Progress, Tool, ToolContext, ToolResult


class CopyInput(BaseModel):
    """What to write: the product, the kind of text, tone, language, campaign and how many."""

    product_id: str = Field(min_length=1)
    kind: Kind = "headline"
    tone: Tone = "professional"
    campaign: str | None = Field(default=None, max_length=60)
    language: Language = "en"
    n: int = Field(default=1, ge=1, le=MAX_N)
    seed: int = Field(default=0, ge=0, description="another seed gives other variants")


class CopyTool(Tool):
    name = "write_copy"
    description = ("Write product copy (copy, title, headline, subline, bullet, post, hashtags) "
                   "in English or Chinese from the product's catalogue facts.")
    input_model = CopyInput

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._model: Any = None
        self._writer: CopyWriter | None = None
        self._version: int | None = None

    def warm_up(self) -> None:
        """Builds the writer over the catalogue, and again whenever the catalogue changed
        (its products are the siblings that rank a product's selling points)."""
        catalogue = self.context.catalogue
        version = catalogue.version  # read first: a change made while building shows next time
        if self._writer is not None and version == self._version:
            return
        if self._writer is None:
            self._model = chat_model(self.context.settings)
        self._writer = CopyWriter(_by_id(catalogue.products()), model=self._model)
        self._version = version

    def run(self, inputs: CopyInput, progress: Progress | None = None) -> ToolResult:
        self.warm_up()
        assert self._writer is not None
        # the current facts from the shared catalogue; NotFound if unknown
        product = self.context.catalogue.product(inputs.product_id)
        request = CopyRequest(product.id, inputs.kind, inputs.tone, inputs.language, inputs.n,
                              inputs.campaign, inputs.seed)
        result = self._writer.write_for(product, request)
        return ToolResult(text="\n".join(result.texts), data=result_data(result))


def _by_id(products: list[ProductFacts]) -> list[ProductFacts]:
    return sorted(products, key=lambda p: p.id)


def result_data(result: CopyResult) -> dict[str, Any]:
    request = result.request
    return {
        "texts": result.texts, "product_id": request.product_id, "kind": request.kind,
        "tone": request.tone, "language": request.language,
        "candidates": [{"text": c.text, "source": c.source, "score": c.score,
                        "grounded": list(c.grounded)} for c in result.candidates],
        "rejected": len(result.rejected), "notes": result.notes,
    }
