"""What a merchant's words mean, value by value, in English and Chinese.

The studio's understanding finds the spans (Rasa's entities, or a caller's form fields);
these functions turn a span into the plan's value: "twelve" and "十二" into 12, "square" and
"主图" into preset sizes, "in Spanish" and "日文" into ISO codes, "fun" and "高端" into tones,
"卖点" into a copy kind. Each returns ``None`` (or an empty tuple) when the words say nothing.

Example::

    count("make two hundred banners")          # 200
    count("给618大促做一百五十张主图")            # 150 (618 is the campaign, not the count)
    sizes("square and story sizes")            # ("1080x1080", "1080x1920")
    languages("translate into 日文 and German")  # ("ja", "de")
"""

from __future__ import annotations

import re

from agents.studio.spelling import close_word
from agents.studio.vocabulary import (
    CHINESE_DIGITS,
    CHINESE_UNITS,
    COPY_KINDS,
    COUNTED_NOUNS_EN,
    COUNTED_NOUNS_ZH,
    ENGLISH_NUMBERS,
    LANGUAGE_NAMES,
    SIZE_NAMES,
    TONE_WORDS,
)

_PIXELS = re.compile(r"(?<![\d.])(\d{2,4})\s*(?:[x×X*]|by)\s*(\d{2,4})(?!\d|\.\d)")
_NOUN_EN = "(?:" + "|".join(COUNTED_NOUNS_EN) + r")\b"
_NOUN_ZH = "(?:" + "|".join(COUNTED_NOUNS_ZH) + ")"
_GAP = r"\s*(?:[a-z][a-z'-]*\s+){0,3}"  # "12 square summer banners"
_ZH_NUMERAL = "[" + "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS) + "]+"
_DIGITS_EN = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)" + _GAP + _NOUN_EN)
_DIGITS_ZH = re.compile(r"(\d+)\s*(?:" + "|".join(COUNTED_NOUNS_ZH) + r"|主图|海报|图片|文案)")
_NUMERAL_ZH = re.compile("(" + _ZH_NUMERAL + ")\\s*" + _NOUN_ZH)
_OF_THEM = re.compile(r"(?<![\w.])(\d+)\s+of\s+(?:them|those|these|'?em)\b")
_WORDS_OF_THEM = re.compile(r"\b((?:(?:" + "|".join(ENGLISH_NUMBERS) + r"|hundred|and)[\s-]+)+)"
                            r"of\s+(?:them|those|these|'?em)\b")
_NUMBER_EN = r"(?:\d+|(?:" + "|".join(ENGLISH_NUMBERS) + r")(?:[\s-]+(?:" + "|".join(
    ENGLISH_NUMBERS) + r"))?)"
# "five in 1080x1350", "twelve as squares", "there's 6", "there are twenty"
_IN_SIZE = re.compile(r"\b(" + _NUMBER_EN + r")\s+(?:in|at|as)\s+(?:\d{2,4}\s*[x×*]\s*\d{2,4}|"
                      + "|".join(re.escape(n) for n in SIZE_NAMES if n.isascii()) + r")")
_THERE_ARE = re.compile(r"\bthere(?:'s| is| are|re)\s+(" + _NUMBER_EN + r")\s*(?:[,.!?]|$)")
_TIMES = re.compile(r"(?:" + "|".join(COUNTED_NOUNS_EN) + r"|海报|图|文案|标题|卖点)\s*[x×]\s*(\d+)"
                    r"(?![\d.x×])")
_DOZEN = re.compile(r"\b((?:half a|a|one|two|three|four|five)\s+dozen)\b")
_FIELD = re.compile(r"(?:banners|images|count|quantity|number|数量|张数|海报数量|条数)\s*[:：=]\s*"
                    r"(\d+)")
_GIVE = re.compile(r"\b(?:give me|i need|we need|need|want)\s+((?:" + "|".join(ENGLISH_NUMBERS)
                   + r"|\d+)(?:[\s-]+(?:" + "|".join(ENGLISH_NUMBERS) + r"))?)\s*(?:[.!?]|$)")
_DOZENS = re.compile(r"(?<![\w.])(\d+)\s+dozen\b")
_TOTAL = re.compile(r"(?<![\w.])(\d+)\s+(?:total|in total|altogether|each|apiece)\b")
_LANGUAGE_CHARS = {"中": "zh", "英": "en", "日": "ja", "法": "fr", "德": "de", "西": "es"}
_CODE = r"(?:en|zh|ja|de|fr|es)"
_CODES = re.compile(rf"(?:\b(?:in|into|to)\s+|(?:->|=>|→)\s*)"
                    rf"({_CODE}(?:\s*(?:\+|and|,|&|/)\s*{_CODE})*)\b")
_LANGUAGE_PAIR = re.compile("([" + "".join(_LANGUAGE_CHARS) + "]{2,4})(?:文|语|双语|三语|"
                            "[两三四]?[个种]?语言)"
                            "|(?:翻成|翻译成|译成|换成|改成|做成)([" + "".join(_LANGUAGE_CHARS)
                            + "]{2,4})(?![\u4e00-\u9fff])")  # "上次那个翻成英日"
