"""The tool plugin registry.

Every tool, built-in or third-party, is a class registered under the entry-point group
``shopmind.tools``. A third-party package declares, in its ``pyproject.toml``::

    [project.entry-points."shopmind.tools"]
    shout = "my_plugin:ShoutTool"

and ``ToolRegistry.from_entry_points(context)`` finds it beside the built-in tools.
Each registered tool is also offered to LangChain as a ``StructuredTool``.

Example::

    knowledge = KnowledgeBase(settings)  # the platform's one knowledge base
    registry = ToolRegistry.from_entry_points(ToolContext(settings, catalogue=knowledge))
    result = registry.call("write_copy", {"product_id": "fw-trail-runner", "kind": "headline"})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from langchain_core.tools import StructuredTool, ToolException
from pydantic import ValidationError

from shopmind.errors import DuplicateTool, InvalidInput, NotFound, ShopmindError, ToolFailed
from tools.base import Progress, Tool, ToolContext, ToolResult

ENTRY_POINT_GROUP = "shopmind.tools"
ToolFactory = Callable[[ToolContext], Tool]


class ToolRegistry:
    """Tools by name. Built with a context (settings, executor) that every tool receives."""

    def __init__(self, context: ToolContext) -> None:
        self._context = context
        self._tools: dict[str, Tool] = {}
        self._origins: dict[str, str] = {}

    @classmethod
    def from_entry_points(
        cls, context: ToolContext, group: str = ENTRY_POINT_GROUP
    ) -> ToolRegistry:
        registry = cls(context)
        for entry_point in _sorted(entry_points(group=group)):
            registry.register(entry_point.load(), origin=_origin(entry_point))
        return registry

    def register(self, factory: ToolFactory, origin: str = "direct") -> Tool:
        tool = factory(self._context)
        if not isinstance(tool, Tool):
            raise ToolFailed(origin, f"{factory!r} did not build a Tool")
        if tool.name in self._tools:
            raise DuplicateTool(
                f"tool name {tool.name!r} is registered twice: "
                f"by {self._origins[tool.name]} and by {origin}"
            )
        self._tools[tool.name] = tool
        self._origins[tool.name] = origin
        return tool

    @property
    def context(self) -> ToolContext:
        """The context every tool of this registry runs in (settings, executor, catalogue)."""
        return self._context

    def names(self) -> list[str]:
        return sorted(self._tools)

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise NotFound(f"no tool named {name!r} (registered: {known})") from None

    def describe(self) -> list[dict[str, Any]]:
        return [
            {"name": t.name, "description": t.description, "origin": self._origins[t.name],
             "input_schema": t.input_model.model_json_schema()}
            for t in (self._tools[n] for n in self.names())
        ]

    def call(
        self, name: str, arguments: dict[str, Any], progress: Progress | None = None
    ) -> ToolResult:
        tool = self.get(name)
        try:
            inputs = tool.input_model.model_validate(arguments)
        except ValidationError as exc:
            raise InvalidInput(f"{name}: {_validation_message(exc)}") from exc
        tool.warm_up()
        try:
            return tool.run(inputs, progress)
        except ShopmindError:
            raise
        except Exception as exc:  # a plugin's own bug: report it with the tool's name
            raise ToolFailed(name, f"{type(exc).__name__}: {exc}") from exc

    def as_langchain_tools(self) -> list[StructuredTool]:
        return [self._langchain_tool(name) for name in self.names()]

    def _langchain_tool(self, name: str) -> StructuredTool:
        tool = self._tools[name]

        def invoke(**arguments: Any) -> str:
            try:
                return self.call(name, arguments).text
            except ShopmindError as exc:
                raise ToolException(exc.message) from exc

        return StructuredTool.from_function(
            func=invoke, name=name, description=tool.description,
            args_schema=tool.input_model, handle_tool_error=True,
        )


def _sorted(points: Iterable[EntryPoint]) -> list[EntryPoint]:
    return sorted(points, key=lambda ep: (ep.name, ep.value))


def _origin(entry_point: EntryPoint) -> str:
    dist = entry_point.dist.name if entry_point.dist is not None else "unknown distribution"
    return f"{dist} ({entry_point.value})"


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "input"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)

