"""Batch synthesis: plans, content-hash names, resume, manifest with scores, formats, zip."""

import csv
import json
import multiprocessing
import pickle
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from shopmind.errors import InvalidInput
from tests.testing import thread_context
from tools.registry import ToolRegistry
from tools.synth.batch import banner_name, run_batch
from tools.synth.export import export_zip
from tools.synth.plan import CopyVariant, ProductInput, format_price, plan_batch
from ui.platform import Platform

VARIANTS = [CopyVariant("Summer Sale", "Light and quick-drying.", "Shop now", "-30%"),
            CopyVariant("夏季特卖", "轻盈速干。", "立即购买", "", "zh")]


@pytest.fixture(scope="module")
def products(session_data: Path) -> list[ProductInput]:
    images = session_data / "catalog" / "images"
    return [ProductInput(p, images / f"{p}.jpg", images / f"{p}.mask.png", "$59.00", "Brand")
            for p in ("fw-trail-runner", "kt-stoneware-mug")]


def test_a_plan_is_products_by_variants_by_sizes(products: list[ProductInput]) -> None:
    specs = plan_batch(products, VARIANTS, [(300, 250), (728, 90), (1080, 1920)], "png")
    assert len(specs) == 12
    assert {s.language for s in specs} == {"en", "zh"} and {s.format for s in specs} == {"png"}
    assert len({banner_name(s) for s in specs}) == 12
    assert format_price(899.0, "CNY") == "¥899" and format_price(9.5, "USD") == "$9.50"


def test_names_hash_the_content_not_the_paths(products: list[ProductInput],
                                             tmp_path: Path) -> None:
    spec = plan_batch(products[:1], VARIANTS[:1], [(300, 250)])[0]
    assert banner_name(spec) == banner_name(plan_batch(products[:1], VARIANTS[:1],
                                                       [(300, 250)])[0])
    other_text = plan_batch(products[:1], [CopyVariant("Winter Sale")], [(300, 250)])[0]
    assert banner_name(other_text) != banner_name(spec)
    moved = tmp_path / "moved.jpg"
    shutil.copy(products[0].image, moved)
    same_bytes = ProductInput(products[0].product_id, moved, products[0].mask, "$59.00", "Brand")
    assert banner_name(plan_batch([same_bytes], VARIANTS[:1], [(300, 250)])[0]) == \
        banner_name(spec)
    Image.open(moved).rotate(90).save(moved)
    assert banner_name(plan_batch([same_bytes], VARIANTS[:1], [(300, 250)])[0]) != \
        banner_name(spec)


@pytest.mark.parametrize("fmt", ["jpg", "png", "webp"])
def test_batch_writes_images_manifest_and_progress_then_resumes(
        products: list[ProductInput], tmp_path: Path, fmt: str) -> None:
    specs = plan_batch(products, VARIANTS, [(300, 250), (728, 90)], fmt)
    events: list[tuple[int, int, str]] = []
    with ThreadPoolExecutor(2) as pool:
        report = run_batch(specs, tmp_path, pool, lambda d, t, m: events.append((d, t, m)))
        assert report.rendered == 8 and events[0][0] == 0 and events[-1][:2] == (8, 8)
        assert [d for d, _, _ in events] == list(range(9))
        for entry in report.entries:
            with Image.open(tmp_path / entry["file"]) as image:
                assert f"{image.width}x{image.height}" == entry["size"]
                assert image.format == {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[fmt]
            assert entry["overlay"] <= 0.005 and entry["occlusion"] <= 0.02
            assert entry["contrast_pass"] == 1.0 and entry["template"]
        assert not list(tmp_path.glob(".*part"))
        stamps = {p: p.stat().st_mtime_ns for p in tmp_path.glob(f"*.{fmt}")}
        again = run_batch(specs, tmp_path, pool)
    assert again.rendered == 0 and again.skipped == 8
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())
    manifest = json.loads((tmp_path / "manifest.json").read_text())["banners"]
    rows = list(csv.DictReader((tmp_path / "manifest.csv").open(encoding="utf-8")))
    assert len(manifest) == len(rows) == 8
    assert {"file", "product_id", "size", "headline", "language", "template", "overlay",
            "alignment", "occlusion", "unreadability", "contrast_min"} <= set(rows[0])
    assert {r["headline"] for r in rows} == {"Summer Sale", "夏季特卖"}


