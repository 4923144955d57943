"""A batch plan: products x copy variants x sizes (each variant in its language), expanded
into banner specs whose content hash covers the bytes of their input files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from tools.layout.model import Colour
from tools.synth.render import BannerSpec

DEFAULT_CTA = {"en": "Shop now", "zh": "立即购买"}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥", "RMB": "¥"}


@dataclass(frozen=True)
class ProductInput:
    """What a banner needs of one catalogue product."""

    product_id: str
    image: Path
    mask: Path | None
    price: str
    brand: str = ""


@dataclass(frozen=True)
class CopyVariant:
    headline: str
    subline: str = ""
    cta: str = ""
    badge: str = ""
    language: str = "en"
    price: str | None = None  # None: the product's own price


def catalogue_image(catalog_dir: Path, image: str | None, product_id: str
                    ) -> tuple[Path, Path | None]:
    """A catalogue product's photo and its saved mask (None when there is none)."""
    path = catalog_dir / (image or f"images/{product_id}.jpg")
    return path, saved_mask(path)


def saved_mask(image: Path) -> Path | None:
    """The mask saved beside a product photo (IMAGE.mask.png), if there is one."""
    mask = image.with_name(f"{image.stem}.mask.png")
    return mask if mask.is_file() else None


def detect_language(text: str) -> str:
    return "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"


def format_price(amount: float, currency: str) -> str:
    sign = CURRENCY_SIGNS.get(currency.upper())
    if sign is None:
        return f"{amount:,.2f} {currency.upper()}"
    if currency.upper() in ("JPY",) or (sign == "¥" and amount == int(amount)):
        return f"{sign}{amount:,.0f}"
    return f"{sign}{amount:,.2f}"


def spec_for(product: ProductInput, variant: CopyVariant, size: tuple[int, int], fmt: str,
             colours: tuple[Colour, ...] = (), logo: Path | None = None,
             template: str | None = None) -> BannerSpec:
    spec = BannerSpec(
        product.product_id, product.image, product.mask, variant.headline, variant.subline,
        product.price if variant.price is None else variant.price,
        variant.cta or DEFAULT_CTA.get(variant.language, DEFAULT_CTA["en"]),
        size[0], size[1], fmt, variant.badge, variant.language, product.brand, colours, logo,
        template)
    return replace(spec, digest=inputs_digest(product.image, product.mask, logo))


def plan_batch(products: Iterable[ProductInput], variants: Iterable[CopyVariant],
               sizes: Iterable[tuple[int, int]], fmt: str = "jpg",
               colours: tuple[Colour, ...] = (), logo: Path | None = None) -> list[BannerSpec]:
    """Every product in every variant at every size."""
    variant_list, size_list = list(variants), list(sizes)
    return [spec_for(p, v, s, fmt, colours, logo)
            for p in products for v in variant_list for s in size_list]


def inputs_digest(*paths: Path | None) -> str:
    return hashlib.sha256("|".join(_file_digest(p) for p in paths).encode()).hexdigest()[:16]


def _file_digest(path: Path | None) -> str:
    if path is None or not path.is_file():
        return "-"
    stat = path.stat()
    return _digest(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    del mtime_ns, size  # part of the cache key: a changed file is hashed again
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
