"""Rendering a batch of banners through an executor: progress per banner, resumable,
atomic writes, and a manifest in JSON and CSV.

A banner's file name carries a hash of its content (texts, size, format, template, the input
files' bytes and the renderer version), so a re-run skips the banners already written and a
crash never leaves a half-written image. Work travels in chunks of one product and size, so
each worker reuses its cached cutout, resized layers and painted backgrounds.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import asdict, dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from tools.layout.metrics import content_metrics
from tools.synth.manifest import atomic_write, read_manifest, write_manifest
from tools.synth.render import RENDER_VERSION, BannerSpec, layout_for, render_spec

Progress = Callable[[int, int, str], None]
CHUNK = 6


def banner_name(spec: BannerSpec) -> str:
    fields = asdict(spec)
    for path_field in ("image", "mask", "logo", "digest"):
        fields.pop(path_field)
    key = json.dumps([fields, spec.digest, RENDER_VERSION], sort_keys=True, default=str)
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return f"{spec.product_id}_{spec.size}_{spec.language}_{digest}.{spec.format}"


@dataclass
class ChunkResult:
    entries: list[dict[str, Any]]
    pid: int
    peak_rss_mb: float


def render_chunk(specs: list[BannerSpec], paths: list[str]) -> ChunkResult:
    """Worker entry: renders and atomically writes a chunk of banners."""
    entries = []
    for spec, path in zip(specs, paths):
        rendered = render_spec(spec)
        atomic_write(Path(path), rendered.data)
        entries.append({**describe(spec, Path(path).name), **rendered.scores})
    return ChunkResult(entries, os.getpid(), _peak_rss_mb())


def score_chunk(specs: list[BannerSpec], names: list[str]) -> ChunkResult:
    """Worker entry: layout scores only, for banners on disk that the manifest lacks."""
    entries = []
    for spec, name in zip(specs, names):
        choice = layout_for(spec)
        layout = choice.solved.layout
        metrics = content_metrics(layout, choice.solved.saliency)
        entries.append({**describe(spec, name), "template": layout.template,
                        "cost": round(choice.cost, 4),
                        **{k: round(v, 4) for k, v in metrics.items()}})
    return ChunkResult(entries, os.getpid(), _peak_rss_mb())


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's ``VmHWM`` restarts at exec, unlike
    ``ru_maxrss``, which a spawned worker inherits from the parent it was forked from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def describe(spec: BannerSpec, name: str) -> dict[str, Any]:
    return {"file": name, "product_id": spec.product_id, "size": spec.size,
            "format": spec.format, "language": spec.language, "headline": spec.headline,
            "subline": spec.subline, "price": spec.price, "cta": spec.cta, "badge": spec.badge,
            # the rest of the layout inputs, so a banner can be made again (translated)
            "brand": spec.brand, "brand_colours": " ".join(_hex(c) for c in spec.brand_colours),
            "logo": str(spec.logo) if spec.logo else "", "forced_template": spec.template or ""}


def _hex(colour: tuple[int, ...]) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in colour[:3])


@dataclass
class BatchReport:
    entries: list[dict[str, Any]]
    rendered: int
    skipped: int
    workers: dict[int, float] = field(default_factory=dict)  # pid -> peak RSS in MB


def render_batch(specs: list[BannerSpec], out_dir: Path, executor: Executor,
                 progress: Progress | None = None) -> list[dict[str, Any]]:
    """Renders what is missing, reports progress per banner, writes the manifest."""
    return run_batch(specs, out_dir, executor, progress).entries


def run_batch(specs: list[BannerSpec], out_dir: Path, executor: Executor,
              progress: Progress | None = None) -> BatchReport:
    out_dir.mkdir(parents=True, exist_ok=True)
    names = [banner_name(spec) for spec in specs]
    known = read_manifest(out_dir)
    missing = [i for i, name in enumerate(names) if not (out_dir / name).is_file()]
    unscored = [i for i, name in enumerate(names)
                if (out_dir / name).is_file() and name not in known]
    report = BatchReport([], rendered=len(missing), skipped=len(specs) - len(missing))
    done = report.skipped
    if progress:
        progress(done, len(specs), f"{done} already rendered")
    results: dict[str, dict[str, Any]] = {}
    for future in _submit(executor, render_chunk, specs, missing, [str(out_dir / n) for n in names]):
        chunk = future.result()
        report.workers[chunk.pid] = max(report.workers.get(chunk.pid, 0.0), chunk.peak_rss_mb)
        for entry in chunk.entries:
            results[entry["file"]] = entry
            done += 1
            if progress:
                progress(done, len(specs), entry["file"])
    for future in _submit(executor, score_chunk, specs, unscored, names):
        results.update({entry["file"]: entry for entry in future.result().entries})
    report.entries = [results.get(name) or known[name] for name in names]
    write_manifest(out_dir, report.entries)
    return report


def _submit(executor: Executor, task: Callable[[list[BannerSpec], list[str]], ChunkResult],
            specs: list[BannerSpec], indices: list[int], targets: list[str]
            ) -> list[Future[ChunkResult]]:
    """One task per chunk of banners that share a product and a size."""
    def key(index: int) -> tuple[str, int, int]:
        return specs[index].product_id, specs[index].width, specs[index].height

    futures = []
    for _, group in groupby(sorted(indices, key=key), key=key):
        members = list(group)
        for start in range(0, len(members), CHUNK):
            part = members[start:start + CHUNK]
            futures.append(executor.submit(task, [specs[i] for i in part],
                                           [targets[i] for i in part]))
    return futures
