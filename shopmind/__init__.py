"""Shopmind core: settings and the error hierarchy shared by every layer."""

from shopmind.errors import (
    DependencyUnavailable,
    DuplicateTool,
    InvalidInput,
    NotAuthorised,
    NotFound,
    ShopmindError,
    ToolFailed,
)
from shopmind.settings import Settings

__all__ = [
    "DependencyUnavailable",
    "DuplicateTool",
    "InvalidInput",
    "NotAuthorised",
    "NotFound",
    "Settings",
    "ShopmindError",
    "ToolFailed",
]
