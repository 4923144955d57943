"""The knowledge area of the web UI (merchants and agents): a product's facts and a picture
of its neighbourhood in the graph (category, brand, tags, values, similar products)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

import gradio as gr
from PIL import Image

from kg.facts import ProductFacts
from kg.neighbourhood import Neighbourhood, label, neighbourhood
from shopmind.errors import ShopmindError

EDGE_COLOURS = {"in_category": "#1f77b4", "made_by": "#9467bd", "has_tag": "#2ca02c",
                "similar_to": "#ff7f0e", "complements": "#d62728", "suits": "#8c564b",
                "has_value": "#7f7f7f"}


def knowledge_tab(platform: Any, staff: Callable[[gr.Request], object]) -> None:
    query = gr.Textbox(label="Product (name or id, English or Chinese)", elem_id="kg-query")
    show = gr.Button("Show", elem_id="kg-show")
    facts = gr.Markdown(elem_id="kg-facts")
    picture = gr.Image(label="Neighbourhood in the graph", type="pil", elem_id="kg-picture",
                       height=480)

    def look_up(text: str, request: gr.Request) -> tuple[str, Image.Image | None]:
        staff(request)
        try:
            product = platform.knowledge.find_product(text)
            hood = neighbourhood(platform.knowledge.graph, product.id)
        except ShopmindError as exc:
            return f"⚠️ {exc.message}", None
        return describe(product), draw(hood, product.name_en)

    show.click(look_up, [query], [facts, picture])
    query.submit(look_up, [query], [facts, picture])


def describe(product: ProductFacts) -> str:
    lines = [f"### {product.name_en}" + (f" · {product.name_zh}" if product.name_zh else ""),
             (f"`{product.id}` · {product.category} · {product.brand} · "
             f"{product.price:.2f} · {'in stock' if product.in_stock else 'out of stock'}")]
    lines += [f"- **{name}**: {', '.join(map(str, product.values(name)))}"
              for name in sorted(product.attributes)]
    if product.tags:
        lines.append("- **tags**: " + ", ".join(product.tags))
    return "\n".join(lines)


def draw(hood: Neighbourhood, title: str) -> Image.Image:
    """The product in the middle, its neighbours on a circle, edges coloured by type."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(8, 6), dpi=100)
    axes.set_axis_off()
    count = max(len(hood.edges), 1)
    for index, (edge, node) in enumerate(hood.edges):
        angle = 2 * math.pi * index / count
        x, y = math.cos(angle), math.sin(angle)
        colour = EDGE_COLOURS.get(edge, "#333333")
        axes.plot([0, x], [0, y], color=colour, linewidth=1.2, zorder=1)
        axes.text(x * 1.05, y * 1.05, label(node)[:34], fontsize=7, zorder=2,
                  ha="left" if x >= 0 else "right", va="center", color=colour)
    axes.scatter([0], [0], s=900, color="#222222", zorder=3)
    axes.text(0, -0.2, title[:40], ha="center", va="top", fontsize=9, weight="bold")
    for row, (edge, colour) in enumerate(EDGE_COLOURS.items()):
        axes.text(-2.1, 1.15 - row * 0.1, edge, color=colour, fontsize=7)
    axes.set_xlim(-2.2, 2.0)
    axes.set_ylim(-1.25, 1.25)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    pyplot.close(figure)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")
