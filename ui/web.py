"""The Gradio UI mounted at ``/``, behind sign-in (``ui/web_routes.py``).

Each signed-in principal sees only its own area: a shopper their own chat with JIMI (with
cards for the products JIMI's replies name), a merchant the studio in dialogue and their own
jobs (``ui/studio_tab.py``), a human agent the desk; merchants and agents also see the
knowledge area (a product's facts and its neighbourhood in the graph). Every handler checks the
caller's role again (Gradio's API can be called directly), and job files are linked through
routes that check the owner, never through Gradio's file route.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
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
from ui.product_cards import MAX_CARDS, ProductCards
from ui.studio_tab import studio_tab

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
            studio_timer = studio_tab(platform, signed_in)
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
                    gr.Column(visible=principal.role in STAFF),
                    gr.Timer(active=principal.role == "merchant"))

        blocks.load(show, None, [who, shopper, merchant, desk, knowledge, studio_timer])
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
    cards = ProductCards(platform.knowledge)
    with gr.Row():
        chatbot = gr.Chatbot(label="JIMI", elem_id="jimi-chat", height=420, scale=3)
        products = gr.HTML(elem_id="product-cards", min_height=120, scale=1)
    with gr.Row():
        box = gr.Textbox(placeholder="Ask about a product, an order or our policies",
                         show_label=False, elem_id="jimi-input", scale=5)
        photo = gr.UploadButton("Attach a photo", file_types=["image"], file_count="single",
                                elem_id="jimi-photo", scale=1)
        person = gr.Button("Talk to a person", elem_id="jimi-person", scale=1)
    timer = gr.Timer(2.0)

    def profile_of(request: gr.Request) -> Any:
        return shopper_profile(signed_in(platform, request, "shopper"), platform.knowledge.accounts)

    async def send(text: str, history: list[Message], session_id: str, last: int,
                   request: gr.Request) -> tuple[list[Message], str, int, Any]:
        """JIMI's reply in the chat, and cards for the products it names (none: no cards)."""
        history = list(history or []) + [{"role": "user", "content": text}]
        try:
            profile = profile_of(request)
            reply = await platform.chat.reply(profile, session_id, text)
        except ShopmindError as exc:
            return (history + [{"role": "assistant", "content": f"⚠️ {exc.message}"}], "",
                    last, gr.skip())
        shown = [_shown(m) for m in reply.messages if m.role != "shopper"]
        history += [{"role": "assistant", "content": t} for t in shown or ["(no answer)"]]
        listed = [platform.knowledge.product(p) for p in reply.products[:MAX_CARDS]
                  if _known(platform, p)]
        named = listed or cards.named_in([m.text for m in reply.messages if m.role == "bot"])
        return (history, "", max([last, *(m.seq for m in reply.messages)]),
                cards.html(named, profile.language))

    async def attach(upload: Any, history: list[Message], session_id: str, last: int,
                     request: gr.Request) -> tuple[list[Message], int]:
        """A photo for the conversation (a damaged item): checked, kept, acknowledged."""
        history = list(history or [])
        try:
            profile = profile_of(request)
            path = Path(upload if isinstance(upload, str) else upload.name)
            batch = await asyncio.to_thread(platform.chat_photos.save, profile.id, path.name,
                                            path.read_bytes())
            _, added = await asyncio.to_thread(platform.chat.photo_added, profile, session_id,
                                               f"{batch.id}/{batch.files[0]}")
        except ShopmindError as exc:
            return history + [{"role": "assistant", "content": f"⚠️ {exc.message}"}], last
        history += [{"role": "user" if m.role == "shopper" else "assistant",
                     "content": _shown(m)} for m in added]
        return history, max([last, *(m.seq for m in added)])

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

    box.submit(send, [box, chatbot, session, seen], [chatbot, box, seen, products])
    timer.tick(poll, [chatbot, session, seen], [chatbot, seen])
    person.click(ask_person, [session], None)
    photo.upload(attach, [photo, chatbot, session, seen], [chatbot, seen])


def _known(platform: Platform, product_id: str) -> bool:
    try:
        platform.knowledge.product(product_id)
    except ShopmindError:
        return False
    return True


def _shown(message: DialogMessage) -> str:
    return message.text if message.speaker == BOT else f"[{message.speaker}] {message.text}"
