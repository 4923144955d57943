"""Opening the platform's small SQLite stores the same way."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shopmind.errors import DependencyUnavailable


def open_store(path: Path, schema: str, busy_timeout_s: float = 5.0) -> sqlite3.Connection:
    """A connection for short transactions from several threads (guard it with a lock):
    autocommit unless a transaction is begun, WAL, ``schema`` applied."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None,
                         check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(schema)
    return db


@contextmanager
def guarded(lock: threading.Lock, what: str) -> Iterator[None]:
    """Holds ``lock``; a busy or locked database is a dependency down for now (503), not a
    bug."""
    with lock:
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise DependencyUnavailable(what, "it is busy or locked; try again shortly") from exc
