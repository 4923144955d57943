import csv
import json
from pathlib import Path

import pytest
from PIL import Image

from agents.studio import JobRunner, parse_request
from shopmind.errors import InvalidInput
from tests.testing import thread_context
from tools.registry import ToolRegistry
from ui.platform import Platform


@pytest.mark.parametrize(("text", "count", "campaign", "sizes"), [
    ("make 20 banners for the summer sale", 20, "summer sale", ("1200x628", "800x800")),
    ("Make 200 banners for our Back to School campaign.", 200, "Back to School campaign", None),
    ("make 1,500 banners 728x90 and 300x250 for the winter sale", 1500, "winter sale",
     ("728x90", "300x250")),
    ("banners for the gift guide", 10, "gift guide", None),
])
def test_parse_request(text: str, count: int, campaign: str, sizes: tuple[str, ...] | None
                       ) -> None:
    request = parse_request(text)
    assert (request.count, request.campaign) == (count, campaign)
    if sizes:
        assert request.sizes == sizes


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), ("   ", "empty"), ("what's the weather?", "only make banners"),
    ("make 0 banners", "between 1 and 20000"), ("make 50000 banners", "between 1 and 20000"),
])
def test_bad_requests_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_request(text)


def _runner(platform: Platform, jobs_dir: Path) -> JobRunner:
    registry = ToolRegistry.from_entry_points(thread_context(platform.settings))
    return JobRunner(jobs_dir, registry, platform.knowledge.graph)


def test_summer_sale_job_writes_exactly_20_banners_and_a_manifest(
        synced_platform: Platform, tmp_path: Path) -> None:
    events: list[tuple[int, int]] = []
    job = _runner(synced_platform, tmp_path).run(
        "make 20 banners for the summer sale", lambda d, t, _: events.append((d, t)))
    assert job.state == "done", job.error
    out = Path(job.out_dir)
    images = sorted(out.glob("*.jpg"))
    assert len(images) == 20
    sizes = {Image.open(p).size for p in images}
    assert sizes == {(1200, 628), (800, 800)}
    manifest = json.loads((out / "manifest.json").read_text())["banners"]
    assert sorted(e["file"] for e in manifest) == sorted(p.name for p in images)
    rows = list(csv.DictReader((out / "manifest.csv").open()))
    assert len(rows) == 20 and {"file", "product_id", "size", "headline"} <= set(rows[0])
    graph = synced_platform.knowledge.graph
    tagged = [e for e in manifest if "summer" in graph.product(e["product_id"]).tags]
    assert len(tagged) == 20, "a summer campaign uses products tagged summer"
    assert events[-1] == (20, 20) and len(events) >= 20
    assert json.loads((tmp_path / job.id / "job.json").read_text())["state"] == "done"


def test_a_rerun_skips_banners_already_written(synced_platform: Platform, tmp_path: Path) -> None:
    runner = _runner(synced_platform, tmp_path)
    plan = runner.plan("make 4 banners 300x250 for the summer sale")
    from agents.studio.planner import run_plan

    first = run_plan(plan, runner.registry, tmp_path / "out")
    stamps = {p: p.stat().st_mtime_ns for p in first.files if p.suffix == ".jpg"}
    events: list[str] = []
    run_plan(plan, runner.registry, tmp_path / "out", lambda d, t, m: events.append(m))
    assert events == ["4 already rendered"]
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())


def test_archive_holds_banners_and_manifest(synced_platform: Platform, tmp_path: Path) -> None:
    import zipfile

    runner = _runner(synced_platform, tmp_path)
    job = runner.run("make 3 banners 800x800 for the summer sale")
    with zipfile.ZipFile(runner.archive(job.id)) as archive:
        names = archive.namelist()
    assert "manifest.json" in names and sum(n.endswith(".jpg") for n in names) == 3
