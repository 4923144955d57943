"""The app's resident memory with a large catalogue, stage by stage, and how many copies of
the product graph it holds.

A child process writes an N-product synthetic catalogue (:mod:`kg.synthetic`) and ingests it
into the graph store, as ``shopmind serve`` does on its first start. This process then starts
like the app does on a later start: it builds the platform (``ui.platform.Platform``), loads
the knowledge base (the graph from SQLite), builds the tool registry and warms up every tool.
After each stage it reports VmRSS (``/proc/self/status``), the ``ProductGraph`` instances
alive and how many of them hold a loaded graph.

The vector index is not built: embedding 100,000 products takes longer than the run should,
and Chroma's memory is the same whichever way the tools read the catalogue.

    python bench/memory.py                          # 100,000 products
    python bench/memory.py --products 20000 --json out.json
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

# run from the repository root, not bench/ (whose copy.py would shadow the standard library)
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from kg.graph import ProductGraph
from kg.synthetic import synthetic_products
from shopmind.settings import Settings
from ui.platform import Platform

TOOLS = ("make_banners", "write_copy", "remove_background")


def settings_for(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, _env_file=None)  # type: ignore[call-arg]


def prepare(data_dir: Path, count: int) -> dict[str, Any]:
    """Writes the catalogue files and ingests the products into the graph (child process)."""
    from kg.knowledge import KnowledgeBase

    settings = settings_for(data_dir)
    settings.catalog_dir.mkdir(parents=True, exist_ok=True)
    with (settings.catalog_dir / "products.jsonl").open("w", encoding="utf-8") as handle:
        for row in synthetic_products(count):
            handle.write(row.model_dump_json(exclude_none=True) + "\n")
    for name in ("faq.jsonl", "orders.jsonl", "profiles.jsonl"):
        (settings.catalog_dir / name).write_text("", encoding="utf-8")
    started = time.perf_counter()
    KnowledgeBase(settings).sync(with_vectors=False)
    stats = ProductGraph(settings.graph_path).stats()
    return {"ingest_s": round(time.perf_counter() - started, 1),
            "graph_nodes": sum(v for k, v in stats.items() if k != "edges"),
            "graph_edges": stats["edges"], "graph_products": stats.get("product", 0)}


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmRSS in /proc/self/status")


def graph_copies() -> tuple[int, int]:
    """(ProductGraph instances, those holding a loaded graph). Frozen objects (the graph
    store freezes what it loads) are invisible to ``gc.get_objects``: unfreeze, count, freeze."""
    gc.unfreeze()
    graphs = [o for o in gc.get_objects() if isinstance(o, ProductGraph)]
    loaded = sum(g._graph is not None for g in graphs)
    gc.freeze()
    return len(graphs), loaded


def measure(stage: str, started: float) -> dict[str, Any]:
    gc.collect()
    instances, loaded = graph_copies()
    return {"stage": stage, "rss_mb": resident_mb(), "product_graphs": instances,
            "loaded_graphs": loaded, "seconds": round(time.perf_counter() - started, 1)}


def stages(data_dir: Path) -> list[dict[str, Any]]:
    started = time.perf_counter()
    rows = [measure("imports", started)]
    platform = Platform(settings_for(data_dir))
    platform.knowledge.warm_up()
    rows.append(measure("knowledge base loaded", started))
    registry = platform.registry
    rows.append(measure("registry built", started))
    for name in TOOLS:
        registry.get(name).warm_up()
        rows.append(measure(f"{name} warmed up", started))
    platform.close()
    return rows


def run(products: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "var"
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=context) as child:
            prepared = child.submit(prepare, data_dir, products).result()
        rows = stages(data_dir)
    import ui.platform

    return {"products": products, "vectors": "not built (graph only)", **prepared,
            "code": str(Path(ui.platform.__file__).resolve().parent.parent),
            "stages": rows, "final_rss_mb": rows[-1]["rss_mb"],
            "final_product_graphs": rows[-1]["product_graphs"],
            "final_loaded_graphs": rows[-1]["loaded_graphs"]}


def report(result: dict[str, Any], path: Path | None) -> None:
    print(f"app memory with {result['products']:,} products ({result['graph_nodes']:,} nodes, "
          f"{result['graph_edges']:,} edges; vectors {result['vectors']}; "
          f"ingest {result['ingest_s']} s in a child process); code in {result['code']}")
    print(f"{'stage':28} {'RSS MB':>8} {'ProductGraphs':>14} {'loaded':>7} {'at s':>6}")
    for row in result["stages"]:
        print(f"{row['stage']:28} {row['rss_mb']:8.1f} {row['product_graphs']:14d} "
              f"{row['loaded_graphs']:7d} {row['seconds']:6.1f}")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not Path("/proc/self/status").is_file():
        parser.exit(1, f"needs /proc/self/status (Linux); this is {os.name}\n")
    report(run(args.products), args.json)


if __name__ == "__main__":
    main()
