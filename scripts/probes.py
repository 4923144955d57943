"""An outsider's probes against a running Shopmind (issue 13): does each one get through?

The probes know only what is public: the source code (its default credentials, the old way
shopper tokens were computed, the data directory's layout) and the default ports. Each one
is a single HTTP request (probe 9b makes two) and becomes one row: the probe, the request,
the status code and whether it got through, with a one-line reason.

    python scripts/probes.py --app http://127.0.0.1:8000 --rasa http://127.0.0.1:5005 \\
        [--data-dir var] [--json probes.json]

The exit code is 0 whatever the probes find; an unreachable server shows as status "-".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

TIMEOUT_S = 15.0
DEMO_SEED = 7  # kg/demo/catalog.py before the security work: sha256(f"{seed}:{id}")[:32]
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var"
ORDER_NUMBER = re.compile(r"SM-[A-Za-z0-9-]+")
PATH_IN_TEXT = re.compile(r"/[A-Za-z]")
BIG_BODY_BYTES = 5 * 1024 * 1024


@dataclass
class ProbeResult:
    probe: str
    request: str
    status: int | None
    through: bool
    reason: str


@dataclass
class Target:
    app: str
    rasa: str
    data_dir: Path


def shopper_token(shopper_id: str, seed: int = DEMO_SEED) -> str:
    """The shopper token the old demo catalogue derived from public inputs."""
    return hashlib.sha256(f"{seed}:{shopper_id}".encode()).hexdigest()[:32]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def forged_action_body() -> dict[str, Any]:
    """A tracker as our Rasa would send it, naming shopper u002 in the message metadata.

    ``latest_message`` repeats the user event, as Rasa's does: the old action code reads the
    turn's intent from it (an empty one makes JIMI answer its fallback, not the order)."""
    message = {"text": "where is my order?",
               "intent": {"name": "order_status", "confidence": 1.0}, "entities": [],
               "metadata": {"shopper_id": "u002"}}
    event = {"event": "user", "text": message["text"],
             "parse_data": {"intent": message["intent"], "entities": []},
             "metadata": message["metadata"]}
    tracker = {"sender_id": "u002.probe", "slots": {}, "latest_message": message,
               "events": [event]}
    return {"next_action": "action_jimi", "sender_id": "u002.probe", "version": "3.6.21",
            "domain": {}, "tracker": tracker}


def short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def refused(response: httpx.Response) -> str:
    return f"refused: {short(response.text, 70) or response.reason_phrase}"


