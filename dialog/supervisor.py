"""Keeps the Rasa child alive: restarted when it exits, and when it stops answering.

A Rasa that is gone (killed, crashed) is started again at once; one that still runs but has
not answered ``/status`` for ``hang_after_s`` (stopped, deadlocked) is killed and started
again. Shoppers meanwhile get the chat's polite degraded reply; their conversations live in
the SQL tracker store, so the restarted Rasa carries them on.

Example::

    supervisor = RasaSupervisor(server)
    supervisor.start()     # a daemon thread; server.start() must have run first
    ...
    supervisor.stop()
"""

from __future__ import annotations

import logging
import threading
import time

from dialog.server import RasaServer
from shopmind.errors import DependencyUnavailable

log = logging.getLogger(__name__)


class RasaSupervisor:
    def __init__(self, server: RasaServer, check_every_s: float = 2.0,
                 hang_after_s: float = 30.0) -> None:
        self.server = server
        self.check_every_s = check_every_s
        self.hang_after_s = hang_after_s
        self.restarts = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._silent_since: float | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="rasa-supervisor",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _watch(self) -> None:
        while not self._stop.wait(self.check_every_s):
            try:
                self.check()
            except DependencyUnavailable as exc:  # the restart failed: try again next round
                log.error("Rasa restart failed: %s", exc.message)

    def check(self) -> None:
        """One round: restart Rasa if it is gone or has been silent too long."""
        if not self.server.alive():
            log.warning("Rasa exited; starting it again")
            self._restart()
            return
        if self.server.responsive():
            self._silent_since = None
            return
        now = time.monotonic()
        self._silent_since = self._silent_since or now
        if now - self._silent_since >= self.hang_after_s:
            log.warning("Rasa has not answered for %.0f s; restarting it", now - self._silent_since)
            self._restart()

    def _restart(self) -> None:
        self._silent_since = None
        self.server.stop(timeout_s=5.0)
        if self._stop.is_set():
            return
        self.server.start()
        self.restarts += 1
        log.warning("Rasa is back (restart %d)", self.restarts)
