"""The studio's dialogue: forms, changes in place, confirmation, jobs, limits and refusals.

Rasa's intent is scripted here (each test says which intent a message gets), so these
tests pin the dialogue's behaviour; ``tests/integration/test_studio_live.py`` runs the same
conversations through the real Rasa model.
"""

from __future__ import annotations

import asyncio
import io
import re
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from agents.studio.dialogue import Studio, StudioReply
from agents.studio.jobs import JobLimits, JobRunner
from agents.studio.sessions import StudioSessions
from agents.studio.understanding import Parse, Understanding
from agents.studio.uploads import UploadStore
from agents.studio.work import OrderLimits
from shopmind.errors import InvalidInput
from tests.testing import thread_context
from tools.registry import ToolRegistry
from ui.platform import Platform


@dataclass
class Chat:
    """One merchant's conversation with a studio; ``intents`` scripts what Rasa says."""

    studio: Studio
    owner: str
    intents: dict[str, str]
    session: str = "s1"

    def say(self, text: str, intent: str | None = None) -> StudioReply:
        if intent is not None:
            self.intents[text] = intent
        return asyncio.run(self.studio.chat(self.owner, self.session, text))

    def wait(self, job_id: str) -> dict[str, object]:
        return self.studio.jobs.wait(self.owner, job_id, timeout_s=120).public()


@pytest.fixture
def studio_parts(synced_platform: Platform, tmp_path: Path) -> Iterator[dict[str, object]]:
    knowledge = synced_platform.knowledge
    context = thread_context(synced_platform.settings, knowledge)
    registry = ToolRegistry.from_entry_points(context)
    runner = JobRunner(tmp_path / "jobs.sqlite", tmp_path / "jobs", registry, knowledge.graph,
                       context=context, limits=JobLimits(2, 20000, 25000))
    sessions = StudioSessions(tmp_path / "studio.sqlite")
    parts = {"runner": runner, "sessions": sessions,
             "uploads": UploadStore(tmp_path / "uploads", 10_000_000),
             "knowledge": knowledge, "settings": synced_platform.settings}
    yield parts
    runner.close()
    context.close()
    sessions.close()


def _studio(parts: dict[str, object], intents: dict[str, str]) -> Studio:
    knowledge = parts["knowledge"]

    async def nlu(text: str) -> Parse:
        return Parse(intents.get(text, "nlu_fallback"), 0.9)

    return Studio(nlu, Understanding(knowledge.products, lambda: knowledge.version),  # type: ignore[attr-defined]
                  parts["runner"], parts["uploads"], parts["sessions"],  # type: ignore[arg-type]
                  knowledge.products, OrderLimits(20000, 25000),  # type: ignore[attr-defined]
                  image_root=parts["settings"].catalog_dir)  # type: ignore[attr-defined]


@pytest.fixture
def chat(studio_parts: dict[str, object]) -> Chat:
    intents: dict[str, str] = {}
    return Chat(_studio(studio_parts, intents), f"m-{uuid.uuid4().hex[:8]}", intents)


def test_a_big_job_shows_its_plan_in_numbers_and_waits_for_a_yes(chat: Chat) -> None:
    reply = chat.say("make 200 banners for the summer sale", "make_banners")
    assert reply.confirm and reply.job is None and reply.needs == []
    assert reply.plan == {"task": "banners", "count": 200, "campaign": "summer sale",
                          "products": None, "sizes": None, "languages": None, "tone": None,
                          "kind": None, "n": None, "source": None}
    assert reply.reply.startswith("200 banners: ") and "1080x1080 and 1080x1920" in reply.reply
    assert reply.reply.endswith("English. Go?")
    assert chat.studio.jobs.list(chat.owner) == [], "nothing runs before the yes"
    started = chat.say("yes go ahead", "affirm")
    assert started.job is not None and started.job["total"] == 200 and not started.confirm
    cancelled = chat.say("cancel it", "cancel_job")
    assert "Cancelled job" in cancelled.reply and cancelled.job is not None
    assert chat.wait(started.job["id"])["state"] == "cancelled"


def test_the_form_asks_for_the_count_and_a_bare_number_answers_it(chat: Chat) -> None:
    reply = chat.say("banners for black friday please, 300x250", "make_banners")
    assert reply.needs == ["count"] and reply.reply == "How many banners?"
    assert reply.plan is not None and reply.plan["campaign"] == "black friday"
    answer = chat.say("12", "other")
    assert answer.job is not None and answer.job["total"] == 12, answer.reply
    job = chat.wait(answer.job["id"])
    assert job["state"] == "done" and job["done"] == 12
    images = [f for f in job["files"] if f.endswith(".jpg")]  # type: ignore[attr-defined]
    assert len(images) == 12, "twelve different banners, not repeats"


def test_change_the_sizes_edits_the_plan_in_place(chat: Chat) -> None:
    chat.say("make 80 banners for the summer sale in story size", "make_banners")
    reply = chat.say("change the sizes to square", "change_detail")
    assert reply.plan is not None and reply.confirm
    assert reply.plan["sizes"] == ["1080x1080"] and reply.plan["count"] == 80
    assert reply.plan["campaign"] == "summer sale"
    fewer = chat.say("actually make it 50", "change_detail")
    assert fewer.job is not None and fewer.job["total"] == 50, "50 or fewer start at once"
    chat.say("cancel it", "cancel_job")


