"""A clear glass body found by its base ellipse under the opaque part (``glass_body``)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tests.tools.cutout_scenes import backdrop
from tools.cutout.glass import glass_body

SIZE = 320
LID = (90, 40, 230, 110)        # the opaque part: a wooden lid seen from above


def _jar(base: tuple[int, int, int, int] | None = (105, 125, 215, 215), line: int = 2,
         darker: float = 35.0, shadow: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A grey studio shot of a lid; under it a thin dark ellipse (the base seen through the
    glass) and, or, a soft shadow. Returns the photo and the lid's mask."""
    back = backdrop("grey", SIZE)
    lines = Image.new("L", (SIZE, SIZE), 0)
    draw = ImageDraw.Draw(lines)
    if base is not None:
        draw.ellipse(base, outline=255, width=line)
    if shadow:
        draw.ellipse((70, 110, 250, 200), fill=255)
        lines = lines.filter(ImageFilter.GaussianBlur(14))
    back -= darker * np.asarray(lines, np.float32)[..., None] / 255
    lid = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(lid).ellipse(LID, fill=255)
    mask = np.asarray(lid) > 127
    back[mask] = (150, 105, 60)
    return np.clip(back + 0.5, 0, 255).astype(np.uint8), mask


def test_a_base_ellipse_under_the_lid_brings_in_the_glass_between() -> None:
    rgb, lid = _jar()
    body = glass_body(rgb, lid)
    assert body[lid].all()
    assert body[118, 160] and body[200, 160]               # between lid and base, inside base
    assert body.sum() > 2.5 * lid.sum()
    assert not body[150, 60] and not body[150, 270]         # the backdrop beside the walls
    assert not body[240, 160]                               # and under the base


def test_a_soft_shadow_under_the_product_is_no_glass() -> None:
    rgb, lid = _jar(base=None, shadow=True, darker=60.0)
    assert (glass_body(rgb, lid) == lid).all()


def test_an_ellipse_much_wider_than_the_product_or_far_below_it_is_left_alone() -> None:
    for base in ((20, 125, 300, 215), (110, 230, 210, 300)):
        rgb, lid = _jar(base=base)
        assert (glass_body(rgb, lid) == lid).all(), base


def test_an_ellipse_with_most_of_its_outline_missing_is_left_alone() -> None:
    rgb, lid = _jar()
    rgb[120:220, 100:160] = rgb[120:220, 250:310]          # the base's left half erased
    assert (glass_body(rgb, lid) == lid).all()


def test_an_empty_mask_stays_empty() -> None:
    rgb, lid = _jar()
    assert not glass_body(rgb, np.zeros_like(lid)).any()
