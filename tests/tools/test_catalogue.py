"""One knowledge base in memory: tools read the catalogue through their context, and a product
upsert or delete through the knowledge base reaches JIMI, Li Bai and banner jobs at once."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from agents.jimi import Jimi, Shopper
from kg.graph import ProductGraph
from kg.knowledge import KnowledgeBase
from kg.schema import LocalisedText, ProductRow
from shopmind.errors import DependencyUnavailable, NotFound
from tests.testing import conversation, product_row, settings_for, thread_context, user_turn
from tools.base import Catalogue, ToolContext
from tools.registry import ToolRegistry
from ui.platform import Platform

CHANGED, ADDED, DELETED = "fw-trail-runner", "gf-plain-gift-box", "kt-stoneware-mug"


@dataclass
class Consumers:
    knowledge: KnowledgeBase
    registry: ToolRegistry
    jimi: Jimi
    shopper: Shopper
    deleted_name: str

    def ask_price(self, name: str) -> str:
        turn = conversation(user_turn(f"how much is the {name}?", "product_question",
                                      product=name, attribute="price"))
        return self.jimi.respond(turn, self.shopper).texts[0]

    def banner(self, product_id: str, out_dir: Path) -> dict[str, object]:
        self.registry.call("make_banners", {
            "items": [{"product_id": product_id, "headline": "Sale"}], "sizes": ["300x250"],
            "out_dir": str(out_dir)})
        entries: list[dict[str, object]] = json.loads(
            (out_dir / "manifest.json").read_text(encoding="utf-8"))["banners"]
        return entries[0]

    def urgent_copy(self, product_id: str) -> list[str]:
        result = self.registry.call("write_copy", {"product_id": product_id, "kind": "copy",
                                                   "tone": "urgent", "n": 10})
        texts: list[str] = result.data["texts"]
        return texts


@pytest.fixture(scope="module")
def consumers(synced_platform: Platform, tmp_path_factory: pytest.TempPathFactory
              ) -> Consumers:
    """Every consumer warmed up on the old catalogue, then one price changed, one product
    added and one deleted through the knowledge base."""
    folder = tmp_path_factory.mktemp("one-catalogue")
    settings = settings_for(folder / "var")
    shutil.copytree(synced_platform.settings.catalog_dir, settings.catalog_dir)
    knowledge = KnowledgeBase(settings)
    knowledge.vectors.embedding = synced_platform.knowledge.vectors.embedding  # loaded once
    knowledge.sync()
    knowledge.warm_up()
    registry = ToolRegistry.from_entry_points(thread_context(settings, knowledge))
    jimi = Jimi(knowledge)
    seen = Consumers(knowledge, registry, jimi, Shopper(knowledge.accounts.profiles()[0], "en"),
                     knowledge.product(DELETED).name_en)
    assert "129.00" in seen.ask_price(knowledge.product(CHANGED).name_en)
    assert "Coffee Mug" in seen.ask_price(seen.deleted_name)
    assert any("$129." in t for t in seen.urgent_copy(CHANGED))
    assert seen.banner(CHANGED, folder / "before")["price"] == "$129.00"
    _change_the_catalogue(knowledge)
    return seen


def _change_the_catalogue(knowledge: KnowledgeBase) -> None:
    images = knowledge.settings.catalog_dir / "images"
    shutil.copy(images / f"{CHANGED}.jpg", images / f"{ADDED}.jpg")
    knowledge.upsert_product(product_row(
        ADDED, name=LocalisedText(en="Plain Gift Box", zh="素色礼盒"), category="gifts",
        attributes={}, tags=[], price=42.0))
    lines = (knowledge.settings.catalog_dir / "products.jsonl").read_text("utf-8").splitlines()
    row = next(ProductRow.model_validate_json(line) for line in lines if f'"{CHANGED}"' in line)
    knowledge.upsert_product(row.model_copy(update={"price": 99.5}))
    knowledge.delete_product(DELETED)


def test_jimi_sees_the_new_price_the_new_product_and_not_the_deleted_one(
        consumers: Consumers) -> None:
    assert "99.50" in consumers.ask_price("Trail Runner GTX")
    assert consumers.ask_price("Plain Gift Box") == "The Plain Gift Box costs 42.00 USD."
    assert "Coffee Mug" not in consumers.ask_price(consumers.deleted_name)


def test_li_bai_sees_the_new_price_the_new_product_and_not_the_deleted_one(
        consumers: Consumers) -> None:
    texts = consumers.urgent_copy(CHANGED)
    assert any("$99.50" in t for t in texts) and not any("$129" in t for t in texts)
    bullets = consumers.registry.call("write_copy", {"product_id": ADDED, "kind": "bullet",
                                                     "n": 3}).data["texts"]
    assert "Priced at $42, from Testbrand." in bullets
    with pytest.raises(NotFound, match=DELETED):
        consumers.registry.call("write_copy", {"product_id": DELETED})


def test_banners_see_the_new_price_the_new_product_and_not_the_deleted_one(
        consumers: Consumers, tmp_path: Path) -> None:
    assert consumers.banner(CHANGED, tmp_path / "changed")["price"] == "$99.50"
    assert consumers.banner(ADDED, tmp_path / "added")["price"] == "$42.00"
    with pytest.raises(NotFound, match=DELETED):
        consumers.banner(DELETED, tmp_path / "deleted")


def test_the_knowledge_base_is_the_tools_catalogue(consumers: Consumers) -> None:
    catalogue: Catalogue = consumers.knowledge  # mypy checks the protocol here
    version = catalogue.version
    consumers.knowledge.upsert_product(product_row("gf-version-probe"))
    assert catalogue.version > version
    assert "gf-version-probe" in {p.id for p in catalogue.products()}


def test_the_platform_builds_no_second_graph(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    platform = Platform(settings_for(tmp_path / "var"))
    knowledge = platform.knowledge
    opened: list[Path] = []
    real_init = ProductGraph.__init__

    def counting(graph: ProductGraph, path: Path) -> None:
        opened.append(path)
        real_init(graph, path)

    monkeypatch.setattr(ProductGraph, "__init__", counting)
    try:
        for name in platform.registry.names():
            tool = platform.registry.get(name)
            tool.warm_up()
            assert tool.context.catalogue is knowledge
    finally:
        platform.close()
    assert opened == []


@pytest.mark.parametrize(("name", "inputs"), [
    ("make_banners", {"items": [{"product_id": CHANGED, "headline": "h"}]}),
    ("write_copy", {"product_id": CHANGED}),
])
def test_a_context_without_a_catalogue_says_so(tmp_path: Path, name: str,
                                               inputs: dict[str, object]) -> None:
    registry = ToolRegistry.from_entry_points(ToolContext(settings_for(tmp_path / "var")))
    with pytest.raises(DependencyUnavailable, match="catalogue is unavailable.*catalogue="):
        registry.call(name, inputs)
