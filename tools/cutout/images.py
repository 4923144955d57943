"""Reading product photos safely: one clear ``InvalidInput`` per bad file, and every odd but
valid image (CMYK, 16-bit, palette, greyscale, EXIF-rotated, already transparent) turned
into 8-bit RGB plus the alpha it already had, if any."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from shopmind.errors import InvalidInput

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif"})
TRANSPARENT_SHARE = 0.01   # an alpha channel counts when this share of pixels is see-through


@dataclass
class Photo:
    """An opened photo: 8-bit RGB, and the alpha it came with when that alpha is real."""

    rgb: np.ndarray                  # uint8 (height, width, 3)
    alpha: np.ndarray | None = None  # uint8 (height, width) when the file was already transparent
    name: str = "image"


def open_image(path: Path) -> Image.Image:
    """The photo at ``path`` as an RGB (or RGBA, if it was transparent) Pillow image."""
    photo = read_photo(path)
    rgb = Image.fromarray(photo.rgb, "RGB")
    if photo.alpha is not None:
        rgb.putalpha(Image.fromarray(photo.alpha, "L"))
    return rgb


def read_photo(path: Path) -> Photo:
    """Opens, checks and normalises one file; every failure is an ``InvalidInput``."""
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist")
    if path.stat().st_size == 0:
        raise InvalidInput(f"{path.name} is empty (0 bytes)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
                return photo_from_image(image, path.name)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        limit = Image.MAX_IMAGE_PIXELS
        raise InvalidInput(f"{path.name} is too large to process safely: {exc} "
                           f"(Pillow's decompression-bomb limit is {limit} pixels)") from exc
    except UnidentifiedImageError as exc:
        raise InvalidInput(f"{path.name} is not an image Pillow can read") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(f"{path.name} is corrupt or truncated: {exc}") from exc


def photo_from_image(image: Image.Image, name: str = "image") -> Photo:
    """Normalises an opened Pillow image (see the module docstring)."""
    image = ImageOps.exif_transpose(image)
    image = _to_eight_bit(image)
    if image.mode == "CMYK":
        image = _cmyk_to_rgb(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    rgba = np.asarray(image.convert("RGBA") if has_alpha else image.convert("RGB"))
    alpha = rgba[..., 3] if has_alpha else None
    if alpha is not None and (alpha < 250).mean() < TRANSPARENT_SHARE:
        alpha = None
    rgb = np.ascontiguousarray(rgba[..., :3])
    if alpha is not None:
        rgb = _unpremultiplied_fill(rgb, alpha)
    return Photo(rgb=rgb, alpha=None if alpha is None else alpha.copy(), name=name)


def _to_eight_bit(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit integer or float greyscale to 8-bit 'L', scaled by the mode's range."""
    if image.mode not in ("I", "F") and not image.mode.startswith("I;16"):
        return image
    values = np.asarray(image, dtype=np.float64)
    top = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
    if image.mode == "F":
        top = max(1.0, float(values.max()))
    scaled = np.clip(values / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return Image.fromarray(scaled, "L")


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    """With the file's ICC profile when it has one, else Pillow's plain conversion."""
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                                  outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            converted = None  # a broken embedded profile: the plain conversion is close enough
        if converted is not None:
            return converted
    return image.convert("RGB")


def _unpremultiplied_fill(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Fully transparent pixels carry arbitrary colour; make them white so nothing leaks."""
    out = rgb.copy()
    out[alpha == 0] = 255
    return out
