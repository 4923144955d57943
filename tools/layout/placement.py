"""Placing the content: product cutouts in their box, the saliency map they make, and
floating elements (badge, price burst) beside the product where they hide the least of it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from tools.layout.geometry import Box, bounding
from tools.layout.model import ProductShape

GRID_LONG_SIDE = 160
GRID_SHORT_MIN = 24


def place_products(shapes: tuple[ProductShape, ...], box: Box, anchor: str) -> list[Box]:
    """Cutouts side by side in ``box``, as large as fits, bottoms aligned when anchored so."""
    if not shapes:
        return []
    gap = 0.06
    aspects = [s.aspect for s in shapes]
    row_aspect = sum(aspects) + gap * (len(shapes) - 1)
    height = min(box.h, box.w / row_aspect) * 0.97
    width = height * row_aspect
    left = {"left": box.x, "right": box.right - width}.get(anchor, box.cx - width / 2)
    top = box.bottom - height if anchor == "bottom" else box.cy - height / 2
    boxes = []
    for aspect in aspects:
        boxes.append(Box(left, top, height * aspect, height))
        left += height * aspect + gap * height
    return boxes


@dataclass(frozen=True, eq=False)
class SaliencyGrid:
    """The product mask on a small grid: ``values[y, x]`` in 0..1, ``scale`` grid px per px."""

    values: np.ndarray
    scale: float

    def means(self, x: np.ndarray, y: np.ndarray, w: float, h: float) -> np.ndarray:
        """Mean saliency of many boxes of one size at once (summed-area table)."""
        rows, cols = self.values.shape
        table = np.zeros((rows + 1, cols + 1), np.float64)
        table[1:, 1:] = self.values.cumsum(axis=0).cumsum(axis=1)
        s = self.scale
        x0 = np.clip((x * s).astype(int), 0, cols)
        y0 = np.clip((y * s).astype(int), 0, rows)
        x1 = np.clip(np.ceil((x + w) * s).astype(int), 0, cols)
        y1 = np.clip(np.ceil((y + h) * s).astype(int), 0, rows)
        total = table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]
        return np.asarray(total / np.maximum((x1 - x0) * (y1 - y0), 1))

    def mean_in(self, box: Box) -> float:
        region = self._region(box)
        return float(region.mean()) if region.size else 0.0

    def _region(self, box: Box) -> np.ndarray:
        s = self.scale
        h, w = self.values.shape
        x0, y0 = max(0, int(box.x * s)), max(0, int(box.y * s))
        x1, y1 = min(w, int(np.ceil(box.right * s))), min(h, int(np.ceil(box.bottom * s)))
        return self.values[y0:y1, x0:x1]


def grid_scale(width: int, height: int) -> float:
    return max(GRID_LONG_SIDE / max(width, height), GRID_SHORT_MIN / min(width, height))


def saliency_grid(width: int, height: int, boxes: list[Box],
                  shapes: tuple[ProductShape, ...]) -> SaliencyGrid:
    """The products' alpha pasted where they are placed: the saliency map of the banner."""
    scale = grid_scale(width, height)
    grid = np.zeros((max(1, round(height * scale)), max(1, round(width * scale))), np.float32)
    for box, shape in zip(boxes, shapes):
        w, h = max(1, round(box.w * scale)), max(1, round(box.h * scale))
        alpha = Image.fromarray((shape.alpha * 255).astype(np.uint8), "L").resize(
            (w, h), Image.Resampling.BILINEAR)
        values = np.asarray(alpha, dtype=np.float32) / 255.0
        x, y = round(box.x * scale), round(box.y * scale)
        gx0, gy0 = max(0, x), max(0, y)
        gx1, gy1 = min(grid.shape[1], x + w), min(grid.shape[0], y + h)
        if gx1 > gx0 and gy1 > gy0:
            patch = values[gy0 - y:gy1 - y, gx0 - x:gx1 - x]
            grid[gy0:gy1, gx0:gx1] = np.maximum(grid[gy0:gy1, gx0:gx1], patch)
    return SaliencyGrid(grid, scale)


def float_beside_product(size: Box, products: list[Box], taken: list[Box], canvas: Box,
                         saliency: SaliencyGrid, margin: float) -> Box | None:
    """Where a floating element of ``size`` (w, h) hides the least product and touches no
    other element: candidates hug the product's corners and sides or line up with another
    element's edge or centre; aligned candidates are preferred."""
    product = bounding(products)
    if product is None:
        return None
    w, h = size.w, size.h
    xs, x_aligned = _axis(product.x, product.right, w, [(t.x, t.cx, t.right) for t in taken])
    ys, y_aligned = _axis(product.y, product.bottom, h, [(t.y, t.cy, t.bottom) for t in taken])
    x, y = np.meshgrid(xs, ys)
    aligned = np.logical_or.outer(y_aligned, x_aligned)
    ok = ((x >= margin) & (y >= margin) & (x + w <= canvas.w - margin)
          & (y + h <= canvas.h - margin))
    for t in taken:
        ok &= ~((np.minimum(x + w, t.right) - np.maximum(x, t.x) > 0)
                & (np.minimum(y + h, t.bottom) - np.maximum(y, t.y) > 0))
    if not ok.any():
        return None
    dx = np.maximum(0.0, np.maximum(product.x - (x + w), x - product.right))
    dy = np.maximum(0.0, np.maximum(product.y - (y + h), y - product.bottom))
    cost = saliency.means(x, y, w, h) + 0.15 * np.hypot(dx, dy) / max(w, h)
    # designers put a badge at the product's upper corners, the right one first
    corner = np.minimum(np.hypot(x + w / 2 - product.right, y + h / 2 - product.y),
                        1.3 * np.hypot(x + w / 2 - product.x, y + h / 2 - product.y))
    cost += 0.1 * corner / max(product.w, product.h)
    cost = np.where(ok, cost + np.where(aligned, 0.0, 0.2), np.inf)
    row, col = np.unravel_index(int(np.argmin(cost)), cost.shape)
    return Box(float(x[row, col]), float(y[row, col]), w, h)


def _axis(low: float, high: float, length: float, others: list[tuple[float, float, float]]
          ) -> tuple[np.ndarray, np.ndarray]:
    """Candidate starts along one axis and whether each lines up with another element."""
    hugging = [low - length * f for f in (0.9, 0.6, 0.3, 0.0)]
    hugging += [high - length * f for f in (0.1, 0.4, 0.7, 1.0)]
    lined = [v for start, centre, end in others for v in (start, centre - length / 2, end - length)]
    values = np.array(hugging + lined, dtype=np.float64)
    return values, np.array([False] * len(hugging) + [True] * len(lined))
