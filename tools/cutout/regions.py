"""Region logic at the working resolution: flood the background, keep true holes, group the
pieces of one product, and choose the main product."""

from __future__ import annotations

import cv2
import numpy as np

from tools.cutout.background import BackgroundMaps

GAP_RADIUS = 2          # px: the flood does not pass gaps in an edge narrower than 2r+1
GROW_STEPS = 5          # px: background regrown over the blurred edge band where colours match
GROUP_GAP = 0.03        # fraction of the diagonal: pieces closer than this are one product
MIN_PIECE = 0.002       # fraction of the image: smaller specks are dropped
SHADOW_REACH = 0.08     # fraction of the short side: how far a shadow extends from clean background
LOCAL_SIGMA = 3.0       # px: reach of the local background estimate at the product's edge
SHADOW_DARKEST = 0.45   # a cast shadow keeps at least this share of the background's light
GAP_MEDIAN = 2.0        # a sealed gap's median distance is at most this many ring medians


def _disk(radius: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))


def passable_pixels(maps: BackgroundMaps) -> tuple[np.ndarray, np.ndarray]:
    """(passable, close): pixels the background flood may cross, and colour-matched ones.

    A pixel is passable if its colour matches the background and it has no more fine detail
    than the border has, or, unless shadows are kept, if it is a darker copy of the
    background whose detail is small next to its darkening: soft shadows pass, the sharp
    edge of a grey or white product does not. (Kept shadows are added back later, as a
    separate layer, so the product's own outline never depends on that choice.)
    """
    threshold = max(4.0, 1.5 * _robust_p99(maps, maps.distance))
    detail_limit = max(2.5, 1.5 * _robust_p99(maps, maps.detail))
    close = maps.distance < threshold
    passable = close & (maps.detail < detail_limit)
    shadow = shadow_like(maps) & (maps.detail < np.maximum(detail_limit, _softness(maps)))
    reach = SHADOW_REACH * min(close.shape)
    near_background = cv2.distanceTransform((~close).astype(np.uint8), cv2.DIST_L2, 3) < reach
    return passable | (shadow & near_background), close


def _robust_p99(maps: BackgroundMaps, values: np.ndarray) -> float:
    """The ring's 99th percentile, capped at 3x its median: a product that reaches into the
    border must not make the background look noisier than it is."""
    return min(maps.ring_percentile(values, 99), 3.0 * maps.ring_percentile(values, 50))


def shadow_like(maps: BackgroundMaps) -> np.ndarray:
    chroma_limit = maps.ring_percentile(maps.chroma, 99) + 0.025
    return (maps.shade > SHADOW_DARKEST) & (maps.shade < 1.02) & (maps.chroma < chroma_limit)


def shadow_opacity(maps: BackgroundMaps, product: np.ndarray) -> np.ndarray:
    """How dark the cast shadow is (0..1) where the image is a darker copy of the background."""
    opacity = np.clip(1.0 - maps.shade, 0.0, 1.0)
    opacity[~shadow_like(maps) | product] = 0.0
    return cv2.GaussianBlur(opacity.astype(np.float32), (0, 0), 0.8)


def _softness(maps: BackgroundMaps) -> np.ndarray:
    darkness = np.maximum(1.0 - maps.shade, 0.0) * np.linalg.norm(maps.surface, axis=2)
    return 0.2 * darkness


def flood_background(maps: BackgroundMaps, passable: np.ndarray, close: np.ndarray
                     ) -> np.ndarray:
    """Background = passable pixels reachable from the border through passages wider than the
    gap radius, plus enclosed passable regions that look exactly like the border (holes),
    plus sealed gaps (``_sealed_gaps``)."""
    disk = _disk(GAP_RADIUS)
    wide = cv2.erode(passable.astype(np.uint8), disk)
    count, labels = cv2.connectedComponents(wide, connectivity=4)
    reached = np.zeros(count, bool)
    reached[np.unique(labels[maps.ring & (wide > 0)])] = True
    reached[0] = False
    background = cv2.dilate(reached[labels].astype(np.uint8), disk).astype(bool) & passable
    background |= _holes(maps, passable & ~background)
    background |= _sealed_gaps(maps, close & ~background)
    regrow = close | _near_local_background(maps, background)
    kernel = np.ones((3, 3), np.uint8)
    for _ in range(GROW_STEPS):
        background |= cv2.dilate(background.astype(np.uint8), kernel).astype(bool) & regrow
    return background


