"""A cap on request bodies, checked before any route reads them (pure ASGI middleware).

A declared ``Content-Length`` over the cap is refused at once; a chunked body is read up to
the cap first and refused when it passes it. Either way the client gets a 413 that names
the limit. The upload routes (Gradio's, photos, catalogue files) get the (larger) upload cap.

Example::

    app.add_middleware(BodyLimit, default_bytes=1_000_000, upload_bytes=20_000_000)
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATHS = ("/gradio_api/upload", "/v1/merchant/uploads", "/v1/merchant/catalogue")


class BodyLimit:
    def __init__(self, app: ASGIApp, default_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.default_bytes = default_bytes
        self.upload_bytes = upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = self.upload_bytes if path.startswith(UPLOAD_PATHS) else self.default_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        if declared is None and _has_body(scope):
            replay = await _buffered(receive, limit)
            if replay is None:
                await _refuse(send, limit)
                return
            receive = replay
        await self.app(scope, receive, send)


async def _buffered(receive: Receive, limit: int) -> Receive | None:
    """Reads a body of unknown length up to ``limit``; a receive that replays it, or None."""
    chunks: list[bytes] = []
    seen = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        seen += len(chunks[-1])
        if seen > limit:
            return None
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _has_body(scope: Scope) -> bool:
    return scope.get("method") in ("POST", "PUT", "PATCH") and any(
        name == b"transfer-encoding" for name, _ in scope.get("headers", []))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, limit: int) -> None:
    body: dict[str, Any] = {"error": {"code": "too_large", "message":
                            f"the request body is over the limit of {limit:,} bytes"}}
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})
