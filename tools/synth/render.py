"""Rendering one banner inside a worker: a picklable :class:`BannerSpec` in, image bytes and
the layout's scores out.

Each worker process keeps caches, so a batch that renders one product in many sizes and copy
variants decodes the cutout once, resizes it once per size, and paints each background once
per size and template: cutouts, product shapes, resized product layers and painted bases are
all cached (fonts are cached by :mod:`tools.layout.fonts`, drawn lines of text by a
:class:`~tools.layout.textlayers.TextLayers` of 32 MB). The chosen layout and its
text-independent measurements are kept per banner (product files, size and texts), so a
banner rendered again in the same worker (another folder, a re-run) only draws its text and
encodes.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from tools.layout.content import product_shape
from tools.layout.engine import Choice, LayoutEngine
from tools.layout.metrics import rendered_metrics
from tools.layout.model import BannerCopy, BrandStyle, Colour, Layout, LayoutRequest, ProductShape
from tools.layout.painter import paint_base, paint_text, paint_underlays
from tools.layout.textlayers import TextLayers

FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
RENDER_VERSION = "layout-3"  # part of every banner's content hash


@dataclass(frozen=True)
class BannerSpec:
    """Everything that defines one banner (travels to workers, so plain data only)."""

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
    badge: str = ""
    language: str = "en"
    brand: str = ""
    brand_colours: tuple[Colour, ...] = ()
    logo: Path | None = None
    template: str | None = None
    digest: str = field(default="", compare=False)  # of the input files, set by the planner

    @property
    def size(self) -> str:
        return f"{self.width}x{self.height}"

    def copy(self) -> BannerCopy:
        return BannerCopy(self.headline, self.subline, self.price, self.cta, self.badge,
                          self.language)


@dataclass
class RenderedSpec:
    data: bytes
    layout: Layout
    scores: dict[str, Any]


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


@lru_cache(maxsize=64)
def _shape(image: Path, mask: Path | None, colours: tuple[Colour, ...]) -> ProductShape:
    return product_shape(load_cutout(image, mask), colours)


@lru_cache(maxsize=128)
def _product_layer(image: Path, mask: Path | None, size: tuple[int, int]) -> Image.Image:
    return load_cutout(image, mask).resize(size, Image.Resampling.LANCZOS)


class _Bases:
    """Painted backgrounds with their products, least recently used dropped first once their
    pixels pass ``budget_mb`` (about a hundred 1200x628 bases in the default 256 MB)."""

    def __init__(self, budget_mb: float = 256.0) -> None:
        self.budget = int(budget_mb * 1024 * 1024)
        self.used = 0
        self._items: OrderedDict[tuple[Any, ...], Image.Image] = OrderedDict()

    def get(self, key: tuple[Any, ...], layout: Layout, image: Path, mask: Path | None
            ) -> Image.Image:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        base = paint_base(layout, lambda _index, size: _product_layer(image, mask, size))
        self._items[key] = base
        self.used += _bytes(base)
        while self.used > self.budget and len(self._items) > 1:
            self.used -= _bytes(self._items.popitem(last=False)[1])
        return base


def _bytes(image: Image.Image) -> int:
    return image.width * image.height * len(image.getbands())


_BASES = _Bases()
_TEXT_LAYERS = TextLayers(budget_mb=32.0)


@lru_cache(maxsize=8)
def _logo(path: Path) -> Image.Image:
    return Image.open(path).convert("RGBA")


@lru_cache(maxsize=1)
def _engine() -> LayoutEngine:
    return LayoutEngine()


def layout_for(spec: BannerSpec) -> Choice:
    """The best layout for ``spec`` (no painting)."""
    shape = _shape(spec.image, spec.mask, spec.brand_colours)
    request = LayoutRequest(spec.width, spec.height, spec.copy(), (shape,),
                            BrandStyle(spec.brand, spec.brand_colours, spec.logo))
    return _engine().choose(request, spec.template)


class _Chosen:
    """Layouts and their measured scores per banner, least recently used dropped first."""

    def __init__(self, capacity: int = 512) -> None:
        self.capacity = capacity
        self._items: OrderedDict[tuple[BannerSpec, str], tuple[Choice, dict[str, float]]] = \
            OrderedDict()

    def get(self, spec: BannerSpec) -> tuple[Choice, dict[str, float]] | None:
        key = (spec, spec.digest)
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return None

    def put(self, spec: BannerSpec, choice: Choice, metrics: dict[str, float]) -> None:
        self._items[(spec, spec.digest)] = (choice, metrics)
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)


_CHOSEN = _Chosen()


def render_spec(spec: BannerSpec) -> RenderedSpec:
    known = _CHOSEN.get(spec)
    choice = known[0] if known else layout_for(spec)
    layout = choice.solved.layout
    background = layout.background
    choice_key = (layout.template, background.style, background.base, background.second,
                  tuple(b.pixels() for b in layout.products))
    key = (spec.image, spec.mask, spec.width, spec.height, *choice_key)
    base = _BASES.get(key, layout, spec.image, spec.mask)
    logo = _logo(spec.logo) if spec.logo is not None and spec.logo.is_file() else None
    image = paint_underlays(base, layout)
    if known:
        metrics = known[1]
    else:  # measured on the banner without its text: the same for every re-render
        metrics = rendered_metrics(layout, choice.solved.saliency, image)
        _CHOSEN.put(spec, choice, metrics)
    paint_text(image, layout, logo, _TEXT_LAYERS)
    scores: dict[str, Any] = {"template": layout.template, "cost": round(choice.cost, 4)}
    scores.update({k: round(v, 4) for k, v in metrics.items()})
    scores["fitted"] = layout.fitted
    scores["dropped"] = ",".join(layout.dropped)
    return RenderedSpec(_encode(image, spec.format), layout, scores)


def render_banner(spec: BannerSpec) -> bytes:
    """The encoded banner for ``spec``."""
    return render_spec(spec).data


def _encode(canvas: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpg":
        canvas.save(buffer, "JPEG", quality=90, optimize=True, progressive=True)
    elif fmt == "webp":
        canvas.save(buffer, "WEBP", quality=88, method=4)
    else:
        canvas.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def warm_worker() -> int:
    """Load the scorer, the templates, a font and the Chinese word list in this process;
    returns its pid."""
    import os

    from tools.layout.fonts import font
    from tools.layout.templates import load_templates
    from tools.layout.words import lexicon

    _ = _engine().scorer
    load_templates()
    font(24)
    lexicon()
    return os.getpid()
