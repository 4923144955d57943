"""Knowledge-graph benchmark: ingest, memory and query latency on a synthetic catalogue,
vector indexing and search, and attribute ranking accuracy on Amazon semiPQA.

    python bench/kg.py --products 1000000 --vector-products 100000 --json out.json
    python bench/kg.py                      # defaults: 10,000 products, 2,000 vectors
    python bench/kg.py --products 0 --vector-products 100000 --skip-pqa   # vectors only

Embeddings are cached under ``var/bench/embeddings`` (``--embedding-cache``), keyed by the
documents and model settings: a re-run builds the Chroma collection without re-embedding and
reports the throughput measured when the vectors were computed (``embeddings_from_cache``).

Latencies are measured in this process after ingest; peak memory is the process's peak
resident set (ru_maxrss) and includes everything the run did.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the repo root, not bench/ (bench/copy.py)

from bench.kg_vectors import percentiles, timed, vector_figures
from kg.embeddings import MiniLMEmbedding
from kg.graph import ProductGraph
from kg.mining.pipeline import ingest
from kg.query import KnowledgeQuery
from kg.schema import OrderLine, OrderRow, ProductRow
from kg.synthetic import COLOURS, DEPARTMENTS, MATERIALS, NOUNS, synthetic_products
from shopmind.settings import Settings

BATCH = 50_000


def write_catalogue(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in synthetic_products(count):
            handle.write(row.model_dump_json(exclude_none=True) + "\n")


def batches(path: Path) -> Iterator[list[ProductRow]]:
    batch: list[ProductRow] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            batch.append(ProductRow.model_validate_json(line))
            if len(batch) == BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def synthetic_orders(count: int, products: int, seed: int = 2) -> list[OrderRow]:
    rng = random.Random(seed)
    orders = []
    for index in range(count):
        first = rng.randrange(products)
        picks = {first, (first + 200 * rng.randint(1, 3)) % products}  # same category
        lines = [OrderLine(product_id=f"syn-{p:07d}", quantity=1, unit_price=1.0) for p in picks]
        orders.append(OrderRow(id=f"O{index}", shopper_id="u", state="delivered", lines=lines,
                               placed_at="2026-01-01", expected_delivery="2026-01-05"))
    return orders


def constraint_texts(count: int, rng: random.Random) -> list[str]:
    templates = (
        lambda: f"waterproof {rng.choice(MATERIALS)} {rng.choice(NOUNS)} under {rng.randint(20, 300)}",
        lambda: f"{rng.choice(COLOURS)} {rng.choice(NOUNS)} in {rng.choice(DEPARTMENTS)}",
        lambda: f"{rng.choice(MATERIALS)} {rng.choice(COLOURS)} under {rng.randint(10, 100)}",
        lambda: f"{rng.choice(DEPARTMENTS)} over {rng.randint(50, 350)}",
        lambda: f"a gift for a runner under {rng.randint(30, 200)}",
    )
    return [rng.choice(templates)() for _ in range(count)]


def graph_figures(data_dir: Path, products: int, queries: int) -> dict[str, Any]:
    source = data_dir / "products.jsonl"
    write_catalogue(source, products)
    graph = ProductGraph(data_dir / "graph.sqlite")
    started = time.perf_counter()
    report = ingest(graph, batches(source), synthetic_orders(products // 10, products))
    ingest_s = time.perf_counter() - started
    rng = random.Random(3)
    ids = [f"syn-{rng.randrange(products):07d}" for _ in range(queries * 10)]
    fact_p50, fact_p99 = percentiles(timed([lambda i=i: graph.product(i) for i in ids]))
    query = KnowledgeQuery(graph)
    started = time.perf_counter()
    query.parse("warm up")
    query.search(query.parse("under 10"))
    warm_s = time.perf_counter() - started
    texts = constraint_texts(queries, rng)
    samples = timed([lambda t=t: query.search(query.parse(t)) for t in texts])
    hits = sum(bool(query.search(query.parse(t))) for t in texts[:50])
    c_p50, c_p99 = percentiles(samples)
    return {"products": products, "ingest_s": round(ingest_s, 1),
            "edges": graph.graph.number_of_edges(), "nodes": graph.graph.number_of_nodes(),
            "mined": vars(report), "query_warm_up_s": round(warm_s, 2),
            "fact_lookup_p50_ms": fact_p50, "fact_lookup_p99_ms": fact_p99,
            "constraint_query_p50_ms": c_p50, "constraint_query_p99_ms": c_p99,
            "constraint_queries_with_hits_of_50": hits}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--vector-products", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--skip-pqa", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--embedding-cache", type=Path,
                        default=Settings(_env_file=None).data_dir / "bench" / "embeddings")  # type: ignore[call-arg]
    parser.add_argument("--embed-threads", type=int, help="torch threads (default: torch's)")
    args = parser.parse_args()
    if args.embed_threads:
        import torch

        torch.set_num_threads(args.embed_threads)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        if args.products:
            results.update(graph_figures(Path(scratch), args.products, args.queries))
        if args.vector_products:
            results.update(vector_figures(Path(scratch), args.vector_products, 200,
                                          args.embedding_cache))
    if not args.skip_pqa:
        from bench.kg_pqa import evaluate, load

        data = Settings(_env_file=None).shared_data / "pqa" / "semipqa"  # type: ignore[call-arg]
        if (data / "semipqa_dev_grouped.jsonl").is_file():
            results.update(evaluate(load(data / "semipqa_dev_grouped.jsonl"), MiniLMEmbedding()))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    report(results, args.json)


def report(results: dict[str, Any], path: Path | None) -> None:
    print(f"{'metric':36} value")
    for key, value in results.items():
        if not isinstance(value, dict):
            print(f"{key:36} {value}")
    if "mined" in results:
        print(f"{'mined':36} {results['mined']}")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
