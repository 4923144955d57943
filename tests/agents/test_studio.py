import csv
import json
import multiprocessing
import os
import signal
import sqlite3
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from agents.studio import Job, JobLimits, JobRunner, parse_request
from agents.studio.store import JobStore
from shopmind.errors import (
    Conflict,
    DependencyUnavailable,
    InvalidInput,
    LimitExceeded,
    NotFound,
    TooLarge,
)
from tests.testing import thread_context
from tools.base import ToolContext
from tools.registry import ToolRegistry
from tools.synth import batch
from ui.platform import Platform

SMALL = "make {} banners 300x250 for the summer sale"


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
    ("make 0 banners", "at least 1"),
])
def test_bad_requests_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_request(text)


def test_a_request_over_the_banner_limit_names_it() -> None:
    with pytest.raises(TooLarge, match=r"at most 20000 banners .*asks for 50000"):
        parse_request("make 50000 banners")



@dataclass
class Rig:
    runner: JobRunner
    context: ToolContext


RigFactory = Callable[..., Rig]


@pytest.fixture
def rigs(synced_platform: Platform, tmp_path: Path) -> Iterator[RigFactory]:
    """Job runners over one jobs database in ``tmp_path``, each with its own tool context
    (a thread pool unless ``executor_factory`` says otherwise)."""
    made: list[Rig] = []

    def make(executor_factory: Callable[[], Executor] | None = None, **options: Any) -> Rig:
        context = thread_context(synced_platform.settings, synced_platform.knowledge)
        if executor_factory is not None:
            context.executor_factory = executor_factory
        registry = ToolRegistry.from_entry_points(context)
        runner = JobRunner(tmp_path / "jobs.sqlite", tmp_path / "jobs", registry,
                           synced_platform.knowledge.graph, context=context, **options)
        made.append(Rig(runner, context))
        return made[-1]

    yield make
    for rig in made:
        rig.context.close()
        rig.runner.close()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each banner file was rendered (the workers are threads here)."""
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    real = batch.render_chunk

    def counting(specs: list[Any], paths: list[str]) -> batch.ChunkResult:
        with lock:
            counts.update(Path(path).name for path in paths)
        return real(specs, paths)

    monkeypatch.setattr(batch, "render_chunk", counting)
    return counts


def _banners(job: Job) -> list[str]:
    return [name for name in job.files if not name.startswith("manifest.")]


def test_summer_sale_job_writes_exactly_20_banners_and_a_manifest(rigs: RigFactory) -> None:
    events: list[tuple[int, int]] = []
    runner = rigs().runner
    job = runner.run("m-1", "make 20 banners for the summer sale",
                     lambda d, t, _: events.append((d, t)))
    assert job.state == "done", job.error
    images = sorted(job.out_dir.glob("*.jpg"))
    assert len(images) == 20 and sorted(_banners(job)) == [p.name for p in images]
    assert {Image.open(p).size for p in images} == {(1200, 628), (800, 800)}
    manifest = json.loads((job.out_dir / "manifest.json").read_text())["banners"]
    assert sorted(e["file"] for e in manifest) == [p.name for p in images]
    assert all("template" in e for e in manifest), "each entry keeps its layout scores"
    rows = list(csv.DictReader((job.out_dir / "manifest.csv").open()))
    assert len(rows) == 20 and {"file", "product_id", "size", "headline"} <= set(rows[0])
    graph = runner.graph
    tagged = [e for e in manifest if "summer" in graph.product(e["product_id"]).tags]
    assert len(tagged) == 20, "a summer campaign uses products tagged summer"
    assert events[-1] == (20, 20) and len(events) >= 20


def test_a_rerun_skips_banners_already_written(rigs: RigFactory, tmp_path: Path) -> None:
    from agents.studio.planner import run_plan

    runner = rigs().runner
    plan = runner.plan(SMALL.format(4))
    first = run_plan(plan, runner.registry, tmp_path / "out")
    stamps = {p: p.stat().st_mtime_ns for p in first.files if p.suffix == ".jpg"}
    events: list[str] = []
    run_plan(plan, runner.registry, tmp_path / "out", lambda d, t, m: events.append(m))
    assert events == ["4 already rendered"]
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())


def test_archive_holds_banners_and_manifest(rigs: RigFactory) -> None:
    runner = rigs().runner
    job = runner.run("m-1", "make 3 banners 800x800 for the summer sale")
    with zipfile.ZipFile(runner.archive("m-1", job.id)) as archive:
        names = archive.namelist()
    assert "manifest.json" in names and sum(n.endswith(".jpg") for n in names) == 3


def test_jobs_persist_for_a_new_runner_on_the_same_database(rigs: RigFactory,
                                                            tmp_path: Path) -> None:
    first = rigs().runner
    older = first.run("m-1", SMALL.format(2))
    newer = first.run("m-1", "make 2 banners 728x90 for the summer sale")
    first.close()
    second = rigs().runner
    assert [job.id for job in second.list("m-1")] == [newer.id, older.id]
    job = second.get("m-1", older.id)
    assert (job.state, job.done, job.total, job.owner) == ("done", 2, 2, "m-1")
    public = job.public()
    assert set(public) == {"id", "state", "done", "total", "message", "error", "created_at",
                           "updated_at", "request", "task", "plan", "files"}
    assert (public["task"], public["plan"]) == ("banners", None), "words, not a studio plan"
    assert str(tmp_path) not in json.dumps(public)
    assert all("/" not in name for name in public["files"]) and len(public["files"]) == 4
    assert second.file("m-1", job.id, public["files"][0]).is_file()
    with pytest.raises(Conflict, match="already done"):
        second.cancel("m-1", job.id)
    assert second.resume_unfinished() == []


@pytest.mark.parametrize(("error", "shown"), [
    (RuntimeError("disk /srv/secret/banners exploded"), "stopped on an internal error (logged"),
    (InvalidInput("the logo is not a file"), "the logo is not a file"),
])
def test_any_error_in_a_tool_fails_the_job(rigs: RigFactory, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture,
                                           error: Exception, shown: str) -> None:
    runner = rigs().runner

    def broken(inputs: object, progress: object = None) -> None:
        raise error

    monkeypatch.setattr(runner.registry.get("make_banners"), "run", broken)
    job = runner.wait("m-1", runner.submit("m-1", SMALL.format(2)).id, timeout_s=60)
    assert job.state == "failed" and job.error is not None and shown in job.error
    assert "secret" not in job.error and "RuntimeError" not in job.error
    if isinstance(error, RuntimeError):
        reference = job.error.rsplit(" ", 1)[-1].rstrip(")")
        assert reference in caplog.text and "disk /srv/secret/banners exploded" in caplog.text


class _Crash(BaseException):
    """Stands in for the process being killed: nothing in the job runner catches it."""


def test_a_job_resumes_after_a_crash_without_rendering_anything_twice(
        rigs: RigFactory, renders: Counter[str]) -> None:
    first = rigs(items_per_call=2)

    def crash(done: int, total: int, message: str) -> None:
        if done == 3:  # the second slice's first banner is on disk, not yet in the database
            raise _Crash

    with pytest.raises(_Crash):
        first.runner.run("m-1", SMALL.format(6), crash)
    first.context.close()  # the dead process's last renders have landed
    (stuck,) = first.runner.list("m-1")
    assert (stuck.state, stuck.done, len(_banners(stuck))) == ("running", 2, 2)
    second = rigs(items_per_call=2).runner
    assert second.resume_unfinished() == [stuck.id]
    job = second.wait("m-1", stuck.id, timeout_s=60)
    assert (job.state, job.done, job.owner, job.out_dir) == ("done", 6, "m-1", stuck.out_dir)
    assert sorted(_banners(job)) == sorted(p.name for p in job.out_dir.glob("*.jpg"))
    assert set(renders) == set(_banners(job)) and max(renders.values()) == 1


def test_closing_pauses_a_running_job_and_the_next_start_resumes_it(
        rigs: RigFactory, renders: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = rigs(items_per_call=2).runner
    tool = first.registry.get("make_banners")
    in_slice, release = threading.Event(), threading.Event()
    real_run = tool.run

    def held(inputs: Any, progress: Any = None) -> Any:
        in_slice.set()
        release.wait(30)
        return real_run(inputs, progress)

    monkeypatch.setattr(tool, "run", held)
    job = first.submit("m-1", SMALL.format(4))
    assert in_slice.wait(30)
    threading.Timer(0.2, release.set).start()
    first.close(timeout_s=30)  # asks the job to stop after the slice in flight
    second = rigs(items_per_call=2).runner
    paused = second.get("m-1", job.id)
    assert (paused.state, paused.done) == ("running", 2)
    assert second.resume_unfinished() == [job.id]
    assert second.wait("m-1", job.id, timeout_s=60).state == "done"
    assert len(renders) == 4 and max(renders.values()) == 1


def test_a_banner_the_plan_repeats_is_rendered_once(
        rigs: RigFactory, renders: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from agents.studio import jobs

    def repeating(plan: Any, registry: ToolRegistry) -> list[dict[str, Any]]:
        two = real(replace(plan, request=replace(plan.request, count=2)), registry)
        return two + two

    real = jobs.banner_items
    monkeypatch.setattr(jobs, "banner_items", repeating)
    job = rigs().runner.run("m-1", SMALL.format(4))
    assert (job.state, job.done, len(_banners(job))) == ("done", 4, 2)
    assert set(renders) == set(_banners(job)) and max(renders.values()) == 1


def test_cancel_keeps_the_banners_already_made(rigs: RigFactory) -> None:
    runner = rigs(items_per_call=2).runner
    cancelled: list[Job] = []

    def cancel_after_two(done: int, total: int, message: str) -> None:
        if done == 2 and not cancelled:
            cancelled.append(runner.cancel("m-1", runner.list("m-1")[0].id))

    job = runner.run("m-1", SMALL.format(6), cancel_after_two)
    assert cancelled[0].state == "cancelled"
    assert (job.state, job.done, len(_banners(job))) == ("cancelled", 2, 2)
    assert "cancelled after 2 of 6" in job.message
    with zipfile.ZipFile(runner.archive("m-1", job.id)) as archive:
        assert sorted(n for n in archive.namelist() if n.endswith(".jpg")) == \
            sorted(_banners(job))
    with pytest.raises(Conflict, match="already cancelled"):
        runner.cancel("m-1", job.id)


def test_a_queued_job_can_be_cancelled_and_is_not_resumed(
        rigs: RigFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = rigs().runner
    monkeypatch.setattr(runner, "_start", lambda job, plan: None)  # never picked up
    job = runner.submit("m-1", SMALL.format(2))
    assert runner.get("m-1", job.id).state == "queued"
    assert runner.cancel("m-1", job.id).state == "cancelled"
    assert runner.resume_unfinished() == []
    with pytest.raises(Conflict, match="cancelled with 0 banners"):
        runner.archive("m-1", job.id)


def test_another_merchants_job_is_as_unknown_as_a_made_up_id(rigs: RigFactory) -> None:
    runner = rigs().runner
    job = runner.run("m-1", SMALL.format(1))
    name = _banners(job)[0]
    calls: list[Callable[[str], object]] = [
        lambda job_id: runner.get("m-2", job_id), lambda job_id: runner.cancel("m-2", job_id),
        lambda job_id: runner.archive("m-2", job_id),
        lambda job_id: runner.file("m-2", job_id, name)]
    for call in calls:
        with pytest.raises(NotFound) as theirs:
            call(job.id)
        with pytest.raises(NotFound) as made_up:
            call("0" * 16)
        assert theirs.value.message == made_up.value.message.replace("0" * 16, job.id)
    assert runner.list("m-2") == []


@pytest.mark.parametrize("name", ["../jobs.sqlite", "sub/x.jpg", "..", "manifest.json.part",
                                  "banners.zip"])
def test_file_serves_only_recorded_bare_names(rigs: RigFactory, name: str) -> None:
    runner = rigs().runner
    job = runner.run("m-1", SMALL.format(1))
    assert runner.file("m-1", job.id, "manifest.json").name == "manifest.json"
    with pytest.raises(NotFound):
        runner.file("m-1", job.id, name)


def test_a_merchant_may_run_only_so_many_jobs_at_once(rigs: RigFactory) -> None:
    runner = rigs(limits=JobLimits(max_jobs_per_owner=1, max_banners=100,
                                   max_megapixels=100.0)).runner
    refusals: list[LimitExceeded] = []

    def try_another(done: int, total: int, message: str) -> None:
        if not refusals:
            with pytest.raises(LimitExceeded) as refused:
                runner.submit("m-1", SMALL.format(1))
            refusals.append(refused.value)

    assert runner.run("m-1", SMALL.format(2), try_another).state == "done"
    assert refusals[0].http_status == 429
    assert "at most 1 jobs" in refusals[0].message
    assert "max_jobs_per_merchant" in refusals[0].message
    again = runner.submit("m-1", SMALL.format(1))  # the first one has finished
    assert runner.wait("m-1", again.id, timeout_s=60).state == "done"


@pytest.mark.parametrize(("text", "named"), [
    (SMALL.format(11), ("at most 10 banners", "max_job_banners", "asks for 11")),
    ("make 10 banners 1200x628 for the summer sale",
     ("at most 2 megapixels", "max_job_megapixels", "asks for 7.5")),
])
def test_a_job_over_its_size_limit_is_refused(rigs: RigFactory, text: str,
                                              named: tuple[str, ...]) -> None:
    runner = rigs(limits=JobLimits(max_jobs_per_owner=2, max_banners=10,
                                   max_megapixels=2.0)).runner
    with pytest.raises(TooLarge) as refused:
        runner.submit("m-1", text)
    assert refused.value.http_status == 413
    assert all(part in refused.value.message for part in named), refused.value.message
    assert runner.list("m-1") == []


class _BrokenPool(Executor):
    """What a process pool answers once one of its workers was killed."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        return future


