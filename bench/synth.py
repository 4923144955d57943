""""Make 200 banners" with warm caches: 20 demo products x 5 copy variants (English and
Chinese) x 2 sizes (1200x628, 800x800) through make_banners' batch path.

Before every timed run each worker of the same executor renders all 200 banners once,
untimed, so whichever worker gets a banner already holds its cutout, resized product layer,
layout, painted base and fonts; the timed run then renders all 200 into a fresh folder.

* ``wall_s`` / ``banners_per_s``: the local process pool (``--workers``, default 2).
* ``floor_wall_s``: measured in the same run on the same kind of pool with the same number of
  workers: for every banner, a plain canvas of its size, exactly one alpha composite of the
  product cutout (resized once per size and cached, like the renderer's layers) and an encode
  to the same format and quality. ``ratio_to_floor = wall_s / floor_wall_s``.
* ``dask_wall_s`` / ``dask_banners_per_s``: a Dask ``LocalCluster`` on 127.0.0.1 with the
  same number of workers, warm caches too (``dask_floor_wall_s`` and ``dask_ratio_to_floor``
  beside it). Its executor submits impure tasks (``pure=False``): with Dask's default a
  resubmitted call with the same arguments gets the same key and returns the result the
  workers still hold, so the floor's second pass computed nothing (0.04 s for 200 banners).
* A one-process baseline (warm), the speed-up, peak RSS per worker, a resume (nothing left to
  render) and a contact sheet of 40 banners across every size preset and both languages.

Every timed run renders into a folder that did not exist, waits for every task and checks
that it rendered (or, for the floor, encoded) every banner and that every file is on disk; it
stops with an error otherwise.

Targets: 200 banners in at most 10 s on 2 cores; ratio to floor at most 2.0.

    python bench/synth.py [--workers N] [--products N] [--json results.json] [--sheet sheet.png]

``--products`` (default 20) scales the batch: 10 banners a product; the targets are for 20.
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
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

from PIL import Image

# run from the repository root, not bench/ (whose copy.py would shadow the standard library)
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.contact_sheet import compose
from kg.demo.catalog import build_demo_catalog
from kg.demo.writer import write_demo_catalog
from tools.layout.presets import PRESETS
from tools.synth.batch import CHUNK, BatchReport, run_batch
from tools.synth.plan import CopyVariant, ProductInput, format_price, plan_batch
from tools.synth.render import BannerSpec, _encode, load_cutout, render_spec, warm_worker

PRODUCTS = 20
SIZES = [(1200, 628), (800, 800)]
VARIANTS = [
    CopyVariant("Summer Sale: up to 30% off", "Light, quick-drying and made for the heat.",
                "Shop now", "-30%", "en"),
    CopyVariant("New season, new favourites", "Free delivery on orders over $50.", "Buy now",
                "NEW", "en"),
    CopyVariant("Made to last", "Two-year warranty on everything we make.", "Discover", "", "en"),
    CopyVariant("夏季特卖，低至七折！", "轻盈速干，专为炎热天气打造。", "立即购买", "-30%", "zh"),
    CopyVariant("新品上市，限时抢购", "满299元包邮，七天无理由退换。", "立即抢购", "新品", "zh"),
]
TARGET_WALL_S = 10.0
TARGET_RATIO = 2.0


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
    """Times a full render into ``out``, which must not exist yet, and checks that every
    banner was rendered and written."""
    if out.exists():
        raise RuntimeError(f"{out} exists: a timed run must render into a fresh folder")
    started = time.perf_counter()
    report = run_batch(specs, out, executor)
    seconds = time.perf_counter() - started
    check_written(report, out, len(specs), rendered=len(specs))
    return seconds, report


def check_written(report: BatchReport, out: Path, banners: int, rendered: int) -> None:
    """Fails unless the batch rendered ``rendered`` of its ``banners`` (skipping the rest) and
    all ``banners`` files are in ``out``."""
    files = sum((out / entry["file"]).is_file() for entry in report.entries)
    if (report.rendered, report.skipped, files) != (rendered, banners - rendered, banners):
        raise RuntimeError(f"{out}: rendered {report.rendered} (expected {rendered}), skipped "
                           f"{report.skipped}, {files} of {banners} files on disk")


def warm_timed(specs: list[BannerSpec], out: Path, executor: Executor, workers: int
               ) -> tuple[float, BatchReport]:
    """Warms every worker's caches with every banner (untimed), then times a full render of
    the same banners into a fresh folder on the same executor."""
    warm_all(executor, workers, render_all, specs)
    return timed(specs, out / "timed", executor)


def warm_all(executor: Executor, workers: int, task: Any, specs: list[BannerSpec]) -> None:
    """Runs ``task(specs)`` once in every worker: on a Dask executor through ``Client.run``;
    on a pool as one long task per worker (each idle worker takes one)."""
    client = getattr(executor, "_client", None)
    if client is not None:
        client.run(task, specs)
    else:
        list(executor.map(task, [specs] * workers))


def render_all(specs: list[BannerSpec]) -> int:
    """Worker entry: renders every banner (not written), filling this worker's caches."""
    time.sleep(0.3)  # long enough for every worker to take one
    return sum(len(render_spec(spec).data) for spec in specs)


