"""Finding text on an image: RapidOCR (Apache-2.0) running the PP-OCR detection and
recognition models its wheel ships, on onnxruntime. Nothing is downloaded: the engine is only
built when the model files are inside the installed package.

Lines come back in reading order with their quadrilateral, text and confidence; lines of one
block (a headline set over two lines, a wrapped subline) are grouped by :func:`blocks`.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from shopmind.errors import DependencyUnavailable

MODEL_FILES = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx",
               "ch_ppocr_mobile_v2.0_cls_mobile.onnx")
MIN_SCORE = 0.5

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class TextLine:
    """One line of text found on an image."""

    text: str
    quad: Quad
    score: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        """The axis-aligned box around the quad: (x0, y0, x1, y1)."""
        xs = [p[0] for p in self.quad]
        ys = [p[1] for p in self.quad]
        return (int(np.floor(min(xs))), int(np.floor(min(ys))), int(np.ceil(max(xs))),
                int(np.ceil(max(ys))))

    @property
    def height(self) -> float:
        return float(self.box[3] - self.box[1])


def model_dir() -> Path:
    try:
        root = Path(str(resources.files("rapidocr").joinpath("models")))
    except ModuleNotFoundError as exc:
        raise DependencyUnavailable("ocr", f"install 'rapidocr': {exc}") from exc
    missing = [name for name in MODEL_FILES if not (root / name).is_file()]
    if missing:  # the engine would fetch them: refuse instead
        raise DependencyUnavailable("ocr", f"OCR models missing from {root}: {', '.join(missing)}")
    return root


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _engine() -> Any:
    model_dir()
    from rapidocr import RapidOCR

    engine = RapidOCR(params={"Global.log_level": "error"})
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def read_text(rgb: np.ndarray, min_score: float = MIN_SCORE) -> list[TextLine]:
    """The lines of text on an RGB image (H x W x 3, uint8), top to bottom, left to right."""
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"expected an RGB image, got an array of shape {rgb.shape}")
    engine = _engine()
    with _LOCK:  # one inference at a time per process: onnxruntime already uses every core
        result = engine(np.ascontiguousarray(rgb[:, :, ::-1]))  # the engine reads BGR
    if result.boxes is None or result.txts is None:
        return []
    lines = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        text = str(text).strip()
        if not text or float(score) < min_score:
            continue
        points = tuple((float(x), float(y)) for x, y in np.asarray(quad).reshape(4, 2))
        lines.append(TextLine(text, points, float(score)))  # type: ignore[arg-type]
    return sorted(lines, key=lambda line: (round(line.box[1] / 8), line.box[0]))


def blocks(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into blocks: a line joins the block above it when it starts right below
    it (a gap under 0.6 line heights), has a similar height (within 25 %, or 35 % when the
    two share an edge or a centre) and overlaps it horizontally, and neither is a price. Blocks keep reading order."""
    groups: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: (item.box[1], item.box[0])):
        home = next((group for group in groups if _continues(group[-1], line)), None)
        if home is None:
            groups.append([line])
        else:
            home.append(line)
    return sorted(groups, key=lambda group: (group[0].box[1], group[0].box[0]))


PRICE = re.compile(r"^\s*(?:US\$|[$¥€£￥])\s*\d|\d[\d.,]*\s*(?:元|US\$|[$€£])\s*$")


def _price(text: str) -> bool:
    """A price on its own line; "Spend $100," goes on to the next line."""
    return bool(PRICE.search(text)) and not text.rstrip().endswith((",", "，", ";", "；"))


def _continues(above: TextLine, line: TextLine) -> bool:
    if _price(above.text) or _price(line.text):
        return False  # a price stands alone, even set right under a subline of its size
    a, b = above.box, line.box
    heights = sorted((above.height, line.height))
    # a line with descenders ("Friday") boxes taller than one without ("Black"): lines that
    # share an edge or a centre may differ more
    aligned = min(abs(a[0] - b[0]), abs(a[2] - b[2]),
                  abs((a[0] + a[2]) - (b[0] + b[2])) / 2) <= 0.25 * heights[1]
    if heights[0] <= 0 or heights[0] / heights[1] < (0.65 if aligned else 0.75):
        return False
    gap = b[1] - a[3]
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    return -0.35 * heights[1] <= gap <= 0.6 * heights[1] and overlap > 0
