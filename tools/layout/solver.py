"""From a template to a concrete layout for one canvas and one set of texts.

The solver places the products in the template's product box, sets every text group
(wrap, then shrink, never clip), floats the badge and a price burst beside the product where
they hide least of it, and colours everything from the product's palette with readable
contrast. :func:`best_layout` solves every template made for the canvas and keeps the one
the learned scorer likes best.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tools.layout.colour import readable_ink, shade
from tools.layout.geometry import Box
from tools.layout.model import CJK_LANGUAGES, Element, Layout, LayoutRequest, Palette
from tools.layout.placement import (
    SaliencyGrid,
    float_beside_product,
    place_products,
    saliency_grid,
)
from tools.layout.stack import GroupText, build_block, present, set_group, settle_widths
from tools.layout.styling import colour_group, panel_element, plan_background, surface
from tools.layout.templates import Group, Template

HEADLINE_PER_UNIT = 0.12  # headline px per sqrt(canvas area), before fitting
DEFAULT_PALETTE = Palette((128, 128, 128), (214, 72, 38), (240, 238, 235), (34, 30, 28), False)


@dataclass
class Solved:
    layout: Layout
    saliency: SaliencyGrid


def solve(request: LayoutRequest, template: Template) -> Solved:
    w, h = request.width, request.height
    products = place_products(request.products, Box.from_fractions(template.product, w, h),
                              template.anchor)
    saliency = saliency_grid(w, h, products, request.products)
    palette = request.products[0].palette if request.products else DEFAULT_PALETTE
    background = plan_background(template, w, h, palette, products)
    texts = GroupText(request.copy, request.brand.name, _logo_aspect(request))
    nominal = HEADLINE_PER_UNIT * math.sqrt(w * h) * template.headline_scale
    if request.copy.language in CJK_LANGUAGES:
        nominal *= 0.9  # CJK glyphs fill their em square
    elements: list[Element] = []
    dropped: list[str] = []
    fitted = True
    floating = _floating(template, texts)
    headline_px = nominal
    for group in sorted(template.groups, key=lambda g: "headline" not in g.items):
        box = Box.from_fractions(group.box, w, h)
        items = [i for i in present(_items(group, template), texts) if i not in floating]
        if not items:
            continue
        result = set_group(items, texts, box, min(nominal, headline_px * 1.05) * group.scale,
                           group.align, group.valign)
        if "headline" in items and result.headline_px:
            headline_px = min(headline_px, _headline_size(result.elements, headline_px))
        colour_group(result.elements, surface(background, box), palette)
        elements += result.elements
        dropped += result.dropped
        fitted &= result.fitted
    panel = panel_element(background, [Box.from_fractions(g.box, w, h) for g in template.groups])
    if panel is not None:
        elements.append(panel)
    layout = Layout(w, h, template.name, request.copy.language, background, products, elements)
    for item in floating:
        if not _float(layout, item, texts, headline_px, saliency, palette):
            dropped.append(item)
    layout.fitted, layout.dropped = fitted, tuple(dropped)
    layout.elements.sort(key=lambda e: e.z)
    return Solved(layout, saliency)


def _items(group: Group, template: Template) -> tuple[str, ...]:
    if template.price_style != "burst":
        return group.items
    return tuple("cta" if i == "price_cta" else i for i in group.items if i != "price")


def _floating(template: Template, texts: GroupText) -> list[str]:
    in_groups = {i for g in template.groups for i in g.items}
    out = []
    if texts.copy.badge and "badge" not in in_groups:
        out.append("badge")
    if texts.copy.price and template.price_style == "burst":
        out.append("price_burst")
    return out


def _logo_aspect(request: LayoutRequest) -> float | None:
    logo = request.brand.logo
    if logo is None or not logo.is_file():
        return None
    from PIL import Image

    with Image.open(logo) as image:
        return image.width / max(1, image.height)


def _headline_size(elements: list[Element], fallback: float) -> float:
    return next((float(e.size) for e in elements if e.role == "headline"), fallback)


def _float(layout: Layout, item: str, texts: GroupText, headline_px: float,
           saliency: SaliencyGrid, palette: Palette) -> bool:
    """Places a badge pill or a price burst beside the product; False when nowhere fits."""
    canvas = Box(0, 0, layout.width, layout.height)
    margin = 0.03 * min(layout.width, layout.height)
    parts = _float_parts(item, texts, headline_px, min(layout.width, layout.height))
    if parts is None:
        return False
    settle_widths(parts[1:], parts[0].box.w)
    shell = parts[0].box
    taken = [e.box for e in layout.elements if e.role != "panel"]
    spot = float_beside_product(shell, layout.products, taken, canvas, saliency, margin)
    if spot is None:
        return False
    for part in parts:
        part.box = part.box.moved(spot.x - shell.x, spot.y - shell.y)
    colour_group(parts, surface(layout.background, spot), palette)
    if item == "price_burst" and parts[0].fill is not None:
        parts[1].ink = readable_ink(parts[0].fill, shade(palette.accent, 0.12, 0.4))
    layout.elements += parts
    return True


def _float_parts(item: str, texts: GroupText, headline_px: float, short_side: float
                 ) -> list[Element] | None:
    if item == "badge":
        built = build_block("badge", texts, headline_px * 1.15,
                            max(short_side * 0.4, headline_px * 4))
        return None if built is None else built[0].parts
    price = build_block("price", texts, headline_px * 0.85, short_side * 0.3)
    if price is None:
        return None
    label = price[0].parts[0]
    diameter = max(label.box.w * 1.3, label.box.h * 2.6)
    circle = Element("burst", Box(0, 0, diameter, diameter), z=2, shape="circle")
    label.box = label.box.moved((diameter - label.box.w) / 2, (diameter - label.box.h) / 2)
    label.align = "center"
    return [circle, label]
