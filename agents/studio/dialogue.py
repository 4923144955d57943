"""The studio in dialogue: a merchant's message in, the studio's reply, plan and job out.

Each message is read (Rasa's intent and entities, :mod:`agents.studio.understanding`)
against the plan under discussion, kept per conversation in SQLite
(:mod:`agents.studio.sessions`). The studio asks for what a plan still needs (the form),
edits a detail in place ("change the sizes to square"), shows a plan of more than 50 items
in numbers and waits for a yes, and starts a confirmed plan as a job through the tools
(:mod:`agents.studio.work`, :class:`agents.studio.jobs.JobRunner`). It answers questions
about jobs ("how's my job going", "cancel it", "list my jobs") from the merchant's own jobs
only.

Example::

    studio = Studio(nlu=rasa_parse, understanding=Understanding(knowledge.products),
                    jobs=platform.jobs, uploads=platform.uploads, sessions=sessions,
                    catalogue=knowledge.products)
    reply = await studio.chat("m-001", "s1", "make 200 banners for the summer sale")
    reply.confirm, reply.reply   # True, "200 banners: 40 products x 5 variants, ... Go?"
    reply = await studio.chat("m-001", "s1", "yes")
    reply.job["state"]           # "queued"
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from agents.studio.jobs import JobRunner
from agents.studio.plan import CONFIRM_ABOVE, StudioPlan
from agents.studio.sessions import StudioSessions, StudioState
from agents.studio.spelling import corrected
from agents.studio.store import MANIFEST_FILES, Job
from agents.studio.understanding import Parse, Understanding, bare_number
from agents.studio.uploads import UploadStore
from agents.studio.work import Order, OrderLimits
from kg.facts import ProductFacts
from shopmind.errors import Conflict, InvalidInput, LimitExceeded, NotFound, TooLarge

MAX_TEXT = 2000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
QUESTIONS = {
    "task": (("What shall I make: banners, copy (titles, selling points, posts...), cutouts of "
             "your photos, or translations?"),
             "需要我做什么：海报、文案（标题、卖点、种草文案……）、抠图，还是翻译？"),
    "count": ("How many banners?", "要做多少张？"),
    "kind": (("Which kind of text: titles, headlines, descriptions, selling points, posts or "
             "hashtags?"), "写哪种文案：标题、广告语、描述、卖点、种草文案还是话题标签？"),
    "products": (("For which products? Name them, or say a kind (\"kettles\") or a tag "
                 "(\"bestsellers\")."), "给哪些商品写？可以说商品名、品类（如“跑鞋”）或标签（如“热销款”）。"),
    "source": (("Which photos? Upload them and say \"the photos I uploaded\", or name products "
               "or a job."), "用哪些图片？可以先上传再说“我上传的图”，或者说商品名、任务编号。"),
    "languages": ("Into which languages?", "翻译成哪些语言？"),
}
HELP = (("I'm the studio. Ask in plain words, for example: \"make 200 banners for the summer "
        "sale\", \"write 10 selling points for the Gooseneck Electric Kettle\", \"cut out the "
        "photos I uploaded\", \"how's my job going?\", \"cancel it\" or \"list my jobs\". I "
        "show a plan first, and big jobs wait for your go-ahead."),
        ("我是商家工作台。直接说需求就行，比如：“给618大促做100张主图”、“为这款保温随行杯写10条卖点”、"
        "“把我上传的图片抠图”、“任务进度怎么样”、“取消任务”、“看看我的任务”。我会先给出方案，"
        "大批量任务等您确认后再开始。"))
NLU = Callable[[str], Awaitable[Parse]]


@dataclass
class StudioReply:
    """What ``POST /v1/merchant/chat`` answers."""

    reply: str
    plan: dict[str, Any] | None = None
    needs: list[str] | None = None
    confirm: bool = False
    job: dict[str, Any] | None = None

    def public(self) -> dict[str, Any]:
        return {"reply": self.reply, "plan": self.plan, "needs": list(self.needs or []),
                "confirm": self.confirm, "job": self.job}


class Studio:
    """Merchants' conversations with the studio, turned into plans and jobs."""

    def __init__(self, nlu: NLU, understanding: Understanding, jobs: JobRunner,
                 uploads: UploadStore, sessions: StudioSessions,
                 catalogue: Callable[[], list[ProductFacts]],
                 limits: OrderLimits | None = None, image_root: Path | None = None,
                 confirm_above: int = CONFIRM_ABOVE,
                 not_theirs: Callable[[str], set[str]] | None = None) -> None:
        self.nlu = nlu
        self.understanding = understanding
        self.jobs = jobs
        self.uploads = uploads
        self.sessions = sessions
        self.catalogue = catalogue
        self.limits = limits or OrderLimits(jobs.limits.max_banners, jobs.limits.max_megapixels)
        self.image_root = image_root or Path(".")  # catalogue images are relative to it
        self.confirm_above = confirm_above  # bigger jobs wait for a yes
        # the product ids a merchant may not work on (other merchants' uploads)
        self.not_theirs = not_theirs or (lambda owner: set())
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def chat(self, owner: str, session_id: str, text: str) -> StudioReply:
        """One merchant message: the reply, the plan under discussion, what it still needs,
        whether it waits for a yes, and the job it started (if any)."""
        cleaned = " ".join(str(text).split())
        if not cleaned:
            raise InvalidInput("the message is empty; try: make 20 banners for the summer sale")
        if len(cleaned) > MAX_TEXT:
            raise InvalidInput(f"a message may be at most {MAX_TEXT} characters; "
                               f"this one has {len(cleaned)}")
        lock = self._locks.setdefault((owner, session_id), asyncio.Lock())
        async with lock:  # one turn at a time per conversation
            meant = corrected(cleaned)  # "trnaslate", "扣图": the studio's words as meant
            parse = await self.nlu(meant)
            state = await asyncio.to_thread(self.sessions.load, owner, session_id)
            state.language = "zh" if re.search(r"[\u4e00-\u9fff]", cleaned) else "en"
            reply = await asyncio.to_thread(self._turn, owner, state, parse, meant)
            state.confirming = reply.confirm
            state.said("merchant", cleaned, intent=parse.intent)
            state.said("studio", reply.reply, plan=reply.plan,
                       job=reply.job["id"] if reply.job else None)
            await asyncio.to_thread(self.sessions.save, owner, session_id, state)
        return reply

    async def press(self, owner: str, session_id: str, button: str) -> StudioReply:
        """A button instead of words: "confirm" starts the plan waiting for a yes, "cancel"
        drops it (the UI's buttons; no NLU involved)."""
        if button not in ("confirm", "cancel"):
            raise InvalidInput(f"unknown button {button[:32]!r}; use confirm or cancel")
        lock = self._locks.setdefault((owner, session_id), asyncio.Lock())
        async with lock:
            state = await asyncio.to_thread(self.sessions.load, owner, session_id)
            intent = "affirm" if button == "confirm" else "deny"
            reply = await asyncio.to_thread(self._turn, owner, state, Parse(intent, 1.0),
                                            button)
            state.confirming = reply.confirm
            state.said("merchant", f"[{button}]", intent=intent)
            state.said("studio", reply.reply, plan=reply.plan,
                       job=reply.job["id"] if reply.job else None)
            await asyncio.to_thread(self.sessions.save, owner, session_id, state)
        return reply

    def history(self, owner: str, session_id: str) -> list[dict[str, Any]]:
        return self.sessions.load(owner, session_id).turns

    # -- one turn --------------------------------------------------------------------------

    def _turn(self, owner: str, state: StudioState, parse: Parse, text: str) -> StudioReply:
        current = state.current()
        reading = self.understanding.read(parse, text, current.task if current else None)
        act, said = reading.act, _said(reading.plan)
        if reading.image_format and act in ("new", "change", "other"):
            state.image_format = reading.image_format
        elif act == "new" and (current is None or current.task != reading.plan.task):
            state.image_format = None  # a fresh plan starts in the default format
        same_task = act != "new" or reading.plan.task == current_task(current)
        if current is not None and state.asked in ("count", "n") and same_task and \
                state.asked not in said and act not in ("confirm", "deny", "job", "help"):
            number = bare_number(text)  # "200" answers "how many?"
            if number is not None:
                said[state.asked] = number
                act = "change"
        if act == "new":
            plan = reading.plan
            if current is not None and current.task == plan.task and (
                    current.needs() or not set(said) & {"products", "source", "campaign"}):
                # more details for the plan asked about, or "make it 75 banners" as an edit
                plan = current.changed(**_for(current, said))
            return self._propose(owner, state, plan)
        if act in ("change", "other") and current is not None and said:
            return self._propose(owner, state, current.changed(**_for(current, said)))
        if act == "change":
            return self._change_last_job(owner, state, said)
        if act == "confirm":
            return self._confirm(owner, state, current)
        if act == "deny":
            state.keep(None)
            state.asked = None
            return StudioReply(self._say(state, "OK, I've dropped that plan. What next?",
                                         "好的，这个方案不做了。还需要什么？")
                               if current else self._say(state, "OK.", "好的。"))
        if act == "job":
            answer = self._job_question(owner, state, reading.plan, current)
            waiting = state.current()  # a plan still waiting stays on show
            if waiting is not None and answer.plan is None:
                answer.plan, answer.needs = waiting.to_dict(), waiting.needs()
                answer.confirm = state.confirming
            return answer
        if act == "help" or current is None:
            return self._help(state, current)
        return self._ask(state, current)

    def _propose(self, owner: str, state: StudioState, plan: StudioPlan) -> StudioReply:
        """Asks for what the plan needs, shows a big plan for a yes, or starts it."""
        needs = plan.needs()
        if needs:
            return self._ask(state, plan)
        try:
            order = self._order(owner, state, plan)
        except TooLarge as exc:
            if plan.task == "banners" and plan.count:
                plan = replace(plan, count=None)  # ask for a count within the limit
                state.keep(plan)
                state.asked = "count"
                return StudioReply(self._say(state, f"That's too many: {exc.message}. How many "
                                                    f"banners then?",
                                             f"数量太多了：{exc.message}。那要做多少张？"),
                                   plan.to_dict(), ["count"], False)
            return self._refuse(state, plan, exc.message)
        except (InvalidInput, NotFound) as exc:
            return self._refuse(state, plan, exc.message)
        if order.total > self.confirm_above:
            state.keep(plan)
            state.asked = None
            return StudioReply(order.describe() + self._say(state, ". Go?", "。开始吗？"),
                               plan.to_dict(), [], True)
        return self._start(owner, state, plan, order)

    def _confirm(self, owner: str, state: StudioState, plan: StudioPlan | None) -> StudioReply:
        if plan is None:
            return StudioReply(self._say(
                state, "There's nothing waiting for a go-ahead. Tell me what to make, for "
                       "example \"make 20 banners for the summer sale\".",
                "目前没有待确认的方案。请告诉我要做什么，比如“给618大促做20张主图”。"))
        if plan.needs():
            return self._ask(state, plan)
        try:
            order = self._order(owner, state, plan)
        except (InvalidInput, NotFound, TooLarge) as exc:
            return self._refuse(state, plan, exc.message)
        return self._start(owner, state, plan, order)

    def _start(self, owner: str, state: StudioState, plan: StudioPlan,
               order: Order) -> StudioReply:
        if order.total < 1:
            return self._refuse(state, plan, self._say(state, "that plan makes nothing",
                                                       "这个方案没有可做的内容"))
        try:
            job = self.jobs.submit_order(owner, order.describe(), order)
        except LimitExceeded as exc:
            state.keep(plan)  # say yes again once a job has finished
            return StudioReply(self._say(state, f"I can't start it yet: {exc.message}.",
                                         f"暂时无法开始：{exc.message}。"),
                               plan.to_dict(), [], True)
        state.keep(None)
        state.asked = None
        state.last_job = job.id
        return StudioReply(self._say(state, f"Started job {job.id}: {order.describe()}.",
                                     f"已开始任务 {job.id}：{order.describe()}。"),
                           plan.to_dict(), [], False, job.public())

    def _change_last_job(self, owner: str, state: StudioState,
                         said: dict[str, Any]) -> StudioReply:
        """A change with no plan waiting: the last job again, with the change."""
        job = self._latest(owner, state)
        if job is None or not job.plan or not said:
            return StudioReply(self._say(
                state, "There's no plan to change yet. Tell me what to make first.",
                "目前还没有可修改的方案，请先告诉我要做什么。"))
        previous = Order.from_record(job.plan).plan
        return self._propose(owner, state, previous.changed(**_for(previous, said)))

    def _ask(self, state: StudioState, plan: StudioPlan | None) -> StudioReply:
        plan = plan or StudioPlan()
        needs = plan.needs()
        if not needs:
            return self._help(state, plan)
        state.keep(plan if plan.task else None)
        state.asked = needs[0]
        question = QUESTIONS.get(needs[0], QUESTIONS["task"])
        return StudioReply(question[state.language == "zh"], plan.to_dict() if plan.task else
                           None, needs, False)

    def _refuse(self, state: StudioState, plan: StudioPlan, why: str) -> StudioReply:
        state.keep(plan)
        state.asked = None
        return StudioReply(self._say(state, f"I can't do that as planned: {why}.",
                                     f"这个方案做不了：{why}。"), plan.to_dict(), plan.needs(),
                           False)

    def _help(self, state: StudioState, plan: StudioPlan | None) -> StudioReply:
        return StudioReply(HELP[state.language == "zh"],
                           plan.to_dict() if plan and plan.task else None,
                           plan.needs() if plan and plan.task else [], False)

    # -- jobs ------------------------------------------------------------------------------

    def _job_question(self, owner: str, state: StudioState, asked: StudioPlan,
                      current: StudioPlan | None) -> StudioReply:
        if asked.task == "job_list":
            jobs = self.jobs.list(owner)[:10]
            if not jobs:
                return StudioReply(self._say(state, "You have no jobs yet.", "您还没有任务。"))
            lines = [self._job_line(state, job) for job in jobs]
            return StudioReply("\n".join(lines))
        try:
            job = self._which_job(owner, state, asked, unfinished=asked.task == "job_cancel")
        except NotFound as exc:
            return StudioReply(self._say(state, f"I can't find that job: {exc.message}.",
                                         f"找不到这个任务：{exc.message}。"))
        if job is None:
            if asked.task == "job_cancel":
                if current is not None:  # "cancel it" with a plan but no job: drop the plan
                    state.keep(None)
                    state.asked = None
                    return StudioReply(self._say(state, "Nothing had started; I've dropped the "
                                                        "plan.", "还没开始，方案已取消。"))
                return StudioReply(self._say(state, "You have no job running, so there is "
                                                    "nothing to cancel.",
                                             "您目前没有进行中的任务，无需取消。"))
            return StudioReply(self._say(state, "You have no jobs yet.", "您还没有任务。"))
        if asked.task == "job_cancel":
            try:
                job = self.jobs.cancel(owner, job.id)
            except Conflict:
                return StudioReply(self._say(
                    state, f"Job {job.id} has already ended ({job.state}); nothing to cancel.",
                    f"任务 {job.id} 已经结束（{_STATES_ZH.get(job.state, job.state)}），无需取消。"),
                    job=job.public())
            return StudioReply(self._say(state, f"Cancelled job {job.id}: {job.message}.",
                                         f"已取消任务 {job.id}：已完成 {job.done}/{job.total}，"
                                         f"已完成的保留。"),
                               job=job.public())
        return StudioReply(self._job_line(state, job), job=job.public())

    def _which_job(self, owner: str, state: StudioState, asked: StudioPlan,
                   unfinished: bool) -> Job | None:
        source = asked.source or ""
        if source.startswith("job:"):
            return self.jobs.get(owner, source[4:])
        jobs = self.jobs.list(owner)
        if asked.campaign:
            wanted = asked.campaign.lower()
            named = [j for j in jobs if wanted in (j.request or "").lower() or wanted in str(
                ((j.plan or {}).get("plan") or {}).get("campaign") or "").lower()]
            if not named:
                raise NotFound(f"none of your jobs is for {asked.campaign}")
            jobs = named
        if unfinished:
            jobs = [j for j in jobs if not j.finished]
        if not jobs:
            return None
        mine = [j for j in jobs if j.id == state.last_job]
        return mine[0] if mine and source != "last_job" else jobs[0]

    def _latest(self, owner: str, state: StudioState) -> Job | None:
        if state.last_job:
            try:
                return self.jobs.get(owner, state.last_job)
            except NotFound:
                pass
        jobs = self.jobs.list(owner)
        return jobs[0] if jobs else None

    def _job_line(self, state: StudioState, job: Job) -> str:
        noun = {"copy": ("copy files", "份文案"), "cutout": ("cutouts", "张抠图"),
                "translate": ("translated images", "张译图")}.get(
            job.task, ("banners", "张横幅"))
        if state.language == "zh":
            # the job's own message is English (the job log's); the figures say it all
            return (f"任务 {job.id}（{job.total}{noun[1]}）：{_STATES_ZH.get(job.state, job.state)}，"
                    f"已完成 {job.done}/{job.total}。")
        return (f"Job {job.id} ({job.total} {noun[0]}): {job.state}, {job.done} of {job.total} "
                f"done. {job.message}").strip()

    # -- inputs ----------------------------------------------------------------------------

    def _order(self, owner: str, state: StudioState, plan: StudioPlan) -> Order:
        hidden = self.not_theirs(owner)
        products = [p for p in self.catalogue() if p.id not in hidden]
        return Order.build(plan, products, lambda source: self._photos(
            owner, state, source), state.language, self.limits, self.image_root,
            state.image_format)

    def _photos(self, owner: str, state: StudioState, source: str) -> list[Path]:
        if source == "uploads":
            return self.uploads.files(owner, self.uploads.latest(owner))
        if source.startswith("job:"):
            job: Job | None = self.jobs.get(owner, source[4:])
        else:
            job = self._latest(owner, state)
        if job is None:
            raise NotFound("you have no jobs yet")
        return [job.out_dir / name for name in job.files
                if name not in MANIFEST_FILES and name.lower().endswith(IMAGE_SUFFIXES)]

    @staticmethod
    def _say(state: StudioState, english: str, chinese: str) -> str:
        return chinese if state.language == "zh" else english


_STATES_ZH = {"queued": "排队中", "running": "进行中", "done": "已完成", "failed": "失败",
              "cancelled": "已取消"}


def current_task(plan: StudioPlan | None) -> str | None:
    return plan.task if plan else None


def _said(plan: StudioPlan) -> dict[str, Any]:
    """The values a message said (not its task)."""
    return {k: v for k, v in plan.to_dict().items()
            if k != "task" and v not in (None, [])}


def _for(plan: StudioPlan, said: dict[str, Any]) -> dict[str, Any]:
    """Values said as a change to ``plan``: a count of texts is ``n`` for copy, and a count
    of banners otherwise."""
    said = {k: tuple(v) if isinstance(v, list) else v for k, v in said.items()}
    if plan.task == "copy" and "count" in said and "n" not in said:
        said["n"] = said.pop("count")
    if plan.task != "copy" and "n" in said and "count" not in said:
        said["count"] = said.pop("n")
    return said
