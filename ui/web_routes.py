"""Sign-in for the web UI, the owner-checked file routes its merchant tab links to, and the
catalogue pictures its product cards show.

``/login`` takes a token (from ``shopmind users`` or the demo credentials file) and keeps it
in an HttpOnly, SameSite=Strict cookie; ``/logout`` drops it. The Gradio app at ``/`` asks
``signed_in_id`` who the cookie belongs to on every request, so a revoked token is out at
once. Job files are served only here and under ``/v1/jobs``, both checking the owner. A
product's picture is served by product id to any signed-in principal, only from the
catalogue folder; no path ever comes from the caller.
"""

from __future__ import annotations

import html
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from shopmind.errors import Forbidden, NotAuthorised, NotFound
from shopmind.identity import Principal
from ui.auth import SESSION_COOKIE, Gate, get_gate, request_token
from ui.chat_routes import PlatformDep
from ui.merchant_routes import FileName, JobId
from ui.platform import Platform

web = APIRouter(include_in_schema=False)
_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shopmind: sign in
</title><style>body{{font-family:sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}}
input{{width:100%;padding:.5rem;margin:.5rem 0}}button{{padding:.5rem 1rem}}
.error{{color:#b00020}}</style></head><body><h1>Shopmind</h1><p>Sign in with your token.</p>
<form method="post" action="/login"><label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button id="sign-in" type="submit">Sign in</button></form><p class="error">{error}</p>
</body></html>"""
GateDep = Annotated[Gate, Depends(get_gate)]
ProductId = Annotated[str, Path(min_length=1, max_length=64,
                                pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]


def signed_in_id(gate: Gate, request: Request) -> str | None:
    """Gradio's ``auth_dependency``: the principal id behind the session cookie, or None."""
    principal = gate.optional(request.cookies.get(SESSION_COOKIE))
    return principal.id if principal is not None else None


def _merchant(gate: Gate, request: Request) -> Principal:
    principal = gate.principal(request_token(request))
    if principal.role != "merchant":
        raise Forbidden("job files are for the merchant who owns the job")
    return principal


@web.get("/login")
async def login_page(error: str = "") -> HTMLResponse:
    return HTMLResponse(_PAGE.format(error=html.escape(error)))


@web.post("/login")
async def login(gate: GateDep, token: Annotated[str, Form(max_length=200)]) -> Response:
    try:
        await run_in_threadpool(gate.principal, token)
    except NotAuthorised:
        return HTMLResponse(_PAGE.format(error="That token is not valid."), status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token.strip(), httponly=True, samesite="strict",
                        max_age=7 * 24 * 3600)
    return response


@web.get("/logout")
async def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@web.get("/ui/jobs/{job_id}/files/{name}")
async def ui_job_file(job_id: JobId, name: FileName, request: Request, gate: GateDep,
                      platform: PlatformDep) -> FileResponse:
    owner = _merchant(gate, request)
    return FileResponse(await run_in_threadpool(platform.jobs.file, owner.id, job_id, name))


@web.get("/ui/jobs/{job_id}/download")
async def ui_job_download(job_id: JobId, request: Request, gate: GateDep,
                          platform: PlatformDep) -> FileResponse:
    owner = _merchant(gate, request)
    path = await run_in_threadpool(platform.jobs.archive, owner.id, job_id)
    return FileResponse(path, filename=f"banners-{job_id}.zip", media_type="application/zip")


@web.get("/ui/products/{product_id}/image")
async def ui_product_image(product_id: ProductId, request: Request, gate: GateDep,
                           platform: PlatformDep) -> FileResponse:
    """A catalogue product's picture, for the shopper's product cards (any signed-in role)."""
    gate.principal(request_token(request))
    return FileResponse(await run_in_threadpool(_product_image, platform, product_id),
                        headers={"Cache-Control": "private, max-age=3600"})


def _product_image(platform: Platform, product_id: str) -> FilePath:
    """The product's image file inside the catalogue folder; ``NotFound`` otherwise."""
    product = platform.knowledge.product(product_id)
    root = platform.settings.catalog_dir.resolve()
    path = (root / product.image).resolve() if product.image else root
    if not path.is_relative_to(root) or path == root or not path.is_file():
        raise NotFound(f"product {product_id!r} has no picture")
    return path