def test_a_broken_pool_is_rebuilt_and_the_job_finishes(rigs: RigFactory) -> None:
    pools: list[Executor] = []

    def factory() -> Executor:
        pools.append(_BrokenPool() if not pools else ThreadPoolExecutor(max_workers=2))
        return pools[-1]

    runner = rigs(executor_factory=factory).runner
    job = runner.run("m-1", SMALL.format(3))
    assert (job.state, job.done, len(_banners(job))) == ("done", 3, 3), job.error
    assert len(pools) == 2


def test_a_pool_that_breaks_again_fails_the_job_clearly(rigs: RigFactory) -> None:
    runner = rigs(executor_factory=_BrokenPool).runner
    job = runner.run("m-1", SMALL.format(3))
    assert job.state == "failed" and job.error is not None
    assert "died again after the pool was rebuilt" in job.error


def _pool_with_a_killed_worker() -> Executor:
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    os.kill(pool.submit(os.getpid).result(timeout=60), signal.SIGKILL)
    return pool


def test_a_real_pool_whose_worker_was_killed_is_replaced(rigs: RigFactory) -> None:
    pools: list[Executor] = []

    def factory() -> Executor:
        pools.append(_pool_with_a_killed_worker() if not pools
                     else ThreadPoolExecutor(max_workers=2))
        return pools[-1]

    runner = rigs(executor_factory=factory).runner
    job = runner.run("m-1", SMALL.format(2))
    assert (job.state, job.done) == ("done", 2), job.error
    assert len(pools) == 2


def test_a_locked_jobs_database_is_a_dependency_down_not_a_hang(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite", busy_timeout_s=0.2)
    other = sqlite3.connect(tmp_path / "jobs.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DependencyUnavailable, match="jobs database .* busy or locked"):
            store.create(Job("j1", "m-1", "make 1 banner", "queued", 1, tmp_path), 2)
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()
