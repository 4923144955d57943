"""The background-colour model of a studio shot, learnt from the image border.

The border ring is fitted with a smooth quadratic colour surface per channel (white, grey
sweeps with vignetting, colour gradients), and the residual there gives a Gaussian colour
model (a 3x3 covariance, so paper or wood grain that varies along one colour axis does
not hide a product that differs across it). Per pixel we then know how far the colour is
from the background (``distance``, in standard deviations), how much fine detail it has
(``detail``, a difference of Gaussians: sharp edges and texture, not soft shadows), and
whether it reads as a darker copy of the background (``shade`` and ``chroma``: a cast shadow).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

RING_FRACTION = 0.04   # border width used to learn the background, as a fraction of the short side
COLOUR_FLOOR = 1.5     # grey levels: the least colour noise assumed, even on a synthetic white


@dataclass(frozen=True)
class BackgroundModel:
    """A fitted background: coefficients of the colour surface and the residual whitening."""

    coefficients: np.ndarray   # (6, 3) quadratic surface, one column per channel
    whitening: np.ndarray      # (3, 3): residual @ whitening has unit covariance
    ring_residual: float       # 90th percentile of the raw residual on the ring, grey levels

    def surface(self, height: int, width: int) -> np.ndarray:
        """The background colour at every pixel of an image of this size (float32 RGB)."""
        return (_design(height, width) @ self.coefficients).astype(np.float32)


@dataclass(frozen=True)
class BackgroundMaps:
    """Per-pixel evidence at the working resolution."""

    image: np.ndarray      # lightly blurred RGB, float32
    surface: np.ndarray    # the model's background colour
    distance: np.ndarray   # Mahalanobis distance to the background colour
    detail: np.ndarray     # difference-of-Gaussians magnitude (grey levels)
    shade: np.ndarray      # brightness relative to the background (1 = same, 0.6 = shadow)
    chroma: np.ndarray     # colour change not explained by a change of brightness
    ring: np.ndarray       # bool: the border ring the model was learnt from
    model: BackgroundModel
    ring_index: np.ndarray  # the ring's flat pixel indices (taken, not masked: faster)

    def ring_percentile(self, values: np.ndarray, q: float) -> float:
        return float(np.percentile(values.ravel().take(self.ring_index), q))


def ring_mask(height: int, width: int, fraction: float = RING_FRACTION) -> np.ndarray:
    margin = max(2, round(min(height, width) * fraction))
    ring = np.zeros((height, width), bool)
    ring[:margin] = ring[-margin:] = True
    ring[:, :margin] = ring[:, -margin:] = True
    return ring


def fit_background(image: np.ndarray, sample: np.ndarray, rounds: int = 3) -> BackgroundModel:
    """Robust least squares (outliers beyond 3 MAD dropped each round) on ``sample`` pixels."""
    height, width = image.shape[:2]
    ys, xs = np.nonzero(sample)
    step = max(1, len(ys) // 4000)  # a few thousand pixels pin six coefficients down
    ys, xs = ys[::step], xs[::step]
    basis = _design(height, width)[ys, xs]
    colours = image[ys, xs].astype(np.float32)
    keep = np.ones(len(basis), bool)
    coefficients = np.zeros((6, 3), np.float32)
    for _ in range(rounds):
        coefficients = _least_squares(basis[keep], colours[keep])
        error = np.linalg.norm(colours - basis @ coefficients, axis=1)
        centre = np.median(error[keep])
        spread = 1.4826 * np.median(np.abs(error[keep] - centre)) + 1e-3
        keep = error < centre + 3 * spread
        if keep.sum() < 12:
            keep[:] = True
            break
    residual = colours[keep] - basis[keep] @ coefficients
    covariance = np.cov(residual.T) + COLOUR_FLOOR**2 * np.eye(3)
    whitening = np.linalg.cholesky(np.linalg.inv(covariance)).astype(np.float32)
    spread90 = float(np.percentile(np.linalg.norm(colours - basis @ coefficients, axis=1), 90))
    return BackgroundModel(coefficients.astype(np.float32), whitening, spread90)


def background_maps(small: np.ndarray) -> BackgroundMaps:
    """Evidence maps for a float32 RGB image at the working resolution."""
    height, width = small.shape[:2]
    fine = cv2.GaussianBlur(small, (0, 0), 0.8)
    broad = cv2.GaussianBlur(small, (0, 0), 2.5)
    ring = ring_mask(height, width)
    model = fit_background(fine, ring)
    surface = model.surface(height, width)
    residual = fine - surface
    distance = _length(residual @ model.whitening)
    energy = np.maximum(np.einsum("ijk,ijk->ij", surface, surface), 1.0)
    shade = np.einsum("ijk,ijk->ij", fine, surface) / energy
    chroma = _length(fine - shade[..., None] * surface) / np.sqrt(energy)
    detail = _length(fine - broad)
    return BackgroundMaps(fine, surface, distance, detail, shade, chroma, ring, model,
                          np.flatnonzero(ring))


def _least_squares(basis: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Normal equations with a tiny ridge: six unknowns, so this is exact enough and fast."""
    gram = basis.T @ basis + 1e-3 * np.eye(basis.shape[1], dtype=np.float32)
    return np.linalg.solve(gram.astype(np.float64), (basis.T @ values).astype(np.float64))


def _length(vectors: np.ndarray) -> np.ndarray:
    """Euclidean length along the last axis (float32, faster than ``np.linalg.norm``)."""
    return np.sqrt(np.einsum("ijk,ijk->ij", vectors, vectors))


@lru_cache(maxsize=8)
def _design(height: int, width: int) -> np.ndarray:
    """Quadratic basis (1, x, y, x², xy, y²) over [-1, 1]², shape (height, width, 6); made
    once per size (every photo of a batch shares it) and read-only."""
    x = (np.arange(width, dtype=np.float32) + 0.5) / width * 2 - 1
    y = (np.arange(height, dtype=np.float32) + 0.5) / height * 2 - 1
    xs, ys = np.meshgrid(x, y)
    basis = np.stack([np.ones_like(xs), xs, ys, xs * xs, xs * ys, ys * ys], axis=-1)
    basis.flags.writeable = False
    return basis
