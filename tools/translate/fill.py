"""Filling the glyph pixels of one box: a background model where one fits, patches otherwise.

The model is a low-order polynomial surface per channel (constant, plane, quadratic), fitted
with trimmed least squares on the known pixels within ``REACH`` box heights of the glyphs:
close enough that a button's or badge's underlay is what it sees, not the banner outside it.
When its robust residual is within ``NOISE`` grey levels, the model replaces the glyphs, the
``FRINGE`` px next to them (the last anti-aliased pixels, JPEG ringing) and the pixels near
them that it explains (the JPEG noise the text left, which would outline it): ``"flat"`` or
``"gradient"``.

Where no model fits, :func:`texture` decides. Without texture (a soft shadow, an edge) the
glyphs get a smooth fill, Telea's: ``"smooth"``. (Around small text on a plain badge the JPEG
noise is strong but stays near the text, so there the model is trusted up to
``PLAIN_NOISE``.) On a texture a smooth fill is a ghost, the glyphs showing as a blank in the
weave, so there the glyphs get a smooth part plus the *detail* of places around them that
continue the texture (``"patch"``): the box is cut in tiles; each tile's detail, with a
margin of known pixels, is matched (``cv2.matchTemplate`` with a mask, so only known pixels
count) against its surroundings at reduced scale and refined at full scale; the ``BEST``
sources whose detail is like the tile's (:func:`_alike`) are averaged, split into smooth part
and detail exactly as the tile is, and their detail added with :func:`_gain`. Detail and not
pixels are matched and copied, so a gradient or tint under the texture neither misleads the
search nor shows as a patch of another shade; pixels the background model calls outliers
(the banner around a textured badge) are left out of the tile's smooth part and its match.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

Box = tuple[int, int, int, int]

FIT_SAMPLES = 3000    # known pixels at most that a background model is fitted on
REACH = 0.3           # of the box height: known pixels this near the glyphs fit the model
NOISE = 4.0           # grey levels: robust residual under which the model is the background
PLAIN_NOISE = 8.0     # ... where the surroundings have no texture (JPEG noise near text)
TEXTURE = 1.0         # grey levels of fine detail (see texture()) that make a texture
FRINGE = 3            # px around the glyphs that a model replaces, whatever they hold
RINGING = 2           # px around the glyphs left out of the fit (JPEG ringing, chroma bleed)
TILE = 0.75           # of the box height: width of a tile of the patch search
MARGIN = 0.15         # of the box height: known pixels around a tile that are matched
SEARCH = 3.0          # of the box height: how far around a tile sources are looked for
BEST = 8              # sources averaged per tile: the texture stays, their noise averages out
ALIKE = 1.6           # how far a source's detail may be from the tile's (see _alike)
TEXTURE_SHARE = 0.75  # of the surroundings' detail strength that a patch fill keeps at least
DETAIL_SIGMA = 4.0    # px: what is smoother than this is not detail (for the search)
SMOOTH = 0.12         # of the box height (at least DETAIL_SIGMA): the fill's smooth part
SCALE_TO = 24         # px: box height the coarse search runs at


def fill_box(canvas: np.ndarray, target: np.ndarray, pending: np.ndarray, box: Box,
             height: int) -> tuple[np.ndarray, str]:
    """Fill ``target`` (bool H x W, the glyphs of ``box``) in ``canvas`` (uint8, in place);
    ``pending`` marks every pixel not yet known (all boxes' glyphs). Returns the pixels
    replaced and the method used: "flat", "gradient", "smooth" or "patch"."""
    if not target.any():
        return target, "none"
    textured = texture(canvas, pending, box, height) > TEXTURE
    surface = Surface.fit(canvas, target, pending, box, height)
    if surface is not None and surface.noise <= (NOISE if textured else PLAIN_NOISE):
        return surface.fill(canvas, target, pending), surface.method
    patched = np.zeros_like(target)
    if textured:
        outliers = np.zeros_like(target) if surface is None else surface.outliers(canvas)
        patched = patch_fill(canvas, target, pending, outliers, box, height)
    left = target & ~patched
    if left.any():  # no texture, or no clean source nearby
        y0, y1, x0, x1 = _window(box, max(8, round(REACH * height)), canvas.shape[:2])
        window = canvas[y0:y1, x0:x1]
        holes = left[y0:y1, x0:x1]
        smooth = _interpolate(window, holes | pending[y0:y1, x0:x1])
        window[holes] = smooth[holes].astype(np.uint8)
    return target, "patch" if patched.any() else "smooth"


def texture(canvas: np.ndarray, pending: np.ndarray, box: Box, height: int) -> float:
    """How textured the surroundings of ``box`` are: the median, over the known pixels in a
    ring around it, of what a slight blur takes away. JPEG noise around small text stays near
    the text, a printed texture is everywhere, and a median ignores a few edges."""
    ring = max(32, height)
    y0, y1, x0, x1 = _window(box, ring, canvas.shape[:2])
    crop = canvas[y0:y1, x0:x1].astype(np.float32)
    around = ~pending[y0:y1, x0:x1]
    around[max(0, box[1] - y0):box[3] - y0, max(0, box[0] - x0):box[2] - x0] = False
    if not around.any():
        return 0.0
    lost = np.abs(crop - cv2.GaussianBlur(crop, (0, 0), 1.5)).max(axis=2)
    return float(np.median(lost[around]))


@dataclass
class Surface:
    """A polynomial background fitted around one box's glyphs: ``values`` over ``window``
    (y0, y1, x0, x1) of the image, its degree and robust residual (grey levels)."""

    window: tuple[int, int, int, int]
    values: np.ndarray
    degree: int
    noise: float
    reach: int

    @classmethod
    def fit(cls, canvas: np.ndarray, target: np.ndarray, pending: np.ndarray, box: Box,
            height: int) -> Surface | None:
        """The lowest-degree surface within half a grey level of the best one, fitted on the
        known pixels within ``REACH`` of the glyphs (less the ringing right next to them);
        None when too few are known."""
        reach = max(8, round(REACH * height))
        y0, y1, x0, x1 = _window(box, reach, canvas.shape[:2])
        crop = canvas[y0:y1, x0:x1].astype(np.float32)
        holes = target[y0:y1, x0:x1]
        known = ~pending[y0:y1, x0:x1] & _grow(holes, reach) & ~_grow(holes, RINGING)
        if known.sum() < 12:
            return None
        rows, cols = np.mgrid[0:y1 - y0, 0:x1 - x0].astype(np.float32)
        scale = max(y1 - y0, x1 - x0) / 2.0
        us, vs = (cols - (x1 - x0) / 2.0) / scale, (rows - (y1 - y0) / 2.0) / scale
        fits = [_robust_fit(_terms(us, vs, degree), crop, known) for degree in (0, 1, 2)]
        best = min(noise for _, noise in fits)
        degree = next(d for d, (_, noise) in enumerate(fits) if noise <= best + 0.5)
        return cls((y0, y1, x0, x1), fits[degree][0], degree, fits[degree][1], reach)

    @property
    def method(self) -> str:
        return "flat" if self.degree == 0 else "gradient"

    def outliers(self, canvas: np.ndarray) -> np.ndarray:
        """bool H x W: pixels of the window the surface does not explain (the banner outside
        a button, a product's edge); False outside the window."""
        y0, y1, x0, x1 = self.window
        off = np.zeros(canvas.shape[:2], dtype=bool)
        crop = canvas[y0:y1, x0:x1].astype(np.float32)
        off[y0:y1, x0:x1] = np.abs(crop - self.values).max(axis=2) > max(6.0, 3.0 * self.noise)
        return off

    def fill(self, canvas: np.ndarray, target: np.ndarray, pending: np.ndarray) -> np.ndarray:
        """Replace the glyphs by the surface, and with them the fringe next to them and the
        JPEG noise and ringing the text left on the background near them (pixels the surface
        explains), which would outline it. Returns the pixels replaced."""
        y0, y1, x0, x1 = self.window
        holes = target[y0:y1, x0:x1]
        free = ~pending[y0:y1, x0:x1]
        explained = ~self.outliers(canvas)[y0:y1, x0:x1]
        replace = (holes | (_grow(holes, FRINGE) & free)
                   | (_grow(holes, self.reach) & free & explained))
        values = np.clip(np.round(self.values), 0, 255).astype(np.uint8)
        canvas[y0:y1, x0:x1][replace] = values[replace]
        done = np.zeros(target.shape, dtype=bool)
        done[y0:y1, x0:x1] = replace
        return done


def _terms(us: np.ndarray, vs: np.ndarray, degree: int) -> np.ndarray:
    """H x W x T polynomial terms up to ``degree`` in the normalised coordinates."""
    terms = [np.ones_like(us)]
    if degree >= 1:
        terms += [us, vs]
    if degree >= 2:
        terms += [us * us, us * vs, vs * vs]
    return np.stack(terms, axis=2)


def _robust_fit(terms: np.ndarray, crop: np.ndarray, known: np.ndarray
                ) -> tuple[np.ndarray, float]:
    """Least squares of ``crop`` on ``terms`` over ``known``, refitted twice on the pixels
    within 2.5 robust sigmas: (surface, robust residual in grey levels)."""
    rows, cols = np.nonzero(known)
    step = max(1, len(rows) // FIT_SAMPLES)  # an even subsample: the fit needs few pixels
    design = terms[rows[::step], cols[::step]].astype(np.float64)
    values = crop[rows[::step], cols[::step]].astype(np.float64)
    inliers = np.ones(len(values), dtype=bool)
    noise = 0.0
    coefficients: np.ndarray = np.zeros((design.shape[1], 3))
    for _ in range(3):
        if inliers.sum() < design.shape[1] + 2:
            break
        coefficients = np.linalg.lstsq(design[inliers], values[inliers], rcond=None)[0]
        residual = np.abs(values - design @ coefficients).max(axis=1)
        noise = float(1.4826 * np.median(residual))
        inliers = residual <= max(2.5 * noise, 3.0)
    surface = (terms.reshape(-1, terms.shape[2]) @ coefficients).reshape(crop.shape)
    return surface.astype(np.float32), noise


def patch_fill(canvas: np.ndarray, target: np.ndarray, pending: np.ndarray,
               outliers: np.ndarray, box: Box, height: int) -> np.ndarray:
    """The glyphs filled tile by tile: a smooth guess from around them plus the detail of
    the best-matching known places nearby; ``outliers`` (the banner outside a badge) are
    left out of both. Returns the pixels filled (a tile with no clean source nearby is
    left)."""
    margin = max(4, round(MARGIN * height))
    reach = max(16, round(SEARCH * height))
    area = _Area.around(canvas, pending, outliers, box, margin + reach)
    x0, y0, x1, y1 = box
    count = max(1, round((x1 - x0) / max(8, TILE * height)))
    edges = np.linspace(x0, x1, count + 1).round().astype(int)
    done = np.zeros(target.shape, dtype=bool)
    for left, right in itertools.pairwise(edges):
        part = np.zeros_like(target)
        part[y0:y1, left:right] = target[y0:y1, left:right]
        if part.any() and area.fill((left, y0, right, y1), part, margin, reach, height):
            done |= part
    return done


class _Area:
    """The neighbourhood of a box where sources are looked for: its pixels, which of them are
    unknown (glyphs), which are ignored (unknown, or outliers of the background there), and
    their detail (the pixels less their smooth average over the rest), so that matching
    follows the texture and not a gradient or a tint under it."""

    def __init__(self, canvas: np.ndarray, unknown: np.ndarray, ignored: np.ndarray,
                 origin: tuple[int, int]) -> None:
        self.canvas, self.unknown, self.ignored, self.origin = canvas, unknown, ignored, origin
        self.pixels = canvas[origin[0]:origin[0] + unknown.shape[0],
                             origin[1]:origin[1] + unknown.shape[1]].astype(np.float32)
        known = (~ignored).astype(np.float32)
        self.detail = (self.pixels - _smooth(self.pixels, known, DETAIL_SIGMA)) * known[..., None]

    @classmethod
    def around(cls, canvas: np.ndarray, pending: np.ndarray, outliers: np.ndarray, box: Box,
               margin: int) -> _Area:
        y0, y1, x0, x1 = _window(box, margin, canvas.shape[:2])
        unknown = pending[y0:y1, x0:x1].copy()
        return cls(canvas, unknown, unknown | outliers[y0:y1, x0:x1], (y0, x0))

    def fill(self, tile: Box, part: np.ndarray, margin: int, reach: int, height: int) -> bool:
        """Fill ``part`` (the glyph pixels of ``tile``) in the canvas; False when no place
        around the tile is free of unknown pixels where the glyphs are."""
        oy, ox = self.origin
        local = (tile[0] - ox, tile[1] - oy, tile[2] - ox, tile[3] - oy)
        wy0, wy1, wx0, wx1 = _window(local, margin, self.unknown.shape)
        sy0, sy1, sx0, sx1 = _window((wx0, wy0, wx1, wy1), reach, self.unknown.shape)
        holes = part[oy + wy0:oy + wy1, ox + wx0:ox + wx1]
        weights = (~self.ignored[wy0:wy1, wx0:wx1]).astype(np.float32)
        if weights.sum() < 8 or sy1 - sy0 <= wy1 - wy0 or sx1 - sx0 <= wx1 - wx0:
            return False
        found = _best_positions(self.detail[sy0:sy1, sx0:sx1], self.detail[wy0:wy1, wx0:wx1],
                                weights, self.unknown[sy0:sy1, sx0:sx1], holes, height)
        if not found:
            return False
        th, tw = holes.shape
        known = weights > 0
        kept = _alike(self.detail[wy0:wy1, wx0:wx1], known,
                      [(sy0 + py, sx0 + px) for py, px in found], self.detail)
        sigma = max(DETAIL_SIGMA, SMOOTH * height)
        template = self.pixels[wy0:wy1, wx0:wx1]
        base = _smooth(template, weights, sigma)
        values = base[holes]
        if kept:
            # the sources' detail split as the tile's is: less their smooth part seen through
            # the tile's known pixels, so a source that is the tile's texture gives it back
            sources = np.mean([self.pixels[y:y + th, x:x + tw] for y, x in kept], axis=0)
            detail = sources - _smooth(sources, weights, sigma)
            values = values + _gain(template - base, detail, known) * detail[holes]
        window = self.canvas[oy + wy0:oy + wy1, ox + wx0:ox + wx1]
        window[holes] = np.clip(np.round(values), 0, 255).astype(np.uint8)
        return True


def _alike(wanted: np.ndarray, known: np.ndarray, places: list[tuple[int, int]],
           detail: np.ndarray) -> list[tuple[int, int]]:
    """The places whose detail is like the tile's (``wanted``) on its known pixels: off by at
    most ``ALIKE`` times the tile's own detail (an unrelated texture of the same strength is
    off by about 1.4 times; a place across an edge or on another texture, by far more)."""
    th, tw = wanted.shape[:2]
    strength = float(np.sqrt(np.mean(wanted[known] ** 2)))
    return [(y, x) for y, x in places
            if float(np.sqrt(np.mean((wanted[known] - detail[y:y + th, x:x + tw][known]) ** 2)))
            <= ALIKE * strength]


def _gain(wanted: np.ndarray, found: np.ndarray, known: np.ndarray) -> float:
    """How much of the sources' detail to add: the least-squares gain from their detail to
    the tile's own on its known pixels, or, if larger, the gain that gives the fill
    ``TEXTURE_SHARE`` of the tile's own detail strength (a fill smoother than its
    surroundings shows the glyphs' outline)."""
    a, b = wanted[known].ravel(), found[known].ravel()
    power = float(b @ b)
    if power <= 0:
        return 0.0
    fitted = float(a @ b) / power
    matched = TEXTURE_SHARE * float(np.sqrt((a @ a) / power))
    return float(np.clip(max(fitted, matched), 0.0, 2.0))


def _best_positions(area: np.ndarray, template: np.ndarray, weights: np.ndarray,
                    unknown: np.ndarray, holes: np.ndarray, height: int
                    ) -> list[tuple[int, int]]:
    """Up to ``BEST`` top-left positions in ``area`` where ``template`` matches best on its
    known pixels and no unknown pixel lies under its holes: searched at reduced scale, each
    refined at full scale."""
    factor = max(1, int(height // SCALE_TO))
    coarse = _match(_shrink(area, factor), _shrink(template, factor), _shrink(weights, factor))
    seeds = _local_minima(coarse, _clear(_shrink(unknown, factor), _shrink(holes, factor)), BEST)
    if factor == 1:
        return seeds
    th, tw = template.shape[:2]
    positions: list[tuple[int, int]] = []
    for sy, sx in seeds:
        cy = min(sy * factor, area.shape[0] - th)
        cx = min(sx * factor, area.shape[1] - tw)
        y0, x0 = max(0, cy - factor), max(0, cx - factor)
        y1 = min(area.shape[0] - th, cy + factor) + th
        x1 = min(area.shape[1] - tw, cx + factor) + tw
        fine = _match(area[y0:y1, x0:x1], template, weights)
        fine[~_clear(unknown[y0:y1, x0:x1], holes)] = np.inf
        iy, ix = np.unravel_index(int(np.argmin(fine)), fine.shape)
        if np.isfinite(fine[iy, ix]) and (y0 + iy, x0 + ix) not in positions:
            positions.append((int(y0 + iy), int(x0 + ix)))
    return positions


def _clear(unknown: np.ndarray, holes: np.ndarray) -> np.ndarray:
    """Per position of ``holes`` over ``unknown``: True where no unknown pixel is under them."""
    overlap = cv2.matchTemplate((unknown > 0).astype(np.float32), (holes > 0).astype(np.float32),
                                cv2.TM_CCORR)
    return np.asarray(overlap < 0.5)


def _match(area: np.ndarray, template: np.ndarray, weights: np.ndarray) -> np.ndarray:
    mask = np.repeat(weights[..., None], 3, axis=2)
    scores = cv2.matchTemplate(area, template, cv2.TM_SQDIFF, mask=mask)
    return np.asarray(scores, dtype=np.float32)


def _local_minima(scores: np.ndarray, allowed: np.ndarray, count: int
                  ) -> list[tuple[int, int]]:
    """The ``count`` lowest allowed scores that are minima of their 5 x 5 neighbourhood."""
    ranked = np.where(allowed, scores, np.inf).astype(np.float32)
    lowest = cv2.erode(ranked, np.ones((5, 5), np.uint8))
    candidates = np.flatnonzero((ranked == lowest) & np.isfinite(ranked))
    order = candidates[np.argsort(ranked.ravel()[candidates])][:count]
    return [(int(i // scores.shape[1]), int(i % scores.shape[1])) for i in order]


def _interpolate(values: np.ndarray, holes: np.ndarray) -> np.ndarray:
    """The smooth guess of ``holes`` from around them (Telea), as float32."""
    pixels = np.clip(np.round(values), 0, 255).astype(np.uint8)
    smooth = cv2.inpaint(pixels, holes.astype(np.uint8) * 255, 3, cv2.INPAINT_TELEA)
    return np.asarray(smooth, dtype=np.float32)


def _smooth(values: np.ndarray, weights: np.ndarray, sigma: float) -> np.ndarray:
    """Normalised convolution: a Gaussian average of the known pixels only."""
    total = cv2.GaussianBlur(values * weights[..., None], (0, 0), sigma)
    weight = cv2.GaussianBlur(weights, (0, 0), sigma)
    return np.asarray(total / np.maximum(weight, 1e-3)[..., None], dtype=np.float32)


def _shrink(values: np.ndarray, factor: int) -> np.ndarray:
    """``values`` reduced ``factor`` times by averaging (a bool mask becomes "any of")."""
    if factor == 1:
        return values
    if values.dtype == bool:
        values = values.astype(np.float32)
    height, width = values.shape[:2]
    size = (max(1, width // factor), max(1, height // factor))
    return np.asarray(cv2.resize(values, size, interpolation=cv2.INTER_AREA))


def _grow(mask: np.ndarray, radius: int) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    return np.asarray(cv2.dilate(mask.astype(np.uint8), kernel) > 0)


def _window(box: Box, margin: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(y0, y1, x0, x1): ``box`` grown by ``margin`` and clipped to an image of ``shape``."""
    x0, y0, x1, y1 = box
    return (max(0, y0 - margin), min(shape[0], y1 + margin),
            max(0, x0 - margin), min(shape[1], x1 + margin))
