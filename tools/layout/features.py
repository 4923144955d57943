"""What the scorer looks at: a layout's measurable qualities, each a number.

``COSTS`` are penalties as they stand (zero is ideal). ``TARGETS`` are quantities whose good
value depends on the canvas (how large the product is, how big the headline); the scorer
learns their typical value per aspect class from the designer examples and penalises the
distance from it.
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np

from tools.layout.colour import contrast, required_contrast
from tools.layout.geometry import Box, bounding
from tools.layout.metrics import alignment, occlusion, overlay, underlay_effectiveness
from tools.layout.model import READING_ORDER, Colour, Element, Layout
from tools.layout.placement import SaliencyGrid
from tools.layout.styling import inside

COSTS = ("overlay", "alignment", "occlusion", "out_of_canvas", "margin", "underlay_miss",
         "contrast_deficit", "balance", "spacing", "order", "small_text", "headline_lines")
TARGETS = ("product_area", "headline_size", "hierarchy", "coverage", "text_product_gap",
           "text_area")
ASPECT_CLASSES = (("tall", 0.0, 0.8), ("square", 0.8, 1.35), ("landscape", 1.35, 2.4),
                  ("wide", 2.4, 5.0), ("strip", 5.0, math.inf))
# the most headline lines the designer examples set on short canvases (hero banners and
# leaderboards take two at most); three elsewhere
HEADLINE_LINES = {"wide": 2, "strip": 2}


def aspect_class(width: float, height: float) -> str:
    aspect = width / height
    return next(name for name, low, high in ASPECT_CLASSES if low <= aspect < high)


def raw_features(layout: Layout, saliency: SaliencyGrid) -> dict[str, float]:
    """Every cost and target of ``layout``, unnormalised."""
    values = _costs(layout, saliency)
    values.update(_targets(layout))
    return values


def _costs(layout: Layout, saliency: SaliencyGrid) -> dict[str, float]:
    under = underlay_effectiveness(layout)
    over = overlay(layout)
    texts = layout.texts()
    headline = layout.by_role("headline")
    return {
        "overlay": 0.0 if over is None else over,
        "alignment": alignment(layout) * 10,
        "occlusion": occlusion(layout, saliency),
        "out_of_canvas": _outside(layout),
        "margin": _margin(layout),
        "underlay_miss": 0.0 if under is None else 1.0 - under[0],
        "contrast_deficit": _contrast_deficit(layout),
        "balance": _balance(layout),
        "spacing": _spacing(texts),
        "order": _order(texts),
        "small_text": float(np.mean([e.size < max(10, 0.012 * min(layout.width, layout.height))
                                     for e in texts])) if texts else 0.0,
        "headline_lines": max(0, _lines(headline) - _most_lines(layout)) if headline else 1.0,
    }


def _targets(layout: Layout) -> dict[str, float]:
    canvas = layout.width * layout.height
    unit = math.sqrt(canvas)
    headline = layout.by_role("headline")
    others = [e.size for e in layout.texts() if e.role not in ("headline",) and e.size]
    product = bounding(layout.products)
    texts = [e.box for e in layout.texts()] + [e.box for e in layout.elements if e.kind == "logo"]
    everything = bounding([e.box for e in layout.elements] + layout.products)
    gap = min((_distance(t, p) for t in texts for p in layout.products), default=0.0)
    return {
        "product_area": sum(p.area for p in layout.products) / canvas,
        "headline_size": (headline.size / unit) if headline else 0.0,
        "hierarchy": (headline.size / max(others)) if headline and others else 1.0,
        "coverage": (everything.area / canvas) if everything else 0.0,
        "text_product_gap": (gap / min(layout.width, layout.height)) if product else 0.0,
        "text_area": sum(t.area for t in texts) / canvas,
    }


def _most_lines(layout: Layout) -> int:
    return HEADLINE_LINES.get(aspect_class(layout.width, layout.height), 3)


def _lines(element: Element) -> int:
    if element.lines:
        return len(element.lines)
    return max(1, round(element.box.h / (1.18 * max(1, element.size))))


def _outside(layout: Layout) -> float:
    canvas = Box(0, 0, layout.width, layout.height)
    total = sum(e.box.area for e in layout.elements)
    inside_area = sum(e.box.intersection(canvas) for e in layout.elements)
    return (total - inside_area) / total if total else 0.0


def _margin(layout: Layout) -> float:
    safe = 0.03 * min(layout.width, layout.height)
    worst = 0.0
    for element in layout.elements:
        if element.role == "panel":
            continue
        box = element.box
        edge = min(box.x, box.y, layout.width - box.right, layout.height - box.bottom)
        worst = max(worst, (safe - edge) / safe)
    return max(0.0, min(worst, 3.0))


def surface_under(layout: Layout, element: Element) -> Colour:
    """The colour a text sits on: the underlay holding it, else the background's."""
    point = (element.box.cx, element.box.cy)
    holders = [u for u in layout.elements if u.kind == "underlay" and u.fill is not None
               and u.box.x <= point[0] <= u.box.right and u.box.y <= point[1] <= u.box.bottom]
    if holders:
        return min(holders, key=lambda u: u.box.area).fill or layout.background.base
    background = layout.background
    if background.polygon and inside(point, background.polygon):
        return background.second
    return background.base


