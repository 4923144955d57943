"""What the layout engine takes in and gives back.

Inputs are frozen dataclasses (picklable, so they travel to batch workers); the output is a
:class:`Layout`: element boxes, font sizes, colours and z-order, which the painter draws.

Element kinds follow PosterLayout's classes: ``text`` (headline, subline, price, call to
action, badge), ``logo``, and ``underlay`` (buttons, bursts, panels under text). The product
cutouts are the content, not layout elements: their mask is the saliency map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from tools.layout.geometry import Box

Colour = tuple[int, int, int]
Kind = Literal["text", "logo", "underlay"]

TEXT_ROLES = ("headline", "subline", "price", "cta", "badge")
UNDERLAY_ROLES = ("button", "burst", "panel")
READING_ORDER = ("logo", "badge", "headline", "subline", "price", "cta")


CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "zh-hant"})


@dataclass(frozen=True)
class BannerCopy:
    """The texts of one banner, in one language (``en``, ``zh``, ``es``, ``de``, ``fr``,
    ``ja``: Latin languages are set like English, Japanese like Chinese)."""

    headline: str
    subline: str = ""
    price: str = ""
    cta: str = ""
    badge: str = ""
    language: str = "en"


@dataclass(frozen=True)
class BrandStyle:
    """Brand name (drawn as a wordmark when there is no logo image), colours and logo file."""

    name: str = ""
    colours: tuple[Colour, ...] = ()
    logo: Path | None = None


@dataclass(frozen=True)
class Palette:
    """Colours taken from a product: the dominant and the most vivid, plus derived tones."""

    dominant: Colour
    accent: Colour
    light: Colour
    dark: Colour
    vivid: bool


@dataclass(frozen=True, eq=False)
class ProductShape:
    """What layout needs of one cutout: its pixel size and a small alpha map (0..1)."""

    width: int
    height: int
    alpha: np.ndarray
    palette: Palette

    @property
    def aspect(self) -> float:
        return self.width / max(1, self.height)


@dataclass(frozen=True, eq=False)
class LayoutRequest:
    width: int
    height: int
    copy: BannerCopy
    products: tuple[ProductShape, ...]
    brand: BrandStyle = field(default_factory=BrandStyle)


@dataclass
class Element:
    """One placed element. Text elements carry their wrapped lines and font."""

    role: str
    box: Box
    z: int
    text: str = ""
    lines: tuple[str, ...] = ()
    size: int = 0
    weight: int = 400
    ink: Colour | None = None
    fill: Colour | None = None
    align: str = "left"
    shape: str = "rect"
    line_height: float = 0.0
    language: str = "en"

    @property
    def kind(self) -> Kind:
        if self.role in UNDERLAY_ROLES:
            return "underlay"
        return "logo" if self.role == "logo" else "text"


@dataclass
class Background:
    """How the painter fills the canvas: a style, its colours, and panel geometry."""

    style: str
    base: Colour
    second: Colour
    accent: Colour
    polygon: tuple[tuple[float, float], ...] = ()
    circle: Box | None = None


@dataclass
class Layout:
    width: int
    height: int
    template: str
    language: str
    background: Background
    products: list[Box]
    elements: list[Element]
    fitted: bool = True
    dropped: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)

    def by_role(self, role: str) -> Element | None:
        return next((e for e in self.elements if e.role == role), None)

    def texts(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "text"]
