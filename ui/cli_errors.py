"""How the command line reports a platform error: one clear line and the error's exit code."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console

from shopmind.errors import ShopmindError

F = TypeVar("F", bound=Callable[..., Any])
console = Console(stderr=True)


def reports_errors(command: F) -> F:
    """Turns a ShopmindError into one clear line and the error's exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ShopmindError as exc:
            console.print(f"[red]error:[/red] {exc.message}", highlight=False)
            raise typer.Exit(exc.exit_code) from exc

    return wrapper  # type: ignore[return-value]
