"""The designer example layouts (``data/designer_examples.yaml``) as :class:`Layout` objects.

Their products are described by boxes only, so their saliency is an ellipse filling each box:
a fair stand-in for a product silhouette when scoring where the text went.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from tools.layout.colour import hex_colour
from tools.layout.geometry import Box
from tools.layout.model import Background, Element, Layout, Palette, ProductShape
from tools.layout.placement import SaliencyGrid, saliency_grid

BOLD_ROLES = ("headline", "price", "cta", "badge", "logo")


@dataclass(frozen=True, eq=False)
class Example:
    name: str
    layout: Layout
    shapes: tuple[ProductShape, ...]

    def saliency(self, layout: Layout | None = None) -> SaliencyGrid:
        """The saliency of this example, or of a perturbed copy (products may have moved)."""
        chosen = layout or self.layout
        return saliency_grid(chosen.width, chosen.height, chosen.products, self.shapes)


def _ellipse(width: float, height: float) -> np.ndarray:
    h, w = 48, max(4, round(48 * width / max(height, 1)))
    y, x = np.mgrid[0:h, 0:w]
    inside = ((x + 0.5 - w / 2) / (w / 2)) ** 2 + ((y + 0.5 - h / 2) / (h / 2)) ** 2 <= 1.0
    return inside.astype(np.float32)


def _element(row: list[Any]) -> Element:
    role, x, y, w, h, size, colour = row
    rgb = hex_colour(str(colour))
    element = Element(str(role), Box(float(x), float(y), float(w), float(h)), z=3,
                      size=int(size), weight=800 if role in BOLD_ROLES else 400)
    if element.kind == "underlay":
        element.fill, element.z = rgb, (1 if role == "panel" else 2)
    else:
        element.ink = rgb
    return element


def parse_example(data: dict[str, Any]) -> Example:
    width, height = (int(v) for v in data["canvas"])
    base = hex_colour(data["background"])
    products = [Box(*(float(v) for v in p)) for p in data["products"]]
    palette = Palette(base, base, base, base, False)
    shapes = tuple(ProductShape(round(p.w), round(p.h), _ellipse(p.w, p.h), palette)
                   for p in products)
    layout = Layout(width, height, str(data["name"]), "en", Background("gradient", base, base, base),
                    products, [_element(row) for row in data["elements"]])
    return Example(str(data["name"]), layout, shapes)


@lru_cache(maxsize=1)
def designer_examples() -> tuple[Example, ...]:
    text = resources.files("tools.layout").joinpath("data/designer_examples.yaml").read_text(
        "utf-8")
    return tuple(parse_example(e) for e in yaml.safe_load(text)["examples"])
