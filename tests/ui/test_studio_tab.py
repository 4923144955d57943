"""The studio tab's handlers without a browser: the role check, replies, buttons, uploads,
progress and results (a fake studio and fake jobs; real principals and a real upload store)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gradio as gr
import pytest
from PIL import Image

from agents.studio.dialogue import StudioReply
from agents.studio.uploads import UploadStore
from shopmind.errors import Conflict
from tests.testing import Accounts
from ui.platform import Platform
from ui.studio_tab import StudioView, download, plan_markdown, progress, results
from ui.web import signed_in

PLAN = {"task": "banners", "count": 12, "campaign": "双十一", "products": None,
        "sizes": ["1080x1080"], "languages": [], "tone": None, "kind": None, "n": None,
        "source": None}


@dataclass
class FakeStudio:
    reply: StudioReply
    calls: list[tuple[str, ...]] = field(default_factory=list)

    async def chat(self, owner: str, session_id: str, text: str) -> StudioReply:
        self.calls.append(("chat", owner, session_id, text))
        return self.reply

    async def press(self, owner: str, session_id: str, button: str) -> StudioReply:
        self.calls.append(("press", owner, session_id, button))
        return self.reply


@dataclass
class FakeJobs:
    jobs: list[dict[str, Any]] = field(default_factory=list)

    def list(self, owner: str) -> list[Any]:
        return [SimpleNamespace(**job, public=lambda job=job: dict(job)) for job in self.jobs]

    def cancel(self, owner: str, job_id: str) -> Any:
        raise Conflict(f"job {job_id} is already done; only a queued or running job can be "
                       "cancelled")


def _job(state: str = "running", done: int = 5, files: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": "a1b2c3d4e5f60718", "state": state, "done": done, "total": 12,
            "message": f"{done} of 12 banners", "error": None, "task": "banners",
            "files": list(files), "request": "给双十一做12张方图"}


@pytest.fixture
def studio() -> FakeStudio:
    return FakeStudio(StudioReply("12 banners: 12 products x 1 variant, 1080x1080. Go?",
                                  PLAN, [], True))


@pytest.fixture
def view(synced_platform: Platform, studio: FakeStudio, tmp_path: Path) -> StudioView:
    platform = SimpleNamespace(principals=synced_platform.principals, studio=studio,
                               uploads=UploadStore(tmp_path / "uploads", 5_000_000),
                               jobs=FakeJobs())
    return StudioView(platform, signed_in)


def _as(accounts: Accounts, role: str) -> Any:
    principal = accounts.first(role)
    return SimpleNamespace(username=principal["id"], headers={"host": "127.0.0.1:7860"})


async def test_only_a_merchant_reaches_the_studio(view: StudioView, studio: FakeStudio,
                                                  accounts: Accounts) -> None:
    for request in (_as(accounts, "shopper"), SimpleNamespace(username=None)):
        chat, box, *_ = await view.send("make 12 banners", [], "s1", "", request)
        assert chat[-1]["content"].startswith("⚠️") and box == "make 12 banners"
        chat, _ = await view.upload([], [], request)
        progress_text, *_ = await view.tick("", "", request)
        assert progress_text.startswith("⚠️")
    assert studio.calls == []


async def test_a_plan_waiting_for_a_yes_enables_confirm_and_cancel(
        view: StudioView, studio: FakeStudio, accounts: Accounts) -> None:
    merchant = _as(accounts, "merchant")
    assert (await view.send("   ", [], "s1", "", merchant))[:2] == ([], "")
    chat, box, plan, confirm, cancel, job = await view.send("给双十一做12张方图", [], "s1", "",
                                                            merchant)
    assert [m["role"] for m in chat] == ["user", "assistant"] and box == ""
    assert "| banners | 12 |" in plan and "| sizes | 1080x1080 |" in plan and "tone" not in plan
    assert confirm.interactive and cancel.interactive and job == ""
    studio.reply = StudioReply("Started job j1: 12 banners.", PLAN, [], False,
                               {"id": "j1", "state": "queued"})
    chat, plan, confirm, cancel, job = await view.press("confirm", chat, "s1", "", merchant)
    assert chat[-2]["content"] == "[Confirm]" and chat[-1]["content"].startswith("Started")
    assert not confirm.interactive and not cancel.interactive and job == "j1"
    assert "Started as job `j1`" in plan
    assert studio.calls[-1] == ("press", accounts.first("merchant")["id"], "s1", "confirm")


def test_the_plan_names_what_it_still_needs() -> None:
    shown = plan_markdown({**PLAN, "count": None}, ["count"], False)
    assert "**Still needs:** banners" in shown and "go-ahead" not in shown
    assert "No plan yet" in plan_markdown(None, [], False)


async def test_several_photos_are_one_batch_and_refusals_are_named(
        view: StudioView, accounts: Accounts, tmp_path: Path) -> None:
    paths = []
    for index, colour in enumerate(("red", "green", "blue")):
        path = tmp_path / f"photo-{index}.jpg"
        Image.new("RGB", (64, 48), colour).save(path)
        paths.append(str(path))
    chat, cleared = await view.upload(paths, [], _as(accounts, "merchant"))
    assert cleared is None
    assert chat[-1]["content"].startswith("Uploaded 3 photos: photo-0.jpg, photo-1.jpg")
    store: UploadStore = view.platform.uploads
    owner = accounts.first("merchant")["id"]
    assert len(store.files(owner, store.latest(owner))) == 3
    notes = tmp_path / "notes.zip"
    with zipfile.ZipFile(notes, "w") as archive:
        archive.writestr("readme.txt", "hi")
        archive.write(paths[0], "mug.jpg")
    chat, _ = await view.upload([str(notes)], [], _as(accounts, "merchant"))
    assert "Uploaded 1 photo: mug.jpg" in chat[-1]["content"]
    assert "readme.txt (not an image (.txt))" in chat[-1]["content"]
    chat, _ = await view.upload([str(notes), paths[0]], [], _as(accounts, "merchant"))
    assert chat[-1]["content"].startswith("⚠️ upload a zip on its own")


async def test_progress_results_and_the_zip_link_follow_the_job(view: StudioView,
                                                                accounts: Accounts) -> None:
    merchant = _as(accounts, "merchant")
    jobs: FakeJobs = view.platform.jobs
    assert (await view.tick("", "", merchant))[0] == "No jobs yet."
    jobs.jobs = [_job("running", 5, ("001.jpg",))]
    status, gallery, texts, link, rows, shown = await view.tick("", "", merchant)
    assert "**running**" in status and "5/12" in status and link == "" and texts == ""
    assert gallery == ["http://127.0.0.1:7860/ui/jobs/a1b2c3d4e5f60718/files/001.jpg"]
    assert rows == [["a1b2c3d4e5f60718", "banners", "running", "5/12", "给双十一做12张方图"]]
    unchanged = await view.tick("", shown, merchant)
    assert unchanged == (*[gr.skip()] * 5, shown)  # nothing changed: nothing sent
    chat = await view.stop("", [], merchant)
    assert chat[-1]["content"].startswith("⚠️ job a1b2c3d4e5f60718 is already done")


def test_a_done_job_offers_its_zip_and_images_only() -> None:
    job = _job("done", 12, ("001.jpg", "002.png", "manifest.json", "manifest.csv"))
    assert 'href="/ui/jobs/a1b2c3d4e5f60718/download"' in download(job)
    assert [u.rsplit("/", 1)[1] for u in results(job, "http://h")] == ["001.jpg", "002.png"]
    assert "100%" in progress(job) and "**done**" in progress(job)
    assert download(_job("cancelled", 0, ("manifest.json",))) == ""
    failed = {**_job("failed", 3), "error": "the renderer crashed"}
    assert "⚠️ the renderer crashed" in progress(failed)


def test_a_copy_job_shows_its_texts(view: StudioView, tmp_path: Path,
                                    accounts: Accounts) -> None:
    text = tmp_path / "001-p1-title-en.txt"
    text.write_text("Light, warm, yours.\n", encoding="utf-8")
    view.platform.jobs.file = lambda owner, job_id, name: tmp_path / name
    job = {**_job("done", 1, (text.name, "manifest.json")), "task": "copy"}
    assert view._texts(accounts.first("merchant")["id"], job) == "- Light, warm, yours."
    assert results(job, "http://h") == []


def test_pick_reads_the_job_id_from_the_chosen_row(view: StudioView,
                                                   accounts: Accounts) -> None:
    event = SimpleNamespace(row_value=["j9", "banners", "done", "2/2", "x"])
    assert view.pick(event, _as(accounts, "merchant")) == "j9"  # type: ignore[arg-type]



@dataclass
class FakeCatalogue:
    loads: list[tuple[str, str, bytes]] = field(default_factory=list)

    def load(self, owner: str, filename: str, data: bytes) -> dict[str, Any]:
        self.loads.append((owner, filename, data))
        return {"format": "jsonl", "loaded": 1, "updated": 0, "products": ["zz-new"],
                "rejected": [{"line": 2, "field": "price", "message": "must be a number"}]}


async def test_a_catalogue_file_goes_to_the_knowledge_base_and_bad_rows_are_named(
        view: StudioView, accounts: Accounts, tmp_path: Path) -> None:
    catalogue = FakeCatalogue()
    view.platform.catalogue_uploads = catalogue
    rows = tmp_path / "products.jsonl"
    rows.write_text('{"id": "zz-new"}\n{"id": "zz-bad", "price": "x"}\n', encoding="utf-8")
    chat, _ = await view.upload([str(rows)], [], _as(accounts, "merchant"))
    assert chat[-1]["content"] == ("Catalogue (jsonl): 1 new and 0 updated products. "
                                   "Not loaded: line 2 price: must be a number.")
    owner, name, data = catalogue.loads[0]
    assert (owner, name, data) == (accounts.first("merchant")["id"], "products.jsonl",
                                   rows.read_bytes())
    chat, _ = await view.upload([str(rows)], [], _as(accounts, "shopper"))
    assert chat[-1]["content"].startswith("⚠️") and len(catalogue.loads) == 1
