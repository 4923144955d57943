"""Classic background removal for studio shots (no weights): a background colour model
from the image border, then morphological clean-up. The full pipeline (graph-cut, matting,
shadows, glass) comes with the cutout issue.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter


def estimate_mask(image: Image.Image, threshold: float = 28.0) -> Image.Image:
    """Binary 'L' mask (255 = product) of a product photographed on a plain background."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    background = np.median(border, axis=0)
    spread = np.percentile(np.linalg.norm(border - background, axis=1), 95)
    distance = np.linalg.norm(rgb - background, axis=2)
    foreground = distance > max(threshold, spread * 1.5)
    mask = Image.fromarray((foreground * 255).astype(np.uint8), "L")
    mask = mask.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))  # close
    mask = mask.filter(ImageFilter.MinFilter(3)).filter(ImageFilter.MaxFilter(3))  # open
    return mask.point(lambda v: 255 if v >= 128 else 0)


def cut_out(image: Image.Image) -> tuple[Image.Image, Image.Image]:
    """(RGBA cutout cropped to the product, its mask at full size)."""
    mask = estimate_mask(image)
    rgba = image.convert("RGB")
    rgba.putalpha(mask)
    box = mask.getbbox()
    return (rgba.crop(box) if box else rgba), mask
