"""The Gradio UI mounted at ``/``: a shopper chat (through Rasa, like ``POST /v1/chat``)
and a merchant tab that turns a request into a banner job with progress."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import gradio as gr

from dialog.conversations import BOT
from dialog.conversations import Message as DialogMessage
from shopmind.errors import ShopmindError
from ui.platform import Platform

Message = dict[str, str]


def build_ui(platform: Platform) -> gr.Blocks:
    with gr.Blocks(title="Shopmind") as blocks:
        gr.Markdown("# Shopmind")
        with gr.Tab("Shopper"):
            _shopper_tab(platform)
        with gr.Tab("Merchant"):
            _merchant_tab(platform)
    return blocks


def _shopper_tab(platform: Platform) -> None:
    profiles = platform.knowledge.accounts.profiles()
    choices = [(f"{p.name} ({p.membership}, {p.region})", p.id) for p in profiles]
    shopper = gr.Dropdown(choices, value=choices[0][1] if choices else None, label="Signed in as")
    session = gr.State(lambda: uuid.uuid4().hex[:16])
    seen = gr.State(0)  # the last message number shown
    chatbot = gr.Chatbot(label="JIMI", elem_id="jimi-chat", height=420)
    with gr.Row():
        box = gr.Textbox(placeholder="Ask about a product, an order or our policies",
                         show_label=False, elem_id="jimi-input", scale=5)
        person = gr.Button("Talk to a person", elem_id="jimi-person", scale=1)
    timer = gr.Timer(2.0)

    async def send(text: str, history: list[Message], shopper_id: str, session_id: str,
                   last: int) -> tuple[list[Message], str, int]:
        history = list(history or []) + [{"role": "user", "content": text}]
        try:
            profile = platform.knowledge.accounts.profile(shopper_id)
            reply = await platform.chat.reply(profile, session_id, text)
        except ShopmindError as exc:
            return history + [{"role": "assistant", "content": f"⚠️ {exc.message}"}], "", last
        shown = [_shown(m) for m in reply.messages if m.role != "shopper"]
        history += [{"role": "assistant", "content": t} for t in shown or ["(no answer)"]]
        return history, "", max([last, *(m.seq for m in reply.messages)])

    async def poll(history: list[Message], shopper_id: str, session_id: str, last: int
                   ) -> tuple[list[Message], int]:
        """Agent replies and proactive notices that arrived without a shopper turn.

        JIMI's own replies arrive with ``send``; only before the first turn (``last`` 0)
        are bot messages the opening notices, so only then are they shown from here.
        """
        try:
            profile = platform.knowledge.accounts.profile(shopper_id)
            _, messages = await asyncio.to_thread(platform.chat.history, profile, session_id,
                                                  last)
        except ShopmindError:
            return history, last
        fresh = [m for m in messages
                 if m.role in ("agent", "system") or (m.role == "bot" and last == 0)]
        if not messages:
            return history, last
        history = list(history or []) + [{"role": "assistant", "content": _shown(m)}
                                         for m in fresh]
        return history, max(m.seq for m in messages)

    async def ask_person(shopper_id: str, session_id: str) -> None:
        profile = platform.knowledge.accounts.profile(shopper_id)
        await asyncio.to_thread(platform.chat.request_human, profile, session_id)

    box.submit(send, [box, chatbot, shopper, session, seen], [chatbot, box, seen])
    timer.tick(poll, [chatbot, shopper, session, seen], [chatbot, seen])
    person.click(ask_person, [shopper, session], None)


def _shown(message: DialogMessage) -> str:
    return message.text if message.speaker == BOT else f"[{message.speaker}] {message.text}"


def _merchant_tab(platform: Platform) -> None:
    request = gr.Textbox(value="make 20 banners for the summer sale", label="Request",
                         elem_id="merchant-request")
    start = gr.Button("Start job", variant="primary")
    status = gr.Markdown(elem_id="merchant-status")
    gallery = gr.Gallery(label="Banners", columns=4, height=360, object_fit="contain")
    download = gr.File(label="Download (zip)")

    async def run(text: str) -> AsyncIterator[tuple[str, list[str], Any]]:
        try:
            job = await asyncio.to_thread(platform.jobs.submit, text)
        except ShopmindError as exc:
            yield f"⚠️ {exc.message}", [], None
            return
        while job.state in ("queued", "running"):
            yield f"Job `{job.id}`: {job.done}/{job.total} banners", [], None
            await asyncio.sleep(0.5)
            job = platform.jobs.get(job.id)
        if job.state == "failed":
            yield f"⚠️ job {job.id} failed: {job.error}", [], None
            return
        images = sorted(str(p) for p in Path(job.out_dir).glob("*.jpg"))[:12]
        archive = await asyncio.to_thread(platform.jobs.archive, job.id)
        yield f"Job `{job.id}` done: {job.message}", images, str(archive)

    start.click(run, [request], [status, gallery, download])
