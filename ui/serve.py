"""What ``make run`` starts: the demo catalogue if missing, the Rasa models if their training
data changed, the two Rasa servers (the shoppers' JIMI, the studio's NLU), and the app (FastAPI
with Gradio at ``/``), all on loopback. Ctrl-C stops everything; the Rasa children also die
with this process if it crashes."""

from __future__ import annotations

import contextlib
import logging
import signal
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from dialog.server import RasaServer
from dialog.supervisor import RasaSupervisor
from dialog.training import SHOPPERS, STUDIO, ensure_model
from kg.demo.writer import demo_catalog_exists, write_demo_catalog
from shopmind.settings import Settings
from ui.api import create_app
from ui.demo_accounts import ensure_demo_accounts
from ui.platform import Platform
from ui.web import build_ui
from ui.web_routes import signed_in_id, web

log = logging.getLogger(__name__)
Echo = Callable[[str], None]


def build_application(platform: Platform) -> FastAPI:
    """The API with the Gradio UI mounted at ``/`` behind sign-in (API routes first)."""
    app = create_app(platform)
    app.include_router(web)
    gate = app.state.gate
    platform.knowledge.accounts.warm_up()

    @app.middleware("http")
    async def sign_in_first(request: Request, call_next: Any) -> Response:
        if request.url.path == "/" and signed_in_id(gate, request) is None:
            return RedirectResponse("/login", status_code=303)
        response: Response = await call_next(request)
        return response

    return gr.mount_gradio_app(app, build_ui(platform), path="/",
                               auth_dependency=lambda request: signed_in_id(gate, request),
                               max_file_size=platform.settings.max_upload_bytes)


def prepare(settings: Settings, echo: Echo) -> Platform:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.data_dir.chmod(0o700)  # conversations, trackers, jobs: the owner's eyes only
    if not demo_catalog_exists(settings.catalog_dir):
        echo(f"writing the demo catalogue to {settings.catalog_dir} ...")
        write_demo_catalog(settings.catalog_dir, workers=settings.workers)
    platform = Platform(settings)
    report = platform.knowledge.sync()
    echo("knowledge base loaded" if report.changed else "knowledge base up to date")
    if ensure_demo_accounts(platform.principals, platform.knowledge.accounts.profiles(),
                            settings.demo_credentials_path):
        echo(f"created the demo accounts; their tokens are in "
             f"{settings.demo_credentials_path} (readable by you only)")
    return platform


def serve(settings: Settings, echo: Echo, with_rasa: bool = True) -> None:
    """Everything on loopback; ``with_rasa=False`` serves the app alone (a Rasa elsewhere,
    started with the same ``SHOPMIND_RASA_AUTH_TOKEN`` and ``SHOPMIND_ACTION_SECRET``)."""
    platform = prepare(settings, echo)
    servers = _start_rasa(settings, platform, echo) if with_rasa else []
    try:
        app = build_application(platform)
        echo(f"Shopmind is running at {settings.app_base_url}/  (Ctrl-C stops everything)")
        echo(f"sign in at {settings.app_base_url}/login with a token: demo tokens are in "
             f"{settings.demo_credentials_path}; `shopmind users --help` manages accounts")
        config = uvicorn.Config(app, host=settings.host, port=settings.app_port,
                                log_level="warning")
        _QuietServer(config).run()
    finally:
        for rasa, supervisor in servers:
            supervisor.stop()
            rasa.stop()
        echo("stopped")


def _start_rasa(settings: Settings, platform: Platform, echo: Echo
                ) -> list[tuple[RasaServer, RasaSupervisor]]:
    """JIMI's Rasa and the studio's, each trained if its data changed, each supervised."""
    shoppers, trained = ensure_model(settings, model=SHOPPERS)
    echo(f"{'trained' if trained else 'reusing'} the shoppers' Rasa model {shoppers.name}")
    studio, trained = ensure_model(settings, model=STUDIO)
    echo(f"{'trained' if trained else 'reusing'} the studio's Rasa model {studio.name}")
    started = []
    for rasa in (RasaServer(settings, shoppers, f"{settings.app_base_url}/v1/rasa/webhook",
                            platform.rasa_secrets),
                 RasaServer.for_studio(settings, studio, platform.rasa_secrets)):
        echo(f"starting Rasa on {rasa.url} ...")
        rasa.start()
        supervisor = RasaSupervisor(rasa, hang_after_s=settings.rasa_hang_restart_s)
        supervisor.start()
        started.append((rasa, supervisor))
    return started


class _QuietServer(uvicorn.Server):
    """Ctrl-C or SIGTERM ends the server gracefully, without re-raising the signal."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        def stop(signum: int, frame: object) -> None:
            self.should_exit = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
