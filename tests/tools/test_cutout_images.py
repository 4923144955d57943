"""Reading photos: every bad file is a clear InvalidInput; odd but valid ones are normalised."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from shopmind.errors import InvalidInput
from tools.cutout.images import read_photo


def _save(image: Image.Image, path: Path, fmt: str = "PNG", **options: object) -> Path:
    image.save(path, fmt, **options)
    return path


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"just some text, not a picture", "not an image"),
])
def test_empty_and_non_image_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        read_photo(path)


def test_truncated_file_is_reported_as_corrupt(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (10, 20, 30)).save(buffer, "PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(InvalidInput, match="corrupt or truncated"):
        read_photo(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        read_photo(tmp_path / "nope.png")


def test_decompression_bomb_names_pillows_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    path = _save(Image.new("RGB", (120, 100)), tmp_path / "big.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)
    with pytest.raises(InvalidInput, match="decompression-bomb limit is 5000 pixels"):
        read_photo(path)


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = _save(Image.new("CMYK", (40, 30), (0, 255, 255, 0)), tmp_path / "c.jpg", "JPEG")
    photo = read_photo(path)
    assert photo.rgb.shape == (30, 40, 3)
    red, green, blue = photo.rgb[15, 20].astype(int)
    assert red > 200 and green < 60 and blue < 60


def test_sixteen_bit_greyscale_is_scaled_not_clipped(tmp_path: Path) -> None:
    values = np.full((20, 20), 32768, np.uint16)
    path = _save(Image.fromarray(values), tmp_path / "deep.png")  # mode I;16
    photo = read_photo(path)
    assert photo.rgb.dtype == np.uint8
    assert 120 <= photo.rgb[0, 0, 0] <= 135


@pytest.mark.parametrize("mode", ["P", "L", "1"])
def test_palette_and_greyscale_become_rgb(tmp_path: Path, mode: str) -> None:
    path = _save(Image.new("RGB", (16, 16), (255, 255, 255)).convert(mode), tmp_path / "p.png")
    photo = read_photo(path)
    assert photo.rgb.shape == (16, 16, 3) and photo.alpha is None


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (60, 20), (200, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    path = _save(image, tmp_path / "r.jpg", "JPEG", exif=exif.tobytes())
    assert read_photo(path).rgb.shape == (60, 20, 3)


def test_existing_transparency_is_kept(tmp_path: Path) -> None:
    rgba = np.zeros((32, 32, 4), np.uint8)
    rgba[8:24, 8:24] = (0, 0, 255, 255)
    photo = read_photo(_save(Image.fromarray(rgba, "RGBA"), tmp_path / "t.png"))
    assert photo.alpha is not None and photo.alpha[0, 0] == 0 and photo.alpha[16, 16] == 255


def test_opaque_alpha_channel_is_ignored(tmp_path: Path) -> None:
    path = _save(Image.new("RGBA", (10, 10), (1, 2, 3, 255)), tmp_path / "o.png")
    assert read_photo(path).alpha is None


def test_palette_with_transparency_keeps_it(tmp_path: Path) -> None:
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    image.paste(1, (2, 2, 8, 8))
    path = _save(image, tmp_path / "pt.png", transparency=0)
    photo = read_photo(path)
    assert photo.alpha is not None and photo.alpha[0, 0] == 0 and photo.alpha[5, 5] == 255
