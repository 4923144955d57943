"""The ``classic`` backend: studio shots, no weights.

1. Learn the background from the border (``background``): a smooth colour surface and a
   colour-noise model, so white, grey with vignetting, gradients and soft textures all work.
2. Flood the background from the border through pixels it explains (``regions``): colours
   that match, soft cast shadows, but no sharp edges, so a white shirt on white stops the
   flood at its outline. Enclosed regions that match the border exactly are holes.
3. Group what is left into products (a pair of shoes is one product).
4. When the border is not a studio background (a busy scene), fall back to a graph cut
   (OpenCV GrabCut) seeded with the border as background, at low resolution.

The edge is then matted at full resolution by the pipeline (``matting``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from tools.cutout.background import BackgroundMaps, background_maps
from tools.cutout.regions import (
    flood_background,
    passable_pixels,
    product_groups,
    shadow_like,
    shadow_opacity,
)
from tools.cutout.stages import Instance, Segmentation

WORK_SIZE = 320          # px, long side of the working image
BUSY_RESIDUAL = 32.0     # grey levels: a border noisier than this is not a studio background
BUSY_SIZE = 200          # px: the graph-cut fallback runs at this size


class ClassicSegmenter:
    """Background model + flood + graph-cut fallback. Cheap to build, nothing to load."""

    name = "classic"

    def __init__(self, work_size: int = WORK_SIZE) -> None:
        self.work_size = work_size

    def warm_up(self) -> None:
        """Nothing to load."""

    def segment(self, rgb: np.ndarray, keep_shadow: bool = False) -> Segmentation:
        studio = self.studio(rgb)
        if studio is None:
            return _busy_scene(rgb)
        return studio.segmentation(keep_shadow)

    def studio(self, rgb: np.ndarray) -> StudioShot | None:
        """The background model and flood at the working size; None on a busy scene."""
        small = resize_long_side(rgb, self.work_size)
        maps = background_maps(small.astype(np.float32))
        if maps.model.ring_residual > BUSY_RESIDUAL:
            return None
        passable, close = passable_pixels(maps)
        background = flood_background(maps, passable, close)
        return StudioShot(small, maps, background, product_groups(~background))


@dataclass
class StudioShot:
    """What the classic backend learnt of a studio shot, at the working size."""

    small: np.ndarray                # uint8 RGB at the working size
    maps: BackgroundMaps
    background: np.ndarray           # bool: flooded background (shadows included)
    groups: list[np.ndarray]         # bool masks of the products, largest first

    def segmentation(self, keep_shadow: bool = False) -> Segmentation:
        instances = [Instance(mask=g.astype(np.float32)) for g in self.groups]
        shadow = (_kept_shadow(self.maps, self.groups) if keep_shadow and self.groups
                  else None)
        return Segmentation(instances, shadow=shadow)


def _kept_shadow(maps: BackgroundMaps, groups: list[np.ndarray]) -> np.ndarray:
    """The cast shadow next to the products, as opacity (kept only on request)."""
    products = np.logical_or.reduce(groups)
    ys, xs = np.nonzero(products)
    reach = int(0.25 * max(np.ptp(ys), np.ptp(xs))) + 3
    near = cv2.dilate(products.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    opacity = shadow_opacity(maps, products)
    opacity[~near | ~shadow_like(maps)] = 0.0
    opacity[opacity < 0.04] = 0.0
    return opacity


def _busy_scene(rgb: np.ndarray) -> Segmentation:
    """GrabCut at low resolution: border = background, the rest = probably product."""
    small = resize_long_side(rgb, BUSY_SIZE)
    height, width = small.shape[:2]
    mask = np.full((height, width), cv2.GC_PR_BGD, np.uint8)
    margin_y, margin_x = max(2, height // 25), max(2, width // 25)
    mask[margin_y:-margin_y, margin_x:-margin_x] = cv2.GC_PR_FGD
    mask[:2], mask[-2:], mask[:, :2], mask[:, -2:] = (cv2.GC_BGD,) * 4
    back_model, fore_model = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(np.ascontiguousarray(small[..., ::-1]), mask, (0, 0, width, height),
                back_model, fore_model, 3, cv2.GC_INIT_WITH_MASK)
    foreground = (mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)
    groups = product_groups(foreground)
    note = "busy background: the border is not a studio background, used a graph cut"
    return Segmentation([Instance(mask=g.astype(np.float32), confidence=0.5) for g in groups],
                        notes=[note])


def resize_long_side(rgb: np.ndarray, size: int) -> np.ndarray:
    height, width = rgb.shape[:2]
    scale = size / max(height, width)
    if scale >= 1:
        return rgb
    shape = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(rgb, shape, interpolation=cv2.INTER_AREA)


def estimate_mask(image: Image.Image, threshold: float = 0.5) -> Image.Image:
    """Binary 'L' mask (255 = product) of a product photographed on a plain background.

    Example::

        mask = estimate_mask(Image.open("shoe.jpg"))
    """
    from tools.cutout.pipeline import CutoutPipeline

    result = CutoutPipeline().run(image)
    alpha = np.asarray(result.alpha_full) >= int(threshold * 255)
    return Image.fromarray((alpha * 255).astype(np.uint8), "L")


def cut_out(image: Image.Image) -> tuple[Image.Image, Image.Image]:
    """(RGBA cutout cropped to the product, its mask at full size)."""
    from tools.cutout.pipeline import CutoutPipeline

    result = CutoutPipeline().run(image)
    return result.cutout, result.alpha_full
