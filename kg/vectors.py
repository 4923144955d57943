"""Chroma collections for products and FAQ: embedded ``PersistentClient`` by default,
a Chroma server through ``HttpClient`` when ``SHOPMIND_CHROMA_MODE=server``.

Example::

    index = VectorIndex(settings)
    index.index_faqs(faq_rows)
    index.search("faq", "how long do refunds take?", k=3)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from kg.embeddings import MiniLMEmbedding
from kg.schema import FaqRow, ProductRow
from shopmind.errors import DependencyUnavailable, InvalidInput
from shopmind.settings import Settings

COLLECTIONS = ("products", "faq")


@dataclass(frozen=True)
class VectorHit:
    id: str
    distance: float
    document: str
    metadata: dict[str, Any]


class VectorIndex:
    """The product and FAQ collections. Heavy parts load in ``warm_up()``."""

    def __init__(self, settings: Settings, embedding: MiniLMEmbedding | None = None) -> None:
        self.settings = settings
        self.embedding = embedding or MiniLMEmbedding()
        self._client: Any = None

    def warm_up(self) -> None:
        if self._client is None:
            self._client = self._connect()

    def heartbeat(self) -> str:
        self.warm_up()
        try:
            self._client.heartbeat()
        except Exception as exc:  # chromadb raises many kinds; all mean "down"
            raise DependencyUnavailable("chroma", str(exc)) from exc
        return self._where()

    def count(self, collection: str) -> int:
        return int(self._collection(collection).count())

    def index_products(self, rows: list[ProductRow]) -> None:
        self._upsert("products", [(r.id, product_document(r), {"category": r.category,
                      "brand": r.brand, "price": r.price}) for r in rows])

    def index_faqs(self, rows: list[FaqRow]) -> None:
        self._upsert("faq", [(r.id, faq_document(r), {"topic": r.topic, "answer_en": r.answer.en,
                      "answer_zh": r.answer.zh or r.answer.en}) for r in rows])

    def delete(self, collection: str, ids: list[str]) -> None:
        self._collection(collection).delete(ids=ids)

    def search(self, collection: str, text: str, k: int = 5) -> list[VectorHit]:
        if not text.strip():
            raise InvalidInput("search text is empty")
        result = self._collection(collection).query(query_texts=[text], n_results=k)
        return [
            VectorHit(i, float(d), doc or "", dict(meta or {}))
            for i, d, doc, meta in zip(result["ids"][0], result["distances"][0],
                                       result["documents"][0], result["metadatas"][0])
        ]

    def similarities(self, collection: str, text: str, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of ``text`` to each stored item in ``ids`` (missing ids: none)."""
        if not ids:
            return {}
        import numpy as np

        stored = self._collection(collection).get(ids=ids, include=["embeddings"])
        if not len(stored["ids"]):
            return {}
        query = np.asarray(self.embedding([text])[0])
        matrix = np.asarray(stored["embeddings"])
        return {i: float(s) for i, s in zip(stored["ids"], matrix @ query)}

    def _upsert(self, name: str, items: list[tuple[str, str, dict[str, Any]]]) -> None:
        if items:
            ids, docs, metas = (list(x) for x in zip(*items))
            self._collection(name).upsert(ids=ids, documents=docs, metadatas=metas)

    def _collection(self, name: str) -> Any:
        if name not in COLLECTIONS:
            raise InvalidInput(f"unknown collection {name!r}; use one of {COLLECTIONS}")
        self.warm_up()
        return self._client.get_or_create_collection(
            name, embedding_function=self.embedding, metadata={"hnsw:space": "cosine"}
        )

    def _connect(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if self.settings.chroma_mode == "server":
                url = urlparse(self.settings.chroma_url or "")
                if not url.hostname:
                    raise InvalidInput("SHOPMIND_CHROMA_URL must be set in server mode")
                return chromadb.HttpClient(host=url.hostname, port=url.port or 8000,
                                           settings=chroma_settings)
            self.settings.chroma_path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(self.settings.chroma_path),
                                             settings=chroma_settings)
        except (ValueError, OSError, ConnectionError) as exc:
            raise DependencyUnavailable("chroma", f"{self._where()}: {exc}") from exc

    def _where(self) -> str:
        if self.settings.chroma_mode == "server":
            return f"server {self.settings.chroma_url}"
        return f"embedded {self.settings.chroma_path}"


def product_document(row: ProductRow) -> str:
    attributes = "; ".join(f"{k}: {v}" for k, v in row.attributes.items())
    return (f"{row.name.en} ({row.name.zh or ''}) by {row.brand}, {row.category}. "
            f"{row.description.en} Tags: {', '.join(row.tags)}. {attributes}")


def faq_document(row: FaqRow) -> str:
    return f"{row.question.en} {row.answer.en} {row.question.zh or ''}"