_THOUSANDS = re.compile(r"(?<![\w.])(\d{1,3})k\b")  # "1k banners"; "the 20k" stays a name
_ABOUT = re.compile(r"\b(?:like|about|around|roughly|approximately|maybe|say)\s+((?:"
                    + "|".join(ENGLISH_NUMBERS) + r"|\d+)(?:[\s-]+(?:" + "|".join(ENGLISH_NUMBERS)
                    + r"))?)\s*(?:[,.!?]|$)")  # "hashtags for the bottles, like twenty"
_PLEASE = re.compile(r"(?<![\w.×])(\d{1,4})\s+(?:pls|plz|please)\s*[.!]?\s*$")  # "…, 10 pls"
_TIMES_ALONE = re.compile(r"(?<![\w.×])[x×]\s?(\d{1,4})(?![\w.×])")  # "captions ... x3"
_ZH_PAIR = re.compile(r"([俩仨])个?\s*(?:" + "|".join(COUNTED_NOUNS_ZH) +
                      r"|广告语|标题|卖点|文案|海报|主图|口号|标语|描述|帖子|副标题|图|banner|poster)")
_ZH_WRITE_PAIR = re.compile(r"写([俩仨])(?![\u4e00-\u9fff])")  # "年货节 铸铁锅 写俩"
_ZH_DOZEN = re.compile(r"([半一两二三四五])打(?!折|底|包|造|印|卡|开|算|扰|个)")
_VERSIONS_ZH = re.compile("[" + "".join(CHINESE_DIGITS) + r"\d]+\s*[个种]\s*(?:语言|版本|语种|尺寸|颜色)")
_WORDS_EN = re.compile(r"\b((?:(?:" + "|".join(ENGLISH_NUMBERS) + r"|hundred|thousand|and|a|half)"
                       r"[\s-]+)+)" + r"(?:[a-z][a-z'-]*\s+){0,3}" + _NOUN_EN)


_WORK_NOUNS = ("banners", "banner", "posters", "images")


def _spelt_right(text: str) -> str:
    """Nouns of the work misspelt by a letter or two read as meant: "100 bannres" is 100
    banners."""
    def fix(match: re.Match[str]) -> str:
        word = match.group()
        return word if word in _WORK_NOUNS else close_word(word, _WORK_NOUNS) or word
    return re.sub(r"(?<=\d )[a-z]{5,8}\b|(?<=\d)[a-z]{5,8}\b", fix, text)


def count(text: str) -> int | None:
    """How many items a request asks for, from digits or number words in either language.

    Only a number before a counted noun counts ("20 banners", "twelve square images",
    "十二张"); a number in a campaign name ("618", "11.11") or a size ("1080x1080") does not.
    """
    cleaned = _spelt_right(_THOUSANDS.sub(lambda m: str(int(m.group(1)) * 1000),
                                          _PIXELS.sub(" ", text.lower())))
    cleaned = _VERSIONS_ZH.sub(" ", cleaned)  # "两个版本", "英日两个语言": not a count
    for pattern, convert in ((_DOZENS, lambda d: int(d) * 12), (_DIGITS_EN, _int),
                             (_DIGITS_ZH, _int),
                             (_NUMERAL_ZH, _zh_count), (_ZH_PAIR, _zh_pair),
                             (_ZH_WRITE_PAIR, _zh_pair),
                             (_ZH_DOZEN, _zh_dozens), (_WORDS_EN, english_number),
                             (_OF_THEM, _int), (_WORDS_OF_THEM, english_number),
                             (_TIMES, _int), (_DOZEN, english_number), (_TOTAL, _int),
                             (_FIELD, _int), (_GIVE, _number), (_ABOUT, _number),
                             (_TIMES_ALONE, _int), (_THERE_ARE, _number), (_PLEASE, _int)):
        for match in pattern.finditer(cleaned):
            if (value := convert(match.group(1))) is not None:
                return value
    for match in _IN_SIZE.finditer(text.lower()):  # sizes still in: "five in 1080x1350"
        if (value := _number(match.group(1).replace("-", " "))) is not None:
            return value
    return None


def _number(said: str) -> int | None:
    return int(said) if said.isdigit() else english_number(said)


def _zh_pair(word: str) -> int:
    """俩 2, 仨 3."""
    return "俩仨".index(word) + 2


def _zh_dozens(numeral: str) -> int | None:
    """一打 12, 两打 24, 半打 6."""
    return 6 if numeral == "半" else 12 * (chinese_number(numeral) or 0) or None


def _zh_count(numeral: str) -> int | None:
    """A Chinese count; a lone 一 before a noun is "a" (一篇文案), not a count."""
    return None if numeral == "一" else chinese_number(numeral)


def _int(digits: str) -> int:
    return int(digits.replace(",", ""))


