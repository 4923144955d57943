"""Running one job's items: a slice at a time through the ``make_banners`` tool.

Between slices the job's state is read back, so a cancel (from this process or another)
stops it there and what is done stays. After each slice the items' files and manifest
entries are stored in one transaction, so a crash loses at most the slice in flight, and
the tool skips the banners that slice already wrote when the job resumes. A worker pool
that broke (a worker killed) is rebuilt once per job and the remaining items retried.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.studio.store import Item, Job, JobStore, WrittenItem
from shopmind.errors import DependencyUnavailable, ShopmindError, ToolFailed
from tools.base import Progress, ToolContext, ToolResult
from tools.registry import ToolRegistry
from tools.synth.batch import CHUNK
from tools.synth.manifest import atomic_write, read_manifest, write_manifest

ITEMS_PER_CALL = 48  # a slice: eight chunks of six, the most a cancel waits for
logger = logging.getLogger(__name__)


class Paused(Exception):
    """The runner is closing: the job stops between slices and stays ``running`` in the
    store, so that the next start resumes it."""


class WorkerPool:
    """The tool context's executor, replaced when one of its workers died."""

    def __init__(self, context: ToolContext) -> None:
        self._context = context
        self._lock = threading.Lock()

    def current(self) -> Executor:
        with self._lock:
            return self._context.executor()

    def rebuild(self, broken: Executor) -> None:
        """The next ``current()`` is a fresh executor, unless another job already replaced
        ``broken``."""
        with self._lock:
            if self._context.executor() is broken:
                self._context.close()  # a broken pool has no work left to wait for


def broke_pool(error: BaseException) -> bool:
    """Did ``error`` come from a broken executor (a pool worker killed)?"""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, BrokenExecutor):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def failure_message(job_id: str, error: Exception) -> str:
    """What a caller may read about ``error``: a ShopmindError's own message; for anything
    else (a tool's bug that the registry wrapped in ToolFailed included) a reference to the
    logged traceback, never the exception's text or a path."""
    if isinstance(error, ShopmindError) and not _wraps_a_bug(error):
        return error.message
    reference = uuid.uuid4().hex[:8]
    logger.error("job %s stopped on an internal error (reference %s)", job_id, reference,
                 exc_info=error)
    return f"the job stopped on an internal error (logged as {reference})"


def _wraps_a_bug(error: ShopmindError) -> bool:
    cause = error.__cause__
    return isinstance(error, ToolFailed) and cause is not None \
        and not isinstance(cause, ShopmindError)


def write_job_manifest(store: JobStore, job: Job) -> int:
    """The manifest (JSON and CSV) of the job's finished items; returns how many."""
    entries: dict[str, dict[str, Any]] = {}
    for item in store.items(job.id):
        if item.state == "done" and item.file:
            entries.setdefault(item.file, item.entry or {"file": item.file})
    if entries:
        job.out_dir.mkdir(parents=True, exist_ok=True)
        write_manifest(job.out_dir, list(entries.values()))
        store.manifest_written(job.id)
    return len(entries)


