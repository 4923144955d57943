"""Colour for a layout: the background plan from the product's palette (or the brand's
colours) and readable inks for every text, button and badge on whatever lies beneath."""

from __future__ import annotations

from tools.layout.colour import (
    WHITE,
    button_colours,
    contrast,
    readable_ink,
    required_contrast,
    shade,
)
from tools.layout.geometry import Box
from tools.layout.model import Background, Colour, Element, Palette
from tools.layout.templates import Template

Point = tuple[float, float]


def plan_background(template: Template, width: int, height: int, palette: Palette,
                    products: list[Box]) -> Background:
    hue = palette.accent if palette.vivid else palette.dominant
    base, second = palette.light, shade(hue, 0.88, 0.4)
    polygon: tuple[Point, ...] = ()
    circle = None
    if template.panel_box is not None:
        box = Box.from_fractions(template.panel_box, width, height)
        polygon = ((box.x, box.y), (box.right, box.y), (box.right, box.bottom), (box.x, box.bottom))
    elif template.panel_points:
        polygon = tuple((x * width, y * height) for x, y in template.panel_points)
    style = template.style
    if style == "split" or template.panel_tone == "dark":
        second = palette.dark
    elif style == "card":
        base, second = shade(hue, 0.84, 0.38), WHITE
    elif style == "band":
        second = palette.dark
    elif style == "frame":
        second = button_colours(palette.accent)[0]
    elif style == "spotlight" and products:
        product = products[0]
        for other in products[1:]:
            product = product.union(other)
        radius = 0.62 * max(product.w, product.h)
        circle = Box(product.cx - radius, product.cy - radius, 2 * radius, 2 * radius)
        second = shade(hue, 0.97, 0.3)
    return Background(style, base, second, palette.accent, polygon, circle)


def inside(point: Point, polygon: tuple[Point, ...]) -> bool:
    """Ray casting: is ``point`` inside ``polygon``?"""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def surface(background: Background, box: Box) -> Colour:
    """The planned colour under ``box`` (the panel's where the box centre is on it)."""
    if background.polygon and inside((box.cx, box.cy), background.polygon):
        return background.second
    return background.base


def panel_element(background: Background, groups: list[Box]) -> Element | None:
    """The panel as an underlay element when text sits on it."""
    if not background.polygon or background.style in ("gradient", "spotlight", "frame"):
        return None
    if not any(inside((g.cx, g.cy), background.polygon) for g in groups):
        return None
    xs = [p[0] for p in background.polygon]
    ys = [p[1] for p in background.polygon]
    box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return Element("panel", box, z=1, fill=background.second, shape="polygon")


def colour_group(elements: list[Element], under: Colour, palette: Palette) -> None:
    """Inks for one group's elements on the colour ``under`` them."""
    hue = palette.accent if palette.vivid else palette.dominant
    dark_ink = shade(hue, 0.12, 0.35)
    ink = readable_ink(under, dark_ink)
    fill, label = _button(palette.accent, under)
    for element in elements:
        if element.role in ("button", "burst"):
            element.fill = fill
        elif element.role in ("cta", "badge"):
            element.ink = label
        elif element.role == "price":
            element.ink = _accent_ink(palette.accent, under, ink, element)
        elif element.role == "subline":
            softer = shade(ink, 0.3, 0.3) if ink != WHITE else shade(hue, 0.92, 0.3)
            needed = required_contrast(element.size, element.weight >= 700)
            element.ink = softer if contrast(softer, under) >= needed + 0.5 else ink
        else:
            element.ink = ink


def _button(accent: Colour, under: Colour) -> tuple[Colour, Colour]:
    fill, label = button_colours(accent)
    if contrast(fill, under) < 1.6:  # a dark button on a dark panel: make it light
        light = shade(accent, 0.94, 0.6)
        return light, readable_ink(light, shade(accent, 0.15, 0.5))
    return fill, label


def _accent_ink(accent: Colour, under: Colour, fallback: Colour, element: Element) -> Colour:
    needed = required_contrast(element.size, element.weight >= 700) + 0.3
    for lightness in (0.42, 0.36, 0.3, 0.24, 0.7, 0.78, 0.85):
        candidate = shade(accent, lightness)
        if contrast(candidate, under) >= needed:
            return candidate
    return fallback
