"""Running the Rasa server as a child process on loopback.

The child dies with its parent (``setpriv --pdeathsig``) and runs in its own process group, so
``stop()`` (or a crash of the parent) leaves no orphan behind.

Example::

    server = RasaServer(settings, model_path, action_url="http://127.0.0.1:8000/v1/rasa/webhook")
    server.start()        # waits until the model is loaded
    ...
    server.stop()
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import yaml

from dialog.training import PROJECT_DIR, rasa_environment, rasa_python
from shopmind.errors import DependencyUnavailable
from shopmind.settings import Settings

log = logging.getLogger(__name__)


class RasaServer:
    """``rasa run --enable-api`` with the app as its action endpoint."""

    def __init__(self, settings: Settings, model: Path, action_url: str) -> None:
        self.settings = settings
        self.model = model
        self.action_url = action_url
        self.run_dir = settings.cache_dir / "rasa" / "run" / str(settings.rasa_port)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

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
            "--interface", self.settings.host, "--port", str(self.settings.rasa_port),
            "--log-file", str(log_path),
        ]
        with open(self.run_dir / "stdout.log", "wb") as sink:
            self._process = subprocess.Popen(
                command, cwd=PROJECT_DIR, env=rasa_environment(self.settings), stdout=sink,
                stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._wait_ready()

    def stop(self, timeout_s: float = 15.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def _write_endpoints(self) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        endpoints = {"action_endpoint": {"url": self.action_url}}
        (self.run_dir / "endpoints.yml").write_text(yaml.safe_dump(endpoints))
        (self.run_dir / "credentials.yml").write_text(yaml.safe_dump({"rest": None}))

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.settings.rasa_start_timeout_s
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                tail = (self.run_dir / "stdout.log").read_text(errors="replace")[-1500:]
                self._process = None
                raise DependencyUnavailable("rasa", f"the server exited during start: {tail}")
            if _model_loaded(self.url):
                log.info("Rasa is up at %s", self.url)
                return
            time.sleep(0.5)
        self.stop()
        raise DependencyUnavailable("rasa", f"not ready after {self.settings.rasa_start_timeout_s}s")


def _model_loaded(url: str) -> bool:
    try:
        response = httpx.get(f"{url}/status", timeout=2.0)
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and bool(response.json().get("model_file"))


def _die_with_parent() -> list[str]:
    """A command prefix that makes the child get SIGTERM when this process dies
    (``setpriv --pdeathsig``, util-linux); empty where setpriv is missing."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
