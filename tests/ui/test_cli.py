"""The installed ``shopmind`` command, run as a merchant would."""

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

SHOPMIND = str(Path(sys.executable).with_name("shopmind"))


def _run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHOPMIND_DATA_DIR": str(data_dir), "SHOPMIND_WORKERS": "2"}
    return subprocess.run([SHOPMIND, *args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def test_ask_makes_20_banners_and_a_manifest(session_data: Path) -> None:
    result = _run(["ask", "make 20 banners for the summer sale"], session_data)
    assert result.returncode == 0, result.stderr
    assert "20/20" in result.stderr  # the progress bar
    manifest = Path(result.stdout.strip().splitlines()[-1].split("manifest: ")[1])
    entries = json.loads(manifest.read_text())["banners"]
    assert len(entries) == 20
    for entry in entries:
        with Image.open(manifest.parent / entry["file"]) as image:
            assert f"{image.width}x{image.height}" == entry["size"]


def test_bad_request_is_one_clear_line_and_an_exit_code(session_data: Path) -> None:
    result = _run(["ask", "make 0 banners"], session_data)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: banner count must be between 1 and 20000")
    assert "Traceback" not in result.stderr


def test_tools_lists_built_in_tools(session_data: Path) -> None:
    result = _run(["tools"], session_data)
    assert result.returncode == 0
    assert all(name in result.stdout for name in ("make_banners", "write_copy",
                                                  "remove_background"))


def test_demo_data_is_deterministic(tmp_path: Path, session_data: Path) -> None:
    result = _run(["demo-data", "--out", str(tmp_path / "cat")], session_data)
    assert result.returncode == 0, result.stderr
    for name in ("products.jsonl", "orders.jsonl", "images/ap-merino-base-tee.jpg",
                 "images/ap-merino-base-tee.mask.png"):
        assert (tmp_path / "cat" / name).read_bytes() == (session_data / "catalog" / name
                                                          ).read_bytes(), name
