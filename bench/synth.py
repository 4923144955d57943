""""Make 200 banners": 8 products x 5 sizes x 5 copy variants (English and Chinese) through
make_banners' batch path, on the local process pool against a one-process baseline measured
in the same run, then on a Dask LocalCluster on 127.0.0.1, then resumed (nothing to render).
Also writes a contact sheet of 40 banners across every size preset and both languages.

    python bench/synth.py [--workers N] [--json results.json] [--sheet sheet.png]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

# run from the repository root, not bench/ (whose copy.py would shadow the standard library)
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from kg.demo.catalog import build_demo_catalog
from kg.demo.writer import write_demo_catalog
from tools.layout.fonts import font
from tools.layout.presets import PRESETS
from tools.synth.batch import BatchReport, run_batch
from tools.synth.plan import CopyVariant, ProductInput, format_price, plan_batch
from tools.synth.render import BannerSpec, warm_worker

SIZES = [(800, 800), (1200, 628), (1080, 1920), (1950, 550), (728, 90)]
VARIANTS = [
    CopyVariant("Summer Sale: up to 30% off", "Light, quick-drying and made for the heat.",
                "Shop now", "-30%", "en"),
    CopyVariant("New season, new favourites", "Free delivery on orders over $50.", "Buy now",
                "NEW", "en"),
    CopyVariant("Made to last", "Two-year warranty on everything we make.", "Discover", "", "en"),
    CopyVariant("夏季特卖，低至七折！", "轻盈速干，专为炎热天气打造。", "立即购买", "-30%", "zh"),
    CopyVariant("新品上市，限时抢购", "满299元包邮，七天无理由退换。", "立即抢购", "新品", "zh"),
]


def products(catalog: Path, count: int) -> list[ProductInput]:
    demo = build_demo_catalog(seed=7).products
    chosen = [demo[i * len(demo) // count] for i in range(count)]
    return [ProductInput(p.id, catalog / "images" / f"{p.id}.jpg",
                         catalog / "images" / f"{p.id}.mask.png",
                         format_price(p.price, p.currency), p.brand) for p in chosen]


def pool(workers: int) -> ProcessPoolExecutor:
    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    list(executor.map(_warm, range(workers * 2)))  # spawn and import before timing
    return executor


def _warm(_: int) -> int:
    time.sleep(0.3)  # long enough for every worker to take one
    return warm_worker()


def timed(specs: list[BannerSpec], out: Path, executor: Executor) -> tuple[float, BatchReport]:
    started = time.perf_counter()
    report = run_batch(specs, out, executor)
    return time.perf_counter() - started, report


def dask_run(specs: list[BannerSpec], out: Path, workers: int) -> tuple[float, int]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, protocol="tcp",
                      host="127.0.0.1", dashboard_address=None) as cluster, \
            Client(cluster) as client:
        executor = client.get_executor()
        client.run(warm_worker)  # import and load the scorer in every worker before timing
        seconds, _ = timed(specs, out / "run", executor)
        return seconds, len(client.scheduler_info()["workers"])


def contact_sheet(catalog: Path, out: Path, executor: Executor, sheet: Path) -> int:
    """40 banners: every preset, both languages, several products, in one image."""
    items = products(catalog, 6)
    specs = []
    for index, (name, size) in enumerate(PRESETS.items()):
        for offset, variant in enumerate((VARIANTS[0], VARIANTS[3], VARIANTS[1], VARIANTS[4],
                                          VARIANTS[2], VARIANTS[3])):
            product = items[(index + offset) % len(items)]
            specs += plan_batch([product], [variant], [size])
    specs = specs[:40]
    report = run_batch(specs, out, executor)
    _compose([(out / e["file"], f"{e['size']} {e['language']} {e['template']}")
              for e in report.entries], sheet)
    return len(report.entries)


def _compose(tiles: list[tuple[Path, str]], target: Path, cell: int = 320, cols: int = 6) -> None:
    rows = (len(tiles) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * cell, rows * (cell + 22)), (228, 228, 232))
    draw = ImageDraw.Draw(sheet)
    for index, (path, label) in enumerate(tiles):
        with Image.open(path) as banner:
            banner.thumbnail((cell - 10, cell - 10))
            x, y = (index % cols) * cell, (index // cols) * (cell + 22)
            sheet.paste(banner, (x + (cell - banner.width) // 2, y + (cell - banner.height) // 2))
        draw.text((x + 6, y + cell), label, fill=(40, 40, 48), font=font(13))
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target)


def run(workers: int, sheet: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_demo_catalog(root / "catalog")
        specs = plan_batch(products(root / "catalog", 8), VARIANTS, SIZES)
        single = pool(1)
        base_s, _ = timed(specs, root / "single", single)
        single.shutdown()
        local = pool(workers)
        pool_s, report = timed(specs, root / "pool", local)
        resume_s, resumed = timed(specs, root / "pool", local)
        if sheet is not None:
            contact_sheet(root / "catalog", root / "sheet", local, sheet)
        local.shutdown()
        dask_s, dask_workers = dask_run(specs, root / "dask", workers)
    n = len(specs)
    return {
        "banners": n, "sizes": [f"{w}x{h}" for w, h in SIZES], "variants": len(VARIANTS),
        "workers": workers,
        "baseline_one_process_s": round(base_s, 2),
        "baseline_banners_per_s": round(n / base_s, 2),
        "pool_s": round(pool_s, 2), "banners_per_s": round(n / pool_s, 2),
        "speedup_vs_single": round(base_s / pool_s, 2),
        "peak_rss_mb_per_worker": round(max(report.workers.values()), 1),
        "dask_workers": dask_workers, "dask_s": round(dask_s, 2),
        "dask_banners_per_s": round(n / dask_s, 2),
        "resume_rendered": resumed.rendered, "resume_skipped": resumed.skipped,
        "resume_s": round(resume_s, 3),
        "contact_sheet": str(sheet) if sheet else None,
    }


def report(result: dict[str, Any], path: Path | None) -> None:
    n = result["banners"]
    print(f"banner synthesis: {n} banners ({len(result['sizes'])} sizes x "
          f"{result['variants']} variants x {n // len(result['sizes']) // result['variants']} "
          f"products), {os.cpu_count()} CPUs here")
    print(f"{'run':34} {'seconds':>8} {'banners/s':>10} {'speed-up':>9}")
    base = result["baseline_one_process_s"]
    rows = [("one process (baseline)", base), (f"local pool, {result['workers']} workers",
                                               result["pool_s"]),
            (f"dask LocalCluster, {result['dask_workers']} workers", result["dask_s"])]
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.2f} {n / seconds:10.2f} {base / seconds:9.2f}")
    print(f"peak RSS per worker: {result['peak_rss_mb_per_worker']} MB; resume: "
          f"{result['resume_rendered']} rendered, {result['resume_skipped']} skipped in "
          f"{result['resume_s']} s")
    if result["contact_sheet"]:
        print(f"contact sheet: {result['contact_sheet']}")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 2))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sheet", type=Path)
    args = parser.parse_args()
    sheet = args.sheet or (args.json.with_name("contact_sheet.png") if args.json else None)
    report(run(args.workers, sheet), args.json)


if __name__ == "__main__":
    main()
