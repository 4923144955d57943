"""The designer template library, loaded from ``data/templates.yaml``.

Each template is data: where the product goes, which text groups there are and what each
stacks, how the background is dressed, and the range of aspect ratios it is made for.
The solver turns a template into a concrete layout for one canvas and one set of texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from shopmind.errors import InvalidInput

Fractions = tuple[float, float, float, float]
ITEMS = frozenset({"logo", "badge", "headline", "subline", "price", "cta", "price_cta"})
STYLES = frozenset({"gradient", "spotlight", "split", "diagonal", "card", "band", "frame"})


@dataclass(frozen=True)
class Group:
    box: Fractions
    align: str
    valign: str
    items: tuple[str, ...]
    scale: float = 1.0  # text size relative to the headline's scale (e.g. a bigger price)


@dataclass(frozen=True)
class Template:
    name: str
    family: str
    aspect: tuple[float, float]
    product: Fractions
    anchor: str
    groups: tuple[Group, ...]
    style: str
    panel_box: Fractions | None = None
    panel_points: tuple[tuple[float, float], ...] = ()
    panel_tone: str = ""
    price_style: str = "text"
    headline_scale: float = 1.0

    def suits(self, aspect: float, slack: float = 0.0) -> bool:
        low, high = self.aspect
        return low * (1 - slack) <= aspect <= high * (1 + slack)

    def fit_distance(self, aspect: float) -> float:
        """0 inside the aspect range, else how far outside (as a log ratio)."""
        import math

        low, high = self.aspect
        if low <= aspect <= high:
            return 0.0
        return abs(math.log(aspect / (low if aspect < low else high)))


def _fractions(value: Any, where: str) -> Fractions:
    if not (isinstance(value, list) and len(value) == 4):
        raise InvalidInput(f"{where}: expected [x, y, width, height], got {value!r}")
    x, y, w, h = (float(v) for v in value)
    if not (0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= 1.0001 and y + h <= 1.0001):
        raise InvalidInput(f"{where}: box {value!r} is not inside the canvas")
    return (x, y, w, h)


def _group(data: dict[str, Any], where: str) -> Group:
    items = tuple(data["items"])
    unknown = set(items) - ITEMS
    if unknown:
        raise InvalidInput(f"{where}: unknown items {sorted(unknown)}")
    return Group(_fractions(data["box"], where), data.get("align", "left"),
                 data.get("valign", "center"), items, float(data.get("scale", 1.0)))


def parse_template(data: dict[str, Any]) -> Template:
    name = str(data["name"])
    background = data.get("background", {})
    style = background.get("style", "gradient")
    if style not in STYLES:
        raise InvalidInput(f"template {name}: unknown background style {style!r}")
    panel = background.get("panel", {})
    low, high = data["aspect"]
    return Template(
        name=name, family=str(data.get("family", name)), aspect=(float(low), float(high)),
        product=_fractions(data["product"]["box"], f"{name}.product"),
        anchor=data["product"].get("anchor", "center"),
        groups=tuple(_group(g, f"{name}.groups[{i}]") for i, g in enumerate(data["groups"])),
        style=style,
        panel_box=_fractions(panel["box"], f"{name}.panel") if "box" in panel else None,
        panel_points=tuple((float(x), float(y)) for x, y in panel.get("points", [])),
        panel_tone=str(background.get("panel_tone", "")),
        price_style=str(data.get("price_style", "text")),
        headline_scale=float(data.get("headline_scale", 1.0)),
    )


@lru_cache(maxsize=1)
def load_templates() -> tuple[Template, ...]:
    """The template library (read once per process)."""
    text = resources.files("tools.layout").joinpath("data/templates.yaml").read_text("utf-8")
    templates = tuple(parse_template(t) for t in yaml.safe_load(text)["templates"])
    names = [t.name for t in templates]
    if len(set(names)) != len(names):
        raise InvalidInput("template names must be unique")
    return templates


def template_named(name: str) -> Template:
    for template in load_templates():
        if template.name == name:
            return template
    known = ", ".join(t.name for t in load_templates())
    raise InvalidInput(f"no template {name!r} (known: {known})")


def templates_for(width: int, height: int) -> list[Template]:
    """Templates made for this aspect ratio; the nearest ones when none is."""
    aspect = width / height
    fitting = [t for t in load_templates() if t.suits(aspect)]
    if fitting:
        return fitting
    nearest = min(t.fit_distance(aspect) for t in load_templates())
    return [t for t in load_templates() if t.fit_distance(aspect) <= nearest + 0.05]
