"""The installed ``shopmind`` command, run as a merchant would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopmind.errors import NotAuthorised
from shopmind.identity import PrincipalStore
from tests.testing import Accounts
from ui.platform import Platform

SHOPMIND = str(Path(sys.executable).with_name("shopmind"))


def _run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHOPMIND_DATA_DIR": str(data_dir), "SHOPMIND_WORKERS": "2",
           "COLUMNS": "240"}  # tables wide enough to show whole requests
    return subprocess.run([SHOPMIND, *args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def test_jobs_lists_the_merchants_jobs_and_follows_one(session_data: Path,
                                                       synced_platform: Platform,
                                                       accounts: Accounts) -> None:
    merchant = accounts.first("merchant")["id"]
    made = synced_platform.jobs.run(merchant, "make 3 banners 300x250 for the summer sale")
    assert made.state == "done", made.error
    listed = _run(["jobs", "--merchant", merchant], session_data)
    assert listed.returncode == 0, listed.stderr
    assert "make 3 banners 300x250" in listed.stdout and "done" in listed.stdout
    followed = _run(["jobs", "--merchant", merchant, "--follow", made.id], session_data)
    assert followed.returncode == 0 and f"{made.id} done" in followed.stdout
    other = _run(["jobs", "--merchant", merchant, "--follow", "0123456789ab"], session_data)
    assert other.returncode == 3 and "no job" in other.stderr


def test_jobs_needs_an_active_merchant(session_data: Path, accounts: Accounts) -> None:
    shopper = accounts.first("shopper")["id"]
    result = _run(["jobs", "--merchant", shopper], session_data)
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
