"""What the pipeline's stages exchange, and the protocol a segmentation backend follows.

    locate + segment   Segmenter.segment(rgb) -> Segmentation (instances with masks, names)
    select             main product, or all of them          (instances.select_instances)
    matte              soft alpha at the edges                (matting.refine_alpha)
    decontaminate      edge colours without the background    (matting.decontaminate)
    trim, save         crop to the product, RGBA PNG + JSON   (pipeline)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

Box = tuple[int, int, int, int]
"""(left, top, right, bottom) in pixels of the full image, right and bottom exclusive."""


def box_on(box: Box, photo: tuple[int, ...], grid: tuple[int, ...]) -> Box:
    """``box`` (the photo's pixels) on a grid of another size with the photo's aspect (a
    working image, a prior): at least one row and column, inside the grid."""
    left, top, right, bottom = box
    y0, y1 = _span(top, bottom, grid[0] / photo[0], grid[0])
    x0, x1 = _span(left, right, grid[1] / photo[1], grid[1])
    return x0, y0, x1, y1


def _span(start: int, stop: int, scale: float, size: int) -> tuple[int, int]:
    first = min(size - 1, round(start * scale))
    return first, max(first + 1, min(size, round(stop * scale)))


@dataclass
class Instance:
    """One product found in the photo."""

    mask: np.ndarray          # float32 in [0, 1]; any resolution with the photo's aspect
    label: str = "product"
    confidence: float = 1.0


@dataclass
class Segmentation:
    """A backend's answer for one photo."""

    instances: list[Instance]
    shadow: np.ndarray | None = None    # float32 shadow opacity (kept shadows), mask resolution
    notes: list[str] = field(default_factory=list)
    prior_share: float = 0.0            # share of the edge alpha taken from the soft masks
    prior: np.ndarray | None = None     # float32 subject probability (a learned model), if any


class Segmenter(Protocol):
    """A segmentation backend: ``warm_up`` loads what it needs once; ``segment`` is pure."""

    name: str

    def warm_up(self) -> None: ...

    def segment(self, rgb: np.ndarray, keep_shadow: bool = False) -> Segmentation: ...
