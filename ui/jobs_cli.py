"""``shopmind jobs``: a merchant's jobs, newest first, or one job followed to the end.

    shopmind jobs                          # the only merchant's jobs
    shopmind jobs --merchant m1a2b3c4
    shopmind jobs --follow a3f9c2e81b04    # a live progress bar until the job ends
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from shopmind.errors import InvalidInput
from shopmind.settings import Settings
from ui.cli_errors import reports_errors

if TYPE_CHECKING:
    from ui.platform import Platform

console = Console(stderr=True)


@reports_errors
def jobs(merchant: Annotated[str | None, typer.Option(
             help="whose jobs (an id from `shopmind users list`); defaults to the only merchant")
         ] = None,
         follow: Annotated[str | None, typer.Option(help="a job id to follow to its end")] = None,
         ) -> None:
    """List a merchant's jobs, or follow one with a progress bar."""
    from ui.platform import Platform

    platform = Platform(Settings())
    try:
        owner = merchant_id(platform, merchant)
        if follow:
            _follow(platform, owner, follow)
            return
        table = Table("job", "state", "done", "request", "updated")
        for job in platform.jobs.list(owner):
            table.add_row(job.id, job.state, f"{job.done}/{job.total}", job.request[:60],
                          time.strftime("%Y-%m-%d %H:%M", time.localtime(job.updated_at)))
        Console().print(table)
    finally:
        platform.close()


def merchant_id(platform: Platform, chosen: str | None) -> str:
    """The job's owner: the merchant named, or the only one there is."""
    if chosen:
        principal = platform.principals.get(chosen)
        if principal.role != "merchant" or not principal.active:
            raise InvalidInput(f"{chosen} is not an active merchant")
        return str(principal.id)
    merchants = [p for p in platform.principals.list("merchant") if p.active]
    if len(merchants) != 1:
        raise InvalidInput("say which merchant with --merchant ID (`shopmind users list`)")
    return str(merchants[0].id)


def _follow(platform: Platform, owner: str, job_id: str) -> None:
    runner = platform.jobs
    job = runner.get(owner, job_id)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(f"job {job_id}", total=job.total or None)
        while not job.finished:
            bar.update(task, completed=job.done, total=job.total or None)
            time.sleep(0.5)
            job = runner.get(owner, job_id)
        bar.update(task, completed=job.done, total=job.total or None)
    typer.echo(f"{job.id} {job.state}: {job.error or job.message}")
    if job.state == "failed":
        raise typer.Exit(6)
