"""Rendering a batch of banners through an executor, with progress, resumable, atomic writes,
and a manifest in JSON and CSV.

A banner's file name carries a hash of everything that defines it, so a re-run skips the
banners already written and a crash never leaves a half-written image.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tools.synth.render import BannerSpec, render_banner

Progress = Callable[[int, int, str], None]


def banner_name(spec: BannerSpec) -> str:
    key = json.dumps(asdict(spec), sort_keys=True, default=str).encode()
    digest = hashlib.sha256(key).hexdigest()[:12]
    return f"{spec.product_id}_{spec.width}x{spec.height}_{digest}.{spec.format}"


def render_to(spec: BannerSpec, path: Path) -> str:
    """Worker entry: renders one banner and writes it atomically. Returns the path."""
    data = render_banner(spec)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return str(path)


def render_batch(specs: list[BannerSpec], out_dir: Path, executor: Executor,
                 progress: Progress | None = None) -> list[dict[str, Any]]:
    """Renders what is missing, reports progress per banner, writes the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = [_entry(spec, out_dir / banner_name(spec)) for spec in specs]
    pending: list[Future[str]] = [
        executor.submit(render_to, spec, out_dir / entry["file"])
        for spec, entry in zip(specs, entries) if not (out_dir / entry["file"]).is_file()
    ]
    done = len(specs) - len(pending)
    if progress:
        progress(done, len(specs), f"{done} already rendered")
    for future in pending:
        written = future.result()
        done += 1
        if progress:
            progress(done, len(specs), Path(written).name)
    write_manifest(out_dir, entries)
    return entries


def _entry(spec: BannerSpec, path: Path) -> dict[str, Any]:
    return {"file": path.name, "product_id": spec.product_id,
            "size": f"{spec.width}x{spec.height}", "format": spec.format,
            "headline": spec.headline, "subline": spec.subline, "price": spec.price,
            "cta": spec.cta}


def write_manifest(out_dir: Path, entries: list[dict[str, Any]]) -> None:
    _atomic_text(out_dir / "manifest.json",
                 json.dumps({"banners": entries}, ensure_ascii=False, indent=2))
    fields = list(entries[0]) if entries else ["file"]
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".manifest", suffix=".part")
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(entries)
    os.replace(tmp, out_dir / "manifest.csv")


def _atomic_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
