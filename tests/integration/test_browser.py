"""The Gradio UI in headless Chromium (Debian's package), reaching the same dialogue path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.testing import Accounts
from ui.platform import Platform

pytestmark = [pytest.mark.integration, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context (no cookies) for each test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore
    yield context.new_page()
    context.close()


def sign_in(page: Any, app: str, token: str) -> None:
    page.goto(f"{app}/", wait_until="domcontentloaded")
    assert page.url.endswith("/login")  # anonymous visitors land on the sign-in page
    page.fill("#token", token)
    page.click("#sign-in")
    page.wait_for_load_state("load")


def test_anonymous_visitors_see_only_the_sign_in_page(page: Any, live_app: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_app}/", wait_until="domcontentloaded")
    assert page.url.endswith("/login")
    expect(page.locator("#sign-in")).to_be_visible()
    page.fill("#token", "demo-merchant-token")
    page.click("#sign-in")
    expect(page.locator("text=That token is not valid.")).to_be_visible()
    assert page.locator("#jimi-input").count() == 0


def test_chat_box_answers_through_rasa(page: Any, live_app: str, rasa_server: str,
                                       synced_platform: Platform, accounts: Accounts,
                                       tmp_path: Path) -> None:
    from playwright.sync_api import expect

    product = next(p for p in synced_platform.knowledge.graph.products()
                   if len(p.values("colour")) >= 2)
    shopper = accounts.first("shopper")
    sign_in(page, live_app, shopper["token"])
    expect(page.locator("#signed-in")).to_contain_text(shopper["name"], timeout=30000)
    assert not page.locator("#merchant-request textarea").is_visible()
    box = page.locator("#jimi-input textarea")
    expect(box).to_be_visible(timeout=30000)
    box.fill(f"what colours does the {product.name_en} come in?")
    box.press("Enter")
    chat = page.locator("#jimi-chat")
    expected = f"The {product.name_en} comes in"
    expect(chat).to_contain_text(expected, timeout=30000)
    for colour in product.values("colour"):
        expect(chat).to_contain_text(colour)
    page.screenshot(path=str(tmp_path / "chat.png"))


def test_a_merchant_sees_the_studio_and_not_the_shopper_chat(page: Any, live_app: str,
                                                              accounts: Accounts,
                                                              tmp_path: Path) -> None:
    from playwright.sync_api import expect

    merchant = accounts.first("merchant")
    sign_in(page, live_app, merchant["token"])
    expect(page.locator("#signed-in")).to_contain_text(merchant["name"], timeout=30000)
    expect(page.locator("#merchant-request textarea")).to_be_visible()
    assert not page.locator("#jimi-input textarea").is_visible()
    page.fill("#merchant-request textarea", "make 2 banners 300x250 for summer")
    page.click("#merchant-start")
    expect(page.locator("#merchant-status")).to_contain_text("done", timeout=120000)
    image = page.locator("img[src*='/ui/jobs/']").first
    expect(image).to_be_visible(timeout=30000)
    assert image.evaluate("img => img.naturalWidth") == 300  # served through the owner's route
    page.screenshot(path=str(tmp_path / "merchant.png"))


def test_an_agent_claims_and_answers_from_the_desk(page: Any, live_app: str, accounts: Accounts,
                                                   tmp_path: Path,
                                                   calm_shoppers: list[dict[str, str]]) -> None:
    import httpx
    from playwright.sync_api import expect

    shopper = calm_shoppers[5]
    headers = accounts.headers(shopper["id"])
    httpx.post(f"{live_app}/v1/chat/desk-ui/handover", headers=headers,
               timeout=30).raise_for_status()
    agent = accounts.agent_named("Alice")
    sign_in(page, live_app, agent["token"])
    expect(page.locator("#signed-in")).to_contain_text("Alice", timeout=30000)
    assert not page.locator("#jimi-input textarea").is_visible()
    page.click("#desk-refresh")
    key = f"{shopper['id']}.desk-ui"
    queue = page.locator("#desk-queue input")
    expect(queue).to_be_visible()
    queue.click()
    page.get_by_role("option", name=key, exact=False).first.click()
    page.click("#desk-claim")
    expect(page.locator("#desk-status")).to_contain_text("claim: done", timeout=30000)
    page.fill("#desk-reply textarea", "Hello, Alice here.")
    page.click("#desk-send")
    expect(page.locator("#desk-history")).to_contain_text("Hello, Alice here.", timeout=30000)
    seen = httpx.get(f"{live_app}/v1/chat/desk-ui/messages", headers=headers, timeout=30).json()
    assert seen["agent"] == "Alice"
    assert any(i["speaker"] == "Alice" and i["text"] == "Hello, Alice here." for i in seen["items"])
    page.screenshot(path=str(tmp_path / "desk.png"))


def test_the_knowledge_area_shows_a_products_facts_and_neighbourhood(
        page: Any, live_app: str, accounts: Accounts, synced_platform: Platform,
        tmp_path: Path) -> None:
    from playwright.sync_api import expect

    product = next(p for p in sorted(synced_platform.knowledge.graph.products(),
                                     key=lambda p: p.id) if p.tags)
    merchant = accounts.first("merchant")
    sign_in(page, live_app, merchant["token"])
    expect(page.locator("#kg-query textarea, #kg-query input").first).to_be_visible(
        timeout=30000)
    page.locator("#kg-query textarea, #kg-query input").first.fill(product.name_en)
    page.click("#kg-show")
    facts = page.locator("#kg-facts")
    expect(facts).to_contain_text(product.id, timeout=30000)
    expect(facts).to_contain_text(product.tags[0])
    picture = page.locator("#kg-picture img")
    expect(picture).to_be_visible(timeout=30000)
    assert picture.evaluate("img => img.naturalWidth") > 300
    page.screenshot(path=str(tmp_path / "knowledge.png"), full_page=True)
