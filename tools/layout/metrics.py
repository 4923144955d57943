"""Content-aware layout metrics (PosterLayout, CVPR 2023; RALF, CVPR 2024), our own code.

Boxes are normalised to the canvas and clipped to it. Variants, stated per metric:

- ``validity``: share of elements whose clipped area exceeds 0.1 % of the canvas
  (PosterLayout; RALF ``compute_validity``). Higher is better.
- ``overlay``: mean IoU over all ordered pairs of distinct non-underlay elements, pairs that do
  not touch counted as 0 (RALF's PosterLayout form); undefined (None) under two elements.
- ``alignment``: LayoutGAN++ form as RALF reports it: for each element the smallest distance,
  over the six coordinates (left, centre, right; top, middle, bottom) and every other element,
  mapped by ``-log10(1 - d)``, summed and divided by the number of elements.
- ``underlay_loose`` / ``underlay_strict``: per underlay, the largest share of a non-underlay
  element's area inside it (loose) or 1 if one lies wholly inside (strict); averaged over
  underlays (PosterLayout's underlay effectiveness, RALF's aggregation).
- ``occlusion``: mean saliency over the union of all element boxes, rasterised on the saliency
  grid (PosterLayout); the saliency map is the product mask where the products are placed.
- ``utility``: share of non-salient space covered, ``sum((1 - S) * M) / sum(1 - S)``.
- ``unreadability``: PosterLayout's gradient form: mean of the Sobel gradient magnitude
  ``sqrt((gx^2 + gy^2) / 2)``, normalised by the image maximum, over text boxes not covered by
  an underlay, on the banner without its text. Gradients are taken in floating point
  (OpenCV's 8-bit ``Sobel(-1)`` saturates); lower is better.
- ``contrast``: WCAG 2.x ratio between each text's ink and the pixels under it, worst case
  ignoring the extreme 2 % of luminances on either side
  (the banner without text); passes at 4.5, or 3 for large text (24 px, or 18.66 px bold).

Published anchors on PosterLayout's own test set: DS-GAN overlay 0.027, occlusion 0.142;
RALF overlay 0.008, occlusion 0.119. Our banners are a different data set, so these anchor
the scale only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from tools.layout.colour import luminance, luminance_map, ratio, required_contrast
from tools.layout.model import Element, Layout
from tools.layout.placement import SaliencyGrid

VALID_AREA = 1e-3


def _ltrb(layout: Layout, elements: list[Element]) -> np.ndarray:
    if not elements:
        return np.zeros((0, 4))
    boxes = np.array([(e.box.x, e.box.y, e.box.right, e.box.bottom) for e in elements], float)
    boxes /= np.array([layout.width, layout.height, layout.width, layout.height], float)
    return np.clip(boxes, 0.0, 1.0)


def _area(boxes: np.ndarray) -> np.ndarray:
    return np.clip(boxes[:, 2] - boxes[:, 0], 0, None) * np.clip(boxes[:, 3] - boxes[:, 1], 0, None)


def valid_elements(layout: Layout) -> list[Element]:
    boxes = _ltrb(layout, layout.elements)
    return [e for e, a in zip(layout.elements, _area(boxes)) if a > VALID_AREA]


def validity(layout: Layout) -> float:
    if not layout.elements:
        return 0.0
    return len(valid_elements(layout)) / len(layout.elements)


def _intersections(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    w = np.clip(np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]),
                0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]),
                0, None)
    return np.asarray(w * h)


def overlay(layout: Layout) -> float | None:
    boxes = _ltrb(layout, [e for e in valid_elements(layout) if e.kind != "underlay"])
    n = len(boxes)
    if n < 2:
        return None
    inter = _intersections(boxes, boxes)
    area = _area(boxes)
    union = area[:, None] + area[None, :] - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    off_diagonal = ~np.eye(n, dtype=bool)
    return float(iou[off_diagonal].mean())


def alignment(layout: Layout) -> float:
    boxes = _ltrb(layout, valid_elements(layout))
    n = len(boxes)
    if n < 2:
        return 0.0
    l, t, r, b = boxes.T
    coords = np.stack([l, (l + r) / 2, r, t, (t + b) / 2, b])  # (6, n)
    gaps = np.abs(coords[:, :, None] - coords[:, None, :])  # (6, n, n)
    gaps[:, np.arange(n), np.arange(n)] = 1.0
    nearest = gaps.min(axis=2).min(axis=0)
    nearest = np.where(nearest >= 1.0, 0.0, nearest)
    return float((-np.log10(1.0 - nearest)).sum() / n)


def underlay_effectiveness(layout: Layout) -> tuple[float, float] | None:
    valid = valid_elements(layout)
    under = _ltrb(layout, [e for e in valid if e.kind == "underlay"])
    others = _ltrb(layout, [e for e in valid if e.kind != "underlay"])
    if len(under) == 0:
        return None
    if len(others) == 0:
        return 0.0, 0.0
    share = _intersections(under, others) / np.maximum(_area(others)[None, :], 1e-12)
    loose = share.max(axis=1)
    strict = (share >= 1.0 - 1e-6).any(axis=1).astype(float)
    return float(loose.mean()), float(strict.mean())


def _mask(layout: Layout, grid: np.ndarray, elements: list[Element]) -> np.ndarray:
    h, w = grid.shape
    mask = np.zeros((h, w), bool)
    for l, t, r, b in _ltrb(layout, elements):
        mask[round(t * h):round(b * h), round(l * w):round(r * w)] = True
    return mask


def occlusion(layout: Layout, saliency: SaliencyGrid) -> float:
    mask = _mask(layout, saliency.values, valid_elements(layout))
    return float(saliency.values[mask].mean()) if mask.any() else 0.0


def utility(layout: Layout, saliency: SaliencyGrid) -> float:
    free = 1.0 - saliency.values
    mask = _mask(layout, saliency.values, valid_elements(layout))
    total = float(free.sum())
    return float(free[mask].sum()) / total if total > 0 else 0.0


def gradient_map(image: Image.Image, size: tuple[int, int]) -> np.ndarray:
    """Sobel magnitude of the grey image at ``size`` (width, height), normalised to 0..1."""
    grey = np.asarray(image.convert("L").resize(size, Image.Resampling.BILINEAR), np.float32)
    padded = np.pad(grey, 1, mode="edge")
    gx = (padded[:-2, 2:] + 2 * padded[1:-1, 2:] + padded[2:, 2:]
          - padded[:-2, :-2] - 2 * padded[1:-1, :-2] - padded[2:, :-2])
    gy = (padded[2:, :-2] + 2 * padded[2:, 1:-1] + padded[2:, 2:]
          - padded[:-2, :-2] - 2 * padded[:-2, 1:-1] - padded[:-2, 2:])
    magnitude = np.sqrt((gx ** 2 + gy ** 2) / 2)
    peak = float(magnitude.max())
    return magnitude / peak if peak > 0 else magnitude


def unreadability(layout: Layout, gradient: np.ndarray) -> float:
    valid = valid_elements(layout)
    text = _mask(layout, gradient, [e for e in valid if e.kind == "text"])
    text &= ~_mask(layout, gradient, [e for e in valid if e.kind == "underlay"])
    return float(gradient[text].mean()) if text.any() else 0.0


@dataclass(frozen=True)
class ContrastCheck:
    role: str
    ratio: float
    required: float

    @property
    def passed(self) -> bool:
        return self.ratio >= self.required


def text_contrasts(layout: Layout, without_text: Image.Image) -> list[ContrastCheck]:
    """WCAG contrast of every text against the pixels beneath it (2nd-98th percentile)."""
    pixels = np.asarray(without_text.convert("RGB"))
    checks = []
    for element in layout.texts():
        if element.ink is None:
            continue
        x0, y0, x1, y1 = element.box.pixels()
        region = pixels[max(0, y0):max(y0 + 1, y1), max(0, x0):max(x0 + 1, x1)]
        if region.size == 0:
            continue
        ink = luminance(element.ink)
        ratios = [ratio(ink, float(v)) for v in np.percentile(luminance_map(region), [2, 98])]
        checks.append(ContrastCheck(element.role, round(min(ratios), 3),
                                    required_contrast(element.size, element.weight >= 700)))
    return checks


def content_metrics(layout: Layout, saliency: SaliencyGrid) -> dict[str, float]:
    """The metrics that need only the layout and the saliency map (fast: used in scoring)."""
    under = underlay_effectiveness(layout)
    over = overlay(layout)
    return {
        "validity": validity(layout), "overlay": 0.0 if over is None else over,
        "alignment": alignment(layout), "occlusion": occlusion(layout, saliency),
        "utility": utility(layout, saliency),
        "underlay_loose": 1.0 if under is None else under[0],
        "underlay_strict": 1.0 if under is None else under[1],
    }


def rendered_metrics(layout: Layout, saliency: SaliencyGrid, without_text: Image.Image
                     ) -> dict[str, float]:
    """Everything, including readability two ways, measured on the rendered banner."""
    scores = content_metrics(layout, saliency)
    h, w = saliency.values.shape
    scores["unreadability"] = unreadability(layout, gradient_map(without_text, (w, h)))
    checks = text_contrasts(layout, without_text)
    scores["contrast_min"] = min((c.ratio for c in checks), default=21.0)
    scores["contrast_pass"] = float(all(c.passed for c in checks))
    return scores
