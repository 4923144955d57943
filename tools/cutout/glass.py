"""A clear glass body under an opaque part: the base ellipse closes the silhouette.

A glass jar, bottle or tumbler on a studio background shows almost nothing of its walls:
they refract the backdrop into itself, so neither the background flood nor U2-Netp sees more
than the lid or the label. What a round transparent body does show, photographed from a
little above as product shots are, is its base (or rim) seen through the glass: a thin,
sharp ellipse in the backdrop, detached from the opaque part, about as wide as it and right
under it. A cylinder's silhouette is the convex hull of its two end ellipses, so the body is
the hull of the opaque part and that ellipse.

``glass_body`` looks for such an ellipse among the faint edges (``Canny`` on the blurred
lightness, thresholds far under a product's own edges) that lie outside the product, fits it,
and accepts it only when the edges follow most of its outline (``SUPPORT``): a soft shadow has
no sharp outline, and a stray crease or speck is no ellipse. The test is narrow on purpose:
anything else leaves the mask as it was.
"""

from __future__ import annotations

import cv2
import numpy as np

BLUR = 1.5              # px, sigma of the blur before the edge detector (working size)
CANNY = (8, 20)         # hysteresis thresholds: faint, sharp lines (a product's own are > 40)
CLEAR = 6               # px: edges this close to the product are its own, not a base's
LEAST_POINTS = 0.5      # edge pixels of a candidate, over the product's width
SUPPORT = 0.7           # share of the ellipse's outline with an edge within ``NEAR`` px
NEAR = 3                # px
WIDTH = (0.5, 1.25)     # the ellipse's width over the opaque part's width
GAP = 0.35              # most gap between the opaque part and the ellipse, over its height
SAMPLES = 120           # points along the ellipse for the support


def glass_body(rgb: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``mask`` (bool, the size of ``rgb``) grown to the hull of the product and a glass base
    ellipse under it, when there is one; otherwise ``mask`` itself."""
    if not mask.any():
        return mask
    ys, xs = np.nonzero(mask)
    box = (int(xs.min()), int(xs.max()), int(ys.min()), int(ys.max()))
    edges = _faint_edges(rgb)
    loose = edges & ~(cv2.dilate(mask.astype(np.uint8), _disk(CLEAR)) > 0)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        cv2.dilate(loose.astype(np.uint8), _disk(1)), connectivity=8)
    near = cv2.dilate(edges.astype(np.uint8), _disk(NEAR)) > 0
    least = LEAST_POINTS * (box[1] - box[0] + 1)
    best: tuple[float, np.ndarray] | None = None
    for label in np.flatnonzero(stats[:, cv2.CC_STAT_AREA] >= least):
        if label == 0:
            continue
        x, y, w, h = stats[label, :4]
        window = (labels[y:y + h, x:x + w] == label) & loose[y:y + h, x:x + w]
        points = np.argwhere(window)[:, ::-1] + (x, y)
        if len(points) < max(5, least):
            continue
        outline = _outline(cv2.fitEllipse(points.astype(np.float32)))
        if outline is None or not _fits(outline, box, rgb.shape):
            continue
        support = float(near[outline[:, 1], outline[:, 0]].mean())
        if support >= SUPPORT and (best is None or support > best[0]):
            best = (support, outline)
    if best is None:
        return mask
    hull = cv2.convexHull(np.concatenate([np.stack([xs, ys], 1), best[1]]).astype(np.int32))
    body = np.zeros(mask.shape, np.uint8)
    cv2.fillConvexPoly(body, hull, 1)
    return mask | (body > 0)


def _faint_edges(rgb: np.ndarray) -> np.ndarray:
    lightness = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 0]
    return cv2.Canny(cv2.GaussianBlur(lightness, (0, 0), BLUR), *CANNY) > 0


def _outline(ellipse: tuple) -> np.ndarray | None:
    (cx, cy), (a, b), angle = ellipse
    if not (np.isfinite([cx, cy, a, b]).all() and min(a, b) > 4):
        return None
    t = np.linspace(0, 2 * np.pi, SAMPLES, endpoint=False)
    cos, sin = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    x, y = a / 2 * np.cos(t), b / 2 * np.sin(t)
    return np.stack([cx + x * cos - y * sin, cy + x * sin + y * cos], 1).round().astype(int)


def _fits(outline: np.ndarray, box: tuple[int, int, int, int], shape: tuple[int, ...]) -> bool:
    """Inside the photo, about as wide as the product, centred under it and close below."""
    left, right, top, bottom = box
    x, y = outline[:, 0], outline[:, 1]
    if x.min() < 1 or y.min() < 1 or x.max() >= shape[1] - 1 or y.max() >= shape[0] - 1:
        return False
    share = (x.max() - x.min()) / (right - left + 1)
    centre = (x.max() + x.min()) / 2
    return (WIDTH[0] <= share <= WIDTH[1] and left < centre < right and y.max() > bottom
            and y.min() - bottom <= GAP * (bottom - top + 1))


def _disk(radius: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
