"""JIMI over whole conversations: task success on shopper conversations with checkable
expectations, played through ``POST /v1/chat`` with the real Rasa server.

The conversations (``bench/data/dialogue_dev.yml`` to ``dialogue_dev23.yml`` to improve
against, ``bench/data/dialogue_test.yml`` to report only) were written by helpers from the
demo catalogue alone, blind to JIMI's code and to each other, with what the best human agent
would say: products that must and must not be listed, facts the reply must state, the
request that must be filed, no apology where none is due. A turn succeeds when every one of
its expectations holds; a conversation when all its turns do.

Per set and language: ``conversation_success``, ``turn_success``, and ``oos_recall`` (turns
marked out of scope that Rasa read as ``out_of_scope`` or the fallback). ``--show`` prints
the failed checks of development sets only; a test set's failures are never printed. JIMI
counts days from the date the sets were written for (``--today``, default 2026-12-07, set as
``SHOPMIND_TODAY``), whatever the machine's date.

    python bench/dialogue.py --json bench/results/dialogue.json
    python bench/dialogue.py --set dev --show          # the loop to improve against
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the repo root, not bench/

import argparse
import json
import os
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx
import yaml

from shopmind import clock

DATA = Path(__file__).resolve().parent / "data"
SETS = {name: DATA / f"dialogue_{name}.yml"
        for name in ("dev", *(f"dev{n}" for n in range(2, 24)), "test")}
REPORT_ONLY = {"test"}
# the sets say "today is 2026-12-07": their "18 days late" and return windows hold that day
WRITTEN_FOR = "2026-12-07"
APOLOGY = re.compile(r"(?i)sorry about|sorry for|sorry to hear|apologi[sz]e|understand why you|"
                     r"\bi'?m (?:so |really |very )?sorry\b|\bi am sorry\b|很抱歉|非常抱歉|"
                     r"understand how (?:frustrating|annoying)|frustrat|"
                     r"非常抱歉给您|给您带来|理解您的心情|深表歉意|很抱歉让您")
OFFER = re.compile(r"(?i)connect you to a (?:person|member|human)|put you through|"
                   r"speak (?:to|with) (?:a person|someone|an agent)|human agent|"
                   r"connecting you to|转接人工|人工客服")
OUT_OF_SCOPE = {"out_of_scope", "nlu_fallback"}


@dataclass
class Outcome:
    conversation: str
    set: str
    language: str
    turns: list[bool] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    oos: list[bool] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return all(self.turns)


class Names:
    """Which catalogue products a reply names (full English or Chinese name), in order."""

    def __init__(self, products: list[dict[str, Any]]) -> None:
        names = []
        for row in products:
            for name in (row["name"]["en"], row["name"].get("zh")):
                if name:
                    names.append((name.lower(), row["id"]))
        self.names = sorted(names, key=lambda item: -len(item[0]))

    def named_in(self, text: str) -> list[str]:
        lowered, found = text.lower(), []
        for name, product_id in self.names:
            start = lowered.find(name)
            while start >= 0:
                found.append((start, product_id))
                lowered = lowered[:start] + " " * len(name) + lowered[start + len(name):]
                start = lowered.find(name)
        ordered = [pid for _, pid in sorted(found)]
        return list(dict.fromkeys(ordered))


def check(expect: dict[str, Any], text: str, named: list[str], filed: set[tuple[str, str]],
          intent: str | None) -> list[str]:
    """The expectations that do not hold for one reply (empty: the turn succeeded)."""
    failed = []
    lowered = text.lower()
    for product in expect.get("shows") or []:
        if product not in named:
            failed.append(f"shows {product}")
    if expect.get("shows_any") and not set(expect["shows_any"]) & set(named):
        failed.append(f"shows any of {expect['shows_any']}")
    for product in expect.get("not_shows") or []:
        if product in named:
            failed.append(f"not_shows {product}")
    if "only" in expect:
        extra = [p for p in named if p not in set(expect["only"] or [])]
        if extra:
            failed.append(f"only: also named {extra}")
    if expect.get("first") and (not named or named[0] != expect["first"]):
        failed.append(f"first {expect['first']} (got {named[:1]})")
    for entry in expect.get("says") or []:
        if not any(alt.strip().lower() in lowered for alt in str(entry).split("|")):
            failed.append(f"says {entry!r}")
    for entry in expect.get("not_says") or []:
        if str(entry).lower() in lowered:
            failed.append(f"not_says {entry!r}")
    if "apology" in expect and bool(APOLOGY.search(text)) != bool(expect["apology"]):
        failed.append(f"apology {expect['apology']}")
    if "offers_person" in expect and bool(OFFER.search(text)) != bool(expect["offers_person"]):
        failed.append(f"offers_person {expect['offers_person']}")
    if expect.get("files"):
        wanted = (str(expect["files"]["order"]), str(expect["files"]["kind"]))
        if wanted not in filed:
            failed.append(f"files {wanted} (filed {sorted(filed)})")
    if expect.get("out_of_scope"):
        if intent not in OUT_OF_SCOPE:
            failed.append(f"out_of_scope (read as {intent})")
        if named:
            failed.append(f"out_of_scope but named {named}")
    return failed


def load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(SETS[name].read_text("utf-8"))
    return list(data["conversations"])


def play(app: str, rasa_url: str, rasa_headers: dict[str, str], tokens: dict[str, str],
         conversations_db: Path, names: Names, set_name: str,
         conversations: list[dict[str, Any]], run: str, every_turn: bool = False
         ) -> list[Outcome]:
    outcomes = []
    with httpx.Client(timeout=60) as client:
        for conversation in conversations:
            shopper = str(conversation["shopper"])
            session = f"{set_name}-{conversation['id']}-{run}"
            outcome = Outcome(conversation["id"], set_name, conversation["language"])
            _fresh_start(conversations_db)
            for n, turn in enumerate(conversation["turns"], 1):
                response = client.post(f"{app}/v1/chat",
                                       headers={"Authorization": f"Bearer {tokens[shopper]}"},
                                       json={"session_id": session, "text": turn["text"]})
                body = response.json() if response.status_code == 200 else {"messages": []}
                text = "\n".join(body.get("messages") or [])
                expect = turn.get("expect") or {}
                intent = None
                if expect.get("out_of_scope"):
                    parse = client.post(f"{rasa_url}/model/parse", headers=rasa_headers,
                                        json={"text": turn["text"]}).raise_for_status().json()
                    intent = parse["intent"]["name"]
                    outcome.oos.append(intent in OUT_OF_SCOPE)
                failed = check(expect, text, names.named_in(text),
                               _filed(conversations_db, f"{shopper}.{session}"), intent)
                if response.status_code != 200:
                    failed.insert(0, f"HTTP {response.status_code}")
                outcome.turns.append(not failed)
                if failed or every_turn:
                    outcome.failures.append(f"  turn {n} {turn['text']!r}\n    reply: "
                                            f"{text!r}\n    failed: {failed}")
            outcomes.append(outcome)
    return outcomes


def _fresh_start(path: Path) -> None:
    """Each conversation starts as the first: no request filed and no notice sent by an
    earlier conversation of the same shopper (the sets are played one after another)."""
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        for table in ("order_requests", "notices"):
            if table in tables:
                db.execute(f"DELETE FROM {table}")


def _filed(path: Path, session_key: str) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT order_id, kind FROM order_requests WHERE session_id = ?",
                          (session_key,)).fetchall()
    return {(str(a), str(b)) for a, b in rows}


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.set].append(outcome)
        groups[f"{outcome.set}_{outcome.language}"].append(outcome)
    result: dict[str, Any] = {}
    for name, members in sorted(groups.items()):
        turns = [t for o in members for t in o.turns]
        oos = [t for o in members for t in o.oos]
        result[name] = {
            "conversations": len(members), "turns": len(turns),
            "conversation_success": round(sum(o.success for o in members) / len(members), 4),
            "turn_success": round(sum(turns) / len(turns), 4) if turns else None,
            "oos_turns": len(oos),
            "oos_recall": round(sum(oos) / len(oos), 4) if oos else None,
        }
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default=",".join(SETS),
                        help="comma list of: " + ", ".join(SETS))
    parser.add_argument("--only", default="",
                        help="comma list of conversation ids to play (development sets only)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--show", action="store_true",
                        help="print the failed checks (development sets only)")
    parser.add_argument("--every-turn", action="store_true",
                        help="with --show, print the turns that passed too")
    parser.add_argument("--label", default="this code", help="what was measured, for the JSON")
    parser.add_argument("--today", default=WRITTEN_FOR,
                        help="the day JIMI counts from (late orders, return windows); default: "
                             "the day the conversations were written for")
    args = parser.parse_args(argv)
    os.environ[clock.ENV] = args.today  # before the platform starts: its processes inherit it
    from bench.chat import _tokens, platform_up

    chosen = [s.strip() for s in args.set.split(",") if s.strip()]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shopmind-dialogue-") as tmp, \
            platform_up(Path(tmp)) as live:
        products = [json.loads(line) for line in
                    (Path(tmp) / "catalog" / "products.jsonl").read_text("utf-8").splitlines()
                    if line.strip()]
        names = Names(products)
        tokens = _tokens(live.settings)
        outcomes: list[Outcome] = []
        run = str(int(time.time()))
        only = {c.strip() for c in args.only.split(",") if c.strip()}
        for name in chosen:
            conversations = [c for c in load(name) if not only or (
                c["id"] in only and name not in REPORT_ONLY)]
            outcomes += play(live.app, live.rasa_url, live.rasa_headers, tokens,
                             live.settings.conversations_path, names, name, conversations, run,
                             args.every_turn and name not in REPORT_ONLY)
    result = {"label": args.label, "sets": summary(outcomes),
              "wall_s": round(time.perf_counter() - started, 1)}
    _print(result)
    if args.show:
        for outcome in outcomes:
            if outcome.failures and outcome.set not in REPORT_ONLY:
                print(f"\n{outcome.set} {outcome.conversation} ({outcome.language})")
                print("\n".join(outcome.failures))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return result


def _print(result: dict[str, Any]) -> None:
    print(f"\nJIMI dialogue benchmark ({result['label']}), {result['wall_s']} s")
    print(f"{'set':<10} {'convs':>6} {'turns':>6} {'conv_success':>13} {'turn_success':>13} "
          f"{'oos_recall':>11}")
    for name, row in result["sets"].items():
        oos = "-" if row["oos_recall"] is None else f"{row['oos_recall']:.3f} ({row['oos_turns']})"
        print(f"{name:<10} {row['conversations']:>6} {row['turns']:>6} "
              f"{row['conversation_success']:>13.3f} {row['turn_success'] or 0:>13.3f} {oos:>11}")


if __name__ == "__main__":
    main()
