"""The demo catalogue on disk: files, one 800x800 studio shot and exact mask per product."""

from pathlib import Path

import numpy as np
from PIL import Image

from kg.catalog import read_jsonl
from kg.demo.writer import demo_catalog_exists
from kg.schema import FaqRow, OrderRow, ProductRow, ProfileRow


def test_files_load_without_problems(session_data: Path) -> None:
    catalog = session_data / "catalog"
    assert demo_catalog_exists(catalog)
    for name, model in (("products.jsonl", ProductRow), ("faq.jsonl", FaqRow),
                        ("profiles.jsonl", ProfileRow), ("orders.jsonl", OrderRow)):
        report = read_jsonl(catalog / name, model)
        assert report.rows and not report.problems, name


def test_every_product_has_a_studio_shot_and_its_exact_mask(session_data: Path) -> None:
    catalog = session_data / "catalog"
    for product in read_jsonl(catalog / "products.jsonl", ProductRow).rows:
        assert product.image
        image = Image.open(catalog / product.image)
        mask = np.asarray(Image.open(catalog / "images" / f"{product.id}.mask.png"))
        assert image.size == (800, 800) and mask.shape == (800, 800)
        assert set(np.unique(mask)) <= {0, 255}
        pixels = np.asarray(image.convert("RGB"), dtype=np.float32)
        inside, outside = pixels[mask == 255], pixels[mask == 0]
        assert 0.05 < len(inside) / mask.size < 0.65, product.id
        assert outside.mean() > 170, f"{product.id}: the background is light"
        border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
        distance = np.linalg.norm(inside.mean(axis=0) - np.median(border, axis=0))
        assert distance > 12 or inside.std() > 20, f"{product.id} stands out"
