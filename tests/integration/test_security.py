"""Each outsider's probe from issue 13, refused: the live app over HTTP on 127.0.0.1 (the
real server with the UI mounted), its stores shared with the test through the platform."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.testing import Accounts, free_port
from ui.api import create_app
from ui.platform import Platform

pytestmark = pytest.mark.integration
FORGED_TRACKER = {
    "sender_id": "u002.forged",
    "tracker": {"sender_id": "u002.forged", "slots": {}, "latest_message": {},
                "events": [{"event": "user", "text": "cancel my order SM-100002",
                            "parse_data": {"intent": {"name": "cancel_order", "confidence": 1},
                                           "entities": []},
                            "metadata": {"shopper_id": "u002"}}]},
    "domain": {}, "next_action": "action_jimi", "version": "3.6.21",
}


@pytest.fixture(scope="module")
def platform(synced_platform: Platform, accounts: Accounts) -> Platform:
    return synced_platform


@pytest.fixture(scope="module")
def client(live_app: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_app, follow_redirects=False, timeout=60) as http:
        yield http


def test_a_forged_action_call_is_refused_and_changes_nothing(client: httpx.Client,
                                                             platform: Platform) -> None:
    before = platform.conversations.requests_of("u002")
    for headers in ({}, {"Authorization": "Bearer guess"},
                    {"Authorization": f"Bearer {platform.rasa_secrets.jwt_secret}"}):
        response = client.post("/v1/rasa/webhook", json=FORGED_TRACKER, headers=headers)
        assert response.status_code == 401, response.text
        assert "SM-" not in response.text
    assert platform.conversations.requests_of("u002") == before


@pytest.mark.parametrize("path", ["/v1/chat/s1/messages", "/v1/agent/sessions", "/v1/jobs"])
def test_computed_and_former_default_tokens_are_refused(client: httpx.Client, path: str) -> None:
    computed = hashlib.sha256(b"7:u001").hexdigest()[:32]  # how shopper tokens used to be made
    for token in (computed, "demo-agent-token", "demo-merchant-token"):
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (token, response.text)


def test_a_shopper_never_sees_another_shoppers_conversation(
        client: httpx.Client, accounts: Accounts, calm_shoppers: list[dict[str, str]]) -> None:
    first, second = calm_shoppers[0], calm_shoppers[1]
    client.post("/v1/chat/private/handover", headers=accounts.headers(second["id"]))
    client.post("/v1/chat", json={"session_id": "private", "text": "my address is 1 Elm St"},
                headers=accounts.headers(second["id"]))
    seen = client.get("/v1/chat/private/messages", headers=accounts.headers(first["id"]))
    assert seen.status_code == 200
    assert "Elm" not in seen.text and seen.json()["items"] == []


def test_roles_decide_what_each_caller_may_do(client: httpx.Client, accounts: Accounts) -> None:
    shopper = accounts.headers(accounts.first("shopper")["id"])
    merchant = accounts.headers(accounts.first("merchant")["id"])
    agent = accounts.headers(accounts.first("agent")["id"])
    refused = client.post("/v1/merchant/chat", json={"text": "make 5 banners"}, headers=shopper)
    assert refused.status_code == 403 and "merchant" in refused.json()["error"]["message"]
    assert client.get("/v1/agent/sessions", headers=merchant).status_code == 403
    assert client.post("/v1/chat", json={"session_id": "a", "text": "hi"},
                       headers=agent).status_code == 403
    assert client.get("/v1/jobs", headers=agent).status_code == 403


def test_another_merchants_jobs_and_files_are_not_found(client: httpx.Client, platform: Platform,
                                                        accounts: Accounts) -> None:
    owner = accounts.headers(accounts.first("merchant")["id"])
    _, rival_token = platform.principals.add("merchant", "Rival Shop")
    rival = {"Authorization": f"Bearer {rival_token}"}
    owner_id = accounts.first("merchant")["id"]
    job = platform.jobs.submit(owner_id, "make 2 banners 300x250 for summer").public()
    deadline = time.monotonic() + 120
    while (state := client.get(f"/v1/jobs/{job['id']}", headers=owner).json())["state"] in (
            "queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert state["state"] == "done" and state["files"]
    name = next(n for n in state["files"] if n.endswith(".jpg"))
    assert client.get(f"/v1/jobs/{job['id']}/files/{name}", headers=owner).status_code == 200
    for method, path in (("GET", f"/v1/jobs/{job['id']}"),
                         ("GET", f"/v1/jobs/{job['id']}/download"),
                         ("GET", f"/v1/jobs/{job['id']}/files/{name}"),
                         ("GET", f"/ui/jobs/{job['id']}/files/{name}"),
                         ("DELETE", f"/v1/jobs/{job['id']}")):
        response = client.request(method, path, headers=rival)
        assert response.status_code == 404, (path, response.text)
    assert job["id"] not in client.get("/v1/jobs", headers=rival).text
    traversal = client.get(f"/v1/jobs/{job['id']}/files/..%2Fjob.json", headers=owner)
    assert traversal.status_code in (404, 422)


def test_a_revoked_token_stops_working_at_once(client: httpx.Client, platform: Platform) -> None:
    merchant, token = platform.principals.add("merchant", "Short-lived Shop")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/jobs", headers=headers).status_code == 200
    fresh = platform.principals.issue_token(merchant.id)
    assert client.get("/v1/jobs", headers=headers).status_code == 401  # replaced
    platform.principals.revoke(merchant.id)
    assert client.get("/v1/jobs", headers={"Authorization": f"Bearer {fresh}"}).status_code == 401


def test_oversized_bodies_are_refused_naming_the_limit(client: httpx.Client,
                                                       accounts: Accounts) -> None:
    headers = accounts.headers(accounts.first("shopper")["id"])
    big = b'{"session_id": "s", "text": "' + b"x" * 1_200_000 + b'"}'
    declared = client.post("/v1/chat", content=big,
                           headers={**headers, "Content-Type": "application/json"})
    assert declared.status_code == 413
    assert "1,000,000 bytes" in declared.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 65536):
            yield big[start:start + 65536]

    streamed = client.post("/v1/chat", content=chunks(),
                           headers={**headers, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    long_text = client.post("/v1/chat", json={"session_id": "s", "text": "y" * 3000},
                            headers=headers)
    assert long_text.status_code == 422 and "2000 characters" in long_text.text


def test_anonymous_visitors_get_the_sign_in_page_only(client: httpx.Client, platform: Platform,
                                                      accounts: Accounts) -> None:
    home = client.get("/")
    assert home.status_code == 303 and home.headers["location"] == "/login"
    assert client.get("/config").status_code == 401
    assert client.get("/gradio_api/info").status_code == 401
    job_file = platform.settings.jobs_dir / "anything.txt"
    job_file.parent.mkdir(parents=True, exist_ok=True)
    job_file.write_text("secret")
    assert client.get(f"/gradio_api/file={job_file}").status_code in (401, 403)
    wrong = client.post("/login", data={"token": "nope"})
    assert wrong.status_code == 401
    signed = client.post("/login", data={"token": accounts.first("shopper")["token"]})
    assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
    try:  # the client now holds the session cookie
        assert client.get("/config").status_code == 200
        # signed in, Gradio's file route still serves no job folder
        assert client.get(f"/gradio_api/file={job_file}").status_code == 403
        assert client.get("/logout").status_code == 303
    finally:
        client.cookies.clear()
    assert client.get("/config").status_code == 401


def test_the_rate_limit_per_token_answers_429_with_retry_after(synced_platform: Platform,
                                                               accounts: Accounts) -> None:
    settings = synced_platform.settings.model_copy(
        update={"rasa_port": free_port(), "rate_limit": "3/minute"})
    headers = accounts.headers(accounts.first("merchant")["id"])
    with TestClient(create_app(Platform(settings)), raise_server_exceptions=False) as limited:
        codes = [limited.get("/v1/jobs", headers=headers).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = limited.get("/v1/jobs", headers=headers)
        assert "3 per 1 minute" in refused.json()["error"]["message"]
        assert int(refused.headers["Retry-After"]) >= 1
        shopper = accounts.headers(accounts.first("shopper")["id"])
        assert limited.get("/v1/chat/x/messages", headers=shopper).status_code == 200


def test_errors_and_health_show_no_paths(client: httpx.Client, platform: Platform) -> None:
    health = client.get("/health").text
    assert str(platform.settings.data_dir) not in health
    assert "/" not in health.replace("\\/", "")


def test_an_upload_over_the_upload_cap_is_refused_before_it_is_read(
        client: httpx.Client, platform: Platform) -> None:
    cap = platform.settings.max_upload_bytes
    response = client.post("/gradio_api/upload", content=b"x" * (cap + 1),
                           headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 413
    assert f"{cap:,} bytes" in response.json()["error"]["message"]
    small = client.post("/gradio_api/upload", content=b"x" * 2048,
                        headers={"Content-Type": "application/octet-stream"})
    assert small.status_code == 401  # under the cap it reaches Gradio, which wants a sign-in


def test_uploads_are_checked_and_kept_for_their_merchant(client: httpx.Client,
                                                         platform: Platform,
                                                         accounts: Accounts) -> None:
    import io
    import zipfile

    from PIL import Image

    owner = accounts.headers(accounts.first("merchant")["id"])
    _, rival_token = platform.principals.add("merchant", "Upload Rival")
    rival = {"Authorization": f"Bearer {rival_token}"}
    image = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(image, "PNG")
    kept = client.post("/v1/merchant/uploads", headers=owner,
                       files={"file": ("mug.png", image.getvalue(), "image/png")})
    assert kept.status_code == 200 and kept.json()["files"] == ["mug.png"], kept.text
    batch = kept.json()["batch"]
    assert client.get(f"/v1/merchant/uploads/{batch}", headers=owner).json()["files"] == [
        "mug.png"]
    assert client.get(f"/v1/merchant/uploads/{batch}", headers=rival).status_code == 404
    not_image = client.post("/v1/merchant/uploads", headers=owner,
                            files={"file": ("notes.txt", b"hello", "text/plain")})
    assert not_image.status_code == 422 and "not an image" in not_image.json()["error"]["message"]
    sneaky = io.BytesIO()
    with zipfile.ZipFile(sneaky, "w") as archive:
        archive.writestr("../../outside.png", image.getvalue())
    traversal = client.post("/v1/merchant/uploads", headers=owner,
                            files={"file": ("photos.zip", sneaky.getvalue(), "application/zip")})
    assert traversal.status_code == 422 and "path traversal" in traversal.text
    assert not any(platform.settings.data_dir.rglob("outside.png"))
    shopper = accounts.headers(accounts.first("shopper")["id"])
    assert client.post("/v1/merchant/uploads", headers=shopper,
                       files={"file": ("mug.png", image.getvalue(), "image/png")}
                       ).status_code == 403


def test_upload_routes_refuse_callers_without_a_token(client: httpx.Client) -> None:
    sent = client.post("/v1/merchant/uploads", files={"file": ("a.png", b"x", "image/png")})
    assert sent.status_code == 401
    assert client.get("/v1/merchant/uploads/0123456789ab").status_code == 401


def test_the_knowledge_area_is_for_merchants_and_agents_only(platform: Platform,
                                                            accounts: Accounts) -> None:
    from types import SimpleNamespace

    from shopmind.errors import Forbidden, NotAuthorised
    from ui.web import staff

    for role in ("merchant", "agent"):
        request = SimpleNamespace(username=accounts.first(role)["id"])
        assert staff(platform, request).role == role  # type: ignore[arg-type]
    with pytest.raises(Forbidden, match="merchants and agents"):
        staff(platform, SimpleNamespace(username=accounts.first("shopper")["id"]))  # type: ignore[arg-type]
    with pytest.raises(NotAuthorised):
        staff(platform, SimpleNamespace(username=None))  # type: ignore[arg-type]
