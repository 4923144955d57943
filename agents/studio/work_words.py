"""The work a request names by its verb, when the verb comes before any other work.

The studio's NLU weighs a whole message; a request that opens with "cut out", "isolate",
"抠图" or "translate" but also names products, sizes or banners ("cutouts for the kids range,
as 800x800 main images", "Translate banners for the River Sport Sandal into german") can
tip it towards new banners or copy. The verb said first is what the merchant asks for; the
banners or photos after it are what the work is done on.

    named_work("抠图：可折叠硅胶水瓶，一共八张")        # "cutout"
    named_work("make 20 banners from the cutouts")    # None: banners come first
"""

from __future__ import annotations

import re

from agents.studio.plan import Task

_CUTOUT = re.compile(r"\b(?:cut(?:ting)?[\s-]?outs?|isolate|remove\s+(?:the\s+)?backgrounds?|"
                     r"background\s+removal|clip(?:ping)?\s+paths?)\b"
                     r"|抠图|抠个图|抠一下|抠出来|抠几张|抠出|去背景|去掉背景|去底")
_TRANSLATE = re.compile(r"\b(?:translat(?:e|ion|ing)|locali[sz](?:e|ation|ing))\b"
                        r"|翻译|翻成|译成|翻一下")
# what else a request may ask for: banners and texts by their nouns and verbs
_OTHER_WORK = re.compile(r"\b(?:banners?|posters?|ads?|creatives?|graphics?|copy|captions?|"
                         r"headlines?|titles?|taglines?|descriptions?|selling points|posts?|"
                         r"hashtags?|write|make|design)\b"
                         r"|海报|主图|横幅|文案|标题|卖点|写|做|(?<!抠)(?<!抠个)(?<!抠几张)图")


def named_work(text: str) -> Task | None:
    """``cutout`` or ``translate`` when the request names that work before any other;
    None when it names none, or names banners or texts first."""
    lowered = text.lower()
    first = min(((m.start(), task) for pattern, task in ((_CUTOUT, "cutout"),
                                                         (_TRANSLATE, "translate"))
                 for m in [pattern.search(lowered)] if m), default=None)
    if first is None:
        return None
    other = _OTHER_WORK.search(lowered)
    if other is not None and other.start() < first[0]:
        return None
    return first[1]  # type: ignore[return-value]


_CANCEL = re.compile(r"\b(?:cancel|stop|abort|kill|halt|drop|scrap|delete|remove)\b|取消|停|"
                     r"不要|算了|撤|删")
_JOB_REFERENCE = re.compile(r"(?<![0-9a-z])[0-9a-f]{12,16}(?![0-9a-z])|\b(?:job|batch|run)s?\b|"
                            r"上一个|上一批|任务|那批")
_TEXT_COUNT = re.compile(r"(?:\d+|[x×]\s?\d+|[一二两三四五六七八九十]+[条句个篇])")
_WRITE = re.compile(r"\b(?:write|draft|pen)\b|写|配")


def cancels(text: str) -> bool:
    """Does the message say to stop or drop something?"""
    return bool(_CANCEL.search(text.lower()))


def unheard_work(text: str, copy_kind: str | None, names_products: bool = False) -> str | None:
    """The intent of a message the NLU could not place, from the words that only that work
    uses: a kind of copy with a number or a product ("bullet points x6 road racer", "详情
    心率手表") is copy; cancelling with a job named ("取消上一个") is cancelling it. None
    when the words say neither."""
    lowered = text.lower()
    if copy_kind is not None and (names_products or _TEXT_COUNT.search(lowered)):
        return "write_copy"
    if cancels(lowered) and _JOB_REFERENCE.search(lowered):
        return "cancel_job"
    return None


def writes(text: str) -> bool:
    """Does the message ask for something written ("write", 写, 配)?"""
    return bool(_WRITE.search(text.lower()))


_CHANGE = re.compile(r"\b(?:instead|rather|switch|change|make (?:it|them)|not)\b|改成|换成|改为|"
                     r"换为|改一下|就是.{0,6}改|不是")


def changes(text: str) -> bool:
    """Does a yes or a no carry an edit ("fine, but in French instead", "不是圣诞是元旦")?"""
    return bool(_CHANGE.search(text.lower()))


_CHANGE_FIRST = re.compile(r"(?i)^\s*(?:ok(?:ay)?,?\s+)?(?:actually|instead|make (?:it|them|that)|"
                           r"change (?:it|them|that)|switch (?:it|them|that))\b|^\s*(?:改成|换成|改为)")


def opens_with_a_change(text: str) -> bool:
    """Does the message open as an edit ("Actually make it 25 banners.", "改成竖版")?"""
    return bool(_CHANGE_FIRST.search(text))
