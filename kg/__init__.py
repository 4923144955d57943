"""The product knowledge graph: schema, catalogue loaders, graph store, vectors.

Heavy parts (Chroma, embeddings) live in ``kg.vectors`` and ``kg.knowledge``, imported
where they are used, so that importing ``kg`` stays cheap for worker processes.
"""

from kg.facts import ProductFacts
from kg.graph import ProductGraph
from kg.schema import FaqRow, OrderRow, ProductRow, ProfileRow

__all__ = ["FaqRow", "OrderRow", "ProductFacts", "ProductGraph", "ProductRow", "ProfileRow"]
