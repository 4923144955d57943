"""The layout engine on demo products: every preset, English and Chinese, designed."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tools.layout import BannerCopy, BrandStyle, LayoutEngine, LayoutRequest, product_shape
from tools.layout.colour import contrast
from tools.layout.examples import designer_examples
from tools.layout.learning import pairwise_accuracy, train
from tools.layout.presets import PRESETS, parse_size
from tools.layout.scorer import load_scorer
from tools.layout.templates import load_templates, templates_for
from tools.layout.text import true_width

COPIES = {
    "en": BannerCopy("Summer Sale: up to 30% off trail shoes", "Light, quick-drying and made "
                     "for the heat.", "$129.00", "Shop now", "-30%", "en"),
    "zh": BannerCopy("夏季特卖，越野跑鞋低至七折！", "轻盈速干，专为炎热天气打造。", "¥899", "立即购买",
                     "-30%", "zh"),
}


@pytest.fixture(scope="module")
def cutout(session_data: Path) -> Image.Image:
    images = session_data / "catalog" / "images"
    rgb = Image.open(images / "fw-trail-runner.jpg").convert("RGB")
    mask = Image.open(images / "fw-trail-runner.mask.png").convert("L")
    rgb.putalpha(mask)
    return rgb.crop(mask.getbbox())


def test_library_has_twenty_templates_covering_every_aspect() -> None:
    templates = load_templates()
    assert len(templates) >= 20 and len({t.family for t in templates}) >= 8
    for width, height in [*PRESETS.values(), (2000, 100), (120, 900)]:
        assert templates_for(width, height), (width, height)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_gets_a_designed_layout(cutout: Image.Image, preset: str,
                                             language: str) -> None:
    width, height = PRESETS[preset]
    request = LayoutRequest(width, height, COPIES[language], (product_shape(cutout),),
                            BrandStyle("Northpeak"))
    banner = LayoutEngine().render(request, [cutout])
    layout, metrics = banner.layout, banner.metrics
    assert banner.image.size == (width, height)
    assert layout.fitted and not {"headline", "price", "cta"} & set(layout.dropped)
    assert metrics["validity"] == 1.0 and metrics["overlay"] <= 0.005
    assert metrics["alignment"] <= 0.002 and metrics["occlusion"] <= 0.02
    assert metrics["contrast_pass"] == 1.0
    for element in layout.texts():  # never clipped: real glyph widths inside the box
        assert true_width(element.lines, element.size, element.weight,
                          element.language) <= element.box.w + 1
        assert 0 <= element.box.x and element.box.right <= width
        assert 0 <= element.box.y and element.box.bottom <= height
    headline = layout.by_role("headline")
    assert headline is not None and headline.ink is not None
    assert contrast(headline.ink, layout.background.base) >= 1.0


def test_picks_the_lowest_cost_template_and_honours_a_forced_one(cutout: Image.Image) -> None:
    engine = LayoutEngine()
    request = LayoutRequest(1200, 628, COPIES["en"], (product_shape(cutout),))
    candidates = engine.candidates(request)
    assert len(candidates) == len(templates_for(1200, 628))
    assert engine.choose(request).solved.layout.template == candidates[0].solved.layout.template
    assert [c.cost for c in candidates] == sorted(c.cost for c in candidates)
    forced = engine.choose(request, "split_panel").solved.layout
    assert forced.template == "split_panel"


def test_brand_colours_lead_the_palette(cutout: Image.Image) -> None:
    brand = (20, 110, 60)
    shape = product_shape(cutout, (brand,))
    assert shape.palette.accent == brand
    layout = LayoutEngine().choose(LayoutRequest(800, 800, COPIES["en"], (shape,))).solved.layout
    button = next(e for e in layout.elements if e.role == "button")
    assert button.fill is not None and np.argmax(button.fill) == 1  # green, like the brand


def test_two_products_share_the_product_box(cutout: Image.Image) -> None:
    shape = product_shape(cutout)
    layout = LayoutEngine().choose(
        LayoutRequest(1200, 628, COPIES["en"], (shape, shape))).solved.layout
    first, second = layout.products
    assert first.right <= second.x and first.intersection(second) == 0


def test_shipped_scorer_prefers_designer_layouts_to_perturbed_copies() -> None:
    model = load_scorer()
    assert model.info["cv_pairwise_accuracy"] >= 0.9
    assert pairwise_accuracy(model, list(designer_examples()), seed=23) >= 0.93


def test_shipped_scorer_is_what_training_produces() -> None:
    retrained = train(list(designer_examples()))
    assert np.allclose(retrained.weights, load_scorer().weights, rtol=1e-3, atol=1e-4)


def test_sizes_parse_as_presets_or_width_by_height() -> None:
    assert parse_size("story") == (1080, 1920) and parse_size("728×90") == (728, 90)
    from shopmind.errors import InvalidInput

    with pytest.raises(InvalidInput, match="preset"):
        parse_size("huge")
