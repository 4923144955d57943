"""The ``write_copy`` tool: short copy for one product, grounded in its facts.

Example::

    registry.call("write_copy", {"product_id": "fw-trail-runner", "kind": "headline",
                                 "campaign": "summer sale", "language": "en", "n": 3})
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agents.libai.writer import headlines, subline
from kg.graph import ProductGraph
from tools.base import Progress, Tool, ToolContext, ToolResult


class CopyInput(BaseModel):
    product_id: str = Field(min_length=1)
    kind: Literal["headline", "subline"] = "headline"
    campaign: str | None = Field(default=None, max_length=60)
    language: Literal["en", "zh"] = "en"
    n: int = Field(default=1, ge=1, le=20)


class CopyTool(Tool):
    name = "write_copy"
    description = "Write a banner headline or subline for a product from its catalogue facts."
    input_model = CopyInput

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._graph: ProductGraph | None = None

    def warm_up(self) -> None:
        if self._graph is None:
            self._graph = ProductGraph(self.context.settings.graph_path)
            self._graph.warm_up()

    def run(self, inputs: CopyInput, progress: Progress | None = None) -> ToolResult:
        self.warm_up()
        assert self._graph is not None
        product = self._graph.product(inputs.product_id)
        if inputs.kind == "headline":
            texts = headlines(product, inputs.campaign, inputs.language)
        else:
            texts = [subline(product, inputs.language)]
        texts = texts[: inputs.n]
        return ToolResult(text="\n".join(texts), data={"texts": texts})
