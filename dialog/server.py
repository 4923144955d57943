"""Running the Rasa server as a child process on loopback.

The child dies with its parent (``setpriv --pdeathsig``) and runs in its own process group, so
``stop()`` (or a crash of the parent) leaves no orphan behind.

Example::

    secrets = RasaSecrets.create(settings)
    server = RasaServer(settings, model_path, "http://127.0.0.1:8000/v1/rasa/webhook", secrets)
    server.start()        # waits until the model is loaded
    ...
    server.stop()

    studio = RasaServer.for_studio(settings, studio_model_path, secrets)  # NLU only

The studio's server (``for_studio``) serves an NLU-only model on ``settings.studio_rasa_port``:
its HTTP API only (``/model/parse``), no channel, no action endpoint, no tracker store.

Locked down: it binds loopback only (``settings.host`` must be a loopback address), its HTTP
API and its only channel need the app's JWT, and it proves itself to the action endpoint with
``secrets.action_secret``. Trackers persist in Rasa's SQL tracker store: SQLite under the data
directory by default, PostgreSQL when ``SHOPMIND_TRACKER_STORE_URL`` is set, so a restarted
Rasa carries every conversation on.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
import yaml

from dialog.secrets import ACTION_VARIABLE, RasaSecrets
from dialog.training import PROJECT_DIR, rasa_environment, rasa_python
from shopmind.errors import DependencyUnavailable, InvalidInput
from shopmind.settings import Settings

log = logging.getLogger(__name__)


class RasaServer:
    """``rasa run --enable-api`` with the app as its action endpoint."""

    def __init__(self, settings: Settings, model: Path, action_url: str | None,
                 secrets: RasaSecrets, port: int | None = None) -> None:
        if not _is_loopback(settings.host):
            raise InvalidInput(f"Rasa binds loopback only; SHOPMIND_HOST is {settings.host!r}")
        self.settings = settings
        self.model = model
        self.action_url = action_url  # None: an NLU-only server (no channel, no trackers)
        self.secrets = secrets
        self.port = port or settings.rasa_port
        self.run_dir = settings.cache_dir / "rasa" / "run" / str(self.port)
        self._process: subprocess.Popen[bytes] | None = None

    @classmethod
    def for_studio(cls, settings: Settings, model: Path, secrets: RasaSecrets) -> RasaServer:
        """The studio's NLU model, on ``settings.studio_rasa_port``."""
        return cls(settings, model, None, secrets, port=settings.studio_rasa_port)

    @property
    def url(self) -> str:
        return f"http://{self.settings.host}:{self.port}"

    def start(self) -> None:
        if self._process is not None:
            return
        self._write_endpoints()
        log_path = self.run_dir / "rasa.log"
        command = [
            *_die_with_parent(), str(rasa_python(self.settings)), str(PROJECT_DIR / "serve.py"),
            "run", "--enable-api", "--model",
            str(self.model), "--endpoints", str(self.run_dir / "endpoints.yml"),
            "--credentials", str(self.run_dir / "credentials.yml"),
            "--interface", self.settings.host, "--port", str(self.port),
            "--log-file", str(log_path),
        ]
        with open(self.run_dir / "stdout.log", "wb") as sink:
            self._process = subprocess.Popen(
                command, cwd=PROJECT_DIR, env=self._environment(), stdout=sink,
                stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._wait_ready()

    def stop(self, timeout_s: float = 15.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        os.killpg(process.pid, signal.SIGCONT)  # a stopped (SIGSTOP) Rasa handles it too
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def responsive(self) -> bool:
        """Answers ``/status`` with a model loaded, within two seconds."""
        return _model_loaded(self.url, self.secrets.app_token())

    def _environment(self) -> dict[str, str]:
        env = rasa_environment(self.settings)
        env.update(self.secrets.environment())
        if self.action_url is None:  # it calls no action: it is not told the action secret
            env.pop(ACTION_VARIABLE)
        if self.settings.tracker_store_url:
            env["SHOPMIND_TRACKER_PASSWORD"] = unquote(
                urlsplit(self.settings.tracker_store_url).password or "")
        return env

    def _write_endpoints(self) -> None:
        """No secret is written: Rasa reads ``${VAR}`` in endpoints.yml from its environment."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if self.action_url is None:  # NLU only: the HTTP API and nothing else
            (self.run_dir / "endpoints.yml").write_text("{}\n")
            (self.run_dir / "credentials.yml").write_text("{}\n")
            return
        endpoints = {
            "action_endpoint": {"url": self.action_url,
                                "headers": {"Authorization": f"Bearer ${{{ACTION_VARIABLE}}}"}},
            "tracker_store": tracker_store_config(self.settings),
        }
        (self.run_dir / "endpoints.yml").write_text(yaml.safe_dump(endpoints))
        (self.run_dir / "credentials.yml").write_text(
            yaml.safe_dump({"channel.TokenRestInput": None}))

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.settings.rasa_start_timeout_s
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                tail = (self.run_dir / "stdout.log").read_text(errors="replace")[-1500:]
                self._process = None
                raise DependencyUnavailable("rasa", f"the server exited during start: {tail}")
            if _model_loaded(self.url, self.secrets.app_token()):
                log.info("Rasa is up at %s", self.url)
                return
            time.sleep(0.5)
        self.stop()
        raise DependencyUnavailable("rasa", f"not ready after {self.settings.rasa_start_timeout_s}s")


def tracker_store_config(settings: Settings) -> dict[str, Any]:
    """Rasa's SQL tracker store: SQLite in the data directory, or the configured PostgreSQL
    (``postgresql://user:password@host:5432/db``; the password travels in the environment)."""
    if not settings.tracker_store_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return {"type": "SQL", "dialect": "sqlite", "db": str(settings.trackers_path.resolve())}
    parts = urlsplit(settings.tracker_store_url)
    if parts.scheme not in ("postgresql", "postgres") or not parts.hostname:
        raise InvalidInput("SHOPMIND_TRACKER_STORE_URL must look like "
                           "postgresql://user:password@host:5432/database")
    config: dict[str, Any] = {"type": "SQL", "dialect": "postgresql", "url": parts.hostname,
                              "port": parts.port or 5432, "db": parts.path.lstrip("/")}
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = "${SHOPMIND_TRACKER_PASSWORD}"
    return config


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _model_loaded(url: str, bearer: str) -> bool:
    try:
        response = httpx.get(f"{url}/status", timeout=2.0,
                             headers={"Authorization": f"Bearer {bearer}"})
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and bool(response.json().get("model_file"))


def _die_with_parent() -> list[str]:
    """A command prefix that makes the child get SIGTERM when this process dies
    (``setpriv --pdeathsig``, util-linux); empty where setpriv is missing."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
