"""The HTTP API: shopper chat, merchant chat and jobs, Rasa's action endpoint, health.

``create_app(platform)`` only wires routers; each domain error maps once to a JSON error.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from dialog.actions import ActionRequest
from dialog.conversations import Message
from kg.schema import ProfileRow
from shopmind.errors import NotAuthorised, NotFound, ShopmindError
from ui.platform import Platform

log = logging.getLogger(__name__)


class ChatIn(BaseModel):
    session_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    text: str = Field(max_length=4000)


class MessageOut(BaseModel):
    seq: int
    role: str = Field(description="shopper, bot, agent or system")
    speaker: str = Field(description="who is talking: JIMI, an agent's name, the shopper")
    text: str


class ChatOut(BaseModel):
    messages: list[str] = Field(description="the texts shown to the shopper for this turn")
    items: list[MessageOut]
    mode: str = Field(description="bot, waiting (for a person) or agent")
    agent: str | None = None
    degraded: bool
    handover_offered: bool
    frustration: list[str] = Field(default_factory=list)


class HistoryOut(BaseModel):
    session_id: str
    mode: str
    agent: str | None = None
    items: list[MessageOut]


class AgentIn(BaseModel):
    agent: str = Field(min_length=1, max_length=64)


class AgentReplyIn(AgentIn):
    text: str = Field(max_length=4000)


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


def current_agent(platform: PlatformDep,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    if _bearer(authorization) != platform.settings.agent_token:
        raise NotAuthorised("unknown agent token")


def current_merchant(platform: PlatformDep,
                     authorization: Annotated[str | None, Header()] = None) -> None:
    if _bearer(authorization) != platform.settings.merchant_token:
        raise NotAuthorised("unknown merchant token")


shopper = APIRouter(prefix="/v1", tags=["shopper"])
merchant = APIRouter(prefix="/v1", tags=["merchant"], dependencies=[Depends(current_merchant)])
agents = APIRouter(prefix="/v1/agent", tags=["human agents"],
                   dependencies=[Depends(current_agent)])
system = APIRouter(tags=["system"])
ShopperDep = Annotated[ProfileRow, Depends(current_shopper)]
SessionId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
SessionKey = Annotated[str, Path(min_length=3, max_length=140)]


def _items(messages: list[Message]) -> list[MessageOut]:
    return [MessageOut(seq=m.seq, role=m.role, speaker=m.speaker, text=m.text) for m in messages]


@shopper.post("/chat", response_model=ChatOut)
async def chat(body: ChatIn, platform: PlatformDep, profile: ShopperDep) -> ChatOut:
    reply = await platform.chat.reply(profile, body.session_id, body.text)
    return ChatOut(messages=reply.texts, items=_items(reply.messages), mode=reply.mode,
                   agent=reply.agent, degraded=reply.degraded,
                   handover_offered=reply.handover_offered, frustration=reply.frustration)


@shopper.get("/chat/{session_id}/messages", response_model=HistoryOut)
async def chat_messages(session_id: SessionId, platform: PlatformDep, profile: ShopperDep,
                        after: Annotated[int, Query(ge=0)] = 0) -> HistoryOut:
    """New messages since ``after`` (agent replies, proactive notices); opens the session."""
    session, messages = await run_in_threadpool(platform.chat.history, profile, session_id, after)
    return HistoryOut(session_id=session_id, mode=session.mode, agent=session.agent,
                      items=_items(messages))


@shopper.post("/chat/{session_id}/handover", response_model=HistoryOut)
async def chat_handover(session_id: SessionId, platform: PlatformDep,
                        profile: ShopperDep) -> HistoryOut:
    """The shopper asks for a person directly (a button in the UI)."""
    session = await run_in_threadpool(platform.chat.request_human, profile, session_id)
    return HistoryOut(session_id=session_id, mode=session.mode, agent=session.agent, items=[])


@agents.get("/sessions")
async def agent_sessions(platform: PlatformDep) -> list[dict[str, Any]]:
    """Sessions waiting for a person or held by one, longest waiting first."""
    return await run_in_threadpool(platform.desk.waiting)


@agents.get("/sessions/{session_key}", response_model=HistoryOut)
async def agent_read(session_key: SessionKey, platform: PlatformDep,
                     after: Annotated[int, Query(ge=0)] = 0) -> HistoryOut:
    session, messages = await run_in_threadpool(platform.desk.read, session_key, after)
    return HistoryOut(session_id=session.id, mode=session.mode, agent=session.agent,
                      items=_items(messages))


@agents.post("/sessions/{session_key}/claim")
async def agent_claim(session_key: SessionKey, body: AgentIn,
                      platform: PlatformDep) -> dict[str, Any]:
    session = await run_in_threadpool(platform.desk.claim, session_key, body.agent)
    return session.to_dict()


@agents.post("/sessions/{session_key}/reply", response_model=MessageOut)
async def agent_reply(session_key: SessionKey, body: AgentReplyIn,
                      platform: PlatformDep) -> MessageOut:
    message = await run_in_threadpool(platform.desk.reply, session_key, body.agent, body.text)
    return _items([message])[0]


@agents.post("/sessions/{session_key}/release")
async def agent_release(session_key: SessionKey, body: AgentIn,
                        platform: PlatformDep) -> dict[str, Any]:
    """Hand the conversation back to JIMI."""
    session = await run_in_threadpool(platform.desk.hand_back, session_key, body.agent)
    return session.to_dict()


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
    for router in (shopper, merchant, agents, system):
        app.include_router(router)
    app.add_exception_handler(ShopmindError, _shopmind_error)
    app.add_exception_handler(Exception, _unexpected_error)
    return app
