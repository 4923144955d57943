"""Batches (resumable, parallel, bad files reported), the registered tool and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from shopmind.errors import InvalidInput
from tests.testing import settings_for, thread_context
from tests.tools.cutout_scenes import scene, to_image
from tools.cutout.batch import run_batch
from tools.cutout.pipeline import CutoutOptions, parse_options
from tools.registry import ToolRegistry


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "shoes").mkdir(parents=True)
    to_image(scene("white")[0]).save(folder / "mug.jpg", quality=95)
    to_image(scene("grey", colour=(200, 40, 40))[0]).save(folder / "shoes" / "red.png")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.txt").write_text("not a photo")
    return folder


def test_batch_reports_bad_files_and_goes_on(photos: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen: list[tuple[int, int]] = []
    report = run_batch(photos, out, CutoutOptions(), settings_for(tmp_path / "var"),
                       progress=lambda done, total, _: seen.append((done, total)))
    assert sorted(report.done) == ["mug.jpg", "shoes/red.png"]
    assert dict(report.failed).keys() == {"broken.jpg", "empty.png"}
    assert "empty" in dict(report.failed)["empty.png"]
    assert report.ignored == ["notes.txt"]
    assert seen[-1] == (4, 4)
    record = json.loads((out / "shoes" / "red.json").read_text())
    assert record["box"] and record["quality"] > 0 and record["cutout"] == "red.png"
    assert Image.open(out / "mug.png").mode == "RGBA"
    assert "2 cut out" in report.summary() and "failed: broken.jpg" in report.summary()


def test_batch_resumes_without_redoing_finished_files(photos: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    settings = settings_for(tmp_path / "var")
    run_batch(photos, out, CutoutOptions(), settings)
    (out / "mug.json").unlink()  # as if the first run stopped between the PNG and its JSON
    again = run_batch(photos, out, CutoutOptions(), settings)
    assert again.skipped == ["shoes/red.png"] and again.done == ["mug.jpg"]


def test_batch_runs_in_parallel_worker_processes(photos: Path, tmp_path: Path) -> None:
    report = run_batch(photos, tmp_path / "out", CutoutOptions(), settings_for(tmp_path / "v"),
                       workers=2)
    assert len(report.done) == 2 and len(report.failed) == 2


def test_missing_folder_and_bad_options_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not a folder"):
        run_batch(tmp_path / "nope", tmp_path / "out", CutoutOptions(), settings_for(tmp_path))
    with pytest.raises(InvalidInput, match="backend"):
        parse_options({"backend": "magic"})


def test_remove_background_tool_through_the_registry(tmp_path: Path) -> None:
    source = tmp_path / "mug.jpg"
    to_image(scene("gradient")[0]).save(source, quality=95)
    registry = ToolRegistry.from_entry_points(thread_context(settings_for(tmp_path / "var")))
    result = registry.call("remove_background", {"image_path": str(source), "padding": 4})
    assert result.files == [tmp_path / "mug.cutout.png"]
    assert result.data["box"] and 0 < result.data["quality"] <= 1
    assert "quality" in result.text
    schema = registry.get("remove_background").input_model.model_json_schema()
    assert {"image_path", "backend", "keep", "keep_shadow"} <= schema["properties"].keys()


def test_cli_cutout_command(photos: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                            ) -> None:
    from ui.cli import app

    monkeypatch.setenv("SHOPMIND_DATA_DIR", str(tmp_path / "var"))
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(app, ["cutout", str(photos), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2, result.output  # two bad files: reported, not fatal
    assert "2 cut out" in result.output and "failed: empty.png" in result.output
    assert (out / "mug.png").is_file()
