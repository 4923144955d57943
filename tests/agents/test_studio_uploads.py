"""Merchants' photo uploads: images checked, zips unpacked safely, kept per merchant."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from agents.studio.uploads import UploadStore
from shopmind.errors import InvalidInput, NotFound, TooLarge


def _png(size: tuple[int, int] = (40, 30), colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def store(tmp_path: Path) -> UploadStore:
    return UploadStore(tmp_path / "uploads", max_bytes=200_000)


def test_an_image_is_kept_for_its_merchant_only(store: UploadStore) -> None:
    batch = store.save("m1", "Red Mug (front).png", _png())
    assert batch.files == ["Red_Mug_front_.png"] and batch.rejected == []
    assert [p.name for p in store.files("m1", batch.id)] == batch.files
    assert store.latest("m1") == batch.id
    with pytest.raises(NotFound):
        store.files("m2", batch.id)
    with pytest.raises(NotFound):
        store.latest("m2")


def test_a_zip_keeps_its_images_and_names_what_it_refused(store: UploadStore) -> None:
    data = _zip({"photos/mug.png": _png(), "photos/kettle.png": _png(colour="blue"),
                 "notes.txt": b"hello", "broken.jpg": b"\xff\xd8\xff not really a jpeg"})
    batch = store.save("m1", "batch.zip", data)
    assert sorted(batch.files) == ["kettle.png", "mug.png"]
    reasons = dict(batch.rejected)
    assert reasons["notes.txt"] == "not an image (.txt)"
    assert reasons["broken.jpg"] == "broken.jpg is not an image Pillow can read"


@pytest.mark.parametrize("member", ["../../etc/evil.png", "/tmp/evil.png",
                                    "photos/../../evil.png", "C:/evil.png"])
def test_a_zip_with_path_traversal_is_refused_whole(store: UploadStore, tmp_path: Path,
                                                    member: str) -> None:
    data = _zip({"ok.png": _png(), member: _png()})
    with pytest.raises(InvalidInput, match="path traversal"):
        store.save("m1", "sneaky.zip", data)
    assert not any(tmp_path.rglob("evil.png")) and not any(tmp_path.rglob("ok.png"))


def test_bad_uploads_get_clear_errors(store: UploadStore) -> None:
    with pytest.raises(InvalidInput, match="not an image"):
        store.save("m1", "catalogue.pdf", b"%PDF-1.4")
    with pytest.raises(InvalidInput, match="not a readable zip"):
        store.save("m1", "photos.zip", b"PK but not really")
    with pytest.raises(TooLarge, match="200,000 bytes"):
        store.save("m1", "huge.png", b"x" * 200_001)
    bomb = _zip({f"{n}.png": b"\0" * 150_000 for n in range(2)})  # compresses to almost nothing
    with pytest.raises(TooLarge, match="unpacks to more"):
        store.save("m1", "bomb.zip", bomb)
    with pytest.raises(NotFound):
        store.files("m1", "../../etc")
