"""Campaigns as merchants name them: a known one ("Black Friday", "618大促", with a "sale" or
a 大促 that follows), one a letter off ("chrismas"), one said as such ("switch the campaign to
cyber week", "开学季活动", "年中清仓，…", "it's for National Coffee Day"), else the span the
studio's NLU tagged.

    campaign("make 200 banners for the summer sale")   # "summer sale"
    campaign("给双十一做海报")                            # "双十一"
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agents.studio.spelling import close_word
from agents.studio.vocabulary import (
    CAMPAIGN_SUFFIXES_ZH,
    CAMPAIGNS_EN,
    CAMPAIGNS_ZH,
    COUNTED_NOUNS_EN,
)

# "switch the campaign to cyber week", "campaign: spring clearance", "春上新用的", "开学季活动"
_CAMPAIGN_NAMED = re.compile(r"\bcampaign\s*(?:to|is|=|:|->)\s*([a-z0-9'& ]{2,30}?)\s*(?:[,.;!?]|$)")
_CAMPAIGN_ZH = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff\d]{1,5}[节季新促日周])(?:活动|用的?|期间)"
                          r"|(?:^|[，,。；\s])([\u4e00-\u9fff]{2,6})活动"
                          # a phrase of its own that ends like an event: "年中清仓，…", "…，地球日"
                          r"|(?:^|[，,。；：:\s张幅的给为做])((?!今日|明日|周日|本周|下周|这周|上周|星期)"
                          r"[\u4e00-\u9fff]{1,4}(?:清仓|大促|特卖|狂欢|购物节|节|纪念日))"
                          r"(?=$|[，,。；！!？?\s]|的|用|活动)")
# "it's for National Coffee Day", "for our January Sale": an event by its capitalised name
_EVENT_EN = re.compile(r"\b(?:for|it's for|its for)\s+(?:our\s+|the\s+)?"
                       r"((?:[A-Z][\w']+\s+){1,3}(?:Day|Sale|Week|Weekend|Festival|Fest))\b")
_SEASONAL = re.compile(r"\b((?:spring|summer|autumn|fall|winter|holiday|back to school|new year)"
                       r" (?:sale|launch|clearance|collection|drop|promo|event|deals))\b")




_ONE_WORD_CAMPAIGNS = tuple(name for name in CAMPAIGNS_EN if name.isalpha() and len(name) >= 6)


def campaign(text: str, tagged: Iterable[str] = ()) -> str | None:
    """The campaign a message names: a known one ("Black Friday", "618大促"), else the span
    the NLU tagged. English is lower-cased; Chinese keeps a 大促/活动 that follows."""
    lowered = text.lower()
    hits: list[tuple[int, int, str]] = []
    for name in sorted(CAMPAIGNS_EN, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w.]){re.escape(name)}(?!\w|\.\d)", lowered):
            after = lowered[match.end():]
            if name.isdigit() and re.match(r"\s*(?:" + "|".join(COUNTED_NOUNS_EN) + ")", after):
                continue  # "618 banners" is a count
            sale = re.match(r" (sale|weekend)\b", after) if " " in name and \
                "sale" not in name else None  # "labor day sale"
            hits.append((match.start(), -len(name), name + (sale.group() if sale else "")))
    for name in sorted(CAMPAIGNS_ZH, key=len, reverse=True):
        before = r"(?<![0-9A-Za-z])" if name[0].isascii() and name[0].isalnum() else ""
        after_ = r"(?![0-9A-Za-z])" if name[-1].isascii() and name[-1].isalnum() else ""
        for match in re.finditer(before + re.escape(name) + after_, text):  # no "618" in an id
            after = text[match.end():].lower()
            if name.isdigit() and (re.match(r"\s*[张幅个条份]", after) or re.match(
                    r"\s*(?:" + "|".join(COUNTED_NOUNS_EN) + ")", after)):
                continue  # "618张", "618 banners": a count
            suffix = next((s for s in ("节", *CAMPAIGN_SUFFIXES_ZH)
                           if text.startswith(s, match.end()) and not (
                               s == "节" and name.endswith("节"))), "")
            digits = re.search(r"\d+$", text[:match.start()]) if not name[0].isdigit() else None
            start = digits.start() if digits else match.start()
            hits.append((start, -len(name), text[start:match.start()] + name + suffix))
    if hits:
        hits.sort()
        return hits[0][2].replace("-", " ") if hits[0][2] == "back-to-school" else hits[0][2]
    for word in re.findall(r"[a-z]{6,}", lowered):  # "chrismas"
        meant = close_word(word, _ONE_WORD_CAMPAIGNS)
        if meant is not None and word not in _ONE_WORD_CAMPAIGNS and word not in (
                "eastern", "easterly", "graduate", "graduated"):
            return meant
    named = _CAMPAIGN_NAMED.search(lowered) or _SEASONAL.search(lowered) or \
        _CAMPAIGN_ZH.search(text)
    event = _EVENT_EN.search(text)
    if event and not named:
        return event.group(1).lower()
    if named:
        return next(group for group in named.groups() if group).strip()
    for span in tagged:
        span = span.strip(" ,.!?，。")
        if not span or re.fullmatch(r"[\d\s]+", span):
            continue
        if chinese(span):
            return span
        if " " in span:  # one English word the NLU tags ("water", "back") is too little to go
            return span.lower()  # on: a one-word campaign is a known one, found above
    return None


def chinese(text: str) -> bool:
    """Does ``text`` hold a Chinese character?"""
    return bool(re.search(r"[\u4e00-\u9fff]", text))
