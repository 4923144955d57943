"""The plugin registry: built-ins and a simulated third-party package, through entry points."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from shopmind.errors import DuplicateTool, InvalidInput, NotFound, ToolFailed
from tests.testing import settings_for, thread_context
from tools.base import Tool, ToolContext, ToolResult
from tools.registry import ToolRegistry

PLUGIN = '''
from pydantic import BaseModel, Field
from tools.base import Tool, ToolResult

class ShoutInput(BaseModel):
    text: str = Field(min_length=1)

class ShoutTool(Tool):
    """Example: registry.call("shout", {"text": "hi"}).text == "HI!" """
    name = "shout"
    description = "Shout the text back."
    input_model = ShoutInput

    def run(self, inputs, progress=None):
        if inputs.text == "explode":
            raise RuntimeError("plugin bug")
        return ToolResult(text=inputs.text.upper() + "!")
'''


def _install_fake_distribution(root: Path, dist: str, module: str, tool_name: str) -> None:
    """What `pip install` leaves behind: the module and a dist-info with entry points."""
    (root / f"{module}.py").write_text(PLUGIN)
    info = root / f"{dist}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        textwrap.dedent(f"[shopmind.tools]\n{tool_name} = {module}:ShoutTool\n"))


@pytest.fixture
def plugin_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("shout_plugin")]:
        del sys.modules[name]


def _registry(tmp_path: Path) -> ToolRegistry:
    return ToolRegistry.from_entry_points(thread_context(settings_for(tmp_path / "var")))


def test_built_in_tools_register_through_entry_points(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    assert {"make_banners", "remove_background", "write_copy"} <= set(registry.names())
    origins = {t["name"]: t["origin"] for t in registry.describe()}
    assert origins["make_banners"].startswith("shopmind ")


def test_third_party_plugin_is_listed_and_callable(plugin_path: Path, tmp_path: Path) -> None:
    _install_fake_distribution(plugin_path, "shout_plugin", "shout_plugin", "shout")
    registry = _registry(tmp_path)
    assert "shout" in registry.names()
    assert registry.call("shout", {"text": "sale"}).text == "SALE!"
    described = {t["name"]: t for t in registry.describe()}["shout"]
    assert described["origin"].startswith("shout_plugin")
    assert described["input_schema"]["properties"]["text"]["type"] == "string"


def test_duplicate_tool_name_is_a_clear_error(plugin_path: Path, tmp_path: Path) -> None:
    _install_fake_distribution(plugin_path, "shout_plugin", "shout_plugin", "shout")
    (plugin_path / "shout_plugin_two.py").write_text(PLUGIN)
    info = plugin_path / "shout_plugin_two-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shout_plugin_two\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[shopmind.tools]\nshout2 = shout_plugin_two:ShoutTool\n")
    with pytest.raises(DuplicateTool, match="'shout' is registered twice.*shout_plugin"):
        _registry(tmp_path)


def test_invalid_arguments_name_the_field(plugin_path: Path, tmp_path: Path) -> None:
    _install_fake_distribution(plugin_path, "shout_plugin", "shout_plugin", "shout")
    registry = _registry(tmp_path)
    with pytest.raises(InvalidInput, match="shout: text"):
        registry.call("shout", {"text": ""})
    with pytest.raises(NotFound, match="no tool named 'whisper'"):
        registry.call("whisper", {})


def test_plugin_crash_becomes_tool_failed_with_its_name(plugin_path: Path, tmp_path: Path) -> None:
    _install_fake_distribution(plugin_path, "shout_plugin", "shout_plugin", "shout")
    with pytest.raises(ToolFailed, match="shout: RuntimeError: plugin bug"):
        _registry(tmp_path).call("shout", {"text": "explode"})


def test_tools_are_langchain_structured_tools(plugin_path: Path, tmp_path: Path) -> None:
    _install_fake_distribution(plugin_path, "shout_plugin", "shout_plugin", "shout")
    tools = {t.name: t for t in _registry(tmp_path).as_langchain_tools()}
    shout = tools["shout"]
    assert shout.args_schema is not None and "text" in shout.args
    assert shout.invoke({"text": "hello"}) == "HELLO!"
    # a recoverable failure goes back to the model as an observation, not an exception
    assert "plugin bug" in shout.invoke({"text": "explode"})
    assert set(tools["make_banners"].args) >= {"items", "sizes", "format"}


class _EchoInput(BaseModel):
    text: str


class _EchoTool(Tool):
    name = "echo"
    description = "Echo."
    input_model = _EchoInput

    def run(self, inputs: _EchoInput, progress: object = None) -> ToolResult:
        return ToolResult(text=inputs.text)


def test_direct_registration_rejects_duplicates(tmp_path: Path) -> None:
    registry = ToolRegistry(ToolContext(settings_for(tmp_path)))
    registry.register(_EchoTool)
    assert registry.call("echo", {"text": "x"}).text == "x"
    with pytest.raises(DuplicateTool):
        registry.register(_EchoTool)
