"""Tools: every capability the agents can call, registered through the entry-point group
``shopmind.tools`` (see ``tools.registry.ToolRegistry``)."""

from tools.base import Catalogue, Progress, Tool, ToolContext, ToolResult

__all__ = ["Catalogue", "Progress", "Tool", "ToolContext", "ToolResult"]
