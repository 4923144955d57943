"""``shopmind ask`` against the live app and Rasa, as a merchant runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.testing import Accounts, free_port

SHOPMIND = str(Path(sys.executable).with_name("shopmind"))


def _ask(args: list[str], data_dir: Path, token: str | None, app: str
         ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHOPMIND_DATA_DIR": str(data_dir), "COLUMNS": "160"}
    env.pop("SHOPMIND_TOKEN", None)
    if token is not None:
        env["SHOPMIND_TOKEN"] = token
    return subprocess.run([SHOPMIND, "ask", *args, "--url", app], env=env, capture_output=True,
                          text=True, timeout=600, check=False, stdin=subprocess.DEVNULL)


def test_ask_shows_the_plan_confirms_follows_and_downloads(
        live_app: str, rasa_server: str, session_data: Path, accounts: Accounts,
        tmp_path: Path) -> None:
    token = accounts.first("merchant")["token"]
    result = _ask(["make 60 banners 300x250 for the summer sale", "--yes", "--download",
                   str(tmp_path)], session_data, token, live_app)
    assert result.returncode == 0, result.stderr
    assert "summer sale" in result.stdout and "300x250" in result.stdout  # the plan table
    assert "60 banners: " in result.stdout and "Go?" in result.stdout
    assert "60/60" in result.stderr, "the progress bar reached the end"
    assert " done " in result.stdout  # the summary table
    archive = next(tmp_path.glob("*.zip"))
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
    assert len([n for n in names if n.endswith(".jpg")]) == 60
    assert {"manifest.json", "manifest.csv"} <= set(names)


def test_without_yes_and_no_keyboard_a_big_plan_is_dropped(
        live_app: str, rasa_server: str, session_data: Path, accounts: Accounts) -> None:
    token = accounts.first("merchant")["token"]
    result = _ask(["make 300 banners for black friday"], session_data, token, live_app)
    assert result.returncode == 0, result.stderr
    assert "300 banners: " in result.stdout and "dropped" in result.stdout
    assert "Started job" not in result.stdout


def test_a_missing_detail_without_a_keyboard_is_one_clear_error(
        live_app: str, rasa_server: str, session_data: Path, accounts: Accounts) -> None:
    token = accounts.first("merchant")["token"]
    result = _ask(["make some banners for christmas"], session_data, token, live_app)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the studio needs count" in result.stderr and "Traceback" not in result.stderr


def test_a_shopper_token_is_refused(live_app: str, session_data: Path,
                                    accounts: Accounts) -> None:
    token = accounts.first("shopper")["token"]
    result = _ask(["make 2 banners"], session_data, token, live_app)
    assert result.returncode != 0 and "refused the token (403" in result.stderr
    assert token not in result.stderr + result.stdout


def test_a_platform_that_is_down_is_named(session_data: Path, accounts: Accounts) -> None:
    token = accounts.first("merchant")["token"]
    result = _ask(["make 2 banners"], session_data, token, f"http://127.0.0.1:{free_port()}")
    assert result.returncode != 0 and "start it with `make run`" in result.stderr
