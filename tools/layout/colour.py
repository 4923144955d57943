"""Colours: a product's palette, WCAG contrast, and readable ink for any background.

Contrast is the WCAG 2.x ratio ``(L1 + 0.05) / (L2 + 0.05)`` of relative luminances; text
passes at 4.5, large text (at least 24 px, or 18.66 px bold) at 3.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache

import numpy as np

from tools.layout.model import Colour, Palette

WHITE: Colour = (255, 255, 255)
NEUTRAL_ACCENT: Colour = (214, 72, 38)  # a warm vermilion for grey or black products
AA_NORMAL, AA_LARGE = 4.5, 3.0


def hex_colour(value: str) -> Colour:
    """``"#1e90ff"`` or ``"1E90FF"`` as an RGB tuple."""
    digits = value.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"{value!r} is not a #RRGGBB colour")
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


@lru_cache(maxsize=4096)
def luminance(colour: Colour) -> float:
    channels = np.asarray(colour, dtype=np.float64) / 255.0
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def luminance_map(pixels: np.ndarray) -> np.ndarray:
    """Relative luminance of an ``(..., 3)`` uint8 array."""
    channels = pixels.astype(np.float32) / 255.0
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)


def contrast(first: Colour, second: Colour) -> float:
    return ratio(luminance(first), luminance(second))


def ratio(l1: float, l2: float) -> float:
    high, low = max(l1, l2), min(l1, l2)
    return (high + 0.05) / (low + 0.05)


def required_contrast(size_px: float, bold: bool) -> float:
    """WCAG: large text is at least 18pt (24 px) or 14pt bold (18.66 px)."""
    return AA_LARGE if size_px >= 24 or (bold and size_px >= 18.66) else AA_NORMAL


def shade(colour: Colour, lightness: float, max_saturation: float = 1.0) -> Colour:
    """``colour``'s hue at the given HLS lightness, saturation capped."""
    h, _, s = colorsys.rgb_to_hls(*(c / 255.0 for c in colour))
    r, g, b = colorsys.hls_to_rgb(h, lightness, min(s, max_saturation))
    return (round(r * 255), round(g * 255), round(b * 255))


def saturation(colour: Colour) -> float:
    return colorsys.rgb_to_hls(*(c / 255.0 for c in colour))[2]


def readable_ink(background: Colour, dark: Colour, light: Colour = WHITE) -> Colour:
    """Whichever of ``dark`` and ``light`` reads better on ``background``."""
    return dark if contrast(dark, background) >= contrast(light, background) else light


def ink_against(luminances: np.ndarray, dark: Colour, light: Colour = WHITE) -> tuple[Colour, float]:
    """The ink with the better worst-case contrast over background luminances, and that ratio."""
    worst_dark = ratio(luminance(dark), float(np.percentile(luminances, 95)))
    worst_light = ratio(luminance(light), float(np.percentile(luminances, 5)))
    return (dark, worst_dark) if worst_dark >= worst_light else (light, worst_light)


def button_colours(accent: Colour, needed: float = AA_NORMAL) -> tuple[Colour, Colour]:
    """(fill, ink) for a button in ``accent``'s hue whose label passes ``needed``."""
    h, l, s = colorsys.rgb_to_hls(*(c / 255.0 for c in accent))
    for step in range(12):
        lightness = max(0.08, l - 0.05 * step)
        r, g, b = colorsys.hls_to_rgb(h, lightness, s)
        fill = (round(r * 255), round(g * 255), round(b * 255))
        if contrast(fill, WHITE) >= needed:
            return fill, WHITE
    return (20, 20, 24), WHITE


def product_palette(rgba: np.ndarray, brand: tuple[Colour, ...] = ()) -> Palette:
    """A palette from a cutout's opaque pixels: k-means (k=4) on a sample, largest cluster
    as the dominant colour, the most saturated sizeable cluster as the accent."""
    pixels = rgba.reshape(-1, 4)
    body = pixels[pixels[:, 3] > 160][:, :3].astype(np.float32)
    if len(body) < 16:
        body = np.full((16, 3), 128.0, dtype=np.float32)
    sample = body[np.linspace(0, len(body) - 1, min(len(body), 1500)).astype(int)]
    centres, counts = _kmeans(sample, 4)
    order = np.argsort(-counts)
    dominant: Colour = tuple(int(v) for v in centres[order[0]])  # type: ignore[assignment]
    shares = counts / counts.sum()
    vividness = [saturation(tuple(int(v) for v in c)) * np.sqrt(shares[i])  # type: ignore[arg-type]
                 for i, c in enumerate(centres)]
    best = int(np.argmax(vividness))
    accent: Colour = tuple(int(v) for v in centres[best])  # type: ignore[assignment]
    vivid = saturation(accent) > 0.28 and 0.15 < luminance(accent) ** 0.5 < 0.95
    if brand:
        accent, vivid = brand[0], True
    elif not vivid:
        accent = NEUTRAL_ACCENT
    hue_source = accent if saturation(dominant) < 0.12 else dominant
    return Palette(dominant=dominant, accent=accent, light=shade(hue_source, 0.93, 0.45),
                   dark=shade(hue_source, 0.16, 0.5), vivid=vivid)


def _kmeans(points: np.ndarray, k: int, rounds: int = 8) -> tuple[np.ndarray, np.ndarray]:
    centres = points[np.linspace(0, len(points) - 1, k).astype(int)].copy()
    labels = np.zeros(len(points), dtype=int)
    for _ in range(rounds):
        distances = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        labels = distances.argmin(axis=1)
        for index in range(k):
            members = points[labels == index]
            if len(members):
                centres[index] = members.mean(axis=0)
    counts = np.bincount(labels, minlength=k).astype(np.float64)
    return centres, np.maximum(counts, 1e-9)
