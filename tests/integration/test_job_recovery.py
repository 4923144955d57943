"""The app killed with SIGKILL in the middle of a banner job, then started again: the job
resumes in the same folder, finishes, and renders no banner twice."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from agents.studio.plan import StudioPlan
from agents.studio.store import Job, JobStore
from agents.studio.work import Order, select_products
from tests.testing import Accounts, free_port
from ui.platform import Platform

pytestmark = pytest.mark.integration
SHOPMIND = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "shopmind"


class AppProcess:
    """``shopmind serve --no-rasa`` in its own process group over one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "SHOPMIND_DATA_DIR": str(self.data_dir),
               "SHOPMIND_APP_PORT": str(self.port), "SHOPMIND_WORKERS": "2"}
        log = open(self.data_dir / f"app-{time.time():.0f}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen([str(SHOPMIND), "serve", "--no-rasa"], env=env,
                                        stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise AssertionError("the app did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)  # the app and its pool workers
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


@pytest.fixture
def app_process(synced_platform: Platform, accounts: Accounts,
                tmp_path: Path) -> Iterator[AppProcess]:
    source = synced_platform.settings.data_dir
    data_dir = tmp_path / "var"
    shutil.copytree(source, data_dir, ignore=shutil.ignore_patterns(
        "jobs", "jobs.sqlite*", "conversations.sqlite*", "trackers.sqlite*", "*.log"))
    app = AppProcess(data_dir)
    yield app
    app.stop()


def _job(app: AppProcess, headers: dict[str, str], job_id: str) -> dict[str, Any]:
    response = httpx.get(f"{app.base}/v1/jobs/{job_id}", headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _queue_studio_job(data_dir: Path, owner: str, platform: Platform) -> str:
    """A confirmed studio plan, queued as the studio queues it (no Rasa in this app)."""
    plan = StudioPlan(task="banners", count=36, campaign="summer sale", sizes=("1080x1080",))
    order = Order(plan, "en", tuple(select_products(plan, platform.knowledge.products(),
                                                    for_banners=True)),
                  sizes=("1080x1080",), languages=("en",))
    job_id = uuid.uuid4().hex[:16]
    job = Job(job_id, owner, order.describe(), "queued", order.total,
              data_dir / "jobs" / job_id / "banners", plan=order.record())
    store = JobStore(data_dir / "jobs.sqlite")
    store.create(job, max_unfinished=2)
    store.close()
    return job_id


def test_a_job_survives_the_app_being_killed(app_process: AppProcess, accounts: Accounts,
                                             synced_platform: Platform) -> None:
    merchant = accounts.first("merchant")["id"]
    headers = accounts.headers(merchant)
    job_id = _queue_studio_job(app_process.data_dir, merchant, synced_platform)
    app_process.start()  # the app picks the queued job up at start
    deadline = time.monotonic() + 180
    while _job(app_process, headers, job_id)["done"] < 6:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    app_process.kill()
    folder = app_process.data_dir / "jobs" / job_id
    before = {p.name: p.stat().st_mtime_ns for p in folder.rglob("*.jpg")}
    assert 0 < len(before) < 36, len(before)

    app_process.start()
    while (job := _job(app_process, headers, job_id))["state"] in ("queued", "running"):
        assert time.monotonic() < deadline + 180, job
        time.sleep(0.3)
    assert job["state"] == "done" and job["done"] == job["total"] == 36, job
    after = {p.name: p.stat().st_mtime_ns for p in folder.rglob("*.jpg")}
    assert len(after) == 36
    redone = [name for name, mtime in before.items() if after.get(name) != mtime]
    assert redone == []
    assert sorted(n for n in job["files"] if n.endswith(".jpg")) == sorted(after)
