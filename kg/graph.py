"""The product knowledge graph: networkx in memory, persisted in SQLite.

Nodes are keyed ``type:name`` (``product:fw-trail-runner``, ``category:footwear``,
``brand:northpeak``, ``tag:running``, ``value:colour=black``, ``concept:rainy-days``,
``alias:brand=north peak``); an edge's key is its type (``in_category``, ``is_a``, ``made_by``,
``has_tag``, ``has_value``, ``suits``, ``related_tag``, ``complements``, ``similar_to``,
``alias_of``) and its data holds weights, evidence counts or the text a value was mined
from (empty for plain catalogue facts, which keeps a million products within memory).

Example::

    graph = ProductGraph(Path("var/graph.sqlite"))
    graph.upsert_products(rows)
    graph.product("fw-trail-runner").attributes["colour"]     # ["black", "blue"]
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx

from kg.facts import (
    LOCAL_EDGE_TYPES,
    Edge,
    NodeData,
    ProductFacts,
    product_edges,
    product_node_data,
)
from kg.schema import ProductRow
from shopmind.errors import DependencyUnavailable, NotFound

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (src TEXT NOT NULL, dst TEXT NOT NULL, type TEXT NOT NULL,
                                  data TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (src, dst, type));
CREATE INDEX IF NOT EXISTS edges_dst ON edges (dst);
CREATE INDEX IF NOT EXISTS edges_type ON edges (type);
"""
ExtraEdges = Callable[[ProductRow], list[tuple[Edge, NodeData]]]
_NO_SOURCES: Mapping[str, Any] = MappingProxyType({})


