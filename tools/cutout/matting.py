"""Soft alpha at the edges, and edge colours without the background.

The coarse mask is upsampled; in a thin band around its outline the alpha is solved per
pixel against the local background and product colours (each estimated by normalised
convolution from the pixels just outside and just inside): ``alpha = (I - B)·(F - B) /
|F - B|²``, the compositing equation projected on the one axis that separates them. Where
product and background are too alike for that (white on white), a guided filter snaps the
upsampled mask to the image's own edges instead.

With a learned subject probability (``prior``, the fused backend) the edge alpha leans on the
solve only as far as product and background differ there (``CONTRAST_LOW`` to
``CONTRAST_HIGH``) and on the smooth probability elsewhere: a per-pixel solve between two
near-white colours is noise, while the upsampled probability follows the outline to a pixel.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_CONTRAST = 20.0     # grey levels between product and background for the per-pixel solve
ESTIMATE_SIGMA = 2.0    # px at working resolution: reach of the colour estimates
GUIDE_RADIUS = 4        # px at full resolution
GUIDE_EPS = 40.0        # grey levels², the guided filter's edge threshold
CONTRAST_LOW = 20.0     # grey levels of |F - B| under which a prior decides the edge alone
CONTRAST_HIGH = 60.0    # ... and over which the solve has its full share
REMAP_ROW = 1024        # band pixels per row of the sampling maps


@dataclass
class Matte:
    """A full-resolution alpha, and the band where it was solved with its colour estimates."""

    alpha: np.ndarray          # float32 (height, width) in [0, 1]
    band: tuple[np.ndarray, np.ndarray]
    foreground: np.ndarray     # (n, 3) float32 product colour at band pixels
    background: np.ndarray     # (n, 3) float32 background colour at band pixels


def refine_alpha(rgb: np.ndarray, coarse: np.ndarray, prior_share: float = 0.0,
                 prior: np.ndarray | None = None) -> Matte:
    """A soft alpha for ``rgb`` (uint8 HxWx3) from a coarse float mask of any resolution.

    With ``prior_share`` > 0 the edge alpha is that share of the coarse mask itself
    (upsampled) and the rest the per-pixel solve: a learned soft mask knows where a white
    rim still belongs to the product, which a colour solve against the interior does not.
    With a ``prior`` (a subject probability, any resolution with the photo's aspect) the
    solve's share also falls with the local contrast, down to none (``edge_alpha``)."""
    height, width = rgb.shape[:2]
    small_h, small_w = coarse.shape
    small = cv2.resize(rgb, (small_w, small_h), interpolation=cv2.INTER_AREA).astype(np.float32)
    inside = cv2.erode((coarse > 0.5).astype(np.uint8), np.ones((3, 3), np.uint8))
    outside = 1 - cv2.dilate((coarse > 0.5).astype(np.uint8), np.ones((3, 3), np.uint8))
    fore = _normalised_blur(small, inside.astype(np.float32))
    back = _normalised_blur(small, outside.astype(np.float32))
    soft = cv2.resize(coarse.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR)
    hard = (soft > 0.5).astype(np.uint8)
    band = _band(hard, int(np.ceil(1.5 * width / small_w)) + 1)
    ys, xs = band
    alpha = hard.astype(np.float32)
    if len(ys) == 0:
        empty = np.zeros((0, 3), np.float32)
        return Matte(alpha, band, empty, empty)
    f = _sample(fore, ys, xs, width, height)
    b = _sample(back, ys, xs, width, height)
    pixels = rgb[ys, xs].astype(np.float32)
    axis = f - b
    energy = (axis * axis).sum(axis=1)
    solved = np.clip(((pixels - b) * axis).sum(axis=1) / np.maximum(energy, 1e-3), 0, 1)
    if prior is not None:
        alpha[ys, xs] = edge_alpha(solved, energy, _sample(prior, ys, xs, width, height),
                                   prior_share)
        return Matte(alpha, band, f, b)
    contrast = energy > MIN_CONTRAST**2
    if not contrast.all():
        guided = _guided_in_box(rgb, soft, ys, xs)
        solved = np.where(contrast, solved, guided)
    if prior_share > 0:
        solved = (1 - prior_share) * solved + prior_share * np.clip(soft[ys, xs], 0, 1)
    alpha[ys, xs] = solved
    return Matte(alpha, band, f, b)


def edge_alpha(solved: np.ndarray, energy: np.ndarray, prior: np.ndarray,
               prior_share: float) -> np.ndarray:
    """The solve where the contrast carries it (at most ``1 - prior_share``), else the prior."""
    contrast = np.sqrt(energy)
    trust = np.clip((contrast - CONTRAST_LOW) / (CONTRAST_HIGH - CONTRAST_LOW), 0, 1)
    trust *= 1 - prior_share
    return (trust * solved + (1 - trust) * np.clip(prior, 0, 1)).astype(np.float32)


def decontaminate(rgb: np.ndarray, matte: Matte) -> np.ndarray:
    """Colours with the background's share removed at the edges (uint8 HxWx3)."""
    out = rgb.copy()
    ys, xs = matte.band
    if len(ys) == 0:
        return out
    alpha = matte.alpha[ys, xs][:, None]
    pixels = rgb[ys, xs].astype(np.float32)
    unmixed = (pixels - (1 - alpha) * matte.background) / np.maximum(alpha, 1e-3)
    trust = np.clip((alpha - 0.1) / 0.5, 0, 1)  # thin alpha: lean on the product's colour
    colour = trust * np.clip(unmixed, 0, 255) + (1 - trust) * matte.foreground
    out[ys, xs] = np.clip(colour + 0.5, 0, 255).astype(np.uint8)
    return out


def _normalised_blur(image: np.ndarray, weight: np.ndarray) -> np.ndarray:
    total = cv2.GaussianBlur(image * weight[..., None], (0, 0), ESTIMATE_SIGMA)
    norm = cv2.GaussianBlur(weight, (0, 0), ESTIMATE_SIGMA)
    return (total / np.maximum(norm, 1e-4)[..., None]).astype(np.float32)


def _band(hard: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray]:
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    band = (cv2.dilate(hard, disk) > 0) & (cv2.erode(hard, disk) == 0)
    ys, xs = np.nonzero(band)
    return ys, xs


def _sample(image: np.ndarray, ys: np.ndarray, xs: np.ndarray, width: int, height: int
            ) -> np.ndarray:
    """Values of a small image, upsampled bilinearly to full size, at the given pixels (the
    same answer as ``cv2.resize`` to full size, computed at those pixels only)."""
    small_h, small_w = image.shape[:2]
    count = len(ys)
    rows = -(-count // REMAP_ROW)  # remap's maps are images: under 32767 rows and columns
    map_x = np.zeros(rows * REMAP_ROW, np.float32)
    map_y = np.zeros(rows * REMAP_ROW, np.float32)
    map_x[:count] = (xs + 0.5) * (small_w / width) - 0.5
    map_y[:count] = (ys + 0.5) * (small_h / height) - 0.5
    values = cv2.remap(np.asarray(image, np.float32), map_x.reshape(rows, REMAP_ROW),
                       map_y.reshape(rows, REMAP_ROW), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    flat = values.reshape(rows * REMAP_ROW, -1)[:count]
    return flat[:, 0] if image.ndim == 2 else flat


def _guided_in_box(rgb: np.ndarray, soft: np.ndarray, ys: np.ndarray, xs: np.ndarray
                   ) -> np.ndarray:
    """Guided filter (He et al.) of ``soft`` by the grey image, computed in the band's box."""
    pad = 2 * GUIDE_RADIUS
    top, left = max(0, ys.min() - pad), max(0, xs.min() - pad)
    bottom, right = ys.max() + pad + 1, xs.max() + pad + 1
    guide = cv2.cvtColor(rgb[top:bottom, left:right], cv2.COLOR_RGB2GRAY).astype(np.float32)
    target = soft[top:bottom, left:right]
    size = (2 * GUIDE_RADIUS + 1,) * 2

    def mean(a: np.ndarray) -> np.ndarray:
        return cv2.boxFilter(a, -1, size)

    mean_i, mean_p = mean(guide), mean(target)
    var_i = mean(guide * guide) - mean_i * mean_i
    cov_ip = mean(guide * target) - mean_i * mean_p
    a = cov_ip / (var_i + GUIDE_EPS)
    b = mean_p - a * mean_i
    filtered = mean(a) * guide + mean(b)
    return np.clip(filtered[ys - top, xs - left], 0, 1).astype(np.float32)
