"""Procedural "studio shot" renderer for the demo catalogue.

Each product is drawn from the vector silhouettes in :mod:`kg.demo.shapes`, rasterised
at ``_SS`` x resolution and box-downsampled (anti-aliased edges), then lit like a
photograph: per-part surface normals (a blurred-silhouette height map, an analytic
surface of revolution, or a flat plane), a soft upper-left key light, fill and rim
lights, Blinn specular plus vertical soft-box streaks on cylinders, and fine surface
texture.  The product sits on a light studio sweep (gradient, vignette, grain,
per-seed tint) with a soft contact shadow that is not part of the mask.

Everything is deterministic: all randomness comes from
``numpy.random.default_rng((seed, shape index))``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from PIL import Image, ImageDraw

from kg.demo.shape_geometry import Figure, Part
from kg.demo.shapes import SHAPES, build_figure

__all__ = ["SHAPES", "ShotSpec", "contact_sheet", "render_studio_shot"]

_SS = 3                          # silhouette supersampling factor
_KEY = (-0.5, -0.62, 0.6)        # key light direction: x right, y down, z towards the camera
_FILL = (0.75, -0.15, 0.65)
_RIM = (0.95, -0.25, -0.2)
_GAMMA = 2.2
_TEXTURE_GAIN = MappingProxyType(
    {"none": 0.0, "grain": 0.012, "fabric": 0.06, "brushed": 0.05, "leather": 0.045})


@dataclass(frozen=True)
class ShotSpec:
    """What to photograph."""

    shape: str                      # one of SHAPES
    colour: tuple[int, int, int]    # main body colour (RGB)
    accent: tuple[int, int, int]    # secondary colour (cap, sole, strap, label...)
    seed: int                       # deterministic variation (proportions, pose, background tint)
    size: int = 800


@dataclass(frozen=True)
class _Frame:
    """Placement of the figure: pixels per unit, the pixel of unit (0, 0), and the crop box."""

    scale: float
    ox: float
    oy: float
    x0: int
    y0: int
    w: int
    h: int


def _unit(v: tuple[float, float, float]) -> np.ndarray:
    a = np.asarray(v, np.float32)
    return a / np.linalg.norm(a)


def _box1d(a: np.ndarray, r: int, axis: int) -> np.ndarray:
    """Zero-padded moving average of width ``2r + 1`` along ``axis``."""
    a = np.moveaxis(a, axis, 0)
    pad = [(r + 1, r)] + [(0, 0)] * (a.ndim - 1)
    c = np.cumsum(np.pad(a, pad), 0, dtype=np.float32)
    return np.moveaxis((c[2 * r + 1:] - c[:-2 * r - 1]) / (2 * r + 1), 0, axis)


def _blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur (four box passes: smooth enough for normals), zero outside ``a``."""
    r = round((math.sqrt(3 * sigma * sigma + 1) - 1) / 2)
    for _ in range(4 if r >= 1 else 0):
        a = _box1d(_box1d(a, r, 0), r, 1)
    return a


def _resize_f(a: np.ndarray, w: int, h: int, method: Image.Resampling) -> np.ndarray:
    return np.asarray(Image.fromarray(a.astype(np.float32), "F").resize((w, h), method))


def _layout(fig: Figure, size: int, rng: np.random.Generator) -> _Frame:
    """Fit the figure's bounding box into the frame with a little seeded jitter."""
    prims = [p for pt in fig.parts if pt.clip is None for p in pt.prims if not p.erase]
    lo = np.min([p.points.min(0) - p.width / 2 for p in prims], 0)
    hi = np.max([p.points.max(0) + p.width / 2 for p in prims], 0)
    scale = min(rng.uniform(0.6, 0.7) * size / (hi[1] - lo[1]), 0.8 * size / (hi[0] - lo[0]))
    cx = size * (0.5 + rng.uniform(-0.025, 0.025))
    cy = size * (0.52 + rng.uniform(-0.02, 0.02))
    ox, oy = cx - (lo[0] + hi[0]) / 2 * scale, cy + (lo[1] + hi[1]) / 2 * scale
    x0, x1 = int(ox + lo[0] * scale) - 4, int(ox + hi[0] * scale) + 5
    y0, y1 = int(oy - hi[1] * scale) - 4, int(oy - lo[1] * scale) + 5
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, size), min(y1, size)
    return _Frame(scale, ox, oy, x0, y0, x1 - x0, y1 - y0)


