"""The merchant studio in the web UI: a conversation with the studio, the plan it proposes,
uploads, live job progress, results and the merchant's jobs.

The merchant talks (``Studio.chat``); the plan under discussion is shown beside the chat
with what it still needs, and a plan that waits for a yes enables Confirm and Cancel
(``Studio.press``). Uploaded photos are checked and kept by ``UploadStore`` for the signed-in
merchant; several files chosen at once are kept as one batch, so "the photos I uploaded"
means all of them. A timer shows the current job (the last one the conversation started or
asked about, else the newest), its results and a zip link. Job files are linked through
``/ui/jobs/...`` (``ui/web_routes.py``), which checks the owner, never through Gradio's file
route. Every handler checks the merchant again (Gradio's API can be called directly) and
shows a ``ShopmindError`` as a message, never a traceback.
"""

from __future__ import annotations

import asyncio
import io
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from agents.studio.dialogue import StudioReply
from agents.studio.store import MANIFEST_FILES
from shopmind.errors import InvalidInput, ShopmindError
from shopmind.identity import Principal

SignedIn = Callable[..., Principal]
Message = dict[str, str]
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
MAX_SHOWN = 60  # result images in the gallery
MAX_TEXTS = 30  # copy texts shown
MAX_JOBS = 20  # rows in the jobs list
BAR_WIDTH = 24
NO_PLAN = ("No plan yet. Tell the studio what to make, for example *make 20 banners for the "
           "summer sale*, *给双十一做12张方图* or *cut out the photos I uploaded*.")
PLAN_LABELS = {"task": "task", "count": "banners", "campaign": "campaign",
               "products": "products", "sizes": "sizes", "languages": "languages",
               "tone": "tone", "kind": "kind of text", "n": "texts per product",
               "source": "photos from"}
JOB_HEADERS = ["job", "task", "state", "done/total", "request"]


