"""Which merchant owns which uploaded product, in SQLite (the platform catalogue's have none).

A product id a merchant uploads first becomes theirs; only they may change it afterwards.
Ids already in the platform catalogue with no owner stay the platform's. ``claim`` decides for
a whole upload in one short transaction, so two uploads cannot take the same new id.

Example::

    owners = ProductOwners(settings.product_owners_path)
    verdicts = owners.claim("m1a2b3c4", ["zz-mug", "fw-trail-runner"], in_catalogue)
    verdicts   # {"zz-mug": "new", "fw-trail-runner": "platform"}
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Literal

from shopmind.sqlite import guarded, open_store

Verdict = Literal["new", "mine", "platform", "other"]
"""new: unowned and not in the catalogue, now the uploader's; mine: the uploader's already;
platform: in the catalogue with no owner; other: another merchant's."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS product_owners (
    product_id TEXT PRIMARY KEY, owner TEXT NOT NULL,
    created_at REAL NOT NULL, updated_at REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS product_owners_owner ON product_owners (owner);
"""


class ProductOwners:
    """The ownership table; one short transaction per call."""

    def __init__(self, path: Path, busy_timeout_s: float = 5.0) -> None:
        self._lock = threading.Lock()
        with self._guard():
            self._db = open_store(path, _SCHEMA, busy_timeout_s)

    def claim(self, owner: str, product_ids: Sequence[str],
              in_catalogue: Callable[[str], bool]) -> dict[str, Verdict]:
        """Decides each id for ``owner`` and records the new ones as theirs, atomically."""
        verdicts: dict[str, Verdict] = {}
        now = time.time()
        with self._transaction() as db:
            for product_id in product_ids:
                row = db.execute("SELECT owner FROM product_owners WHERE product_id = ?",
                                 (product_id,)).fetchone()
                verdicts[product_id] = _verdict(owner, row, in_catalogue, product_id)
            db.executemany("INSERT INTO product_owners VALUES (?, ?, ?, ?)",
                           [(pid, owner, now, now) for pid, v in verdicts.items() if v == "new"])
            db.executemany("UPDATE product_owners SET updated_at = ? WHERE product_id = ?",
                           [(now, pid) for pid, v in verdicts.items() if v == "mine"])
        return verdicts

    def release(self, owner: str, product_ids: Sequence[str]) -> None:
        """Forgets ``owner``'s claim on these ids (an upload that failed half-way)."""
        with self._transaction() as db:
            db.executemany("DELETE FROM product_owners WHERE product_id = ? AND owner = ?",
                           [(product_id, owner) for product_id in product_ids])

    def owner_of(self, product_id: str) -> str | None:
        """The merchant who uploaded the product; None for the platform's or unknown ids."""
        with self._guard():
            row = self._db.execute("SELECT owner FROM product_owners WHERE product_id = ?",
                                   (product_id,)).fetchone()
        return None if row is None else str(row[0])

    def products_of(self, owner: str) -> list[str]:
        """The ids ``owner`` uploaded, sorted."""
        with self._guard():
            rows = self._db.execute("SELECT product_id FROM product_owners WHERE owner = ? "
                                    "ORDER BY product_id", (owner,)).fetchall()
        return [str(row[0]) for row in rows]

    def of_others(self, owner: str) -> set[str]:
        """The ids other merchants uploaded (``owner`` may not work on them)."""
        with self._guard():
            rows = self._db.execute("SELECT product_id FROM product_owners WHERE owner != ?",
                                    (owner,)).fetchall()
        return {str(row[0]) for row in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _guard(self) -> AbstractContextManager[None]:
        return guarded(self._lock, "the product owners database")


def _verdict(owner: str, row: tuple[str] | None, in_catalogue: Callable[[str], bool],
             product_id: str) -> Verdict:
    if row is not None:
        return "mine" if row[0] == owner else "other"
    return "platform" if in_catalogue(product_id) else "new"
