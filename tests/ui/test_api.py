"""The HTTP API in-process (TestClient), with Rasa deliberately unreachable."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.testing import Accounts, free_port
from ui.api import create_app
from ui.platform import Platform


@pytest.fixture(scope="module")
def client(synced_platform: Platform, accounts: Accounts) -> Iterator[TestClient]:
    settings = synced_platform.settings.model_copy(update={"rasa_port": free_port()})
    platform = Platform(settings)
    with TestClient(create_app(platform), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def token(accounts: Accounts) -> str:
    return accounts.first("shopper")["token"]


@pytest.fixture(scope="module")
def merchant(accounts: Accounts) -> dict[str, str]:
    return accounts.headers(accounts.first("merchant")["id"])


@pytest.fixture(scope="module")
def agent(accounts: Accounts) -> dict[str, str]:
    return accounts.headers(accounts.agent_named("Alice")["id"])


def test_health_tells_anonymous_callers_up_or_down_only(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "degraded"
    assert body["dependencies"]["rasa"] == {"up": False}
    assert all(set(d) == {"up"} for d in body["dependencies"].values())


def test_health_names_each_dependency_with_a_reason_for_staff(client: TestClient,
                                                               agent: dict[str, str]) -> None:
    body = client.get("/health", headers=agent).json()
    assert body["status"] == "degraded"
    deps = body["dependencies"]
    assert set(deps) == {"rasa", "studio_nlu", "chroma", "graph", "executor"}
    assert deps["rasa"]["up"] is False and "rasa is unavailable" in deps["rasa"]["detail"]
    assert deps["studio_nlu"]["up"] is False and "rasa" in deps["studio_nlu"]["detail"]
    assert deps["chroma"]["up"] and "embedded" in deps["chroma"]["detail"]
    assert deps["graph"]["up"] and "products" in deps["graph"]["detail"]
    assert "/" not in deps["graph"]["detail"]  # no filesystem path
    assert deps["executor"]["up"] and "local process pool" in deps["executor"]["detail"]


def test_chat_needs_a_token(client: TestClient) -> None:
    response = client.post("/v1/chat", json={"session_id": "s1", "text": "hi"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authorised"
    response = client.post("/v1/chat", json={"session_id": "s1", "text": "hi"},
                           headers={"Authorization": "Bearer not-a-real-token"})
    assert response.status_code == 401


def test_chat_with_rasa_down_is_polite_and_offers_a_person(client: TestClient, token: str
                                                           ) -> None:
    response = client.post("/v1/chat", json={"session_id": "s1", "text": "where is my order?"},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["degraded"] and body["handover_offered"]
    assert "Traceback" not in response.text and "Error" not in response.text


@pytest.mark.parametrize(("body", "status"), [
    ({"session_id": "s1", "text": "   "}, 422),
    ({"session_id": "../etc", "text": "hi"}, 422),
    ({"text": "hi"}, 422),
])
def test_bad_chat_bodies_are_rejected(client: TestClient, token: str, body: dict[str, str],
                                      status: int) -> None:
    response = client.post("/v1/chat", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == status
    assert "Traceback" not in response.text


def test_merchant_endpoints(client: TestClient, merchant: dict[str, str]) -> None:
    headers = merchant
    assert client.get("/v1/tools").status_code == 401
    names = {t["name"] for t in client.get("/v1/tools", headers=headers).json()}
    assert {"make_banners", "write_copy", "remove_background"} <= names
    down = client.post("/v1/merchant/chat", json={"text": "make 2 banners"}, headers=headers)
    assert down.status_code == 503, "no Rasa here: the studio says its NLU is down"
    assert down.json()["error"]["code"] == "dependency_unavailable"
    missing = client.get("/v1/jobs/doesnotexist", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_merchant_job_runs_and_downloads(client: TestClient, merchant: dict[str, str],
                                         synced_platform: Platform, accounts: Accounts) -> None:
    import time
    import zipfile
    from io import BytesIO

    headers = merchant
    owner = accounts.first("merchant")["id"]  # a job started by the studio (tested live)
    job_id = synced_platform.jobs.submit(owner, "make 4 banners 300x250 for summer").id
    deadline = time.monotonic() + 120
    while (job := client.get(f"/v1/jobs/{job_id}", headers=headers).json())["state"] in (
            "queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job["state"] == "done" and job["done"] == 4
    download = client.get(f"/v1/jobs/{job_id}/download", headers=headers)
    with zipfile.ZipFile(BytesIO(download.content)) as archive:
        assert sum(n.endswith(".jpg") for n in archive.namelist()) == 4


def test_rasa_webhook_unknown_action_answers_like_the_sdk(client: TestClient) -> None:
    secret = client.app.state.platform.rasa_secrets.action_secret  # type: ignore[attr-defined]
    response = client.post("/v1/rasa/webhook", json={"next_action": "action_nope",
                                                     "sender_id": "u001.s1", "tracker": {}},
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 404
    assert response.json() == {"error": "No registered action found for name 'action_nope'.",
                               "action_name": "action_nope"}


def test_agent_api_takes_over_a_waiting_session(client: TestClient, token: str,
                                                agent: dict[str, str]) -> None:
    shopper = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/agent/sessions").status_code == 401
    assert client.get("/v1/agent/sessions", headers=shopper).status_code == 403
    waiting = client.post("/v1/chat/desk1/handover", headers=shopper).json()
    assert waiting["mode"] == "waiting"
    queue = client.get("/v1/agent/sessions", headers=agent).json()
    key = next(s["id"] for s in queue if s["id"].endswith(".desk1"))
    early = client.post(f"/v1/agent/sessions/{key}/reply", headers=agent,
                        json={"text": "hello"})
    assert early.status_code == 409 and early.json()["error"]["code"] == "conflict"
    claimed = client.post(f"/v1/agent/sessions/{key}/claim", headers=agent,
                          json={"agent": "Mallory"}).json()  # the name comes from the token
    assert claimed["mode"] == "agent" and claimed["agent"] == "Alice"
    client.post("/v1/chat", json={"session_id": "desk1", "text": "my parcel is late"},
                headers=shopper)
    history = client.get(f"/v1/agent/sessions/{key}", headers=agent).json()["items"]
    assert history[-1] == {**history[-1], "role": "shopper", "text": "my parcel is late"}
    said = client.post(f"/v1/agent/sessions/{key}/reply", headers=agent,
                       json={"text": "Let me check that for you."}).json()
    seen = client.get(f"/v1/chat/desk1/messages?after={said['seq'] - 1}", headers=shopper).json()
    assert seen["mode"] == "agent" and seen["agent"] == "Alice"
    assert seen["items"] == [{"seq": said["seq"], "role": "agent", "speaker": "Alice",
                              "text": "Let me check that for you."}]
    back = client.post(f"/v1/agent/sessions/{key}/release", headers=agent).json()
    assert back["mode"] == "bot"
    assert client.get("/v1/agent/sessions/nope.none", headers=agent).status_code == 404
