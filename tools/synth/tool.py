"""The ``make_banners`` tool: banners for catalogue products, laid out by the learned layout
engine, in every requested size and language, rendered in parallel.

Either ``items`` (one product and its texts each, optionally one size) or a plan of
``products`` x ``variants`` x ``sizes``. Sizes are ``WIDTHxHEIGHT`` or presets
(marketplace, square, link, story, hero, leaderboard, rectangle).

Example::

    registry.call("make_banners", {
        "products": ["fw-trail-runner", "kt-stoneware-mug"],
        "variants": [{"headline": "Summer Sale", "badge": "-30%"},
                     {"headline": "夏季特卖", "language": "zh"}],
        "sizes": ["1200x628", "story", "728x90"], "format": "webp", "zip": true})
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from shopmind.errors import InvalidInput
from tools.base import Progress, Tool, ToolResult
from tools.layout.colour import hex_colour
from tools.layout.presets import parse_size
from tools.synth.batch import run_batch
from tools.synth.export import export_zip
from tools.synth.plan import (
    CopyVariant,
    ProductInput,
    catalogue_image,
    detect_language,
    format_price,
    plan_batch,
    spec_for,
)
from tools.synth.render import BannerSpec

MAX_BANNERS = 20000
Language = Literal["en", "zh"]


def check_size(size: str) -> str:
    try:
        width, height = parse_size(size)
    except InvalidInput as exc:
        raise ValueError(exc.message) from exc
    return f"{width}x{height}"


class CopyFields(BaseModel):
    headline: str = Field(min_length=1, max_length=120)
    subline: str = Field(default="", max_length=200)
    cta: str | None = Field(default=None, max_length=30, description="default: Shop now / 立即购买")
    badge: str = Field(default="", max_length=16, description='e.g. "-30%" or "NEW"')
    price: str | None = Field(default=None, max_length=24, description="default: catalogue price")
    language: Language | None = Field(default=None, description="default: from the headline")

    def variant(self) -> CopyVariant:
        language = self.language or detect_language(self.headline + self.subline)
        return CopyVariant(self.headline, self.subline, self.cta or "", self.badge, language,
                           self.price)


class BannerItem(CopyFields):
    product_id: str = Field(min_length=1)
    size: str | None = Field(default=None, description="WIDTHxHEIGHT or preset; default: sizes")
    template: str | None = Field(default=None, description="force one layout template")

    @field_validator("size")
    @classmethod
    def _size(cls, size: str | None) -> str | None:
        return None if size is None else check_size(size)


class BannerInput(BaseModel):
    """Items, or products x variants; the sizes, format, brand colours, logo and export."""

    items: list[BannerItem] = Field(default_factory=list, max_length=MAX_BANNERS)
    products: list[str] = Field(default_factory=list)
    variants: list[CopyFields] = Field(default_factory=list)
    sizes: list[str] = Field(default_factory=lambda: ["1200x628"], min_length=1)
    format: Literal["jpg", "png", "webp"] = "jpg"
    out_dir: str | None = None
    brand_colours: list[str] = Field(default_factory=list, description="#RRGGBB, main first")
    logo: str | None = Field(default=None, description="path to a logo image")
    show_brand: bool = Field(default=True, description="brand name as a wordmark if no logo")
    zip: bool = False

    @field_validator("sizes")
    @classmethod
    def _sizes(cls, sizes: list[str]) -> list[str]:
        return [check_size(size) for size in sizes]

    @field_validator("brand_colours")
    @classmethod
    def _colours(cls, colours: list[str]) -> list[str]:
        for colour in colours:
            hex_colour(colour)
        return colours

    @model_validator(mode="after")
    def _something_to_make(self) -> BannerInput:
        if not self.items and not (self.products and self.variants):
            raise ValueError("give items, or products and variants")
        total = len(self.items) + len(self.products) * len(self.variants) * len(self.sizes)
        if total > MAX_BANNERS:
            raise ValueError(f"{total} banners is more than {MAX_BANNERS} in one batch")
        return self


class BannerTool(Tool):
    name = "make_banners"
    description = ("Lay out and render marketing banners for catalogue products in many sizes "
                   "and languages, with a manifest of files and layout scores.")
    input_model = BannerInput

    def run(self, inputs: BannerInput, progress: Progress | None = None) -> ToolResult:
        self.warm_up()
        specs = self.specs(inputs)
        out_dir = Path(inputs.out_dir) if inputs.out_dir else self._default_dir(inputs)
        report = run_batch(specs, out_dir, self.context.executor(), progress)
        files = [out_dir / e["file"] for e in report.entries]
        files += [out_dir / "manifest.json", out_dir / "manifest.csv"]
        if inputs.zip:
            files.append(export_zip(out_dir))
        return ToolResult(
            text=f"{len(report.entries)} banners in {out_dir} "
                 f"({report.rendered} rendered, {report.skipped} already there)",
            files=files,
            data={"out_dir": str(out_dir), "count": len(report.entries),
                  "rendered": report.rendered, "skipped": report.skipped},
        )

    def specs(self, inputs: BannerInput) -> list[BannerSpec]:
        colours = tuple(hex_colour(c) for c in inputs.brand_colours)
        logo = Path(inputs.logo) if inputs.logo else None
        if logo is not None and not logo.is_file():
            raise InvalidInput(f"logo {logo} is not a file")
        sizes = [_pair(s) for s in inputs.sizes]
        specs = []
        for item in inputs.items:
            product = self._product(item.product_id, inputs.show_brand)
            for size in ([_pair(item.size)] if item.size else sizes):
                specs.append(spec_for(product, item.variant(), size, inputs.format, colours, logo,
                                      item.template))
        products = [self._product(p, inputs.show_brand) for p in inputs.products]
        specs += plan_batch(products, [v.variant() for v in inputs.variants], sizes,
                            inputs.format, colours, logo)
        return specs

    def _product(self, product_id: str, show_brand: bool) -> ProductInput:
        product = self.context.catalogue.product(product_id)  # the shared, current facts
        image, mask = catalogue_image(self.context.settings.catalog_dir, product.image,
                                      product.id)
        return ProductInput(product.id, image, mask,
                            format_price(product.price, product.currency),
                            product.brand if show_brand else "")

    def _default_dir(self, inputs: BannerInput) -> Path:
        key = hashlib.sha256(inputs.model_dump_json().encode()).hexdigest()[:10]
        return self.context.settings.jobs_dir / f"banners-{key}"


def _pair(size: str) -> tuple[int, int]:
    return parse_size(size)