class ProductGraph:
    """Products and what they relate to. Loads lazily (``warm_up``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._graph: nx.MultiDiGraph | None = None

    def warm_up(self) -> None:
        if self._graph is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        graph = nx.MultiDiGraph()
        try:
            with long_lived_objects(), closing(sqlite3.connect(self.path)) as db:
                db.executescript(_SCHEMA)
                _migrate(db)
                for node_id, node_type, data in db.execute("SELECT id, type, data FROM nodes"):
                    graph.add_node(node_id, type=node_type, **json.loads(data))
                for src, dst, kind, data in db.execute("SELECT src, dst, type, data FROM edges"):
                    graph.add_edge(src, dst, key=kind, **json.loads(data))
        except sqlite3.Error as exc:
            raise DependencyUnavailable("graph store", f"{self.path}: {exc}") from exc
        self._graph = graph

    @property
    def graph(self) -> nx.MultiDiGraph:
        self.warm_up()
        assert self._graph is not None
        return self._graph

    def upsert_products(self, rows: Iterable[ProductRow], extra: ExtraEdges | None = None) -> int:
        """Adds or replaces products and their local relations, in one transaction."""
        rows = list(rows)
        planned = [(row, product_edges(row) + (extra(row) if extra else [])) for row in rows]
        graph = self.graph
        products = [(f"product:{row.id}", _dump(product_node_data(row))) for row in rows]
        targets: dict[str, NodeData] = {}
        edge_rows = []
        for _, edges in planned:
            for (src, dst, kind, data), node_data in edges:
                if dst not in graph and dst not in targets:
                    targets[dst] = node_data
                edge_rows.append((src, dst, kind, _dump(data)))
        stale = [(node,) for node, _ in products]
        with self._transaction() as db:
            db.executemany(f"DELETE FROM edges WHERE src = ? AND type IN {LOCAL_EDGE_TYPES}", stale)
            db.executemany("INSERT OR REPLACE INTO nodes VALUES (?, 'product', ?)", products)
            db.executemany("INSERT OR IGNORE INTO nodes VALUES (?, ?, ?)",
                           [(n, n.split(":", 1)[0], _dump(d)) for n, d in targets.items()])
            db.executemany("INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?)", edge_rows)
        for row, edges in planned:
            self._apply_product(row, edges)
        return len(rows)

    def delete_product(self, product_id: str) -> None:
        node = f"product:{product_id}"
        if node not in self.graph:
            raise NotFound(f"unknown product {product_id!r}")
        with self._transaction() as db:
            db.execute("DELETE FROM edges WHERE src = ? OR dst = ?", (node, node))
            db.execute("DELETE FROM nodes WHERE id = ?", (node,))
        self.graph.remove_node(node)

    def replace_edges(self, edge_type: str, edges: Sequence[tuple[Edge, NodeData | None]]
                      ) -> None:
        """Replaces every edge of one (mined) type, e.g. after re-mining ``related_tag``."""
        with self._transaction() as db:
            db.execute("DELETE FROM edges WHERE type = ?", (edge_type,))
        graph = self.graph
        graph.remove_edges_from([(u, v, k) for u, v, k in graph.edges(keys=True) if k == edge_type])
        self.add_edges(edges)

    def add_edges(self, edges: Sequence[tuple[Edge, NodeData | None]]) -> None:
        """Adds (or updates) mined edges, creating source nodes that carry data."""
        with self._transaction() as db:
            db.executemany("INSERT OR IGNORE INTO nodes VALUES (?, ?, ?)",
                           [(e[0], e[0].split(":", 1)[0], _dump(d)) for e, d in edges if d])
            db.executemany("INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?)",
                           [(e[0], e[1], e[2], _dump(e[3])) for e, _ in edges])
        graph = self.graph
        for (src, dst, kind, data), node_data in edges:
            if node_data and src not in graph:
                graph.add_node(src, type=src.split(":", 1)[0], **node_data)
            graph.add_edge(src, dst, key=kind, **data)

    def product(self, product_id: str) -> ProductFacts:
        data = self.graph.nodes.get(f"product:{product_id}")
        if data is None:
            raise NotFound(f"unknown product {product_id!r}")
        return ProductFacts.from_node(product_id, data)

    def products(self) -> list[ProductFacts]:
        return [ProductFacts.from_node(node.split(":", 1)[1], data)
                for node, data in self.graph.nodes(data=True) if data.get("type") == "product"]

    def products_with(self, node: str) -> list[str]:
        """Product ids linked to ``node`` (a tag, category, brand, value or concept node)."""
        if node not in self.graph:
            return []
        return sorted(src.split(":", 1)[1] for src in self.graph.predecessors(node)
                      if src.startswith("product:"))

    def sources(self, node: str) -> Mapping[str, Any]:
        """The nodes with an edge into ``node`` (read only). Membership tests on it are plain
        dict lookups; networkx's ``pred[node]`` builds a view object on every hit."""
        return self.graph._pred.get(node, _NO_SOURCES)  # type: ignore[no-any-return]

    def edges_of(self, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
        """Outgoing and incoming edges of one type: (other node, edge data)."""
        graph = self.graph
        if node not in graph:
            return []
        out = [(v, d) for _, v, k, d in graph.out_edges(node, keys=True, data=True)
               if k == edge_type]
        return out + [(u, d) for u, _, k, d in graph.in_edges(node, keys=True, data=True)
                      if k == edge_type]

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, data in self.graph.nodes(data=True):
            counts[data["type"]] = counts.get(data["type"], 0) + 1
        counts["edges"] = self.graph.number_of_edges()
        return counts

    def export_graphml(self, path: Path) -> Path:
        """GraphML with list and dict values stored as JSON strings."""
        export = nx.MultiDiGraph()
        for node, data in self.graph.nodes(data=True):
            export.add_node(node, **_flat(data))
        for u, v, k, data in self.graph.edges(keys=True, data=True):
            export.add_edge(u, v, key=k, **_flat(data))
        path.parent.mkdir(parents=True, exist_ok=True)
        nx.write_graphml(export, path)
        return path

    def _transaction(self) -> Any:
        self.warm_up()
        return _Transaction(self.path)

    def _apply_product(self, row: ProductRow, edges: list[tuple[Edge, NodeData]]) -> None:
        graph = self.graph
        node = f"product:{row.id}"
        if node in graph:
            graph.remove_edges_from([(u, v, k) for u, v, k in graph.out_edges(node, keys=True)
                                     if k in LOCAL_EDGE_TYPES])
        graph.add_node(node, type="product", **product_node_data(row))
        for (src, dst, kind, data), node_data in edges:
            if dst not in graph:
                graph.add_node(dst, type=dst.split(":", 1)[0], **node_data)
            graph.add_edge(src, dst, key=kind, **data)


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Around a bulk load: millions of new objects that live as long as the graph. The
    cyclic garbage collector is paused (it would rescan them again and again) and afterwards
    the objects are frozen (``gc.freeze``), so that later collections, during queries, skip
    them instead of walking the whole graph. Process-wide; nesting is fine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class _Transaction:
    """One SQLite transaction; a failure rolls back, so nothing half-written is left."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self._db

    def __exit__(self, kind: object, *_: object) -> None:
        with closing(self._db):
            if kind is None:
                self._db.commit()
            else:
                self._db.rollback()


def _migrate(db: sqlite3.Connection) -> None:
    """Graphs written before edges carried data get the column (empty data)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(edges)")}
    if "data" not in columns:
        db.execute("ALTER TABLE edges ADD COLUMN data TEXT NOT NULL DEFAULT '{}'")
        db.commit()


def _dump(data: dict[str, Any]) -> str:
    if not data:
        return "{}"
    return json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
            for k, v in data.items() if v is not None}
