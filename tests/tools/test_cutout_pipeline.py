"""The classic pipeline on synthetic studio shots with exact masks."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from shopmind.errors import InvalidInput
from tests.tools.cutout_scenes import scene, to_image
from tools.cutout import CutoutOptions, CutoutPipeline, cut_out, estimate_mask
from tools.cutout.images import Photo
from tools.cutout.matting import decontaminate, refine_alpha
from tools.cutout.quality import boundary_f, iou, mask_quality


def _mask(result_alpha: np.ndarray) -> np.ndarray:
    return result_alpha >= 128


@pytest.mark.parametrize("kind", ["white", "grey", "gradient"])
def test_plain_backgrounds_are_cut_precisely_and_the_shadow_is_removed(kind: str) -> None:
    rgb, truth = scene(kind)
    result = CutoutPipeline().run(Photo(rgb))
    predicted = _mask(result.rgba[..., 3])
    assert iou(predicted, truth) > 0.97
    assert boundary_f(predicted, truth) > 0.9
    assert result.box is not None and result.box[3] <= 238  # the shadow (to ~255) is gone


def test_white_product_on_white_keeps_its_body() -> None:
    rgb, truth = scene("white", colour=(236, 236, 238), shadow=False)
    predicted = _mask(CutoutPipeline().run(Photo(rgb)).rgba[..., 3])
    assert iou(predicted, truth) > 0.9


def test_grey_product_is_not_mistaken_for_its_shadow() -> None:
    # Known limit: a grey exactly as dark as the shadow it stands in (150 here) leaks.
    rgb, truth = scene("white", colour=(110, 110, 112))
    predicted = _mask(CutoutPipeline().run(Photo(rgb)).rgba[..., 3])
    assert iou(predicted, truth) > 0.95


def test_shadow_is_kept_on_request_as_a_translucent_dark_layer() -> None:
    rgb, _ = scene("white")
    kept = CutoutPipeline(options=CutoutOptions(keep_shadow=True)).run(Photo(rgb))
    below = kept.rgba[236:244, 120:200]
    assert kept.box is not None and kept.box[3] > 236
    assert 10 < below[..., 3].mean() < 200            # translucent, not solid
    assert below[..., :3].mean() < 60                 # and dark


def test_main_product_by_default_all_on_request() -> None:
    boxes = ((40, 60, 150, 240), (230, 160, 280, 230))
    rgb, _ = scene("grey", boxes=boxes)
    main = CutoutPipeline().run(Photo(rgb))
    both = CutoutPipeline(options=CutoutOptions(keep="all")).run(Photo(rgb))
    assert main.box is not None and main.box[2] < 160
    assert both.box is not None and both.box[2] > 270


def test_result_is_trimmed_with_padding_and_scored() -> None:
    rgb, _ = scene("white")
    result = CutoutPipeline(options=CutoutOptions(padding=5)).run(to_image(rgb))
    left, top, right, bottom = result.box or (0, 0, 0, 0)
    assert result.cutout.size == (right - left + 10, bottom - top + 10)
    assert result.cutout.mode == "RGBA"
    assert 0.5 < result.quality <= 1.0


def test_edges_get_soft_alpha_and_clean_colours() -> None:
    rgb, truth = scene("white", colour=(200, 20, 20), shadow=False)
    coarse = truth[::2, ::2].astype(np.float32)
    matte = refine_alpha(rgb, coarse)
    edge = matte.alpha[(matte.alpha > 0.05) & (matte.alpha < 0.95)]
    assert edge.size > 0                                  # some partial alpha on the outline
    clean = decontaminate(rgb, matte)
    ys, xs = matte.band
    partial = (matte.alpha[ys, xs] > 0.2) & (matte.alpha[ys, xs] < 0.8)
    assert clean[ys[partial], xs[partial], 1].mean() < rgb[ys[partial], xs[partial], 1].mean()


def test_empty_background_is_a_clear_error() -> None:
    rgb, _ = scene("white", boxes=(), shadow=False)
    with pytest.raises(InvalidInput, match="no product found"):
        CutoutPipeline().run(Photo(rgb))


def test_already_transparent_images_keep_their_alpha() -> None:
    rgba = np.zeros((64, 64, 4), np.uint8)
    rgba[16:48, 16:48] = (10, 200, 10, 255)
    result = CutoutPipeline().run(Image.fromarray(rgba, "RGBA"))
    assert result.box == (16, 16, 48, 48)
    assert "already transparent" in result.notes[0]


def test_legacy_helpers_keep_their_signatures() -> None:
    rgb, truth = scene("grey")
    mask = estimate_mask(to_image(rgb))
    assert mask.mode == "L" and mask.size == (320, 320)
    assert iou(np.asarray(mask) > 127, truth) > 0.95
    cutout, full = cut_out(to_image(rgb))
    assert cutout.mode == "RGBA" and full.size == (320, 320)


def test_metrics_against_hand_computed_answers() -> None:
    a = np.zeros((20, 20), bool)
    a[5:15, 5:15] = True
    b = np.zeros((20, 20), bool)
    b[5:15, 10:20] = True
    assert iou(a, b) == pytest.approx(50 / 150)
    assert boundary_f(a, a) == 1.0
    assert boundary_f(a, np.zeros_like(a)) == 0.0
    shifted = np.roll(a, 2, axis=1)
    assert boundary_f(a, shifted, tolerance=3) == 1.0
    assert boundary_f(a, np.roll(a, 6, axis=1), tolerance=3) < 0.7
    flat = np.full((20, 20, 3), 128, np.uint8)
    assert mask_quality(flat, a.astype(np.float32)) == 0.0  # an outline through flat colour


def _sleeve_scene(kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(photo, mask) at 800x800: a blue body and a sleeve joined at the shoulder, with a
    16 px slot of background between them (6 px at the working size, where the blur of its
    sharp sides leaves the flood no passage), open below."""
    truth = np.zeros((800, 800), bool)
    truth[200:600, 250:550] = True                  # the body
    truth[200:560, 166:234] = True                  # the sleeve, 16 px from the body
    truth[200:240, 166:250] = True                  # joined at the shoulder
    back = np.asarray(Image.fromarray(scene(kind, boxes=(), shadow=False)[0]).resize(
        (800, 800), Image.Resampling.BILINEAR), np.float32)
    photo = np.where(truth[..., None], np.array([30, 80, 200], np.float32), back)
    blurred = np.asarray(Image.fromarray(photo.astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(0.7)))             # a lens's softness at the edges
    return blurred, truth


@pytest.mark.parametrize("kind", ["white", "grey", "gradient"])
def test_a_narrow_gap_between_sleeve_and_body_is_background(kind: str) -> None:
    rgb, truth = _sleeve_scene(kind)
    alpha = CutoutPipeline().run(Photo(rgb)).rgba[..., 3]
    assert alpha[260:540, 240:244].mean() < 64     # the slot is background, not product
    assert alpha[300:500, 300:500].min() == 255     # the body is whole
    assert iou(_mask(alpha), truth) > 0.98
