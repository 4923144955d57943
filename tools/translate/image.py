"""Translating the text on an image from elsewhere (a supplier's photo or banner): find the
text, translate it block by block, remove what will be replaced, set the translation in its
place.

Only text that was translated faithfully is touched: a block the glossary, the knowledge graph
or a configured chat model cannot translate stays as it was and is listed in the result, and
so does a block already in the target language (a brand, a model number, a price in the
target's format).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from PIL import Image

from tools.layout.model import CJK_LANGUAGES
from tools.translate.erase import erase_text
from tools.translate.ocr import TextLine, blocks, read_text
from tools.translate.pills import widen_pill
from tools.translate.texts import TextTranslator, Translation
from tools.translate.typeset import (
    Box,
    Placement,
    alignment,
    clear_of,
    font_px,
    room_for,
    set_text,
    weight_of,
)


@dataclass
class Replacement:
    """One block of text: what it said, what it says now, and where it was set."""

    original: str
    translation: Translation
    box: Box
    lines: list[TextLine]
    placement: Placement | None = None
    fits: bool = False

    @property
    def replaced(self) -> bool:
        return self.placement is not None and self.placement.drawn is not None

    def as_dict(self) -> dict[str, Any]:
        return {"original": self.original, "text": self.translation.text,
                "source": self.translation.source, "note": self.translation.note,
                "box": list(self.box), "replaced": self.replaced, "fits": self.fits,
                "size": self.placement.size if self.placement else None,
                "align": self.placement.align if self.placement else None}


@dataclass
class ImageTranslation:
    image: np.ndarray
    target: str
    blocks: list[Replacement] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def untranslated(self) -> list[str]:
        return [b.original for b in self.blocks if b.translation.text is None]

    @property
    def attempted(self) -> list[Replacement]:
        """The blocks whose translation was to be set (drawn or, not fitting, kept)."""
        return [b for b in self.blocks if b.placement is not None]

    def fit_rate(self) -> float:
        placed = self.attempted
        return sum(b.fits for b in placed) / len(placed) if placed else 1.0

    def report(self) -> dict[str, Any]:
        return {"target": self.target, "blocks": [b.as_dict() for b in self.blocks],
                "untranslated": self.untranslated, "fit_rate": round(self.fit_rate(), 4),
                "seconds": round(self.seconds, 3)}


def block_text(lines: list[TextLine]) -> str:
    """A block's lines as one text: CJK lines run on, Latin lines join with a space."""
    out = ""
    for line in lines:
        if out and not (_cjk(out[-1]) and _cjk(line.text[0])):
            out += " "
        out += line.text
    return out


def _cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def translate_block(translator: TextTranslator, lines: list[TextLine], target: str,
                    source: str | None) -> Translation:
    """The block as a whole, else line by line (a two-line headline of two phrases)."""
    whole = translator.translate(block_text(lines), target, source)
    if whole.text is not None or len(lines) == 1:
        return whole
    parts = [translator.translate(line.text, target, source) for line in lines]
    if any(part.text is None for part in parts):
        return whole
    glue = "" if target in CJK_LANGUAGES else " "
    sources = sorted({part.source for part in parts})
    return Translation(glue.join(str(part.text) for part in parts), "+".join(sources),
                       whole.original, "translated line by line")


def translate_image(rgb: np.ndarray, target: str, translator: TextTranslator,
                    source: str | None = None, lines: list[TextLine] | None = None
                    ) -> ImageTranslation:
    """The image with its translatable text replaced by ``target``-language text (``lines``:
    OCR already run on it)."""
    started = time.perf_counter()
    found = blocks(read_text(rgb) if lines is None else lines)
    result = ImageTranslation(rgb, target)
    for group in found:
        box = _union([line.box for line in group])
        translation = translate_block(translator, group, target, source)
        result.blocks.append(Replacement(block_text(group), translation, box, group))
    changing = [b for b in result.blocks
                if b.translation.text is not None and b.translation.text != b.original]
    if changing:
        result.image = _replace(rgb, changing, result.blocks, target)
    result.seconds = time.perf_counter() - started
    return result