def _contrast_deficit(layout: Layout) -> float:
    deficits = []
    for element in layout.texts():
        if element.ink is None:
            continue
        needed = required_contrast(element.size, element.weight >= 700)
        deficits.append(max(0.0, 1.0 - contrast(element.ink, surface_under(layout, element))
                            / needed))
    return float(np.mean(deficits)) if deficits else 0.0


def _balance(layout: Layout) -> float:
    """Distance of the visual centre of mass from the canvas centre (0 = centred)."""
    weights, xs, ys = [], [], []
    for box in layout.products:
        weights.append(box.area)
        xs.append(box.cx)
        ys.append(box.cy)
    for element in layout.texts():
        weights.append(element.box.area * 0.6)
        xs.append(element.box.cx)
        ys.append(element.box.cy)
    if not weights or sum(weights) <= 0:
        return 1.0
    cx = float(np.average(xs, weights=weights)) / layout.width - 0.5
    cy = float(np.average(ys, weights=weights)) / layout.height - 0.5
    return math.hypot(cx, cy) / math.hypot(0.5, 0.5)


def _spacing(texts: list[Element]) -> float:
    """Irregularity of vertical gaps between stacked texts, relative to their size."""
    column = sorted(texts, key=lambda e: e.box.y)
    gaps = []
    for upper, lower in pairwise(column):
        horizontal = min(upper.box.right, lower.box.right) - max(upper.box.x, lower.box.x)
        if horizontal > 0:
            gaps.append((lower.box.y - upper.box.bottom) / max(upper.size, lower.size, 1))
    if len(gaps) < 2:
        return 0.0
    spread = float(np.std(gaps)) + max(0.0, -min(gaps))
    return min(spread, 3.0)


def _order(texts: list[Element]) -> float:
    """Share of text pairs in one column that break the reading order."""
    ranked = [e for e in texts if e.role in READING_ORDER and e.role != "badge"]
    checked = broken = 0
    for a in ranked:
        for b in ranked:
            if READING_ORDER.index(a.role) >= READING_ORDER.index(b.role):
                continue
            if min(a.box.right, b.box.right) - max(a.box.x, b.box.x) <= 0:
                continue
            checked += 1
            broken += b.box.cy < a.box.y
    return broken / checked if checked else 0.0


def _distance(box: Box, other: Box) -> float:
    dx = max(0.0, other.x - box.right, box.x - other.right)
    dy = max(0.0, other.y - box.bottom, box.y - other.bottom)
    if dx == 0 and dy == 0:
        return -math.sqrt(box.intersection(other))
    return math.hypot(dx, dy)
