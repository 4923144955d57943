"""Cutting out a folder of photos: parallel, resumable, and every bad file reported.

For ``IN_DIR/a/shoe.jpg`` the batch writes ``OUT_DIR/a/shoe.png`` (RGBA, trimmed) and then
``OUT_DIR/a/shoe.json`` (box, quality, labels, category, notes). The JSON is written last, atomically,
so a file with both is done and a rerun skips it. Files whose name is not an image's are
listed as ignored; files that are named like images but cannot be read fail with a clear
message, and the batch goes on.

Example::

    report = run_batch(Path("photos"), Path("cutouts"), CutoutOptions(), settings, workers=2)
    print(report.summary())
"""

from __future__ import annotations

import json
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from shopmind.errors import InvalidInput, ShopmindError
from shopmind.settings import Settings
from tools.base import Catalogue
from tools.cutout.categories import UNKNOWN, CategoryFinder
from tools.cutout.images import IMAGE_SUFFIXES, read_photo
from tools.cutout.pipeline import CutoutOptions, CutoutPipeline, CutoutResult
from tools.cutout.stages import Segmenter

Progress = Callable[[int, int, str], None]
DEFAULT_WEIGHTS_NAME = "cutout-seg.pt"


@dataclass
class BatchReport:
    """What a batch did: written, skipped (already done), failed (with why), ignored."""

    out_dir: Path
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)  # done file -> catalogue category

    def by_category(self) -> dict[str, int]:
        """How many photos of each category were cut out ("unknown": not in the catalogue)."""
        counts: dict[str, int] = {}
        for name in self.done:
            category = self.categories.get(name, UNKNOWN)
            counts[category] = counts.get(category, 0) + 1
        return dict(sorted(counts.items()))

    def summary(self) -> str:
        head = (f"{len(self.done)} cut out, {len(self.skipped)} already done, "
                f"{len(self.failed)} failed, {len(self.ignored)} ignored -> {self.out_dir}")
        lines = [head]
        if self.done:
            lines.append("  by category: " + ", ".join(
                f"{name} {count}" for name, count in self.by_category().items()))
        lines += [f"  failed: {name}: {why}" for name, why in self.failed]
        return "\n".join(lines)


def default_weights(settings: Settings) -> Path:
    """Where the ``yolo`` backend looks for weights when none are given."""
    return settings.cache_dir / "ultralytics" / "Ultralytics" / "weights" / DEFAULT_WEIGHTS_NAME


def build_segmenter(options: CutoutOptions, cache_dir: Path, weights: Path | None) -> Segmenter:
    if options.backend == "yolo":
        from tools.cutout.yolo import YoloSegmenter

        if weights is None:
            raise InvalidInput("the yolo backend needs weights (a path)")
        return YoloSegmenter(weights, cache_dir, confidence=options.confidence)
    if options.backend == "fused":
        from tools.cutout.fusion import FusedSegmenter

        return FusedSegmenter()
    from tools.cutout.classic import ClassicSegmenter

    return ClassicSegmenter()


