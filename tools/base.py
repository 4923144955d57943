"""What a tool is: a name, a one-line description, a Pydantic input model and a typed result."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel

from shopmind.settings import Settings

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, message)`` during long work."""


@dataclass
class ToolContext:
    """What every tool receives: settings and, for batch work, an executor (made on demand)."""

    settings: Settings
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
