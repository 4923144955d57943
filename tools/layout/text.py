"""Fitting text into a box: wrap first, then shrink, never clip.

Line breaking follows the usual rules for both scripts: Latin text breaks between words, a
number keeping its unit (10 mm); Chinese text breaks between words (:mod:`tools.layout.words`),
a number staying with the word after it (330毫升); other CJK text may break between any two
characters. No line starts with closing punctuation (，。！？、」』）…) and no line ends with
opening punctuation (「『（《).
Wrapping is balanced: once the number of lines is known, the lines are made as even as that
number allows, as a designer would set a headline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tools.layout.fonts import REGULAR, font
from tools.layout.words import is_han, segment

MIN_FONT_PX = 9
LINE_SPACING = 1.18

# no line may start with these (kinsoku shori, "gyōtō kinsoku")
CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…‥—～·・ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"
                    ",.;:?!)]}%％")
# no line may end with these
OPENING = frozenset("（《「『【〔〈“‘([{$￥¥£€")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F)


@dataclass(frozen=True)
class Token:
    text: str
    space_before: bool


NO_BREAK = frozenset("\u00a0\u202f\u2007")  # no-break spaces: never a line break


def tokens(text: str) -> list[Token]:
    """Unbreakable units: Latin words, Chinese words (a number glued to the word after it, as
    in 330毫升), other CJK characters singly, punctuation glued by the rules."""
    raw: list[Token] = []
    word, han, space = "", "", False

    def flush() -> None:
        nonlocal word, han, space
        if word:
            raw.append(Token(word, space))
        for index, part in enumerate(segment(han) if han else []):
            raw.append(Token(part, space and index == 0))
        if word or han:
            word, han, space = "", "", False

    for char in text:
        if char in NO_BREAK or (word and word[-1] in NO_BREAK and not char.isspace()):
            if han:  # "100\u00a0$", "-30\u00a0%": one unit, as a no-break space says
                flush()
            word += char
        elif char.isspace():
            flush()
            space = True
        elif is_han(char):
            if word:  # a Latin word or number runs into Chinese: glued again below
                flush()
            han += char
        elif char in CLOSING and char.isascii() and word:
            word += char  # 1.7, 1,200, Sale: (it may not start a line anyway)
        elif is_cjk(char) or char in CLOSING or char in OPENING:
            flush()
            raw.append(Token(char, space))
            space = False
        else:
            if han:
                flush()
            word += char
    flush()
    return _glue(_glue_units(_glue_leading_latin(raw)))


# units a number keeps on its line ("10 mm", "330 ml", "45 h.")
UNITS = frozenset(["mm", "cm", "m", "km", "ml", "l", "L", "g", "kg", "mg", "oz", "lb", "in",
                   "ft", "h", "min", "s", "ms", "dB", "W", "kW", "V", "mAh", "Wh", "kcal", "cal",
                   "Hz", "kHz", "GB", "TB", "MB", "°C", "°F", "%"])


def _glue_leading_latin(raw: list[Token]) -> list[Token]:
    """A Latin word or number set directly before a Chinese word stays with it (2千卡, T恤)."""
    glued: list[Token] = []
    for token in raw:
        previous = glued[-1].text if glued else ""
        if (previous and not token.space_before and is_han(token.text[0])
                and not is_cjk(previous[-1]) and previous[-1] not in CLOSING
                and previous[-1] not in OPENING):
            glued[-1] = Token(previous + token.text, glued[-1].space_before)
        else:
            glued.append(token)
    return glued


def _glue_units(raw: list[Token]) -> list[Token]:
    glued: list[Token] = []
    for token in raw:
        if (glued and token.space_before and glued[-1].text[-1].isdigit()
                and (token.text.rstrip("".join(CLOSING)) or token.text) in UNITS):
            glued[-1] = Token(f"{glued[-1].text} {token.text}", glued[-1].space_before)
        else:
            glued.append(token)
    return glued


def _glue(raw: list[Token]) -> list[Token]:
    glued: list[Token] = []
    pending_open = ""
    pending_space = False
    for token in raw:
        if pending_open:
            token = Token(pending_open + token.text, pending_space)
            pending_open = ""
        if len(token.text) == 1 and token.text in OPENING:
            pending_open, pending_space = token.text, token.space_before
            continue
        if glued and token.text[0] in CLOSING and not token.space_before:
            glued[-1] = Token(glued[-1].text + token.text, glued[-1].space_before)
        else:
            glued.append(token)
    if pending_open:
        glued.append(Token(pending_open, pending_space))
    return glued


def _join(parts: list[Token]) -> str:
    out = ""
    for index, token in enumerate(parts):
        out += (" " if index and token.space_before else "") + token.text
    return out


@dataclass(frozen=True)
class _Measured:
    """Token widths at ``REFERENCE_PX``; widths at other sizes scale linearly."""

    tokens: tuple[Token, ...]
    widths: tuple[float, ...]
    space: float


REFERENCE_PX = 100
SLACK = 1.02  # hinting can widen small text a little


@lru_cache(maxsize=4096)
def _measured(text: str, weight: int, language: str) -> _Measured:
    face = font(REFERENCE_PX, weight, language)
    units = tuple(tokens(text))
    return _Measured(units, tuple(face.getlength(t.text) for t in units), face.getlength(" "))


Line = list[int]  # indices into a _Measured's tokens


def _greedy(measured: _Measured, scale: float, width: float) -> list[Line]:
    lines: list[Line] = []
    current: Line = []
    used = 0.0
    for index, (token, raw) in enumerate(zip(measured.tokens, measured.widths)):
        gap = measured.space * scale if current and token.space_before else 0.0
        if current and used + gap + raw * scale > width:
            lines.append(current)
            current, used = [index], raw * scale
        else:
            current.append(index)
            used += gap + raw * scale
    if current:
        lines.append(current)
    return lines


def _line_text(measured: _Measured, line: Line) -> str:
    return _join([measured.tokens[i] if n else Token(measured.tokens[i].text, False)
                  for n, i in enumerate(line)])


def _line_width(measured: _Measured, line: Line, scale: float) -> float:
    total = 0.0
    for n, index in enumerate(line):
        space = measured.space if n and measured.tokens[index].space_before else 0.0
        total += (measured.widths[index] + space) * scale
    return total


def wrap(text: str, size: int, width: float, weight: int = REGULAR,
         language: str = "en") -> list[str]:
    """Greedy wrap at ``size`` px; a unit longer than the box stays on its own line."""
    measured = _measured(text, weight, language)
    scale = size / REFERENCE_PX * SLACK
    return [_line_text(measured, line) for line in _greedy(measured, scale, width)]


def _balanced(measured: _Measured, scale: float, width: float) -> list[Line]:
    lines = _greedy(measured, scale, width)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    for _ in range(10):
        middle = (low + high) / 2
        if len(_greedy(measured, scale, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return _greedy(measured, scale, high)


def balanced_wrap(text: str, size: int, width: float, weight: int = REGULAR,
                  language: str = "en") -> list[str]:
    """Wrap into as few lines as greedy wrapping needs, with the lines as even as possible."""
    measured = _measured(text, weight, language)
    scale = size / REFERENCE_PX * SLACK
    return [_line_text(measured, line) for line in _balanced(measured, scale, width)]


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: int
    line_height: float
    width: float
    fits: bool

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


def measure(text: str, size: int, width: float, weight: int = REGULAR, language: str = "en",
            max_lines: int = 3) -> FittedText:
    """``text`` wrapped at ``size``; ``fits`` says whether it respects width and line count.

    Widths come from the font's advances at a reference size, scaled linearly with a little
    slack for hinting, so fitting never opens a font at every trial size.
    """
    measured = _measured(text, weight, language)
    scale = size / REFERENCE_PX * SLACK
    lines = _balanced(measured, scale, width)
    widest = max((_line_width(measured, line, scale) for line in lines), default=0.0)
    fits = widest <= width + 0.5 and len(lines) <= max_lines
    return FittedText(tuple(_line_text(measured, line) for line in lines), size,
                      round(size * LINE_SPACING, 2), widest, fits)


def fit_text(text: str, width: float, height: float, max_size: int, weight: int = REGULAR,
             language: str = "en", max_lines: int = 3, min_size: int = MIN_FONT_PX
             ) -> FittedText:
    """The largest size (binary search) at which ``text`` wraps into the box without clipping.

    ``fits`` is False only when even ``min_size`` overflows; the caller must then drop the
    element or choose another layout (text is never cut).
    """
    measured = _measured(text, weight, language)

    def ok(size: int) -> bool:
        scale = size / REFERENCE_PX * SLACK
        lines = _greedy(measured, scale, width)
        widest = max((_line_width(measured, line, scale) for line in lines), default=0.0)
        return (widest <= width + 0.5 and len(lines) <= max_lines
                and len(lines) * round(size * LINE_SPACING, 2) <= height + 0.5)

    low, high = min_size, max(min_size, int(max_size))
    if not ok(low):
        overflowing = measure(text, low, width, weight, language, max_lines=10_000)
        return FittedText(overflowing.lines, low, overflowing.line_height, overflowing.width,
                          fits=False)
    if ok(high):
        low = high
    while high - low > 1:
        middle = (low + high) // 2
        if ok(middle):
            low = middle
        else:
            high = middle
    return measure(text, low, width, weight, language, max_lines)


def true_width(lines: tuple[str, ...], size: int, weight: int = REGULAR,
               language: str = "en") -> float:
    """The widest line as the real font sets it (hinting may add a pixel to the model)."""
    face = font(size, weight, language)
    return max((face.getlength(line) for line in lines), default=0.0)
