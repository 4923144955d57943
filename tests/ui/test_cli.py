"""The installed ``shopmind`` command, run as a merchant would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from shopmind.errors import NotAuthorised
from shopmind.identity import PrincipalStore
from tests.testing import Accounts

SHOPMIND = str(Path(sys.executable).with_name("shopmind"))


def _run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHOPMIND_DATA_DIR": str(data_dir), "SHOPMIND_WORKERS": "2"}
    return subprocess.run([SHOPMIND, *args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def test_ask_makes_20_banners_and_a_manifest(session_data: Path, accounts: Accounts) -> None:
    merchant = accounts.first("merchant")["id"]
    result = _run(["ask", "make 20 banners for the summer sale", "--merchant", merchant],
                  session_data)
    assert result.returncode == 0, result.stderr
    assert "20/20" in result.stderr  # the progress bar
    assert session_data.stat().st_mode & 0o077 == 0  # the data folder is the owner's only
    manifest = Path(result.stdout.strip().splitlines()[-1].split("manifest: ")[1])
    entries = json.loads(manifest.read_text())["banners"]
    assert len(entries) == 20
    for entry in entries:
        with Image.open(manifest.parent / entry["file"]) as image:
            assert f"{image.width}x{image.height}" == entry["size"]


def test_bad_request_is_one_clear_line_and_an_exit_code(session_data: Path) -> None:
    result = _run(["ask", "make 0 banners"], session_data)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: banner count must be at least 1, got 0")
    assert "Traceback" not in result.stderr


def test_jobs_lists_the_merchants_jobs_and_follows_one(session_data: Path,
                                                       accounts: Accounts) -> None:
    merchant = accounts.first("merchant")["id"]
    asked = _run(["ask", "make 3 banners 300x250 for the summer sale", "--merchant", merchant],
                 session_data)
    assert asked.returncode == 0, asked.stderr
    listed = _run(["jobs", "--merchant", merchant], session_data)
    assert listed.returncode == 0, listed.stderr
    assert "make 3 banners 300x250" in listed.stdout and "done" in listed.stdout
    job_id = next(line.split()[1] for line in listed.stdout.splitlines()
                  if "make 3 banners 300x250" in line)
    followed = _run(["jobs", "--merchant", merchant, "--follow", job_id], session_data)
    assert followed.returncode == 0 and f"{job_id} done" in followed.stdout
    other = _run(["jobs", "--merchant", merchant, "--follow", "0123456789ab"], session_data)
    assert other.returncode == 3 and "no job" in other.stderr


def test_ask_needs_an_active_merchant(session_data: Path, accounts: Accounts) -> None:
    shopper = accounts.first("shopper")["id"]
    result = _run(["ask", "make 2 banners", "--merchant", shopper], session_data)
    assert result.returncode == 2 and "is not an active merchant" in result.stderr


def test_users_add_token_revoke_and_list(tmp_path: Path) -> None:
    added = _run(["users", "add", "--role", "agent", "--name", "Bob"], tmp_path)
    assert added.returncode == 0, added.stderr
    principal_id = added.stdout.split("id:")[1].split()[0]
    first_token = added.stdout.split("token:")[1].split()[0]
    store = PrincipalStore(tmp_path / "principals.sqlite")
    assert store.authenticate(first_token).name == "Bob"
    fresh = _run(["users", "token", principal_id], tmp_path).stdout.strip()
    assert store.authenticate(fresh).id == principal_id
    with pytest.raises(NotAuthorised):
        store.authenticate(first_token)  # the earlier token stopped working
    assert _run(["users", "revoke", principal_id], tmp_path).returncode == 0
    with pytest.raises(NotAuthorised):
        store.authenticate(fresh)
    listed = _run(["users", "list"], tmp_path).stdout
    assert principal_id in listed and "revoked" in listed and fresh not in listed
    wrong = _run(["users", "add", "--role", "admin", "--name", "Eve"], tmp_path)
    assert wrong.returncode == 2 and "role must be one of" in wrong.stderr
    assert (tmp_path / "principals.sqlite").stat().st_mode & 0o077 == 0  # owner only


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
