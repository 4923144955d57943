"""Clear parts (glass) of a product: found from faint strokes only when the catalogue says
glass, and never from a soft shadow or the backdrop."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from kg.facts import ProductFacts
from tests.testing import settings_for
from tools.cutout.batch import run_batch
from tools.cutout.categories import CategoryFinder, ListedCatalogue
from tools.cutout.clear import clear_body, is_clear
from tools.cutout.pipeline import CutoutOptions, CutoutPipeline

SIZE = 400
LID = (200, 110)          # centre of an opaque brown lid, 120 x 40 px half-axes
BASE = (200, 300)         # centre of the faint base ring of the glass under it


def _backdrop(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(rng.normal(232, 1.5, (SIZE, SIZE, 3)), 0, 255)


def _lid(photo: np.ndarray) -> np.ndarray:
    cv2.ellipse(photo, LID, (120, 40), 0, 0, 360, (150, 100, 60), -1)
    return photo


def _glass_jar() -> np.ndarray:
    """A lid over a clear glass body whose only trace is a ring and two sides, 5 levels dark."""
    photo = _lid(_backdrop())
    faint = (227, 227, 227)
    cv2.ellipse(photo, BASE, (100, 30), 0, 0, 360, faint, 2)
    for x in (95, 305):
        cv2.line(photo, (x, 130), (x + (5 if x < 200 else -5), 300), faint, 1)
    return np.clip(photo, 0, 255).astype(np.uint8)


def _lid_with_soft_shadow() -> np.ndarray:
    """The same lid with a broad soft shadow beside and below it, no stroke anywhere."""
    photo = _backdrop()
    shadow = np.zeros((SIZE, SIZE), np.float32)
    cv2.ellipse(shadow, (160, 260), (110, 45), 0, 0, 360, 1.0, -1)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 18)
    photo = _lid(photo * (1 - 0.12 * shadow[..., None]))
    return np.clip(photo, 0, 255).astype(np.uint8)


def _lid_mask() -> np.ndarray:
    mask = np.zeros((SIZE, SIZE), np.uint8)
    cv2.ellipse(mask, LID, (120, 40), 0, 0, 360, 1, -1)
    return mask.astype(bool)


@pytest.mark.parametrize(("texts", "clear"), [
    (("Bamboo Glass Jar",), True), (("玻璃保鲜盒",), True), (("Stand", None, "acrylic"), True),
    (("Sunglasses",), False), (("Clearance Mug",), False), (("Watch", "手表"), False),
    ((None,), False),
])
def test_clear_words_are_whole_words_of_name_or_material(texts: tuple[str | None, ...],
                                                        clear: bool) -> None:
    assert is_clear(*texts) is clear


def test_the_hull_of_lid_and_faint_base_is_the_jar() -> None:
    body = clear_body(_glass_jar(), _lid_mask())
    assert body is not None
    assert body[200:290, 120:280].all()                # the clear body between lid and base
    assert not body[20:50].any() and not body[:, :70].any()   # no more than the jar


def test_a_soft_shadow_is_no_glass() -> None:
    assert clear_body(_lid_with_soft_shadow(), _lid_mask()) is None


def test_a_stroke_touching_the_photo_edge_is_backdrop() -> None:
    photo = _lid(_backdrop())
    cv2.line(photo, (0, 250), (SIZE - 1, 250), (227, 227, 227), 1)   # a seam in the backdrop
    assert clear_body(np.clip(photo, 0, 255).astype(np.uint8), _lid_mask()) is None


def test_the_pipeline_keeps_the_body_only_when_asked() -> None:
    pipeline = CutoutPipeline(options=CutoutOptions(backend="classic"))
    photo = Image.fromarray(_glass_jar())
    plain = pipeline.run(photo)
    clear = pipeline.run(photo, clear=True)
    assert (plain.rgba[220:280, 150:250, 3] < 128).mean() > 0.9
    assert (clear.rgba[220:280, 150:250, 3] >= 128).all()
    assert clear.notes[-1] == "clear product: its faint outline was kept"
    shadowed = pipeline.run(Image.fromarray(_lid_with_soft_shadow()), clear=True)
    assert shadowed.notes[-1] == "clear product: no faint outline found beside it"


def _catalogue() -> ListedCatalogue:
    return ListedCatalogue([_product("JAR1", "Glass Storage Jar", "jar.png"),
                            _product("SUN1", "Sunglasses", "sunglasses.png")])


def _product(product_id: str, name: str, image: str) -> ProductFacts:
    return ProductFacts(id=product_id, name_en=name, name_zh=None, category="kitchen",
                        brand="", price=1.0, currency="USD", stock=1, description_en="",
                        image=image)


def test_a_batch_looks_for_clear_parts_of_a_glass_product_only(tmp_path: Path) -> None:
    finder = CategoryFinder(_catalogue())
    assert finder.clear(Path("up/jar.png")) and finder.clear("x.png", product_id="JAR1")
    assert not finder.clear(Path("sunglasses.png")) and not finder.clear(Path("other.png"))
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("jar.png", "sunglasses.png"):
        Image.fromarray(_glass_jar()).save(folder / name)
    out = tmp_path / "out"
    report = run_batch(folder, out, CutoutOptions(backend="classic"),
                       settings_for(tmp_path / "var"), catalogue=_catalogue())
    assert sorted(report.done) == ["jar.png", "sunglasses.png"]
    jar = json.loads((out / "jar.json").read_text())
    assert "clear product: its faint outline was kept" in jar["notes"]
    sunglasses = json.loads((out / "sunglasses.json").read_text())
    assert not any("clear product" in note for note in sunglasses["notes"])
    # trimmed to the product: the jar with its body, the other photo the lid only
    assert Image.open(out / "jar.png").height > 2 * Image.open(out / "sunglasses.png").height
