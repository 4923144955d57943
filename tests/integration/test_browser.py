"""The Gradio UI in headless Chromium (Debian's package), reaching the same dialogue path.

Screenshots of the studio and the shopper's product cards are kept in the test artefacts
folder (``SHOPMIND_ARTEFACTS``, by default ``var/test-artefacts`` in the checkout)."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFilter

from tests.testing import Accounts
from ui.platform import Platform

pytestmark = [pytest.mark.integration, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REPO_ROOT = Path(__file__).resolve().parents[2]
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
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


@pytest.fixture(scope="module")
def artefacts() -> Path:
    """Where screenshots are kept for people to look at after the run."""
    folder = Path(os.environ.get("SHOPMIND_ARTEFACTS", "var/test-artefacts"))
    folder = folder if folder.is_absolute() else REPO_ROOT / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def studio_confirms_above_5(synced_platform: Platform) -> Iterator[None]:
    """Plans of more than 5 items wait for a yes (the session's setting is 50)."""
    studio = synced_platform.studio
    before, studio.confirm_above = studio.confirm_above, 5
    yield
    studio.confirm_above = before


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
    assert not page.locator("#studio-input textarea").is_visible()
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
                                                              accounts: Accounts) -> None:
    from playwright.sync_api import expect

    merchant = accounts.first("merchant")
    sign_in(page, live_app, merchant["token"])
    expect(page.locator("#signed-in")).to_contain_text(merchant["name"], timeout=30000)
    expect(page.locator("#studio-input textarea")).to_be_visible()
    expect(page.locator("#studio-plan")).to_contain_text("No plan yet")
    expect(page.locator("#studio-confirm")).to_be_disabled()
    expect(page.locator("#studio-cancel")).to_be_disabled()
    assert not page.locator("#jimi-input textarea").is_visible()


def test_a_merchant_confirms_chinese_banners_and_downloads_the_zip(
        page: Any, live_app: str, rasa_server: str, accounts: Accounts, tmp_path: Path,
        artefacts: Path, studio_confirms_above_5: None) -> None:
    from playwright.sync_api import expect

    sign_in(page, live_app, accounts.first("merchant")["token"])
    say(page, "给双十一做12张方图")
    plan = page.locator("#studio-plan")
    expect(plan).to_contain_text("12", timeout=60000)
    expect(plan).to_contain_text("1080x1080")
    expect(plan).to_contain_text("Confirm")
    expect(page.locator("#studio-confirm")).to_be_enabled()
    page.click("#studio-confirm")
    expect(page.locator("#studio-chat")).to_contain_text("已开始任务", timeout=30000)
    expect(page.locator("#studio-confirm")).to_be_disabled()
    expect(page.locator("#studio-progress")).to_contain_text("done", timeout=300000)
    expect(page.locator("#studio-progress")).to_contain_text("12/12")
    images = page.locator("#studio-gallery img")
    expect(images).to_have_count(12, timeout=30000)
    first = images.first
    expect(first).to_have_attribute("src", _owner_route())
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=first.element_handle())
    assert first.evaluate("img => img.naturalWidth") == 1080  # served through the owner's route
    with page.expect_download() as download:
        page.locator("#studio-download a").click()
    archive = tmp_path / "results.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as results:
        names = results.namelist()
    assert len([n for n in names if n.lower().endswith(IMAGE_SUFFIXES)]) == 12
    assert {"manifest.json", "manifest.csv"} <= set(names)
    page.screenshot(path=str(artefacts / "studio-zh-banners.png"), full_page=True)


def test_a_merchant_uploads_photos_and_gets_cutouts(page: Any, live_app: str, rasa_server: str,
                                                   accounts: Accounts, tmp_path: Path,
                                                   artefacts: Path) -> None:
    from playwright.sync_api import expect

    photos = [_product_photo(tmp_path / f"photo-{i}.jpg", colour, shape)
              for i, (colour, shape) in enumerate([((200, 40, 40), "ellipse"),
                                                   ((30, 90, 190), "rectangle"),
                                                   ((40, 150, 70), "ellipse")])]
    sign_in(page, live_app, accounts.first("merchant")["token"])
    expect(page.locator("#studio-input textarea")).to_be_visible(timeout=30000)
    page.set_input_files("#studio-upload input[type='file']", [str(p) for p in photos])
    chat = page.locator("#studio-chat")
    expect(chat).to_contain_text("Uploaded 3 photos", timeout=60000)
    say(page, "cut out the photos I uploaded")
    expect(chat).to_contain_text("Started job", timeout=60000)
    expect(page.locator("#studio-progress")).to_contain_text("cutout", timeout=30000)
    expect(page.locator("#studio-progress")).to_contain_text("done", timeout=300000)
    expect(page.locator("#studio-progress")).to_contain_text("3/3")
    images = page.locator("#studio-gallery img")
    expect(images).to_have_count(3, timeout=30000)
    sources = [images.nth(i).get_attribute("src") or "" for i in range(3)]
    assert all("/ui/jobs/" in src and src.endswith(".png") for src in sources), sources
    expect(page.locator("#studio-download a")).to_be_visible()
    page.screenshot(path=str(artefacts / "studio-cutouts.png"), full_page=True)


def test_a_shopper_sees_a_card_for_the_product_asked_about(
        page: Any, live_app: str, rasa_server: str, synced_platform: Platform,
        calm_shoppers: list[dict[str, str]], artefacts: Path) -> None:
    from playwright.sync_api import expect

    accounts = synced_platform.knowledge.accounts
    shopper = next(s for s in calm_shoppers[6:] if accounts.profile(s["id"]).language == "en")
    product = synced_platform.knowledge.find_product("Trail Runner GTX")
    sign_in(page, live_app, shopper["token"])
    box = page.locator("#jimi-input textarea")
    expect(box).to_be_visible(timeout=30000)
    box.fill(f"is the {product.name_en} waterproof?")
    box.press("Enter")
    cards = page.locator("#product-cards")
    expect(page.locator("#jimi-chat")).to_contain_text("waterproof", timeout=30000)
    expect(cards).to_contain_text(product.name_en, timeout=30000)
    expect(cards).to_contain_text(f"{product.price:.2f}")
    picture = cards.locator(f"[data-product='{product.id}'] img")
    expect(picture).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=picture.element_handle())
    page.screenshot(path=str(artefacts / "shopper-card.png"), full_page=True)


def say(page: Any, text: str) -> None:
    """Types a message to the studio and sends it."""
    from playwright.sync_api import expect

    box = page.locator("#studio-input textarea")
    expect(box).to_be_visible(timeout=30000)
    box.fill(text)
    box.press("Enter")


def _owner_route() -> Any:
    import re

    return re.compile(r"/ui/jobs/[0-9a-f]+/files/")


def _product_photo(path: Path, colour: tuple[int, int, int], shape: str) -> Path:
    """A product-like photo: a coloured object with a soft shadow on a light background."""
    image = Image.new("RGB", (480, 360), (238, 236, 230))
    shadow = Image.new("L", image.size, 0)
    ImageDraw.Draw(shadow).ellipse((150, 270, 350, 310), fill=90)
    image.paste((170, 168, 162), mask=shadow.filter(ImageFilter.GaussianBlur(12)))
    draw = ImageDraw.Draw(image)
    box = (160, 70, 320, 290)
    (draw.ellipse if shape == "ellipse" else draw.rounded_rectangle)(box, fill=colour)
    draw.ellipse((200, 110, 240, 150), fill=tuple(min(c + 70, 255) for c in colour))
    image.save(path, "JPEG", quality=90)
    return path


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
