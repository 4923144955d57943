"""From a merchant's request to a banner job: pick products, ask Li Bai for copy, render.

Everything goes through the tool registry, so the studio uses the same tools a model or a
third-party plugin would.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from agents.studio.request import BannerRequest
from kg.facts import ProductFacts
from kg.graph import ProductGraph
from kg.matching import words
from shopmind.errors import NotFound
from tools.base import Progress, ToolResult
from tools.registry import ToolRegistry

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


def banner_items(plan: BannerPlan, registry: ToolRegistry) -> list[dict[str, Any]]:
    """The ``make_banners`` items of a plan: ``request.count`` of them, one size each, with
    copy from Li Bai."""
    request = plan.request
    items = list(islice(cycle(_copy_items(plan, registry)), request.count))
    return [{**item, "size": size_of_item(request, index)} for index, item in enumerate(items)]


def size_of_item(request: BannerRequest, index: int) -> str:
    """Item ``index`` of a job takes the request's sizes in turn."""
    return request.sizes[index % len(request.sizes)]


def _copy_items(plan: BannerPlan, registry: ToolRegistry) -> list[dict[str, Any]]:
    items = []
    language = plan.request.language
    for product_id in plan.product_ids:
        common = {"product_id": product_id, "campaign": plan.request.campaign,
                  "language": language}
        heads = registry.call("write_copy", {**common, "kind": "headline", "n": 3}).data["texts"]
        sub = registry.call("write_copy", {**common, "kind": "subline"}).data["texts"][0]
        cta = "立即购买" if language == "zh" else "Shop now"
        items += [{"product_id": product_id, "headline": h, "subline": sub, "cta": cta}
                  for h in heads]
    # interleave products so that a small count still covers several products
    return [items[i] for offset in range(3) for i in range(offset, len(items), 3)]
