"""Widening a badge or button for a translation that is longer than its pill.

A two-character Chinese badge (满减, 预售) on a small pill becomes a phrase of two or three
words in a European language that no readable size fits. A designer would widen the pill:
this finds the pill around the text (the flat colour under it, connected to the box's
centre, and small: a panel or the whole background is not a pill), paints it again wider
about the same centre with round ends, and gives back the box the text may now use. It is
not done when the wider pill would cover other text or leave the canvas.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image, ImageDraw

from tools.layout.text import measure
from tools.translate.typeset import Box

TOLERANCE = 14  # grey levels per channel: what still counts as the pill's colour
MAX_AREA = 6.0  # a flat region more than this many times the text box is not a pill
READABLE = 0.8  # of the original size: the smallest a widened pill's text is set
MAX_WIDEN = 2.5  # a pill grows to at most this many times its width (wider stops reading
                 # as a badge, and covers the product)
SUPERSAMPLE = 4


def find_pill(rgb: np.ndarray, box: Box) -> Box | None:
    """The bounding box of the flat-coloured pill under ``box`` (after the text was removed),
    or None when the colour under the text is not a small flat shape."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    height, width = rgb.shape[:2]
    if not (0 <= cx < width and 0 <= cy < height):
        return None
    mask = np.zeros((height + 2, width + 2), dtype=np.uint8)
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (255 << 8)
    cv2.floodFill(np.ascontiguousarray(rgb), mask, (cx, cy), (0, 0, 0),
                  (TOLERANCE,) * 3, (TOLERANCE,) * 3, flags)
    ys, xs = np.nonzero(mask[1:-1, 1:-1])
    if xs.size == 0:
        return None
    pill = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    area = (pill[2] - pill[0]) * (pill[3] - pill[1])
    text_area = max(1, (x1 - x0) * (y1 - y0))
    touches_edge = pill[0] == 0 or pill[1] == 0 or pill[2] == width or pill[3] == height
    if area > MAX_AREA * text_area or touches_edge:
        return None
    return pill


def widen_pill(canvas: Image.Image, erased: np.ndarray, box: Box, text: str, size: int,
               weight: int, language: str, others: Sequence[Box]) -> tuple[Box, Box] | None:
    """Paint the pill under ``box`` wide enough for ``text`` on one line at a readable size:
    (the inner box for the text, the pill painted), or None (nothing painted) when it cannot
    be done."""
    pill = find_pill(erased, box)
    if pill is None:
        return None
    px0, py0, px1, py1 = pill
    pad_x = max(box[0] - px0, px1 - box[2], (py1 - py0) // 3)
    readable = max(9, round(size * READABLE))
    needed = measure(text, readable, 10_000, weight, language, max_lines=1).width
    new_width = max(px1 - px0, round(needed) + 2 * pad_x)
    if new_width > MAX_WIDEN * (px1 - px0):
        return None
    span = _free_span(((px0 + px1) / 2, new_width), (py0, py1), others, canvas.width)
    if span is None:
        return None
    left, right = span
    wider = (left, py0, right, py1)
    colour = tuple(int(c) for c in np.median(erased[py0:py1, px0:px1].reshape(-1, 3), axis=0))
    _paint_pill(canvas, wider, (colour[0], colour[1], colour[2]))
    return (left + pad_x, box[1], right - pad_x, box[3]), wider


def _free_span(centre_width: tuple[float, int], rows: tuple[int, int], others: Sequence[Box],
               canvas_width: int) -> tuple[int, int] | None:
    """Where a pill of this width goes: centred where it was, slid sideways as little as
    needed to stay on the canvas and clear of the text beside it; None if there is no room."""
    centre, width = centre_width
    low, high = 0, canvas_width  # the free stretch of the pill's rows around its centre
    for x0, y0, x1, y1 in others:
        if y0 < rows[1] and rows[0] < y1:
            if x0 >= centre:
                high = min(high, x0 - 2)
            elif x1 <= centre:
                low = max(low, x1 + 2)
            else:
                return None  # other text right across the pill's middle
    if high - low < width:
        return None
    left = min(max(round(centre - width / 2), low), high - width)
    return left, left + width


def _paint_pill(canvas: Image.Image, box: Box, colour: tuple[int, int, int]) -> None:
    """A pill with round ends, drawn supersampled for smooth edges."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    s = SUPERSAMPLE
    mask = Image.new("L", (w * s, h * s))
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w * s - 1, h * s - 1), radius=h * s / 2,
                                           fill=255)
    canvas.paste(colour, (x0, y0), mask.resize((w, h), Image.Resampling.BOX))
