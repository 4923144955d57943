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
