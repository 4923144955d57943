"""The ``make_banners`` tool: banners for products, in every requested size.

Example::

    registry.call("make_banners", {
        "items": [{"product_id": "fw-trail-runner", "headline": "Summer Sale", "subline": "..."}],
        "sizes": ["1200x628", "800x800"], "format": "jpg"})
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from kg.graph import ProductGraph
from tools.base import Progress, Tool, ToolContext, ToolResult
from tools.synth.batch import render_batch
from tools.synth.render import BannerSpec

MAX_SIDE = 4096


class BannerItem(BaseModel):
    product_id: str = Field(min_length=1)
    headline: str = Field(min_length=1, max_length=120)
    subline: str = Field(default="", max_length=200)
    cta: str = Field(default="Shop now", min_length=1, max_length=30)
    size: str | None = Field(default=None, description="WIDTHxHEIGHT; default: every size")

    @field_validator("size")
    @classmethod
    def _size_is_wxh(cls, size: str | None) -> str | None:
        return None if size is None else check_size(size)


class BannerInput(BaseModel):
    """Products with their texts, the sizes to render (``WIDTHxHEIGHT``) and the format."""

    items: list[BannerItem] = Field(min_length=1, max_length=20000)
    sizes: list[str] = Field(default_factory=lambda: ["1200x628"], min_length=1)
    format: Literal["jpg", "png", "webp"] = "jpg"
    out_dir: str | None = None

    @field_validator("sizes")
    @classmethod
    def _sizes_are_wxh(cls, sizes: list[str]) -> list[str]:
        return [check_size(size) for size in sizes]


def check_size(size: str) -> str:
    width, _, height = size.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise ValueError(f"size {size!r} is not WIDTHxHEIGHT")
    if not (16 <= int(width) <= MAX_SIDE and 16 <= int(height) <= MAX_SIDE):
        raise ValueError(f"size {size!r} must be between 16 and {MAX_SIDE} px a side")
    return size.lower()


class BannerTool(Tool):
    name = "make_banners"
    description = "Render marketing banners for catalogue products in the requested sizes."
    input_model = BannerInput

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._graph: ProductGraph | None = None

    def warm_up(self) -> None:
        if self._graph is None:
            self._graph = ProductGraph(self.context.settings.graph_path)
            self._graph.warm_up()

    def run(self, inputs: BannerInput, progress: Progress | None = None) -> ToolResult:
        self.warm_up()
        specs = [spec for item in inputs.items for spec in self._specs(item, inputs)]
        out_dir = Path(inputs.out_dir) if inputs.out_dir else self._default_dir(inputs)
        entries = render_batch(specs, out_dir, self.context.executor(), progress)
        files = [out_dir / e["file"] for e in entries]
        return ToolResult(
            text=f"{len(entries)} banners in {out_dir}",
            files=files + [out_dir / "manifest.json", out_dir / "manifest.csv"],
            data={"out_dir": str(out_dir), "count": len(entries)},
        )

    def _specs(self, item: BannerItem, inputs: BannerInput) -> list[BannerSpec]:
        assert self._graph is not None
        product = self._graph.product(item.product_id)
        catalog = self.context.settings.catalog_dir
        image = catalog / (product.image or f"images/{product.id}.jpg")
        mask = image.with_name(f"{image.stem}.mask.png")
        price = f"{product.price:.2f} {product.currency}"
        return [
            BannerSpec(product.id, image, mask if mask.is_file() else None, item.headline,
                       item.subline, price, item.cta, width=int(size.split("x")[0]),
                       height=int(size.split("x")[1]), format=inputs.format)
            for size in ([item.size] if item.size else inputs.sizes)
        ]

    def _default_dir(self, inputs: BannerInput) -> Path:
        key = hashlib.sha256(inputs.model_dump_json().encode()).hexdigest()[:10]
        return self.context.settings.jobs_dir / f"banners-{key}"
