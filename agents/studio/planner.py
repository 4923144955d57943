"""From a merchant's request to a banner job: pick products, ask Li Bai for copy, render.

Everything goes through the tool registry, so the studio uses the same tools a model or a
third-party plugin would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.studio.request import BannerRequest
from kg.facts import ProductFacts
from kg.graph import ProductGraph
from kg.matching import words
from shopmind.errors import NotFound
from tools.base import Progress, ToolResult
from tools.layout.templates import templates_for
from tools.registry import ToolRegistry

MAX_HEADLINES = 12  # per product and job; more variety comes from layouts
GENERIC_CAMPAIGN_WORDS = frozenset(
    {"sale", "sales", "campaign", "deal", "deals", "promo", "promotion", "event", "offer"})


@dataclass(frozen=True)
class BannerPlan:
    request: BannerRequest
    product_ids: list[str]


def choose_products(graph: ProductGraph, request: BannerRequest) -> list[str]:
    """Products tagged with a campaign word ("summer"), else every product in stock."""
    products = [p for p in graph.products() if p.in_stock]
    if not products:
        raise NotFound("the catalogue has no products in stock to make banners for")
    campaign_words = words(request.campaign or "") - GENERIC_CAMPAIGN_WORDS
    tagged = [p for p in products if campaign_words & _tag_words(p)]
    chosen = tagged or products
    return sorted(p.id for p in chosen)


def _tag_words(product: ProductFacts) -> set[str]:
    return {part for tag in product.tags for part in tag.split("-")}


def run_plan(plan: BannerPlan, registry: ToolRegistry, out_dir: Path,
             progress: Progress | None = None) -> ToolResult:
    """Writes exactly ``request.count`` banners, spread over the requested sizes."""
    items = banner_items(plan, registry)
    return registry.call("make_banners", {"items": items, "out_dir": str(out_dir)}, progress)


def banner_items(plan: BannerPlan, registry: ToolRegistry,
                 tone: str | None = None) -> list[dict[str, Any]]:
    """The ``make_banners`` items of a plan: ``request.count`` distinct banners, products
    interleaved, sizes in turn, with copy from Li Bai (in ``tone``, professional by default).

    A product's banners in one size differ by headline and, once its headlines are used,
    by layout template, so 200 banners are 200 different images, not repeats."""
    request = plan.request
    products = plan.product_ids
    sizes = request.sizes
    per_product = math.ceil(request.count / len(products))
    per_size = math.ceil(per_product / len(sizes))
    fewest_layouts = min(len(templates_for(*_pixels(size))) for size in sizes) + 1
    headlines = min(MAX_HEADLINES, max(3, math.ceil(per_size / fewest_layouts)))
    copy = {pid: _product_copy(pid, plan, registry, tone, headlines) for pid in products}
    items: list[dict[str, Any]] = []
    for variant in range(per_product):
        size = sizes[variant % len(sizes)]
        layouts: list[str | None] = [None, *(t.name for t in templates_for(*_pixels(size)))]
        for pid in products:
            heads, sub = copy[pid]
            design = (variant // len(sizes)) % (len(heads) * len(layouts))
            layout = layouts[design // len(heads)]
            cta = "立即购买" if request.language == "zh" else "Shop now"
            item = {"product_id": pid, "headline": heads[design % len(heads)],
                    "subline": sub, "cta": cta, "size": size}
            items.append({**item, "template": layout} if layout else item)
            if len(items) == request.count:
                return items
    return items


def _product_copy(product_id: str, plan: BannerPlan, registry: ToolRegistry,
                  tone: str | None, headlines: int) -> tuple[list[str], str]:
    common = {"product_id": product_id, "campaign": plan.request.campaign,
              "language": plan.request.language, **({"tone": tone} if tone else {})}
    heads = registry.call("write_copy", {**common, "kind": "headline",
                                         "n": headlines}).data["texts"]
    sub = registry.call("write_copy", {**common, "kind": "subline"}).data["texts"][0]
    return list(dict.fromkeys(heads)) or [sub], sub


def _pixels(size: str) -> tuple[int, int]:
    width, height = size.lower().split("x")
    return int(width), int(height)
