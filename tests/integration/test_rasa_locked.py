"""The real Rasa server, locked down: the app is its only client, and only our Rasa may run
custom actions. Each request below is one an outsider on this machine could send."""

from __future__ import annotations

import httpx
import jwt
import pytest

from tests.testing import Accounts
from ui.platform import Platform

pytestmark = pytest.mark.integration
FORGED = {"sender": "u002.forged", "message": "where is my order?",
          "metadata": {"shopper_id": "u002"}}


def _forged_jwt() -> str:
    payload = {"user": {"username": "mallory", "role": "admin"}}
    return jwt.encode(payload, "not-the-secret-" * 3, algorithm="HS256")


@pytest.mark.parametrize("path", ["/status", "/conversations/u002.s1/tracker", "/domain",
                                  "/model/parse"])
def test_rasa_http_api_needs_the_apps_token(rasa_server: str, path: str) -> None:
    method = "POST" if path == "/model/parse" else "GET"
    for headers in ({}, {"Authorization": f"Bearer {_forged_jwt()}"}):
        response = httpx.request(method, f"{rasa_server}{path}", headers=headers,
                                 json={"text": "hi"} if method == "POST" else None, timeout=10)
        assert response.status_code == 401, (path, response.text)


def test_rasa_answers_the_app_with_its_token(rasa_server: str,
                                             synced_platform: Platform) -> None:
    token = synced_platform.rasa_secrets.app_token()
    status = httpx.get(f"{rasa_server}/status", headers={"Authorization": f"Bearer {token}"},
                       timeout=10)
    assert status.status_code == 200 and status.json()["model_file"]


def test_no_open_channel_answers_as_a_shopper(rasa_server: str) -> None:
    plain = httpx.post(f"{rasa_server}/webhooks/rest/webhook", json=FORGED, timeout=10)
    assert plain.status_code == 404  # Rasa's own REST channel is not enabled
    for headers in ({}, {"Authorization": f"Bearer {_forged_jwt()}"},
                    {"Authorization": "Bearer guess"}):
        ours = httpx.post(f"{rasa_server}/webhooks/shopmind/webhook", json=FORGED,
                          headers=headers, timeout=10)
        assert ours.status_code == 401 and "SM-" not in ours.text


def test_a_forged_action_call_over_http_is_refused(live_app: str, rasa_server: str,
                                                   synced_platform: Platform) -> None:
    body = {"next_action": "action_jimi", "sender_id": "u002.x", "version": "3.6.21",
            "tracker": {"sender_id": "u002.x", "events": [
                {"event": "user", "text": "cancel SM-100002", "metadata": {"shopper_id": "u002"},
                 "parse_data": {"intent": {"name": "cancel_order", "confidence": 1.0}}}]}}
    before = synced_platform.conversations.requests_of("u002")
    response = httpx.post(f"{live_app}/v1/rasa/webhook", json=body, timeout=10)
    assert response.status_code == 401 and "SM-" not in response.text
    assert synced_platform.conversations.requests_of("u002") == before


def test_chat_through_the_locked_channel_works_and_keeps_the_tracker(
        live_app: str, rasa_server: str, synced_platform: Platform, accounts: Accounts) -> None:
    shopper = accounts.first("shopper")
    reply = httpx.post(f"{live_app}/v1/chat", headers=accounts.headers(shopper["id"]),
                       json={"session_id": "locked", "text": "hello"}, timeout=30)
    assert reply.status_code == 200 and not reply.json()["degraded"], reply.text
    assert synced_platform.settings.trackers_path.is_file()  # Rasa's SQL tracker store


def test_a_secret_that_starts_with_a_dash_still_starts_rasa(synced_platform: Platform,
                                                             live_app: str) -> None:
    """token_urlsafe secrets start with "-" one time in 64; Rasa's argument parser must not
    read one as an option (it did: "--jwt-secret: expected one argument")."""
    import secrets

    from dialog.secrets import RasaSecrets
    from dialog.server import RasaServer
    from dialog.training import ensure_model
    from tests.testing import free_port

    settings = synced_platform.settings.model_copy(update={
        "rasa_port": free_port(), "rasa_auth_token": "-" + secrets.token_urlsafe(24)})
    keys = RasaSecrets.create(settings)
    model, _ = ensure_model(settings)
    server = RasaServer(settings, model, f"{live_app}/v1/rasa/webhook", keys)
    server.start()
    try:
        answer = httpx.get(f"{server.url}/status", timeout=10,
                           headers={"Authorization": f"Bearer {keys.app_token()}"})
        assert answer.status_code == 200, answer.text
        assert httpx.get(f"{server.url}/status", timeout=10).status_code == 401
    finally:
        server.stop()


def test_the_studio_model_answers_only_the_app_and_has_no_channel(
        rasa_server: str, synced_platform: Platform) -> None:
    studio = synced_platform.settings.studio_rasa_base_url
    assert studio.startswith("http://127.0.0.1:") and studio != rasa_server
    for headers in ({}, {"Authorization": f"Bearer {_forged_jwt()}"}):
        response = httpx.post(f"{studio}/model/parse", json={"text": "make 20 banners"},
                              headers=headers, timeout=10)
        assert response.status_code == 401, response.text
    token = {"Authorization": f"Bearer {synced_platform.rasa_secrets.app_token()}"}
    parsed = httpx.post(f"{studio}/model/parse", json={"text": "make 20 banners for the kettle"},
                        headers=token, timeout=10)
    assert parsed.status_code == 200 and parsed.json()["intent"]["name"] == "make_banners"
    for path in ("/webhooks/rest/webhook", "/webhooks/shopmind/webhook"):
        assert httpx.post(f"{studio}{path}", json=FORGED, headers=token,
                          timeout=10).status_code == 404, "no channel: the model reads, nothing more"
