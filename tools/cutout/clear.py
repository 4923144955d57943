"""Clear parts of a product (the glass body of a jar under its lid): faint outlines joined to
the product, looked for only when the catalogue says the product is clear.

Neither the background flood nor U2-Netp sees clear glass on white: inside it the photo *is*
the background, a few grey levels off, and its edges are thin lines only 3 to 6 levels deep.
At full resolution those lines stand out of the backdrop's grain in a band-pass image (a
difference of Gaussians, ``FINE`` and ``COARSE``), as long connected strokes (the base ring
of a jar, the sides of a glass), where a soft shadow has no stroke at all. Run on every
photo, the same test would also take a drop shadow's crisp rim or a texture's fibre for
glass, so it is a *hint*: the pipeline runs it when the product's name or material says
glass, clear, transparent or acrylic (``is_clear``), or when asked (``clear`` option).

The clear part is the convex hull of the product and the strokes near it (a cylinder is
the hull of its lid and its base); strokes touching the photo's edge are backdrop.

Example::

    body = clear_body(rgb, alpha >= 0.5)      # None when no stroke is near the product
"""

from __future__ import annotations

import re

import cv2
import numpy as np

FINE = 1.2            # px, sigma of the fine Gaussian of the band-pass
COARSE = 4.0          # px, sigma of the coarse one
SMOOTH = 1.5          # px, sigma that joins a stroke's broken pixels
STRENGTH = 4.0        # a stroke pixel is this many times the photo's median response
LONG = 0.25           # a stroke spans at least this share of the product's long side
HALO = 16             # px around the product where its own edge answers the band-pass
NEAR = 0.6            # strokes start within this share of the product's long side from its box

CLEAR_WORDS = re.compile(r"\b(glass|glassware|clear|transparent|acrylic|crystal)\b|玻璃|透明|亚克力",
                         re.IGNORECASE)


def is_clear(*texts: str | None) -> bool:
    """Whether a product's name or material says it is (partly) clear."""
    return any(text and CLEAR_WORDS.search(text) for text in texts)


def clear_body(rgb: np.ndarray, product: np.ndarray) -> np.ndarray | None:
    """The product with its clear parts (bool, the photo's size): the hull of ``product``
    (bool, the photo's size) and the long faint strokes near it; None when there are none."""
    if not product.any():
        return None
    halo = cv2.dilate(product.astype(np.uint8), cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (2 * HALO + 1, 2 * HALO + 1))).astype(bool)
    strokes = _strokes(rgb) & ~halo            # the product's own edge response is no stroke
    x, y, width, height = cv2.boundingRect(product.astype(np.uint8))
    size = max(width, height)
    reach = NEAR * size
    count, labels, stats, _ = cv2.connectedComponentsWithStats(strokes.astype(np.uint8),
                                                               connectivity=8)
    photo_h, photo_w = product.shape
    kept = np.zeros(count, bool)
    for index in range(1, count):
        left, top, w, h, _ = stats[index]
        on_edge = left == 0 or top == 0 or left + w >= photo_w or top + h >= photo_h
        near = (left < x + width + reach and left + w > x - reach
                and top < y + height + reach and top + h > y - reach)
        kept[index] = max(w, h) >= LONG * size and near and not on_edge
    found = kept[labels]
    if not found.any():
        return None
    points = cv2.findNonZero((product | found).astype(np.uint8))
    body = np.zeros(product.shape, np.uint8)
    cv2.fillConvexPoly(body, cv2.convexHull(points), 1)
    return body.astype(bool)


def _strokes(rgb: np.ndarray) -> np.ndarray:
    """Where the band-pass response is ``STRENGTH`` times its photo median."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    band = cv2.absdiff(cv2.GaussianBlur(grey, (0, 0), FINE), cv2.GaussianBlur(grey, (0, 0), COARSE))
    band = cv2.GaussianBlur(band, (0, 0), SMOOTH)
    return band > STRENGTH * max(float(np.median(band)), 1e-3)
