"""Lines of text drawn once per process and composited with their colour wherever they recur.

A batch repeats its texts: the same price, button and badge on every copy variant of a
product, the same headline on every product. Each line is drawn once into a greyscale
coverage mask and then composited onto a banner with its ink, so only the first banner pays
for the font. Text lands exactly where ``ImageDraw.text`` would put it (the mask is keyed by
the position's fraction of a pixel, which FreeType sets glyphs by), so the pixels are the
same as drawing the text directly.

Example::

    layers = TextLayers(budget_mb=32)
    layers.draw(canvas, (120.0, 80.5), "Shop now", TextFace(28, 700, "en"), "mm", (255, 255, 255))
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageDraw

from tools.layout.fonts import font
from tools.layout.model import Colour

PAD = 2  # px of margin around a line's bounding box, for glyphs that overhang it


@dataclass(frozen=True)
class TextFace:
    size: int
    weight: int
    language: str


@dataclass(frozen=True)
class _Layer:
    mask: Image.Image  # "L": coverage of the line's glyphs
    left: int  # from the whole-pixel part of the anchor point to the mask's corner
    top: int


class TextLayers:
    """Coverage masks of drawn lines, least recently used dropped first past ``budget_mb``."""

    def __init__(self, budget_mb: float = 32.0) -> None:
        self.budget = int(budget_mb * 1024 * 1024)
        self.used = 0
        self._items: OrderedDict[tuple[object, ...], _Layer] = OrderedDict()

    def draw(self, canvas: Image.Image, xy: tuple[float, float], line: str, face: TextFace,
             anchor: str, ink: Colour) -> None:
        """Composite ``line`` onto ``canvas`` at ``xy`` (``ImageDraw.text`` semantics)."""
        (fx, whole_x), (fy, whole_y) = math.modf(xy[0]), math.modf(xy[1])
        layer = self._layer(line, face, anchor, fx, fy)
        left, top = int(whole_x) + layer.left, int(whole_y) + layer.top
        canvas.paste(ink, (left, top, left + layer.mask.width, top + layer.mask.height),
                     layer.mask)

    def _layer(self, line: str, face: TextFace, anchor: str, fx: float, fy: float) -> _Layer:
        key = (line, face, anchor, fx, fy)
        layer = self._items.get(key)
        if layer is not None:
            self._items.move_to_end(key)
            return layer
        layer = _draw_layer(line, face, anchor, fx, fy)
        self._items[key] = layer
        self.used += layer.mask.width * layer.mask.height
        while self.used > self.budget and len(self._items) > 1:
            dropped = self._items.popitem(last=False)[1].mask
            self.used -= dropped.width * dropped.height
        return layer


def _draw_layer(line: str, face: TextFace, anchor: str, fx: float, fy: float) -> _Layer:
    """``line`` drawn in white on black with its anchor at (``fx``, ``fy``) plus a margin: the
    same fraction of a pixel as on the banner, so the glyphs rasterise the same."""
    typeface = font(face.size, face.weight, face.language)
    bbox = typeface.getbbox(line, anchor=anchor)
    left, top, right, bottom = (math.floor(bbox[0]), math.floor(bbox[1]), math.ceil(bbox[2]),
                                math.ceil(bbox[3]))
    mask = Image.new("L", (right - left + 2 * PAD, bottom - top + 2 * PAD))
    origin_x, origin_y = PAD - left, PAD - top
    ImageDraw.Draw(mask).text((origin_x + fx, origin_y + fy), line, font=typeface, fill=255,
                              anchor=anchor)
    return _Layer(mask, -origin_x, -origin_y)