def save_result(result: CutoutResult, png: Path, sidecar: Path, source: str) -> dict[str, Any]:
    """Writes the trimmed RGBA PNG, then its JSON sidecar (atomically, last)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    _atomic(png, lambda tmp: result.cutout.save(tmp, "PNG"))
    record = {"source": source, "cutout": png.name, "box": result.box,
              "trim_box": result.trim_box, "size": list(result.rgba.shape[1::-1]),
              "quality": result.quality, "labels": result.labels,
              "category": result.category, "notes": result.notes}
    _atomic(sidecar, lambda tmp: Path(tmp).write_text(json.dumps(record, indent=2)))
    return record


def plan_batch(in_dir: Path, out_dir: Path) -> tuple[list[tuple[Path, Path, Path]], list[str]]:
    """(source, png, json) for every image under ``in_dir``, and the names ignored."""
    if not in_dir.is_dir():
        raise InvalidInput(f"{in_dir} is not a folder")
    jobs, ignored = [], []
    for source in sorted(p for p in in_dir.rglob("*") if p.is_file()):
        relative = source.relative_to(in_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if source.suffix.lower() not in IMAGE_SUFFIXES:
            ignored.append(str(relative))
            continue
        target = out_dir / relative.parent / relative.stem
        jobs.append((source, target.with_suffix(".png"), target.with_suffix(".json")))
    return jobs, ignored


def run_batch(in_dir: Path, out_dir: Path, options: CutoutOptions, settings: Settings,
              workers: int = 1, weights: Path | None = None,
              progress: Progress | None = None, catalogue: Catalogue | None = None
              ) -> BatchReport:
    """Cuts out every image under ``in_dir``; never stops for one bad file. With a
    ``catalogue``, each photo named like a product's image (or id) gets its category."""
    jobs, ignored = plan_batch(in_dir, out_dir)
    report = BatchReport(out_dir=out_dir, ignored=ignored)
    finder = CategoryFinder(catalogue)
    pending = []
    for source, png, sidecar in jobs:
        if png.is_file() and sidecar.is_file():
            report.skipped.append(str(source.relative_to(in_dir)))
        else:
            pending.append((source, png, sidecar, finder.category(source), finder.clear(source)))
    if options.backend == "yolo":
        weights = weights or default_weights(settings)
    settled = len(report.skipped)
    if progress:
        progress(settled, len(jobs), "resuming" if settled else "starting")
    payload = (options.model_dump_json(), str(settings.cache_dir), str(weights or ""))
    for name, error in _results(pending, payload, workers):
        relative = str(Path(name).relative_to(in_dir))
        if error:
            report.failed.append((relative, error))
        else:
            report.done.append(relative)
            report.categories[relative] = finder.category(name)
        settled += 1
        if progress:
            progress(settled, len(jobs), relative)
    return report


Job = tuple[Path, Path, Path, str, bool]
"""(source, png, sidecar, category, clear) of one photo to cut out; ``clear``: the catalogue
says the product is glass (``tools.cutout.clear``)."""


def _results(pending: list[Job], payload: tuple[str, str, str],
             workers: int) -> Iterator[tuple[str, str | None]]:
    if workers <= 1 or len(pending) <= 1:
        for job in pending:
            yield cut_one(job, payload)
        return
    context = multiprocessing.get_context("spawn")  # models and threads never fork
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: list[Future[tuple[str, str | None]]] = [
            pool.submit(cut_one, job, payload) for job in pending]
        for future in as_completed(futures):
            yield future.result()


def cut_one(job: Job, payload: tuple[str, str, str]) -> tuple[str, str | None]:
    """One file, in whichever process: (source, None) or (source, error message)."""
    source, png, sidecar, category, clear = job
    try:
        pipeline = _pipeline(*payload)
        result = pipeline.run(read_photo(source), clear=clear or None)
        result.category = category
        save_result(result, png, sidecar, source.name)
    except ShopmindError as exc:
        return str(source), exc.message
    except MemoryError:
        return str(source), "ran out of memory on this image"
    except Exception as exc:  # noqa: BLE001 -- a library's failure on one odd file must not stop the batch
        return str(source), f"internal error: {type(exc).__name__}: {exc}"
    return str(source), None


@lru_cache(maxsize=4)
def _pipeline(options_json: str, cache_dir: str, weights: str) -> CutoutPipeline:
    """One pipeline per worker process and options (models load once)."""
    options = CutoutOptions.model_validate_json(options_json)
    segmenter = build_segmenter(options, Path(cache_dir), Path(weights) if weights else None)
    pipeline = CutoutPipeline(segmenter, options)
    pipeline.warm_up()
    return pipeline


def _atomic(path: Path, write: Callable[[str], object]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=path.suffix + ".part")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)

