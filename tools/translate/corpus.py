"""Banners with known texts, each rendered twice: with its text and without it.

The translation benchmark and tests need ground truth that OCR and text removal can be scored
against: which characters are on the banner, where each line sits, and what the pixels under
the text look like. The project's own renderer gives all three: a banner is laid out once, its
background and underlays (panels, buttons, badges) painted, a copy kept, and then its text
drawn. Some banners get a procedural texture (canvas weave, wood grain, speckle) under the text
so that removal is also tried on texture, as on a supplier's photo.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from tools.layout.model import Element, Layout
from tools.layout.painter import paint_base, paint_text, paint_underlays
from tools.synth.render import BannerSpec, layout_for
from tools.synth.render import _product_layer as product_layer

TEXTURES = ("weave", "grain", "speckle")


@dataclass(frozen=True)
class TruthLine:
    """One line of text as drawn: its role, text and box (x0, y0, x1, y1) in pixels."""

    role: str
    text: str
    box: tuple[int, int, int, int]
    ink: tuple[int, int, int]
    align: str


@dataclass
class BannerPair:
    """A banner with its text, the same banner without text, and the lines drawn on it."""

    name: str
    language: str
    texture: str
    with_text: np.ndarray  # H x W x 3 uint8
    without_text: np.ndarray
    lines: list[TruthLine]
    layout: Layout

    def text_mask(self, threshold: int = 24) -> np.ndarray:
        """Pixels the text changed (True where |with - without| > threshold in any channel)."""
        diff = np.abs(self.with_text.astype(np.int16) - self.without_text.astype(np.int16))
        return bool_mask(diff.max(axis=2) > threshold)


def bool_mask(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=bool)


def texture(kind: str, width: int, height: int, seed: int) -> np.ndarray:
    """A multiplicative texture around 1.0 (H x W), deterministic per seed."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    if kind == "weave":
        field = 0.5 * np.sin(xs / 2.2) * np.sin(ys / 2.2) + 0.5 * np.sin((xs + ys) / 7.0)
        field += rng.normal(0, 0.35, (height, width))
        return (1.0 + 0.07 * field).astype(np.float32)
    if kind == "grain":
        warp = np.sin(ys / 37.0 + rng.uniform(0, 6)) * 9 + np.sin(xs / 91.0) * 5
        field = np.sin((ys + warp) / 3.1) + 0.4 * rng.normal(0, 1, (height, width))
        return (1.0 + 0.06 * field).astype(np.float32)
    if kind == "speckle":
        dots = rng.random((height, width)) < 0.02
        return (1.0 - 0.18 * dots + 0.03 * rng.normal(0, 1, (height, width))).astype(np.float32)
    return np.ones((height, width), dtype=np.float32)


def render_pair(spec: BannerSpec, texture_kind: str = "", seed: int = 0) -> BannerPair:
    """``spec`` laid out and painted; the canvas copied before its text is drawn."""
    choice = layout_for(spec)
    layout = choice.solved.layout
    base = paint_base(layout, lambda _index, size: product_layer(spec.image, spec.mask, size))
    canvas = paint_underlays(base, layout)
    if texture_kind:
        pixels = np.asarray(canvas, dtype=np.float32)
        pixels = pixels * texture(texture_kind, canvas.width, canvas.height, seed)[..., None]
        canvas = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    without = np.asarray(canvas.convert("RGB")).copy()
    paint_text(canvas, layout, None)
    with_text = _jpeg_round_trip(canvas) if spec.format == "jpg" else canvas.convert("RGB")
    name = f"{spec.product_id}_{spec.size}_{spec.language}{'_' + texture_kind if texture_kind else ''}"
    return BannerPair(name, spec.language, texture_kind, np.asarray(with_text).copy(), without,
                      truth_lines(layout), layout)


