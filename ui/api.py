"""The HTTP API: shopper chat, the agents' desk, merchant jobs, Rasa's action endpoint, health.

``create_app(platform)`` only wires routers and the guards around them; each domain error
maps once to a JSON error. Nothing a client sees carries a filesystem path, a stack trace or
an exception's internals: those go to the log.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from dialog.actions import ActionRequest
from shopmind.errors import LimitExceeded, NotAuthorised, NotFound, ShopmindError
from ui.auth import Gate, RateLimiter, get_gate, request_token
from ui.chat_routes import PlatformDep, agents, shopper
from ui.limits import BodyLimit
from ui.merchant_routes import merchant
from ui.platform import Platform

log = logging.getLogger(__name__)
system = APIRouter(tags=["system"])
STAFF_ROLES = ("agent",)


@system.post("/v1/rasa/webhook", include_in_schema=False)
async def rasa_webhook(body: ActionRequest, platform: PlatformDep,
                       authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """Rasa's custom actions; only our Rasa holds the secret, so its shopper id is trusted."""
    if not platform.rasa_secrets.action_call_allowed(authorization):
        raise NotAuthorised("custom actions are for the platform's own Rasa server")
    try:
        result = await run_in_threadpool(platform.actions.run, body)
    except NotFound as exc:
        return JSONResponse({"error": exc.message, "action_name": body.next_action}, 404)
    return JSONResponse(result)


@system.get("/health")
async def health(request: Request, platform: PlatformDep,
                 gate: Annotated[Gate, Depends(get_gate)]) -> dict[str, Any]:
    """Up or down for each dependency; staff (human agents) also get the reasons."""
    dependencies = await platform.health()
    status = "ok" if all(d["up"] for d in dependencies.values()) else "degraded"
    caller = gate.optional(request_token(request))
    if caller is None or caller.role not in STAFF_ROLES:
        dependencies = {name: {"up": d["up"]} for name, d in dependencies.items()}
    return {"status": status, "dependencies": dependencies}


async def _shopmind_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ShopmindError)
    headers = {}
    if isinstance(exc, LimitExceeded) and exc.retry_after_s is not None:
        headers["Retry-After"] = str(int(exc.retry_after_s + 0.999))
    if exc.http_status >= 500:
        log.warning("%s: %s", type(exc).__name__, exc.message)
    return JSONResponse({"error": {"code": exc.code, "message": _public(exc)}},
                        exc.http_status, headers=headers)


def _public(exc: ShopmindError) -> str:
    """Dependency failures are told without their internals (those are in the log)."""
    if exc.http_status == 503:
        return "a service the platform needs is unavailable right now; please try again soon"
    if exc.http_status >= 500:
        return "something went wrong on our side; the error has been logged"
    return exc.message


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    message = "something went wrong on our side; the error has been logged"
    return JSONResponse({"error": {"code": "internal_error", "message": message}}, 500)


def create_app(platform: Platform) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(platform.warm_up)
        yield
        await platform.rasa.aclose()
        platform.close()

    settings = platform.settings
    app = FastAPI(title="Shopmind", version="0.1.0", lifespan=lifespan)
    app.state.platform = platform
    app.state.gate = Gate(platform.principals, RateLimiter(settings.rate_limit))
    for router in (shopper, merchant, agents, system):
        app.include_router(router)
    app.add_exception_handler(ShopmindError, _shopmind_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(BodyLimit, default_bytes=settings.max_body_bytes,
                       upload_bytes=settings.max_upload_bytes)
    return app
