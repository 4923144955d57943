"""Merchant jobs: a request becomes a job that belongs to one merchant, survives a restart,
can be cancelled, and ends done, failed or cancelled, never stuck.

Jobs and their items live in SQLite (:mod:`agents.studio.store`); each job renders into
``<jobs_dir>/<id>/banners``. Example::

    runner = JobRunner(settings.jobs_path, settings.jobs_dir, registry, graph,
                       context=tool_context, limits=JobLimits.from_settings(settings))
    runner.resume_unfinished()                  # once, at start
    job = runner.submit("m-001", "make 20 banners for the summer sale")
    runner.get("m-001", job.id).public()        # {"state": "running", "done": 6, ...}
"""

from __future__ import annotations

import builtins
import logging
import os
import tempfile
import threading
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from agents.studio.execution import (
    ITEMS_PER_CALL,
    JobWork,
    Paused,
    WorkerPool,
    failure_message,
    write_job_manifest,
)
from agents.studio.planner import BannerPlan, banner_items, choose_products
from agents.studio.request import parse_request
from agents.studio.store import MANIFEST_FILES, Item, Job, JobStore
from agents.studio.work import Order, check_pixels
from kg.graph import ProductGraph
from shopmind.errors import Conflict, NotFound
from shopmind.settings import Settings
from tools.base import Progress, ToolContext
from tools.registry import ToolRegistry

__all__ = ["Job", "JobLimits", "JobRunner"]
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobLimits:
    """How much one merchant may ask for: jobs at once, banners and pixels per job."""

    max_jobs_per_owner: int
    max_banners: int
    max_megapixels: float

    @classmethod
    def from_settings(cls, settings: Settings) -> JobLimits:
        return cls(settings.max_jobs_per_merchant, settings.max_job_banners,
                   settings.max_job_megapixels)


