"""The Gradio UI in headless Chromium (Debian's package), reaching the same dialogue path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.platform import Platform

pytestmark = [pytest.mark.integration, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(viewport={"width": 1200, "height": 900})
        browser.close()


def test_chat_box_answers_through_rasa(page: object, live_app: str, rasa_server: str,
                                       synced_platform: Platform, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    product = next(p for p in synced_platform.knowledge.graph.products()
                   if len(p.values("colour")) >= 2)
    page.goto(f"{live_app}/", wait_until="domcontentloaded")
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
