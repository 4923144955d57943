"""Exporting a finished batch: a zip of the banners and both manifests, written atomically."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from tools.synth.manifest import MANIFEST_CSV, MANIFEST_JSON

IMAGE_SUFFIXES = (".jpg", ".png", ".webp")


def export_zip(out_dir: Path, target: Path | None = None) -> Path:
    """``out_dir``'s banners and manifests as a zip (``<out_dir>/banners.zip`` by default)."""
    target = target or out_dir / "banners.zip"
    names = sorted(p.name for p in out_dir.iterdir()
                   if p.suffix in IMAGE_SUFFIXES and not p.name.startswith("."))
    names += [n for n in (MANIFEST_JSON, MANIFEST_CSV) if (out_dir / n).is_file()]
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".zip.part")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
            for name in names:
                archive.write(out_dir / name, name)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
