"""Setting one text group: every item sized from one scale, wrapped, shrunk until the stack
fits its box (never clipped), then aligned inside the box.

Sizes follow a typographic scale relative to the headline; the scale is found by binary
search. When even the smallest legible scale overflows, optional items are dropped in
order (subline, then logo) rather than cutting text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tools.layout.fonts import BLACK, BOLD, REGULAR
from tools.layout.geometry import Box
from tools.layout.model import BannerCopy, Element
from tools.layout.text import LINE_SPACING, FittedText, fit_text, true_width

OPTIONAL = ("subline", "logo")


@dataclass(frozen=True)
class RoleStyle:
    ratio: float  # size relative to the headline
    weight: int
    max_lines: int
    min_px: int


ROLE_STYLES = {
    "headline": RoleStyle(1.0, 800, 3, 12),
    "subline": RoleStyle(0.4, REGULAR, 3, 10),
    "price": RoleStyle(0.62, BLACK, 1, 11),
    "cta": RoleStyle(0.33, BOLD, 1, 10),
    "badge": RoleStyle(0.33, BLACK, 1, 10),
    "logo": RoleStyle(0.3, BLACK, 1, 9),
}
GAP_BEFORE = {"headline": 0.55, "subline": 0.42, "price": 0.6, "cta": 0.62, "price_cta": 0.62,
              "badge": 0.5, "logo": 0.5}


@dataclass
class Block:
    """A stacked item: its size and its parts, positioned relative to the block's corner."""

    item: str
    width: float
    height: float
    size: int
    parts: list[Element] = field(default_factory=list)


@dataclass(frozen=True)
class GroupText:
    copy: BannerCopy
    logo_text: str
    logo_aspect: float | None  # width / height of a logo image, None for a wordmark


def text_of(item: str, texts: GroupText) -> str:
    if item == "logo":
        return texts.logo_text
    return str(getattr(texts.copy, item, ""))


def present(items: tuple[str, ...], texts: GroupText) -> list[str]:
    """The group's items that have something to show."""
    out = []
    for item in items:
        if item == "price_cta":
            if texts.copy.price or texts.copy.cta:
                out.append(item if texts.copy.price and texts.copy.cta else
                           ("price" if texts.copy.price else "cta"))
        elif item == "logo":
            if texts.logo_text or texts.logo_aspect:
                out.append(item)
        elif text_of(item, texts):
            out.append(item)
    return out


def _text_block(role: str, text: str, size: float, width: float, language: str
                ) -> Block | None:
    style = ROLE_STYLES[role]
    size = max(size, style.min_px)
    fitted = fit_text(text, width, 10_000, int(size), style.weight, language, style.max_lines,
                      style.min_px)
    if not fitted.fits:
        return None
    return Block(role, fitted.width, fitted.height, fitted.size,
                 [_element(role, fitted, 0, 0, style.weight, language)])


def _element(role: str, fitted: FittedText, x: float, y: float, weight: int,
             language: str) -> Element:
    return Element(role, Box(x, y, fitted.width, fitted.height), z=3, text=" ".join(fitted.lines),
                   lines=fitted.lines, size=fitted.size, weight=weight,
                   line_height=fitted.line_height, language=language)


def _button_block(role: str, text: str, size: float, width: float, language: str
                  ) -> Block | None:
    """A call to action (or badge): a label on a pill-shaped underlay."""
    style = ROLE_STYLES[role]
    size = max(style.min_px, size)
    pad_x, pad_y = 0.95 * size, 0.5 * size
    fitted = fit_text(text, width - 2 * pad_x, 10_000, int(size), style.weight, language, 1,
                      style.min_px)
    if not fitted.fits:
        return None
    pad_x, pad_y = 0.95 * fitted.size, 0.5 * fitted.size
    w, h = fitted.width + 2 * pad_x, fitted.height + 2 * pad_y
    label = _element(role, fitted, pad_x, pad_y, style.weight, language)
    label.align = "center"
    underlay = Element("button" if role == "cta" else "burst", Box(0, 0, w, h), z=2,
                       shape="pill")
    return Block(role, w, h, fitted.size, [underlay, label])


def _logo_block(texts: GroupText, size: float, width: float) -> Block | None:
    style = ROLE_STYLES["logo"]
    if texts.logo_aspect:
        h = max(style.min_px, size) * 1.5
        w = min(width, h * texts.logo_aspect)
        h = w / texts.logo_aspect
        return Block("logo", w, h, int(size), [Element("logo", Box(0, 0, w, h), z=3)])
    return _text_block("logo", texts.logo_text.upper(), size, width, texts.copy.language)


def _row_block(price: Block, cta: Block, width: float) -> Block | None:
    gap = 0.9 * price.size
    if price.width + gap + cta.width > width:
        return None
    height = max(price.height, cta.height)
    parts = [_moved(p, 0, (height - price.height) / 2) for p in price.parts]
    parts += [_moved(p, price.width + gap, (height - cta.height) / 2) for p in cta.parts]
    return Block("price_cta", price.width + gap + cta.width, height, price.size, parts)


