"""One error hierarchy for the whole platform.

    ShopmindError                  base; never raised bare
    ├── InvalidInput               the caller's input is wrong (bad row, bad image, empty text)
    ├── NotFound                   an unknown product, order, job, tool or session
    ├── NotAuthorised              missing or wrong credentials
    ├── Forbidden                  a known caller asking for what its role may not do
    ├── Conflict                   the request clashes with the current state
    ├── TooLarge                   a body, upload or job over its size limit (413)
    ├── LimitExceeded              a rate or concurrency limit reached (429)
    ├── DuplicateTool              two tools registered under one name
    ├── ToolFailed                 a tool ran and failed; carries the tool's name
    └── DependencyUnavailable      Rasa, Chroma or the executor is down

Adapters map them once: the HTTP API to a JSON error with ``http_status``, the CLI to a
message with ``exit_code``, Gradio to a chat message. Library errors are wrapped at the
boundary with ``raise Mapped(msg) from exc``.
"""

from __future__ import annotations


class ShopmindError(Exception):
    """Base of every error the platform raises on purpose."""

    http_status = 500
    exit_code = 1
    code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(ShopmindError):
    http_status = 422
    exit_code = 2
    code = "invalid_input"


class NotFound(ShopmindError):
    http_status = 404
    exit_code = 3
    code = "not_found"


class NotAuthorised(ShopmindError):
    http_status = 401
    exit_code = 4
    code = "not_authorised"


class Forbidden(ShopmindError):
    """A signed-in caller whose role does not allow this (a shopper starting merchant tools)."""

    http_status = 403
    exit_code = 4
    code = "forbidden"


class TooLarge(ShopmindError):
    """A request body, upload, text or job over its configured limit; the message names it."""

    http_status = 413
    exit_code = 2
    code = "too_large"


class LimitExceeded(ShopmindError):
    """A rate limit or a concurrency limit (jobs per merchant) was reached."""

    http_status = 429
    exit_code = 9
    code = "limit_exceeded"

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Conflict(ShopmindError):
    """The request clashes with the current state (e.g. a session another agent holds)."""

    http_status = 409
    exit_code = 8
    code = "conflict"


class DuplicateTool(ShopmindError):
    exit_code = 5
    code = "duplicate_tool"


class ToolFailed(ShopmindError):
    http_status = 500
    exit_code = 6
    code = "tool_failed"

    def __init__(self, tool: str, message: str) -> None:
        super().__init__(f"{tool}: {message}")
        self.tool = tool


class DependencyUnavailable(ShopmindError):
    http_status = 503
    exit_code = 7
    code = "dependency_unavailable"

    def __init__(self, dependency: str, message: str) -> None:
        super().__init__(f"{dependency} is unavailable: {message}")
        self.dependency = dependency
