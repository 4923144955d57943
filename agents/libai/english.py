"""English grammar for Li Bai: articles, agreement, lists, numbers and sentence shape.

Phrases in the banks are written in the third person singular with agreement markers
that :func:`agree` resolves for the product's grammatical number::

    agree("keep{s} you dry; {it} {is} light", plural=True)   # "keep you dry; they are light"
"""

from __future__ import annotations

import re

_MARKERS = {
    "{s}": ("s", ""), "{es}": ("es", ""), "{is}": ("is", "are"), "{has}": ("has", "have"),
    "{does}": ("does", "do"), "{was}": ("was", "were"), "{it}": ("it", "they"),
    "{It}": ("It", "They"), "{its}": ("its", "their"), "{Its}": ("Its", "Their"),
    "{this}": ("this", "these"), "{This}": ("This", "These"), "{itself}": ("itself", "themselves"),
    "{them}": ("it", "them"),
    "{y}": ("ies", "y"),
}
MARKER_NAMES = frozenset(m.strip("{}") for m in _MARKERS)
_MARKER = re.compile("|".join(re.escape(m) for m in _MARKERS))
_ALSO = re.compile(r"\balso (is|are)\b")
_SENTENCE_START = re.compile(r"((?:^|[.!?]\s+)[^A-Za-z0-9]*?)([a-z][A-Za-z'-]*)")
_KEEP_CASE = frozenset({"iPhone", "iTunes", "eBook"})
# letters whose spoken name starts with a vowel sound (an FM radio, an LED, an SOS button)
_VOWEL_LETTERS = set("AEFHILMNORSX")
_AN_WORDS = ("hour", "honest", "honour", "heir")
_A_WORDS = ("uni", "use", "usu", "one", "once", "eu", "ur", "uti", "ubi")


def agree(phrase: str, plural: bool) -> str:
    """Resolves agreement markers for a singular or plural subject."""
    index = 1 if plural else 0
    return _MARKER.sub(lambda m: _MARKERS[m.group(0)][index], phrase)


def article(phrase: str) -> str:
    """``a`` or ``an`` for the phrase that follows it."""
    word = phrase.strip().split(" ", 1)[0].strip("\"'(")
    if not word:
        return "a"
    if word[0].isdigit():
        digits = word.replace(",", "").split(".")[0].split("-")[0]
        spoken_an = digits.startswith("8") or (digits.startswith(("11", "18"))
                                               and len(digits) in (2, 5))
        return "an" if spoken_an else "a"
    if len(word) > 1 and word.isupper() or (len(word) == 1 and word.isalpha()):
        return "an" if word[0] in _VOWEL_LETTERS else "a"
    lower = word.lower()
    if lower.startswith(_AN_WORDS):
        return "an"
    if lower.startswith(_A_WORDS):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def tidy(text: str) -> str:
    """One space between words, "also is" -> "is also", sentence starts capitalised."""
    text = _ALSO.sub(r"\1 also", " ".join(text.split()))
    return _SENTENCE_START.sub(lambda m: m.group(1) + _upper_word(m.group(2)), text)


def _upper_word(word: str) -> str:
    return word if word in _KEEP_CASE or not word.islower() else capitalise(word)


def with_article(phrase: str) -> str:
    return f"{article(phrase)} {phrase}"


def join(items: list[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma: house style)."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def number(value: float) -> str:
    """10000 -> ``10,000``; 1.5 -> ``1.5``; 26.0 -> ``26``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    """Capitalised, with one final stop unless it already ends in ``.``, ``!`` or ``?``."""
    text = " ".join(text.split())
    text = capitalise(text)
    return text if text.endswith((".", "!", "?")) else f"{text}."


def title_case(text: str) -> str:
    """Title case that leaves short function words, units and codes alone."""
    small = {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with", "at"}
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        keep = word.lower() in small and index > 0
        unit = word in ("ml", "mAh", "g", "kg", "mm", "cm", "h", "kcal", "mg", "lm", "dB")
        out.append(word if keep or unit or not word[:1].islower() else capitalise(word))
    return " ".join(out)


def plural_noun(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return f"{noun}es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{noun[:-1]}ies"
    return f"{noun}s"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"
