"""The knowledge base the agents use: graph, vectors and accounts over one catalogue folder.

``sync()`` loads the catalogue into the graph and the vector index only when the files
changed since the last sync (a content hash is kept beside the graph).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from kg.accounts import AccountStore
from kg.catalog import Row, RowProblem, read_jsonl
from kg.facts import ProductFacts
from kg.graph import ProductGraph
from kg.kinds import KINDS
from kg.matching import ProductMatcher
from kg.mining.pipeline import Miner, MiningReport, ingest
from kg.query import KnowledgeQuery
from kg.retriever import HybridRetriever
from kg.schema import FaqRow, OrderRow, ProductRow
from kg.vectors import VectorIndex
from shopmind.errors import NotFound
from shopmind.settings import Settings

log = logging.getLogger(__name__)
CATALOG_FILES = ("products.jsonl", "faq.jsonl", "orders.jsonl")


@dataclass
class SyncReport:
    changed: bool
    products: int = 0
    faqs: int = 0
    problems: list[RowProblem] = field(default_factory=list)


class KnowledgeBase:
    """Graph + vectors + accounts. Cheap to build; ``warm_up()`` loads. The tools' catalogue
    (:class:`tools.base.Catalogue`): ``version`` moves on every product change made here."""

    def __init__(self, settings: Settings, vectors: VectorIndex | None = None) -> None:
        self.settings = settings
        self.graph = ProductGraph(settings.graph_path)
        self.vectors = vectors or VectorIndex(settings)
        self.accounts = AccountStore(settings.catalog_dir)
        self.query = KnowledgeQuery(self.graph)
        self.miner = Miner()
        self.mining: MiningReport | None = None
        self._matcher: ProductMatcher | None = None
        self._version = 0

    @property
    def version(self) -> int:
        """Changes whenever ``sync``, ``upsert_product`` or ``delete_product`` changes products."""
        return self._version

    def warm_up(self) -> None:
        self.graph.warm_up()
        self.accounts.warm_up()

    def sync(self, with_vectors: bool = True) -> SyncReport:
        marker = self.settings.data_dir / "catalog.synced"
        digest = _catalog_digest(self.settings.catalog_dir)
        if marker.is_file() and marker.read_text() == digest:
            return SyncReport(changed=False)
        products = read_jsonl(self.settings.catalog_dir / "products.jsonl", ProductRow)
        faqs = read_jsonl(self.settings.catalog_dir / "faq.jsonl", FaqRow)
        orders = _optional(self.settings.catalog_dir / "orders.jsonl", OrderRow)
        self.miner = Miner.learn(products.rows)
        in_file = {row.id for row in products.rows}
        # gone from the file since the last sync: gone from the graph; products added one by
        # one (a merchant's catalogue upload) were never in the file and stay
        ids_path = self.settings.data_dir / "catalog.synced.ids"
        in_graph = {p.id for p in self.graph.products()}
        before = (set(json.loads(ids_path.read_text("utf-8"))) if ids_path.is_file()
                  else in_graph)
        removed = before - in_file
        for product_id in sorted(removed & in_graph):
            self.graph.delete_product(product_id)
        self.mining = ingest(self.graph, [products.rows], orders, self.miner)
        self._changed()
        if with_vectors:
            if removed:
                self.vectors.delete("products", sorted(removed))
            self.vectors.index_products(products.rows)
            self.vectors.index_faqs(faqs.rows)
            ids_path.write_text(json.dumps(sorted(in_file)), "utf-8")
            marker.write_text(digest)
        for problem in products.problems + faqs.problems:
            log.warning("skipped catalogue row: %s", problem)
        return SyncReport(True, len(products.rows), len(faqs.rows),
                          products.problems + faqs.problems)

    def upsert_product(self, row: ProductRow) -> None:
        """Writes one product to the graph (with its mined relations) and the vectors."""
        self.upsert_products([row])

    def upsert_products(self, rows: list[ProductRow]) -> None:
        """Writes products to the graph in one transaction, then embeds them in one batch."""
        if not rows:
            return
        if not self.miner.lexicon.phrases:
            self.miner = Miner.learn([*self.graph.products(), *rows])
        self.graph.upsert_products(rows, self.miner.local_edges)
        self._changed()
        self.vectors.index_products(rows)

    def delete_product(self, product_id: str) -> None:
        """Removes one product from the graph and the vectors."""
        self.graph.delete_product(product_id)
        self._changed()
        self.vectors.delete("products", [product_id])

    def retriever(self, k: int = 5) -> HybridRetriever:
        return HybridRetriever(knowledge=self, k=k)

    def product(self, product_id: str) -> ProductFacts:
        return self.graph.product(product_id)

    def products(self) -> list[ProductFacts]:
        return self.graph.products()

    def find_product(self, text: str) -> ProductFacts:
        """The product a text names; ``NotFound`` when none matches well enough."""
        match = self._names().best(text)
        if match is None:
            raise NotFound(f"no product in the catalogue matches {text!r}")
        return self.graph.product(match.product_id)

    def products_named(self, text: str) -> list[ProductFacts]:
        """The products a text names outright, in order (``ProductMatcher.named``)."""
        return [self.graph.product(p) for p in self._names().named(text)]

    def products_containing(self, fragment: str) -> list[str]:
        """Ids of the products whose name holds ``fragment`` ("台灯", "floor lamp")."""
        return self._names().containing(fragment)

    def _names(self) -> ProductMatcher:
        if self._matcher is None:
            self._matcher = ProductMatcher(self.graph.products())
        return self._matcher

    def _changed(self) -> None:
        """After the graph's products changed (before the vectors follow)."""
        self.query.refresh()
        self._matcher = None
        self._version += 1


# bump when mining changes what the graph holds, so a data folder synced by older code is
# mined again on the next start (2: product kinds, ``is_kind``)
MINING_VERSION = 2


def _catalog_digest(catalog_dir: Path) -> str:
    digest = hashlib.sha256(f"mining {MINING_VERSION}".encode())
    digest.update(repr(sorted(KINDS.items())).encode())  # a changed kind table re-ingests
    for name in CATALOG_FILES:
        path = catalog_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _optional(path: Path, model: type[Row]) -> list[Row]:
    return read_jsonl(path, model).rows if path.is_file() else []
