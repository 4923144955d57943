"""``write_copy`` in the tool registry (as the studio planner calls it) and ``shopmind copy``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agents.libai.catalogue import facts_of
from agents.libai.tool import CopyTool
from kg.demo.catalog import build_demo_catalog
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase
from shopmind.errors import InvalidInput, NotFound
from tests.testing import product_row, settings_for, thread_context
from tools.registry import ToolRegistry

SHOPMIND = str(Path(sys.executable).with_name("shopmind"))


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A knowledge base whose graph holds the demo catalogue (no files, images or vectors)."""
    knowledge = KnowledgeBase(settings_for(tmp_path_factory.mktemp("libai")))
    knowledge.graph.upsert_products(build_demo_catalog().products)
    return knowledge


@pytest.fixture(scope="module")
def data_dir(knowledge: KnowledgeBase) -> Path:
    return knowledge.settings.data_dir


@pytest.fixture(scope="module")
def registry(knowledge: KnowledgeBase) -> ToolRegistry:
    registry = ToolRegistry(thread_context(knowledge.settings, knowledge))
    registry.register(CopyTool)
    return registry


def test_planner_calls_still_work(registry: ToolRegistry) -> None:
    common = {"product_id": "ap-trail-cap", "campaign": "summer sale", "language": "en"}
    heads = registry.call("write_copy", {**common, "kind": "headline", "n": 3}).data["texts"]
    subline = registry.call("write_copy", {**common, "kind": "subline"}).data["texts"]
    assert len(heads) == 3 and len(subline) == 1
    zh = registry.call("write_copy", {**common, "language": "zh", "kind": "headline", "n": 3})
    assert len(zh.data["texts"]) == 3 and zh.text.splitlines() == zh.data["texts"]


def test_tool_result_carries_sources_and_what_each_text_grounds_in(
        registry: ToolRegistry) -> None:
    result = registry.call("write_copy", {"product_id": "fw-trail-runner", "kind": "bullet",
                                          "tone": "premium", "n": 4})
    assert result.data["kind"] == "bullet" and result.data["tone"] == "premium"
    assert all(c["source"] == "grammar" and c["grounded"] for c in result.data["candidates"])


@pytest.mark.parametrize(("arguments", "error", "message"), [
    ({"product_id": "nope"}, NotFound, "unknown product 'nope'"),
    ({"product_id": "fw-trail-runner", "kind": "poem"}, InvalidInput, "kind"),
    ({"product_id": "fw-trail-runner", "language": "fr"}, InvalidInput, "language"),
    ({"product_id": "fw-trail-runner", "n": 500}, InvalidInput, "n"),
])
def test_tool_errors_are_clear(registry: ToolRegistry, arguments: dict[str, object],
                               error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        registry.call("write_copy", arguments)


class CountingCatalogue:
    """A catalogue that counts how often a tool reads all of it."""

    def __init__(self, products: list[ProductFacts]) -> None:
        self.version = 0
        self.reads = 0
        self._products = {p.id: p for p in products}

    def product(self, product_id: str) -> ProductFacts:
        try:
            return self._products[product_id]
        except KeyError:
            raise NotFound(f"unknown product {product_id!r}") from None

    def products(self) -> list[ProductFacts]:
        self.reads += 1
        return list(self._products.values())

    def upsert(self, product: ProductFacts) -> None:
        self._products[product.id] = product
        self.version += 1


def test_the_writer_is_built_again_only_when_the_catalogue_changed(tmp_path: Path) -> None:
    catalogue = CountingCatalogue([facts_of(product_row("fw-a")), facts_of(product_row("fw-b"))])
    registry = ToolRegistry(thread_context(settings_for(tmp_path), catalogue))
    registry.register(CopyTool)
    for _ in range(3):
        registry.call("write_copy", {"product_id": "fw-a"})
    assert catalogue.reads == 1
    catalogue.upsert(facts_of(product_row("fw-c", price=42.0, attributes={})))
    bullets = registry.call("write_copy", {"product_id": "fw-c", "kind": "bullet", "n": 3})
    assert catalogue.reads == 2 and "Priced at $42, from Testbrand." in bullets.data["texts"]
    registry.call("write_copy", {"product_id": "fw-c"})
    assert catalogue.reads == 2


def _cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHOPMIND_DATA_DIR": str(data_dir)}
    return subprocess.run([SHOPMIND, "copy", *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_cli_writes_ten_chinese_titles(data_dir: Path) -> None:
    result = _cli(["--product", "fw-trail-runner", "--kind", "title", "--tone", "playful",
                   "--lang", "zh", "--n", "10"], data_dir)
    assert result.returncode == 0, result.stderr
    titles = result.stdout.strip().splitlines()
    assert len(titles) == 10 and all(len(t) <= 20 for t in titles)


def test_cli_batch_and_errors(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.jsonl"
    result = _cli(["--all", "--kind", "headline,subline", "--lang", "en,zh", "--n", "2",
                   "--out", str(out)], data_dir)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 73 * 2 * 2 and all(len(r["texts"]) == 2 for r in rows)
    unknown = _cli(["--product", "nope"], data_dir)
    assert unknown.returncode == 3 and "unknown product 'nope'" in unknown.stderr
    bad = _cli(["--product", "fw-trail-runner", "--kind", "poem"], data_dir)
    assert bad.returncode == 2 and "unknown kind 'poem'" in bad.stderr
    assert "Traceback" not in unknown.stderr + bad.stderr

