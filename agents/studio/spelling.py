"""Slips in a merchant's message that the studio reads as meant, before its NLU sees it.

Chat-window typing and voice input slip on the few words the studio turns on: "trnaslate",
"bannrs", "can sell my last job" (cancel), "扣图" (抠图), "海豹" (海报). The NLU's character
n-grams absorb some of these, not all. Only the studio's own words are corrected: an English
word a letter or two from one of them (same first letter), a known spoken slip, and the
Chinese input-method slips below. Everything else is left exactly as written.

    corrected("trnaslate last one to chinese thx")   # "translate last one to chinese thx"
    corrected("扣图 刚上传的那些")                      # "抠图 刚上传的那些"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# long enough that a word a letter or two away is a slip, not another word ("banker" is not
# "banner", "candle" not "cancel": short words are left to the NLU)
STUDIO_WORDS = ("translate", "translation", "banners", "cutouts", "headlines", "hashtags",
                "descriptions", "leaderboard", "landscape", "progress", "titles")
_REAL_WORDS = frozenset({"transition", "translator", "translated", "translates", "landscapes",
                         "bangers", "banner", "cutout", "headline", "hashtag", "description",
                         "titled", "tiles", "title", "tittle", "titties"})
_SPOKEN = ((re.compile(r"\bcan sell\b(?=\s+(?:the|my|that|this|it|job|all|those|these)\b)",
                       re.IGNORECASE), "cancel"),)
# pinyin input slips: the same sound, another character
_ZH_SLIPS = {"扣图": "抠图", "海豹": "海报", "进渡": "进度", "进读": "进度", "取效": "取消",
             "取晓": "取消", "问案": "文案", "标提": "标题", "麦点": "卖点", "翻一下": "翻译一下"}


def corrected(text: str) -> str:
    for pattern, meant in _SPOKEN:
        text = pattern.sub(meant, text)
    for slip, meant in _ZH_SLIPS.items():
        text = text.replace(slip, meant)
    return re.sub(r"[A-Za-z]{5,12}", _word, text)


def close_word(word: str, vocabulary: Iterable[str]) -> str | None:
    """The vocabulary word ``word`` is a slip of: a letter or two away (difflib ratio at least
    0.8) with the same first letter; None when there is none. The one rule for every slip the
    studio reads ("bannrs", "titels", "profesional")."""
    close = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.8)
    return close[0] if close and close[0][0] == word[0] else None


def _word(match: re.Match[str]) -> str:
    word = match.group()
    lowered = word.lower()
    if lowered in STUDIO_WORDS or lowered in _REAL_WORDS:
        return word
    return close_word(lowered, STUDIO_WORDS) or word
