"""The human agents' desk in the web UI: waiting sessions, a history, reply, hand back.

The agent's name on every message is the signed-in principal's, never typed in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import gradio as gr

from shopmind.errors import ShopmindError
from shopmind.identity import Principal

SignedIn = Callable[..., Principal]


def desk_tab(platform: Any, signed_in: SignedIn) -> None:
    refresh = gr.Button("Refresh the queue", elem_id="desk-refresh")
    queue = gr.Dropdown([], label="Waiting and held sessions", elem_id="desk-queue")
    history = gr.Chatbot(label="Conversation", elem_id="desk-history", height=360)
    reply = gr.Textbox(placeholder="Your reply", show_label=False, elem_id="desk-reply")
    with gr.Row():
        claim = gr.Button("Claim", elem_id="desk-claim")
        send = gr.Button("Send", variant="primary", elem_id="desk-send")
        release = gr.Button("Hand back to JIMI", elem_id="desk-release")
    status = gr.Markdown(elem_id="desk-status")

    def agent(request: gr.Request) -> Principal:
        return signed_in(platform, request, "agent")

    async def load_queue(request: gr.Request) -> Any:
        agent(request)
        sessions = await asyncio.to_thread(platform.desk.waiting)
        choices = [(f"{s['id']} ({s['mode']}{', ' + s['agent'] if s['agent'] else ''})", s["id"])
                   for s in sessions]
        return gr.Dropdown(choices=choices, value=choices[0][1] if choices else None)

    async def show(key: str | None, request: gr.Request) -> list[dict[str, str]]:
        agent(request)
        if not key:
            return []
        _, messages = await asyncio.to_thread(platform.desk.read, key)
        return [{"role": "user" if m.role == "shopper" else "assistant",
                 "content": f"[{m.speaker}] {m.text}"} for m in messages]

    def act(action: str) -> Callable[..., Any]:
        async def run(key: str | None, text: str, request: gr.Request) -> tuple[str, str]:
            if not key:
                return "Pick a session first.", text
            try:
                name = agent(request).name
                if action == "claim":
                    await asyncio.to_thread(platform.desk.claim, key, name)
                elif action == "reply":
                    await asyncio.to_thread(platform.desk.reply, key, name, text)
                    text = ""
                else:
                    await asyncio.to_thread(platform.desk.hand_back, key, name)
            except ShopmindError as exc:
                return f"⚠️ {exc.message}", text
            return f"{action}: done", text

        return run

    refresh.click(load_queue, None, [queue])
    queue.change(show, [queue], [history])
    for button, action in ((claim, "claim"), (send, "reply"), (release, "release")):
        button.click(act(action), [queue, reply], [status, reply]).then(show, [queue], [history])
