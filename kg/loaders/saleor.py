"""Saleor's fixture format (``populatedb_data.json``, a Django dump) to catalogue rows.

Products come with their category tree, product type, attributes (product- and
variant-level), EditorJS descriptions, prices from channel listings and stock from
warehouses. Saleor has no brand field: the store's name stands in (``brand``).
A product that cannot be built is reported with its record number and field and skipped.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kg.catalog import LoadReport, RowProblem, validation_problems
from kg.schema import ProductRow
from shopmind.errors import InvalidInput

Records = dict[str, list[dict[str, Any]]]
_TAG = re.compile(r"<[^>]+>")


def load_saleor(path: Path, brand: str = "Saleor") -> LoadReport[ProductRow]:
    records = _records(path)
    index = _Index(records)
    report: LoadReport[ProductRow] = LoadReport()
    for number, record in enumerate(records.get("product.product", []), start=1):
        try:
            report.rows.append(index.product_row(record, brand))
        except ValidationError as exc:
            report.problems += validation_problems(path, number, exc)
        except KeyError as exc:
            report.problems.append(
                RowProblem(path, number, "reference", f"points to a missing record {exc}"))
    return report


def _records(path: Path) -> Records:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path} is not a readable Saleor fixture: {exc}") from exc
    if not isinstance(data, list):
        raise InvalidInput(f"{path}: a Saleor fixture is a JSON list of records")
    grouped: Records = defaultdict(list)
    for record in data:
        if isinstance(record, dict) and "model" in record:
            grouped[str(record["model"])].append(record)
    return grouped


def editorjs_text(description: Any) -> str:
    """Plain text of an EditorJS document (paragraphs, headers and list items)."""
    if isinstance(description, str):
        try:
            description = json.loads(description)
        except ValueError:
            return _clean(description)
    parts: list[str] = []
    for block in (description or {}).get("blocks", []):
        data = block.get("data", {})
        parts += [str(data[k]) for k in ("text",) if data.get(k)]
        parts += [str(item) for item in data.get("items", []) if isinstance(item, str)]
    return _clean(" ".join(parts))


def _clean(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())


class _Index:
    """Look-ups over the fixture's records by primary key."""

    def __init__(self, records: Records) -> None:
        def by_pk(model: str) -> dict[int, dict[str, Any]]:
            return {r["pk"]: r["fields"] for r in records.get(model, [])}

        self.categories = by_pk("product.category")
        self.types = by_pk("product.producttype")
        self.attributes = by_pk("attribute.attribute")
        self.values = by_pk("attribute.attributevalue")
        self.variants: dict[int, list[int]] = defaultdict(list)
        for pk, fields in by_pk("product.productvariant").items():
            self.variants[fields["product"]].append(pk)
        self.prices: dict[int, list[float]] = defaultdict(list)
        for fields in by_pk("product.productvariantchannellisting").values():
            if fields.get("price_amount") is not None:
                self.prices[fields["variant"]].append(float(fields["price_amount"]))
        self.stock: dict[int, int] = defaultdict(int)
        for fields in by_pk("warehouse.stock").values():
            self.stock[fields["product_variant"]] += int(fields.get("quantity") or 0)
        self.product_values = self._assigned(records, "attribute.assignedproductattributevalue",
                                             "product")
        self.variant_values = self._assigned(records, "attribute.assignedvariantattributevalue",
                                             "assignment")
        self.assignment_variant = {pk: f["variant"] for pk, f in
                                   by_pk("attribute.assignedvariantattribute").items()}

    @staticmethod
    def _assigned(records: Records, model: str, owner: str) -> dict[int, list[int]]:
        assigned: dict[int, list[int]] = defaultdict(list)
        for record in records.get(model, []):
            assigned[record["fields"][owner]].append(record["fields"]["value"])
        return assigned

    def product_row(self, record: dict[str, Any], brand: str) -> ProductRow:
        fields, pk = record["fields"], record["pk"]
        category = self.categories[fields["category"]]
        variants = self.variants.get(pk, [])
        prices = [p for v in variants for p in self.prices.get(v, [])]
        description = (_clean(fields.get("description_plaintext") or "")
                       or editorjs_text(fields.get("description")))
        return ProductRow.model_validate({
            "id": f"saleor-{fields['slug']}", "category": category["slug"],
            "category_path": self._ancestors(category), "brand": brand,
            "name": {"en": fields["name"]}, "description": {"en": description or fields["name"]},
            "price": min(prices) if prices else None, "currency": "USD",
            "stock": sum(self.stock.get(v, 0) for v in variants) if variants else None,
            "attributes": self._attributes(pk, variants),
            "tags": [self.types[fields["product_type"]]["slug"]],
        })

    def _ancestors(self, category: dict[str, Any]) -> list[str]:
        path: list[str] = []
        parent = category.get("parent")
        while parent is not None and parent in self.categories:
            path.insert(0, self.categories[parent]["slug"])
            parent = self.categories[parent].get("parent")
        return path

    def _attributes(self, product: int, variants: list[int]) -> dict[str, Any]:
        found: dict[str, list[str]] = defaultdict(list)
        value_ids = list(self.product_values.get(product, []))
        for assignment, variant in self.assignment_variant.items():
            if variant in variants:
                value_ids += self.variant_values.get(assignment, [])
        for value_id in value_ids:
            value = self.values.get(value_id)
            if value is None:
                continue
            slug = self.attributes[value["attribute"]]["slug"].replace("-", "_")
            if value["name"] not in found[slug]:
                found[slug].append(value["name"])
        return {k: (v[0] if len(v) == 1 else v) for k, v in found.items()}
