"""The merchant studio: its understanding on held-out requests, and a 200-banner job's wall time.

Understanding: every request of ``bench/data/studio_dev.yml`` to ``studio_dev5.yml`` (the sets
to improve against) and ``studio_test.yml`` (only ever reported; all three written blind to
the training data, and dev2 blind to the test set too) goes
through ``agents.studio.spelling``, the live studio Rasa model (``/model/parse``) and
``agents.studio.understanding``, exactly as a merchant's message does. A request is right when the studio's act (new banners, copy,
cutout or translation; a job's status, cancel or list; confirm, deny, change, help) and
every one of the ten plan keys equal the gold plan (``plan_exact_rate``, target >= 0.95);
per-key accuracy and the act's accuracy are reported beside it, per language too.

Speed: from the chat message "make 200 banners for the summer sale" (confirmed with "yes")
to all 200 files written, warm caches (a 20-banner job runs first), on this machine
(``wall_s``, target <= 20 s on 2 cores). The baseline in the same run is the
``make_banners`` tool alone rendering the same 200 items into a fresh folder
(``tool_only_s``): ``wall_s / tool_only_s`` is what the dialogue, Li Bai's copy and the job
machinery add.

    python bench/studio.py --json bench/results/studio.json
    python bench/studio.py --set dev2 --gold-intents  # the value readers alone, no Rasa
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import asyncio
import json
import tempfile
import time
from collections import defaultdict
from typing import Any

import yaml

from agents.studio.plan import PLAN_KEYS
from agents.studio.spelling import corrected
from agents.studio.understanding import ACTS, Parse, Understanding

DATA = Path(__file__).resolve().parent / "data"
# the gold sets' intent names, as the studio's acts
GOLD_ACTS: dict[str, tuple[str, str | None]] = {
    "make_banners": ("new", "banners"), "write_copy": ("new", "copy"),
    "cut_out": ("new", "cutout"), "translate_banners": ("new", "translate"),
    "job_status": ("job", "job_status"), "cancel_job": ("job", "job_cancel"),
    "list_jobs": ("job", "job_list"), "confirm": ("confirm", None), "deny": ("deny", None),
    "change_detail": ("change", None), "help": ("help", None),
}
GOLD_INTENT_AS_RASA = {"confirm": "affirm"}  # for --gold-intents
SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10",
        "test")


def load(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((DATA / f"studio_{name}.yml").read_text("utf-8"))["requests"])


def score(requests: list[dict[str, Any]], parses: list[Parse],
          understanding: Understanding) -> dict[str, Any]:
    right: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    for request, parse in zip(requests, parses):
        reading = understanding.read(parse, corrected(request["text"]))
        got = reading.plan.to_dict()
        want = {key: request["plan"].get(key) for key in PLAN_KEYS}
        act_ok = ACTS.get(reading.intent, ("other", None)) == GOLD_ACTS[request["intent"]]
        keys_ok = [got[key] == want[key] for key in PLAN_KEYS]
        for key, ok in zip(PLAN_KEYS, keys_ok):
            right[key].append(ok)
        exact = act_ok and all(keys_ok)
        for suffix in ("", f"_{request['language']}"):
            right[f"act{suffix}"].append(act_ok)
            right[f"exact{suffix}"].append(exact)
        if not exact:
            wrong = {k: (got[k], want[k]) for k, ok in zip(PLAN_KEYS, keys_ok) if not ok}
            if not act_ok:
                wrong["act"] = (reading.intent, request["intent"])
            misses.append(f"{request['text'][:70]!r}: {wrong}")
    rate = {key: round(sum(oks) / len(oks), 4) for key, oks in right.items()}
    result: dict[str, Any] = {
        "requests": len(requests), "plan_exact_rate": rate["exact"],
        "plan_exact_rate_en": rate.get("exact_en"), "plan_exact_rate_zh": rate.get("exact_zh"),
        "act_accuracy": rate["act"],
        **{f"{key}_accuracy": rate[key] for key in PLAN_KEYS},
    }
    result["misses"] = misses
    return result


def parse_all(live: Any, sets: dict[str, list[dict[str, Any]]]
              ) -> dict[str, tuple[list[Parse], float]]:
    """Rasa's reading of every request (a client of its own, on this thread's loop)."""
    from dialog.client import RasaClient

    async def run() -> dict[str, tuple[list[Parse], float]]:
        bearer = live.rasa_headers["Authorization"].split(" ", 1)[1]
        client = RasaClient(live.studio_url, 30.0, bearer=bearer)
        parsed = {}
        try:
            for name, requests in sets.items():
                started = time.perf_counter()
                parses = [Parse.of_symbols(r["text"]) or
                          Parse.from_rasa(await client.parse(corrected(r["text"])))
                          for r in requests]
                parsed[name] = (parses, (time.perf_counter() - started) / len(requests))
        finally:
            await client.aclose()
        return parsed

    return asyncio.run(run())


def banner_wall(live: Any) -> dict[str, Any]:
    """200 banners from the chat message over HTTP (as the demo merchant), after a warm-up
    job; then the tool alone on the same items."""
    import httpx

    from ui.demo_accounts import demo_tokens

    platform = live.platform
    token = next(e["token"] for e in demo_tokens(platform.settings.demo_credentials_path
                                                 ).values() if e["role"] == "merchant")
    http = httpx.Client(base_url=live.app, timeout=60,
                        headers={"Authorization": f"Bearer {token}"})

    def run(session: str, count: int) -> tuple[float, dict[str, Any]]:
        def say(text: str) -> dict[str, Any]:
            response = http.post("/v1/merchant/chat", json={"session_id": session, "text": text})
            response.raise_for_status()
            return dict(response.json())

        started = time.perf_counter()
        first = say(f"make {count} banners for the summer sale")
        reply = say("yes") if first["confirm"] else first
        if reply["job"] is None:
            raise RuntimeError(f"no job started: {first['reply']} / {reply['reply']}")
        job = reply["job"]
        while job["state"] in ("queued", "running"):
            time.sleep(0.1)
            job = http.get(f"/v1/jobs/{job['id']}").json()
        return time.perf_counter() - started, job

    try:
        run("bench-warm", 20)
        wall, job = run("bench-timed", 200)
    finally:
        http.close()
    images = [name for name in job["files"] if name.endswith(".jpg")]
    if job["state"] != "done" or len(images) != 200:
        raise RuntimeError(f"the job ended {job['state']} with {len(images)} images")
    items = [item.arguments for item in platform.jobs.store.items(job["id"])]
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        platform.registry.call("make_banners", {"items": items, "out_dir": out})
        tool_only = time.perf_counter() - started
    return {"banners": len(images), "wall_s": round(wall, 2), "tool_only_s": round(tool_only, 2),
            "wall_over_tool": round(wall / tool_only, 2)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="all",
                        help=f"all, or sets joined by commas: {','.join(SETS)}")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--gold-intents", action="store_true",
                        help="diagnostic: the gold intent instead of Rasa's (no server, no "
                             "speed run): scores the value readers alone")
    parser.add_argument("--no-speed", action="store_true", help="skip the 200-banner run")
    args = parser.parse_args(argv)
    names = list(SETS) if args.set == "all" else args.set.split(",")
    if not set(names) <= set(SETS):
        parser.error(f"--set: unknown {sorted(set(names) - set(SETS))}; known: {', '.join(SETS)}")
    sets = {name: load(name) for name in names}
    result: dict[str, Any] = {"sets": {}}
    if args.gold_intents:
        from kg.demo.catalog import build_demo_catalog
        from kg.facts import ProductFacts

        facts = [ProductFacts(id=p.id, name_en=p.name.en, name_zh=p.name.zh,
                              category=p.category, brand=p.brand, price=p.price,
                              currency=p.currency, stock=p.stock, description_en="",
                              tags=list(p.tags)) for p in build_demo_catalog().products]
        understanding = Understanding(lambda: facts)
        for name, requests in sets.items():
            parses = [Parse(GOLD_INTENT_AS_RASA.get(r["intent"], r["intent"]), 1.0)
                      for r in requests]
            result["sets"][name] = score(requests, parses, understanding)
    else:
        from bench.chat import platform_up

        with tempfile.TemporaryDirectory() as data, platform_up(Path(data)) as live:
            platform = live.platform
            understanding = Understanding(platform.knowledge.products,
                                          lambda: platform.knowledge.version)
            for name, (parses, per_parse) in parse_all(live, sets).items():
                result["sets"][name] = {**score(sets[name], parses, understanding),
                                        "parse_mean_ms": round(per_parse * 1000, 1)}
            if not args.no_speed:
                result["speed"] = banner_wall(live)
    report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return result


def report(result: dict[str, Any]) -> None:
    sets = result["sets"]
    keys = [k for k in next(iter(sets.values())) if k != "misses"]
    print(f"\nStudio understanding ({', '.join(sets)}; test is held out, never tuned on)")
    print(f"{'':<24}" + "".join(f"{name:>10}" for name in sets))
    for key in keys:
        print(f"{key:<24}" + "".join(f"{sets[name].get(key)!s:>10}" for name in sets))
    for name in SETS[:-1]:  # the test set's misses are never shown: not tuned on
        for line in sets.get(name, {}).get("misses", []):
            print(f"  {name} miss: {line}")
    if "speed" in result:
        print("\n200 banners from the chat message, warm caches")
        for key, value in result["speed"].items():
            print(f"{key:<24}{value!s:>10}")


if __name__ == "__main__":
    main()
