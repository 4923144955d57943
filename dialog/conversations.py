"""Conversations, kept in SQLite: every message with who said it, and the hand-over state.

A session is JIMI's until it is handed over; then it waits for a person, a human agent
claims it, replies, and hands it back. The shopper sees every message with its speaker.
Proactive notices (a delayed order) are recorded so each is sent once, and order requests
JIMI files (cancel, change, return) are kept for the team. Every write is one transaction.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from shopmind.errors import Conflict, DependencyUnavailable, NotFound

BOT = "JIMI"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, shopper_id TEXT NOT NULL, language TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT 'bot', agent TEXT, waiting_since REAL,
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    session_id TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL, speaker TEXT NOT NULL,
    text TEXT NOT NULL, at REAL NOT NULL, PRIMARY KEY (session_id, seq));
CREATE TABLE IF NOT EXISTS notices (
    shopper_id TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (shopper_id, key));
CREATE TABLE IF NOT EXISTS order_requests (
    order_id TEXT NOT NULL, kind TEXT NOT NULL, shopper_id TEXT NOT NULL,
    session_id TEXT NOT NULL, at REAL NOT NULL, reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, kind));
CREATE INDEX IF NOT EXISTS sessions_by_shopper ON sessions (shopper_id, created);
"""


@dataclass(frozen=True)
class Message:
    seq: int
    role: str  # shopper | bot | agent | system
    speaker: str
    text: str
    at: float