def _moved(element: Element, dx: float, dy: float) -> Element:
    element.box = element.box.moved(dx, dy)
    return element


def build_block(item: str, texts: GroupText, headline_px: float, width: float
                ) -> list[Block] | None:
    """The block(s) for one item at a headline size; None when it cannot fit the width."""
    language = texts.copy.language

    def size(role: str) -> float:
        return headline_px * ROLE_STYLES[role].ratio

    if item == "logo":
        block = _logo_block(texts, size("logo"), width)
    elif item in ("cta", "badge"):
        block = _button_block(item, text_of(item, texts), size(item), width, language)
    elif item == "price_cta":
        price = _text_block("price", texts.copy.price, size("price"), width, language)
        cta = _button_block("cta", texts.copy.cta, size("cta"), width, language)
        if price is None or cta is None:
            return None
        row = _row_block(price, cta, width)
        return [row] if row else [price, cta]
    else:
        block = _text_block(item, text_of(item, texts), size(item), width, language)
    return None if block is None else [block]


def stack_height(blocks: list[Block]) -> float:
    total = 0.0
    for index, block in enumerate(blocks):
        if index:
            total += GAP_BEFORE.get(block.item, 0.5) * max(block.size, blocks[index - 1].size)
        total += block.height
    return total


def build_stack(items: list[str], texts: GroupText, headline_px: float, box: Box
                ) -> list[Block] | None:
    built_by_item: dict[str, list[Block]] = {}
    if "headline" in items:  # the headline may shrink to fit its width: scale the rest to it
        headline = build_block("headline", texts, headline_px, box.w)
        if headline is None:
            return None
        built_by_item["headline"] = headline
        headline_px = min(headline_px, headline[0].size)
    blocks: list[Block] = []
    for item in items:
        built = built_by_item.get(item) or build_block(item, texts, headline_px, box.w)
        if built is None:
            return None
        blocks += built
    return blocks if stack_height(blocks) <= box.h else None


@dataclass
class SetGroup:
    elements: list[Element]
    dropped: tuple[str, ...]
    fitted: bool
    headline_px: float


def set_group(items: list[str], texts: GroupText, box: Box, nominal_px: float,
              align: str, valign: str) -> SetGroup:
    """Fits and places one group; drops optional items only when nothing else fits."""
    dropped: list[str] = []
    current = list(items)
    while True:
        found = _largest(current, texts, box, nominal_px)
        if found is not None:
            px, blocks = found
            elements = _place(blocks, box, align, valign)
            settle_widths(elements, box.w)
            return SetGroup(elements, tuple(dropped), True, px)
        optional = [item for item in OPTIONAL if item in current]
        if not optional:
            minimum = build_stack(current, texts, 1.0, Box(box.x, box.y, box.w, 1e9)) or []
            return SetGroup(_place(minimum, box, align, valign), tuple(dropped), False, 0)
        current.remove(optional[0])
        dropped.append(optional[0])


def _largest(items: list[str], texts: GroupText, box: Box, nominal_px: float
             ) -> tuple[float, list[Block]] | None:
    low, high = 0.0, 1.0
    best = build_stack(items, texts, nominal_px * 0.02, box)
    if best is None:
        return None
    best_px = nominal_px * 0.02
    for _ in range(7):
        middle = (low + high) / 2
        blocks = build_stack(items, texts, nominal_px * middle, box)
        if blocks is not None:
            best, best_px, low = blocks, nominal_px * middle, middle
        else:
            high = middle
    return best_px, best


def settle_widths(elements: list[Element], available: float) -> None:
    """Gives every text its width as the real font sets it, keeping its alignment; a text
    wider than ``available`` loses a pixel of size until it fits (never clipped)."""
    for element in elements:
        if element.kind != "text" or not element.lines:
            continue
        width = true_width(element.lines, element.size, element.weight, element.language)
        while width > available and element.size > 6:
            element.size -= 1
            element.line_height = round(element.size * LINE_SPACING, 2)
            width = true_width(element.lines, element.size, element.weight, element.language)
        box = element.box
        height = element.line_height * len(element.lines)
        x = {"center": box.cx - width / 2, "right": box.right - width}.get(element.align, box.x)
        y = box.cy - height / 2
        element.box = Box(x, y, width, height)


def _place(blocks: list[Block], box: Box, align: str, valign: str) -> list[Element]:
    total = stack_height(blocks)
    y = {"top": box.y, "bottom": box.bottom - total}.get(valign, box.y + (box.h - total) / 2)
    elements: list[Element] = []
    for index, block in enumerate(blocks):
        if index:
            y += GAP_BEFORE.get(block.item, 0.5) * max(block.size, blocks[index - 1].size)
        x = {"left": box.x, "right": box.right - block.width}.get(
            align, box.x + (box.w - block.width) / 2)
        for part in block.parts:
            part.box = part.box.moved(x, y)
            if part.kind == "text" and part.role not in ("cta", "badge"):
                part.align = align
            elements.append(part)
        y += block.height
    return elements
