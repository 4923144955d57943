"""Fitting text into a box: wrap first, then shrink, never clip."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

MIN_FONT_PX = 8


@lru_cache(maxsize=256)
def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled FreeType font (Latin). Registry CJK fonts come with the layout issue."""
    loaded = ImageFont.load_default(size=size)
    assert isinstance(loaded, ImageFont.FreeTypeFont)
    return loaded


@dataclass(frozen=True)
class FittedText:
    lines: list[str]
    size: int
    line_height: int

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


def wrap(text: str, size: int, width: int) -> list[str]:
    """Greedy word wrap at ``size`` px; a word longer than the box stays on its own line."""
    face = font(size)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and face.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def fit_text(text: str, width: int, height: int, max_size: int) -> FittedText:
    """The largest size at which ``text`` wraps into ``width`` x ``height`` without clipping."""
    size = max(MIN_FONT_PX, max_size)
    while True:
        lines = wrap(text, size, width)
        line_height = int(size * 1.2)
        widest = max((font(size).getlength(line) for line in lines), default=0)
        if (widest <= width and line_height * len(lines) <= height) or size <= MIN_FONT_PX:
            return FittedText(lines, size, line_height)
        size = max(MIN_FONT_PX, int(size * 0.9))
