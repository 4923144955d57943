"""Product cards: which catalogue products a JIMI reply names, and the route for their
pictures (any signed-in principal, catalogue files only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient

from kg.facts import ProductFacts
from tests.testing import Accounts, free_port
from ui.api import create_app
from ui.platform import Platform
from ui.product_cards import ProductCards
from ui.web_routes import web


def _product(product_id: str, name_en: str, name_zh: str | None = None,
             price: float = 10.0) -> ProductFacts:
    return ProductFacts(id=product_id, name_en=name_en, name_zh=name_zh, category="shoes",
                        brand="Acme", price=price, currency="USD", stock=3, description_en="",
                        image=f"images/{product_id}.jpg")


@dataclass
class FakeCatalogue:
    items: list[ProductFacts] = field(default_factory=list)
    version: int = 0

    def products(self) -> list[ProductFacts]:
        return self.items


@pytest.fixture
def catalogue() -> FakeCatalogue:
    return FakeCatalogue([_product("fw-trail", "Trail Runner GTX", "防水越野跑鞋", 129.0),
                          _product("fw-trail-lite", "Trail Runner"),
                          _product("hm-mug", "Cloud Mug", "云朵马克杯"),
                          _product("hm-kettle", "Gooseneck <Electric> Kettle")])


def test_a_reply_naming_a_product_gets_its_card(catalogue: FakeCatalogue) -> None:
    cards = ProductCards(catalogue)
    found = cards.named_in(["Yes, the Trail Runner GTX is waterproof."])
    assert [p.id for p in found] == ["fw-trail"]  # not the shorter "Trail Runner" inside it


def test_cards_follow_the_order_the_reply_names_them(catalogue: FakeCatalogue) -> None:
    cards = ProductCards(catalogue)
    found = cards.named_in([("Here is what I found: cloud mug (12.00 USD); Trail Runner "
                             "(10.00 USD); Trail Runner GTX (129.00 USD)."),
                            "The Cloud Mug again"])
    assert [p.id for p in found] == ["hm-mug", "fw-trail-lite", "fw-trail"]


def test_chinese_names_are_found_and_words_must_be_whole(catalogue: FakeCatalogue) -> None:
    cards = ProductCards(catalogue)
    assert [p.id for p in cards.named_in(["有的，防水越野跑鞋有黑色。"])] == ["fw-trail"]
    assert cards.named_in(["Your order O-1001 is on its way."]) == []
    assert cards.named_in(["Our Trail Runners club meets on Fridays."]) == []


def test_a_changed_catalogue_is_seen(catalogue: FakeCatalogue) -> None:
    cards = ProductCards(catalogue)
    assert cards.named_in(["the Desk Lamp"]) == []
    catalogue.items.append(_product("hm-lamp", "Desk Lamp"))
    catalogue.version += 1
    assert [p.id for p in cards.named_in(["the Desk Lamp"])] == ["hm-lamp"]


def test_cards_show_picture_name_and_price_escaped(catalogue: FakeCatalogue) -> None:
    cards = ProductCards(catalogue)
    drawn = cards.html(cards.named_in(["the Gooseneck <Electric> Kettle and the Cloud Mug"]))
    assert 'src="/ui/products/hm-kettle/image"' in drawn
    assert "Gooseneck &lt;Electric&gt; Kettle" in drawn and "<Electric>" not in drawn
    assert "10.00 USD" in drawn
    assert cards.html([]) == ""
    assert "云朵马克杯" in cards.html(cards.named_in(["Cloud Mug"]), "zh")


@pytest.fixture(scope="module")
def client(synced_platform: Platform) -> Iterator[TestClient]:
    settings = synced_platform.settings.model_copy(update={"rasa_port": free_port()})
    app = create_app(Platform(settings))
    app.include_router(web)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_product_picture_is_served_to_any_signed_in_principal(
        client: TestClient, synced_platform: Platform, accounts: Accounts) -> None:
    product = next(p for p in synced_platform.knowledge.products() if p.image)
    path = f"/ui/products/{product.id}/image"
    assert client.get(path).status_code == 401
    for role in ("shopper", "merchant", "agent"):
        response = client.get(path, headers=accounts.headers(accounts.first(role)["id"]))
        assert response.status_code == 200, role
        assert response.headers["content-type"].startswith("image/")
        assert response.content == (synced_platform.settings.catalog_dir
                                    / product.image).read_bytes()


@pytest.mark.parametrize(("product_id", "statuses"), [
    ("no-such-product", {404}),
    ("..%2F..%2Fprincipals.sqlite", {404, 422}),
    ("-dash-first", {422}),
])
def test_unknown_or_odd_product_ids_get_no_file(client: TestClient, accounts: Accounts,
                                               product_id: str, statuses: set[int]) -> None:
    response = client.get(f"/ui/products/{product_id}/image",
                          headers=accounts.headers(accounts.first("shopper")["id"]))
    assert response.status_code in statuses
    assert "sqlite" not in response.text.replace(product_id, "")