def test_a_lost_manifest_is_rebuilt_without_rendering_again(
        products: list[ProductInput], tmp_path: Path) -> None:
    specs = plan_batch(products[:1], VARIANTS, [(300, 250)])
    with ThreadPoolExecutor(1) as pool:
        run_batch(specs, tmp_path, pool)
        (tmp_path / "manifest.json").unlink()
        report = run_batch(specs, tmp_path, pool)
    assert report.rendered == 0
    assert all(e["template"] and "occlusion" in e for e in report.entries)


def test_zip_export_holds_banners_and_manifests(products: list[ProductInput],
                                                tmp_path: Path) -> None:
    with ThreadPoolExecutor(1) as pool:
        run_batch(plan_batch(products[:1], VARIANTS, [(300, 250)]), tmp_path, pool)
    with zipfile.ZipFile(export_zip(tmp_path)) as archive:
        names = archive.namelist()
    assert {"manifest.json", "manifest.csv"} <= set(names)
    assert sum(n.endswith(".jpg") for n in names) == 2


def test_workers_are_separate_processes(products: list[ProductInput], tmp_path: Path) -> None:
    specs = plan_batch(products, VARIANTS[:1], [(300, 250)])
    assert pickle.loads(pickle.dumps(specs)) == specs
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        report = run_batch(specs, tmp_path, pool)
    assert report.rendered == 2 and len(report.workers) == 1
    assert 0 < max(report.workers.values()) < 1024


def _registry(platform: Platform) -> ToolRegistry:
    return ToolRegistry.from_entry_points(thread_context(platform.settings, platform.knowledge))


def test_make_banners_plans_products_by_variants_with_presets_and_zip(
        synced_platform: Platform, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (120, 40), (20, 60, 160, 255)).save(logo)
    result = _registry(synced_platform).call("make_banners", {
        "products": ["fw-trail-runner"], "sizes": ["leaderboard", "rectangle"],
        "variants": [{"headline": "Summer Sale", "badge": "-30%"}, {"headline": "夏季特卖"}],
        "brand_colours": ["#1e6e3c"], "logo": str(logo), "zip": True,
        "format": "webp", "out_dir": str(tmp_path / "out")})
    assert result.data["count"] == 4 and result.data["rendered"] == 4
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())["banners"]
    assert {e["size"] for e in manifest} == {"728x90", "300x250"}
    assert {(e["language"], e["cta"]) for e in manifest} == {("en", "Shop now"),
                                                             ("zh", "立即购买")}
    assert any(p.suffix == ".zip" for p in result.files)


@pytest.mark.parametrize(("arguments", "message"), [
    ({"sizes": ["300x250"]}, "items, or products and variants"),
    ({"items": [{"product_id": "x", "headline": "h", "size": "huge"}]}, "preset"),
    ({"items": [{"product_id": "x", "headline": "h"}], "brand_colours": ["blue"]}, "RRGGBB"),
    ({"products": ["a"] * 100, "variants": [{"headline": "h"}] * 100, "sizes": ["1x1"] * 1},
     "between 16"),
    ({"products": ["a"] * 100, "variants": [{"headline": "h"}] * 100,
      "sizes": ["300x250", "728x90", "800x800"]}, "more than 20000"),
])
def test_bad_inputs_are_explained(synced_platform: Platform, arguments: dict[str, object],
                                  message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        _registry(synced_platform).call("make_banners", arguments)