# --- the floor: a canvas, one alpha composite, one encode per banner --------------------------

@lru_cache(maxsize=128)
def _fitted_cutout(image: Path, mask: Path | None, width: int, height: int) -> Image.Image:
    """The cutout scaled to fit 60% x 80% of the canvas (resampled once per size)."""
    cutout = load_cutout(image, mask)
    scale = min(0.6 * width / cutout.width, 0.8 * height / cutout.height)
    size = (max(1, round(cutout.width * scale)), max(1, round(cutout.height * scale)))
    return cutout.resize(size, Image.Resampling.LANCZOS)


def floor_all(specs: list[BannerSpec]) -> int:
    """Worker entry: the floor for every banner, warming this worker's floor caches."""
    time.sleep(0.3)
    return floor_chunk(specs)


def floor_chunk(specs: list[BannerSpec]) -> int:
    """Worker entry: canvas + one alpha composite of the product cutout + encode, per banner;
    returns the number of banners encoded (each to a non-empty image)."""
    encoded = 0
    for spec in specs:
        layer = _fitted_cutout(spec.image, spec.mask, spec.width, spec.height)
        canvas = Image.new("RGB", (spec.width, spec.height), (236, 232, 226))
        canvas.paste(layer, (spec.width - layer.width - spec.width // 20,
                             (spec.height - layer.height) // 2), layer)
        encoded += len(_encode(canvas, spec.format)) > 0
    return encoded


def floor_run(specs: list[BannerSpec], executor: Executor, workers: int) -> float:
    """The floor on ``executor``, chunked like the batch (product and size, CHUNK at most),
    every worker warmed first; the faster of two timed passes."""
    def key(spec: BannerSpec) -> tuple[str, int, int]:
        return spec.product_id, spec.width, spec.height

    chunks = []
    for _, group in groupby(sorted(specs, key=key), key=key):
        members = list(group)
        chunks += [members[start:start + CHUNK] for start in range(0, len(members), CHUNK)]
    warm_all(executor, workers, floor_all, specs)
    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        encoded = sum(f.result() for f in [executor.submit(floor_chunk, c) for c in chunks])
        seconds.append(time.perf_counter() - started)
        if encoded != len(specs):
            raise RuntimeError(f"floor pass encoded {encoded} of {len(specs)} banners")
    return min(seconds)


def dask_run(specs: list[BannerSpec], out: Path, workers: int) -> tuple[float, float, int]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, protocol="tcp",
                      host="127.0.0.1", dashboard_address=None) as cluster, \
            Client(cluster) as client:
        # impure: a resubmitted floor chunk must run again, not return the held result
        executor = client.get_executor(pure=False)
        client.run(warm_worker)  # import and load the scorer in every worker before timing
        seconds, _ = warm_timed(specs, out, executor, workers)
        floor_s = floor_run(specs, executor, workers)
        return seconds, floor_s, len(client.scheduler_info()["workers"])


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
    compose([(out / e["file"], f"{e['size']} {e['language']} {e['template']}")
             for e in report.entries], sheet)
    return len(report.entries)


def run(workers: int, sheet: Path | None, product_count: int = PRODUCTS) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_demo_catalog(root / "catalog")
        specs = plan_batch(products(root / "catalog", product_count), VARIANTS, SIZES)
        single = pool(1)
        base_s, _ = warm_timed(specs, root / "single", single, 1)
        single.shutdown()
        local = pool(workers)
        wall_s, report = warm_timed(specs, root / "pool", local, workers)
        floor_s = floor_run(specs, local, workers)
        started = time.perf_counter()
        resumed = run_batch(specs, root / "pool" / "timed", local)
        resume_s = time.perf_counter() - started
        check_written(resumed, root / "pool" / "timed", len(specs), rendered=0)
        if sheet is not None:
            contact_sheet(root / "catalog", root / "sheet", local, sheet)
        local.shutdown()
        dask_s, dask_floor_s, dask_workers = dask_run(specs, root / "dask", workers)
    n = len(specs)
    ratio = wall_s / floor_s
    return {
        "banners": n, "products": product_count, "variants": len(VARIANTS),
        "sizes": [f"{w}x{h}" for w, h in SIZES], "format": specs[0].format,
        "workers": workers, "cpus": os.cpu_count(), "caches": "warm",
        "wall_s": round(wall_s, 2), "banners_per_s": round(n / wall_s, 2),
        "floor_wall_s": round(floor_s, 2), "ratio_to_floor": round(ratio, 2),
        "baseline_one_process_s": round(base_s, 2),
        "baseline_banners_per_s": round(n / base_s, 2),
        "speedup_vs_single": round(base_s / wall_s, 2),
        "peak_rss_mb_per_worker": round(max(report.workers.values()), 1),
        "dask_workers": dask_workers, "dask_wall_s": round(dask_s, 2),
        "dask_banners_per_s": round(n / dask_s, 2),
        "dask_floor_wall_s": round(dask_floor_s, 2),
        "dask_ratio_to_floor": round(dask_s / dask_floor_s, 2),
        "resume_rendered": resumed.rendered, "resume_skipped": resumed.skipped,
        "resume_s": round(resume_s, 3),
        "target_wall_s": TARGET_WALL_S, "target_ratio_to_floor": TARGET_RATIO,
        "target_met": {"wall_s": wall_s <= TARGET_WALL_S,
                       "ratio_to_floor": ratio <= TARGET_RATIO},
        "contact_sheet": str(sheet) if sheet else None,
    }


def report(result: dict[str, Any], path: Path | None) -> None:
    n = result["banners"]
    print(f"banner synthesis, warm caches: {n} banners ({result['products']} products x "
          f"{result['variants']} variants x {len(result['sizes'])} sizes "
          f"{'/'.join(result['sizes'])}, {result['format']}), {result['cpus']} CPUs here")
    print(f"{'run':34} {'seconds':>8} {'banners/s':>10} {'speed-up':>9} {'floor s':>8} "
          f"{'ratio':>6}")
    base = result["baseline_one_process_s"]
    rows = [("one process (baseline)", base, None, None),
            (f"local pool, {result['workers']} workers", result["wall_s"],
             result["floor_wall_s"], result["ratio_to_floor"]),
            (f"dask LocalCluster, {result['dask_workers']} workers", result["dask_wall_s"],
             result["dask_floor_wall_s"], result["dask_ratio_to_floor"])]
    for name, seconds, floor, ratio in rows:
        tail = f" {floor:8.2f} {ratio:6.2f}" if floor is not None else ""
        print(f"{name:34} {seconds:8.2f} {n / seconds:10.2f} {base / seconds:9.2f}{tail}")
    met = result["target_met"]
    print(f"targets: wall_s <= {result['target_wall_s']:g}: {met['wall_s']}; "
          f"ratio_to_floor <= {result['target_ratio_to_floor']:g}: {met['ratio_to_floor']}")
    print(f"peak RSS per worker: {result['peak_rss_mb_per_worker']} MB; resume: "
          f"{result['resume_rendered']} rendered, {result['resume_skipped']} skipped in "
          f"{result['resume_s']} s")
    if result["contact_sheet"]:
        print(f"contact sheet: {result['contact_sheet']}")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--products", type=int, default=PRODUCTS,
                        help=f"products in the batch, 10 banners each (default {PRODUCTS})")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sheet", type=Path)
    args = parser.parse_args()
    sheet = args.sheet or (args.json.with_name("contact_sheet.png") if args.json else None)
    report(run(args.workers, sheet, args.products), args.json)


if __name__ == "__main__":
    main()
