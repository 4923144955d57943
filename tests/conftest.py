"""Shared fixtures. Unit tests get no network beyond loopback; the session builds one demo
catalogue and, for integration tests, starts the real app and the real Rasa server once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from shopmind.settings import Settings
from tests.testing import Accounts, free_port

if TYPE_CHECKING:
    from ui.platform import Platform

_LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection beyond this machine fails the test loudly."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else address
            if host not in _LOOPBACK:
                raise RuntimeError(f"test tried to reach {address!r}: network is blocked")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def session_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo catalogue written once for the whole run."""
    from kg.demo.writer import write_demo_catalog

    data_dir = tmp_path_factory.mktemp("var")
    write_demo_catalog(data_dir / "catalog", workers=2)
    return data_dir


@pytest.fixture(scope="session")
def session_settings(session_data: Path) -> Settings:
    """Settings over the session catalogue; the Rasa model cache is the real one."""
    return Settings(data_dir=session_data, app_port=free_port(), rasa_port=free_port(),
                    studio_rasa_port=free_port(), workers=2,
                    _env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def synced_platform(session_settings: Settings) -> Iterator[Platform]:
    """Graph, vectors and accounts loaded from the demo catalogue."""
    from ui.platform import Platform

    platform = Platform(session_settings)
    platform.warm_up()
    yield platform
    platform.close()


@pytest.fixture(scope="session")
def accounts(synced_platform: Platform) -> Accounts:
    """The demo principals (every demo shopper, a merchant, two agents) and their tokens."""
    from ui.demo_accounts import demo_tokens, ensure_demo_accounts

    settings = synced_platform.settings
    ensure_demo_accounts(synced_platform.principals,
                         synced_platform.knowledge.accounts.profiles(),
                         settings.demo_credentials_path)
    return Accounts(demo_tokens(settings.demo_credentials_path))


@pytest.fixture(scope="session")
def calm_shoppers(synced_platform: Platform, accounts: Accounts) -> list[dict[str, str]]:
    """Demo shoppers with no delayed order: opening their sessions consumes no one-time
    delay notice that another test expects to see."""
    store = synced_platform.knowledge.accounts
    delayed = {p.id for p in store.profiles()
               if any(o.state == "delayed" for o in store.orders_of(p.id))}
    return accounts.shoppers_without(delayed)


@pytest.fixture(scope="session")
def live_app(synced_platform: Platform, accounts: Accounts) -> Iterator[str]:
    """The real app (API and Gradio) served by uvicorn on 127.0.0.1; yields its base URL."""
    with serving(synced_platform) as base:
        yield base


@contextmanager
def serving(platform: Platform) -> Iterator[str]:
    import uvicorn

    from ui.serve import build_application

    settings = platform.settings
    config = uvicorn.Config(build_application(platform), host=settings.host,
                            port=settings.app_port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    _wait_for(f"{settings.app_base_url}/health", timeout_s=60)
    try:
        yield settings.app_base_url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="session")
def rasa_server(live_app: str, session_settings: Settings,
                synced_platform: Platform) -> Iterator[str]:
    """The real Rasa servers, JIMI's and the studio's NLU (models reused from the cache, trained
    once if missing); yields JIMI's URL."""
    from dialog.server import RasaServer
    from dialog.training import STUDIO, ensure_model

    model, _ = ensure_model(session_settings)
    server = RasaServer(session_settings, model, f"{live_app}/v1/rasa/webhook",
                        synced_platform.rasa_secrets)
    studio_model, _ = ensure_model(session_settings, model=STUDIO)
    studio = RasaServer.for_studio(session_settings, studio_model, synced_platform.rasa_secrets)
    server.start()
    try:
        studio.start()
        yield server.url
    finally:
        studio.stop()
        server.stop()


def _wait_for(url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {timeout_s}s")

