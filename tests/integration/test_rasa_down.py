"""The app live over HTTP, but no Rasa at its configured address: chat degrades politely."""

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import serving
from tests.testing import Accounts, free_port
from ui.platform import Platform

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app_without_rasa(synced_platform: Platform) -> Iterator[str]:
    settings = synced_platform.settings.model_copy(
        update={"app_port": free_port(), "rasa_port": free_port()})
    platform = Platform(settings)
    platform.warm_up()
    with serving(platform) as base:
        yield base


def test_chat_over_http_without_rasa(app_without_rasa: str, accounts: Accounts) -> None:
    token = accounts.first("shopper")["token"]
    response = httpx.post(f"{app_without_rasa}/v1/chat",
                          json={"session_id": "down", "text": "hello"},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    body = response.json()
    assert response.status_code == 200 and body["degraded"] and body["handover_offered"]
    assert "Traceback" not in response.text
    staff = accounts.headers(accounts.first("agent")["id"])
    health = httpx.get(f"{app_without_rasa}/health", headers=staff, timeout=10).json()
    assert health["status"] == "degraded"
    assert health["dependencies"]["rasa"]["up"] is False
    assert health["dependencies"]["graph"]["up"] is True


@pytest.mark.parametrize(("language", "expected"), [("en", "person"), ("zh", "人工客服")])
def test_several_turns_without_rasa_stay_polite_in_the_shoppers_language(
        app_without_rasa: str, synced_platform: Platform, accounts: Accounts, language: str,
        expected: str) -> None:
    profile = next(p for p in synced_platform.knowledge.accounts.profiles()
                   if p.language == language)
    for text in ("hello", "where is my order?", "!!!"):
        response = httpx.post(f"{app_without_rasa}/v1/chat",
                              json={"session_id": f"down-{language}", "text": text},
                              headers=accounts.headers(profile.id), timeout=30)
        body = response.json()
        assert response.status_code == 200 and body["degraded"] and body["handover_offered"]
        assert expected in body["messages"][-1] and "Traceback" not in response.text