def _raster(part: Part, fr: _Frame) -> np.ndarray:
    """Coverage (0..1) of one part over the crop, drawn at ``_SS`` x and box-downsampled."""
    img = Image.new("L", (fr.w * _SS, fr.h * _SS), 0)
    draw = ImageDraw.Draw(img)
    for prim in part.prims:
        px = np.stack([(fr.ox - fr.x0 + prim.points[:, 0] * fr.scale),
                       (fr.oy - fr.y0 - prim.points[:, 1] * fr.scale)], 1) * _SS
        px = px[np.r_[True, np.abs(np.diff(px, axis=0)).sum(1) > 0.05]]  # no duplicate vertices
        pts = [tuple(p) for p in px.tolist()]
        fill = 0 if prim.erase else 255
        if prim.width <= 0:
            draw.polygon(pts, fill=fill)
            continue
        wpx = max(1.0, prim.width * fr.scale * _SS)
        draw.line(pts, fill=fill, width=round(wpx), joint="curve")
        for x, y in (pts[0], pts[-1]):
            draw.ellipse((x - wpx / 2, y - wpx / 2, x + wpx / 2, y + wpx / 2), fill=fill)
    return np.asarray(img.reduce(_SS), np.float32) / 255.0


def _lathe_normals(alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normals of a surface of revolution whose per-row extent is the part's silhouette.

    Row width and centre come from coverage sums, so they vary smoothly (sub-pixel).
    """
    w = alpha.shape[1]
    xs = np.arange(w, dtype=np.float32)
    total = alpha.sum(1)
    rows = np.nonzero(total > 0.5)[0]
    ys = np.arange(alpha.shape[0])
    if rows.size == 0:
        rows = ys
    half = np.maximum(np.interp(ys, rows, total[rows] / 2), 0.5)
    mid = np.where(total > 0, (alpha * xs).sum(1) / np.maximum(total, 1e-6), w / 2)
    smooth = half
    for _ in range(3):  # edge-padded box passes: the profile slope must not carry raster noise
        smooth = np.convolve(np.pad(smooth, 5, mode="edge"), np.full(11, 1 / 11), "valid")
    slope = np.clip(np.gradient(smooth), -3, 3).astype(np.float32)
    u = np.clip((xs[None, :] + 0.5 - mid[:, None] - 0.5) / half[:, None], -0.999, 0.999)
    ny = np.broadcast_to(-slope[:, None], u.shape)
    return np.stack([u, ny, np.sqrt(1 - u * u)]), u


def _normals(part: Part, alpha: np.ndarray, scale: float, rng: np.random.Generator
             ) -> tuple[np.ndarray, np.ndarray | None]:
    """Unit normals (3, h, w) for a part, and the lathe coordinate ``u`` where relevant."""
    h, w = alpha.shape
    u = None
    if part.style == "lathe":
        n, u = _lathe_normals(alpha)
    else:
        flat = _unit(part.normal if part.style == "face" else (0, 0, 1))
        n = np.broadcast_to(flat[:, None, None], (3, h, w))
    height = np.zeros((h, w), np.float32)
    if part.relief:
        s = abs(part.relief) * scale
        dome = _blur(_blur(alpha, s) * alpha, s * 0.5)
        height += math.copysign(3.0 * s, part.relief) * dome
    if part.drape:
        ky = max(6, int(0.2 * scale))  # folds hang: longer vertically than across
        kx = max(2, ky // 3)
        low = rng.standard_normal((h // ky + 3, w // kx + 3)).astype(np.float32)
        folds = _blur(_resize_f(low, w, h, Image.Resampling.BICUBIC), kx * 0.6)  # no grid creases
        height += part.drape * 0.01 * scale * folds * alpha
    gy, gx = np.gradient(height)
    n = np.stack([n[0] - gx * n[2], n[1] - gy * n[2], n[2]])
    return n / np.linalg.norm(n, axis=0, keepdims=True), u


def _texture(kind: str, noise: np.ndarray) -> np.ndarray | float:
    """Multiplicative albedo variation for a surface ``kind`` over ``noise``'s area."""
    gain = _TEXTURE_GAIN.get(kind, 0.0)
    if gain == 0.0:
        return 0.0
    if kind == "fabric":
        yy, xx = np.indices(noise.shape, dtype=np.float32)
        weave = np.sin(xx * 2.1) * np.sin(yy * 2.1)
        return gain * (1.6 * _blur(noise, 0.8) + 0.5 * weave)
    if kind == "brushed":
        return gain * 4.0 * _box1d(noise, 12, 1)
    if kind == "leather":
        return gain * (2.5 * _blur(noise, 1.2) + 0.3 * noise)
    return gain * noise


def _role_colour(role: str, spec: ShotSpec) -> np.ndarray:
    """Linear-light albedo of a colour role."""
    body, accent = np.asarray(spec.colour, np.float32), np.asarray(spec.accent, np.float32)
    table = {"body": body, "accent": accent, "body_dark": body * 0.55, "accent_dark": accent * 0.6,
             "dark": (34, 34, 37), "light": (236, 234, 228), "metal": (196, 198, 202),
             "metal_dark": (110, 112, 116), "glass": (14, 16, 20), "cream": (238, 228, 204),
             "flame": (255, 196, 90)}
    return (np.asarray(table[role], np.float32) / 255.0) ** _GAMMA


def _shade(part: Part, albedo: np.ndarray, n: np.ndarray, u: np.ndarray | None,
           tex: np.ndarray | float) -> np.ndarray:
    """Linear RGB (h, w, 3) of a lit part."""
    if part.role == "flame":
        return np.broadcast_to(albedo * 1.4, n.shape[1:] + (3,)).copy()
    def dot(v: tuple[float, float, float]) -> np.ndarray:
        return np.tensordot(_unit(v), n, 1)

    diff = np.clip((dot(_KEY) + 0.2) / 1.2, 0, None)
    fill, rim = np.clip(dot(_FILL), 0, None), np.clip(dot(_RIM), 0, None)
    light = 0.16 + 1.05 * diff + 0.2 * fill + 0.4 * rim ** 2
    col = albedo * (light * (1 + tex))[..., None] * (1 - 0.25 * part.gloss)
    hx, hy, hz = _unit(_KEY) + np.array([0, 0, 1], np.float32)
    ndh = np.clip(dot((float(hx), float(hy), float(hz))), 0, 1)
    spec = part.gloss * (0.9 * ndh ** (10 + 110 * part.gloss) + 0.08 * ndh ** 4)
    if u is not None:
        upright = np.clip(1 - 2.5 * np.abs(n[1]), 0, 1)
        streak = 0.55 * np.exp(-((u + 0.45) / 0.11) ** 2) + 0.3 * np.exp(-((u - 0.8) / 0.06) ** 2)
        spec = spec + part.gloss * streak * upright
    if part.role.startswith("metal"):  # metals tint their reflections
        return col + spec[..., None] * (albedo / max(float(albedo.max()), 1e-3))
    return col + spec[..., None]


def _paint(fig: Figure, spec: ShotSpec, fr: _Frame,
           rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Premultiplied linear RGB and coverage of the whole product over the crop."""
    rgb = np.zeros((fr.h, fr.w, 3), np.float32)
    cover = np.zeros((fr.h, fr.w), np.float32)
    noise = rng.standard_normal((fr.h, fr.w), dtype=np.float32)
    alphas: list[np.ndarray] = []
    for part in fig.parts:
        a = _raster(part, fr)
        if part.clip is not None:
            a *= alphas[part.clip]
        alphas.append(a)
        rows, cols = np.nonzero(a.any(1))[0], np.nonzero(a.any(0))[0]
        if rows.size == 0:
            continue
        box = np.s_[max(rows[0] - 1, 0):rows[-1] + 2, max(cols[0] - 1, 0):cols[-1] + 2]
        sub = a[box]
        n, u = _normals(part, sub, fr.scale, rng)
        col = _shade(part, _role_colour(part.role, spec), n, u, _texture(part.texture, noise[box]))
        rgb[box] = col * sub[..., None] + rgb[box] * (1 - sub[..., None])
        cover[box] = sub + cover[box] * (1 - sub)
    rows = np.nonzero(cover.max(1) > 0.5)[0]
    if not fig.drop_shadow and rows.size:  # ambient occlusion where the object meets the floor
        gap = np.clip(rows[-1] - np.arange(fr.h, dtype=np.float32), 0, None)
        rgb *= (1 - 0.35 * np.exp(-gap / (0.03 * fr.scale)))[:, None, None]
    return rgb, cover


def _background(size: int, colour: tuple[int, int, int], rng: np.random.Generator) -> np.ndarray:
    """Light studio sweep in sRGB 0..1: vertical gradient, vignette, seeded tint, fine grain.

    Very light products get a light-grey sweep instead of a near-white one, as a
    photographer would, so that they still stand out.
    """
    luma = (0.3 * colour[0] + 0.59 * colour[1] + 0.11 * colour[2]) / 255
    base = rng.uniform(0.9, 0.95) - (0.09 if luma > 0.85 else 0.0)
    tint = rng.uniform(-0.018, 0.018, 3).astype(np.float32)
    t = np.linspace(0, 1, size, dtype=np.float32)
    y, x = t[:, None], t[None, :]
    lum = base + 0.05 * (0.4 - y) - 0.2 * ((x - 0.5) ** 2 + (y - 0.5) ** 2)
    grain = rng.standard_normal((size, size, 1), dtype=np.float32) * 0.004
    return np.clip(lum[..., None] + tint + grain, 0, 1)


def _shadow(cover: np.ndarray, fr: _Frame, size: int, drop: bool) -> np.ndarray:
    """Multiplicative floor-shadow factor (size, size): soft contact pool or drop shadow."""
    f = 4
    full = np.zeros((size, size), np.float32)
    full[fr.y0:fr.y0 + fr.h, fr.x0:fr.x0 + fr.w] = cover
    lo = _resize_f(full, size // f, size // f, Image.Resampling.BOX)
    if drop:
        shift = np.roll(np.roll(lo, int(0.012 * size / f) + 1, 0), int(0.008 * size / f) + 1, 1)
        dark = 0.3 * _blur(shift, 0.012 * size / f) + 0.12 * _blur(shift, 0.04 * size / f)
    else:
        rows = np.nonzero(lo.max(1) > 0.5)[0]
        if rows.size == 0:
            return np.ones((size, size), np.float32)
        bottom, top = rows[-1], rows[0]
        foot = lo[max(bottom - max(2, (bottom - top) // 8), 0):bottom + 1].max(0) > 0.3
        xs = np.nonzero(foot)[0]
        squash_h = max(2, int((bottom - top) * 0.12))
        squash = _resize_f(lo[top:bottom + 1], lo.shape[1], squash_h, Image.Resampling.BOX)
        soft = np.zeros_like(lo)
        soft[bottom + 1 - squash.shape[0]:bottom + 1] = squash
        core = Image.new("F", lo.shape[::-1], 0.0)
        ImageDraw.Draw(core).ellipse((xs[0], bottom - 1.2, xs[-1], bottom + 1.2), fill=1.0)
        dark = (0.55 * _blur(np.asarray(core), 0.006 * size / f)
                + 0.3 * _blur(np.roll(soft, 2, 1), 0.03 * size / f))
    return 1 - np.clip(_resize_f(dark, size, size, Image.Resampling.BILINEAR), 0, 0.8)


def render_studio_shot(spec: ShotSpec) -> tuple[Image.Image, Image.Image]:
    """Returns (RGB image size x size, mask 'L' size x size: 255 = product, 0 = background)."""
    if spec.shape not in SHAPES:
        raise ValueError(f"unknown shape {spec.shape!r}; valid shapes: {', '.join(SHAPES)}")
    if spec.size < 32:
        raise ValueError(f"size must be at least 32 pixels, got {spec.size}")
    rng = np.random.default_rng((spec.seed, SHAPES.index(spec.shape)))
    size = spec.size
    fig = build_figure(spec.shape, rng)
    fr = _layout(fig, size, rng)
    bg = _background(size, spec.colour, rng)
    rgb, cover = _paint(fig, spec, fr, rng)
    bg *= _shadow(cover, fr, size, fig.drop_shadow)[..., None]
    crop = np.s_[fr.y0:fr.y0 + fr.h, fr.x0:fr.x0 + fr.w]
    lin = rgb + bg[crop] ** _GAMMA * (1 - cover[..., None])
    lin = np.where(lin > 0.8, 0.8 + 0.2 * (1 - np.exp((0.8 - lin) / 0.2)), lin)  # soft shoulder
    bg[crop] = np.clip(lin, 0, 1) ** (1 / _GAMMA)
    image = Image.fromarray((bg * 255 + 0.5).astype(np.uint8), "RGB")
    mask = np.zeros((size, size), np.uint8)
    mask[crop] = np.where(cover * 255 + 0.5 >= 128, 255, 0)
    return image, Image.fromarray(mask, "L")


def contact_sheet(images: list[Image.Image], columns: int = 8, thumb: int = 160) -> Image.Image:
    """Grid of ``thumb``-pixel square cells: ``min(columns, n)`` across, ``ceil(n / columns)`` down.

    Each image is scaled to fit its cell (aspect ratio kept, centred on white).
    """
    if not images or columns < 1 or thumb < 1:
        raise ValueError("contact_sheet needs at least one image, columns >= 1 and thumb >= 1")
    cols = min(columns, len(images))
    rows = math.ceil(len(images) / columns)
    sheet = Image.new("RGB", (cols * thumb, rows * thumb), (255, 255, 255))
    for i, im in enumerate(images):
        k = thumb / max(im.size)
        t = im.convert("RGB").resize((max(1, round(im.width * k)), max(1, round(im.height * k))),
                                     Image.Resampling.LANCZOS)
        r, c = divmod(i, columns)
        sheet.paste(t, (c * thumb + (thumb - t.width) // 2, r * thumb + (thumb - t.height) // 2))
    return sheet
