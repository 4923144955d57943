"""Merchant endpoints: the studio chat, jobs (each owned by one merchant) and their files."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from shopmind.identity import Principal
from ui.auth import require
from ui.chat_routes import PlatformDep

MerchantDep = Annotated[Principal, Depends(require("merchant"))]
JobId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9]+$")]
FileName = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")]
merchant = APIRouter(prefix="/v1", tags=["merchant"])


class MerchantChatIn(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


@merchant.post("/merchant/chat")
async def merchant_chat(body: MerchantChatIn, platform: PlatformDep,
                        owner: MerchantDep) -> dict[str, Any]:
    job = await run_in_threadpool(platform.jobs.submit, owner.id, body.text)
    return {"reply": f"Started job {job.id}: {job.total} banners.", "job": job.public()}


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
    return FileResponse(path, filename=f"banners-{job_id}.zip", media_type="application/zip")


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
