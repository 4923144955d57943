"""Merchants' catalogue files (issue 14): JSON lines or Saleor's fixture into the knowledge
base, bad rows reported by line and field, products owned by the merchant who uploaded them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.studio.catalogue_upload import CatalogueUploads
from kg.schema import LocalisedText, ProductRow
from shopmind.errors import InvalidInput, TooLarge
from shopmind.settings import Settings
from tests.testing import product_row, settings_for
from ui.platform import Platform

SALEOR = (Settings(_env_file=None).shared_data  # type: ignore[call-arg]
          / "catalog" / "saleor" / "populatedb_data.json")
MERCHANT, RIVAL = "m-upload-owner", "m-upload-rival"


@pytest.fixture
def platform(tmp_path: Path, synced_platform: Platform) -> Iterator[Platform]:
    """A platform of its own over a copy of the demo catalogue: uploads stay in this test.
    Its graph holds the catalogue; its vectors only what the test uploads (quicker)."""
    settings = settings_for(tmp_path / "var")
    settings.catalog_dir.mkdir(parents=True)
    for source in synced_platform.settings.catalog_dir.glob("*.jsonl"):
        shutil.copy(source, settings.catalog_dir / source.name)
    platform = Platform(settings)
    platform.knowledge.vectors.embedding = synced_platform.knowledge.vectors.embedding
    platform.knowledge.sync(with_vectors=False)
    yield platform
    platform.close()


@pytest.fixture
def uploads(platform: Platform) -> CatalogueUploads:
    return platform.catalogue_uploads


def jsonl(*rows: ProductRow | str) -> bytes:
    """A catalogue file: rows as JSON lines, strings as they are (broken lines)."""
    return "\n".join(r if isinstance(r, str) else r.model_dump_json(exclude_none=True)
                     for r in rows).encode() + b"\n"


def test_a_good_file_loads_and_everyone_sees_the_products(uploads: CatalogueUploads,
                                                           platform: Platform) -> None:
    knowledge = platform.knowledge
    version = knowledge.version
    data = jsonl(product_row("zz-up-kettle", name=LocalisedText(en="Copper Kettle"),
                             description=LocalisedText(en="A hammered copper stovetop kettle."),
                             category="kitchen", tags=["tea"]),
                 product_row("zz-up-mug"))
    report = uploads.load(MERCHANT, "spring.jsonl", data)
    assert report == {"format": "jsonl", "loaded": 2, "updated": 0, "rejected": [],
                      "products": ["zz-up-kettle", "zz-up-mug"]}
    assert knowledge.product("zz-up-kettle").name_en == "Copper Kettle"
    assert knowledge.version > version
    hits = knowledge.vectors.search("products", "hammered copper stovetop kettle", 3)
    assert "zz-up-kettle" in [hit.id for hit in hits]
    assert uploads.owners.products_of(MERCHANT) == ["zz-up-kettle", "zz-up-mug"]


def test_broken_rows_are_reported_by_line_and_field_and_the_rest_loads(
        uploads: CatalogueUploads, platform: Platform) -> None:
    good = product_row("zz-up-good")
    data = jsonl(good,
                 product_row("zz-up-cheap").model_dump_json().replace('"price":80.0', '"price":-1'),
                 '{"id": "zz-up-nameless", "category": "footwear", "brand": "B", '
                 '"name": {"en": ""}, "description": {"en": "d"}, "price": 1}',
                 "this is not json",
                 "",
                 good, product_row("zz-up-escape", image="../principals.sqlite"))
    report = uploads.load(MERCHANT, "mixed.jsonl", data)
    assert report["loaded"] == 1 and report["products"] == ["zz-up-good"]
    assert [(r["line"], r["field"]) for r in report["rejected"]] == [
        (2, "price"), (3, "name.en"), (4, "row"), (6, "id"), (7, "image")]
    assert "duplicate" in report["rejected"][3]["message"]
    assert platform.knowledge.product("zz-up-good").name_en == "Test Runner"
    for refused in ("zz-up-cheap", "zz-up-nameless", "zz-up-escape"):
        assert not platform.knowledge.graph.graph.has_node(f"product:{refused}")


def test_the_platform_catalogues_products_are_refused(uploads: CatalogueUploads,
                                                      platform: Platform) -> None:
    base = platform.knowledge.products()[0]
    takeover = product_row(base.id, name=LocalisedText(en="Hijacked"))
    report = uploads.load(MERCHANT, "mine.jsonl", jsonl(product_row("zz-up-new"), takeover))
    assert report["products"] == ["zz-up-new"]
    assert report["rejected"] == [{"line": 2, "field": "id", "message":
                                   f"product {base.id!r} belongs to the platform catalogue; "
                                   "use a new id"}]
    with pytest.raises(InvalidInput, match="platform catalogue"):
        uploads.load(MERCHANT, "only.jsonl", jsonl(takeover))
    assert platform.knowledge.product(base.id).name_en == base.name_en
    assert uploads.owners.owner_of(base.id) is None


def test_another_merchants_product_is_refused_and_its_owner_may_update_it(
        uploads: CatalogueUploads, platform: Platform) -> None:
    uploads.load(MERCHANT, "a.jsonl", jsonl(product_row("zz-up-lamp", price=30.0)))
    report = uploads.load(RIVAL, "b.jsonl", jsonl(product_row("zz-up-lamp", price=1.0),
                                                  product_row("zz-up-rival")))
    assert report["products"] == ["zz-up-rival"]
    assert report["rejected"][0]["line"] == 1
    assert "another merchant" in report["rejected"][0]["message"]
    assert platform.knowledge.product("zz-up-lamp").price == 30.0
    updated = uploads.load(MERCHANT, "a2.jsonl", jsonl(product_row("zz-up-lamp", price=25.0)))
    assert (updated["loaded"], updated["updated"]) == (0, 1)
    assert platform.knowledge.product("zz-up-lamp").price == 25.0
    assert uploads.owners.owner_of("zz-up-lamp") == MERCHANT
    assert uploads.owners.owner_of("zz-up-rival") == RIVAL


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b" \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8"),
    (b"{\x00}", "binary"),
    (b"id,name,price\nzz-1,Mug,3\n", "neither JSON lines"),
    (b"[1, 2", "not valid JSON"),
    (b'[{"model": "product.category", "pk": 1, "fields": {}}]', "no products"),
    (b'{"id": "zz-up-half"\n', "could be loaded"),
], ids=["empty", "blank", "png", "nul", "csv", "broken-json", "no-products", "all-bad"])
def test_files_that_are_no_catalogue_are_refused_clearly(
        uploads: CatalogueUploads, platform: Platform, data: bytes, reason: str) -> None:
    version = platform.knowledge.version
    with pytest.raises(InvalidInput, match=reason):
        uploads.load(MERCHANT, "upload.bin", data)
    assert platform.knowledge.version == version


def test_a_file_whose_rows_are_all_bad_lists_the_first_problems(
        uploads: CatalogueUploads) -> None:
    data = jsonl(*[f'{{"id": "zz-up-{n}", "price": -{n}}}' for n in range(8)])
    with pytest.raises(InvalidInput) as refused:
        uploads.load(MERCHANT, "bad.jsonl", data)
    assert "line 1: category: Field required" in refused.value.message
    assert "more problems" in refused.value.message


def test_too_big_or_too_many_rows_is_too_large(platform: Platform, tmp_path: Path) -> None:
    small = CatalogueUploads(platform.knowledge, tmp_path / "owners.sqlite", max_bytes=1024,
                             max_rows=2)
    version = platform.knowledge.version
    with pytest.raises(TooLarge, match="1,024 bytes"):
        small.load(MERCHANT, "big.jsonl", jsonl(product_row("zz-up-big")) + b" " * 1024)
    with pytest.raises(TooLarge, match="limited to 2 products"):
        small.load(MERCHANT, "many.jsonl", jsonl(*[product_row(f"zz-up-{n}") for n in range(3)]))
    assert platform.knowledge.version == version
    small.close()


def test_a_failure_half_way_leaves_nothing_written(uploads: CatalogueUploads,
                                                   platform: Platform,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge = platform.knowledge
    uploads.load(MERCHANT, "a.jsonl", jsonl(product_row("zz-up-old", price=10.0)))
    real = knowledge.vectors.index_products

    def failing(rows: list[ProductRow]) -> None:  # the graph is written, the vectors fail
        if any(row.id == "zz-up-boom" for row in rows):
            raise RuntimeError("disk full")
        real(rows)

    monkeypatch.setattr(knowledge.vectors, "index_products", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        uploads.load(MERCHANT, "b.jsonl", jsonl(product_row("zz-up-old", price=99.0),
                                                product_row("zz-up-fresh"),
                                                product_row("zz-up-boom")))
    assert knowledge.product("zz-up-old").price == 10.0
    assert not knowledge.graph.graph.has_node("product:zz-up-fresh")
    assert uploads.owners.products_of(MERCHANT) == ["zz-up-old"]


@pytest.mark.skipif(not SALEOR.is_file(), reason=f"shared Saleor fixture absent: {SALEOR}")
def test_the_saleor_fixture_loads(uploads: CatalogueUploads, platform: Platform) -> None:
    report = uploads.load(MERCHANT, SALEOR.name, SALEOR.read_bytes())
    assert report["format"] == "saleor" and report["loaded"] == 32 and not report["rejected"]
    plimsolls = platform.knowledge.product("saleor-white-plimsolls")
    assert plimsolls.category == "sneakers" and plimsolls.price > 0


def test_saleor_records_that_cannot_build_are_reported_by_record(
        uploads: CatalogueUploads) -> None:
    records = [
        {"model": "product.category", "pk": 1, "fields": {"name": "Cups", "slug": "cups",
                                                           "parent": None}},
        {"model": "product.producttype", "pk": 2, "fields": {"name": "Cup", "slug": "cup"}},
        {"model": "product.product", "pk": 10, "fields": {
            "name": "Zz Cup", "slug": "zz-cup", "category": 1, "product_type": 2}},
        {"model": "product.productvariant", "pk": 20, "fields": {"product": 10}},
        {"model": "product.productvariantchannellisting", "pk": 30,
         "fields": {"variant": 20, "price_amount": "4.50"}},
        {"model": "product.product", "pk": 11, "fields": {
            "name": "Orphan", "slug": "orphan", "category": 99, "product_type": 2}},
    ]
    report = uploads.load(MERCHANT, "fixture.json", json.dumps(records).encode())
    assert report["products"] == ["saleor-zz-cup"]
    assert [(r["line"], r["field"]) for r in report["rejected"]] == [(2, "reference")]