def test_a_million_banners_is_refused_with_the_limit_and_the_count_asked_again(
        chat: Chat) -> None:
    reply = chat.say("make 1,000,000 banners for the summer sale", "make_banners")
    assert "at most 20,000 banners" in reply.reply and "1,000,000" in reply.reply
    assert reply.needs == ["count"] and reply.job is None
    assert chat.studio.jobs.list(chat.owner) == []


def test_cancel_it_with_no_job_says_there_is_nothing_to_cancel(chat: Chat) -> None:
    reply = chat.say("cancel it", "cancel_job")
    assert "nothing to cancel" in reply.reply and reply.job is None
    assert "没有进行中的任务" in chat.say("取消任务", "cancel_job").reply


def test_a_third_job_at_once_waits_with_the_limit_named(chat: Chat) -> None:
    for campaign in ("summer sale", "black friday"):
        started = chat.say(f"make 40 banners for the {campaign}", "make_banners")
        assert started.job is not None, started.reply
    third = chat.say("make 40 banners for christmas", "make_banners")
    assert third.job is None and third.confirm
    assert "at most 2 jobs" in third.reply
    for job in chat.studio.jobs.list(chat.owner):
        chat.studio.jobs.cancel(chat.owner, job.id)


def test_copy_runs_li_bai_and_writes_the_texts(chat: Chat) -> None:
    reply = chat.say("write 3 selling points for the Gooseneck Electric Kettle", "write_copy")
    assert reply.plan is not None and reply.plan["kind"] == "selling_points"
    assert reply.plan["products"] == ["kt-gooseneck-kettle"] and reply.plan["n"] == 3
    assert reply.job is not None
    job = chat.wait(reply.job["id"])
    assert job["state"] == "done" and job["task"] == "copy"
    out = chat.studio.jobs.file(chat.owner, reply.job["id"], job["files"][0])  # type: ignore[index]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and len(set(lines)) == 3


def test_copy_in_chinese_for_a_product_named_in_chinese(chat: Chat) -> None:
    reply = chat.say("为保温随行杯470毫升写5条卖点", "write_copy")
    assert reply.plan is not None and reply.plan["products"] == ["kt-travel-tumbler"]
    assert reply.job is not None and "条卖点" in reply.reply
    job = chat.wait(reply.job["id"])
    text = chat.studio.jobs.file(chat.owner, reply.job["id"], job["files"][0])  # type: ignore[index]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text.read_text(encoding="utf-8"))


def test_copy_without_products_asks_for_them(chat: Chat) -> None:
    reply = chat.say("write some headlines", "write_copy")
    assert reply.needs == ["products"] and "which products" in reply.reply.lower()


def _photo(colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (320, 320), (245, 245, 245))
    image.paste(colour, (90, 70, 230, 250))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()


def test_cut_out_the_photos_i_uploaded(chat: Chat) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, colour in (("red.jpg", (200, 30, 30)), ("blue.jpg", (30, 30, 200)),
                             ("green.jpg", (30, 160, 30))):
            bundle.writestr(name, _photo(colour))
    chat.studio.uploads.save(chat.owner, "photos.zip", archive.getvalue())
    reply = chat.say("cut out the photos I uploaded", "cut_out")
    assert reply.plan is not None and reply.plan["source"] == "uploads"
    assert reply.job is not None and reply.job["total"] == 3
    job = chat.wait(reply.job["id"])
    assert job["state"] == "done", job
    pngs = [f for f in job["files"] if f.endswith(".png")]  # type: ignore[attr-defined]
    assert sorted(pngs) == ["blue.png", "green.png", "red.png"]
    with Image.open(chat.studio.jobs.file(chat.owner, reply.job["id"], "red.png")) as cut:
        assert cut.mode == "RGBA" and cut.getextrema()[3][0] == 0, "a transparent background"


def test_cutout_with_nothing_uploaded_says_so(chat: Chat) -> None:
    reply = chat.say("cut out the photos I uploaded", "cut_out")
    assert reply.job is None and "not uploaded any photos" in reply.reply


def test_translating_the_last_job_makes_its_banners_again_in_japanese(chat: Chat) -> None:
    made = chat.say("make 2 banners for the summer sale in square size", "make_banners")
    assert made.job is not None, made.reply
    assert chat.wait(made.job["id"])["state"] == "done"
    reply = chat.say("translate my last job into Japanese", "translate_banners")
    assert reply.plan is not None and reply.plan["languages"] == ["ja"]
    assert reply.plan["source"] == "last_job"
    assert reply.job is not None, reply.reply
    assert "2 images translated into Japanese" in reply.reply
    job = chat.wait(reply.job["id"])
    assert job["state"] == "done" and job["total"] == 2, job
    names = sorted(f for f in job["files"] if f.endswith(".ja.png"))  # type: ignore[attr-defined]
    assert len(names) == 2
    path = chat.studio.jobs.file(chat.owner, reply.job["id"], names[0])
    assert Image.open(path).size == (1080, 1080)