class StudioView:
    """The studio tab's handlers; each one checks that a merchant is signed in."""

    def __init__(self, platform: Any, signed_in: SignedIn) -> None:
        self.platform = platform
        self.signed_in = signed_in

    def merchant(self, request: gr.Request) -> Principal:
        return self.signed_in(self.platform, request, "merchant")  # type: ignore[no-any-return]

    async def send(self, text: str, history: list[Message], session_id: str, job_id: str,
                   request: gr.Request) -> tuple[Any, ...]:
        """One message to the studio: the chat, a cleared box, the plan, the buttons, the job."""
        if not (text or "").strip():
            return (history, "", *[gr.skip()] * 4)  # nothing said: nothing to answer
        history = [*(history or []), {"role": "user", "content": text}]
        try:
            owner = self.merchant(request)
            reply = await self.platform.studio.chat(owner.id, session_id, text)
        except ShopmindError as exc:
            chat, *rest = _failed(history, exc)
            return (chat, text, *rest)  # the words stay in the box, to fix and send again
        chat, *rest = _answered(history, reply, job_id)
        return (chat, "", *rest)

    async def press(self, button: str, history: list[Message], session_id: str, job_id: str,
                    request: gr.Request) -> tuple[Any, ...]:
        """Confirm or Cancel: the chat, the plan, the buttons and the job."""
        history = [*(history or []), {"role": "user", "content": f"[{button.capitalize()}]"}]
        try:
            owner = self.merchant(request)
            reply = await self.platform.studio.press(owner.id, session_id, button)
        except ShopmindError as exc:
            return _failed(history, exc)
        return _answered(history, reply, job_id)

    async def upload(self, files: list[str] | str | None, history: list[Message],
                     request: gr.Request) -> tuple[list[Message], None]:
        """Photos (images or a zip) kept as one batch; the outcome is said in the chat."""
        paths = [files] if isinstance(files, str) else list(files or [])
        if not paths:
            return history, None
        names = ", ".join(Path(p).name for p in paths)
        history = [*(history or []), {"role": "user", "content": f"Upload: {names}"}]
        try:
            owner = self.merchant(request)
            if len(paths) == 1 and paths[0].lower().endswith(CATALOGUE_SUFFIXES):
                data = await asyncio.to_thread(Path(paths[0]).read_bytes)
                report = await asyncio.to_thread(self.platform.catalogue_uploads.load,
                                                 owner.id, Path(paths[0]).name, data)
                said = catalogue_loaded(dict(report))
            else:
                name, data = await asyncio.to_thread(_one_upload, paths)
                batch = await asyncio.to_thread(self.platform.uploads.save, owner.id, name,
                                                data)
                said = uploaded(batch.public())
        except ShopmindError as exc:
            return [*history, {"role": "assistant", "content": f"⚠️ {exc.message}"}], None
        return [*history, {"role": "assistant", "content": said}], None

    async def stop(self, job_id: str, history: list[Message],
                   request: gr.Request) -> list[Message]:
        """Stops the job shown (what was made is kept)."""
        try:
            owner = self.merchant(request)
            job = await asyncio.to_thread(self._shown_job, owner.id, job_id)
            if job is None:
                raise InvalidInput("there is no job to stop")
            job = await asyncio.to_thread(self.platform.jobs.cancel, owner.id, job.id)
            said = f"Stopped job {job.id}: {job.message}."
        except ShopmindError as exc:
            said = f"⚠️ {exc.message}"
        return [*(history or []), {"role": "assistant", "content": said}]

    async def tick(self, job_id: str, shown: str, request: gr.Request) -> tuple[Any, ...]:
        """The current job's progress and results, the download link and the jobs list;
        nothing is sent to the page while none of it changed."""
        try:
            owner = self.merchant(request)
            jobs = await asyncio.to_thread(self.platform.jobs.list, owner.id)
        except ShopmindError as exc:
            return (f"⚠️ {exc.message}", *[gr.skip()] * 4, shown)
        job = next((j for j in jobs if j.id == job_id), jobs[0] if jobs else None)
        signature = "jobs|" + "|".join(f"{j.id}:{j.state}:{j.done}:{len(j.files)}"
                                       for j in ([job] if job else []) + jobs[:MAX_JOBS])
        if signature == shown:
            return (*[gr.skip()] * 5, shown)
        if job is None:
            return ("No jobs yet.", [], "", "", [], signature)
        public = job.public()
        texts = await asyncio.to_thread(self._texts, owner.id, public)
        return (progress(public), results(public, _base_url(request)), texts,
                download(public), job_rows(j.public() for j in jobs[:MAX_JOBS]), signature)

    def pick(self, event: gr.SelectData, request: gr.Request) -> str:
        """A row of the jobs list chosen: show that job."""
        self.merchant(request)
        row = event.row_value if isinstance(event.row_value, list) else []
        return str(row[0]) if row else gr.skip()

    def _shown_job(self, owner: str, job_id: str) -> Any:
        if job_id:
            return self.platform.jobs.get(owner, job_id)
        jobs = self.platform.jobs.list(owner)
        return jobs[0] if jobs else None

    def _texts(self, owner: str, job: dict[str, Any]) -> str:
        """A copy job's texts (read through the owner check), as a list."""
        if job["task"] != "copy":
            return ""
        lines = []
        for name in [n for n in job["files"] if n.endswith(".txt")][:MAX_TEXTS]:
            path = self.platform.jobs.file(owner, job["id"], name)
            lines.append(f"- {path.read_text(encoding='utf-8').strip()}")
        return "\n".join(lines)


CATALOGUE_SUFFIXES = (".jsonl", ".json")


