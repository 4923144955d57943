"""The HTTP API: shopper chat, merchant chat and jobs, Rasa's action endpoint, health.

``create_app(platform)`` only wires routers; each domain error maps once to a JSON error.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from dialog.actions import ActionRequest
from kg.schema import ProfileRow
from shopmind.errors import NotAuthorised, NotFound, ShopmindError
from ui.platform import Platform

log = logging.getLogger(__name__)


class ChatIn(BaseModel):
    session_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    text: str = Field(max_length=4000)


class ChatOut(BaseModel):
    messages: list[str]
    degraded: bool
    handover_offered: bool


class MerchantChatIn(BaseModel):
    text: str = Field(max_length=2000)


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


PlatformDep = Annotated[Platform, Depends(get_platform)]


def _bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorised("send 'Authorization: Bearer <token>'")
    return token.strip()


def current_shopper(platform: PlatformDep,
                    authorization: Annotated[str | None, Header()] = None) -> ProfileRow:
    return platform.knowledge.accounts.authenticate(_bearer(authorization))


def current_merchant(platform: PlatformDep,
                     authorization: Annotated[str | None, Header()] = None) -> None:
    if _bearer(authorization) != platform.settings.merchant_token:
        raise NotAuthorised("unknown merchant token")


shopper = APIRouter(prefix="/v1", tags=["shopper"])
merchant = APIRouter(prefix="/v1", tags=["merchant"], dependencies=[Depends(current_merchant)])
system = APIRouter(tags=["system"])


@shopper.post("/chat", response_model=ChatOut)
async def chat(body: ChatIn, platform: PlatformDep,
               profile: Annotated[ProfileRow, Depends(current_shopper)]) -> ChatOut:
    reply = await platform.chat.reply(profile, body.session_id, body.text)
    return ChatOut(messages=reply.messages, degraded=reply.degraded,
                   handover_offered=reply.handover_offered)


@merchant.post("/merchant/chat")
async def merchant_chat(body: MerchantChatIn, platform: PlatformDep) -> dict[str, Any]:
    job = await run_in_threadpool(platform.jobs.submit, body.text)
    return {"reply": f"Started job {job.id}: {job.total} banners.", "job": job.__dict__}


@merchant.get("/jobs/{job_id}")
async def job_status(job_id: str, platform: PlatformDep) -> dict[str, Any]:
    return platform.jobs.get(job_id).__dict__


@merchant.get("/jobs/{job_id}/download")
async def job_download(job_id: str, platform: PlatformDep) -> FileResponse:
    path = await run_in_threadpool(platform.jobs.archive, job_id)
    return FileResponse(path, filename=f"banners-{job_id}.zip", media_type="application/zip")


@merchant.get("/tools")
async def list_tools(platform: PlatformDep) -> list[dict[str, Any]]:
    return platform.registry.describe()


@system.post("/v1/rasa/webhook")
async def rasa_webhook(body: ActionRequest, platform: PlatformDep) -> JSONResponse:
    try:
        result = await run_in_threadpool(platform.actions.run, body)
    except NotFound as exc:
        return JSONResponse({"error": exc.message, "action_name": body.next_action}, 404)
    return JSONResponse(result)


@system.get("/health")
async def health(platform: PlatformDep) -> dict[str, Any]:
    dependencies = await platform.health()
    status = "ok" if all(d["up"] for d in dependencies.values()) else "degraded"
    return {"status": status, "dependencies": dependencies}


async def _shopmind_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ShopmindError)
    return JSONResponse({"error": {"code": exc.code, "message": exc.message}}, exc.http_status)


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

    app = FastAPI(title="Shopmind", version="0.1.0", lifespan=lifespan)
    app.state.platform = platform
    for router in (shopper, merchant, system):
        app.include_router(router)
    app.add_exception_handler(ShopmindError, _shopmind_error)
    app.add_exception_handler(Exception, _unexpected_error)
    return app
