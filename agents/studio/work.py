"""A studio plan made concrete: the products or photos a job works on, and its items.

The plan says what the merchant said (``None`` where they said nothing); an :class:`Order`
adds what the job needs to run: the products chosen (named, by tag, by kind of product, or
for a campaign), the photos to cut out (an upload, an earlier job, catalogue images), and
the defaults (two sizes, the merchant's language, five texts). Items are the tools' calls:
``make_banners`` items, one ``write_copy`` per product and language, one
``remove_background`` per photo, one ``translate_image`` per image and language.

Example::

    order = Order.build(plan, owner, catalogue=knowledge.products(), inputs=photos_of,
                        language="en", limits=limits)
    order.total, order.describe()     # 200, "200 banners: 40 products x 5 variants, ..."
    items = order.items(registry)     # Li Bai's copy is written here
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from agents.studio.plan import LANGUAGE_LABELS, StudioPlan
from agents.studio.planner import GENERIC_CAMPAIGN_WORDS, BannerPlan, banner_items
from agents.studio.request import BannerRequest
from agents.studio.values import singular
from kg.facts import ProductFacts
from kg.matching import words
from shopmind.errors import InvalidInput, NotFound, TooLarge
from tools.registry import ToolRegistry

DEFAULT_SIZES = ("1080x1080", "1080x1920")
DEFAULT_TEXTS = 5
MAX_TEXTS = 50  # Li Bai writes at most this many of one kind for one product
BANNER_LANGUAGES = ("en", "zh")
TRANSLATE_LANGUAGES = ("en", "zh", "es", "de", "fr", "ja")
# the studio's kinds of copy as Li Bai names them
COPY_KINDS = {"title": "title", "headline": "headline", "description": "copy",
              "selling_points": "bullet", "post": "post", "hashtags": "hashtags",
              "subline": "subline", "copy": "copy"}
TEXT_NOUNS = {"title": ("titles", "个标题"), "headline": ("headlines", "条广告语"),
              "description": ("descriptions", "段描述"), "selling_points": ("selling points", "条卖点"),
              "post": ("posts", "篇帖子"), "hashtags": ("hashtag lines", "组话题标签"),
              "subline": ("sublines", "条副标题")}
PhotoFinder = Callable[[str], list[Path]]  # a source ("uploads", "job:<id>") to its photos


@dataclass(frozen=True)
class OrderLimits:
    max_banners: int = 20000
    max_megapixels: float = 25000.0
    max_photos: int = 2000


@dataclass(frozen=True)
class Order:
    """What a job will do, in full."""

    plan: StudioPlan
    language: str  # the merchant's, for replies and default texts
    products: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    n: int = 0
    image_format: str | None = None  # banners: jpg (default), png or webp

    @property
    def task(self) -> str:
        return self.plan.task or "banners"

    @property
    def total(self) -> int:
        if self.task == "banners":
            return self.plan.count or 0
        if self.task == "copy":
            return len(self.products) * len(self.languages)
        if self.task == "translate":
            return len(self.photos) * len(self.languages)
        return len(self.photos)

    def record(self) -> dict[str, Any]:
        """What the job keeps, to run again after a restart."""
        return {"task": self.task, "plan": self.plan.to_dict(), "language": self.language,
                "products": list(self.products), "photos": list(self.photos),
                "sizes": list(self.sizes), "languages": list(self.languages), "n": self.n,
                "format": self.image_format}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Order:
        return cls(StudioPlan.from_dict(record["plan"]), record.get("language", "en"),
                   tuple(record.get("products", ())), tuple(record.get("photos", ())),
                   tuple(record.get("sizes", ())), tuple(record.get("languages", ())),
                   int(record.get("n", 0)), record.get("format"))

    @classmethod
    def build(cls, plan: StudioPlan, catalogue: list[ProductFacts], photos: PhotoFinder,
              language: str = "en", limits: OrderLimits | None = None,
              image_root: Path | None = None, image_format: str | None = None) -> Order:
        """The plan with its products, photos and defaults, checked against the limits
        (``InvalidInput``, ``NotFound``, ``TooLarge`` say what is wrong)."""
        limits = limits or OrderLimits()
        task = plan.task
        if task == "banners":
            count = plan.count or 0
            if count < 1:
                raise InvalidInput("say how many banners to make (at least 1)")
            if count > limits.max_banners:
                raise TooLarge(f"a job may make at most {limits.max_banners:,} banners "
                               f"(max_job_banners); this one asks for {count:,}")
            sizes = plan.sizes or DEFAULT_SIZES
            check_pixels(count, sizes, limits.max_megapixels)
            wanted = plan.languages or (language,)
            other = [code for code in wanted if code not in BANNER_LANGUAGES]
            if other:
                raise InvalidInput(
                    f"banners are written in English or Chinese; for "
                    f"{_names(other, 'en')}, make them first and then ask to translate them")
            chosen = select_products(plan, catalogue, for_banners=True)
            return cls(plan, language, tuple(chosen), sizes=tuple(sizes), languages=wanted,
                       image_format=image_format)
        if task == "copy":
            n = plan.n or DEFAULT_TEXTS
            if n > MAX_TEXTS:
                raise TooLarge(f"Li Bai writes at most {MAX_TEXTS} texts of one kind for one "
                               f"product; this asks for {n}")
            wanted = plan.languages or (language,)
            other = [code for code in wanted if code not in BANNER_LANGUAGES]
            if other:
                raise InvalidInput(f"copy is written in English or Chinese, not "
                                   f"{_names(other, 'en')}")
            if (plan.kind or "headline") not in COPY_KINDS:
                raise InvalidInput(f"unknown kind of copy {plan.kind!r}")
            chosen = select_products(plan, catalogue, for_banners=False)
            return cls(plan, language, tuple(chosen), languages=wanted, n=n)
        if task == "cutout":
            found = cutout_photos(plan, catalogue, photos, image_root or Path("."))
            if plan.count and plan.count < len(found):
                found = found[:plan.count]
            if len(found) > limits.max_photos:
                raise TooLarge(f"a cutout job takes at most {limits.max_photos} photos; "
                               f"this one has {len(found)}")
            return cls(plan, language, photos=tuple(str(p) for p in found))
        if task == "translate":
            return cls._translation(plan, photos, language, limits)
        raise InvalidInput(f"a {task} request does not make a job")

    @classmethod
    def _translation(cls, plan: StudioPlan, photos: PhotoFinder, language: str,
                     limits: OrderLimits) -> Order:
        """Every image of the source (a job's banners, an upload) in every language asked."""
        wanted = plan.languages or ()
        unknown = [code for code in wanted if code not in TRANSLATE_LANGUAGES]
        if not wanted or unknown:
            raise InvalidInput("say which language to translate into: English, Chinese, "
                               "Spanish, German, French or Japanese")
        found = photos(plan.source or "last_job")
        if not found:
            raise NotFound(f"no images in {_source_words(plan.source or 'last_job')}")
        if len(found) * len(wanted) > limits.max_photos:
            raise TooLarge(f"a translation job makes at most {limits.max_photos} images; this "
                           f"one asks for {len(found) * len(wanted)}")
        return cls(plan, language, photos=tuple(str(p) for p in found), languages=wanted)

    def describe(self) -> str:
        """The order in numbers, to confirm or to report ("200 banners: 40 products x 5 …")."""
        zh = self.language == "zh"
        if self.task == "banners":
            count = self.total
            products = max(min(len(self.products), count), 1)  # 12 banners use 12 of 63
            variants = math.ceil(count / products)
            sizes = _joined(list(self.sizes), zh)
            names = _names(list(self.languages), self.language)
            kind = f", {self.image_format.upper()}" if self.image_format else ""
            if zh:
                return f"{count}张横幅：{products}个商品 x {variants}个版本，{sizes}，{names}{kind}"
            return (f"{count} banners: {_many(products, 'product')} x "
                    f"{_many(variants, 'variant')}, {sizes}, {names}{kind}")
        if self.task == "copy":
            kind = self.plan.kind or "headline"
            noun = TEXT_NOUNS.get(kind, ("texts", "条文案"))
            names = _names(list(self.languages), self.language)
            products = len(self.products)
            if zh:
                return f"{self.n}{noun[1]} x {products}个商品，{names}"
            if products == 1:
                return f"{self.n} {noun[0]} for 1 product, {names}"
            return f"{self.n} {noun[0]} for each of {products} products, {names}"
        if self.task == "translate":
            names = _names(list(self.languages), self.language)
            if zh:
                return f"翻译：{len(self.photos)}张图片译成{names}，共{self.total}张"
            return f"{len(self.photos)} images translated into {names}: {self.total} images"
        if zh:
            return f"抠图：{len(self.photos)}张照片，透明背景PNG"
        return f"cutouts of {len(self.photos)} photos, transparent PNG"

    def items(self, registry: ToolRegistry) -> list[dict[str, Any]]:
        """The job's tool calls, item by item (banner copy is written here, by Li Bai)."""
        if self.task == "banners":
            return self._banner_items(registry)
        if self.task == "copy":
            kind = COPY_KINDS[self.plan.kind or "headline"]
            return [{"_tool": "write_copy", "_file": f"{index + 1:03d}-{pid}-{kind}-{lang}.txt",
                     "product_id": pid, "kind": kind, "tone": self.plan.tone or "professional",
                     "language": lang, "n": self.n, "campaign": _campaign(self.plan)}
                    for index, (pid, lang) in enumerate(
                        (p, lang) for p in self.products for lang in self.languages)]
        if self.task == "translate":
            return [{"_tool": "translate_image", "_file": f"{_stem(photo)}.{lang}.png",
                     "image_path": photo, "target": lang}
                    for lang in self.languages for photo in self.photos]
        names: list[str] = []
        items = []
        for photo in self.photos:
            stem = _stem(photo)
            name = f"{stem}.png"
            while name in names:
                name = f"{stem}-{len(names) + 1}.png"
            names.append(name)
            items.append({"_tool": "remove_background", "_file": name, "image_path": photo})
        return items

    def _banner_items(self, registry: ToolRegistry) -> list[dict[str, Any]]:
        count, languages = self.total, self.languages or (self.language,)
        shares = [count // len(languages) + (i < count % len(languages))
                  for i in range(len(languages))]
        per_language = []
        for code, share in zip(languages, shares):
            if share:
                request = BannerRequest(share, _campaign(self.plan), self.sizes, code)
                per_language.append(banner_items(BannerPlan(request, list(self.products)),
                                                 registry, tone=self.plan.tone))
        return [item for group in zip_longest(*per_language) for item in group if item]


def _stem(photo: str) -> str:
    """A photo's name, safe as a file name in a job's folder."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", Path(photo).stem).strip("-") or "photo"


def select_products(plan: StudioPlan, catalogue: list[ProductFacts],
                    for_banners: bool) -> list[str]:
    """The products a plan names or selects; for banners with no selection, the products
    tagged with a campaign word ("summer"), else every product in stock."""
    known = {p.id: p for p in catalogue}
    if plan.products:
        missing = [pid for pid in plan.products if pid not in known]
        if missing:
            raise NotFound(f"no product {', '.join(missing)} in the catalogue")
        return list(plan.products)
    source = plan.source or ""
    if source.startswith(("tag:", "category:")):
        chosen = [p.id for p in catalogue if _selected(p, source)]
        if not chosen:
            raise NotFound(f"no product in the catalogue is {_selection_words(source)}")
        return chosen
    if not for_banners:
        raise InvalidInput("say which products to write for (a name, a kind of product or a "
                           "tag such as bestseller)")
    in_stock = [p for p in catalogue if p.in_stock]
    if not in_stock:
        raise NotFound("the catalogue has no products in stock to make banners for")
    campaign_words = words(plan.campaign or "") - GENERIC_CAMPAIGN_WORDS
    tagged = [p for p in in_stock if campaign_words & {part for tag in p.tags
                                                        for part in tag.split("-")}]
    return sorted(p.id for p in tagged or in_stock)


def cutout_photos(plan: StudioPlan, catalogue: list[ProductFacts], photos: PhotoFinder,
                  image_root: Path) -> list[Path]:
    """The photos a cutout plan works on: an upload, an earlier job's images, or the
    catalogue images of the products it names or selects."""
    source = plan.source or ""
    if source == "uploads" or source == "last_job" or source.startswith("job:"):
        found = photos(source)
        if not found:
            raise NotFound(f"no photos in {_source_words(source)}")
        return found
    chosen = select_products(plan, catalogue, for_banners=False)
    by_id = {p.id: p for p in catalogue}
    found = [image_root / str(by_id[pid].image) for pid in chosen if by_id[pid].image]
    found = [p for p in found if p.is_file()]
    if not found:
        raise NotFound("the catalogue has no photos of those products; upload some")
    return found


def _selected(product: ProductFacts, source: str) -> bool:
    kind, _, value = source.partition(":")
    if kind == "tag":
        return value in product.tags
    value = value.strip().lower()
    if re.search(r"[\u4e00-\u9fff]", value):
        name = product.name_zh or ""
        return value in name or (value.endswith("子") and value[:-1] in name)
    wanted = {singular(w) for w in words(value)}
    have = {singular(w) for w in words(f"{product.name_en} {product.category}")}
    have |= {singular(part) for tag in product.tags for part in tag.split("-")}
    return bool(wanted) and wanted <= have


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _campaign(plan: StudioPlan) -> str | None:
    return plan.campaign[:60] if plan.campaign else None


def check_pixels(count: int, sizes: tuple[str, ...], max_megapixels: float) -> None:
    """``TooLarge`` when ``count`` banners over ``sizes`` (taken in turn) pass the limit."""
    areas = [int(w) * int(h) for w, h in (size.lower().split("x") for size in sizes)]
    full, rest = divmod(count, len(areas))
    megapixels = (full * sum(areas) + sum(areas[:rest])) / 1e6
    if megapixels > max_megapixels:
        raise TooLarge(f"a job may render at most {max_megapixels:g} megapixels in all "
                       f"(max_job_megapixels: banners x width x height); this one asks for "
                       f"{megapixels:,.1f}")


def _names(codes: list[str], language: str) -> str:
    names = [LANGUAGE_LABELS.get(code, (code, code))[language == "zh"] for code in codes]
    return _joined(names, language == "zh")


def _joined(parts: list[str], zh: bool) -> str:
    if zh:
        return "、".join(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _selection_words(source: str) -> str:
    kind, _, value = source.partition(":")
    return f"tagged {value}" if kind == "tag" else f"a {value}"


def _source_words(source: str) -> str:
    if source == "uploads":
        return "your latest upload"
    if source == "last_job":
        return "your last job"
    return f"job {source.partition(':')[2]}"
