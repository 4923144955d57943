"""Synthetic studio shots with exact masks, for the cutout tests."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

Colour = tuple[int, int, int]


def backdrop(kind: str, size: int = 320, seed: int = 0) -> np.ndarray:
    """white, grey (with vignetting) or gradient, with a little sensor noise (float32)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size * 2 - 1
    if kind == "white":
        image = np.full((size, size, 3), 250.0, np.float32)
    elif kind == "grey":
        image = (215.0 * (1 - 0.15 * (x * x + y * y)))[..., None] * np.ones(3, np.float32)
    else:
        t = ((x + y) / 4 + 0.5)[..., None]
        image = np.array([235, 210, 190], np.float32) * (1 - t) + np.array([190, 215, 240]) * t
    return (image + rng.normal(0, 1.2, image.shape)).astype(np.float32)


def scene(kind: str = "white", colour: Colour = (30, 90, 200), size: int = 320,
          boxes: tuple[tuple[int, int, int, int], ...] = ((110, 70, 210, 230),),
          shadow: bool = True, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(uint8 RGB photo, bool mask): rounded products with a soft cast shadow beneath."""
    back = backdrop(kind, size, seed)
    if shadow:
        shade = Image.new("L", (size, size), 0)
        draw = ImageDraw.Draw(shade)
        for left, _, right, bottom in boxes:
            draw.ellipse((left - 10, bottom - 6, right + 10, bottom + 14), fill=110)
        opacity = np.asarray(shade.filter(ImageFilter.GaussianBlur(6)), np.float32) / 255
        back = back * (1 - opacity[..., None])
    mask_image = Image.new("L", (size * 4, size * 4), 0)
    draw = ImageDraw.Draw(mask_image)
    for box in boxes:
        draw.rounded_rectangle(tuple(v * 4 for v in box), radius=60, fill=255)
    alpha = np.asarray(mask_image.resize((size, size), Image.Resampling.BOX), np.float32) / 255
    body = np.array(colour, np.float32) * (0.85 + 0.15 * np.linspace(0, 1, size))[None, :, None]
    image = body * alpha[..., None] + back * (1 - alpha[..., None])
    return np.clip(image + 0.5, 0, 255).astype(np.uint8), alpha >= 0.5


def to_image(rgb: np.ndarray) -> Image.Image:
    return Image.fromarray(rgb, "RGB")


def clutter(size: int = 320, seed: int = 0) -> np.ndarray:
    """A busy scene (float32): a dim gradient under random rectangles, ellipses and lines."""
    rng = np.random.default_rng(seed)
    image = Image.fromarray(np.clip(backdrop("gradient", size, seed) * 0.7, 0, 255)
                            .astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        colour = tuple(int(v) for v in rng.integers(20, 240, 3))
        left, top = (int(v) for v in rng.integers(0, size, 2))
        width, height = (int(v) for v in rng.integers(10, size // 3, 2))
        shape = (left, top, left + width, top + height)
        if rng.integers(2):
            draw.rectangle(shape, fill=colour)
        else:
            draw.ellipse(shape, fill=colour)
    return np.asarray(image.filter(ImageFilter.GaussianBlur(1.0)), np.float32)
