"""``POST /v1/merchant/catalogue`` on the live app: a merchant's file is loaded and reported;
shoppers and callers without a token are refused. The uploaded product has an obscure id and
name (other tests search the shared catalogue) and is removed again afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from kg.schema import LocalisedText
from shopmind.errors import NotFound
from tests.testing import Accounts, product_row
from ui.platform import Platform

pytestmark = pytest.mark.integration
PRODUCT_ID = "zz-upload-route-qwxzylph"


@pytest.fixture
def client(live_app: str, synced_platform: Platform) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_app, follow_redirects=False, timeout=120) as http:
        yield http
    try:
        synced_platform.knowledge.delete_product(PRODUCT_ID)
    except NotFound:
        pass  # the upload did not get that far


def catalogue() -> bytes:
    row = product_row(PRODUCT_ID, category="zz-test-oddities", brand="Qwxzylph Works",
                      name=LocalisedText(en="Qwxzylph Test Item"),
                      description=LocalisedText(en="Qwxzylph placeholder for a route test."),
                      attributes={}, tags=[])
    return (row.model_dump_json(exclude_none=True) + "\n"
            + '{"id": "zz-upload-route-bad", "price": "free"}\n').encode()


def test_a_merchant_uploads_a_catalogue_and_gets_the_report(
        client: httpx.Client, accounts: Accounts, synced_platform: Platform) -> None:
    merchant = accounts.first("merchant")["id"]
    sent = client.post("/v1/merchant/catalogue", headers=accounts.headers(merchant),
                       files={"file": ("mine.jsonl", catalogue(), "application/x-ndjson")})
    assert sent.status_code == 200, sent.text
    report = sent.json()
    assert (report["format"], report["loaded"], report["updated"]) == ("jsonl", 1, 0)
    assert report["products"] == [PRODUCT_ID]
    assert {(r["line"], r["field"]) for r in report["rejected"]} >= {(2, "price"),
                                                                   (2, "category")}
    assert synced_platform.knowledge.product(PRODUCT_ID).name_en == "Qwxzylph Test Item"
    assert synced_platform.catalogue_uploads.owners.owner_of(PRODUCT_ID) == merchant
    binary = client.post("/v1/merchant/catalogue", headers=accounts.headers(merchant),
                         files={"file": ("photo.png", b"\x89PNG\r\n\x1a\n\xff", "image/png")})
    assert binary.status_code == 422 and "UTF-8" in binary.json()["error"]["message"]


def test_shoppers_and_anonymous_callers_are_refused(client: httpx.Client,
                                                    accounts: Accounts) -> None:
    files = {"file": ("mine.jsonl", catalogue(), "application/x-ndjson")}
    shopper = accounts.headers(accounts.first("shopper")["id"])
    assert client.post("/v1/merchant/catalogue", headers=shopper, files=files
                       ).status_code == 403
    assert client.post("/v1/merchant/catalogue", files=files).status_code == 401
