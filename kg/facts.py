"""What the graph knows about one product, and how a catalogue row becomes nodes and edges."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.schema import AttributeValue, ProductRow


@dataclass(frozen=True)
class ProductFacts:
    """The facts of one product, as the agents read them."""

    id: str
    name_en: str
    name_zh: str | None
    category: str
    brand: str
    price: float
    currency: str
    stock: int
    description_en: str
    description_zh: str | None = None
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    image: str | None = None

    @classmethod
    def from_node(cls, product_id: str, data: dict[str, Any]) -> ProductFacts:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(id=product_id, **fields)

    def name(self, language: str = "en") -> str:
        return (self.name_zh if language == "zh" else None) or self.name_en

    def values(self, attribute: str) -> list[str]:
        """An attribute's values as strings ([] when the product does not have it)."""
        value = self.attributes.get(attribute)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def product_node_data(row: ProductRow) -> dict[str, Any]:
    return {
        "name_en": row.name.en, "name_zh": row.name.zh, "category": row.category,
        "brand": row.brand, "price": row.price, "currency": row.currency, "stock": row.stock,
        "description_en": row.description.en, "description_zh": row.description.zh,
        "attributes": dict(row.attributes), "tags": list(row.tags), "image": row.image,
    }


def product_edges(row: ProductRow) -> list[tuple[str, str, dict[str, Any]]]:
    """(target node, edge type, target node data) for every relation of a product row."""
    edges: list[tuple[str, str, dict[str, Any]]] = [
        (f"category:{row.category}", "in_category", {"label": row.category}),
        (f"brand:{row.brand.lower()}", "made_by", {"label": row.brand}),
    ]
    edges += [(f"tag:{tag}", "has_tag", {"label": tag}) for tag in row.tags]
    for attribute, value in row.attributes.items():
        for item in value if isinstance(value, list) else [value]:
            edges.append(
                (f"value:{attribute}={item}", "has_value",
                 {"label": str(item), "attribute": attribute})
            )
    return edges
