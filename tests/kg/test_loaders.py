"""Loaders for Saleor's fixture and Online Boutique's products.json (read in place)."""

import json
from pathlib import Path

import pytest

from kg.loaders import editorjs_text, load_boutique, load_saleor
from shopmind.errors import InvalidInput
from shopmind.settings import Settings

SHARED = Settings(_env_file=None).shared_data  # type: ignore[call-arg]
SALEOR = SHARED / "catalog" / "saleor" / "populatedb_data.json"
BOUTIQUE = SHARED / "catalog" / "online_boutique" / "products.json"
needs_shared = pytest.mark.skipif(not SALEOR.is_file(), reason=f"shared data absent: {SALEOR}")


@needs_shared
def test_saleor_fixture_loads_32_products_with_tree_attributes_prices() -> None:
    report = load_saleor(SALEOR)
    assert len(report.rows) == 32 and not report.problems
    rows = {r.id: r for r in report.rows}
    plimsolls = rows["saleor-white-plimsolls"]
    assert plimsolls.category == "sneakers" and plimsolls.category_path == ["apparel"]
    assert plimsolls.price > 0 and plimsolls.stock is not None
    assert "&nbsp;" not in " ".join(r.description.en for r in report.rows)
    assert sum(1 for r in report.rows if r.attributes) >= 20
    assert any("size" in r.attributes for r in report.rows), "variant attributes are read"


@needs_shared
def test_boutique_loads_nine_products() -> None:
    report = load_boutique(BOUTIQUE)
    assert len(report.rows) == 9 and not report.problems
    sunglasses = next(r for r in report.rows if r.name.en == "Sunglasses")
    assert sunglasses.price == pytest.approx(19.99) and sunglasses.stock is None
    assert sunglasses.category == "accessories" and sunglasses.image == "photos/sunglasses.jpg"


def test_saleor_bad_records_are_reported_and_skipped(tmp_path: Path) -> None:
    records = [
        {"model": "product.category", "pk": 1, "fields": {"name": "Shoes", "slug": "shoes",
                                                           "parent": None}},
        {"model": "product.producttype", "pk": 2, "fields": {"name": "Shoe", "slug": "shoe"}},
        {"model": "product.product", "pk": 10, "fields": {
            "name": "Good", "slug": "good", "category": 1, "product_type": 2,
            "description": {"blocks": [{"type": "paragraph", "data": {"text": "Nice <b>shoe</b>"}}]}}},
        {"model": "product.productvariant", "pk": 20, "fields": {"product": 10}},
        {"model": "product.productvariantchannellisting", "pk": 30,
         "fields": {"variant": 20, "price_amount": "12.50"}},
        {"model": "product.product", "pk": 11, "fields": {
            "name": "Orphan", "slug": "orphan", "category": 99, "product_type": 2}},
        {"model": "product.product", "pk": 12, "fields": {
            "name": "", "slug": "nameless", "category": 1, "product_type": 2}},
    ]
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(records))
    report = load_saleor(path)
    assert [r.id for r in report.rows] == ["saleor-good"]
    assert report.rows[0].description.en == "Nice shoe" and report.rows[0].price == 12.5
    problems = sorted(str(p) for p in report.problems)
    assert problems[0] == "fixture.json:2: reference: points to a missing record 99"
    assert any(p.startswith("fixture.json:3: name.en:") for p in problems)
    assert any(p.startswith("fixture.json:3: price:") for p in problems), "no price: rejected"


def test_unreadable_sources_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(InvalidInput, match="not a readable Saleor fixture"):
        load_saleor(broken)
    with pytest.raises(InvalidInput, match="not an Online Boutique products.json"):
        load_boutique(broken)


def test_editorjs_text_reads_blocks_and_lists() -> None:
    doc = {"blocks": [{"type": "header", "data": {"text": "Title"}},
                      {"type": "list", "data": {"items": ["one", "two &amp; three"]}}]}
    assert editorjs_text(doc) == "Title one two & three"
    assert editorjs_text(json.dumps(doc)) == "Title one two & three"
