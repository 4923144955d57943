"""Filling the glyph pixels of one box: a background model where one fits, patches otherwise.

The model is a low-order polynomial surface per channel (constant, plane, quadratic), fitted
with trimmed least squares on the known pixels within ``REACH`` box heights of the glyphs:
close enough that a button's or badge's underlay is what it sees, not the banner outside it.
When its robust residual is within ``NOISE`` grey levels, the glyphs and the faint fringe
around them that still departs from it (JPEG ringing, the last anti-aliased pixel) take the
model's value: ``"flat"`` or ``"gradient"``.

Where no model fits, :func:`texture` decides. Without texture (a soft shadow, an edge, the
JPEG noise around small text on a badge) the glyphs get a smooth fill, Telea's, which is what
such a background is: ``"smooth"``. On a texture a smooth fill is a ghost (the glyphs show as
a blank in the weave), so the glyphs get that smooth fill plus the *detail* of the places
around them that continue the texture (``"patch"``): the box is cut in tiles; each tile's
detail, with a margin of known pixels, is matched (``cv2.matchTemplate`` with a mask, so only
known pixels count) against its surroundings at reduced scale and refined at full scale; the
detail of the ``BEST`` best sources is averaged and scaled by :func:`_gain`. Detail and not
pixels are matched and copied, so a gradient or tint under the texture neither misleads the
search nor shows as a patch of another shade.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

Box = tuple[int, int, int, int]

FIT_SAMPLES = 3000    # known pixels at most that a background model is fitted on
REACH = 0.3           # of the box height: known pixels this near the glyphs fit the model
NOISE = 4.0           # grey levels: robust residual under which the model is the background
TEXTURE = 1.0         # grey levels of fine detail (see texture()) that make a texture
FRINGE = 3            # px around the glyphs where a pixel off the model is also replaced
RINGING = 2           # px around the glyphs left out of the fit (JPEG ringing, chroma bleed)
TILE = 0.75           # of the box height: width of a tile of the patch search
MARGIN = 0.15         # of the box height: known pixels around a tile that are matched
SEARCH = 3.0          # of the box height: how far around a tile sources are looked for
BEST = 8              # sources averaged per tile: the texture stays, their noise averages out
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
    modelled = model_fill(canvas, target, pending, box, height)
    if modelled is not None:
        return modelled
    patched = np.zeros_like(target)
    if texture(canvas, pending, box, height) > TEXTURE:
        patched = patch_fill(canvas, target, pending, box, height)
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


def model_fill(canvas: np.ndarray, target: np.ndarray, pending: np.ndarray, box: Box,
               height: int) -> tuple[np.ndarray, str] | None:
    """The glyphs replaced by a polynomial background, or None where none explains the
    known pixels around them to within ``NOISE`` grey levels."""
    reach = max(8, round(REACH * height))
    y0, y1, x0, x1 = _window(box, reach, canvas.shape[:2])
    crop = canvas[y0:y1, x0:x1].astype(np.float32)
    holes = target[y0:y1, x0:x1]
    known = ~pending[y0:y1, x0:x1] & _grow(holes, reach) & ~_grow(holes, RINGING)
    if known.sum() < 12:
        return None
    fitted = _best_surface(crop, known)
    if fitted is None:
        return None
    surface, degree, noise = fitted
    free = ~pending[y0:y1, x0:x1]
    on_model = np.abs(crop - surface).max(axis=2) <= max(6.0, 3.0 * noise)
    # besides the glyphs: the fringe next to them, and the JPEG noise and ringing the text
    # left on the background near them (pixels the model explains), which would outline it
    replace = holes | (_grow(holes, FRINGE) & free) | (_grow(holes, reach) & free & on_model)
    values = np.clip(np.round(surface), 0, 255).astype(np.uint8)
    canvas[y0:y1, x0:x1][replace] = values[replace]
    done = np.zeros(target.shape, dtype=bool)
    done[y0:y1, x0:x1] = replace
    return done, "flat" if degree == 0 else "gradient"


def _best_surface(crop: np.ndarray, known: np.ndarray
                  ) -> tuple[np.ndarray, int, float] | None:
    """The lowest-degree surface within half a grey level of the best one, if its robust
    residual is under ``NOISE``: (surface H x W x 3, degree, residual)."""
    height, width = known.shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    scale = max(height, width) / 2.0
    us, vs = (xs - width / 2.0) / scale, (ys - height / 2.0) / scale
    fits = [_robust_fit(_terms(us, vs, degree), crop, known) for degree in (0, 1, 2)]
    best = min(noise for _, noise in fits)
    if best > NOISE:
        return None
    degree = next(d for d, (_, noise) in enumerate(fits) if noise <= best + 0.5)
    return fits[degree][0], degree, fits[degree][1]


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


def patch_fill(canvas: np.ndarray, target: np.ndarray, pending: np.ndarray, box: Box,
               height: int) -> np.ndarray:
    """The glyphs filled tile by tile: a smooth guess from around them plus the detail of
    the best-matching known places nearby. Returns the pixels filled (a tile with no clean
    source nearby is left)."""
    margin = max(4, round(MARGIN * height))
    reach = max(16, round(SEARCH * height))
    area = _Area.around(canvas, pending, box, margin + reach)
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
    unknown, and their detail (the pixels less their smooth average over known pixels), so
    that matching follows the texture and not a gradient or a tint under it."""

    def __init__(self, canvas: np.ndarray, unknown: np.ndarray, origin: tuple[int, int]
                 ) -> None:
        self.canvas, self.unknown, self.origin = canvas, unknown, origin
        self.pixels = canvas[origin[0]:origin[0] + unknown.shape[0],
                             origin[1]:origin[1] + unknown.shape[1]].astype(np.float32)
        known = (~unknown).astype(np.float32)
        self.detail = (self.pixels - _smooth(self.pixels, known, DETAIL_SIGMA)) * known[..., None]

    @classmethod
    def around(cls, canvas: np.ndarray, pending: np.ndarray, box: Box, margin: int) -> _Area:
        y0, y1, x0, x1 = _window(box, margin, canvas.shape[:2])
        return cls(canvas, pending[y0:y1, x0:x1].copy(), (y0, x0))

    def fill(self, tile: Box, part: np.ndarray, margin: int, reach: int, height: int) -> bool:
        """Fill ``part`` (the glyph pixels of ``tile``) in the canvas; False when no place
        around the tile is free of unknown pixels where the glyphs are."""
        oy, ox = self.origin
        local = (tile[0] - ox, tile[1] - oy, tile[2] - ox, tile[3] - oy)
        wy0, wy1, wx0, wx1 = _window(local, margin, self.unknown.shape)
        sy0, sy1, sx0, sx1 = _window((wx0, wy0, wx1, wy1), reach, self.unknown.shape)
        holes = part[oy + wy0:oy + wy1, ox + wx0:ox + wx1]
        weights = (~self.unknown[wy0:wy1, wx0:wx1]).astype(np.float32)
        if weights.sum() < 8 or sy1 - sy0 <= wy1 - wy0 or sx1 - sx0 <= wx1 - wx0:
            return False
        found = _best_positions(self.detail[sy0:sy1, sx0:sx1], self.detail[wy0:wy1, wx0:wx1],
                                weights, self.unknown[sy0:sy1, sx0:sx1], holes, height)
        if not found:
            return False
        th, tw = holes.shape
        sigma = max(DETAIL_SIGMA, SMOOTH * height)
        template = self.pixels[wy0:wy1, wx0:wx1]
        base = _smooth(template, weights, sigma)
        details = [_detail(self.pixels[sy0 + py:sy0 + py + th, sx0 + px:sx0 + px + tw],
                           weights, sigma) for py, px in found]
        detail = np.mean(details, axis=0)
        gain = _gain(template - base, detail, weights > 0)
        values = base[holes] + gain * detail[holes]
        window = self.canvas[oy + wy0:oy + wy1, ox + wx0:ox + wx1]
        window[holes] = np.clip(np.round(values), 0, 255).astype(np.uint8)
        return True


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


def _detail(source: np.ndarray, weights: np.ndarray, sigma: float) -> np.ndarray:
    """``source`` less its smooth part seen through the tile's known pixels (``weights``): the
    same split as the tile's, so that a source that is the tile's texture gives it back."""
    return np.asarray(source - _smooth(source, weights, sigma), dtype=np.float32)


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