def test_another_merchants_job_cannot_be_translated(chat: Chat) -> None:
    made = chat.say("make 2 banners for the summer sale in square size", "make_banners")
    assert made.job is not None, made.reply
    other = Chat(chat.studio, f"m-{uuid.uuid4().hex[:8]}", chat.intents)
    asked = f"translate job {made.job['id']} into Spanish"
    reply = other.say(asked, "translate_banners")
    assert reply.plan is not None and reply.plan["source"] == f"job:{made.job['id']}"
    assert reply.job is None and other.studio.jobs.list(other.owner) == []
    assert "no job '" in reply.reply, reply.reply  # the same answer as for a job that does not exist


def test_translation_without_any_job_is_explained(chat: Chat) -> None:
    none_yet = chat.say("translate my last job into Spanish", "translate_banners")
    assert none_yet.job is None and "no jobs yet" in none_yet.reply


def test_no_drops_the_plan(chat: Chat) -> None:
    chat.say("make 200 banners for the summer sale", "make_banners")
    reply = chat.say("no, not now", "deny")
    assert "dropped" in reply.reply
    assert "nothing waiting" in chat.say("yes", "affirm").reply


def test_the_plan_survives_a_restart(chat: Chat, studio_parts: dict[str, object]) -> None:
    chat.say("给618大促做一百张主图", "make_banners")
    again = Chat(_studio(studio_parts, chat.intents), chat.owner, chat.intents)
    reply = again.say("好的，开始吧", "affirm")
    assert reply.job is not None and reply.job["total"] == 100
    assert reply.plan is not None and reply.plan["campaign"] == "618大促"
    assert reply.plan["sizes"] == ["800x800"] and reply.reply.startswith("已开始任务")
    chat.studio.jobs.cancel(chat.owner, reply.job["id"])


def test_status_and_list_answer_from_the_merchants_own_jobs(
        chat: Chat, studio_parts: dict[str, object]) -> None:
    started = chat.say("make 3 banners 300x250 for black friday", "make_banners")
    assert started.job is not None
    job_id = started.job["id"]
    chat.wait(job_id)
    status = chat.say("how's my job going?", "job_status")
    assert status.job is not None and status.job["id"] == job_id
    assert "done, 3 of 3 done" in status.reply
    listed = chat.say("show all my jobs", "list_jobs")
    assert job_id in listed.reply
    other = Chat(_studio(studio_parts, chat.intents), "m-someone-else", chat.intents)
    assert "can't find" in other.say(f"status of {job_id}", "job_status").reply
    assert other.say(f"status of {job_id}").job is None


def test_an_empty_or_oversized_message_is_refused(chat: Chat) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        chat.say("   ")
    with pytest.raises(InvalidInput, match="at most 2000"):
        chat.say("banners " * 400)


def test_a_job_question_keeps_the_plan_waiting_for_a_yes_on_show(chat: Chat) -> None:
    chat.say("make 200 banners for the summer sale", "make_banners")
    status = chat.say("how's my job going?", "job_status")
    assert "no jobs yet" in status.reply
    assert status.plan is not None and status.plan["count"] == 200 and status.confirm


def test_png_banners_and_an_edit_said_as_a_new_request(chat: Chat) -> None:
    planned = chat.say("make 80 banners 300x250 for the summer sale as PNG", "make_banners")
    assert planned.confirm and planned.reply.endswith("English, PNG. Go?")
    edited = chat.say("make 4 banners", "make_banners")  # the NLU heard a new request
    assert edited.plan is not None and edited.plan["campaign"] == "summer sale"
    assert edited.job is not None and edited.job["total"] == 4
    job = chat.wait(edited.job["id"])
    assert job["state"] == "done"
    assert sorted({f.rsplit(".", 1)[1] for f in job["files"]}) == ["csv", "json", "png"]  # type: ignore[attr-defined]


def test_another_merchants_products_are_not_for_this_merchant(chat: Chat) -> None:
    chat.studio.not_theirs = lambda owner: {"kt-gooseneck-kettle"}
    reply = chat.say("write 3 titles for the Gooseneck Electric Kettle", "write_copy")
    assert reply.job is None and "no product kt-gooseneck-kettle" in reply.reply


def test_a_chinese_merchant_hears_about_jobs_in_chinese(chat: Chat) -> None:
    planned = chat.say("给黑五做两百张海报", "make_banners")
    assert planned.confirm and planned.reply.endswith("开始吗？")
    started = chat.say("好的，开始", "affirm")
    assert started.job is not None
    status = chat.say("进度怎么样", "job_status")
    cancelled = chat.say("取消", "cancel_job")
    for reply in (status.reply, cancelled.reply):
        words = re.findall(r"[A-Za-z]{2,}", reply.replace(started.job["id"], ""))
        assert words == [], reply  # no English job log inside a Chinese reply
    assert cancelled.reply.startswith(f"已取消任务 {started.job['id']}")
