"""Product cutouts as the layout engine sees them."""

from __future__ import annotations

import numpy as np
from PIL import Image

from tools.layout.colour import product_palette
from tools.layout.model import Colour, ProductShape

ALPHA_LONG_SIDE = 96


def product_shape(cutout: Image.Image, brand_colours: tuple[Colour, ...] = ()) -> ProductShape:
    """Size, a small alpha map and the palette of an RGBA cutout (cropped to the product)."""
    rgba = cutout.convert("RGBA")
    scale = ALPHA_LONG_SIDE / max(rgba.size)
    small = rgba.resize((max(1, round(rgba.width * scale)), max(1, round(rgba.height * scale))),
                        Image.Resampling.BILINEAR)
    pixels = np.asarray(small)
    alpha = pixels[:, :, 3].astype(np.float32) / 255.0
    return ProductShape(rgba.width, rgba.height, alpha, product_palette(pixels, brand_colours))
