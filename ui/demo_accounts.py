"""The demo accounts' credentials, made on first start (no fixed credential anywhere).

When the principal store is empty, every demo shopper (their profile id is their principal
id), one merchant and two human agents get fresh random tokens; the tokens are written once
to ``demo-credentials.json`` in the data directory, readable by its owner only, and never
printed or logged. ``shopmind users`` manages accounts from then on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.schema import ProfileRow
from shopmind.identity import PrincipalStore

DEMO_MERCHANTS = ("Demo Outdoor Store",)
DEMO_AGENTS = ("Alice", "王芳")


def ensure_demo_accounts(store: PrincipalStore, profiles: Iterable[ProfileRow],
                         credentials: Path) -> bool:
    """Creates the demo accounts if there are no principals yet; True if it did."""
    if not store.is_empty():
        return False
    entries: list[dict[str, Any]] = []
    for profile in profiles:
        principal, token = store.add("shopper", profile.name, principal_id=profile.id)
        entries.append(_entry(principal.id, "shopper", principal.name, token))
    for role, names in (("merchant", DEMO_MERCHANTS), ("agent", DEMO_AGENTS)):
        for name in names:
            principal, token = store.add(role, name)
            entries.append(_entry(principal.id, role, name, token))
    write_private(credentials, json.dumps({"principals": entries}, ensure_ascii=False, indent=1))
    return True


def _entry(principal_id: str, role: str, name: str, token: str) -> dict[str, str]:
    return {"id": principal_id, "role": role, "name": name, "token": token}


def write_private(path: Path, text: str) -> None:
    """Writes a file only its owner can read (mode 0600 from the start, no window)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)


def demo_tokens(credentials: Path) -> dict[str, dict[str, str]]:
    """The demo credentials by principal id (for scripts and tests on this machine)."""
    data = json.loads(credentials.read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in data["principals"]}
