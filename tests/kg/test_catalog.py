import json
from pathlib import Path

import pytest

from kg.catalog import read_jsonl, write_jsonl
from kg.schema import ProductRow
from shopmind.errors import InvalidInput
from tests.testing import product_row


def test_malformed_rows_are_reported_with_line_and_field_and_skipped(tmp_path: Path) -> None:
    good = product_row("good-1").model_dump_json()
    bad_price = json.loads(product_row("bad-price").model_dump_json()) | {"price": "cheap"}
    missing_brand = json.loads(product_row("no-brand").model_dump_json())
    del missing_brand["brand"]
    path = tmp_path / "products.jsonl"
    path.write_text("\n".join([good, json.dumps(bad_price), "{not json", "",
                               json.dumps(missing_brand), good]) + "\n")
    report = read_jsonl(path, ProductRow)
    assert [row.id for row in report.rows] == ["good-1"]
    problems = [str(p) for p in report.problems]
    assert any(p.startswith("products.jsonl:2: price:") for p in problems)
    assert any(p.startswith("products.jsonl:3:") for p in problems)
    assert any(p.startswith("products.jsonl:5: brand:") for p in problems)
    assert any(p.startswith("products.jsonl:6: id: duplicate id 'good-1'") for p in problems)


def test_attribute_names_must_be_snake_case() -> None:
    with pytest.raises(ValueError, match="lower snake_case"):
        product_row(attributes={"Battery Life": "10h"})


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        read_jsonl(tmp_path / "nope.jsonl", ProductRow)


def test_write_then_read_round_trips_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    rows = [product_row("a"), product_row("b", price=12.5)]
    path = tmp_path / "out" / "products.jsonl"
    write_jsonl(path, rows)
    assert read_jsonl(path, ProductRow).rows == rows
    assert [p.name for p in path.parent.iterdir()] == ["products.jsonl"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "products.jsonl"
    write_jsonl(path, [product_row("a")])

    def rows() -> object:
        yield product_row("b")
        raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        write_jsonl(path, rows())  # type: ignore[arg-type]
    assert [r.id for r in read_jsonl(path, ProductRow).rows] == ["a"]
    assert len(list(tmp_path.iterdir())) == 1
