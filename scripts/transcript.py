"""Three real JIMI conversations, played through the live platform and printed as they happen.

Starts the app and the real Rasa server on 127.0.0.1 over a fresh demo catalogue (as
``bench/chat.py`` does), then plays, through ``POST /v1/chat`` and the agent API:

1. an English shopper: colours, "and in <colour>?", a comparison, "what about the other one?";
2. a Chinese shopper whose order is delayed: the notice JIMI opens with, a frustrated
   question, hand-over to a person who answers and hands back;
3. an English shopper cancelling: the form asks for the number, another shopper's order is
   refused, their own is accepted.

Every message is printed with its speaker, as the shopper (or the agent) saw it.

    python scripts/transcript.py [--out transcripts.md]
    python scripts/transcript.py --conversations scripts/shopper_conversations.yml

With ``--conversations``, plays the conversations in a YAML file instead (``title``,
``shopper``, ``turns``: a list of texts; a conversation with ``earlier`` first plays those
texts in another session of the same shopper, as a visit before this one).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import httpx
import yaml

from bench.chat import platform_up
from kg.accounts import AccountStore
from kg.graph import ProductGraph
from kg.schema import OrderRow, ProfileRow
from ui.demo_accounts import demo_tokens

Tokens = dict[str, dict[str, str]]



class Player:
    """One shopper's session; every message seen is added to ``lines``."""

    def __init__(self, app: str, tokens: Tokens, profile: ProfileRow,
                 session: str, lines: list[str]) -> None:
        self.app, self.profile, self.session, self.lines = app, profile, session, lines
        self.tokens = tokens
        self.headers = {"Authorization": f"Bearer {tokens[profile.id]['token']}"}
        self.seen = 0

    def open(self) -> None:
        body = httpx.get(f"{self.app}/v1/chat/{self.session}/messages", headers=self.headers,
                         timeout=30).raise_for_status().json()
        self._show(body["items"])

    def say(self, text: str) -> dict[str, Any]:
        self.lines.append(f"**{self.profile.name}** (shopper): {text}")
        body: dict[str, Any] = httpx.post(
            f"{self.app}/v1/chat", headers=self.headers, timeout=60,
            json={"session_id": self.session, "text": text}).raise_for_status().json()
        self._show(body["items"])
        return body

    def poll(self) -> None:
        body = httpx.get(f"{self.app}/v1/chat/{self.session}/messages?after={self.seen}",
                         headers=self.headers, timeout=30).raise_for_status().json()
        self._show(body["items"])

    def agent(self, action: str, name: str, text: str | None = None) -> None:
        key = f"{self.profile.id}.{self.session}"
        agent = next(e for e in self.tokens.values() if e["role"] == "agent" and e["name"] == name)
        body = {"text": text} if text else {}
        httpx.post(f"{self.app}/v1/agent/sessions/{key}/{action}", json=body, timeout=30,
                   headers={"Authorization": f"Bearer {agent['token']}"}).raise_for_status()
        if action != "reply":
            self.lines.append(f"*(agent API: {name} {action}s the session)*")
        self.poll()  # what the shopper's screen shows next: the agent's words, system lines

    def _show(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if item["seq"] <= self.seen:
                continue
            self.seen = item["seq"]
            if item["role"] == "shopper":  # printed as it was said
                continue
            self.lines.append(f"**{item['speaker']}** ({item['role']}): {item['text']}")


def english_products(app: str, tokens: Tokens, accounts: AccountStore, graph: ProductGraph,
                     lines: list[str]) -> None:
    footwear = sorted((p for p in graph.products() if p.category == "footwear"),
                      key=lambda p: p.id)
    first, second = footwear[0], footwear[1]
    colour = first.values("colour")[-1]
    profile = next(p for p in accounts.profiles() if p.language == "en")
    player = Player(app, tokens, profile, "transcript-en", lines)
    for text in ("hi!", f"what colours does the {first.name_en} come in?",
                 f"and in {colour}?", f"how does it compare with the {second.name_en}?",
                 "what about the other one, what colours?", "thanks, bye"):
        player.say(text)


def chinese_delayed(app: str, tokens: Tokens, accounts: AccountStore, lines: list[str]) -> None:
    profile, order = _first_order(accounts, "delayed", "zh")
    player = Player(app, tokens, profile, "transcript-zh", lines)
    player.open()
    player.say(f"我的订单{order.id}到底什么时候到？？都等了这么久了！！")
    player.say("我要找人工客服")
    player.agent("claim", "王芳")
    player.agent("reply", "王芳", f"您好，我是王芳。订单{order.id}我已加急处理，并为您补发了优惠券。")
    player.say("好的，谢谢")
    player.agent("release", "王芳")
    player.say("那配送一般要几天？")


def english_cancel(app: str, tokens: Tokens, accounts: AccountStore, lines: list[str]) -> None:
    profile, own = _first_order(accounts, "paid", "en")
    other = next(o for p in accounts.profiles() if p.id != profile.id
                 for o in accounts.orders_of(p.id))
    player = Player(app, tokens, profile, "transcript-cancel", lines)
    for text in ("I want to cancel my order", other.id, own.id, "ok thank you"):
        player.say(text)


def from_file(app: str, tokens: Tokens, accounts: AccountStore, spec: dict[str, Any],
              number: int, lines: list[str]) -> None:
    profile = accounts.profile(str(spec["shopper"]))
    if spec.get("earlier"):
        before = Player(app, tokens, profile, f"file-{number}-before", lines)
        lines.append("*(an earlier visit)*")
        for text in spec["earlier"]:
            before.say(str(text))
        lines.append("*(a new visit)*")
    player = Player(app, tokens, profile, f"file-{number}", lines)
    for text in spec["turns"]:
        player.say(str(text))


def _first_order(accounts: AccountStore, state: str, language: str
                 ) -> tuple[ProfileRow, OrderRow]:
    return next((p, o) for p in accounts.profiles() if p.language == language
                for o in accounts.orders_of(p.id) if o.state == state)


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="also write the transcripts here (Markdown)")
    parser.add_argument("--conversations", type=Path,
                        help="play the conversations of this YAML file instead")
    args = parser.parse_args(argv)
    sections: list[str] = []
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        live = stack.enter_context(platform_up(data_dir))
        settings, app = live.settings, live.app
        accounts = AccountStore(settings.catalog_dir)
        tokens = demo_tokens(settings.demo_credentials_path)
        graph = ProductGraph(settings.graph_path)  # written by the platform as it started
        graph.warm_up()
        plays: dict[str, Any] = {} if args.conversations else {
            "English: product questions in context":
                lambda lines: english_products(app, tokens, accounts, graph, lines),
            "Chinese: a delayed order, frustration, a person":
                lambda lines: chinese_delayed(app, tokens, accounts, lines),
            "English: cancelling, another shopper's order refused":
                lambda lines: english_cancel(app, tokens, accounts, lines),
        }
        if args.conversations:
            specs = yaml.safe_load(args.conversations.read_text("utf-8"))["conversations"]
            for number, spec in enumerate(specs):
                plays[str(spec["title"])] = (
                    lambda lines, spec=spec, number=number:
                    from_file(app, tokens, accounts, spec, number, lines))
        for title, play in plays.items():
            lines: list[str] = []
            play(lines)
            sections.append(f"### {title}\n\n" + "\n".join(f"- {line}" for line in lines))
    text = "\n\n".join(sections)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
