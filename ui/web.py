"""The Gradio UI mounted at ``/``, behind sign-in (``ui/web_routes.py``).

Each signed-in principal sees only its own area: a shopper their own chat with JIMI, a
merchant the studio and their own jobs, a human agent the desk; merchants and agents also
see the knowledge area (a product's facts and its neighbourhood in the graph). Every handler checks the
caller's role again (Gradio's API can be called directly), and job files are linked through
routes that check the owner, never through Gradio's file route.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import gradio as gr

from dialog.conversations import BOT
from dialog.conversations import Message as DialogMessage
from shopmind.errors import Forbidden, NotAuthorised, ShopmindError
from shopmind.identity import Principal
from ui.auth import shopper_profile
from ui.desk_tab import desk_tab
from ui.knowledge_tab import knowledge_tab
from ui.platform import Platform

Message = dict[str, str]
STAFF = ("merchant", "agent")


def build_ui(platform: Platform) -> gr.Blocks:
    with gr.Blocks(title="Shopmind") as blocks:
        who = gr.Markdown("# Shopmind", elem_id="signed-in")
        with gr.Column(visible=False, elem_id="shopper-area") as shopper:
            gr.Markdown("## Chat with JIMI")
            _shopper_tab(platform)
        with gr.Column(visible=False, elem_id="merchant-area") as merchant:
            gr.Markdown("## Studio")
            _merchant_tab(platform)
        with gr.Column(visible=False, elem_id="desk-area") as desk:
            gr.Markdown("## Agent desk")
            desk_tab(platform, signed_in)
        with gr.Column(visible=False, elem_id="knowledge-area") as knowledge:
            gr.Markdown("## Knowledge")
            knowledge_tab(platform, lambda request: staff(platform, request))

        def show(request: gr.Request) -> tuple[Any, ...]:
            principal = signed_in(platform, request)
            heading = (f"# Shopmind\nSigned in as **{principal.name}** ({principal.role}) · "
                       f"[Sign out](/logout)")
            return (heading, gr.Column(visible=principal.role == "shopper"),
                    gr.Column(visible=principal.role == "merchant"),
                    gr.Column(visible=principal.role == "agent"),
                    gr.Column(visible=principal.role in STAFF))

        blocks.load(show, None, [who, shopper, merchant, desk, knowledge])
    return blocks


def signed_in(platform: Platform, request: gr.Request, role: str | None = None) -> Principal:
    """The principal behind this UI request (Gradio's auth gave its id), of ``role``."""
    principal_id = getattr(request, "username", None)
    if not principal_id:
        raise NotAuthorised("sign in first")
    principal = platform.principals.get(str(principal_id))
    if not principal.active:
        raise NotAuthorised("this account has been revoked")
    if role is not None and principal.role != role:
        raise Forbidden(f"this tab is for {role}s")
    return principal


def staff(platform: Platform, request: gr.Request) -> Principal:
    """A merchant or an agent (the knowledge area is theirs)."""
    principal = signed_in(platform, request)
    if principal.role not in STAFF:
        raise Forbidden("the knowledge area is for merchants and agents")
    return principal


def _shopper_tab(platform: Platform) -> None:
    session = gr.State(lambda: uuid.uuid4().hex[:16])
    seen = gr.State(0)  # the last message number shown
    chatbot = gr.Chatbot(label="JIMI", elem_id="jimi-chat", height=420)
    with gr.Row():
        box = gr.Textbox(placeholder="Ask about a product, an order or our policies",
                         show_label=False, elem_id="jimi-input", scale=5)
        person = gr.Button("Talk to a person", elem_id="jimi-person", scale=1)
    timer = gr.Timer(2.0)

    def profile_of(request: gr.Request) -> Any:
        return shopper_profile(signed_in(platform, request, "shopper"), platform.knowledge.accounts)

    async def send(text: str, history: list[Message], session_id: str, last: int,
                   request: gr.Request) -> tuple[list[Message], str, int]:
        history = list(history or []) + [{"role": "user", "content": text}]
        try:
            reply = await platform.chat.reply(profile_of(request), session_id, text)
        except ShopmindError as exc:
            return history + [{"role": "assistant", "content": f"⚠️ {exc.message}"}], "", last
        shown = [_shown(m) for m in reply.messages if m.role != "shopper"]
        history += [{"role": "assistant", "content": t} for t in shown or ["(no answer)"]]
        return history, "", max([last, *(m.seq for m in reply.messages)])

    async def poll(history: list[Message], session_id: str, last: int, request: gr.Request
                   ) -> tuple[list[Message], int]:
        """Agent replies and proactive notices that arrived without a shopper turn.

        JIMI's own replies arrive with ``send``; only before the first turn (``last`` 0)
        are bot messages the opening notices, so only then are they shown from here.
        """
        try:
            _, messages = await asyncio.to_thread(platform.chat.history, profile_of(request),
                                                  session_id, last)
        except ShopmindError:
            return history, last
        fresh = [m for m in messages
                 if m.role in ("agent", "system") or (m.role == "bot" and last == 0)]
        if not messages:
            return history, last
        history = list(history or []) + [{"role": "assistant", "content": _shown(m)}
                                         for m in fresh]
        return history, max(m.seq for m in messages)

    async def ask_person(session_id: str, request: gr.Request) -> None:
        await asyncio.to_thread(platform.chat.request_human, profile_of(request), session_id)

    box.submit(send, [box, chatbot, session, seen], [chatbot, box, seen])
    timer.tick(poll, [chatbot, session, seen], [chatbot, seen])
    person.click(ask_person, [session], None)


def _shown(message: DialogMessage) -> str:
    return message.text if message.speaker == BOT else f"[{message.speaker}] {message.text}"


def _merchant_tab(platform: Platform) -> None:
    request_box = gr.Textbox(value="make 20 banners for the summer sale", label="Request", lines=2,
                             elem_id="merchant-request")
    with gr.Row():
        start = gr.Button("Start job", variant="primary", elem_id="merchant-start")
        cancel = gr.Button("Cancel job", elem_id="merchant-cancel")
    current = gr.State("")
    status = gr.Markdown(elem_id="merchant-status")
    gallery = gr.Gallery(label="Banners", columns=4, height=360, object_fit="contain")

    async def run(text: str, request: gr.Request
                  ) -> AsyncIterator[tuple[str, list[str], str]]:
        try:
            owner = signed_in(platform, request, "merchant")
            job = await asyncio.to_thread(platform.jobs.submit, owner.id, text)
        except ShopmindError as exc:
            yield f"⚠️ {exc.message}", [], ""
            return
        while job.state in ("queued", "running"):
            yield f"Job `{job.id}`: {job.done}/{job.total} banners", [], job.id
            await asyncio.sleep(0.5)
            job = await asyncio.to_thread(platform.jobs.get, owner.id, job.id)
        yield _finished(job, _base_url(request)), _gallery(job, _base_url(request)), job.id

    async def stop(job_id: str, request: gr.Request) -> str:
        try:
            owner = signed_in(platform, request, "merchant")
            job = await asyncio.to_thread(platform.jobs.cancel, owner.id, job_id)
        except ShopmindError as exc:
            return f"⚠️ {exc.message}"
        return f"Job `{job.id}` cancelled; {job.done} of {job.total} banners kept."

    start.click(run, [request_box], [status, gallery, current])
    cancel.click(stop, [current], [status])


def _finished(job: Any, base: str) -> str:
    if job.state == "failed":
        return f"⚠️ job {job.id} failed: {job.error}"
    link = f"[Download the zip]({base}/ui/jobs/{job.id}/download)"
    return f"Job `{job.id}` {job.state}: {job.message} {link}"


def _gallery(job: Any, base: str) -> list[str]:
    names = [n for n in job.public()["files"] if n.endswith((".jpg", ".png"))][:12]
    return [f"{base}/ui/jobs/{job.id}/files/{name}" for name in names]


def _base_url(request: gr.Request) -> str:
    headers = getattr(request, "headers", {}) or {}
    host = headers.get("host", "127.0.0.1")
    return f"http://{host}"
