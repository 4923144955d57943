"""Merchant endpoints: the studio chat, jobs (each owned by one merchant) and their files."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from agents.studio.catalogue_upload import CatalogueReport
from shopmind.identity import Principal
from ui.auth import require
from ui.chat_routes import PlatformDep, SessionId

MerchantDep = Annotated[Principal, Depends(require("merchant"))]
JobId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9]+$")]
FileName = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")]
merchant = APIRouter(prefix="/v1", tags=["merchant"])


class MerchantChatIn(BaseModel):
    session_id: str = Field(default="default", min_length=1, max_length=64,
                            pattern=r"^[A-Za-z0-9_-]+$",
                            description="the conversation; the plan under discussion is kept "
                                        "per session")
    text: str = Field(min_length=1, max_length=2000, description="what the merchant says")


class StudioPlanOut(BaseModel):
    """The plan: exactly these keys, null where not said."""

    task: str | None = Field(description="banners, copy, cutout, translate, job_status, "
                                          "job_cancel or job_list")
    count: int | None = None
    campaign: str | None = None
    products: list[str] | None = Field(default=None, description="product ids")
    sizes: list[str] | None = Field(default=None, description="WxH")
    languages: list[str] | None = Field(default=None, description="ISO 639-1 codes")
    tone: str | None = None
    kind: str | None = Field(default=None, description="kind of copy")
    n: int | None = Field(default=None, description="texts per product")
    source: str | None = Field(default=None, description="uploads, last_job, job:<id>, "
                                                         "tag:<tag> or category:<words>")


class MerchantChatOut(BaseModel):
    reply: str
    plan: StudioPlanOut | None
    needs: list[str] = Field(description="plan slots still missing (the studio asks for them)")
    confirm: bool = Field(description="the plan waits for a yes before it runs")
    job: dict[str, Any] | None = Field(description="the job this message started, cancelled "
                                                   "or asked about")


@merchant.post("/merchant/chat", response_model=MerchantChatOut)
async def merchant_chat(body: MerchantChatIn, platform: PlatformDep,
                        owner: MerchantDep) -> dict[str, Any]:
    """The studio: a request in plain words (English or Chinese) becomes a plan, questions
    for what is missing, a confirmation for big jobs, and a job."""
    reply = await platform.studio.chat(owner.id, body.session_id, body.text)
    return reply.public()


@merchant.get("/merchant/chat/{session_id}")
async def merchant_history(session_id: SessionId, platform: PlatformDep,
                           owner: MerchantDep) -> list[dict[str, Any]]:
    """This merchant's studio conversation so far."""
    return await run_in_threadpool(platform.studio.history, owner.id, session_id)


@merchant.get("/jobs")
async def job_list(platform: PlatformDep, owner: MerchantDep) -> list[dict[str, Any]]:
    """This merchant's jobs, newest first."""
    jobs = await run_in_threadpool(platform.jobs.list, owner.id)
    return [job.public() for job in jobs]


@merchant.get("/jobs/{job_id}")
async def job_status(job_id: JobId, platform: PlatformDep, owner: MerchantDep) -> dict[str, Any]:
    job = await run_in_threadpool(platform.jobs.get, owner.id, job_id)
    return job.public()


@merchant.delete("/jobs/{job_id}")
async def job_cancel(job_id: JobId, platform: PlatformDep, owner: MerchantDep) -> dict[str, Any]:
    """Stops the job between items; what is done is kept."""
    job = await run_in_threadpool(platform.jobs.cancel, owner.id, job_id)
    return job.public()


@merchant.get("/jobs/{job_id}/download")
async def job_download(job_id: JobId, platform: PlatformDep, owner: MerchantDep) -> FileResponse:
    path = await run_in_threadpool(platform.jobs.archive, owner.id, job_id)
    return FileResponse(path, filename=f"{path.stem}-{job_id}.zip", media_type="application/zip")


@merchant.get("/jobs/{job_id}/files/{name}")
async def job_file(job_id: JobId, name: FileName, platform: PlatformDep,
                   owner: MerchantDep) -> FileResponse:
    """One result file of the merchant's own job."""
    path = await run_in_threadpool(platform.jobs.file, owner.id, job_id, name)
    return FileResponse(path)


@merchant.post("/merchant/uploads")
async def upload(file: UploadFile, platform: PlatformDep, owner: MerchantDep) -> dict[str, Any]:
    """Product photos: one image or a zip of images, each checked; kept for this merchant."""
    cap = platform.settings.max_upload_bytes
    data = await file.read(cap + 1)
    batch = await run_in_threadpool(platform.uploads.save, owner.id,
                                    file.filename or "upload", data)
    return batch.public()


@merchant.get("/merchant/uploads/{batch_id}")
async def upload_files(batch_id: JobId, platform: PlatformDep,
                       owner: MerchantDep) -> dict[str, Any]:
    """The photos kept from one of this merchant's uploads."""
    files = await run_in_threadpool(platform.uploads.files, owner.id, batch_id)
    return {"batch": batch_id, "files": [path.name for path in files]}


@merchant.get("/tools")
async def list_tools(platform: PlatformDep, owner: MerchantDep) -> list[dict[str, Any]]:
    return platform.registry.describe()


@merchant.post("/merchant/catalogue")
async def catalogue_upload(file: UploadFile, platform: PlatformDep,
                           owner: MerchantDep) -> CatalogueReport:
    """Products from a catalogue file (JSON lines or a Saleor fixture) into the knowledge base,
    owned by this merchant; bad rows and others' products are reported by line and field."""
    cap = platform.settings.max_upload_bytes
    data = await file.read(cap + 1)
    return await run_in_threadpool(platform.catalogue_uploads.load, owner.id,
                                   file.filename or "catalogue", data)