@dataclass(frozen=True)
class Session:
    id: str
    shopper_id: str
    language: str
    mode: str  # bot | waiting | agent
    agent: str | None
    waiting_since: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ConversationStore:
    """Thread-safe; one connection guarded by a lock (writes are small and quick).

    A database another process keeps locked is not waited on for long: after ``busy_s`` the
    call fails with ``DependencyUnavailable`` (a 503 for the API), never a hang.
    """

    def __init__(self, path: Path, busy_s: float = 2.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.busy_s = busy_s
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                   timeout=busy_s)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(order_requests)")}
        if "reason" not in columns:  # a store written before requests carried their reason
            self._db.execute("ALTER TABLE order_requests ADD COLUMN reason TEXT NOT NULL "
                             "DEFAULT ''")
        self._mutex = threading.Lock()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """The connection to this thread alone; a busy or locked database is a clear 503."""
        if not self._mutex.acquire(timeout=self.busy_s * 2):
            raise DependencyUnavailable("conversation store", "too busy; try again shortly")
        try:
            yield
        except sqlite3.OperationalError as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise DependencyUnavailable("conversation store", str(exc)) from exc
        finally:
            self._mutex.release()

    def close(self) -> None:
        self._db.close()

    # -- sessions ----------------------------------------------------------------------------

    def open(self, session_id: str, shopper_id: str, language: str) -> tuple[Session, bool]:
        """The session (created when new) and whether it was created now."""
        with self._lock():
            row = self._session_row(session_id)
            if row is not None:
                if row.shopper_id != shopper_id:
                    raise NotFound(f"no session {session_id!r} for this shopper")
                return row, False
            now = time.time()
            self._db.execute("INSERT INTO sessions (id, shopper_id, language, created, updated) "
                             "VALUES (?, ?, ?, ?, ?)", (session_id, shopper_id, language, now, now))
            session = self._session_row(session_id)
            assert session is not None
            return session, True

    def session(self, session_id: str) -> Session:
        with self._lock():
            row = self._session_row(session_id)
        if row is None:
            raise NotFound(f"no session {session_id!r}")
        return row

    def other_sessions(self, shopper_id: str, session_id: str, days: float = 7.0) -> int:
        since = time.time() - days * 86400
        with self._lock():
            (count,) = self._db.execute(
                "SELECT COUNT(*) FROM sessions WHERE shopper_id = ? AND id != ? AND created >= ?",
                (shopper_id, session_id, since)).fetchone()
        return int(count)

    def waiting(self) -> list[Session]:
        with self._lock():
            rows = self._db.execute(
                "SELECT id, shopper_id, language, mode, agent, waiting_since FROM sessions "
                "WHERE mode IN ('waiting', 'agent') ORDER BY waiting_since").fetchall()
        return [Session(*r) for r in rows]

    def request_human(self, session_id: str) -> Session:
        with self._lock():
            self._db.execute("UPDATE sessions SET mode = 'waiting', waiting_since = ?, "
                             "updated = ? WHERE id = ? AND mode = 'bot'",
                             (time.time(), time.time(), session_id))
        return self.session(session_id)

    def claim(self, session_id: str, agent: str) -> Session:
        with self._lock():
            row = self._session_row(session_id)
            if row is None:
                raise NotFound(f"no session {session_id!r}")
            if row.mode == "bot":
                raise Conflict(f"session {session_id!r} has not asked for a person")
            if row.mode == "agent" and row.agent != agent:
                raise Conflict(f"session {session_id!r} is already with {row.agent}")
            self._db.execute("UPDATE sessions SET mode = 'agent', agent = ?, updated = ? "
                             "WHERE id = ?", (agent, time.time(), session_id))
        return self.session(session_id)

    def hand_back(self, session_id: str, agent: str) -> Session:
        with self._lock():
            row = self._session_row(session_id)
            if row is None:
                raise NotFound(f"no session {session_id!r}")
            if row.mode != "agent" or row.agent != agent:
                raise Conflict(f"session {session_id!r} is not held by {agent}")
            self._db.execute("UPDATE sessions SET mode = 'bot', agent = NULL, "
                             "waiting_since = NULL, updated = ? WHERE id = ?",
                             (time.time(), session_id))
        return self.session(session_id)

    # -- messages ----------------------------------------------------------------------------

    def add(self, session_id: str, role: str, speaker: str, texts: list[str]) -> list[Message]:
        now = time.time()
        with self._lock():
            self._db.execute("BEGIN")
            try:
                (last,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM messages "
                                           "WHERE session_id = ?", (session_id,)).fetchone()
                added = [Message(last + i, role, speaker, text, now)
                         for i, text in enumerate(texts, 1)]
                self._db.executemany(
                    "INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?)",
                    [(session_id, m.seq, m.role, m.speaker, m.text, m.at) for m in added])
                self._db.execute("UPDATE sessions SET updated = ? WHERE id = ?",
                                 (now, session_id))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return added

    def history(self, session_id: str, after: int = 0) -> list[Message]:
        with self._lock():
            rows = self._db.execute("SELECT seq, role, speaker, text, at FROM messages WHERE "
                                    "session_id = ? AND seq > ? ORDER BY seq",
                                    (session_id, after)).fetchall()
        return [Message(*r) for r in rows]

    # -- notices and requests ------------------------------------------------------------------

    def first_notice(self, shopper_id: str, key: str) -> bool:
        """True the first time ``key`` is noticed for this shopper (and records it)."""
        with self._lock():
            cursor = self._db.execute("INSERT OR IGNORE INTO notices VALUES (?, ?, ?)",
                                      (shopper_id, key, time.time()))
        return cursor.rowcount == 1

    def record_request(self, order_id: str, kind: str, shopper_id: str, session_id: str,
                       reason: str = "") -> None:
        with self._lock():
            self._db.execute("INSERT OR REPLACE INTO order_requests (order_id, kind, shopper_id, "
                             "session_id, at, reason) VALUES (?, ?, ?, ?, ?, ?)",
                             (order_id, kind, shopper_id, session_id, time.time(), reason))

    def requests_of(self, shopper_id: str) -> list[tuple[str, str]]:
        with self._lock():
            rows = self._db.execute("SELECT order_id, kind FROM order_requests WHERE "
                                    "shopper_id = ? ORDER BY at", (shopper_id,)).fetchall()
        return [(str(a), str(b)) for a, b in rows]

    def _session_row(self, session_id: str) -> Session | None:
        row = self._db.execute("SELECT id, shopper_id, language, mode, agent, waiting_since "
                               "FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return Session(*row) if row else None
