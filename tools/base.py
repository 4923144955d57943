"""What a tool is: a name, a one-line description, a Pydantic input model and a typed result.

A tool reads the product catalogue through its context (``context.catalogue``), never by
opening a store itself, so the app holds one catalogue in memory and an update is seen by
every tool at once::

    context = ToolContext(settings, catalogue=KnowledgeBase(settings))
    context.catalogue.product("fw-trail-runner").price
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel

from kg.facts import ProductFacts
from shopmind.errors import DependencyUnavailable
from shopmind.settings import Settings

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, message)`` during long work."""


class Catalogue(Protocol):
    """The product catalogue as tools read it; :class:`kg.knowledge.KnowledgeBase` is one.
    Its owner (the platform) loads and syncs it; a tool only reads it.

    ``version`` changes whenever a product is added, changed or removed, so a tool that keeps
    something built from ``products()`` knows when to build it again."""

    @property
    def version(self) -> int: ...

    def product(self, product_id: str) -> ProductFacts: ...

    def products(self) -> list[ProductFacts]: ...


class MissingCatalogue:
    """The catalogue of a context built without one: every use says how to give one."""

    version = 0

    def product(self, product_id: str) -> ProductFacts:
        raise self._error()

    def products(self) -> list[ProductFacts]:
        raise self._error()

    @staticmethod
    def _error() -> DependencyUnavailable:
        return DependencyUnavailable(
            "catalogue", "this tool context was built without one; pass it in, e.g. "
            "ToolContext(settings, catalogue=KnowledgeBase(settings))")


@dataclass
class ToolContext:
    """What every tool receives: settings, the product catalogue (shared, never a copy) and,
    for batch work, an executor (made on demand)."""

    settings: Settings
    catalogue: Catalogue = field(default_factory=MissingCatalogue, repr=False)
    executor_factory: Callable[[], Executor] | None = None
    _executor: Executor | None = field(default=None, repr=False)

    def executor(self) -> Executor:
        if self._executor is None:
            if self.executor_factory is None:
                from tools.synth.executors import create_executor

                self.executor_factory = lambda: create_executor(self.settings)
            self._executor = self.executor_factory()
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


@dataclass
class ToolResult:
    """A tool's answer: text for a person or a model, files it wrote, structured data."""

    text: str
    files: list[Path] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


class Tool(ABC):
    """A registered tool. ``__init__`` is cheap; heavy state loads in ``warm_up``."""

    name: ClassVar[str]
    description: ClassVar[str]
    input_model: ClassVar[type[BaseModel]]

    def __init__(self, context: ToolContext) -> None:
        self.context = context

    def warm_up(self) -> None:
        """Load heavy state once; must be idempotent."""

    @abstractmethod
    def run(self, inputs: Any, progress: Progress | None = None) -> ToolResult:
        """Do the work for validated ``inputs`` (an instance of ``input_model``)."""