def studio_tab(platform: Any, signed_in: SignedIn) -> gr.Timer:
    """Lays out the studio; returns its timer (inactive until a merchant is signed in)."""
    view = StudioView(platform, signed_in)
    session = gr.State(lambda: uuid.uuid4().hex[:16])
    job_id = gr.State("")  # the job shown; "" for the newest
    shown = gr.State("")  # what the results area shows now (skip a tick that changes nothing)
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="Studio 工作台", elem_id="studio-chat", height=420)
            with gr.Row():
                box = gr.Textbox(placeholder="Make 20 banners for the summer sale · 为这款保温杯写10条卖点",
                                 show_label=False, elem_id="studio-input", scale=5)
                send = gr.Button("Send 发送", variant="primary", elem_id="studio-send", scale=1)
            files = gr.File(label="Upload product photos (images, or one zip) or a catalogue "
                                  "file (.jsonl, or a Saleor .json) · 上传商品图或商品目录",
                            file_count="multiple",
                            file_types=["image", ".zip", *CATALOGUE_SUFFIXES],
                            elem_id="studio-upload", height=120)
        with gr.Column(scale=2):
            plan = gr.Markdown(NO_PLAN, elem_id="studio-plan")
            with gr.Row():
                confirm = gr.Button("Confirm 确认", variant="primary", interactive=False,
                                    elem_id="studio-confirm")
                cancel = gr.Button("Cancel 取消", interactive=False, elem_id="studio-cancel")
    with gr.Row():
        status = gr.Markdown("No jobs yet.", elem_id="studio-progress")
        stop = gr.Button("Stop this job 停止任务", size="sm", elem_id="studio-stop", scale=0)
    gallery = gr.Gallery(label="Results 结果", columns=6, height=360, object_fit="contain",
                         elem_id="studio-gallery")
    texts = gr.Markdown(elem_id="studio-texts")
    link = gr.HTML(elem_id="studio-download")
    jobs = gr.Dataframe(headers=JOB_HEADERS, interactive=False, elem_id="studio-jobs",
                        label="Your jobs (choose one to show it) · 我的任务")
    timer = gr.Timer(1.5, active=False)

    answer = [chat, plan, confirm, cancel, job_id]
    for event in (box.submit, send.click):
        event(view.send, [box, chat, session, job_id], [chat, box, *answer[1:]])
    confirm.click(_button(view, "confirm"), [chat, session, job_id], answer)
    cancel.click(_button(view, "cancel"), [chat, session, job_id], answer)
    files.upload(view.upload, [files, chat], [chat, files])
    stop.click(view.stop, [job_id, chat], [chat])
    jobs.select(view.pick, None, [job_id])
    timer.tick(view.tick, [job_id, shown], [status, gallery, texts, link, jobs, shown],
               show_progress="hidden")
    return timer


def _button(view: StudioView, button: str) -> Callable[..., Any]:
    async def pressed(history: list[Message], session_id: str, job_id: str,
                      request: gr.Request) -> tuple[Any, ...]:
        return await view.press(button, history, session_id, job_id, request)

    return pressed


# -- what the handlers show -------------------------------------------------------------------


def _answered(history: list[Message], reply: StudioReply, job_id: str) -> tuple[Any, ...]:
    """The chat with the studio's reply, the plan, Confirm and Cancel, and the job to show."""
    chat = [*history, {"role": "assistant", "content": reply.reply}]
    shown = str(reply.job["id"]) if reply.job else job_id
    started = str(reply.job["id"]) if reply.job and reply.plan else None  # a plan's new job
    return (chat, plan_markdown(reply.plan, reply.needs or [], reply.confirm, started),
            gr.Button(interactive=reply.confirm), gr.Button(interactive=reply.confirm), shown)


def _failed(history: list[Message], error: ShopmindError) -> tuple[Any, ...]:
    """The error said in the chat; the plan, the buttons and the job stay as they were."""
    return ([*history, {"role": "assistant", "content": f"⚠️ {error.message}"}],
            *[gr.skip()] * 4)


def plan_markdown(plan: dict[str, Any] | None, needs: list[str], confirm: bool,
                  started: str | None = None) -> str:
    """The plan under discussion as a small table (its non-empty details), what it still
    needs, whether it waits for a yes, and the job it started."""
    if not plan:
        return NO_PLAN if not needs else f"**Still needs:** {', '.join(needs)}"
    rows = [f"| {PLAN_LABELS.get(key, key)} | {_value(value)} |"
            for key, value in plan.items() if value not in (None, [], "")]
    lines = ["**Plan**", "", "| detail | value |", "|---|---|", *rows]
    if needs:
        lines += ["", f"**Still needs:** {', '.join(PLAN_LABELS.get(n, n) for n in needs)}"]
    if confirm:
        lines += ["", "Waiting for your go-ahead: press **Confirm** to start, or **Cancel**."]
    if started:
        lines += ["", f"Started as job `{started}`; its progress is below."]
    return "\n".join(lines)


