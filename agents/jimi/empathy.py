"""Noticing frustration, in English and Chinese, from the words, the typing and the history.

Signals (each adds to a score; 2 or more counts as frustrated):
- words: angry or exasperated vocabulary ("ridiculous", "still waiting", "太过分", "投诉"),
- typing: shouting in capitals, runs of "!" (or "?!", "???"; also full-width "！？"); a plain
  "??" counts only on a service request ("where is my order??"), not on shopping talk
  ("those shoes that light up??" is eagerness),
- repetition: the same service request (order status, refund, ...) or nearly the same words
  already in this conversation (a second product search is not a repeat),
- repeated contact: the shopper has written to us in several other sessions recently (this
  only adds to a sign in the current message: a neutral question is never "frustrated"),
- the intent itself: a complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORDS_EN = (
    "ridiculous", "unacceptable", "terrible", "awful", "useless", "worst", "angry", "furious",
    "fed up", "sick of", "still waiting", "still not", "still no", "third time",
    "second time", "how many times", "no one", "nobody", "waste of time", "scam", "disappointed",
    "late again", "wrong again", "broken again", "not again", "again!", "again?!",
    "frustrat", "annoy", "hopeless", "joke", "seriously", "what the", "wtf", "never again",
    "complain", "rubbish", "pathetic", "ignored", "not happy", "unhappy", "upset",
    "freaking out", "stressed", "so hard to use", "impossible to",
    "you don't understand", "doesn't understand", "don't you understand", "stupid bot",
    "dumb bot", "useless bot", "kidding me", "unbelievable", "not fair", "unfair",
    "somewhere else", "elsewhere", "another shop",
)
WORDS_ZH = (
    "太过分", "过分", "气死", "生气", "愤怒", "垃圾", "投诉", "骗子", "失望", "无语", "受不了",
    "还没到", "还没收到", "还是没", "又没", "又坏", "又延", "又是这样", "又出问题", "又来", "第三次", "第二次", "多少次", "没人管", "没人理", "怎么回事", "搞什么",
    "什么破", "差劲", "太差", "浪费时间", "不满意", "着急", "急死", "烦", "难用", "不好用", "没用", "怎么这么",
    "听不懂", "人话", "答非所问",
)
# whole words ("the merino one" holds no "no one"); "frustrat", "annoy" are stems
_WORDS_EN = {w: re.compile(rf"(?<![a-z]){re.escape(w)}" + ("" if w in ("frustrat", "annoy", "complain")
                                                         else r"(?![a-z])")) for w in WORDS_EN}
# a Chinese word inside a calm phrase: "一直没用过" (never used) is not "没用" (useless)
_NOT_ZH = {"没用": re.compile(r"没用过|没用了?吗|还没用")}
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_BANGS = re.compile(r"[!?！？]{2,}")
_QUESTIONS = re.compile(r"^[?？]{2}$")
_PUNCT = re.compile(r"[\W_]+")
THRESHOLD = 2


@dataclass(frozen=True)
class Mood:
    score: int
    signals: tuple[str, ...] = field(default_factory=tuple)

    @property
    def frustrated(self) -> bool:
        return self.score >= THRESHOLD


# asking again for these is a sign of a problem; a second product search is just shopping
REPEATABLE = frozenset({"order_status", "cancel_order", "change_order", "get_refund",
                        "delivery_period", "payment_issue", "contact_human_agent", "complaint"})
SERVICE = REPEATABLE - {"contact_human_agent", "complaint"}   # "where is my order??"


def assess(text: str, intent: str, earlier_texts: list[str], earlier_intents: list[str],
           other_sessions: int = 0) -> Mood:
    """How frustrated the shopper sounds in ``text`` given this conversation so far.

    Judged on the current message: without a sign in it (words, capitals, "!!", a complaint,
    a request repeated in this conversation) the shopper is calm, however the earlier
    sessions went; repeated contact only adds weight to a sign that is there.
    """
    signals: list[str] = []
    lowered = text.lower()
    hits = [w for w in WORDS_EN if _WORDS_EN[w].search(lowered)] + [
        w for w in WORDS_ZH if w in text and not (w in _NOT_ZH and _NOT_ZH[w].search(text))]
    if hits:
        signals.append("words:" + ",".join(hits[:3]))
    # "SOS", "PFAS", "GPS": a short word in capitals alone is a name, not shouting
    shouted = [w for w in _SHOUT.findall(text) if w not in {"GTX", "LED", "USB", "SM", "OK"}]
    if len(shouted) >= 2 or (shouted and len(text) < 40 and len(shouted[0]) >= 5):
        signals.append("capitals")
    if _exasperated(text, intent):
        signals.append("punctuation")
    if intent in REPEATABLE and any(
            i == intent and _similar(text, t) for i, t in zip(earlier_intents, earlier_texts,
                                                              strict=False)):
        signals.append("repeated request")
    elif _normal(text) and len(_normal(text)) > 3 and \
            _normal(text) in {_normal(t) for t in earlier_texts}:
        signals.append("repeated words")
    if intent == "complaint":
        signals.append("complaint")
    if signals and other_sessions >= 2:
        signals.append(f"contacted {other_sessions} times recently")
    score = len(signals) + (1 if len(hits) >= 2 else 0)
    return Mood(score, tuple(signals))


def _exasperated(text: str, intent: str) -> bool:
    """A run of "!" or "?" that reads as exasperation for this intent."""
    runs = _BANGS.findall(text)
    return any(not _QUESTIONS.match(run) or intent in SERVICE for run in runs)


def _similar(first: str, second: str) -> bool:
    """Nearly the same request: half or more of the character pairs shared."""
    a, b = _pairs(first), _pairs(second)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.4


def _pairs(text: str) -> set[str]:
    normal = _normal(text)
    return {normal[i:i + 2] for i in range(len(normal) - 1)}


def _normal(text: str) -> str:
    return _PUNCT.sub("", text.lower())


ACKNOWLEDGE = {
    "en": "I'm really sorry about this, and I understand why you're frustrated.",
    "zh": "非常抱歉给您带来这样的体验，我完全理解您的心情。",
}
