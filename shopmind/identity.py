"""Who is calling: principals (shoppers, merchants, human agents) and their tokens.

A token is 256 random bits from ``secrets``, shown once when it is issued and stored only as
its SHA-256 digest (a random token needs no password-grade stretching: there is nothing to
guess), looked up by digest and compared in constant time. A principal has at most one live
token; ``issue_token`` replaces it and ``revoke`` disables the principal and drops its token.

Example::

    store = PrincipalStore(settings.principals_path)
    merchant, token = store.add("merchant", "Acme Outdoor")
    assert store.authenticate(token).id == merchant.id
    store.revoke(merchant.id)   # the token no longer works
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from shopmind.errors import InvalidInput, NotAuthorised, NotFound

Role = Literal["shopper", "merchant", "agent"]
ROLES: tuple[Role, ...] = get_args(Role)
TOKEN_PREFIX = "smt_"
_ID_PREFIX = {"shopper": "s", "merchant": "m", "agent": "a"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS principals (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL,
    created REAL NOT NULL, revoked REAL);
CREATE TABLE IF NOT EXISTS tokens (
    digest TEXT PRIMARY KEY, principal_id TEXT NOT NULL REFERENCES principals(id),
    created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_by_principal ON tokens (principal_id);
"""


@dataclass(frozen=True)
class Principal:
    """A caller the platform knows: its id (a shopper's is their profile id), role and name."""

    id: str
    role: Role
    name: str
    created: float
    revoked: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class PrincipalStore:
    """Principals and token digests in SQLite (one transaction per write)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        self._lock = threading.Lock()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            if not self._ready:
                with self._lock:
                    connection.execute("PRAGMA journal_mode=WAL")
                    connection.executescript(_SCHEMA)
                    self.path.chmod(0o600)
                    self._ready = True
            with connection:
                yield connection
        finally:
            connection.close()

    def add(self, role: str, name: str, principal_id: str | None = None) -> tuple[Principal, str]:
        """A new principal and its first token (the only time the token is shown)."""
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}, got {role!r}")
        name = " ".join(name.split())
        if not name or len(name) > 80:
            raise InvalidInput("a principal's name must be 1 to 80 characters")
        principal_id = principal_id or f"{_ID_PREFIX[role]}{secrets.token_hex(4)}"
        principal = Principal(principal_id, role, name, time.time())  # type: ignore[arg-type]
        token = new_token()
        with self._connect() as db:
            if db.execute("SELECT 1 FROM principals WHERE id = ?", (principal_id,)).fetchone():
                raise InvalidInput(f"principal {principal_id!r} already exists")
            db.execute("INSERT INTO principals (id, role, name, created) VALUES (?, ?, ?, ?)",
                       (principal.id, principal.role, principal.name, principal.created))
            db.execute("INSERT INTO tokens VALUES (?, ?, ?)",
                       (token_digest(token), principal.id, time.time()))
        return principal, token

    def issue_token(self, principal_id: str) -> str:
        """A fresh token for an active principal; its earlier token stops working."""
        principal = self.get(principal_id)
        if not principal.active:
            raise InvalidInput(f"principal {principal_id!r} is revoked")
        token = new_token()
        with self._connect() as db:
            db.execute("DELETE FROM tokens WHERE principal_id = ?", (principal_id,))
            db.execute("INSERT INTO tokens VALUES (?, ?, ?)",
                       (token_digest(token), principal_id, time.time()))
        return token

    def revoke(self, principal_id: str) -> Principal:
        self.get(principal_id)
        with self._connect() as db:
            db.execute("UPDATE principals SET revoked = ? WHERE id = ? AND revoked IS NULL",
                       (time.time(), principal_id))
            db.execute("DELETE FROM tokens WHERE principal_id = ?", (principal_id,))
        return self.get(principal_id)

    def authenticate(self, token: str) -> Principal:
        """The active principal a token belongs to; ``NotAuthorised`` otherwise."""
        digest = token_digest(token.strip())
        with self._connect() as db:
            row = db.execute(
                "SELECT t.digest, p.id, p.role, p.name, p.created, p.revoked FROM tokens t "
                "JOIN principals p ON p.id = t.principal_id WHERE t.digest = ?",
                (digest,)).fetchone()
        if row is None or not hmac.compare_digest(row[0], digest) or row[5] is not None:
            raise NotAuthorised("unknown or revoked token")
        return Principal(*row[1:])

    def get(self, principal_id: str) -> Principal:
        with self._connect() as db:
            row = db.execute("SELECT id, role, name, created, revoked FROM principals "
                             "WHERE id = ?", (principal_id,)).fetchone()
        if row is None:
            raise NotFound(f"no principal {principal_id!r}")
        return Principal(*row)

    def list(self, role: str | None = None) -> list[Principal]:
        query = "SELECT id, role, name, created, revoked FROM principals"
        with self._connect() as db:
            rows = (db.execute(query + " WHERE role = ? ORDER BY id", (role,)) if role
                    else db.execute(query + " ORDER BY role, id")).fetchall()
        return [Principal(*row) for row in rows]

    def is_empty(self) -> bool:
        with self._connect() as db:
            return db.execute("SELECT 1 FROM principals LIMIT 1").fetchone() is None
