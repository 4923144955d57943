"""Banner synthesis throughput: the configured local process pool against a one-process
baseline measured in the same run, on the demo catalogue.

    python bench/banners.py [--banners 60] [--size 1200x628] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.demo.writer import write_demo_catalog
from kg.knowledge import KnowledgeBase
from shopmind.settings import Settings
from tools.base import ToolContext
from tools.registry import ToolRegistry
from tools.synth.executors import create_executor


class InlineExecutor(Executor):
    """Runs each task in the calling thread: the one-process baseline."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _items(settings: Settings, count: int, size: str) -> list[dict[str, str]]:
    knowledge = KnowledgeBase(settings)
    knowledge.sync(with_vectors=False)
    products = sorted(p.id for p in knowledge.graph.products())
    return [{"product_id": products[i % len(products)], "headline": f"Summer Sale {i}",
             "subline": "Light, quick-drying, made for the heat.", "size": size}
            for i in range(count)]


def _timed(settings: Settings, executor: Executor, items: list[dict[str, str]], out: Path
           ) -> float:
    registry = ToolRegistry.from_entry_points(ToolContext(settings, lambda: executor))
    started = time.perf_counter()
    registry.call("make_banners", {"items": items, "out_dir": str(out)})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--banners", type=int, default=60)
    parser.add_argument("--size", default="1200x628")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(data_dir=Path(scratch), _env_file=None)  # type: ignore[call-arg]
        write_demo_catalog(settings.catalog_dir)
        items = _items(settings, args.banners, args.size)
        warm = create_executor(settings)  # spawn the workers before timing
        list(warm.map(abs, range(settings.workers * 2)))
        results = {
            "baseline_one_process_s": _timed(settings, InlineExecutor(), items,
                                             Path(scratch) / "a"),
            "thread_pool_s": _timed(settings, ThreadPoolExecutor(settings.workers), items,
                                    Path(scratch) / "b"),
            "process_pool_s": _timed(settings, warm, items, Path(scratch) / "c"),
        }
        warm.shutdown()
    report(results, args.banners, args.size, args.json)


def report(results: dict[str, float], count: int, size: str, path: Path | None) -> None:
    base = results["baseline_one_process_s"]
    rows = {name: {"seconds": round(s, 3), "banners_per_s": round(count / s, 1),
                   "speedup_vs_baseline": round(base / s, 2)} for name, s in results.items()}
    print(f"banner synthesis, {count} banners at {size}")
    print(f"{'executor':28} {'seconds':>8} {'banners/s':>10} {'speed-up':>9}")
    for name, row in rows.items():
        print(f"{name:28} {row['seconds']:8.2f} {row['banners_per_s']:10.1f} "
              f"{row['speedup_vs_baseline']:9.2f}")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"banners": count, "size": size, "executors": rows}, indent=2))


if __name__ == "__main__":
    main()
