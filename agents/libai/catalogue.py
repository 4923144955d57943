"""Where Li Bai's products come from: the knowledge graph, the demo catalogue, Saleor's demo
fixture (public data read in place from ``Settings().shared_data``).

    products = graph_products(ProductGraph(settings.graph_path))
    saleor = saleor_products(settings.shared_data)      # the 32 Saleor products
"""

from __future__ import annotations

from pathlib import Path

from kg.facts import ProductFacts, product_node_data
from kg.graph import ProductGraph
from kg.schema import ProductRow
from shopmind.errors import NotFound

SALEOR_FIXTURE = Path("catalog") / "saleor" / "populatedb_data.json"


def facts_of(row: ProductRow) -> ProductFacts:
    """A catalogue row as the graph would give it back."""
    return ProductFacts.from_node(row.id, product_node_data(row))


def graph_products(graph: ProductGraph) -> list[ProductFacts]:
    return sorted(graph.products(), key=lambda p: p.id)


def demo_products() -> list[ProductFacts]:
    """The demo catalogue's products (built in memory, no files written)."""
    from kg.demo.catalog import build_demo_catalog

    return [facts_of(row) for row in build_demo_catalog().products]


def product_concepts(product: ProductFacts) -> list[str]:
    """The shopping concepts the knowledge graph's rules attach to a product (rainy-days ...)."""
    from kg.mining.concepts import concepts_for

    return sorted(concepts_for(product))


def saleor_products(shared_data: Path) -> list[ProductFacts]:
    """Saleor's demo products, through the knowledge graph's Saleor loader."""
    path = shared_data / SALEOR_FIXTURE
    if not path.is_file():
        raise NotFound(f"no Saleor fixture at {path} (set SHOPMIND_SHARED_DATA)")
    from kg.loaders.saleor import load_saleor

    return [facts_of(row) for row in load_saleor(path).rows]
