"""Chinese grammar for Li Bai: measure words, full-width punctuation, lists and numbers.

Chinese copy uses full-width punctuation (，。！：、“”), no spaces between Chinese characters,
and a measure word between 这/一 and the noun (这双跑鞋, 一件T恤, 这款耳机).
"""

from __future__ import annotations

import re

_HALF_TO_FULL = {",": "，", "!": "！", "?": "？", ":": "：", ";": "；", "(": "（", ")": "）"}
_CJK = r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")
_HALF_PUNCT = re.compile(r"[,!?:;()]")
_DOUBLE_PUNCT = re.compile(r"([，。！？、：；])[，。！？、：；]+")
_END = ("。", "！", "？", "…")
_HASHTAGS = re.compile(r"((?:^|\s)#\S+)")


def number(value: float) -> str:
    """10000 -> ``10000``; 1.5 -> ``1.5`` (Chinese copy writes numbers without separators)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def join(items: list[str]) -> str:
    """``甲``, ``甲和乙``, ``甲、乙和丙``."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{'、'.join(items[:-1])}和{items[-1]}"


def enumerate_items(items: list[str]) -> str:
    """``甲、乙、丙`` (for choices: 黑色、白色、灰色可选)."""
    return "、".join(item for item in items if item)


def tidy(text: str) -> str:
    """Full-width punctuation next to Chinese, no stray spaces, no doubled marks; hashtags
    (``#防水``) keep the spaces between them."""
    pieces = _HASHTAGS.split(text.strip())
    return "".join(piece if piece.startswith(("#", " #")) else _tidy_piece(piece)
                   for piece in pieces)


def _tidy_piece(text: str) -> str:
    text = _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)
    text = _SPACE_NEAR_CJK.sub("", text)
    return _DOUBLE_PUNCT.sub(r"\1", text)


def sentence(text: str, mark: str = "。") -> str:
    """A tidy clause ending in one full stop (or ``！``)."""
    text = tidy(text).rstrip("，、：；")
    return text if text.endswith(_END) else f"{text}{mark}"


def clauses(parts: list[str], mark: str = "。") -> str:
    """Clauses joined by ``，`` into one sentence."""
    return sentence("，".join(p.rstrip("。！，") for p in parts if p), mark)


def is_chinese(text: str) -> bool:
    return re.search(_CJK, text) is not None
