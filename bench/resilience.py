"""Resilience: shoppers and banner jobs carry on while Rasa is killed and restarted.

Starts the real platform on 127.0.0.1 (app, Rasa and the app's Rasa supervisor) over a fresh
demo catalogue, then runs ``--sessions`` concurrent shopper sessions of ``--turns`` turns
(English and Chinese, with think time) and two banner jobs, and kills Rasa's process group
with SIGKILL ``--kill-after`` seconds in. Reported:

* ``requests``, ``errors_5xx`` (target 0), ``degraded_replies`` (the polite answer while Rasa
  is away), ``outage_s`` (kill until the supervisor's Rasa answers again);
* ``lost_messages`` (target 0): every shopper message sent and every reply received that is
  missing from the conversation store;
* ``job_items_redone`` (target 0): banners whose file was written more than once (each file's
  first modification time is watched while the jobs run), ``jobs_done``;
* ``p50_ms``/``p99_ms`` of turns wholly outside the outage (the banner jobs render on the
  same two cores meanwhile), ``p50_ms_after_jobs`` of those after both jobs finished, and
  ``outage_p50_ms`` (the degraded reply's speed).

    python bench/resilience.py --json bench/results/resilience.json
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.chat import LivePlatform, _tokens, percentile, platform_up

TARGETS = {"errors_5xx": 0, "lost_messages": 0, "job_items_redone": 0}
THINK_S = (2.0, 6.0)  # seconds between a reply and the next message


@dataclass
class Turn:
    session: str
    text: str
    started: float
    ended: float
    status: int
    degraded: bool
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Outage:
    killed_at: float | None = None
    back_at: float | None = None

    def overlaps(self, turn: Turn) -> bool:
        if self.killed_at is None:
            return False
        back = self.back_at if self.back_at is not None else float("inf")
        return turn.started < back and turn.ended > self.killed_at


def shopper_texts(live: LivePlatform, language: str, rng: random.Random, n: int) -> list[str]:
    products = sorted(live.platform.knowledge.graph.products(), key=lambda p: p.id)
    product = rng.choice(products)
    if language == "zh":
        pool = ["你好", f"{product.name_zh or product.name_en}有哪些颜色？", "多少钱？",
                "退货政策是什么？", "我的订单到哪了？", "配送要几天？", "有没有防水的鞋？", "谢谢"]
    else:
        pool = ["hi", f"what colours does the {product.name_en} come in?", "how much is it?",
                "what's your return policy?", "where is my order?", "how long does delivery take?",
                "do you have waterproof shoes?", "thanks"]
    return [pool[i % len(pool)] if i < len(pool) else rng.choice(pool) for i in range(n)]


async def session_run(client: httpx.AsyncClient, live: LivePlatform, token: str, name: str,
                      texts: list[str], rng: random.Random, turns: list[Turn]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    for text in texts:
        await asyncio.sleep(rng.uniform(*THINK_S))  # a person reads and types
        started = time.monotonic()
        try:
            response = await client.post(f"{live.app}/v1/chat", headers=headers,
                                         json={"session_id": name, "text": text})
            body = response.json() if response.status_code == 200 else {}
            status = response.status_code
        except httpx.HTTPError:
            body, status = {}, 599
        turns.append(Turn(name, text, started, time.monotonic(), status,
                          bool(body.get("degraded")), list(body.get("items") or [])))


def kill_rasa_later(live: LivePlatform, after_s: float, outage: Outage) -> threading.Thread:
    def run() -> None:
        time.sleep(after_s)
        restarts = live.supervisor.restarts
        outage.killed_at = time.monotonic()
        os.killpg(live.rasa.pid, signal.SIGKILL)
        while not (live.supervisor.restarts > restarts and live.rasa.responsive()):
            time.sleep(0.2)
        outage.back_at = time.monotonic()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def start_jobs(live: LivePlatform, headers: dict[str, str], banners: int) -> list[str]:
    ids = []
    for campaign in ("summer sale", "autumn launch"):
        response = httpx.post(f"{live.app}/v1/merchant/chat", headers=headers, timeout=60,
                              json={"text": f"make {banners} banners 800x800 for the {campaign}"})
        response.raise_for_status()
        ids.append(response.json()["job"]["id"])
    return ids


def watch_files(folder: Path, stop: threading.Event, writes: dict[str, set[int]]) -> None:
    """Every modification time each banner file has had while the jobs ran."""
    while not stop.is_set():
        for path in folder.rglob("*.jpg"):
            with contextlib.suppress(FileNotFoundError):
                writes.setdefault(str(path), set()).add(path.stat().st_mtime_ns)
        stop.wait(0.2)


def wait_jobs(live: LivePlatform, headers: dict[str, str], ids: list[str],
              timeout_s: float = 900) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout_s
    while True:
        jobs = [httpx.get(f"{live.app}/v1/jobs/{i}", headers=headers, timeout=30).json()
                for i in ids]
        if all(j["state"] not in ("queued", "running") for j in jobs):
            return jobs
        if time.monotonic() > deadline:
            return jobs
        time.sleep(0.5)


def lost_messages(live: LivePlatform, shoppers: dict[str, str], turns: list[Turn]) -> int:
    """Messages a client sent or was shown that the conversation store does not hold."""
    lost = 0
    store = live.platform.conversations
    for name, shopper_id in shoppers.items():
        stored = store.history(f"{shopper_id}.{name}")
        said = [m.text for m in stored if m.role == "shopper"]
        sent = [t.text for t in sorted(turns, key=lambda t: t.started)
                if t.session == name and t.status == 200]
        lost += max(0, len(sent) - len(said)) + sum(1 for a, b in zip(sent, said) if a != b)
        kept = {(m.seq, m.text) for m in stored}
        shown = [(i["seq"], i["text"]) for t in turns if t.session == name for i in t.items]
        lost += sum(1 for item in shown if item not in kept)
    return lost


def measure(live: LivePlatform, sessions: int, turns_each: int, banners: int,
            kill_after_s: float) -> dict[str, Any]:
    tokens = _tokens(live.settings)
    merchant = next(e for e in _entries(live) if e["role"] == "merchant")
    merchant_headers = {"Authorization": f"Bearer {merchant['token']}"}
    rng = random.Random(13)
    shopper_ids = sorted(tokens)
    shoppers = {f"res{n}": shopper_ids[n % len(shopper_ids)] for n in range(sessions)}
    writes: dict[str, set[int]] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch_files, daemon=True,
                               args=(live.settings.jobs_dir, stop, writes))
    watcher.start()
    job_ids = start_jobs(live, merchant_headers, banners)
    outage = Outage()
    killer = kill_rasa_later(live, kill_after_s, outage)
    turns: list[Turn] = []
    jobs: list[dict[str, Any]] = []
    finished: list[float] = []
    waiter = threading.Thread(daemon=True, target=lambda: (
        jobs.extend(wait_jobs(live, merchant_headers, job_ids)), finished.append(time.monotonic())))
    waiter.start()
    started = time.monotonic()
    asyncio.run(_all_sessions(live, tokens, shoppers, turns_each, rng, turns))
    chat_wall = time.monotonic() - started
    waiter.join(timeout=900)
    killer.join(timeout=300)
    stop.set()
    watcher.join(timeout=5)
    result = _summary(live, shoppers, turns, outage, jobs, writes, chat_wall)
    idle = [(t.ended - t.started) * 1000 for t in turns
            if not outage.overlaps(t) and finished and t.started > finished[0]]
    result["p50_ms_after_jobs"] = round(percentile(idle, 50), 1) if idle else None
    result["p99_ms_after_jobs"] = round(percentile(idle, 99), 1) if idle else None
    result["turns_after_jobs"] = len(idle)
    return result


async def _all_sessions(live: LivePlatform, tokens: dict[str, str], shoppers: dict[str, str],
                        turns_each: int, rng: random.Random, turns: list[Turn]) -> None:
    limits = httpx.Limits(max_connections=len(shoppers))
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        await asyncio.gather(*(
            session_run(client, live, tokens[shopper], name,
                        shopper_texts(live, "zh" if n % 2 else "en", rng, turns_each),
                        random.Random(n), turns)
            for n, (name, shopper) in enumerate(shoppers.items())))


def _summary(live: LivePlatform, shoppers: dict[str, str], turns: list[Turn], outage: Outage,
             jobs: list[dict[str, Any]], writes: dict[str, set[int]],
             chat_wall: float) -> dict[str, Any]:
    calm = [(t.ended - t.started) * 1000 for t in turns if not outage.overlaps(t)]
    result_turns = {"turns_outside_outage": len(calm)}
    stormy = [(t.ended - t.started) * 1000 for t in turns if outage.overlaps(t)]
    outage_s = ((outage.back_at or time.monotonic()) - outage.killed_at
                if outage.killed_at else 0.0)
    return {
        "sessions": len(shoppers), "requests": len(turns),
        "errors_5xx": sum(t.status >= 500 for t in turns),
        "other_errors": sum(t.status != 200 and t.status < 500 for t in turns),
        "degraded_replies": sum(t.degraded for t in turns),
        "lost_messages": lost_messages(live, shoppers, turns),
        "outage_s": round(outage_s, 1), "rasa_restarts": live.supervisor.restarts,
        **result_turns,
        "p50_ms": round(percentile(calm, 50), 1), "p99_ms": round(percentile(calm, 99), 1),
        "outage_p50_ms": round(percentile(stormy, 50), 1) if stormy else None,
        "chat_wall_s": round(chat_wall, 1),
        "jobs_done": sum(j["state"] == "done" for j in jobs), "jobs": len(jobs),
        "job_banners": sum(j["done"] for j in jobs),
        "job_items_redone": sum(len(mtimes) > 1 for mtimes in writes.values()),
    }


def _entries(live: LivePlatform) -> list[dict[str, str]]:
    from ui.demo_accounts import demo_tokens

    return list(demo_tokens(live.settings.demo_credentials_path).values())


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--banners", type=int, default=40, help="banners in each of two jobs")
    parser.add_argument("--kill-after", type=float, default=20.0, help="seconds into the run")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        live = stack.enter_context(platform_up(data_dir, supervise=True))
        result = measure(live, args.sessions, args.turns, args.banners, args.kill_after)
    result["target_met"] = {k: result[k] <= v for k, v in TARGETS.items()}
    _print(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return result


def _print(result: dict[str, Any]) -> None:
    print(f"\nResilience: {result['sessions']} sessions, Rasa killed once "
          f"({result['outage_s']} s outage), {result['jobs']} banner jobs")
    width = max(len(k) for k in result) + 2
    print(f"{'key':<{width}}{'value':>10}  {'target':>6}  met")
    for key, value in result.items():
        if key == "target_met":
            continue
        met = result["target_met"].get(key, "")
        print(f"{key:<{width}}{value!s:>10}  {TARGETS.get(key, '')!s:>6}  {met}")


if __name__ == "__main__":
    main()