def english_number(text: str) -> int | None:
    """English number words: "twelve" 12, "two hundred and fifty" 250, "a dozen" 12."""
    lowered = text.lower().replace("-", " ")
    if re.search(r"\bhalf a dozen\b", lowered):
        return 6
    words = re.findall(r"[a-z]+", lowered)
    total, current, seen = 0, 0, False
    for word in words:
        if word in ENGLISH_NUMBERS:
            current += ENGLISH_NUMBERS[word]
            seen = True
        elif word in ("hundred", "thousand"):
            current = max(current, 1) * (100 if word == "hundred" else 1000)
            seen = True
            if word == "thousand":
                total, current = total + current, 0
        elif word not in ("and", "a") and seen:
            break
    return total + current if seen else None


def chinese_number(text: str) -> int | None:
    """A Chinese numeral: 十二 12, 三十 30, 两百 200, 一百五十 150, 一千 1000, 两万 20000."""
    if not text or not re.fullmatch(_ZH_NUMERAL, text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
            continue
        unit = CHINESE_UNITS[char]
        if unit == 10000:
            total += (section + (digit or 0)) * unit
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def sizes(text: str) -> tuple[str, ...]:
    """Preset sizes from pixels ("1080x1920") and names ("square", "竖版", "leaderboard")."""
    found: list[tuple[int, str]] = [(m.start(), f"{m.group(1)}x{m.group(2)}")
                                    for m in _PIXELS.finditer(text)]
    lowered = text.lower()
    for name, size in SIZE_NAMES.items():
        for match in re.finditer(_word(name, plural=True), lowered):
            found.append((match.start(), size))
    found += _close_words(lowered, SIZE_NAMES)  # "sqaure"
    return _unique(size for _, size in sorted(found))


def languages(text: str) -> tuple[str, ...]:
    """ISO codes of the languages named, in the order named: "in Spanish and 日文" (es, ja)."""
    lowered = text.lower()
    found = [(m.start(), code) for name, code in LANGUAGE_NAMES.items()
             for m in re.finditer(_word(name), lowered)]
    for match in _CODES.finditer(lowered):  # "in ja + de"
        found += [(match.start() + i, code) for i, code in
                  enumerate(re.findall(r"en|zh|ja|de|fr|es", match.group(1)))]
    for match in _LANGUAGE_PAIR.finditer(text):  # "中英文", "英日双语", "翻成英日"
        chars = match.group(1) or match.group(2)
        found += [(match.start() + i, _LANGUAGE_CHARS[c]) for i, c in enumerate(chars)]
    return _unique(code for _, code in sorted(found))


def tone(text: str) -> str | None:
    """The tone asked for (professional, playful, premium, urgent), if any (an English word
    one letter off counts: "profesional")."""
    lowered = text.lower()
    hits = sorted((m.start(), value) for word, value in TONE_WORDS.items()
                  for m in re.finditer(_word(word), lowered))
    hits = hits or _close_words(lowered, TONE_WORDS)
    return hits[0][1] if hits else None


def copy_kind(text: str) -> str | None:
    """The kind of copy asked for: title, headline, description, selling_points, post, …
    (an English word one letter off counts: "titels")."""
    lowered = text.lower()
    hits = sorted((m.start(), value) for word, value in COPY_KINDS.items()
                  for m in re.finditer(_word(word), lowered))
    hits = hits or _close_words(lowered, COPY_KINDS)
    return hits[0][1] if hits else None


# words a letter away from a vocabulary word that mean something else ("format" is not
# "formal")
_REAL_WORDS = frozenset({"format", "normal", "bottle", "native", "posted", "poster", "store",
                         "stores", "stored", "storey", "storm", "stove", "spring", "sports"})


def _close_words(lowered: str, table: dict[str, str]) -> list[tuple[int, str]]:
    """Words of ``table`` misspelt by about a letter ("titels", "profesional")."""
    single = [w for w in table if w.isascii() and " " not in w and len(w) >= 6]
    hits = []
    for match in re.finditer(r"[a-z]{5,}", lowered):  # "squre"
        if match.group() in table or match.group().rstrip("s") in table or \
                match.group().rstrip("s") in _REAL_WORDS:
            continue  # spelt right: found (or not wanted) already
        close = close_word(match.group(), single)
        if close is not None:
            hits.append((match.start(), table[close]))
    return hits


def _word(phrase: str, plural: bool = False) -> str:
    """A pattern for a phrase: whole words for Latin script (with an optional plural "s"),
    as written for Chinese."""
    escaped = re.escape(phrase)
    if re.search(r"[\u4e00-\u9fff]", phrase):
        return escaped
    return rf"(?<![a-z]){escaped}{'s?' if plural else ''}(?![a-z])"


def _unique(values: object) -> tuple[str, ...]:
    seen: list[str] = []
    for value in values:  # type: ignore[attr-defined]
        if value not in seen:
            seen.append(value)
    return tuple(seen)


_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}


def image_format(text: str) -> str | None:
    """The image format asked for ("as PNG", "webp格式"), if any."""
    found = re.search(r"(?<![a-z])(png|jpe?g|webp)(?![a-z])", text.lower())
    return _FORMATS[found.group(1)] if found else None


def singular(word: str) -> str:
    """An English plural's singular, roughly: "candles" candle, "batteries" battery."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
