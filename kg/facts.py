"""What the graph knows about one product, and how a catalogue row becomes nodes and edges."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.lexicon import label_zh
from kg.mining.resolve import canonical
from kg.schema import AttributeValue, ProductRow

Edge = tuple[str, str, str, dict[str, Any]]  # source, target, type, data
NodeData = dict[str, Any]
LOCAL_EDGE_TYPES = ("in_category", "made_by", "has_tag", "has_value", "suits", "is_kind")


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
    stock: int | None
    description_en: str
    description_zh: str | None = None
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    category_path: list[str] = field(default_factory=list)

    @property
    def in_stock(self) -> bool:
        """True unless the catalogue says none are left (unknown stock counts as available)."""
        return self.stock is None or self.stock > 0

    @classmethod
    def from_node(cls, product_id: str, data: dict[str, Any]) -> ProductFacts:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields.setdefault("name_zh", None)  # the store drops empty values
        fields.setdefault("stock", None)
        return cls(id=product_id, **fields)

    def name(self, language: str = "en") -> str:
        return (self.name_zh if language == "zh" else None) or self.name_en

    def values(self, attribute: str) -> list[str]:
        """An attribute's values as strings ([] when the product does not have it)."""
        value = self.attributes.get(attribute)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def product_node_data(row: ProductRow) -> NodeData:
    return {
        "name_en": row.name.en, "name_zh": row.name.zh, "category": row.category,
        "category_path": list(row.category_path),
        "brand": row.brand, "price": row.price, "currency": row.currency, "stock": row.stock,
        "description_en": row.description.en, "description_zh": row.description.zh,
        "attributes": dict(row.attributes), "tags": list(row.tags), "image": row.image,
    }


def value_node(attribute: str, value: object) -> str:
    shown = canonical(value) if isinstance(value, str) else str(value).lower()
    return f"value:{attribute}={shown}"


def product_edges(row: ProductRow) -> list[tuple[Edge, NodeData]]:
    """(edge, target node data) for the structured relations of a product row, and the
    category tree above its category (``is_a``)."""
    source = f"product:{row.id}"
    category = f"category:{row.category}"
    edges: list[tuple[Edge, NodeData]] = [
        ((source, category, "in_category", {}), _labels("category", row.category)),
        ((source, f"brand:{canonical(row.brand)}", "made_by", {}), {"label_en": row.brand}),
    ]
    edges += [((source, f"tag:{t}", "has_tag", {}), _labels("tag", t)) for t in row.tags]
    for attribute, value in row.attributes.items():
        for item in value if isinstance(value, list) else [value]:
            data = {"label_en": str(item), "attribute": attribute,
                    "label_zh": label_zh(attribute, str(item))}
            edges.append(((source, value_node(attribute, item), "has_value",
                           {}), data))
    chain = [*row.category_path, row.category]
    for child, parent in zip(chain[1:], chain[:-1]):
        edges.append(((f"category:{child}", f"category:{parent}", "is_a", {}),
                      _labels("category", parent)))
    return edges


def _labels(kind: str, name: str) -> NodeData:
    return {"label_en": name.replace("_", " "), "label_zh": label_zh(kind, name)}
