"""Shopper chat and the human agents' desk. Identity comes from the token, never the body."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from dialog.conversations import Message
from kg.schema import ProfileRow
from shopmind.errors import InvalidInput
from shopmind.identity import Principal
from ui.auth import require, shopper_profile
from ui.platform import Platform


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
    products: list[str] = Field(default_factory=list,
                                description="ids of the products the reply lists, in order "
                                            "(what 'the first one' refers to next)")


class HistoryOut(BaseModel):
    session_id: str
    mode: str
    agent: str | None = None
    items: list[MessageOut]


class AgentReplyIn(BaseModel):
    text: str = Field(max_length=4000)


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


PlatformDep = Annotated[Platform, Depends(get_platform)]
AgentDep = Annotated[Principal, Depends(require("agent"))]


def current_shopper(platform: PlatformDep,
                    principal: Annotated[Principal, Depends(require("shopper"))]) -> ProfileRow:
    return shopper_profile(principal, platform.knowledge.accounts)


ShopperDep = Annotated[ProfileRow, Depends(current_shopper)]
SessionId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
SessionKey = Annotated[str, Path(min_length=3, max_length=140)]
shopper = APIRouter(prefix="/v1", tags=["shopper"])
agents = APIRouter(prefix="/v1/agent", tags=["human agents"])


def items_of(messages: list[Message]) -> list[MessageOut]:
    return [MessageOut(seq=m.seq, role=m.role, speaker=m.speaker, text=m.text) for m in messages]


@shopper.post("/chat", response_model=ChatOut)
async def chat(body: ChatIn, platform: PlatformDep, profile: ShopperDep) -> ChatOut:
    reply = await platform.chat.reply(profile, body.session_id, body.text)
    return ChatOut(messages=reply.texts, items=items_of(reply.messages), mode=reply.mode,
                   agent=reply.agent, degraded=reply.degraded,
                   handover_offered=reply.handover_offered, frustration=reply.frustration,
                   products=reply.products)


@shopper.get("/chat/{session_id}/messages", response_model=HistoryOut)
async def chat_messages(session_id: SessionId, platform: PlatformDep, profile: ShopperDep,
                        after: Annotated[int, Query(ge=0, le=10**9)] = 0) -> HistoryOut:
    """New messages since ``after`` (agent replies, proactive notices); opens the session."""
    session, messages = await run_in_threadpool(platform.chat.history, profile, session_id, after)
    return HistoryOut(session_id=session_id, mode=session.mode, agent=session.agent,
                      items=items_of(messages))


@shopper.post("/chat/{session_id}/photos", response_model=HistoryOut)
async def chat_photo(session_id: SessionId, file: UploadFile, platform: PlatformDep,
                     profile: ShopperDep) -> HistoryOut:
    """A photo for the conversation (a damaged or wrong item): one image, checked like every
    upload, kept for this shopper and shown in the conversation to the team."""
    name = file.filename or "photo"
    if name.lower().endswith(".zip"):
        raise InvalidInput("attach one photo at a time, not a zip")
    data = await file.read(platform.settings.max_upload_bytes + 1)
    batch = await run_in_threadpool(platform.chat_photos.save, profile.id, name, data)
    session, added = await run_in_threadpool(platform.chat.photo_added, profile, session_id,
                                             f"{batch.id}/{batch.files[0]}")
    return HistoryOut(session_id=session_id, mode=session.mode, agent=session.agent,
                      items=items_of(added))


@shopper.post("/chat/{session_id}/handover", response_model=HistoryOut)
async def chat_handover(session_id: SessionId, platform: PlatformDep,
                        profile: ShopperDep) -> HistoryOut:
    """The shopper asks for a person directly (a button in the UI)."""
    session = await run_in_threadpool(platform.chat.request_human, profile, session_id)
    return HistoryOut(session_id=session_id, mode=session.mode, agent=session.agent, items=[])


@agents.get("/sessions")
async def agent_sessions(platform: PlatformDep, agent: AgentDep) -> list[dict[str, Any]]:
    """Sessions waiting for a person or held by one, longest waiting first."""
    return await run_in_threadpool(platform.desk.waiting)


@agents.get("/sessions/{session_key}", response_model=HistoryOut)
async def agent_read(session_key: SessionKey, platform: PlatformDep, agent: AgentDep,
                     after: Annotated[int, Query(ge=0, le=10**9)] = 0) -> HistoryOut:
    session, messages = await run_in_threadpool(platform.desk.read, session_key, after)
    return HistoryOut(session_id=session.id, mode=session.mode, agent=session.agent,
                      items=items_of(messages))


@agents.post("/sessions/{session_key}/claim")
async def agent_claim(session_key: SessionKey, platform: PlatformDep,
                      agent: AgentDep) -> dict[str, Any]:
    """The signed-in agent takes the session; the name shown is the token's."""
    session = await run_in_threadpool(platform.desk.claim, session_key, agent.name)
    return session.to_dict()


@agents.post("/sessions/{session_key}/reply", response_model=MessageOut)
async def agent_reply(session_key: SessionKey, body: AgentReplyIn, platform: PlatformDep,
                      agent: AgentDep) -> MessageOut:
    message = await run_in_threadpool(platform.desk.reply, session_key, agent.name, body.text)
    return items_of([message])[0]


@agents.post("/sessions/{session_key}/release")
async def agent_release(session_key: SessionKey, platform: PlatformDep,
                        agent: AgentDep) -> dict[str, Any]:
    """Hand the conversation back to JIMI."""
    session = await run_in_threadpool(platform.desk.hand_back, session_key, agent.name)
    return session.to_dict()
