"""Text drawn once as a mask and composited: the same pixels as drawing it directly."""

import pytest
from PIL import Image, ImageChops, ImageDraw

from tools.layout.fonts import BOLD, REGULAR, font
from tools.layout.textlayers import TextFace, TextLayers


def _canvas() -> Image.Image:
    canvas = Image.linear_gradient("L").resize((400, 160)).convert("RGB")
    ImageDraw.Draw(canvas).rectangle((40, 40, 200, 120), fill=(200, 60, 30))
    return canvas


@pytest.mark.parametrize(("line", "language", "weight"), [
    ("Summer Sale -30%", "en", BOLD), ("夏季特卖，低至七折！", "zh", REGULAR), ("$58.00", "en", 900)])
@pytest.mark.parametrize("anchor", ["lm", "mm", "rm"])
@pytest.mark.parametrize("xy", [(120.0, 80.0), (200.37, 81.5), (210.75, 79.26)])
def test_layers_draw_the_same_pixels_as_image_draw(
        line: str, language: str, weight: int, anchor: str, xy: tuple[float, float]) -> None:
    direct = _canvas()
    ImageDraw.Draw(direct).text(xy, line, font=font(26, weight, language), fill=(250, 250, 240),
                                anchor=anchor)
    layers = TextLayers()
    for _ in range(2):  # drawn, then from the cache
        cached = _canvas()
        layers.draw(cached, xy, line, TextFace(26, weight, language), anchor, (250, 250, 240))
        assert ImageChops.difference(direct, cached).getbbox() is None


def test_layers_keep_to_their_budget() -> None:
    layers = TextLayers(budget_mb=0.01)
    canvas = _canvas()
    for index in range(40):
        layers.draw(canvas, (10.0, 80.0), f"Line {index}", TextFace(30, BOLD, "en"), "lm",
                    (0, 0, 0))
    assert 0 < layers.used <= layers.budget or len(layers._items) == 1