def _near_local_background(maps: BackgroundMaps, background: np.ndarray) -> np.ndarray:
    """Pixels matching the background seen just beside them (shading near a product, which
    the smooth global model does not know), not the global surface."""
    weight = background.astype(np.float32)
    total = cv2.GaussianBlur(maps.image * weight[..., None], (0, 0), LOCAL_SIGMA)
    norm = cv2.GaussianBlur(weight, (0, 0), LOCAL_SIGMA)
    local = total / np.maximum(norm, 1e-3)[..., None]
    distance = np.sqrt(np.einsum("ijk,ijk->ij", *(2 * ((maps.image - local) @ maps.model.whitening,))))
    limit = max(4.0, 1.5 * maps.ring_percentile(maps.distance, 99))
    return (distance < limit) & (norm > 0.05)


def _holes(maps: BackgroundMaps, enclosed: np.ndarray, median_limit: float | None = None
           ) -> np.ndarray:
    """Enclosed regions with at least half their pixels within the border's own spread (and,
    with ``median_limit``, a median distance at most that)."""
    p50 = maps.ring_percentile(maps.distance, 50)
    p90 = maps.ring_percentile(maps.distance, 90)
    limit = p50 + 2.5 * (p90 - p50) + 0.5
    count, labels = cv2.connectedComponents(enclosed.astype(np.uint8), connectivity=4)
    if count <= 1:
        return np.zeros_like(enclosed)
    flat, distance = labels.ravel(), maps.distance.ravel()
    size = np.bincount(flat, minlength=count)
    matching = np.bincount(flat, weights=(distance <= limit), minlength=count)
    is_hole = (matching >= 0.5 * size) & (size >= 6)
    is_hole[0] = False
    if median_limit is not None and is_hole.any():
        inside = np.flatnonzero(is_hole[flat])
        is_hole &= _medians(flat[inside], distance[inside], count) <= median_limit
    return is_hole[labels]


def _medians(labels: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """The median of ``values`` per label (0..count-1; +inf for a label with no pixel)."""
    ordered = values[np.lexsort((values, labels))]
    sizes = np.bincount(labels, minlength=count)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    medians = np.full(count, np.inf, np.float32)
    present = sizes > 0
    medians[present] = ordered[starts[present] + sizes[present] // 2]
    return medians


def _sealed_gaps(maps: BackgroundMaps, enclosed: np.ndarray) -> np.ndarray:
    """Unflooded regions of background colour with the border's own median distance.

    The gap between a sleeve and the body, or under the arm of a T-shirt, is a few pixels
    wide at the working size: the blur of the sharp edges on both sides gives every pixel in
    it fine detail (so it is not passable) and seals its mouth (so the flood never reaches
    it). Its colour is the background's, to the border's own noise: a median distance of at
    most ``GAP_MEDIAN`` times the ring's median. A white panel of a product that happens to
    fall inside a textured backdrop's colour spread lies far above that median."""
    return _holes(maps, enclosed, GAP_MEDIAN * maps.ring_percentile(maps.distance, 50))


def product_groups(foreground: np.ndarray) -> list[np.ndarray]:
    """Pieces of the foreground grouped by proximity (two shoes of a pair are one product),
    largest first; specks are dropped."""
    height, width = foreground.shape
    cleaned = cv2.morphologyEx(foreground.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cleaned, connectivity=8)
    big = np.nonzero(stats[1:, cv2.CC_STAT_AREA] >= max(4, MIN_PIECE * height * width))[0] + 1
    pieces = np.isin(labels, big)
    if not pieces.any():
        return []
    gap = max(1, int(GROUP_GAP * np.hypot(height, width)))
    grown = cv2.dilate(pieces.astype(np.uint8), _disk(gap))
    count, group_labels = cv2.connectedComponents(grown, connectivity=8)
    groups = [pieces & (group_labels == g) for g in range(1, count)]
    return sorted((g for g in groups if g.any()), key=lambda g: -int(g.sum()))
