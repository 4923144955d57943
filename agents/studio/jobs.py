"""Merchant jobs: a request becomes a job with progress, a folder of results and a zip.

Each job's state is written to ``<jobs_dir>/<id>/job.json`` as it changes, so a crash
leaves a record of how far it got; the banners already written are kept and a re-run
skips them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from agents.studio.planner import BannerPlan, choose_products, run_plan
from agents.studio.request import parse_request
from kg.graph import ProductGraph
from shopmind.errors import InvalidInput, NotFound, ShopmindError
from tools.base import Progress
from tools.registry import ToolRegistry

JobState = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    id: str
    request: str
    state: JobState = "queued"
    done: int = 0
    total: int = 0
    message: str = ""
    out_dir: str = ""
    error: str | None = None
    created_at: float = field(default_factory=time.time)


class JobRunner:
    """Plans and runs banner jobs through the tool registry."""

    def __init__(self, jobs_dir: Path, registry: ToolRegistry, graph: ProductGraph) -> None:
        self.jobs_dir = jobs_dir
        self.registry = registry
        self.graph = graph
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def plan(self, text: str) -> BannerPlan:
        request = parse_request(text)
        return BannerPlan(request, choose_products(self.graph, request))

    def run(self, text: str, progress: Progress | None = None) -> Job:
        """Plans and runs a job in this thread; returns it finished (done or failed)."""
        plan = self.plan(text)
        job = self._new_job(text, plan)
        self._execute(job, plan, progress)
        return job

    def submit(self, text: str) -> Job:
        """Plans now (bad requests fail at once) and runs in the background."""
        plan = self.plan(text)
        job = self._new_job(text, plan)
        threading.Thread(target=self._execute, args=(job, plan, None), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id) or self._load(job_id)
        if job is None:
            raise NotFound(f"no job {job_id!r}")
        return job

    def archive(self, job_id: str) -> Path:
        """A zip of the job's banners and manifest (made once the job is done)."""
        job = self.get(job_id)
        if job.state != "done":
            raise InvalidInput(f"job {job_id} is {job.state}; download it when it is done")
        target = self.jobs_dir / job_id / "banners.zip"
        if not target.is_file():
            with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
                made = shutil.make_archive(str(Path(scratch) / "banners"), "zip", job.out_dir)
                os.replace(made, target)
        return target

    def _new_job(self, text: str, plan: BannerPlan) -> Job:
        job_id = uuid.uuid4().hex[:12]
        out_dir = self.jobs_dir / job_id / "banners"
        job = Job(job_id, text, total=plan.request.count, out_dir=str(out_dir))
        with self._lock:
            self._jobs[job_id] = job
        self._save(job)
        return job

    def _execute(self, job: Job, plan: BannerPlan, progress: Progress | None) -> None:
        job.state = "running"
        self._save(job)

        def report(done: int, total: int, message: str) -> None:
            job.done, job.total, job.message = done, total, message
            if progress:
                progress(done, total, message)
            if done == total or done % 25 == 0:
                self._save(job)

        try:
            result = run_plan(plan, self.registry, Path(job.out_dir), report)
        except ShopmindError as exc:
            job.state, job.error = "failed", exc.message
        else:
            job.state, job.message = "done", result.text
        self._save(job)

    def _save(self, job: Job) -> None:
        folder = self.jobs_dir / job.id
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".job", suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(job), handle, ensure_ascii=False)
        os.replace(tmp, folder / "job.json")

    def _load(self, job_id: str) -> Job | None:
        if not job_id.isalnum():
            return None
        path = self.jobs_dir / job_id / "job.json"
        return Job(**json.loads(path.read_text())) if path.is_file() else None
