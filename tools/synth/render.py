"""Rendering one banner: background from the product's palette, the cutout, fitted text.

Runs inside executor workers, so everything a banner needs travels in a picklable
``BannerSpec`` and cutouts are cached per worker process.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.layout import fit_text, template_for
from tools.layout.templates import Box
from tools.layout.text import font

Colour = tuple[int, int, int]
FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}


@dataclass(frozen=True)
class BannerSpec:
    product_id: str
    image: Path
    mask: Path | None
    headline: str
    subline: str
    price: str
    cta: str
    width: int
    height: int
    format: str = "jpg"


@lru_cache(maxsize=64)
def load_cutout(image: Path, mask: Path | None) -> Image.Image:
    """The product as RGBA, cropped to its mask (a saved mask, or the classic cutout)."""
    rgb = Image.open(image).convert("RGB")
    if mask is not None and mask.is_file():
        alpha = Image.open(mask).convert("L")
    else:
        from tools.cutout.classic import estimate_mask

        alpha = estimate_mask(rgb)
    rgba = rgb.copy()
    rgba.putalpha(alpha)
    box = alpha.getbbox()
    return rgba.crop(box) if box else rgba


def palette(cutout: Image.Image) -> tuple[Colour, Colour, Colour]:
    """(background tint, accent, text colour) from the product's own colours."""
    pixels = np.asarray(cutout.convert("RGBA"), dtype=np.float32).reshape(-1, 4)
    body = pixels[pixels[:, 3] > 128][:, :3]
    mean = body.mean(axis=0) if len(body) else np.array([120.0, 120.0, 120.0])
    tint = tuple(int(v) for v in mean * 0.18 + 255 * 0.82)
    accent = tuple(int(v) for v in np.clip(mean * 0.4, 0, 255))
    return tint, accent, (28, 31, 36)  # type: ignore[return-value]


def render_banner(spec: BannerSpec) -> bytes:
    cutout = load_cutout(spec.image, spec.mask)
    tint, accent, ink = palette(cutout)
    canvas = _background(spec.width, spec.height, tint)
    template = template_for(spec.width, spec.height)
    _place_product(canvas, cutout, _pixels(template.product, spec))
    draw = ImageDraw.Draw(canvas)
    _draw_text(draw, spec.headline, _pixels(template.headline, spec), ink, bold=True)
    _draw_text(draw, spec.subline, _pixels(template.subline, spec), (70, 74, 82))
    _draw_pill(draw, spec.price, _pixels(template.price, spec), (255, 255, 255), accent)
    _draw_pill(draw, spec.cta, _pixels(template.cta, spec), accent, (255, 255, 255))
    return _encode(canvas, spec.format)


def _pixels(box: Box, spec: BannerSpec) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return (int(x * spec.width), int(y * spec.height), int(w * spec.width), int(h * spec.height))


def _background(width: int, height: int, tint: Colour) -> Image.Image:
    top = np.array([min(255, c + 14) for c in tint], dtype=np.float32)
    bottom = np.array(tint, dtype=np.float32) * 0.96
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    rows = top * (1 - ramp) + bottom * ramp
    return Image.fromarray(np.repeat(rows, width, axis=1).astype(np.uint8), "RGB")


def _place_product(canvas: Image.Image, cutout: Image.Image, box: tuple[int, int, int, int]) -> None:
    x, y, w, h = box
    scale = min(w / cutout.width, h / cutout.height)
    size = (max(1, int(cutout.width * scale)), max(1, int(cutout.height * scale)))
    product = cutout.resize(size, Image.Resampling.LANCZOS)
    left, top = x + (w - size[0]) // 2, y + (h - size[1]) // 2
    shadow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(shadow).ellipse(
        (left + size[0] * 0.1, top + size[1] * 0.93, left + size[0] * 0.9, top + size[1] * 1.02),
        fill=90)
    shadow = shadow.filter(ImageFilter.GaussianBlur(max(2, size[1] // 40)))
    canvas.paste((0, 0, 0), (0, 0), shadow)
    canvas.paste(product, (left, top), product)


def _draw_text(draw: ImageDraw.ImageDraw, text: str, box: tuple[int, int, int, int],
               colour: Colour, bold: bool = False) -> None:
    x, y, w, h = box
    fitted = fit_text(text, w, h, max_size=max(10, int(h * (0.5 if bold else 0.45))))
    for index, line in enumerate(fitted.lines):
        draw.text((x, y + index * fitted.line_height), line, font=font(fitted.size), fill=colour,
                  stroke_width=max(0, fitted.size // 28) if bold else 0, stroke_fill=colour)


def _draw_pill(draw: ImageDraw.ImageDraw, text: str, box: tuple[int, int, int, int],
               fill: Colour, ink: Colour) -> None:
    x, y, w, h = box
    draw.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=fill)
    fitted = fit_text(text, int(w * 0.8), int(h * 0.7), max_size=int(h * 0.5))
    face = font(fitted.size)
    for index, line in enumerate(fitted.lines):
        line_w = face.getlength(line)
        top = y + (h - fitted.height) // 2 + index * fitted.line_height
        draw.text((x + (w - line_w) / 2, top), line, font=face, fill=ink)


def _encode(canvas: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    options = {"quality": 90} if fmt in ("jpg", "webp") else {"optimize": True}
    canvas.save(buffer, FORMATS[fmt], **options)
    return buffer.getvalue()
