"""Faults on the live platform: Rasa killed or frozen mid-conversation, the conversation
database locked by another process. A platform of its own (app, Rasa, supervisor) so the
shared servers of the other tests are never disturbed."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from dialog.server import RasaServer
from dialog.supervisor import RasaSupervisor
from dialog.training import ensure_model
from tests.conftest import serving
from tests.testing import Accounts, free_port, sqlite_locked_elsewhere
from ui.platform import Platform

pytestmark = pytest.mark.integration
TIMEOUT_S = 4.0


@dataclass
class Live:
    app: str
    platform: Platform
    rasa: RasaServer
    supervisor: RasaSupervisor


@pytest.fixture(scope="module")
def live(synced_platform: Platform, accounts: Accounts) -> Iterator[Live]:
    settings = synced_platform.settings.model_copy(update={
        "app_port": free_port(), "rasa_port": free_port(), "rasa_timeout_s": TIMEOUT_S})
    platform = Platform(settings)
    model, _ = ensure_model(settings)
    with serving(platform) as app:
        rasa = RasaServer(settings, model, f"{app}/v1/rasa/webhook", platform.rasa_secrets)
        rasa.start()
        supervisor = RasaSupervisor(rasa, check_every_s=0.5, hang_after_s=8.0)
        supervisor.start()
        yield Live(app, platform, rasa, supervisor)
        supervisor.stop()
        rasa.stop()


def _say(live: Live, headers: dict[str, str], session: str, text: str) -> httpx.Response:
    return httpx.post(f"{live.app}/v1/chat", headers=headers, timeout=60,
                      json={"session_id": session, "text": text})


def _wait_until_back(live: Live, restarts: int, timeout_s: float = 240.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not (live.supervisor.restarts >= restarts and live.rasa.responsive()):
        assert time.monotonic() < deadline, "the supervisor did not bring Rasa back"
        time.sleep(0.5)


def test_rasa_killed_mid_conversation_is_restarted_and_the_conversation_goes_on(
        live: Live, synced_platform: Platform, accounts: Accounts,
        calm_shoppers: list[dict[str, str]]) -> None:
    product = next(p for p in sorted(synced_platform.knowledge.graph.products(),
                                     key=lambda p: p.id) if len(p.values("colour")) >= 3)
    second = product.values("colour")[1]
    shopper = calm_shoppers[2]
    headers = accounts.headers(shopper["id"])
    colours = _say(live, headers, "killed", f"what colours does the {product.name_en} come in?")
    assert product.name_en in " ".join(colours.json()["messages"])
    restarts = live.supervisor.restarts
    assert live.rasa.pid is not None
    os.killpg(live.rasa.pid, signal.SIGKILL)
    down = _say(live, headers, "killed", f"and in {second}?")
    assert down.status_code == 200 and down.json()["degraded"]
    _wait_until_back(live, restarts + 1)
    follow_up = " ".join(_say(live, headers, "killed", f"and in {second}?").json()["messages"])
    assert follow_up.startswith("Yes") and product.name_en in follow_up, follow_up
    stored = live.platform.conversations.history(f"{shopper['id']}.killed")
    said = [m.text for m in stored if m.role == "shopper"]
    assert said == [f"what colours does the {product.name_en} come in?", f"and in {second}?",
                    f"and in {second}?"]
    assert sum(m.role == "bot" for m in stored) >= 3  # every turn got its reply stored


def test_a_frozen_rasa_gets_a_degraded_reply_within_the_timeout_then_a_restart(
        live: Live, accounts: Accounts, calm_shoppers: list[dict[str, str]]) -> None:
    headers = accounts.headers(calm_shoppers[3]["id"])
    assert not _say(live, headers, "frozen", "hello").json()["degraded"]
    restarts = live.supervisor.restarts
    assert live.rasa.pid is not None
    os.killpg(live.rasa.pid, signal.SIGSTOP)
    started = time.monotonic()
    frozen = _say(live, headers, "frozen", "what's your return policy?")
    elapsed = time.monotonic() - started
    assert frozen.status_code == 200 and frozen.json()["degraded"]
    assert elapsed < TIMEOUT_S + 3, elapsed
    assert frozen.json()["handover_offered"]
    _wait_until_back(live, restarts + 1)
    again = _say(live, headers, "frozen", "what's your return policy?")
    assert not again.json()["degraded"] and "return" in " ".join(again.json()["messages"])


def test_a_locked_conversation_database_is_a_503_not_a_hang(
        live: Live, accounts: Accounts, calm_shoppers: list[dict[str, str]]) -> None:
    headers = accounts.headers(calm_shoppers[4]["id"])
    assert _say(live, headers, "locked-db", "hello").status_code == 200
    path = live.platform.settings.conversations_path
    with sqlite_locked_elsewhere(path):
        started = time.monotonic()
        response = _say(live, headers, "locked-db", "where is my order?")
        assert response.status_code == 503, response.text
        assert time.monotonic() - started < 10
        assert str(path) not in response.text and "Traceback" not in response.text
    assert _say(live, headers, "locked-db", "hello again").status_code == 200
