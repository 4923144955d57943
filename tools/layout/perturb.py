"""Perturbed copies of designer layouts: the negatives the scorer learns to rank below them.

Each perturbation breaks one thing designers care about (alignment, spacing, hierarchy,
contrast, margins, text over the product, balance, reading order) by a random amount.
Underlays move with the text they hold, so a perturbation changes one thing at a time.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import numpy as np

from tools.layout.geometry import Box
from tools.layout.model import Element, Layout

Perturbation = Callable[[Layout, np.random.Generator], Layout]


def _units(layout: Layout) -> list[list[Element]]:
    """Movable units: an underlay with the texts inside it, or a lone text or logo."""
    units: list[list[Element]] = []
    used: set[int] = set()
    for element in layout.elements:
        if element.kind == "underlay" and element.role != "panel":
            held = [e for e in layout.elements if e.kind != "underlay"
                    and element.box.contains(e.box, tolerance=2)]
            units.append([element, *held])
            used.update(id(e) for e in [element, *held])
    units += [[e] for e in layout.elements if e.kind != "underlay" and id(e) not in used]
    return units


def _move(unit: list[Element], dx: float, dy: float) -> None:
    for element in unit:
        element.box = element.box.moved(dx, dy)


def _scale(element: Element, factor: float) -> None:
    box = element.box
    element.box = Box(box.x, box.y, box.w * factor, box.h * factor)
    element.size = max(1, round(element.size * factor))


def jitter(layout: Layout, rng: np.random.Generator) -> Layout:
    spread = rng.uniform(0.02, 0.06)
    for unit in _units(layout):
        _move(unit, rng.normal(0, spread) * layout.width, rng.normal(0, spread) * layout.height)
    return layout


def misalign(layout: Layout, rng: np.random.Generator) -> Layout:
    unit = _pick(_units(layout), rng)
    _move(unit, rng.choice([-1, 1]) * rng.uniform(0.01, 0.05) * layout.width, 0)
    return layout


def collide(layout: Layout, rng: np.random.Generator) -> Layout:
    units = _units(layout)
    if len(units) > 1:
        first, second = rng.choice(len(units), 2, replace=False)
        target, moving = units[first][0].box, units[second][0].box
        share = rng.uniform(0.3, 0.8)
        _move(units[second], target.x - moving.x, target.y + target.h * (1 - share) - moving.y)
    return layout


def onto_product(layout: Layout, rng: np.random.Generator) -> Layout:
    product = layout.products[0]
    texts = [u for u in _units(layout) if any(e.kind == "text" for e in u)]
    unit = _pick(texts, rng)
    box = unit[0].box
    share = rng.uniform(0.3, 0.9)
    _move(unit, product.cx - box.cx, product.y + product.h * share - box.cy)
    return layout


def to_edge(layout: Layout, rng: np.random.Generator) -> Layout:
    unit = _pick(_units(layout), rng)
    box = unit[0].box
    if rng.random() < 0.5:
        target = -box.w * rng.uniform(0, 0.3) if box.cx < layout.width / 2 else \
            layout.width - box.w * rng.uniform(0.7, 1.0)
        _move(unit, target - box.x, 0)
    else:
        target = -box.h * rng.uniform(0, 0.3) if box.cy < layout.height / 2 else \
            layout.height - box.h * rng.uniform(0.7, 1.0)
        _move(unit, 0, target - box.y)
    return layout


def weak_headline(layout: Layout, rng: np.random.Generator) -> Layout:
    headline = layout.by_role("headline")
    if headline is not None:
        _scale(headline, rng.uniform(0.35, 0.65))
    return layout


def loud_subline(layout: Layout, rng: np.random.Generator) -> Layout:
    target = layout.by_role("subline") or layout.by_role("price")
    if target is not None:
        _scale(target, rng.uniform(1.8, 2.6))
    return layout


def product_size(layout: Layout, rng: np.random.Generator) -> Layout:
    factor = rng.choice([rng.uniform(0.3, 0.55), rng.uniform(1.35, 1.7)])
    layout.products = [Box(p.cx - p.w * factor / 2, p.cy - p.h * factor / 2, p.w * factor,
                           p.h * factor) for p in layout.products]
    return layout


def reorder(layout: Layout, rng: np.random.Generator) -> Layout:
    units = {u[-1].role: u for u in _units(layout)}
    first, second = units.get("headline"), units.get("cta") or units.get("price")
    if first and second:
        dy = second[0].box.y - first[0].box.y
        _move(first, 0, dy)
        _move(second, 0, -dy)
    return layout


def low_contrast(layout: Layout, rng: np.random.Generator) -> Layout:
    from tools.layout.features import surface_under

    for element in layout.texts():
        if element.ink is not None and rng.random() < 0.7:
            under = surface_under(layout, element)
            mix = rng.uniform(0.6, 0.9)
            element.ink = tuple(round(i * (1 - mix) + u * mix)  # type: ignore[assignment]
                                for i, u in zip(element.ink, under))
    return layout


def crowd(layout: Layout, rng: np.random.Generator) -> Layout:
    """Texts pushed together or pulled apart unevenly."""
    for unit in _units(layout):
        _move(unit, 0, rng.normal(0, 0.04) * layout.height)
    return layout


def tiny_text(layout: Layout, rng: np.random.Generator) -> Layout:
    factor = rng.uniform(0.35, 0.6)
    for element in layout.texts():
        _scale(element, factor)
    return layout


def lopsided(layout: Layout, rng: np.random.Generator) -> Layout:
    """Product pushed into a corner, away from the composition."""
    product = layout.products[0]
    dx = (rng.uniform(0.0, 0.08) * layout.width - product.x) if rng.random() < 0.5 else \
        (layout.width * rng.uniform(0.92, 1.0) - product.right)
    dy = (rng.uniform(0.0, 0.08) * layout.height - product.y) if rng.random() < 0.5 else \
        (layout.height * rng.uniform(0.92, 1.0) - product.bottom)
    layout.products = [p.moved(dx, dy) for p in layout.products]
    return layout


PERTURBATIONS: dict[str, Perturbation] = {
    "jitter": jitter, "misalign": misalign, "collide": collide, "onto_product": onto_product,
    "to_edge": to_edge, "weak_headline": weak_headline, "loud_subline": loud_subline,
    "product_size": product_size, "reorder": reorder, "low_contrast": low_contrast,
    "crowd": crowd, "tiny_text": tiny_text, "lopsided": lopsided,
}


def _pick(units: list[list[Element]], rng: np.random.Generator) -> list[Element]:
    return units[int(rng.integers(len(units)))]


def perturbed(layout: Layout, name: str, rng: np.random.Generator) -> Layout:
    """A perturbed deep copy of ``layout``."""
    return PERTURBATIONS[name](copy.deepcopy(layout), rng)
