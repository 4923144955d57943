"""The batch manifest, in JSON and CSV: one entry per banner with its file, product, size,
texts and layout scores. Written atomically, so a reader never sees half a manifest."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_manifest(out_dir: Path, entries: list[dict[str, Any]],
                   summary: dict[str, Any] | None = None) -> None:
    document = {"banners": entries, **({"summary": summary} if summary else {})}
    atomic_write(out_dir / MANIFEST_JSON,
                 json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    fields: list[str] = []
    for entry in entries:
        fields += [key for key in entry if key not in fields]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields or ["file"])
    writer.writeheader()
    writer.writerows(entries)
    atomic_write(out_dir / MANIFEST_CSV, buffer.getvalue().encode("utf-8"))


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Entries of an earlier run by file name ({} when there is none or it is unreadable)."""
    path = out_dir / MANIFEST_JSON
    if not path.is_file():
        return {}
    try:
        banners = json.loads(path.read_text(encoding="utf-8")).get("banners", [])
    except (OSError, ValueError):
        return {}
    return {entry["file"]: entry for entry in banners if isinstance(entry, dict) and "file" in entry}
