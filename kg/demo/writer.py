"""Writing the demo catalogue to disk: JSON-lines files plus one studio shot and its exact
mask per product (``images/<id>.jpg`` and ``images/<id>.mask.png``)."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

from kg.catalog import write_jsonl
from kg.demo.catalog import DemoCatalog, Visual, build_demo_catalog
from kg.demo.render import ShotSpec, render_studio_shot

COMPLETE_MARKER = ".complete"


def demo_catalog_exists(out_dir: Path) -> bool:
    return (out_dir / COMPLETE_MARKER).is_file()


def write_demo_catalog(out_dir: Path, seed: int = 7, workers: int = 2) -> DemoCatalog:
    """Writes everything; the marker file is written last, so a crash is redone next time."""
    catalog = build_demo_catalog(seed=seed)
    (out_dir / "images").mkdir(parents=True, exist_ok=True)
    (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
    jobs = [(out_dir, p.id, catalog.visuals[p.id], seed) for p in catalog.products]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        list(pool.map(_render_one, jobs))
    write_jsonl(out_dir / "products.jsonl", catalog.products)
    write_jsonl(out_dir / "faq.jsonl", catalog.faqs)
    write_jsonl(out_dir / "profiles.jsonl", catalog.profiles)
    write_jsonl(out_dir / "orders.jsonl", catalog.orders)
    (out_dir / COMPLETE_MARKER).write_text(f"seed={seed}\n")
    return catalog


def _render_one(job: tuple[Path, str, Visual, int]) -> None:
    out_dir, product_id, visual, seed = job
    spec = ShotSpec(shape=visual.shape, colour=visual.colour, accent=visual.accent,
                    seed=seed * 1000 + sum(map(ord, product_id)))
    image, mask = render_studio_shot(spec)
    _save_atomic(image, out_dir / "images" / f"{product_id}.jpg", "JPEG", quality=92)
    _save_atomic(mask, out_dir / "images" / f"{product_id}.mask.png", "PNG")


def _save_atomic(image: Image.Image, path: Path, fmt: str, **options: int) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    os.close(fd)
    image.save(tmp, fmt, **options)
    os.replace(tmp, path)
