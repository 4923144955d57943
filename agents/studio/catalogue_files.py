"""An uploaded catalogue file read into product rows, each good row with its line.

Two formats, told apart by content: the project's JSON lines (one ``ProductRow`` a line,
``kg.schema``) and Saleor's fixture (a JSON list of Django records, ``kg.loaders.saleor``).
A bad row becomes a problem with its line (for Saleor, the product record's number, as
``load_saleor`` counts them) and field, and is skipped. A file that cannot be a catalogue at
all (empty, binary, not UTF-8, not JSON, too big, too many rows) is refused whole.

Example::

    parsed = read_catalogue("spring.jsonl", data, max_bytes=20_000_000, max_rows=5_000)
    parsed.format                  # "jsonl"
    [(line, row.id) for line, row in parsed.rows]    # [(1, "zz-mug"), (3, "zz-kettle")]
    [str(p) for p in parsed.problems]   # ["spring.jsonl:2: price: Input should be ..."]
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import ValidationError

from kg.catalog import LoadReport, RowProblem, validation_problems
from kg.loaders.saleor import load_saleor
from kg.schema import ProductRow
from shopmind.errors import InvalidInput, TooLarge

CatalogueFormat = Literal["jsonl", "saleor"]
SALEOR_PRODUCT = "product.product"


@dataclass
class CatalogueFile:
    """The rows of one uploaded file: good ones with their line, bad ones as problems."""

    format: CatalogueFormat
    path: Path
    rows: list[tuple[int, ProductRow]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def accept(self, line: int, row: ProductRow, seen: set[str]) -> None:
        """Keeps ``row`` unless its id repeats or its image points outside the catalogue."""
        if row.id in seen:
            self.problem(line, "id", f"duplicate id {row.id!r} (first kept)")
        elif row.image is not None and not _inside(row.image):
            self.problem(line, "image", "must be a relative path inside the catalogue, "
                                        "e.g. images/mug.jpg")
        else:
            seen.add(row.id)
            self.rows.append((line, row))

    def problem(self, line: int, field_name: str, message: str) -> None:
        self.problems.append(RowProblem(self.path, line, field_name, message))


def read_catalogue(filename: str, data: bytes, max_bytes: int, max_rows: int) -> CatalogueFile:
    """Tells the format from the content and reads every row; refuses unusable files."""
    if len(data) > max_bytes:
        raise TooLarge(f"a catalogue file is limited to {max_bytes:,} bytes")
    text = _text(filename, data)
    if text.lstrip().startswith("["):
        return _read_saleor(filename, text, max_rows)
    if text.lstrip().startswith("{"):
        return _read_lines(filename, text, max_rows)
    raise InvalidInput(f"{filename!r} is neither JSON lines (one product object a line) "
                       "nor a Saleor fixture (a JSON list of records)")


def _text(filename: str, data: bytes) -> str:
    if not data.strip():
        raise InvalidInput(f"{filename!r} is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{filename!r} is not UTF-8 text (byte {exc.start}); a catalogue "
                           "is JSON lines or a Saleor fixture") from exc
    if "\x00" in text:
        raise InvalidInput(f"{filename!r} is binary, not a JSON catalogue")
    return text


def _read_lines(filename: str, text: str, max_rows: int) -> CatalogueFile:
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    _check_rows(filename, len(lines), max_rows)
    parsed = CatalogueFile("jsonl", Path(filename))
    seen: set[str] = set()
    for number, line in lines:
        try:
            row = ProductRow.model_validate_json(line)
        except ValidationError as exc:
            parsed.problems += validation_problems(parsed.path, number, exc)
            continue
        parsed.accept(number, row, seen)
    return parsed


def _read_saleor(filename: str, text: str, max_rows: int) -> CatalogueFile:
    try:
        records = json.loads(text)
    except ValueError as exc:
        raise InvalidInput(f"{filename!r} is not valid JSON: {exc}") from exc
    products = [r for r in records if isinstance(r, dict) and r.get("model") == SALEOR_PRODUCT
                ] if isinstance(records, list) else []
    if not products:
        raise InvalidInput(f"{filename!r} has no products: a Saleor fixture is a JSON list of "
                           f"records, products among them ({SALEOR_PRODUCT!r})")
    _check_rows(filename, len(products), max_rows)
    loaded = _load_saleor(filename, text)
    parsed = CatalogueFile("saleor", Path(filename))
    parsed.problems += [RowProblem(parsed.path, p.line, p.field, p.message)
                        for p in loaded.problems]
    numbers = _record_numbers(products)
    seen: set[str] = set()
    for row in loaded.rows:
        parsed.accept(numbers.get(row.id, 0), row, seen)
    return parsed


def _load_saleor(filename: str, text: str) -> LoadReport[ProductRow]:
    """``load_saleor`` reads a path: the text goes through a private temporary file."""
    with tempfile.TemporaryDirectory(prefix="shopmind-saleor-") as folder:
        path = Path(folder) / "fixture.json"
        path.write_text(text, encoding="utf-8")
        try:
            return load_saleor(path)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise InvalidInput(f"{filename!r} is not a usable Saleor fixture: a record lacks "
                               f"or mistypes a field ({type(exc).__name__}: {exc})") from exc


def _record_numbers(products: list[dict[str, Any]]) -> dict[str, int]:
    """Product id -> the record's number among the products (as ``load_saleor`` counts)."""
    numbers: dict[str, int] = {}
    for number, record in enumerate(products, start=1):
        fields = record.get("fields")
        if isinstance(fields, dict):
            numbers.setdefault(f"saleor-{fields.get('slug')}", number)
    return numbers


def _check_rows(filename: str, count: int, max_rows: int) -> None:
    if count > max_rows:
        raise TooLarge(f"{filename!r} has {count:,} rows; an upload is limited to "
                       f"{max_rows:,} products")


def _inside(image: str) -> bool:
    path = PurePosixPath(image)
    return bool(image) and "\\" not in image and ":" not in image and not path.is_absolute() \
        and ".." not in path.parts
