"""`make run` a second time with nothing changed neither reinstalls nor retrains."""

import os
import subprocess
from pathlib import Path

import pytest

from dialog.training import cached_model
from shopmind.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.skipif(not (REPO_ROOT / ".venv" / ".installed").is_file(),
                                reason="needs an installed checkout (make install)")


def _make(*args: str) -> str:
    """``make -n`` as a person would type it, even when the tests themselves run under make."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(["make", "--no-print-directory", "-n", *args], cwd=REPO_ROOT,
                          env=env, capture_output=True, text=True, check=True).stdout


def test_installed_checkout_has_nothing_to_install() -> None:
    dry_run = _make("run")
    assert "pip install" not in dry_run
    assert dry_run.strip().splitlines() == [".venv/bin/shopmind serve"]


def test_changed_dependencies_trigger_a_reinstall(tmp_path: Path) -> None:
    dry_run = _make("-W", "pyproject.toml", "install")
    assert "pip install -q -e" in dry_run


def test_a_second_start_reuses_the_trained_model(session_settings: Settings) -> None:
    from dialog.training import ensure_model

    first, _ = ensure_model(session_settings)  # trains only if this data was never trained
    second, trained = ensure_model(session_settings)
    assert (second, trained) == (first, False)
    assert first == cached_model(session_settings) and first.stat().st_size > 1_000_000
