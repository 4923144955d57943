"""Where batch work runs: a local process pool by default, a Dask cluster when configured.

Both are ``concurrent.futures.Executor``s, so callers never change:
``distributed.Client(address).get_executor()`` scales "make 20,000 banners" past one machine.
"""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

from shopmind.errors import DependencyUnavailable, InvalidInput
from shopmind.settings import Settings


def create_executor(settings: Settings) -> Executor:
    if settings.executor == "dask":
        return _dask_executor(settings)
    return ProcessPoolExecutor(max_workers=settings.workers, initializer=_ignore_interrupts,
                               mp_context=multiprocessing.get_context("spawn"))


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; the parent shuts the pool down cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _dask_executor(settings: Settings) -> Executor:
    if not settings.dask_scheduler:
        raise InvalidInput("SHOPMIND_DASK_SCHEDULER must be set when SHOPMIND_EXECUTOR=dask")
    from distributed import Client

    try:
        client = Client(settings.dask_scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise DependencyUnavailable("dask", f"{settings.dask_scheduler}: {exc}") from exc
    # pure=False: a banner task writes a file; Dask must not answer a repeat from a held result
    return client.get_executor(pure=False)


@dataclass(frozen=True)
class ExecutorHealth:
    up: bool
    detail: str


def probe_executor(settings: Settings) -> ExecutorHealth:
    """Is the configured executor usable? Checks the scheduler without submitting work."""
    if settings.executor == "local":
        return ExecutorHealth(True, f"local process pool, {settings.workers} workers")
    if not settings.dask_scheduler:
        return ExecutorHealth(False, "dask selected but SHOPMIND_DASK_SCHEDULER is not set")
    from distributed import Client

    try:
        with Client(settings.dask_scheduler, timeout="3s") as client:
            workers = len(client.scheduler_info().get("workers", {}))
    except (OSError, TimeoutError) as exc:
        return ExecutorHealth(False, f"dask scheduler {settings.dask_scheduler}: {exc}")
    return ExecutorHealth(workers > 0, f"dask {settings.dask_scheduler}, {workers} workers")
