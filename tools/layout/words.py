"""Chinese words, so that lines break between them and never inside one (汽|水, 大|豆).

Chinese sets no spaces; a line may break between any two characters, but a designer keeps a
word whole. Runs of Han characters are split into words by maximum matching (the longest word
of two to four characters that the list knows, else a single character; forwards and
backwards, the better kept) against the word list of jieba's dictionary (``jieba`` package,
MIT). Only the words are read, once per process (about 0.4 s and 10 MB); jieba's own
tokenizer is not loaded.

Example::

    segment("零糖柠檬汽水")  # ["零", "糖", "柠檬", "汽水"]
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import groupby

from shopmind.errors import DependencyUnavailable

LEXICON_PACKAGE = "jieba"
LEXICON_FILE = "dict.txt"
LONGEST = 4
_WORD = re.compile(r"^([\u3400-\u4dbf\u4e00-\u9fff]{2,4}) ", re.MULTILINE)


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Words of two to four Han characters by their first character, as ``|w1|w2|...|``."""
    try:
        text = resources.files(LEXICON_PACKAGE).joinpath(LEXICON_FILE).read_text("utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise DependencyUnavailable("words", f"install {LEXICON_PACKAGE!r}: {exc}") from exc
    words = sorted(_WORD.findall(text))
    return {first: "|" + "|".join(group) + "|" for first, group in groupby(words, lambda w: w[0])}


def segment(run: str) -> list[str]:
    """``run`` (Han characters only) as words: maximum matching forwards and backwards, the
    split with fewer words kept (then fewer single characters; backwards on a tie, as it is
    the more often right in Chinese)."""
    forwards, backwards = _forwards(run), _backwards(run)

    def rank(words: list[str]) -> tuple[int, int]:
        return len(words), sum(len(w) == 1 for w in words)

    return forwards if rank(forwards) < rank(backwards) else backwards


def _known(word: str) -> bool:
    return f"|{word}|" in lexicon().get(word[0], "")


def _forwards(run: str) -> list[str]:
    words, start = [], 0
    while start < len(run):
        length = next((n for n in range(min(LONGEST, len(run) - start), 1, -1)
                       if _known(run[start:start + n])), 1)
        words.append(run[start:start + length])
        start += length
    return words


def _backwards(run: str) -> list[str]:
    words, end = [], len(run)
    while end > 0:
        length = next((n for n in range(min(LONGEST, end), 1, -1) if _known(run[end - n:end])), 1)
        words.append(run[end - length:end])
        end -= length
    return words[::-1]
