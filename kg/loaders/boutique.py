"""Google's Online Boutique ``products.json`` to catalogue rows (no brand or stock: the
store's name stands in for the brand and stock is unknown)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kg.catalog import LoadReport, RowProblem, validation_problems
from kg.schema import ProductRow
from shopmind.errors import InvalidInput


def load_boutique(path: Path, brand: str = "Online Boutique") -> LoadReport[ProductRow]:
    try:
        products = json.loads(path.read_text(encoding="utf-8"))["products"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(f"{path} is not an Online Boutique products.json: {exc}") from exc
    report: LoadReport[ProductRow] = LoadReport()
    for number, item in enumerate(products, start=1):
        try:
            report.rows.append(_row(item, brand))
        except ValidationError as exc:
            report.problems += validation_problems(path, number, exc)
        except (KeyError, TypeError) as exc:
            report.problems.append(RowProblem(path, number, str(exc), "missing or malformed"))
    return report


def _row(item: dict[str, Any], brand: str) -> ProductRow:
    price = item["priceUsd"]
    categories = [str(c).lower() for c in item.get("categories", [])]
    picture = str(item.get("picture", ""))
    return ProductRow.model_validate({
        "id": f"boutique-{item['id'].lower()}", "category": categories[0] if categories else "",
        "brand": brand, "name": {"en": item["name"]}, "description": {"en": item["description"]},
        "price": int(price.get("units", 0)) + int(price.get("nanos", 0)) / 1e9,
        "currency": price.get("currencyCode", "USD"), "stock": None, "attributes": {},
        "tags": [re.sub(r"[^a-z0-9]+", "-", c).strip("-") for c in categories[1:]],
        "image": f"photos/{Path(picture).name}" if picture else None,
    })
