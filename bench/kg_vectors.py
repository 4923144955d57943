"""Vector figures for ``bench/kg.py``: embedding throughput, Chroma indexing and search.

Embeddings are kept on disk (``var/bench/embeddings`` by default) under a hash of the model
settings and the documents of each upsert, with the seconds the embedding took, so a re-run
builds the collection without re-embedding and still reports the measured throughput.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, Embeddings

from kg.embeddings import MiniLMEmbedding
from kg.synthetic import COLOURS, MATERIALS, NOUNS, synthetic_products
from kg.vectors import VectorIndex, product_document
from shopmind.settings import Settings

UPSERT = 5000  # documents per upsert and per cache file
BATCH = 64
MAX_TOKENS = 128  # synthetic documents are 60-100 tokens: the cap changes nothing here


class CachedEmbedding(MiniLMEmbedding):
    """MiniLM whose vectors for each call are read from ``cache_dir`` when computed before.
    Counts documents and the seconds spent embedding them, cached calls included."""

    def __init__(self, cache_dir: Path, batch_size: int = BATCH,
                 max_seq_length: int | None = MAX_TOKENS) -> None:
        super().__init__(batch_size=batch_size, max_seq_length=max_seq_length)
        self.cache_dir = cache_dir
        self.documents = 0
        self.seconds = 0.0  # measured now or when the cached vectors were computed
        self.cpu_seconds = 0.0  # process CPU time (all threads) for the same documents
        self.cpu_documents = 0  # documents whose CPU time is known
        self.fresh_seconds = 0.0  # spent embedding in this run
        self.cached_documents = 0

    def __call__(self, input: Documents) -> Embeddings:
        path = self.cache_dir / f"{self._key(input)}.npy"
        record = path.with_suffix(".json")
        if path.is_file() and record.is_file():
            measured = json.loads(record.read_text())
            vectors = np.load(path)
            self.cached_documents += len(input)
        else:
            started, cpu_started = time.perf_counter(), time.process_time()
            vectors = np.asarray(super().__call__(input), dtype=np.float32)
            measured = {"seconds": time.perf_counter() - started, "documents": len(input),
                        "cpu_seconds": time.process_time() - cpu_started}
            self.fresh_seconds += measured["seconds"]
            self._store(path, vectors, measured)
        self._count(len(input), measured)
        return list(vectors)

    def _count(self, documents: int, measured: dict[str, Any]) -> None:
        self.documents += documents
        self.seconds += float(measured["seconds"])
        if "cpu_seconds" in measured:
            self.cpu_seconds += float(measured["cpu_seconds"])
            self.cpu_documents += documents
        print(f"embedded {self.documents} documents, {self.documents / self.seconds:.1f}/s "
              f"({self.cached_documents} from the cache; "
              f"{self.cpu_documents / max(self.cpu_seconds, 1e-9):.1f} per CPU second)",
              flush=True)

    def _key(self, documents: Documents) -> str:
        digest = hashlib.sha256(f"{self.name()}|{self.max_seq_length}".encode())
        for document in documents:
            digest.update(b"\0" + document.encode())
        return digest.hexdigest()[:32]

    def _store(self, path: Path, vectors: np.ndarray, record: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npy")
        np.save(partial, vectors)
        partial.replace(path)
        path.with_suffix(".json").write_text(json.dumps(record))


def vector_figures(data_dir: Path, count: int, queries: int, cache_dir: Path) -> dict[str, Any]:
    settings = Settings(data_dir=data_dir / "vec", _env_file=None)  # type: ignore[call-arg]
    embedding = CachedEmbedding(cache_dir)
    embedding.warm_up()
    rows = list(synthetic_products(count, seed=5))
    started = time.perf_counter()
    for start in range(0, count, UPSERT):
        VectorIndex(settings, embedding).index_products(rows[start:start + UPSERT])
    index_s = time.perf_counter() - started
    searcher = MiniLMEmbedding(max_seq_length=MAX_TOKENS)
    figures = search_figures(VectorIndex(settings, searcher), searcher, queries)
    chroma_s = index_s - embedding.fresh_seconds
    import torch

    per_cpu_s = embedding.cpu_documents / embedding.cpu_seconds if embedding.cpu_seconds else None
    return {"vector_products": count, "embed_docs_per_s": round(count / embedding.seconds, 1),
            "embed_s": round(embedding.seconds, 1),
            "embed_docs_per_cpu_s": round(per_cpu_s, 1) if per_cpu_s else None,
            "embed_threads": torch.get_num_threads(),
            "embeddings_from_cache": embedding.cached_documents,
            "vector_index_s": round(index_s, 1), "chroma_upsert_s": round(chroma_s, 1),
            **figures, "example_document": product_document(rows[0])[:120]}


def search_figures(index: VectorIndex, embedding: MiniLMEmbedding, queries: int
                   ) -> dict[str, float]:
    """Search latency (embed the query, then the nearest 10 in Chroma), and the query
    embedding alone."""
    rng = random.Random(4)
    texts = [f"{rng.choice(COLOURS)} {rng.choice(MATERIALS)} {rng.choice(NOUNS)}"
             for _ in range(queries)]
    for text in texts[:10]:  # load the index and the model's first-call paths
        index.search("products", text, 10)
    search_p50, search_p99 = percentiles(timed([lambda t=t: index.search("products", t, 10)
                                                for t in texts]))
    embed_p50, embed_p99 = percentiles(timed([lambda t=t: embedding([t]) for t in texts]))
    return {"vector_search_p50_ms": search_p50, "vector_search_p99_ms": search_p99,
            "query_embed_p50_ms": embed_p50, "query_embed_p99_ms": embed_p99}


def timed(calls: list[Any]) -> list[float]:  # zero-argument callables
    """Milliseconds each call took (also used by ``bench/kg.py``)."""
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds."""
    return (round(float(np.percentile(samples_ms, 50)), 4),
            round(float(np.percentile(samples_ms, 99)), 4))
