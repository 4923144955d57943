"""Text removal: glyph masks, the background model, patches on texture, the Telea baseline
and the scores, on small banners drawn here (one test runs OCR on a rendered banner)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tools.layout.fonts import font
from tools.translate.corpus import BannerPair
from tools.translate.erase import Erased, erase_text, glyph_mask, telea
from tools.translate.erase_eval import full_box_mask, removal_scores, residual_text_rate
from tools.translate.ocr import TextLine

Box = tuple[int, int, int, int]
Colour = tuple[int, int, int]
WIDTH, HEIGHT = 360, 120


def _flat(colour: Colour) -> np.ndarray:
    return np.tile(np.array(colour, np.float32), (HEIGHT, WIDTH, 1))


def _gradient(left: Colour, right: Colour) -> np.ndarray:
    share = np.linspace(0.0, 1.0, WIDTH, dtype=np.float32)[None, :, None]
    row = np.array(left, np.float32) * (1 - share) + np.array(right, np.float32) * share
    return np.repeat(row, HEIGHT, axis=0)


def _stripes(colour: Colour, seed: int = 0) -> np.ndarray:
    """Diagonal stripes (canvas-like) with a little grain: a texture a smooth fill ghosts on."""
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    grain = np.random.default_rng(seed).normal(0, 0.01, (HEIGHT, WIDTH))
    field = 1.0 + 0.12 * np.sin((xs + ys) / 3.0) + grain
    return np.array(colour, np.float32) * field[..., None].astype(np.float32)


def _banner(background: np.ndarray, ink: Colour, text: str = "Sale 50%", size: int = 48,
            at: tuple[int, int] = (60, 30), jpeg: bool = True) -> tuple[np.ndarray, np.ndarray, Box]:
    """(with text, without text, the text's box as OCR would give it): the text drawn in
    ``ink`` on ``background``, the result JPEG round-tripped like real inputs."""
    clean = Image.fromarray(np.clip(np.round(background), 0, 255).astype(np.uint8), "RGB")
    drawn = clean.copy()
    face = font(size, 700)
    ImageDraw.Draw(drawn).text(at, text, font=face, fill=ink)
    left, top, right, bottom = face.getbbox(text)
    box = (at[0] + left - 3, at[1] + top - 3, at[0] + right + 3, at[1] + bottom + 3)
    if jpeg:
        buffer = io.BytesIO()
        drawn.save(buffer, "JPEG", quality=90)
        drawn = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return np.asarray(drawn).copy(), np.asarray(clean).copy(), box


def _mae(image: np.ndarray, clean: np.ndarray, box: Box, grow: int = 4) -> float:
    x0, y0, x1, y1 = box
    region = (slice(max(0, y0 - grow), y1 + grow), slice(max(0, x0 - grow), x1 + grow))
    return float(np.abs(image[region].astype(float) - clean[region].astype(float)).mean())


def _text_pixels(with_text: np.ndarray, clean: np.ndarray) -> np.ndarray:
    return np.abs(with_text.astype(int) - clean.astype(int)).max(axis=2) > 24


def test_text_on_a_flat_background_is_replaced_by_the_background() -> None:
    rgb, clean, box = _banner(_flat((238, 232, 220)), (30, 30, 40))
    erased = erase_text(rgb, [box])
    assert isinstance(erased, Erased)
    assert erased.methods == ["flat"]
    before = _mae(rgb, clean, box)
    assert before > 20
    assert _mae(erased.image, clean, box) < 1.0
    assert _mae(erased.image, clean, box) < _mae(telea(rgb, erased.mask), clean, box)
    assert max(abs(a - b) for a, b in zip(erased.inks[0], (30, 30, 40), strict=True)) <= 12


def test_text_on_a_gradient_is_replaced_by_the_gradient() -> None:
    rgb, clean, box = _banner(_gradient((250, 220, 200), (180, 200, 250)), (120, 20, 40))
    erased = erase_text(rgb, [box])
    assert erased.methods == ["gradient"]
    assert _mae(erased.image, clean, box) < 1.5
    assert _mae(erased.image, clean, box) < _mae(telea(rgb, erased.mask), clean, box)


def test_light_text_on_a_dark_background() -> None:
    rgb, clean, box = _banner(_flat((24, 36, 70)), (255, 255, 255), "NEW IN")
    erased = erase_text(rgb, [box])
    assert erased.methods == ["flat"]
    assert _mae(erased.image, clean, box) < 1.0
    assert min(erased.inks[0]) >= 235  # the typesetter redraws the translation in white


@pytest.mark.parametrize(("button", "loose"), [
    ((90, 40, 300, 98), False),   # the button hugs the label: the fit ring crosses its edge
    ((40, 30, 320, 90), True),    # a loose box reaching past the button on every side
])
def test_a_buttons_outside_is_not_pulled_into_it(button: Box, loose: bool) -> None:
    """The fill is the button's colour, and the banner around the button stays as it was."""
    background = Image.new("RGB", (WIDTH, HEIGHT), (245, 242, 236))
    ImageDraw.Draw(background).rounded_rectangle(button, radius=30, fill=(200, 60, 40))
    base = np.asarray(background, np.float32)
    rgb, clean, box = _banner(base, (255, 255, 255), "Shop now", size=34, at=(110, 40))
    if loose:
        box = (button[0] - 4, button[1] - 4, button[2] + 4, button[3] + 4)
    erased = erase_text(rgb, [box])
    assert _mae(erased.image, clean, box, grow=0) < 3.0
    assert min(erased.inks[0]) >= 235
    outside = np.ones((HEIGHT, WIDTH), bool)
    outside[button[1]:button[3] + 1, button[0]:button[2] + 1] = False
    assert not erased.mask[outside].any()
    assert np.array_equal(erased.image[outside], rgb[outside])


def test_texture_is_patched_and_beats_telea() -> None:
    rgb, clean, box = _banner(_stripes((230, 214, 196)), (40, 30, 30), "Winter", size=56)
    erased = erase_text(rgb, [box])
    assert erased.methods == ["patch"]
    ours = _mae(erased.image, clean, box)
    baseline = _mae(telea(rgb, erased.mask), clean, box)
    assert ours < 0.85 * baseline
    glyphs = _text_pixels(rgb, clean)
    ours_on_glyphs = np.abs(erased.image[glyphs].astype(float) - clean[glyphs]).mean()
    assert ours_on_glyphs < 12


def test_glyph_mask_covers_the_glyphs_not_the_box() -> None:
    rgb, clean, box = _banner(_flat((240, 240, 240)), (20, 60, 160))
    mask = glyph_mask(rgb, [box])
    truth = _text_pixels(rgb, clean)
    assert mask.dtype == bool and mask.shape == truth.shape
    assert (mask & truth).sum() >= 0.95 * truth.sum()
    x0, y0, x1, y1 = box
    assert mask[y0:y1, x0:x1].mean() < 0.6
    assert not mask[:, : x0 - 8].any() and not mask[:, x1 + 8:].any()


def test_no_boxes_leaves_the_image_as_it_was() -> None:
    rgb, _, _ = _banner(_flat((200, 200, 200)), (0, 0, 0))
    erased = erase_text(rgb, [])
    assert np.array_equal(erased.image, rgb) and erased.image is not rgb
    assert not erased.mask.any() and erased.methods == [] and erased.inks == []
    assert not glyph_mask(rgb, []).any()


@pytest.mark.parametrize("box", [(-80, -40, -10, -5), (400, 10, 500, 60), (50, 50, 50, 90),
                                 (60, 30, 61, 31), (300, 100, 300, 100)])
def test_boxes_off_the_image_or_degenerate_are_ignored(box: Box) -> None:
    rgb, _, _ = _banner(_flat((200, 200, 200)), (0, 0, 0))
    erased = erase_text(rgb, [box])
    assert erased.methods == ["none"] and len(erased.inks) == 1
    assert np.array_equal(erased.image, rgb)


def test_a_box_partly_off_the_image_is_clipped() -> None:
    rgb, clean, box = _banner(_flat((230, 230, 240)), (10, 10, 10), at=(-20, -10))
    partial = (box[0], box[1], box[2], box[3])
    erased = erase_text(rgb, [partial])
    assert erased.methods == ["flat"]
    assert _mae(erased.image, clean, (0, 0, box[2], box[3])) < 1.5


@pytest.mark.parametrize(("array", "message"), [
    (np.zeros((20, 30), np.uint8), "H x W x 3"),
    (np.zeros((20, 30, 4), np.uint8), "H x W x 3"),
    (np.zeros((20, 30, 3), np.float32), "uint8"),
])
def test_wrong_arrays_are_refused_with_a_clear_message(array: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        erase_text(array, [(0, 0, 10, 10)])
    with pytest.raises(ValueError, match=message):
        glyph_mask(array, [])


def test_telea_needs_a_mask_the_size_of_the_image() -> None:
    rgb, _, _ = _banner(_flat((200, 200, 200)), (0, 0, 0))
    with pytest.raises(ValueError, match="does not match"):
        telea(rgb, np.zeros((10, 10), bool))
    assert np.array_equal(telea(rgb, np.zeros(rgb.shape[:2], bool)), rgb)


def test_removal_scores_and_residual_text_rate() -> None:
    rgb, clean, box = _banner(_flat((238, 232, 220)), (30, 30, 40))
    pair = BannerPair("t", "en", "", rgb, clean, [], None)  # type: ignore[arg-type]
    scores = removal_scores(pair, [box], erase_text(rgb, [box]).image)
    untouched = removal_scores(pair, [box], rgb)
    assert scores["mae"] < 1.0 and scores["mae_glyph"] < 2.0
    assert untouched["mae"] == pytest.approx(scores["untouched"]) and untouched["mae"] > 20
    assert untouched["mae_glyph"] > 100
    full = telea(rgb, full_box_mask([box], rgb.shape[:2]))
    assert removal_scores(pair, [box], full)["mae"] > scores["mae"]
    quad = ((0.0, 0.0), (100.0, 0.0), (100.0, 40.0), (0.0, 40.0))
    before = [TextLine("Sale 50%", quad, 0.99)]
    assert residual_text_rate(before, []) == 0.0
    assert residual_text_rate(before, [TextLine("Sale", quad, 0.9)]) == pytest.approx(4 / 7)
    elsewhere = ((200.0, 0.0), (260.0, 0.0), (260.0, 40.0), (200.0, 40.0))
    assert residual_text_rate(before, [TextLine("Sale", elsewhere, 0.9)]) == 0.0
    whole = ((0.0, 0.0), (360.0, 0.0), (360.0, 120.0), (0.0, 120.0))
    assert residual_text_rate(before, [TextLine("S", whole, 0.6)]) == 0.0  # a stray read
    assert residual_text_rate([], []) == 0.0


def test_a_rendered_banner_is_erased_so_that_ocr_reads_nothing(session_data: Path) -> None:
    """The product path: OCR boxes in, no text left for OCR to read, and closer to the clean
    banner than Telea on the same glyphs or on the whole boxes."""
    from tools.translate.corpus import corpus_specs, render_pair
    from tools.translate.ocr import read_text

    spec, kind = corpus_specs(session_data / "catalog", 1)[0]
    pair = render_pair(spec, kind)
    lines = read_text(pair.with_text)
    boxes = [line.box for line in lines]
    assert len(boxes) >= 4
    erased = erase_text(pair.with_text, boxes)
    assert residual_text_rate(lines, read_text(erased.image)) <= 0.05
    ours = removal_scores(pair, boxes, erased.image)
    same_glyphs = telea(pair.with_text, glyph_mask(pair.with_text, boxes))
    whole_boxes = telea(pair.with_text, full_box_mask(boxes, pair.with_text.shape[:2]))
    assert ours["mae"] < removal_scores(pair, boxes, same_glyphs)["mae"]
    assert ours["mae"] < removal_scores(pair, boxes, whole_boxes)["mae"]
    assert ours["mae"] < ours["floor"]  # below even leaving the untouched pixels' JPEG noise
