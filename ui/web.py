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
    chatbot = gr.Chatbot(label="JIMI", elem_id="jimi-chat", height=420)
    box = gr.Textbox(placeholder="Ask about a product, an order or our policies",
                     show_label=False, elem_id="jimi-input")

    async def send(text: str, history: list[Message], shopper_id: str, session_id: str
                   ) -> tuple[list[Message], str]:
        history = list(history or []) + [{"role": "user", "content": text}]
        for reply in await _reply(platform, shopper_id, session_id, text):
            history.append({"role": "assistant", "content": reply})
        return history, ""

    box.submit(send, [box, chatbot, shopper, session], [chatbot, box])


async def _reply(platform: Platform, shopper_id: str, session_id: str, text: str) -> list[str]:
    try:
        profile = platform.knowledge.accounts.profile(shopper_id)
        reply = await platform.chat.reply(profile, session_id, text)
    except ShopmindError as exc:
        return [f"⚠️ {exc.message}"]
    shown = [m.text if m.speaker == BOT else f"[{m.speaker}] {m.text}"
             for m in reply.messages if m.role != "shopper"]
    return shown or ["(no answer)"]


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
