"""Drawing a layout: background and panels, products with a soft shadow, underlays, then text.

Painting happens in two steps so that batch rendering can cache what repeats: the base
(background, panels, products) depends only on the product, the size and the template; the
overlay (buttons, badges, text) changes with every copy variant. Shapes are drawn
supersampled for smooth edges. The banner without its text is kept for the metrics.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.layout.geometry import Box
from tools.layout.model import Background, Colour, Element, Layout
from tools.layout.textlayers import TextFace, TextLayers

ProductLayer = Callable[[int, tuple[int, int]], Image.Image]
"""``layer(index, (width, height))``: product ``index`` as RGBA at that size."""
SUPERSAMPLE = 3


def paint_base(layout: Layout, product_layer: ProductLayer) -> Image.Image:
    """Background, panels and products (no text, no buttons)."""
    canvas = _gradient(layout.width, layout.height, layout.background.base)
    _dress(canvas, layout.background)
    for index, box in enumerate(layout.products):
        size = (max(1, round(box.w)), max(1, round(box.h)))
        product = product_layer(index, size)
        left, top = round(box.x), round(box.y)
        _shadow(canvas, Box(left, top, size[0], size[1]))
        canvas.paste(product, (left, top), product)
    return canvas


def paint_overlay(base: Image.Image, layout: Layout, logo: Image.Image | None = None,
                  layers: TextLayers | None = None) -> tuple[Image.Image, Image.Image]:
    """(finished banner, banner without text): underlays, then logo and text on ``base``."""
    canvas = paint_underlays(base, layout)
    without_text = canvas.copy()
    paint_text(canvas, layout, logo, layers)
    return canvas, without_text


def paint_underlays(base: Image.Image, layout: Layout) -> Image.Image:
    """A copy of ``base`` with the buttons' and badges' shapes (everything but logo and text)."""
    canvas = base.copy()
    for element in layout.elements:
        if element.kind == "underlay" and element.role != "panel" and element.fill is not None:
            _shape(canvas, element.box, element.shape, element.fill)
    return canvas


def paint_text(canvas: Image.Image, layout: Layout, logo: Image.Image | None = None,
               layers: TextLayers | None = None) -> None:
    """Logo and text onto ``canvas`` in place; ``layers`` keeps drawn lines for reuse."""
    layers = layers if layers is not None else TextLayers()
    for element in layout.elements:
        if element.role == "logo" and not element.lines and logo is not None:
            size = (max(1, round(element.box.w)), max(1, round(element.box.h)))
            image = logo.convert("RGBA").resize(size, Image.Resampling.LANCZOS)
            canvas.paste(image, (round(element.box.x), round(element.box.y)), image)
        elif element.lines and element.ink is not None:
            _text(canvas, element, element.ink, layers)


def _gradient(width: int, height: int, colour: Colour) -> Image.Image:
    top = np.array([min(255, c + 10) for c in colour], dtype=np.float32)
    bottom = np.array(colour, dtype=np.float32) * 0.97
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    rows = top * (1 - ramp) + bottom * ramp
    return Image.fromarray(np.repeat(rows, width, axis=1).astype(np.uint8), "RGB")


def _dress(canvas: Image.Image, background: Background) -> None:
    style = background.style
    if style == "spotlight" and background.circle is not None:
        _soft_circle(canvas, background.circle, background.second)
    elif style == "card" and background.polygon:
        xs = [p[0] for p in background.polygon]
        ys = [p[1] for p in background.polygon]
        card = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        _shadow(canvas, card, strength=40, flat=True)
        _shape(canvas, card, "round", background.second)
    elif style in ("split", "diagonal", "band") and background.polygon:
        _polygon(canvas, background.polygon, background.second)
    elif style == "frame":
        inset = 0.035 * min(canvas.size)
        width = max(2, round(0.006 * min(canvas.size)))
        ImageDraw.Draw(canvas).rectangle(
            (inset, inset, canvas.width - inset, canvas.height - inset),
            outline=background.second, width=width)


def _soft_circle(canvas: Image.Image, box: Box, colour: Colour) -> None:
    scale = 0.25
    small = Image.new("L", (max(1, round(canvas.width * scale)), max(1, round(canvas.height * scale))))
    ImageDraw.Draw(small).ellipse((box.x * scale, box.y * scale, box.right * scale,
                                   box.bottom * scale), fill=255)
    small = small.filter(ImageFilter.GaussianBlur(max(1.0, box.w * scale * 0.06)))
    mask = small.resize(canvas.size, Image.Resampling.BILINEAR)
    canvas.paste(colour, (0, 0), mask)


def _polygon(canvas: Image.Image, points: tuple[tuple[float, float], ...], colour: Colour) -> None:
    s = 2
    mask = Image.new("L", (canvas.width * s, canvas.height * s))
    ImageDraw.Draw(mask).polygon([(x * s, y * s) for x, y in points], fill=255)
    canvas.paste(colour, (0, 0), mask.resize(canvas.size, Image.Resampling.BOX))


def _shape(canvas: Image.Image, box: Box, shape: str, colour: Colour) -> None:
    """A pill, circle, rounded or plain rectangle with smooth edges."""
    left, top = int(box.x), int(box.y)
    w, h = int(np.ceil(box.right)) - left, int(np.ceil(box.bottom)) - top
    if w <= 0 or h <= 0:
        return
    rect = (box.x - left, box.y - top, box.right - left, box.bottom - top)
    canvas.paste(colour, (left, top), _shape_mask(shape, rect, w, h))


@lru_cache(maxsize=1024)
def _shape_mask(shape: str, rect: tuple[float, float, float, float], w: int, h: int
                ) -> Image.Image:
    """The coverage of a shape spanning ``rect`` inside a ``w`` x ``h`` mask, drawn
    supersampled (buttons and badges recur across copy variants, so masks are kept)."""
    s = SUPERSAMPLE
    mask = Image.new("L", (w * s, h * s))
    draw = ImageDraw.Draw(mask)
    scaled = (rect[0] * s, rect[1] * s, rect[2] * s - 1, rect[3] * s - 1)
    if shape == "circle":
        draw.ellipse(scaled, fill=255)
    elif shape in ("pill", "round"):
        radius = min(w, h) * s / 2 if shape == "pill" else min(w, h) * s * 0.08
        draw.rounded_rectangle(scaled, radius=radius, fill=255)
    else:
        draw.rectangle(scaled, fill=255)
    return mask.resize((w, h), Image.Resampling.BOX)


def _shadow(canvas: Image.Image, box: Box, strength: int = 70, flat: bool = False) -> None:
    """A soft contact shadow under a product (or a faint drop shadow under a card)."""
    pad = max(4, round(box.h * 0.12))
    region = (round(box.x) - pad, round(box.y) - pad, round(box.right) + pad,
              round(box.bottom) + pad)
    w, h = region[2] - region[0], region[3] - region[1]
    mask = Image.new("L", (max(1, w), max(1, h)))
    draw = ImageDraw.Draw(mask)
    if flat:
        draw.rectangle((pad, pad + pad * 0.3, w - pad, h - pad * 0.7), fill=strength)
    else:
        draw.ellipse((pad + box.w * 0.12, pad + box.h * 0.92, w - pad - box.w * 0.12,
                      pad + box.h * 1.03), fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(max(2, box.h / 40)))
    canvas.paste((0, 0, 0), (region[0], region[1]), mask)


def _text(canvas: Image.Image, element: Element, ink: Colour, layers: TextLayers) -> None:
    face = TextFace(element.size, element.weight, element.language)
    box = element.box
    anchor = {"center": "mm", "right": "rm"}.get(element.align, "lm")
    x = {"center": box.cx, "right": box.right}.get(element.align, box.x)
    for index, line in enumerate(element.lines):
        y = box.y + (index + 0.5) * element.line_height
        layers.draw(canvas, (x, y), line, face, anchor, ink)
