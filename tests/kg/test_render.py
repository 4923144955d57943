"""Tests for the procedural studio-shot renderer (kg.demo.render)."""

from __future__ import annotations

import time
from functools import cache

import numpy as np
import pytest
from PIL import Image

from kg.demo.render import SHAPES, ShotSpec, contact_sheet, render_studio_shot

PALETTE = [
    ((200, 40, 40), (240, 240, 235)), ((30, 60, 140), (230, 180, 40)),
    ((40, 40, 44), (200, 60, 30)), ((60, 130, 80), (220, 210, 190)),
    ((240, 150, 40), (40, 40, 40)), ((120, 70, 160), (250, 250, 250)),
]
WHITE, GREY = (246, 246, 244), (200, 200, 200)


@cache
def _full_size(shape: str) -> tuple[np.ndarray, np.ndarray]:
    """One 800 x 800 render per shape, shared by the checks below."""
    colour, accent = PALETTE[SHAPES.index(shape) % len(PALETTE)]
    image, mask = render_studio_shot(ShotSpec(shape, colour, accent, seed=SHAPES.index(shape)))
    assert image.mode == "RGB" and image.size == (800, 800)
    assert mask.mode == "L" and mask.size == (800, 800)
    return np.asarray(image), np.asarray(mask)


def _border_colour(pixels: np.ndarray, width: int = 8) -> np.ndarray:
    frame = [pixels[:width], pixels[-width:], pixels[:, :width], pixels[:, -width:]]
    return np.concatenate([f.reshape(-1, 3) for f in frame]).astype(float).mean(0)


def _contrast(pixels: np.ndarray, mask: np.ndarray) -> float:
    """Mean absolute colour difference between object pixels and the border background."""
    return float(np.abs(pixels[mask == 255].astype(float) - _border_colour(pixels)).mean())


def test_shapes_list() -> None:
    assert len(SHAPES) == 22 and len(set(SHAPES)) == 22
    assert {"bottle", "sneaker", "tshirt", "backpack"} <= set(SHAPES)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_full_size(shape: str) -> None:
    pixels, mask = _full_size(shape)
    assert set(np.unique(mask).tolist()) <= {0, 255}
    coverage = (mask == 255).mean()
    assert 0.08 <= coverage <= 0.60, coverage
    assert _contrast(pixels, mask) > 40
    # The background is a light studio sweep, not flat and not the object colour.
    background = pixels[mask == 0].astype(float)
    assert background.mean() > 170
    assert pixels[:8].reshape(-1, 3).astype(float).std(0).max() > 0.5
    # The mask touches no frame edge: the product sits inside the shot.
    assert not (mask[0].any() or mask[-1].any() or mask[:, 0].any() or mask[:, -1].any())


@pytest.mark.parametrize("shape", SHAPES)
def test_object_is_centred_and_sized(shape: str) -> None:
    _, mask = _full_size(shape)
    rows, cols = np.nonzero(mask.any(1))[0], np.nonzero(mask.any(0))[0]
    height = (rows[-1] - rows[0] + 1) / 800
    assert 0.25 <= height <= 0.75
    assert abs((cols[0] + cols[-1]) / 2 - 400) < 80
    assert abs((rows[0] + rows[-1]) / 2 - 410) < 80


def test_shading_is_not_flat() -> None:
    pixels, mask = _full_size("mug")
    body = pixels[mask == 255].astype(float)
    assert body.std(0).max() > 15  # light falloff and highlights, not a flat fill


def test_shadow_outside_mask() -> None:
    pixels, mask = _full_size("kettle")
    rows = np.nonzero(mask.any(1))[0]
    cols = np.nonzero(mask.any(0))[0]
    centre = (cols[0] + cols[-1]) // 2
    below = pixels[rows[-1] + 3, centre].astype(float).mean()
    far = pixels[rows[-1] + 3, 30].astype(float).mean()
    assert mask[rows[-1] + 3, centre] == 0
    assert below < far - 10  # a darker contact shadow under the product


@pytest.mark.parametrize("shape", ["bottle", "sneaker", "tshirt", "headphones", "cushion"])
def test_deterministic(shape: str) -> None:
    spec = ShotSpec(shape, (20, 90, 160), GREY, seed=42, size=200)
    a_img, a_mask = render_studio_shot(spec)
    b_img, b_mask = render_studio_shot(spec)
    assert a_img.tobytes() == b_img.tobytes()
    assert a_mask.tobytes() == b_mask.tobytes()
    other, _ = render_studio_shot(ShotSpec(shape, (20, 90, 160), GREY, seed=43, size=200))
    assert other.tobytes() != a_img.tobytes()


def test_colour_changes_only_pixels() -> None:
    one, m1 = render_studio_shot(ShotSpec("can", (200, 30, 30), (255, 255, 255), seed=3, size=200))
    two, m2 = render_studio_shot(ShotSpec("can", (30, 30, 200), (255, 255, 255), seed=3, size=200))
    assert m1.tobytes() == m2.tobytes()
    assert one.tobytes() != two.tobytes()


@pytest.mark.parametrize("shape", SHAPES)
def test_small_size_mask_and_contrast(shape: str) -> None:
    image, mask = render_studio_shot(ShotSpec(shape, (35, 35, 38), (220, 60, 40), seed=7, size=200))
    assert image.size == mask.size == (200, 200)
    m = np.asarray(mask)
    assert set(np.unique(m).tolist()) <= {0, 255}
    assert 0.08 <= (m == 255).mean() <= 0.60
    assert _contrast(np.asarray(image), m) > 40


@pytest.mark.parametrize("shape", ["tshirt", "power_bank", "earbuds_case", "vase"])
def test_white_products_still_stand_out(shape: str) -> None:
    image, mask = render_studio_shot(ShotSpec(shape, WHITE, GREY, seed=1, size=200))
    assert _contrast(np.asarray(image), np.asarray(mask)) > 20


def test_unknown_shape() -> None:
    with pytest.raises(ValueError) as err:
        render_studio_shot(ShotSpec("spaceship", (0, 0, 0), (0, 0, 0), seed=1, size=100))
    message = str(err.value)
    assert "spaceship" in message and "bottle" in message and "backpack" in message


def test_render_speed() -> None:
    spec = ShotSpec("sneaker", (30, 60, 140), (230, 180, 40), seed=5)
    render_studio_shot(spec)
    start = time.perf_counter()
    render_studio_shot(spec)
    assert time.perf_counter() - start < 2.0  # ~0.1-0.2 s typical; generous for slow CI


def test_contact_sheet_dimensions() -> None:
    images = [Image.new("RGB", (80, 80), (i * 20, 0, 0)) for i in range(10)]
    sheet = contact_sheet(images, columns=4, thumb=50)
    assert sheet.mode == "RGB" and sheet.size == (200, 150)
    assert contact_sheet(images[:3], columns=8, thumb=40).size == (120, 40)
    assert contact_sheet(images).size == (8 * 160, 2 * 160)
    # Thumbnails land in their cells.
    assert sheet.getpixel((25, 25)) == (0, 0, 0) and sheet.getpixel((75, 25)) == (20, 0, 0)


def test_contact_sheet_rejects_empty() -> None:
    with pytest.raises(ValueError):
        contact_sheet([])