class Prober:
    """Runs each probe once with one client; a request that gets no answer is a row too."""

    def __init__(self, target: Target, client: httpx.Client) -> None:
        self.target = target
        self.client = client
        self.merchant_job: str | None = None  # a job id, once the default token started one

    def send(self, probe: str, method: str, url: str, judge: Callable[[httpx.Response],
             tuple[bool, str]], **kwargs: Any) -> ProbeResult:
        where = url.replace(self.target.app, "{app}").replace(self.target.rasa, "{rasa}")
        shown = f"{method} {where}"
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            return ProbeResult(probe, shown, None, False, f"no answer: {type(exc).__name__}")
        through, reason = judge(response)
        return ProbeResult(probe, shown, response.status_code, through, reason)

    def all(self) -> list[ProbeResult]:
        return [self.forged_action(), self.computed_token(), self.agent_token(),
                self.merchant_token(), self.rasa_tracker(), self.rasa_parse(),
                self.rasa_rest_channel(), self.web_ui(), self.gradio_config(),
                self.catalogue_file(), self.job_file(), self.health_paths(), self.big_body()]

    def forged_action(self) -> ProbeResult:
        def judge(response: httpx.Response) -> tuple[bool, str]:
            order = ORDER_NUMBER.search(response.text)
            if response.status_code == 200 and order:
                return True, f"answered as u002 with order {order.group()}"
            if response.status_code == 200:
                return False, f"accepted, but no order in the reply: {short(response.text, 50)}"
            return False, refused(response)

        return self.send("1 forged custom-action call", "POST",
                         f"{self.target.app}/v1/rasa/webhook", judge, json=forged_action_body())

    def computed_token(self) -> ProbeResult:
        return self.send("2 computed shopper token (u001)", "GET",
                         f"{self.target.app}/v1/chat/probe/messages", ok_is_through,
                         headers=bearer(shopper_token("u001")))

    def agent_token(self) -> ProbeResult:
        return self.send("3 default agent token", "GET", f"{self.target.app}/v1/agent/sessions",
                         ok_is_through, headers=bearer("demo-agent-token"))

    def merchant_token(self) -> ProbeResult:
        return self.send("4 default merchant token", "GET", f"{self.target.app}/v1/tools",
                         ok_is_through, headers=bearer("demo-merchant-token"))

    def rasa_tracker(self) -> ProbeResult:
        return self.send("5 Rasa tracker, no token", "GET",
                         f"{self.target.rasa}/conversations/u001.probe/tracker", ok_is_through)

    def rasa_parse(self) -> ProbeResult:
        return self.send("6 Rasa model/parse, no token", "POST",
                         f"{self.target.rasa}/model/parse", ok_is_through, json={"text": "hi"})

    def rasa_rest_channel(self) -> ProbeResult:
        def judge(response: httpx.Response) -> tuple[bool, str]:
            replies = parse_json(response)
            if response.status_code == 200 and isinstance(replies, list) and replies:
                first = replies[0].get("text", "") if isinstance(replies[0], dict) else ""
                return True, f"{len(replies)} replies as u002: {short(str(first), 60)}"
            return False, refused(response) if response.status_code != 200 else "empty reply"

        body = {"sender": "u002.probe", "message": "where is my order?",
                "metadata": {"shopper_id": "u002"}}
        return self.send("7 Rasa REST channel as u002", "POST",
                         f"{self.target.rasa}/webhooks/rest/webhook", judge, json=body)

    def web_ui(self) -> ProbeResult:
        def judge(response: httpx.Response) -> tuple[bool, str]:
            if response.status_code == 200 and "gradio" in response.text.lower():
                return True, "the Gradio app, no sign-in"
            location = response.headers.get("location")
            return False, f"redirect to {location}" if location else refused(response)

        return self.send("8a anonymous web UI /", "GET", f"{self.target.app}/", judge)

    def gradio_config(self) -> ProbeResult:
        def judge(response: httpx.Response) -> tuple[bool, str]:
            if response.status_code == 200:
                return True, f"Gradio config, {len(response.content)} bytes"
            return False, refused(response)

        return self.send("8b anonymous Gradio /config", "GET", f"{self.target.app}/config", judge)

    def catalogue_file(self) -> ProbeResult:
        path = self.target.data_dir / "catalog" / "products.jsonl"
        return self.send("9a data file via Gradio file route", "GET",
                         f"{self.target.app}/gradio_api/file={path}", file_served)

    def job_file(self) -> ProbeResult:
        """A job folder's file: a job started with the default merchant token, if it works."""
        started = self.send("9b job file via Gradio file route", "POST",
                            f"{self.target.app}/v1/merchant/chat", self._job_started,
                            headers=bearer("demo-merchant-token"),
                            json={"text": "make 1 banner 200x200 for the probe"})
        if self.merchant_job is None:
            started.through = False
            started.reason = f"could not start a job to read: {started.reason}"
            return started
        path = self.target.data_dir / "jobs" / self.merchant_job / "job.json"
        return self.send("9b job file via Gradio file route", "GET",
                         f"{self.target.app}/gradio_api/file={path}", file_served)

    def _job_started(self, response: httpx.Response) -> tuple[bool, str]:
        body = parse_json(response)
        job = body.get("job") if isinstance(body, dict) else None
        if response.status_code == 200 and isinstance(job, dict) and job.get("id"):
            self.merchant_job = str(job["id"])
            return True, f"started job {self.merchant_job}"
        return False, refused(response)

    def health_paths(self) -> ProbeResult:
        def judge(response: httpx.Response) -> tuple[bool, str]:
            leak = next((text for text in detail_strings(parse_json(response))
                         if str(self.target.data_dir) in text or PATH_IN_TEXT.search(text)),
                        None)
            if leak is not None:
                return True, f"path in a detail: {short(leak, 70)}"
            return False, f"no path in the body: {short(response.text, 60)}"

        return self.send("10 /health shows paths", "GET", f"{self.target.app}/health", judge)

    def big_body(self) -> ProbeResult:
        def judge(response: httpx.Response) -> tuple[bool, str]:
            if response.status_code == 413:
                return False, f"refused before reading: {short(response.text, 60)}"
            megabytes = BIG_BODY_BYTES // (1024 * 1024)
            return True, f"read {megabytes} MB, answered {response.status_code}: " + short(
                response.text, 50)

        body = json.dumps({"session_id": "probe", "text": "x" * BIG_BODY_BYTES})
        return self.send("11 5 MB body, no token", "POST", f"{self.target.app}/v1/chat", judge,
                         content=body, headers={"Content-Type": "application/json"})


def ok_is_through(response: httpx.Response) -> tuple[bool, str]:
    if response.status_code == 200:
        return True, f"200: {short(response.text, 70)}"
    return False, refused(response)


def file_served(response: httpx.Response) -> tuple[bool, str]:
    if response.status_code == 200:
        return True, f"served {len(response.content)} bytes: {short(response.text, 50)}"
    return False, refused(response)


def parse_json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def detail_strings(body: Any) -> list[str]:
    """Every string value in a JSON body (the health details sit at any depth)."""
    if isinstance(body, str):
        return [body]
    if isinstance(body, dict):
        return [text for value in body.values() for text in detail_strings(value)]
    if isinstance(body, list):
        return [text for value in body for text in detail_strings(value)]
    return []


def table(results: list[ProbeResult]) -> str:
    rows = [("probe", "status", "through", "reason")]
    rows += [(r.probe, "-" if r.status is None else str(r.status), "yes" if r.through else "no",
              r.reason) for r in results]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
             + "  " + row[3] for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="http://127.0.0.1:8000")
    parser.add_argument("--rasa", default="http://127.0.0.1:5005")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help="the app's data directory (SHOPMIND_DATA_DIR; default var/)")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)
    target = Target(args.app.rstrip("/"), args.rasa.rstrip("/"), args.data_dir.resolve())
    with httpx.Client(timeout=TIMEOUT_S, follow_redirects=False) as client:
        results = Prober(target, client).all()
    print(table(results))
    print(f"\n{sum(r.through for r in results)} of {len(results)} probes got through")
    if args.json:
        report = {"app": target.app, "rasa": target.rasa, "data_dir": str(target.data_dir),
                  "probes": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
