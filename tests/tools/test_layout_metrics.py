"""The PosterLayout / RALF metrics on layouts whose answers are known by hand."""

import math

import numpy as np
import pytest
from PIL import Image

from tools.layout.geometry import Box
from tools.layout.metrics import (
    alignment,
    gradient_map,
    occlusion,
    overlay,
    text_contrasts,
    underlay_effectiveness,
    unreadability,
    utility,
    validity,
)
from tools.layout.model import Background, Element, Layout
from tools.layout.placement import SaliencyGrid


def layout(*elements: Element, size: tuple[int, int] = (100, 100)) -> Layout:
    return Layout(size[0], size[1], "test", "en", Background("gradient", (255,) * 3, (255,) * 3,
                                                              (0, 0, 0)), [], list(elements))


def text(x: float, y: float, w: float, h: float, **kw: object) -> Element:
    return Element("headline", Box(x, y, w, h), z=3, **kw)  # type: ignore[arg-type]


def test_validity_counts_elements_above_a_thousandth_of_the_canvas() -> None:
    assert validity(layout(text(0, 0, 20, 20), text(50, 50, 3, 3))) == 0.5


def test_overlay_is_mean_iou_over_ordered_pairs_without_underlays() -> None:
    a, b = text(0, 0, 40, 40), text(20, 0, 40, 40)  # IoU = 800 / 2400
    c = Element("button", Box(0, 0, 100, 100), z=1)
    assert overlay(layout(a, b, c)) == pytest.approx(1 / 3)
    assert overlay(layout(a, b, text(70, 70, 20, 20))) == pytest.approx((1 / 3) * 2 / 6)
    assert overlay(layout(a)) is None


def test_alignment_is_zero_when_every_element_shares_an_edge_and_grows_with_offsets() -> None:
    aligned = layout(text(10, 10, 40, 10), text(10, 30, 60, 10), text(10, 50, 20, 10))
    assert alignment(aligned) == 0.0
    off = layout(text(10, 10, 40, 10), text(13, 31, 61, 12))  # nearest: the left edges, 0.03
    assert alignment(off) == pytest.approx(-math.log10(1 - 0.03))


def test_underlay_effectiveness_loose_and_strict() -> None:
    button = Element("button", Box(0, 0, 50, 20), z=1)
    inside_text = text(5, 5, 20, 10)
    half_out = text(40, 5, 20, 10)
    assert underlay_effectiveness(layout(button, inside_text)) == (1.0, 1.0)
    loose, strict = underlay_effectiveness(layout(button, half_out))  # type: ignore[misc]
    assert loose == pytest.approx(0.5) and strict == 0.0


def test_occlusion_and_utility_use_the_product_mask_as_saliency() -> None:
    values = np.zeros((100, 100), np.float32)
    values[:, :50] = 1.0  # the product fills the left half
    grid = SaliencyGrid(values, 1.0)
    on_product = layout(text(0, 0, 50, 50))
    beside = layout(text(50, 0, 50, 50))
    straddling = layout(text(25, 0, 50, 10))
    assert occlusion(on_product, grid) == 1.0 and occlusion(beside, grid) == 0.0
    assert occlusion(straddling, grid) == pytest.approx(0.5)
    assert utility(beside, grid) == pytest.approx(0.5)


def test_unreadability_is_gradient_under_text_not_covered_by_underlay() -> None:
    image = Image.new("L", (100, 100), 255)
    image.paste(0, (50, 0, 100, 100))  # one hard edge at x = 50
    gradient = gradient_map(image, (100, 100))
    on_edge = layout(text(40, 0, 20, 20))
    flat = layout(text(0, 0, 30, 20))
    covered = layout(text(40, 0, 20, 20), Element("button", Box(38, 0, 24, 22), z=1))
    assert unreadability(flat, gradient) == 0.0
    assert unreadability(on_edge, gradient) > 0.05
    assert unreadability(covered, gradient) == 0.0


def test_contrast_is_wcag_with_the_large_text_allowance() -> None:
    background = Image.new("RGB", (100, 100), (255, 255, 255))
    grey = (118, 118, 118)  # 4.54:1 on white
    light = (150, 150, 150)  # 2.96:1 on white
    checks = text_contrasts(layout(text(0, 0, 50, 20, ink=grey, size=16),
                                   text(0, 50, 50, 20, ink=light, size=30, weight=700)),
                            background)
    assert checks[0].ratio == pytest.approx(4.54, abs=0.02) and checks[0].passed
    assert checks[1].required == 3.0 and not checks[1].passed