def _replace(rgb: np.ndarray, changing: list[Replacement], every: list[Replacement],
             target: str) -> np.ndarray:
    line_boxes = [line.box for block in changing for line in block.lines]
    erased = erase_text(rgb, line_boxes)
    inks = iter(erased.inks)
    canvas = Image.fromarray(erased.image)
    settings: dict[int, tuple[int, tuple[int, int, int], int, str]] = {}
    rooms: dict[int, Box] = {}
    for block in changing:
        ink = next(inks)
        for _ in block.lines[1:]:
            next(inks)
        others = [b.box for b in every if b is not block]
        boxes = [line.box for line in block.lines]
        align = alignment(boxes, others)
        room = room_for(block.box, align, others, erased.image, target)
        size = font_px([line.height for line in block.lines])
        weight = weight_of(erased.glyphs, block.box, size)
        block.placement = set_text(canvas, str(block.translation.text), room, size, ink,
                                   align, target, weight)
        settings[id(block)] = (size, ink, weight, align)
        rooms[id(block)] = room
    for block in changing:  # too long for its badge or button: widen the pill, a shorter
        assert block.placement is not None  # form of the phrase, else keep the original
        for text in (str(block.translation.text), *block.translation.shorter):
            if block.placement.drawn is None:
                _shorter(block, text, canvas, rooms[id(block)], target, settings[id(block)])
            if block.placement.drawn is None:
                _widened(block, text, canvas, erased.image, every, target,
                         settings[id(block)])
        if block.placement.drawn is None:
            _restore(canvas, rgb, [line.box for line in block.lines])
    kept = [line.box for b in every if b.placement is None for line in b.lines]
    for block in changing:
        assert block.placement is not None
        drawn = [b.placement.drawn for b in changing
                 if b is not block and b.placement is not None and b.placement.drawn]
        block.fits = clear_of(block.placement, kept + drawn, canvas.size)
    return np.asarray(canvas).copy()


def _shorter(block: Replacement, text: str, canvas: Image.Image, room: Box, target: str,
             setting: tuple[int, tuple[int, int, int], int, str]) -> None:
    """Set a shorter form of the block's translation in its room; on success the block's
    translation becomes that form."""
    if text == block.translation.text:
        return
    size, ink, weight, align = setting
    block.placement = set_text(canvas, text, room, size, ink, align, target, weight)
    _adopt(block, text)


def _adopt(block: Replacement, text: str) -> None:
    if block.placement is not None and block.placement.drawn is not None \
            and text != block.translation.text:
        block.translation = replace(block.translation, text=text, shorter=(),
                                    note=f"{block.translation.note}; a shorter form, to fit")


def _widened(block: Replacement, text: str, canvas: Image.Image, erased: np.ndarray,
             every: list[Replacement], target: str,
             setting: tuple[int, tuple[int, int, int], int, str]) -> None:
    """Set ``text`` for ``block`` in its pill widened, clear of every other line and every
    translation already set; the pill is painted only when the text will fit in it."""
    size, ink, weight, _ = setting
    others = [line.box for b in every if b is not block for line in b.lines]
    others += [b.placement.drawn for b in every
               if b is not block and b.placement is not None and b.placement.drawn]
    widened = widen_pill(canvas, erased, block.box, text, size, weight, target, others)
    if widened is not None:
        block.placement = set_text(canvas, text, widened[0], size, ink, "center", target,
                                   weight, max_lines=1)
        _adopt(block, text)


def _restore(canvas: Image.Image, rgb: np.ndarray, boxes: list[Box]) -> None:
    for x0, y0, x1, y1 in boxes:
        x0, y0 = max(0, x0 - 6), max(0, y0 - 6)
        x1, y1 = min(rgb.shape[1], x1 + 6), min(rgb.shape[0], y1 + 6)
        if x1 > x0 and y1 > y0:
            canvas.paste(Image.fromarray(rgb[y0:y1, x0:x1]), (x0, y0))


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))
