"""Jobs and their items in SQLite, so that a restart loses nothing.

One row per job (owner, request, state, progress, error) and one per banner item (its
``make_banners`` arguments, its file once written, its manifest entry). WAL mode; every
write is one short transaction on one connection behind a lock, so threads share a store
and another process (the CLI) can use the same file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from shopmind.errors import DependencyUnavailable, LimitExceeded

JobState = Literal["queued", "running", "done", "failed", "cancelled"]
UNFINISHED: tuple[JobState, ...] = ("queued", "running")
MANIFEST_FILES = ("manifest.json", "manifest.csv")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, request TEXT NOT NULL, state TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL, message TEXT NOT NULL DEFAULT '',
    error TEXT, out_dir TEXT NOT NULL, manifest INTEGER NOT NULL DEFAULT 0,
    runner_pid INTEGER, created_at REAL NOT NULL, updated_at REAL NOT NULL, plan TEXT);
CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner, created_at);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state);
CREATE TABLE IF NOT EXISTS items (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    arguments TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued', file TEXT, entry TEXT,
    PRIMARY KEY (job_id, idx)) WITHOUT ROWID;
"""
_JOB_COLUMNS = ("id, owner, request, state, done, total, message, error, out_dir, manifest, "
                "runner_pid, created_at, updated_at, plan")


@dataclass
class Job:
    """A merchant's job as stored. ``out_dir`` is internal: callers outside get ``public()``."""

    id: str
    owner: str
    request: str
    state: JobState
    total: int
    out_dir: Path
    done: int = 0
    message: str = ""
    error: str | None = None
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    files: list[str] = field(default_factory=list)
    runner_pid: int | None = None
    # the studio's plan ({"task", "plan", "language", ...}); None for a job from plain words
    plan: dict[str, Any] | None = None

    @property
    def task(self) -> str:
        return str((self.plan or {}).get("task") or "banners")

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED

    def public(self) -> dict[str, Any]:
        """What an API or UI caller may see: no owner, no paths."""
        return {"id": self.id, "state": self.state, "done": self.done, "total": self.total,
                "message": self.message, "error": self.error, "created_at": self.created_at,
                "updated_at": self.updated_at, "request": self.request, "task": self.task,
                "plan": (self.plan or {}).get("plan"), "files": list(self.files)}


@dataclass(frozen=True)
class Item:
    """One banner of a job: its ``make_banners`` item, and its file once written."""

    index: int
    arguments: dict[str, Any]
    state: Literal["queued", "done"] = "queued"
    file: str | None = None
    entry: dict[str, Any] | None = None


@dataclass(frozen=True)
class WrittenItem:
    index: int
    file: str
    entry: dict[str, Any]