def _value(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text.replace("|", "\\|")


def uploaded(batch: dict[str, Any]) -> str:
    """What the chat says about an upload: how many photos were kept, which were refused."""
    kept = list(batch.get("files") or [])
    said = f"Uploaded {len(kept)} photo{'s' if len(kept) != 1 else ''}: {', '.join(kept)}."
    rejected = [f"{r['name']} ({r['reason']})" for r in batch.get("rejected") or []]
    if rejected:
        said += f" Not kept: {'; '.join(rejected)}."
    return said + ' Say "cut out the photos I uploaded" to make cutouts of them.'


def catalogue_loaded(report: dict[str, Any]) -> str:
    """What the chat says about a catalogue file: products loaded, rows refused and why."""
    said = (f"Catalogue ({report['format']}): {report['loaded']} new and {report['updated']} "
            f"updated products.")
    rejected = [f"line {r['line']} {r['field']}: {r['message']}"
                for r in report.get("rejected") or []]
    if rejected:
        said += f" Not loaded: {'; '.join(rejected[:10])}"
        said += f" (and {len(rejected) - 10} more)." if len(rejected) > 10 else "."
    return said


def _one_upload(paths: list[str]) -> tuple[str, bytes]:
    """One file as it is, or several images as one zip (one batch for "my photos")."""
    if len(paths) == 1:
        return Path(paths[0]).name, Path(paths[0]).read_bytes()
    if any(p.lower().endswith(".zip") for p in paths):
        raise InvalidInput("upload a zip on its own, or choose several images")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in paths:
            archive.writestr(Path(path).name, Path(path).read_bytes())
    return "photos.zip", buffer.getvalue()


def progress(job: dict[str, Any]) -> str:
    """The job's state, a text progress bar with done/total, and its message or error."""
    done, total = int(job["done"]), max(int(job["total"]), 0)
    filled = round(BAR_WIDTH * done / total) if total else 0
    bar = "█" * filled + "░" * (BAR_WIDTH - filled)
    percent = f"{100 * done / total:.0f}%" if total else "–"
    note = f"⚠️ {job['error']}" if job.get("error") else job.get("message") or ""
    return (f"**Job `{job['id']}`** · {job['task']} · **{job['state']}**  \n"
            f"`{bar}` {done}/{total} ({percent})  \n{note}")


def results(job: dict[str, Any], base: str) -> list[str]:
    """The job's images, linked through the owner-checked route."""
    names = [n for n in job["files"]
             if n not in MANIFEST_FILES and n.lower().endswith(IMAGE_SUFFIXES)]
    return [f"{base}/ui/jobs/{job['id']}/files/{name}" for name in names[:MAX_SHOWN]]


def download(job: dict[str, Any]) -> str:
    """A link to the zip once there is one to give (done, or cancelled with results)."""
    made = [n for n in job["files"] if n not in MANIFEST_FILES]
    if not (job["state"] == "done" or (job["state"] == "cancelled" and made)):
        return ""
    return (f'<a id="studio-zip" href="/ui/jobs/{job["id"]}/download" '
            f'download="results-{job["id"]}.zip">⬇ Download all {len(made)} results and the '
            f'manifest (zip)</a>')


def job_rows(jobs: Any) -> list[list[str]]:
    return [[j["id"], j["task"], j["state"], f"{j['done']}/{j['total']}",
             str(j.get("request") or "")[:80]] for j in jobs]


def _base_url(request: gr.Request) -> str:
    """The address the browser used (the gallery needs absolute links to the file route)."""
    headers = getattr(request, "headers", {}) or {}
    return f"http://{headers.get('host', '127.0.0.1')}"
