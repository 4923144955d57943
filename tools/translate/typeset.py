"""Setting a translation where the original text stood: the same box, a fitted font, the
original colour, alignment and weight.

The font size starts from the original's (an OCR line box is about 1.29 font pixels high for
both scripts, measured on the project's own banners) and shrinks until the translation wraps
into the box, as :func:`tools.layout.text.fit_text` does for banners; it may take more lines
than the original where the box is tall enough, never more than the box. Alignment is read
from the block's lines (their left edges, centres or right edges agree) or, for a single line,
from the blocks around it. A translation that does not fit even at the smallest size is not
drawn and is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from tools.layout.fonts import BOLD, REGULAR, font
from tools.layout.model import CJK_LANGUAGES
from tools.layout.text import fit_text
from tools.layout.textlayers import TextFace, TextLayers

Box = tuple[int, int, int, int]
OCR_BOX_PER_PX = 1.29  # OCR line box height / font size (median over the benchmark corpus)
MIN_PX = 9
MAX_LINES = 4
EDGE_TOLERANCE = 0.12  # of the line height: edges closer than this count as aligned

_LAYERS = TextLayers(budget_mb=16.0)


@dataclass(frozen=True)
class Placement:
    """Where and how a translation was set (or why it was not)."""

    text: str
    box: Box
    lines: tuple[str, ...]
    size: int
    align: str
    weight: int
    fits: bool
    drawn: Box | None  # the pixels the glyphs cover; None when nothing was drawn


def font_px(line_heights: Sequence[float]) -> int:
    """The original font size from its OCR line heights."""
    return max(MIN_PX, round(float(np.median(line_heights)) / OCR_BOX_PER_PX))


def alignment(line_boxes: Sequence[Box], others: Sequence[Box] = ()) -> str:
    """left, center or right: where the lines' edges agree (single lines: with a neighbour)."""
    height = float(np.median([b[3] - b[1] for b in line_boxes]))
    tolerance = max(3.0, EDGE_TOLERANCE * height)
    if len(line_boxes) > 1:
        spreads = {"left": _spread([b[0] for b in line_boxes]),
                   "center": _spread([(b[0] + b[2]) / 2 for b in line_boxes]),
                   "right": _spread([b[2] for b in line_boxes])}
        best = min(spreads, key=lambda key: spreads[key])
        return best if spreads[best] <= 2 * tolerance else "left"
    box = line_boxes[0]
    for other in others:
        if abs(other[0] - box[0]) <= tolerance:
            return "left"
        if abs(other[2] - box[2]) <= tolerance:
            return "right"
        if abs((other[0] + other[2]) / 2 - (box[0] + box[2]) / 2) <= tolerance:
            return "center"
    return "center"


def _spread(values: Sequence[float]) -> float:
    return float(max(values) - min(values))


def weight_of(glyphs: np.ndarray, box: Box, size: int) -> int:
    """Bold or regular, from how much of the line's box the glyphs cover: a stroke about a
    sixth of the size or wider reads as bold."""
    x0, y0, x1, y1 = box
    region = glyphs[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
    if region.size == 0:
        return REGULAR
    cover = float(region.mean())
    return BOLD if cover > 0.30 or (size >= 40 and cover > 0.24) else REGULAR


def set_text(canvas: Image.Image, text: str, box: Box, size: int, ink: tuple[int, int, int],
             align: str, language: str, weight: int = REGULAR, max_lines: int | None = None
             ) -> Placement:
    """Draw ``text`` fitted into ``box`` on ``canvas`` (in place) and say how it went."""
    x0, y0, x1, y1 = box
    width, height = max(1, x1 - x0), max(1, y1 - y0)
    # as many lines as the box's height takes at the size chosen (fit_text checks it)
    fitted = fit_text(text, width, height, size, weight, language, max_lines or MAX_LINES,
                      MIN_PX)
    if not fitted.fits:
        return Placement(text, box, fitted.lines, fitted.size, align, weight, False, None)
    face = TextFace(fitted.size, weight, language)
    anchor = {"center": "mm", "right": "rm"}.get(align, "lm")
    x = {"center": (x0 + x1) / 2, "right": float(x1)}.get(align, float(x0))
    top = y0 + (height - fitted.line_height * len(fitted.lines)) / 2
    drawn: list[Box] = []
    for index, line in enumerate(fitted.lines):
        y = top + (index + 0.5) * fitted.line_height
        _LAYERS.draw(canvas, (x, y), line, face, anchor, ink)
        drawn.append(_line_box(line, face, anchor, (x, y)))
    covered = (min(b[0] for b in drawn), min(b[1] for b in drawn), max(b[2] for b in drawn),
               max(b[3] for b in drawn))
    return Placement(text, box, fitted.lines, fitted.size, align, weight, True, covered)


def _line_box(line: str, face: TextFace, anchor: str, xy: tuple[float, float]) -> Box:
    left, top, right, bottom = font(face.size, face.weight, face.language).getbbox(
        line, anchor=anchor)
    return (int(np.floor(xy[0] + left)), int(np.floor(xy[1] + top)),
            int(np.ceil(xy[0] + right)), int(np.ceil(xy[1] + bottom)))


def clear_of(placement: Placement, others: Sequence[Box], canvas_size: tuple[int, int]) -> bool:
    """True when what was drawn stays on the canvas and overlaps none of ``others``."""
    if placement.drawn is None:
        return False
    x0, y0, x1, y1 = placement.drawn
    width, height = canvas_size
    if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
        return False
    return not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in others)


def room_for(box: Box, align: str, others: Sequence[Box], erased: np.ndarray,
             language: str) -> Box:
    """The box a translation may use: the original's, widened on the side its alignment lets
    it grow (Latin translations run longer than Chinese) while the columns it gains are plain
    background in the erased image (no product, no other text), by at most twice its width (an
    eighth for CJK), and never closer than a margin to the canvas edge."""
    x0, y0, x1, y1 = box
    width = erased.shape[1]
    margin = max(4, round(0.02 * width))
    grow = 2 * (x1 - x0) if language not in CJK_LANGUAGES else (x1 - x0) // 8
    busy = _busy_columns(erased, y0, y1)
    left = x0
    while left > max(margin, x0 - grow) and not busy[left - 1]:
        left -= 1
    right = x1
    while right < min(width - margin, x1 + grow) and not busy[right]:
        right += 1
    for other in others:
        if other[1] < y1 and y0 < other[3]:
            if other[2] <= x0:
                left = max(left, other[2] + margin)
            elif other[0] >= x1:
                right = min(right, other[0] - margin)
    left, right = min(left, x0), max(right, x1)
    if align == "left":
        return (x0, y0, right, y1)
    if align == "right":
        return (left, y0, x1, y1)
    half = min(x0 - left, right - x1)
    return (x0 - half, y0, x1 + half, y1)


def _busy_columns(erased: np.ndarray, y0: int, y1: int) -> np.ndarray:
    """Per column of the rows y0..y1: True where the image varies more than a flat or gently
    shaded background does (edges of a product, a panel, other text)."""
    rows = erased[max(0, y0):max(y0 + 1, y1)].astype(np.float32).mean(axis=2)
    if rows.size == 0:
        return np.zeros(erased.shape[1], dtype=bool)
    spread = rows.max(axis=0) - rows.min(axis=0)
    step = np.abs(np.diff(rows, axis=1, prepend=rows[:, :1])).max(axis=0)
    return np.asarray((spread > 40) | (step > 24), dtype=bool)
