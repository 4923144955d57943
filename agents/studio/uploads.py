"""Merchants' uploaded product photos: checked, kept per merchant, never trusted.

An upload is one image or a zip of images. Every image is opened and checked the way the
cutout reads photos (``tools.cutout.images.read_photo``: corrupt, empty, decompression-bomb
and unreadable files are refused with a clear reason); a zip member whose path leaves the
upload (``../``, an absolute path, a link) refuses the whole zip, and so does a zip that would
unpack past the size cap. What is kept lands in ``<uploads>/<merchant>/<batch>/`` under a safe
name; another merchant's batch is simply not found.

Example::

    store = UploadStore(settings.data_dir / "uploads", max_bytes=settings.max_upload_bytes)
    batch = store.save("m1a2b3c4", "photos.zip", data)
    batch.files        # ["mug.jpg", "kettle.png"]
    batch.rejected     # [("notes.txt", "not an image (.txt)")]
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from shopmind.errors import InvalidInput, NotFound, TooLarge
from tools.cutout.images import IMAGE_SUFFIXES, read_photo

MAX_MEMBERS = 500
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class UploadBatch:
    id: str
    files: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def public(self) -> dict[str, object]:
        return {"batch": self.id, "files": self.files,
                "rejected": [{"name": n, "reason": r} for n, r in self.rejected]}


class UploadStore:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def save(self, owner: str, filename: str, data: bytes) -> UploadBatch:
        """Checks and keeps one upload (an image or a zip of images) for ``owner``."""
        if len(data) > self.max_bytes:
            raise TooLarge(f"an upload is limited to {self.max_bytes:,} bytes")
        members = (_zip_members(data, self.max_bytes) if filename.lower().endswith(".zip")
                   else [(filename, data)])
        batch = UploadBatch(secrets.token_hex(6))
        folder = self._folder(owner, batch.id)
        folder.mkdir(parents=True)
        for name, content in members:
            self._keep(folder, name, content, batch)
        if not batch.files:
            shutil.rmtree(folder)
            reasons = "; ".join(f"{n}: {r}" for n, r in batch.rejected) or "nothing in it"
            raise InvalidInput(f"no usable image in {filename!r} ({reasons})")
        return batch

    def files(self, owner: str, batch_id: str) -> list[Path]:
        """The kept images of one of ``owner``'s batches."""
        folder = self._folder(owner, batch_id)
        if not re.fullmatch(r"[0-9a-f]{12}", batch_id) or not folder.is_dir():
            raise NotFound(f"no upload {batch_id!r}")
        return sorted(p for p in folder.iterdir() if p.is_file())

    def latest(self, owner: str) -> str:
        """The id of ``owner``'s newest batch ("the photos I uploaded")."""
        folder = self.root / _safe(owner)
        batches = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime) if (
            folder.is_dir()) else []
        if not batches:
            raise NotFound("you have not uploaded any photos yet")
        return batches[-1].name

    def _folder(self, owner: str, batch_id: str) -> Path:
        return self.root / _safe(owner) / _safe(batch_id)

    def _keep(self, folder: Path, name: str, content: bytes, batch: UploadBatch) -> None:
        base = PurePosixPath(name).name
        suffix = PurePosixPath(base).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            batch.rejected.append((base, f"not an image ({suffix or 'no extension'})"))
            return
        with tempfile.TemporaryDirectory() as scratch:
            probe = Path(scratch) / f"upload{suffix}"
            probe.write_bytes(content)
            try:
                read_photo(probe)
            except InvalidInput as exc:
                batch.rejected.append((base, exc.message.replace(probe.name, base)))
                return
        target = _unused(folder, _safe(base))
        target.write_bytes(content)
        batch.files.append(target.name)


def _zip_members(data: bytes, max_bytes: int) -> list[tuple[str, bytes]]:
    """The files of a zip; a path that leaves the zip, a link or a bomb refuses it whole."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InvalidInput("the upload ends in .zip but is not a readable zip file") from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise TooLarge(f"a zip may hold at most {MAX_MEMBERS} files, this one {len(infos)}")
        if sum(i.file_size for i in infos) > max_bytes:
            raise TooLarge(f"the zip unpacks to more than the {max_bytes:,}-byte upload limit")
        for info in infos:
            _check_member(info)
        return [(info.filename, archive.read(info)) for info in infos]


def _check_member(info: zipfile.ZipInfo) -> None:
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", info.filename):
        raise InvalidInput(f"zip member {info.filename!r} points outside the upload "
                           "(path traversal); nothing was kept")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise InvalidInput(f"zip member {info.filename!r} is a link; nothing was kept")


def _safe(name: str) -> str:
    cleaned = _SAFE.sub("_", name).strip("._") or "file"
    return cleaned[:100]


def _unused(folder: Path, name: str) -> Path:
    target, stem, suffix, n = folder / name, Path(name).stem, Path(name).suffix, 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target