def _jpeg_round_trip(canvas: Image.Image) -> Image.Image:
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, "JPEG", quality=90)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def truth_lines(layout: Layout) -> list[TruthLine]:
    """Every drawn line of text with its box (the element's box, split by line height)."""
    lines: list[TruthLine] = []
    for element in layout.texts():
        if not element.lines or element.ink is None:
            continue
        lines += _element_lines(element)
    return lines


def _element_lines(element: Element) -> list[TruthLine]:
    box = element.box
    ink = tuple(int(c) for c in element.ink or (0, 0, 0))
    out = []
    for index, line in enumerate(element.lines):
        top = box.y + index * element.line_height
        out.append(TruthLine(element.role, line,
                             (round(box.x), round(top), round(box.right),
                              round(top + element.line_height)),
                             (ink[0], ink[1], ink[2]), element.align))
    return out


# campaign headlines and sublines with known texts, in both languages the project writes
COPY = {
    "en": [("Summer Sale", "Light, cool and ready for the beach"),
           ("New Arrival", "Made to last, priced to move"),
           ("Winter Warmers", "Thick fleece that keeps you cosy all day"),
           ("Limited Time Offer", "Free shipping on every order"),
           ("Back to School", "Everything for the new term"),
           ("Best Seller", "Loved by thousands of customers"),
           ("Flash Sale", "Today only while stocks last"),
           ("Holiday Gifts", "Wrap up something they will love")],
    "zh": [("夏季特卖", "轻盈透气 清凉一夏"),
           ("新品上市", "经久耐用 价格实惠"),
           ("冬季特惠", "加厚抓绒 舒适保暖一整天"),
           ("限时优惠", "全场包邮"),
           ("开学季", "新学期好物一站购齐"),
           ("热销爆款", "数千顾客的好评之选"),
           ("限时抢购", "仅限今日 售完即止"),
           ("节日好礼", "送给最爱的人")],
}
CTA = {"en": "Shop now", "zh": "立即购买"}
BADGES = ("-20%", "NEW", "", "-30%", "HOT", "", "-50%", "")
SIZES = ((1200, 628), (1080, 1080), (728, 300))


Copy = dict[str, list[dict[str, str]]]  # language -> [{headline, subline, badge, cta}]


def builtin_copy() -> Copy:
    """The module's own texts (for tests): headline and subline pairs, badges in turn."""
    return {language: [{"headline": h, "subline": s, "badge": BADGES[i % len(BADGES)],
                        "cta": CTA[language]} for i, (h, s) in enumerate(pairs)]
            for language, pairs in COPY.items()}


def corpus_specs(catalog_dir: Path, count: int = 64, copy: Copy | None = None
                 ) -> list[tuple[BannerSpec, str]]:
    """``count`` banner specs over the catalogue's products, alternating Chinese and English
    texts from ``copy`` (default: :func:`builtin_copy`), three sizes, with a texture for every
    fourth banner: (spec, texture) pairs."""
    images = sorted(p for p in (catalog_dir / "images").glob("*.jpg"))
    if not images:
        raise FileNotFoundError(f"no product images in {catalog_dir / 'images'}")
    texts = copy or builtin_copy()
    specs = []
    for index in range(count):
        image = images[(index * 7) % len(images)]
        mask = image.with_name(f"{image.stem}.mask.png")
        language = "zh" if index % 2 == 0 else "en"
        entry = texts[language][(index // 2) % len(texts[language])]
        width, height = SIZES[(index // 2) % len(SIZES)]
        price = f"${19 + (index * 13) % 180}.{(index * 37) % 100:02d}"
        spec = BannerSpec(image.stem, image, mask if mask.is_file() else None,
                          entry["headline"], entry.get("subline") or "", price,
                          entry.get("cta") or CTA[language], width, height, "jpg",
                          entry.get("badge") or "", language, "")
        kind = TEXTURES[(index // 4) % len(TEXTURES)] if index % 4 == 3 else ""
        specs.append((spec, kind))
    return specs


def load_rgb(data: bytes | Path) -> np.ndarray:
    image = Image.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    return np.asarray(image.convert("RGB")).copy()
