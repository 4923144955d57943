"""Ten merchant conversations with the studio, as they happen, over HTTP with the real Rasa.

Starts the app and Rasa over a fresh demo catalogue (as ``bench/chat.py`` does), signs in as
the demo merchant (and, for the last one, a shopper), and prints each turn: what was said,
the studio's reply, the plan's non-null keys, what it still needs, whether it waits for a
yes, and the job. Jobs are followed to their end before the next turn asks about them.

    python scripts/studio_conversations.py [--out transcript.md]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import io
import tempfile
import time
import zipfile
from typing import Any

import httpx
from PIL import Image, ImageDraw

WAIT = "(wait for the job)"
UPLOAD = "(upload three photos)"
CONVERSATIONS: list[tuple[str, list[str]]] = [
    ("A big banner job, edited, confirmed and followed", [
        "make 200 banners for the summer sale", "change the sizes to square", "yes",
        "how's my job going?", WAIT, "list my jobs"]),
    ("In Chinese: a campaign, a size change, a go-ahead", [
        "给618大促做一百张主图", "改成竖版", "好的，开始吧", WAIT, "任务进度怎么样"]),
    ("The form asks for the count", [
        "I need some banners for Black Friday in 300x250", "30", WAIT]),
    ("Copy in Chinese for a product named in Chinese", [
        "为保温随行杯470毫升写10条卖点", WAIT]),
    ("Playful titles for two products, then one more", [
        "write 5 playful titles for the Road Racer Lite and the Trail Runner GTX", WAIT,
        "now 3 headlines for the Kids GPS Smartwatch, in Chinese"]),
    ("Photos uploaded, then cut out", [UPLOAD, "cut out the photos I uploaded", WAIT]),
    ("Translation is understood and declined for now", [
        "translate my last job into Japanese and German"]),
    ("A million banners, then fewer, then no", [
        "make 1,000,000 banners for christmas", "500 then", "no, forget it"]),
    ("Nothing to cancel, and help", ["cancel it", "what can you do?"]),
]
SHOPPER_TURNS = ["hi", "can you make 20 banners for the summer sale?",
                 "is the Trail Runner GTX waterproof?"]


def photos() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, colour in (("mug.jpg", (190, 40, 40)), ("bottle.jpg", (40, 90, 190)),
                             ("lamp.jpg", (220, 170, 40))):
            image = Image.new("RGB", (480, 480), (246, 246, 244))
            ImageDraw.Draw(image).ellipse((120, 90, 360, 400), fill=colour)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=92)
            bundle.writestr(name, buffer.getvalue())
    return archive.getvalue()


def merchant_conversations(app: str, token: str, lines: list[str]) -> None:
    http = httpx.Client(base_url=app, timeout=60, headers={"Authorization": f"Bearer {token}"})
    for number, (title, turns) in enumerate(CONVERSATIONS, start=1):
        session = f"conversation-{number}"
        lines.append(f"\n### {number}. {title}\n")
        job: dict[str, Any] | None = None
        for text in turns:
            if text == WAIT and job is not None:
                job = follow(http, job["id"])
                lines.append(f"- *(job {job['id']} {job['state']}: {job['done']}/"
                             f"{job['total']}, {job['message']})*")
                continue
            if text == UPLOAD:
                answer = http.post("/v1/merchant/uploads",
                                   files={"file": ("photos.zip", photos(), "application/zip")})
                lines.append(f"- **merchant** uploads photos.zip: {answer.json()}")
                continue
            answer = http.post("/v1/merchant/chat", json={"session_id": session, "text": text})
            body = answer.json()
            lines.append(f"- **merchant**: {text}")
            if answer.status_code != 200:
                lines.append(f"- **studio** ({answer.status_code}): {body}")
                continue
            plan = {k: v for k, v in (body["plan"] or {}).items() if v is not None}
            lines.append(f"- **studio**: {body['reply']}")
            lines.append(f"  - plan {plan or None}; needs {body['needs']}; confirm "
                         f"{body['confirm']}; job "
                         f"{body['job']['id'] + ' ' + body['job']['state'] if body['job'] else None}")
            job = body["job"] or job
    http.close()


def shopper_conversation(app: str, token: str, lines: list[str]) -> None:
    lines.append("\n### 10. A shopper asks JIMI for banners\n")
    http = httpx.Client(base_url=app, timeout=60, headers={"Authorization": f"Bearer {token}"})
    for text in SHOPPER_TURNS:
        body = http.post("/v1/chat", json={"session_id": "shopper-asks", "text": text}).json()
        lines.append(f"- **shopper**: {text}")
        lines.append(f"- **JIMI**: {' '.join(body.get('messages', [])) or body}")
    http.close()


def follow(http: httpx.Client, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 300
    while True:
        job = dict(http.get(f"/v1/jobs/{job_id}").json())
        if job["state"] not in ("queued", "running") or time.monotonic() > deadline:
            return job
        time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="also write the transcript here")
    args = parser.parse_args()
    from bench.chat import platform_up
    from ui.demo_accounts import demo_tokens

    lines = ["## Ten conversations with the studio (live app and Rasa on 127.0.0.1)"]
    with tempfile.TemporaryDirectory() as data, platform_up(Path(data)) as live:
        tokens = demo_tokens(live.settings.demo_credentials_path).values()
        merchant = next(e["token"] for e in tokens if e["role"] == "merchant")
        shopper = next(e["token"] for e in tokens if e["role"] == "shopper")
        merchant_conversations(live.app, merchant, lines)
        shopper_conversation(live.app, shopper, lines)
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
