"""``shopmind ask``: talk to the studio of a running platform from the command line.

The command is a client of ``POST /v1/merchant/chat`` with the merchant's token, so it
needs the platform up (``make run``) and sees exactly what the merchant may see. It shows
the plan, answers the studio's questions from the keyboard, asks "Go?" when the studio
does (``--yes`` says yes), follows the job with a progress bar and ends with a summary
table (and the zip with ``--download DIR``).

    export SHOPMIND_TOKEN=smt_...           # `shopmind users token m1a2b3c4`
    shopmind ask "make 200 banners for the summer sale" --yes --download out/
    shopmind ask "为这款保温随行杯写10条卖点"

Without a token, on the machine that runs the demo, the demo merchant's token is read from
``var/demo-credentials.json``.
"""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from shopmind.errors import DependencyUnavailable, InvalidInput, NotAuthorised, ShopmindError
from shopmind.settings import Settings
from ui.cli_errors import reports_errors

console = Console(stderr=True)
MAX_QUESTIONS = 5  # the studio's questions answered from the keyboard before giving up


@reports_errors
def ask(request: Annotated[str, typer.Argument(
            help='e.g. "make 200 banners for the summer sale" or "给618大促做100张主图"')],
        yes: Annotated[bool, typer.Option("--yes", "-y",
                                          help="say yes when the studio asks to confirm")] = False,
        download: Annotated[Path | None, typer.Option(
            help="save the finished job's zip into this folder")] = None,
        session: Annotated[str | None, typer.Option(
            help="continue a studio conversation (its plan is kept per session)")] = None,
        url: Annotated[str | None, typer.Option(
            help="the platform's base URL (default: this machine's)")] = None,
        token: Annotated[str | None, typer.Option(
            envvar="SHOPMIND_TOKEN", show_envvar=True,
            help="the merchant's token (default: the demo merchant's on this machine)")] = None,
        ) -> None:
    """Ask the studio in plain words; confirm, follow the job, and see what it made."""
    settings = Settings()
    client = StudioClient(url or settings.app_base_url, token or _demo_token(settings))
    session_id = session or uuid.uuid4().hex[:16]
    try:
        reply = client.chat(session_id, request)
        for _ in range(MAX_QUESTIONS):
            _show(reply)
            if reply["needs"] and reply["job"] is None:
                if not sys.stdin.isatty():
                    raise InvalidInput(f"the studio needs {', '.join(reply['needs'])}: "
                                       f"{reply['reply']} (say it in the request)")
                reply = client.chat(session_id, typer.prompt(reply["reply"]))
                continue
            if reply["confirm"] and reply["job"] is None:
                go = yes or (sys.stdin.isatty() and typer.confirm("Go?", default=False))
                reply = client.chat(session_id, "yes" if go else "no")
                if not go:
                    _show(reply)
                    return
                continue
            break
        job = reply["job"]
        if job is None:
            return
        if job["state"] in ("queued", "running"):
            job = client.follow(job)
        _summary(job)
        if download is not None and job["state"] in ("done", "cancelled") and job["done"]:
            path = client.download(job["id"], download)
            typer.echo(f"saved {path}")
        if job["state"] == "failed":
            raise typer.Exit(6)
    finally:
        client.close()


class StudioClient:
    """The merchant's side of the HTTP API."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, timeout=60.0,
                                  headers={"Authorization": f"Bearer {token}"})

    def chat(self, session_id: str, text: str) -> dict[str, Any]:
        return dict(self._call("POST", "/v1/merchant/chat",
                               json={"session_id": session_id, "text": text}))

    def job(self, job_id: str) -> dict[str, Any]:
        return dict(self._call("GET", f"/v1/jobs/{job_id}"))

    def follow(self, job: dict[str, Any]) -> dict[str, Any]:
        """A live progress bar until the job ends."""
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(f"job {job['id']}", total=job["total"] or None)
            while job["state"] in ("queued", "running"):
                bar.update(task, completed=job["done"], total=job["total"] or None)
                time.sleep(0.5)
                job = self.job(job["id"])
            bar.update(task, completed=job["done"], total=job["total"] or None)
        return job

    def download(self, job_id: str, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{job_id}.zip"
        with self._http.stream("GET", f"/v1/jobs/{job_id}/download") as response:
            _raise_for(response)
            with target.open("wb") as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
        return target

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **options: Any) -> Any:
        try:
            response = self._http.request(method, path, **options)
        except httpx.HTTPError as exc:
            raise DependencyUnavailable(
                "the platform", f"{self.base_url} did not answer ({type(exc).__name__}); "
                                f"start it with `make run`") from exc
        _raise_for(response)
        return response.json()


def _raise_for(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    response.read()
    try:
        detail = str(response.json().get("detail") or response.text)
    except ValueError:
        detail = response.text[:200]
    if response.status_code in (401, 403):
        raise NotAuthorised(f"the platform refused the token ({response.status_code}: {detail})")
    error = ShopmindError(detail)
    error.exit_code = 3 if response.status_code == 404 else 2
    raise error


def _demo_token(settings: Settings) -> str:
    from ui.demo_accounts import demo_tokens

    path = settings.demo_credentials_path
    if not path.is_file():
        raise NotAuthorised("no token: pass --token or set SHOPMIND_TOKEN "
                            "(`shopmind users token MERCHANT_ID` issues one)")
    merchants = [e for e in demo_tokens(path).values() if e.get("role") == "merchant"]
    if not merchants:
        raise NotAuthorised("no demo merchant on this machine: pass --token")
    return str(merchants[0]["token"])


def _show(reply: dict[str, Any]) -> None:
    plan = {key: value for key, value in (reply.get("plan") or {}).items() if value is not None}
    if plan:
        table = Table("plan", "value", title=None)
        for key, value in plan.items():
            table.add_row(key, ", ".join(value) if isinstance(value, list) else str(value))
        Console().print(table)
    typer.echo(reply["reply"])


def _summary(job: dict[str, Any]) -> None:
    table = Table("job", "task", "state", "done", "results", "message")
    results = [name for name in job["files"] if not name.startswith("manifest.")]
    table.add_row(job["id"], job.get("task") or "banners", job["state"],
                  f"{job['done']}/{job['total']}", str(len(results)), job["error"] or
                  job["message"])
    Console().print(table)
