"""The product knowledge graph: networkx in memory, persisted in SQLite.

Nodes are keyed ``type:name`` (``product:fw-trail-runner``, ``category:footwear``,
``brand:northpeak``, ``tag:running``, ``value:colour=black``); edges carry a ``type``
(``in_category``, ``made_by``, ``has_tag``, ``has_value``).

Example::

    graph = ProductGraph(Path("var/graph.sqlite"))
    graph.warm_up()
    graph.upsert_products(rows)
    graph.product("fw-trail-runner").attributes["colour"]     # ["black", "blue"]
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import networkx as nx

from kg.facts import ProductFacts, product_edges, product_node_data
from kg.schema import ProductRow
from shopmind.errors import DependencyUnavailable, NotFound

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (src TEXT NOT NULL, dst TEXT NOT NULL, type TEXT NOT NULL,
                                  PRIMARY KEY (src, dst, type));
CREATE INDEX IF NOT EXISTS edges_dst ON edges (dst);
"""


class ProductGraph:
    """Products and what they relate to. Call ``warm_up()`` before queries."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._graph: nx.MultiDiGraph | None = None

    def warm_up(self) -> None:
        if self._graph is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        graph = nx.MultiDiGraph()
        try:
            with closing(sqlite3.connect(self.path)) as db:
                db.executescript(_SCHEMA)
                for node_id, node_type, data in db.execute("SELECT id, type, data FROM nodes"):
                    graph.add_node(node_id, type=node_type, **json.loads(data))
                for src, dst, edge_type in db.execute("SELECT src, dst, type FROM edges"):
                    graph.add_edge(src, dst, key=edge_type, type=edge_type)
        except sqlite3.Error as exc:
            raise DependencyUnavailable("graph store", f"{self.path}: {exc}") from exc
        self._graph = graph

    @property
    def graph(self) -> nx.MultiDiGraph:
        self.warm_up()
        assert self._graph is not None
        return self._graph

    def upsert_products(self, rows: Iterable[ProductRow]) -> int:
        """Adds or replaces products in one transaction; returns how many."""
        rows = list(rows)
        self.warm_up()
        with closing(sqlite3.connect(self.path)) as db, db:
            for row in rows:
                self._write_product(db, row)
        for row in rows:
            self._apply_product(row)
        return len(rows)

    def delete_product(self, product_id: str) -> None:
        node = f"product:{product_id}"
        if node not in self.graph:
            raise NotFound(f"unknown product {product_id!r}")
        with closing(sqlite3.connect(self.path)) as db, db:
            db.execute("DELETE FROM edges WHERE src = ?", (node,))
            db.execute("DELETE FROM nodes WHERE id = ?", (node,))
        self.graph.remove_node(node)

    def product(self, product_id: str) -> ProductFacts:
        data = self.graph.nodes.get(f"product:{product_id}")
        if data is None:
            raise NotFound(f"unknown product {product_id!r}")
        return ProductFacts.from_node(product_id, data)

    def products(self) -> list[ProductFacts]:
        return [
            ProductFacts.from_node(node.split(":", 1)[1], data)
            for node, data in self.graph.nodes(data=True)
            if data.get("type") == "product"
        ]

    def products_with(self, node: str) -> list[str]:
        """Product ids linked to ``node`` (a tag, category, brand or value node)."""
        if node not in self.graph:
            return []
        return sorted(src.split(":", 1)[1] for src in self.graph.predecessors(node))

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, data in self.graph.nodes(data=True):
            counts[data["type"]] = counts.get(data["type"], 0) + 1
        counts["edges"] = self.graph.number_of_edges()
        return counts

    def _write_product(self, db: sqlite3.Connection, row: ProductRow) -> None:
        node = f"product:{row.id}"
        db.execute("DELETE FROM edges WHERE src = ?", (node,))
        db.execute(
            "INSERT OR REPLACE INTO nodes VALUES (?, 'product', ?)",
            (node, json.dumps(product_node_data(row), ensure_ascii=False)),
        )
        for dst, edge_type, node_data in product_edges(row):
            db.execute(
                "INSERT OR IGNORE INTO nodes VALUES (?, ?, ?)",
                (dst, dst.split(":", 1)[0], json.dumps(node_data, ensure_ascii=False)),
            )
            db.execute("INSERT OR IGNORE INTO edges VALUES (?, ?, ?)", (node, dst, edge_type))

    def _apply_product(self, row: ProductRow) -> None:
        graph = self.graph
        node = f"product:{row.id}"
        if node in graph:
            graph.remove_edges_from(list(graph.out_edges(node, keys=True)))
        graph.add_node(node, type="product", **product_node_data(row))
        for dst, edge_type, node_data in product_edges(row):
            if dst not in graph:
                graph.add_node(dst, type=dst.split(":", 1)[0], **node_data)
            graph.add_edge(node, dst, key=edge_type, type=edge_type)

