"""The classic pipeline on public product images (../shared/data), read in place."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from shopmind.settings import Settings
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