@dataclass
class JobWork:
    """One run of a job's unfinished items."""

    job: Job
    store: JobStore
    registry: ToolRegistry
    pool: WorkerPool
    progress: Progress | None = None
    items_per_call: int = ITEMS_PER_CALL
    closing: threading.Event | None = None
    rebuilt: bool = False
    saved: int = 0

    def run(self, items: list[Item]) -> bool:
        """Renders the items not done yet; False when the job was cancelled on the way."""
        remaining = [item for item in items if item.state != "done"]
        done = len(items) - len(remaining)
        self.saved = done
        self._report(done, f"resuming: {done} already done" if done else "started")
        for start in range(0, len(remaining), self.items_per_call):
            if self.store.state(self.job.id) != "running":
                return False
            if self.closing is not None and self.closing.is_set():
                raise Paused(self.job.id)
            part = remaining[start:start + self.items_per_call]
            self._render(part, done)
            done += len(part)
        return self.store.state(self.job.id) == "running"

    def _render(self, part: list[Item], done_before: int) -> None:
        """One slice; a broken pool is rebuilt once per job and the slice tried again."""
        while True:
            executor = self.pool.current()
            try:
                result = self._call(part, done_before)
            except Exception as exc:
                if not broke_pool(exc):
                    raise
                if self.rebuilt:
                    raise DependencyUnavailable(
                        "the worker pool",
                        "a worker process died, and died again after the pool was rebuilt; "
                        "the job stopped") from exc
                logger.warning("job %s: a pool worker died; rebuilding the pool", self.job.id)
                self.rebuilt = True
                self.pool.rebuild(executor)
                continue
            self._record(part, result, done_before)
            return

    def _call(self, part: list[Item], done_before: int) -> ToolResult:
        """The slice's distinct items (a plan may repeat one: one banner, made once)."""
        distinct = list(_distinct(part).values())
        if any("_tool" in item for item in distinct):
            return self._call_each(distinct, done_before)
        arguments: dict[str, Any] = {"items": distinct, "out_dir": str(self.job.out_dir)}
        if (self.job.plan or {}).get("format"):
            arguments["format"] = self.job.plan["format"]  # type: ignore[index]

        def report(done: int, _total: int, message: str) -> None:
            if done:  # not the tool's "0 already rendered" at the start of each slice
                self._report(done_before + done, message)

        return self.registry.call("make_banners", arguments, report)

    def _call_each(self, items: list[dict[str, Any]], done_before: int) -> ToolResult:
        """Items that name their own tool (``_tool``) and result file (``_file``): one call
        each; a file already written (a resumed job) is not made again."""
        out_dir = self.job.out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        files, entries = [], {}
        for position, item in enumerate(items, start=1):
            tool, name = str(item["_tool"]), str(item["_file"])
            target = out_dir / name
            inputs = {k: v for k, v in item.items() if not k.startswith("_")}
            if target.is_file():
                entry: dict[str, Any] = {"file": name, **_entry_fields(tool, inputs, {})}
            else:
                if tool in ("remove_background", "translate_image"):
                    inputs["out_path"] = str(target)
                result = self.registry.call(tool, inputs)
                if tool == "write_copy":
                    texts = [str(t) for t in result.data.get("texts", [])]
                    atomic_write(target, ("\n".join(texts) + "\n").encode("utf-8"))
                entry = {"file": name, **_entry_fields(tool, inputs, result.data)}
            files.append(target)
            entries[name] = entry
            self._report(done_before + position, f"{name} ready")
        return ToolResult(text=f"{len(files)} results", files=files, data={"entries": entries})

    def _record(self, part: list[Item], result: ToolResult, done_before: int) -> None:
        """Each item's file (the tool answers in item order) and manifest entry."""
        distinct = _distinct(part)
        names = [path.name for path in result.files[:len(distinct)]]
        if len(names) != len(distinct):
            raise ToolFailed("make_banners",
                             f"answered {len(names)} files for {len(distinct)} items")
        by_key = dict(zip(distinct, names))
        entries = result.data.get("entries") or read_manifest(self.job.out_dir)
        written = []
        for item in part:
            name = by_key[_key(item)]
            written.append(WrittenItem(item.index, name, entries.get(name, {"file": name})))
        done = done_before + len(part)
        self.store.items_written(self.job.id, written, done, names[-1])
        self.saved = done

    def _report(self, done: int, message: str) -> None:
        if self.progress is not None:
            self.progress(done, self.job.total, message)
        if done - self.saved >= CHUNK:
            self.store.progress(self.job.id, done, message)
            self.saved = done


def _entry_fields(tool: str, inputs: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """What the manifest says of one copy or cutout result."""
    if tool == "write_copy":
        fields = {k: inputs.get(k) for k in ("product_id", "kind", "language", "tone")}
        if data.get("texts"):
            fields["texts"] = " | ".join(str(t) for t in data["texts"])
        return fields
    fields = {"source": Path(str(inputs.get("image_path", ""))).name}
    if tool == "translate_image":
        fields["language"] = inputs.get("target")
        if data.get("untranslated"):
            fields["untranslated"] = " | ".join(str(t) for t in data["untranslated"])
    for key in ("quality", "category"):  # a cutout's catalogue category, "unknown" if none
        if key in data:
            fields[key] = data[key]
    return fields


def _key(item: Item) -> str:
    return json.dumps(item.arguments, sort_keys=True, ensure_ascii=False)


def _distinct(items: list[Item]) -> dict[str, dict[str, Any]]:
    """The items' arguments without repeats, in order, by their canonical JSON."""
    distinct: dict[str, dict[str, Any]] = {}
    for item in items:
        distinct.setdefault(_key(item), item.arguments)
    return distinct
