"""The studio over HTTP with the real Rasa model deciding what merchants mean."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.testing import Accounts
from ui.platform import Platform

pytestmark = pytest.mark.integration


class Merchant:
    """One merchant's studio conversation over HTTP."""

    def __init__(self, app: str, token: str) -> None:
        self.app, self.session = app, uuid.uuid4().hex[:12]
        self.headers = {"Authorization": f"Bearer {token}"}

    def say(self, text: str, status: int = 200) -> dict[str, Any]:
        response = httpx.post(f"{self.app}/v1/merchant/chat", headers=self.headers, timeout=60,
                              json={"session_id": self.session, "text": text})
        assert response.status_code == status, response.text
        return dict(response.json())

    def job(self, job_id: str) -> dict[str, Any]:
        return dict(httpx.get(f"{self.app}/v1/jobs/{job_id}", headers=self.headers,
                              timeout=10).json())


@pytest.fixture
def merchant(live_app: str, rasa_server: str, accounts: Accounts) -> Merchant:
    return Merchant(live_app, accounts.first("merchant")["token"])


def test_two_hundred_banners_are_planned_confirmed_and_cancelled(merchant: Merchant) -> None:
    planned = merchant.say("make 200 banners for the summer sale")
    assert set(planned) == {"reply", "plan", "needs", "confirm", "job"}
    assert planned["confirm"] is True and planned["job"] is None and planned["needs"] == []
    assert planned["plan"]["task"] == "banners" and planned["plan"]["count"] == 200
    assert planned["plan"]["campaign"] == "summer sale"
    assert planned["reply"].startswith("200 banners: ") and planned["reply"].endswith("Go?")
    started = merchant.say("yes, go ahead")
    assert started["job"] is not None and started["job"]["total"] == 200
    cancelled = merchant.say("cancel it")
    assert cancelled["job"]["id"] == started["job"]["id"]
    assert merchant.job(started["job"]["id"])["state"] == "cancelled"


def test_a_chinese_request_with_a_change_in_place(merchant: Merchant) -> None:
    planned = merchant.say("给618大促做一百张主图")
    assert planned["confirm"] is True, planned
    assert (planned["plan"]["count"], planned["plan"]["campaign"],
            planned["plan"]["sizes"]) == (100, "618大促", ["800x800"])
    assert planned["reply"].startswith("100张横幅")
    changed = merchant.say("改成竖版")
    assert changed["plan"]["sizes"] == ["1080x1920"] and changed["plan"]["count"] == 100
    dropped = merchant.say("算了，先不做了")
    assert dropped["plan"] is None and dropped["job"] is None


def test_copy_for_a_product_named_in_chinese(merchant: Merchant, synced_platform: Platform
                                             ) -> None:
    reply = merchant.say("为保温随行杯470毫升写5条卖点")
    assert reply["plan"]["task"] == "copy" and reply["plan"]["kind"] == "selling_points"
    assert reply["plan"]["products"] == ["kt-travel-tumbler"] and reply["plan"]["n"] == 5
    assert reply["job"] is not None and reply["job"]["task"] == "copy"


def test_cancel_it_with_no_job_and_the_help(merchant: Merchant) -> None:
    assert "nothing to cancel" in merchant.say("cancel it")["reply"]
    assert "make 200 banners" in merchant.say("what can you do?")["reply"]


def test_a_million_banners_gets_the_limit(merchant: Merchant) -> None:
    reply = merchant.say("make 1000000 banners for black friday")
    assert "at most 20,000 banners" in reply["reply"] and reply["needs"] == ["count"]


def test_bad_messages_are_refused_with_the_field_named(merchant: Merchant) -> None:
    empty = merchant.say("", status=422)
    assert "text" in str(empty)
    assert "text" in str(merchant.say("x" * 2001, status=422))


def test_only_merchants_reach_the_studio(live_app: str, rasa_server: str, accounts: Accounts,
                                         calm_shoppers: list[dict[str, str]]) -> None:
    shopper = calm_shoppers[0]
    body = {"session_id": "s1", "text": "make 200 banners for the summer sale"}
    as_shopper = httpx.post(f"{live_app}/v1/merchant/chat", json=body, timeout=10,
                            headers=accounts.headers(shopper["id"]))
    assert as_shopper.status_code == 403
    assert httpx.post(f"{live_app}/v1/merchant/chat", json=body, timeout=10).status_code == 401
    asked = httpx.post(f"{live_app}/v1/chat", headers=accounts.headers(shopper["id"]),
                       json={"session_id": uuid.uuid4().hex[:12],
                             "text": "make 200 banners for the summer sale"}, timeout=30)
    assert asked.status_code == 200, asked.text
    text = " ".join(asked.json()["messages"])
    assert "for merchants in the Shopmind studio" in text, text


def test_another_merchant_sees_neither_the_plan_nor_the_job(
        merchant: Merchant, synced_platform: Platform, live_app: str) -> None:
    _, token = synced_platform.principals.add("merchant", "Other Shop")
    other = Merchant(live_app, token)
    other.session = merchant.session  # the same session id, another owner
    started = merchant.say("make 3 banners 300x250 for black friday")
    assert started["job"] is not None
    merchant.say("make 300 banners for christmas")  # waits for a yes
    assert "nothing waiting" in other.say("yes")["reply"]
    job_id = started["job"]["id"]
    assert "can't find" in other.say(f"status of {job_id}")["reply"]
    response = httpx.get(f"{live_app}/v1/jobs/{job_id}", headers=other.headers, timeout=10)
    assert response.status_code == 404


def test_a_thumbs_up_confirms_and_symbols_alone_get_help(merchant: Merchant) -> None:
    planned = merchant.say("make 300 banners for christmas")
    assert planned["confirm"] is True
    started = merchant.say("👍")  # Rasa's pipeline has no token to read here
    assert started["job"] is not None and started["job"]["total"] == 300
    merchant.say("cancel it")
    assert "make 200 banners" in merchant.say("...")["reply"]
