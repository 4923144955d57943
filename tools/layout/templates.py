"""Banner templates as data: where each element goes, in fractions of the canvas.

This is the first, hand-written template set; the learned scorer and the full library of
designer templates come with the layout issue.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x, y, width, height as fractions of the canvas


@dataclass(frozen=True)
class Template:
    name: str
    min_aspect: float  # width / height
    max_aspect: float
    product: Box
    headline: Box
    subline: Box
    price: Box
    cta: Box


TEMPLATES: tuple[Template, ...] = (
    Template("centred_stack", 0.0, 1.25,
             product=(0.18, 0.08, 0.64, 0.50), headline=(0.08, 0.60, 0.84, 0.14),
             subline=(0.10, 0.75, 0.80, 0.08), price=(0.08, 0.86, 0.38, 0.09),
             cta=(0.54, 0.86, 0.38, 0.09)),
    Template("hero_left", 1.25, 2.6,
             product=(0.04, 0.08, 0.44, 0.84), headline=(0.52, 0.12, 0.44, 0.30),
             subline=(0.52, 0.44, 0.44, 0.14), price=(0.52, 0.66, 0.20, 0.16),
             cta=(0.75, 0.66, 0.21, 0.16)),
    Template("wide_strip", 2.6, 100.0,
             product=(0.02, 0.06, 0.18, 0.88), headline=(0.22, 0.10, 0.46, 0.50),
             subline=(0.22, 0.62, 0.46, 0.30), price=(0.70, 0.22, 0.12, 0.56),
             cta=(0.84, 0.22, 0.14, 0.56)),
)


def template_for(width: int, height: int) -> Template:
    """The template whose aspect range holds this canvas."""
    aspect = width / height
    for template in TEMPLATES:
        if template.min_aspect <= aspect < template.max_aspect:
            return template
    return TEMPLATES[0]
