"""Scoring text removal against the banner rendered without its text.

Two numbers per erased banner, both mean absolute differences from ``pair.without_text`` in
0-255 units averaged over channels: ``mae`` over the boxes (grown by ``GROW`` px, so a
smeared edge counts) and ``mae_glyph`` over the pixels the text changed. The text-free
render is not JPEG-compressed while the input is, so even a perfect remover keeps the JPEG
noise of the untouched pixels: ``floor`` is what leaving every non-glyph pixel as it was
costs, and ``untouched`` what leaving the text costs.

:func:`residual_text_rate` is the other half: what OCR still reads where the text was.

Usage::

    scores = removal_scores(pair, boxes, erase_text(pair.with_text, boxes).image)
    rate = residual_text_rate(read_text(pair.with_text), read_text(erased))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from tools.translate.corpus import BannerPair
from tools.translate.ocr import TextLine

Box = tuple[int, int, int, int]

GROW = 4     # px around the boxes that the box score covers
LARGER = 4   # times a line's box: a line read after erasing this much larger is not that line


def removal_scores(pair: BannerPair, boxes: Sequence[Box], erased: np.ndarray
                   ) -> dict[str, float]:
    """``mae`` over the boxes grown by ``GROW`` px and ``mae_glyph`` over the text's pixels,
    plus ``untouched`` (the box score of the image with its text) and ``floor`` (the box
    score of a remover that is perfect on the text and leaves every other pixel)."""
    if erased.shape != pair.without_text.shape:
        raise ValueError(f"erased image of shape {erased.shape} does not match the banner's "
                         f"{pair.without_text.shape}")
    region = box_region(boxes, erased.shape[:2], GROW)
    glyphs = pair.text_mask()
    clean = pair.without_text.astype(np.float32)
    perfect = np.where(glyphs[..., None], pair.without_text, pair.with_text)
    return {"mae": _mae(erased, clean, region), "mae_glyph": _mae(erased, clean, glyphs),
            "untouched": _mae(pair.with_text, clean, region),
            "floor": _mae(perfect, clean, region)}


def residual_text_rate(before: Sequence[TextLine], after: Sequence[TextLine]) -> float:
    """The share of the characters OCR read before erasing that it still reads after, in
    the same place: per line read before, the characters in common with the lines read after
    whose centre falls inside its box (and whose box is not ``LARGER`` times the size: on a
    blank banner the detector may return the whole image, read as a stray character or two).
    0.0 when nothing was read before."""
    total = sum(len(_characters(line.text)) for line in before)
    if total == 0:
        return 0.0
    found = 0
    for line in before:
        x0, y0, x1, y1 = line.box
        here = Counter[str]()
        for other in after:
            ox0, oy0, ox1, oy1 = other.box
            centred = x0 <= (ox0 + ox1) / 2 <= x1 and y0 <= (oy0 + oy1) / 2 <= y1
            if centred and _area(other.box) <= LARGER * _area(line.box):
                here += _characters(other.text)
        found += sum((_characters(line.text) & here).values())
    return found / total


def box_region(boxes: Sequence[Box], shape: tuple[int, int], grow: int) -> np.ndarray:
    """bool H x W: the union of ``boxes`` grown by ``grow`` px, clipped to the image."""
    region = np.zeros(shape, dtype=np.uint8)
    for x0, y0, x1, y1 in boxes:
        left, top = max(0, int(x0) - grow), max(0, int(y0) - grow)
        right, bottom = min(shape[1], int(x1) + grow), min(shape[0], int(y1) + grow)
        if right > left and bottom > top:
            region[top:bottom, left:right] = 1
    return np.asarray(region > 0)


def full_box_mask(boxes: Sequence[Box], shape: tuple[int, int]) -> np.ndarray:
    """The whole boxes as a mask: what a remover that does not look for glyphs must fill."""
    return box_region(boxes, shape, 0)


def _mae(image: np.ndarray, clean: np.ndarray, where: np.ndarray) -> float:
    if not where.any():
        return 0.0
    return float(np.abs(image.astype(np.float32) - clean)[where].mean())


def _area(box: Box) -> int:
    return max(0, box[2] - box[0]) * max(0, box[3] - box[1])


def _characters(text: str) -> Counter[str]:
    return Counter(char for char in text if not char.isspace())