class JobStore:
    """Jobs and items in one SQLite file."""

    def __init__(self, path: Path, busy_timeout_s: float = 5.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None,
                                   check_same_thread=False)
        with _translated():
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
            if "plan" not in columns:  # a store written before jobs had plans
                self._db.execute("ALTER TABLE jobs ADD COLUMN plan TEXT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _translated():
            yield self._db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taken for writing at once (no upgrade deadlocks)."""
        with self._lock, _translated():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def create(self, job: Job, max_unfinished: int) -> None:
        """Inserts ``job`` unless its owner already has ``max_unfinished`` jobs queued or
        running (``LimitExceeded``): the count and the insert are one transaction."""
        with self._write() as db:
            (unfinished,) = db.execute(
                "SELECT COUNT(*) FROM jobs WHERE owner = ? AND state IN (?, ?)",
                (job.owner, *UNFINISHED)).fetchone()
            if unfinished >= max_unfinished:
                raise LimitExceeded(
                    f"a merchant may have at most {max_unfinished} jobs queued or running at "
                    f"once (max_jobs_per_merchant); wait for one to finish or cancel one")
            db.execute(f"INSERT INTO jobs ({_JOB_COLUMNS}) VALUES ({', '.join('?' * 14)})",
                       (job.id, job.owner, job.request, job.state, job.done, job.total,
                        job.message, job.error, str(job.out_dir), 0, job.runner_pid,
                        job.created_at, job.updated_at,
                        None if job.plan is None else json.dumps(job.plan, ensure_ascii=False)))

    def get(self, job_id: str) -> Job | None:
        with self._read() as db:
            row = db.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?",
                             (job_id,)).fetchone()
            return None if row is None else self._job(row)

    def owned_by(self, owner: str) -> list[Job]:
        """The owner's jobs, newest first."""
        with self._read() as db:
            rows = db.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE owner = ? "
                f"ORDER BY created_at DESC, rowid DESC", (owner,)).fetchall()
            return [self._job(row) for row in rows]

    def unfinished(self) -> list[Job]:
        """Jobs left queued or running, oldest first."""
        with self._read() as db:
            rows = db.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE state IN (?, ?) "
                f"ORDER BY created_at, rowid", UNFINISHED).fetchall()
            return [self._job(row) for row in rows]

    def state(self, job_id: str) -> JobState | None:
        with self._read() as db:
            row = db.execute("SELECT state FROM jobs WHERE id = ?", (job_id,)).fetchone()
            return None if row is None else cast(JobState, row[0])

    def items(self, job_id: str) -> list[Item]:
        with self._read() as db:
            rows = db.execute(
                "SELECT idx, arguments, state, file, entry FROM items WHERE job_id = ? "
                "ORDER BY idx", (job_id,)).fetchall()
        return [Item(index, json.loads(arguments), state, file,
                     json.loads(entry) if entry else None)
                for index, arguments, state, file, entry in rows]

    def add_items(self, job_id: str, items: list[dict[str, Any]]) -> None:
        """The job's plan, item by item; a plan stored before (a resumed job) is kept."""
        with self._write() as db:
            db.executemany(
                "INSERT OR IGNORE INTO items (job_id, idx, arguments) VALUES (?, ?, ?)",
                [(job_id, index, json.dumps(item, ensure_ascii=False))
                 for index, item in enumerate(items)])

    def start(self, job_id: str, runner_pid: int) -> bool:
        """Marks a queued (or resumed) job running in this process; False if it was
        cancelled or finished meanwhile."""
        return self._update(job_id, UNFINISHED, state="running", runner_pid=runner_pid)

    def progress(self, job_id: str, done: int, message: str) -> None:
        self._update(job_id, ("running",), done=done, message=message)

    def items_written(self, job_id: str, written: list[WrittenItem], done: int,
                      message: str) -> None:
        """Items' files and manifest entries, and the job's count, in one transaction."""
        with self._write() as db:
            db.executemany(
                "UPDATE items SET state = 'done', file = ?, entry = ? "
                "WHERE job_id = ? AND idx = ?",
                [(item.file, json.dumps(item.entry, ensure_ascii=False), job_id, item.index)
                 for item in written])
            db.execute("UPDATE jobs SET done = ?, updated_at = ? WHERE id = ? AND state IN "
                       "('running', 'cancelled')", (done, time.time(), job_id))
            db.execute("UPDATE jobs SET message = ? WHERE id = ? AND state = 'running'",
                       (message, job_id))

    def manifest_written(self, job_id: str) -> None:
        with self._write() as db:
            db.execute("UPDATE jobs SET manifest = 1 WHERE id = ?", (job_id,))

    def finish(self, job_id: str, state: JobState, message: str, error: str | None = None,
               ) -> bool:
        """Ends an unfinished job; False if it had already ended (cancelled meanwhile)."""
        return self._update(job_id, UNFINISHED, state=state, message=message, error=error)

    def cancel(self, job_id: str, message: str) -> bool:
        return self._update(job_id, UNFINISHED, state="cancelled", message=message)

    def note(self, job_id: str, state: JobState, message: str) -> bool:
        """A new message for a job still in ``state``."""
        return self._update(job_id, (state,), message=message)

    def _update(self, job_id: str, when: tuple[JobState, ...], **values: Any) -> bool:
        values["updated_at"] = time.time()
        assignments = ", ".join(f"{name} = ?" for name in values)
        marks = ", ".join("?" * len(when))
        with self._write() as db:
            cursor = db.execute(
                f"UPDATE jobs SET {assignments} WHERE id = ? AND state IN ({marks})",
                (*values.values(), job_id, *when))
            return cursor.rowcount == 1

    def _job(self, row: tuple[Any, ...]) -> Job:
        (job_id, owner, request, state, done, total, message, error, out_dir, manifest,
         runner_pid, created_at, updated_at, plan) = row
        files = [name for (name,) in self._db.execute(
            "SELECT file FROM items WHERE job_id = ? AND state = 'done' "
            "ORDER BY idx", (job_id,))]
        files = list(dict.fromkeys(files)) + (list(MANIFEST_FILES) if manifest else [])
        return Job(job_id, owner, request, state, total, Path(out_dir), done, message, error,
                   created_at, updated_at, files, runner_pid,
                   json.loads(plan) if plan else None)


@contextmanager
def _translated() -> Iterator[None]:
    """A busy or locked database is a dependency that is down for now, not a bug."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise DependencyUnavailable(
            "the jobs database", "it is busy or locked; try again shortly") from exc