class JobRunner:
    """Plans, runs, resumes and cancels banner jobs through the tool registry."""

    def __init__(self, jobs_path: Path, jobs_dir: Path, registry: ToolRegistry,
                 graph: ProductGraph, *, context: ToolContext | None = None,
                 limits: JobLimits | None = None, items_per_call: int = ITEMS_PER_CALL) -> None:
        context = context or registry.context  # the context the registry's tools run in
        self.jobs_dir = jobs_dir
        self.registry = registry
        self.graph = graph
        self.limits = limits or JobLimits.from_settings(context.settings)
        self.items_per_call = items_per_call
        self.store = JobStore(jobs_path)
        self._pool = WorkerPool(context)
        self._threads: dict[str, threading.Thread] = {}  # jobs running in this process
        self._lock = threading.Condition()  # guards _threads; notified when a job ends
        self._closing = threading.Event()

    def plan(self, text: str) -> BannerPlan:
        """The request understood and checked against the limits (``InvalidInput``,
        ``TooLarge``), with the products it will use."""
        request = parse_request(text, self.limits.max_banners)
        check_pixels(request.count, request.sizes, self.limits.max_megapixels)
        return BannerPlan(request, choose_products(self.graph, request))

    def submit(self, owner: str, text: str) -> Job:
        """Plans now (a bad request fails at once) and runs in a background thread."""
        plan = self.plan(text)
        job = self._create(owner, text, plan)
        self._start(job, plan)
        return job

    def submit_order(self, owner: str, text: str, order: Order) -> Job:
        """Runs a studio order (banners, copy or cutouts) in a background thread; ``text``
        is what the merchant said, kept with the job."""
        job_id = uuid.uuid4().hex[:16]
        folder = "banners" if order.task == "banners" else "results"
        job = Job(job_id, owner, text[:2000], "queued", order.total,
                  self.jobs_dir / job_id / folder, plan=order.record())
        self.store.create(job, self.limits.max_jobs_per_owner)
        self._start(job, order)
        return job

    def run(self, owner: str, text: str, progress: Progress | None = None) -> Job:
        """Plans and runs a job in this thread; returns it finished."""
        plan = self.plan(text)
        job = self._create(owner, text, plan)
        with self._lock:
            self._threads[job.id] = threading.current_thread()
        self._execute(job, plan, progress)
        return self.get(owner, job.id)

    def get(self, owner: str, job_id: str) -> Job:
        """The owner's job; another owner's job is as unknown as a made-up id."""
        job = self.store.get(job_id)
        if job is None or job.owner != owner:
            raise NotFound(f"no job {job_id[:64]!r}")
        return job

    def list(self, owner: str) -> list[Job]:
        """The owner's jobs, newest first."""
        return self.store.owned_by(owner)

    def wait(self, owner: str, job_id: str, timeout_s: float | None = None) -> Job:
        """The job once this process has stopped working on it (or after ``timeout_s``)."""
        self.get(owner, job_id)
        with self._lock:
            self._lock.wait_for(lambda: job_id not in self._threads, timeout_s)
        return self.get(owner, job_id)

    def cancel(self, owner: str, job_id: str) -> Job:
        """Stops a queued or running job between slices; banners already made are kept."""
        job = self.get(owner, job_id)
        noun = _noun(job)
        message = f"cancelled after {job.done} of {job.total} {noun}; those are kept"
        if job.finished or not self.store.cancel(job_id, message):
            state = self.store.state(job_id)
            raise Conflict(f"job {job_id} is already {state}; only a queued or running job "
                           f"can be cancelled")
        with self._lock:
            running_here = job_id in self._threads
        if not running_here:  # nobody here will stop it: keep what it made now
            write_job_manifest(self.store, job)
        return self.get(owner, job_id)

    def archive(self, owner: str, job_id: str) -> Path:
        """A zip of the job's banners and manifest: for a done job, or a cancelled one with
        at least one banner."""
        job = self.get(owner, job_id)
        banners = [name for name in job.files if name not in MANIFEST_FILES]
        if not (job.state == "done" or (job.state == "cancelled" and banners)):
            raise Conflict(f"job {job_id} is {job.state} with {len(banners)} {_noun(job)}; "
                           f"download it when it is done (or cancelled with results kept)")
        if not all((job.out_dir / name).is_file() for name in MANIFEST_FILES):
            write_job_manifest(self.store, job)
        target = job.out_dir.parent / f"{job.out_dir.name}.zip"
        if not target.is_file() or target.stat().st_mtime < job.updated_at:
            _zip(job.out_dir, [*banners, *MANIFEST_FILES], target)
        return target

    def file(self, owner: str, job_id: str, name: str) -> Path:
        """One of the job's result files by its bare name."""
        job = self.get(owner, job_id)
        unsafe = "/" in name or "\\" in name or ".." in name
        path = job.out_dir / name
        if unsafe or name not in job.files or not path.is_file():
            raise NotFound(f"job {job_id} has no file {name[:128]!r}")
        return path

    def resume_unfinished(self) -> builtins.list[str]:
        """Starts again, in their folders, the jobs a stopped process left queued or running
        (call once at start); finished items are not redone. Returns their ids."""
        resumed = []
        for job in self.store.unfinished():
            with self._lock:
                here = job.id in self._threads
            if here or _alive_elsewhere(job.runner_pid):
                continue
            self._start(job, None)
            resumed.append(job.id)
        return resumed

    def close(self, timeout_s: float = 30.0) -> None:
        """Stops this process's jobs between slices (they stay ``running`` and resume at
        the next start), waits up to ``timeout_s`` for them, and closes the store."""
        self._closing.set()
        current = threading.current_thread()
        with self._lock:
            idle = self._lock.wait_for(
                lambda: all(thread is current for thread in self._threads.values()), timeout_s)
        if not idle:
            logger.warning("jobs still running at close; they resume at the next start")
            return
        self.store.close()

    def _create(self, owner: str, text: str, plan: BannerPlan) -> Job:
        job_id = uuid.uuid4().hex[:16]
        job = Job(job_id, owner, text, "queued", plan.request.count,
                  self.jobs_dir / job_id / "banners")
        self.store.create(job, self.limits.max_jobs_per_owner)
        return job

    def _start(self, job: Job, plan: BannerPlan | Order | None) -> None:
        thread = threading.Thread(target=self._execute, args=(job, plan, None),
                                  name=f"job-{job.id}", daemon=True)
        with self._lock:
            self._threads[job.id] = thread
        thread.start()

    def _execute(self, job: Job, plan: BannerPlan | Order | None,
                 progress: Progress | None) -> None:
        try:
            if not self.store.start(job.id, os.getpid()):
                return  # cancelled while queued
            work = JobWork(job, self.store, self.registry, self._pool, progress,
                           self.items_per_call, self._closing)
            finished = work.run(self._items(job, plan))
            self._wrap_up(job, finished)
        except Paused:
            logger.info("job %s paused while closing; it resumes at the next start", job.id)
        except KeyboardInterrupt:
            self.store.cancel(job.id, f"stopped from the keyboard; the {_noun(job)} made are kept")
            write_job_manifest(self.store, job)
            raise
        except Exception as exc:  # noqa: BLE001 - any failure ends the job as failed
            self.store.finish(job.id, "failed", "failed", failure_message(job.id, exc))
        finally:
            with self._lock:
                self._threads.pop(job.id, None)
                self._lock.notify_all()

    def _items(self, job: Job, plan: BannerPlan | Order | None) -> builtins.list[Item]:
        """The job's items as stored, or planned now (copy from Li Bai) and stored."""
        items = self.store.items(job.id)
        if not items:
            if isinstance(plan, Order) or (plan is None and job.plan is not None):
                order = plan if isinstance(plan, Order) else Order.from_record(job.plan or {})
                planned = order.items(self.registry)
            else:
                planned = banner_items(plan or self.plan(job.request), self.registry)
            self.store.add_items(job.id, planned)
            items = self.store.items(job.id)
        return items

    def _wrap_up(self, job: Job, finished: bool) -> None:
        made = write_job_manifest(self.store, job)
        if finished:
            self.store.finish(job.id, "done", f"{made} {_noun(job, made)} ready")
        else:
            done = self.store.get(job.id)
            self.store.note(job.id, "cancelled", f"cancelled after {done.done if done else 0} "
                                                 f"of {job.total} {_noun(job)}; those are kept")


def _noun(job: Job, count: int = 2) -> str:
    """What a job's items are: banners, cutouts, or copy files (one per product and
    language, each with the texts asked for); ``count`` 1 says it in the singular."""
    noun = {"copy": "copy files", "cutout": "cutouts",
            "translate": "translated images"}.get(job.task, "banners")
    return noun[:-1] if count == 1 else noun


def _alive_elsewhere(pid: int | None) -> bool:
    """Is another live process (the CLI, say) running this job?"""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _zip(folder: Path, names: list[str], target: Path) -> None:
    """Writes the zip beside ``target`` and renames it into place."""
    fd, scratch = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".zip.part")
    os.close(fd)
    try:
        with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in dict.fromkeys(names):
                if (folder / name).is_file():
                    archive.write(folder / name, name)
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
