"""Test helpers and fakes, in one place."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agents.jimi.context import Shopper, Turn, UserTurn
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from kg.schema import LocalisedText, ProductRow
from shopmind.settings import Settings
from tools.base import Catalogue, ToolContext

if TYPE_CHECKING:
    from ui.platform import Platform


@dataclass(frozen=True)
class Accounts:
    """The demo principals by id, each ``{"id", "role", "name", "token"}``."""

    by_id: dict[str, dict[str, str]]

    def token(self, principal_id: str) -> str:
        return self.by_id[principal_id]["token"]

    def headers(self, principal_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(principal_id)}"}

    def first(self, role: str, index: int = 0) -> dict[str, str]:
        return sorted((e for e in self.by_id.values() if e["role"] == role),
                      key=lambda e: e["id"])[index]

    def shoppers_without(self, busy: set[str]) -> list[dict[str, str]]:
        """Shoppers not in ``busy`` (e.g. those with a delayed order, whose one-time notice
        other tests expect to see first)."""
        return sorted((e for e in self.by_id.values()
                       if e["role"] == "shopper" and e["id"] not in busy), key=lambda e: e["id"])

    def agent_named(self, name: str) -> dict[str, str]:
        return next(e for e in self.by_id.values() if e["role"] == "agent" and e["name"] == name)


@contextmanager
def sqlite_locked_elsewhere(path: Path) -> Iterator[None]:
    """Another process holds ``BEGIN EXCLUSIVE`` on the database while the block runs."""
    script = ("import sqlite3, time\n"
              f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
              "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def settings_for(data_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, _env_file=None, **overrides)  # type: ignore[arg-type,call-arg]


def thread_context(settings: Settings, catalogue: Catalogue | None = None) -> ToolContext:
    """A tool context whose executor is a thread pool (fast to start in unit tests), over
    ``catalogue`` (none: the tools that read products say so when called)."""

    def factory() -> Executor:
        return ThreadPoolExecutor(max_workers=2)

    if catalogue is None:
        return ToolContext(settings, executor_factory=factory)
    return ToolContext(settings, catalogue=catalogue, executor_factory=factory)


def product_row(product_id: str = "fw-test-runner", **changes: object) -> ProductRow:
    data: dict[str, object] = {
        "id": product_id, "category": "footwear", "brand": "Testbrand",
        "name": LocalisedText(en="Test Runner", zh="测试跑鞋"),
        "description": LocalisedText(en="A light running shoe.", zh="轻便跑鞋。"),
        "price": 80.0, "stock": 5,
        "attributes": {"colour": ["black", "red"], "waterproof": True},
        "tags": ["running", "summer"],
    }
    data.update(changes)
    return ProductRow.model_validate(data)


def user_turn(text: str, intent: str, **entities: str | list[str]) -> UserTurn:
    """One understood shopper message, as JIMI reads it from the Rasa tracker."""
    values = {k: ([v] if isinstance(v, str) else list(v)) for k, v in entities.items()}
    return UserTurn(text, intent, 0.99, values)


def conversation(*turns: UserTurn, slots: dict[str, object] | None = None,
                 bot: list[str] | None = None, shown: list[list[str]] | None = None,
                 marks: list[str] | None = None) -> Turn:
    """The last of ``turns`` in the context of the ones before it (``shown``: the product
    lists JIMI showed, ``marks``: what it did once, as the tracker keeps them)."""
    return Turn(turns[-1], list(turns[:-1]), dict(slots or {}), list(bot or []),
                list(shown or []), list(marks or []))


def of_kind(platform: Platform, kind: str) -> list[ProductFacts]:
    """The catalogue's products of ``kind`` or a kind under it ("shoes": trainers too)."""
    return [p for p in platform.knowledge.graph.products()
            if kind in lineage(kind_of(p.name_en, p.name_zh) or "")]


def member(platform: Platform, tier: str, language: str = "en") -> Shopper:
    """A demo shopper of membership ``tier``, speaking ``language``."""
    profile = next(p for p in platform.knowledge.accounts.profiles() if p.membership == tier)
    return Shopper(profile, language)
