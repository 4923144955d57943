"""Studio conversations in SQLite: the plan under discussion survives a restart.

One row per (merchant, session): the plan not yet started, the slot last asked for, the
last job started in the conversation, the merchant's language and the turns so far.
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from agents.studio.plan import StudioPlan
from shopmind.sqlite import guarded, open_store

MAX_TURNS = 200  # turns kept per session (the oldest go first)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS studio_sessions (
    owner TEXT NOT NULL, session_id TEXT NOT NULL, state TEXT NOT NULL,
    updated_at REAL NOT NULL, PRIMARY KEY (owner, session_id)) WITHOUT ROWID;
"""


@dataclass
class StudioState:
    """Where one studio conversation stands."""

    plan: dict[str, Any] | None = None  # the plan under discussion (StudioPlan.to_dict())
    asked: str | None = None  # the slot the studio just asked for
    last_job: str | None = None
    language: str = "en"
    confirming: bool = False  # the last reply asked for a yes
    image_format: str | None = None  # the output format asked for with the plan
    turns: list[dict[str, Any]] = field(default_factory=list)

    def current(self) -> StudioPlan | None:
        if self.plan is None:
            return None
        return StudioPlan.from_dict(self.plan)

    def keep(self, plan: StudioPlan | None) -> None:
        self.plan = None if plan is None else plan.to_dict()

    def said(self, who: str, text: str, **details: Any) -> None:
        self.turns.append({"who": who, "text": text, "at": time.time(), **details})
        del self.turns[:-MAX_TURNS]


class StudioSessions:
    """The states of studio conversations, one short transaction per read or write."""

    def __init__(self, path: Path, busy_timeout_s: float = 5.0) -> None:
        self._lock = threading.Lock()
        with self._guard():
            self._db = open_store(path, _SCHEMA, busy_timeout_s)

    def load(self, owner: str, session_id: str) -> StudioState:
        with self._guard():
            row = self._db.execute(
                "SELECT state FROM studio_sessions WHERE owner = ? AND session_id = ?",
                (owner, session_id)).fetchone()
        return StudioState(**json.loads(row[0])) if row else StudioState()

    def save(self, owner: str, session_id: str, state: StudioState) -> None:
        with self._guard():
            self._db.execute(
                "INSERT INTO studio_sessions (owner, session_id, state, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (owner, session_id) DO UPDATE SET "
                "state = excluded.state, updated_at = excluded.updated_at",
                (owner, session_id, json.dumps(asdict(state), ensure_ascii=False),
                 time.time()))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _guard(self) -> AbstractContextManager[None]:
        return guarded(self._lock, "the studio database")
