"""From a merchant's message to what it means for the studio: an act and the plan's values.

Rasa's model (the same project as the shoppers', ``dialog/rasa/data/nlu/studio_*.yml``)
names the intent and tags campaigns and products; this module turns the message into a
:class:`Reading`: the act ("new" plan, "change" a detail, "confirm", "deny", a job question,
"help") and a :class:`StudioPlan` with the values said in it. The values come from
``agents.studio.values`` (counts, sizes, languages, tones, kinds of copy), the catalogue
(products by name, in English or Chinese) and the vocabulary (campaigns, tags, kinds of
product, "my last job", "the photos I uploaded", job ids).

Example::

    understanding = Understanding(rasa_parse, knowledge.products)
    reading = understanding.read(Parse("make_banners", 0.97, {}),
                                 "make 200 banners for the summer sale")
    reading.act, reading.plan.count, reading.plan.campaign   # "new", 200, "summer sale"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agents.studio import values
from agents.studio.campaigns import campaign, chinese
from agents.studio.plan import StudioPlan, Task
from agents.studio.products import ProductFinder
from agents.studio.vocabulary import (
    CATEGORY_NOUNS_EN,
    CATEGORY_NOUNS_ZH,
    COPY_KINDS,
    ENGLISH_NUMBERS,
    GENERIC_GOODS_EN,
    GENERIC_GOODS_ZH,
    LAST_JOB_WORDS,
    TAG_WORDS,
    UPLOAD_WORDS,
)
from agents.studio.work_words import (
    cancels,
    changes,
    named_work,
    opens_with_a_change,
    unheard_work,
    writes,
)
from kg.facts import ProductFacts
from shopmind.symbols import symbols_meaning

# what each intent of the studio's model (dialog/rasa/studio/domain.yml) means in the studio;
# its `other` (a shopper's question, small talk) is no act: the best-ranked act is used instead
ACTS: dict[str, tuple[str, Task | None]] = {
    "make_banners": ("new", "banners"), "write_copy": ("new", "copy"),
    "cut_out": ("new", "cutout"), "translate_banners": ("new", "translate"),
    "job_status": ("job", "job_status"), "cancel_job": ("job", "job_cancel"),
    "list_jobs": ("job", "job_list"), "affirm": ("confirm", None), "deny": ("deny", None),
    "change_detail": ("change", None), "help": ("help", None),
}
VALUELESS_ACTS = frozenset({"confirm", "deny", "help"})
MERCHANT_FLOOR = 0.1  # below this, a merchant's message is not understood ("other")
TEXT_NOUNS = re.compile(r"texts?|titles?|headlines?|taglines?|sublines?|selling points?|"
                        r"bullets?|bullet points?|posts?|descriptions?|hashtags?|slogans?|"
                        r"lines?|captions?|cop(?:y|ies)|条|篇|句|文案")
_LAST_JOB = re.compile(r"\b(?:last|latest|previous|most recent|recent|newest)\s+"
                       r"(?:job|batch|set|run|round|one|order of banners)s?\b"
                       r"|上一个(?!商品|产品|款|尺寸|颜色|版本|样式|方案|风格)")  # "取消上一个"
_TAGGED = re.compile(r"\btagged\s+(?:as\s+)?[\"']?([a-z-]+)")
_JOB_ID = re.compile(r"(?<![0-9a-z])([0-9a-f]{12,16})(?![0-9a-z])")
_UPLOADED_EN = re.compile(r"\bthese\s+(?:\d+\s+)?(?:photos|images|pictures|pics|shots|posters|"
                          r"files|banners)\b")
_SENT_EN = re.compile(r"\b(?:photos|images|pictures|pics|shots|files)\s+(?:i|we)\s+(?:just\s+)?"
                      r"(?:sent|added|dropped|shared|gave you)\b")  # "the pics i just sent"
_BARE_NUMBER = re.compile(r"(?<![\w.#])(\d{1,7})(?![\w.])")
_COUNTING_WORDS = "|".join(w for w in ENGLISH_NUMBERS if w not in ("a", "an", "one"))
_BARE_WORDS = re.compile(rf"\b((?:{_COUNTING_WORDS})(?:[\s-]+(?:{_COUNTING_WORDS}|hundred))*)\b")
_ZH_SET_NUMBER = re.compile(r"(?:到|成|为|要|来|改)\s*([零〇一二两三四五六七八九十百千万]+)")


@dataclass(frozen=True)
class Parse:
    """What the NLU said of one message."""

    intent: str
    confidence: float
    entities: dict[str, list[str]] = field(default_factory=dict)
    ranking: tuple[tuple[str, float], ...] = ()  # every intent the model weighed, best first

    @classmethod
    def from_rasa(cls, answer: dict[str, Any]) -> Parse:
        """From Rasa's ``/model/parse`` answer."""
        intent = answer.get("intent") or {}
        entities: dict[str, list[str]] = {}
        for entity in answer.get("entities") or []:
            value = entity.get("value")
            if isinstance(value, str) and value.strip():
                entities.setdefault(str(entity.get("entity")), []).append(value.strip())
        ranking = tuple((str(r.get("name")), float(r.get("confidence") or 0.0))
                        for r in answer.get("intent_ranking") or [] if r.get("name"))
        return cls(str(intent.get("name") or "nlu_fallback"),
                   float(intent.get("confidence") or 0.0), entities, ranking)

    @classmethod
    def of_symbols(cls, text: str) -> Parse | None:
        """A message of symbols only ("👍", "❌", "..."): read here, since the NLU has no
        words to read (Rasa's pipeline fails on a message with no tokens)."""
        meaning = symbols_meaning(text)
        if meaning is None:
            return None
        return cls("nlu_fallback", 0.0) if meaning == "unknown" else cls(meaning, 1.0)

    def for_merchant(self) -> Parse:
        """The best intent a merchant's message can have: for the model's `other` ("is it
        waterproof?", "status pls" when unsure) and its fallback for unsure answers, the
        best-ranked studio meaning is used instead, unless the model gave it almost no
        weight."""
        if self.intent in ACTS:
            return self
        for name, confidence in self.ranking:
            if name in ACTS:
                if confidence < MERCHANT_FLOOR:
                    break
                return Parse(name, confidence, self.entities, self.ranking)
        return self


@dataclass(frozen=True)
class Reading:
    """A message as the studio reads it: its act and the plan values it says."""

    act: str  # new, change, confirm, deny, job, help, other
    plan: StudioPlan
    intent: str
    confidence: float
    image_format: str | None = None  # "as PNG": the output format (not a plan key)


class Understanding:
    """Reads merchants' messages against the current catalogue."""

    def __init__(self, products: Callable[[], list[ProductFacts]],
                 version: Callable[[], int] | None = None) -> None:
        self._products = products
        self._version = version  # the catalogue's version: names are indexed once per version
        self._finder: ProductFinder | None = None
        self._seen: int | None = None

    def read(self, parse: Parse, text: str, context: Task | None = None) -> Reading:
        """The act and the plan values of ``text``; ``context`` is the task of the plan
        under discussion (a bare "make it 50" is a count of banners, or of texts)."""
        parse = parse.for_merchant()
        if parse.intent not in ACTS and (heard := unheard_work(
                text, values.copy_kind(text), bool(self.finder().find(text)))) is not None:
            parse = Parse(heard, parse.confidence, parse.entities, parse.ranking)
        act, task = ACTS.get(parse.intent, ("other", None))
        if act in ("confirm", "deny", "other") and changes(text) and any(
                v is not None for v in self.plan_values(text, parse.entities, context).values()):
            # "别的都没问题，就是语言改成法语吧", "it's for new year not christmas": an edit
            act, parse = "change", Parse("change_detail", parse.confidence, parse.entities,
                                         parse.ranking)
        if act in VALUELESS_ACTS:  # "yes go ahead", "what can you do?": no plan values
            return Reading(act, StudioPlan(), parse.intent, parse.confidence)
        found = self.plan_values(text, parse.entities, task or context,
                                 bare_numbers=act in ("change", "other"))
        parse, act, task, found = self._reread(text, parse, act, task, context, found)
        if task not in (None, "copy"):
            found["kind"] = None  # "post" or "description" in a banner request is not copy
        if task == "job_list":  # "my recent jobs", "my boxing day jobs": a campaign at most
            found = {"campaign": found["campaign"]}
        plan = StudioPlan(task=task if act in ("new", "job") else None, **found)
        return Reading(act, plan, parse.intent, parse.confidence, values.image_format(text))

    def _reread(self, text: str, parse: Parse, act: str, task: Task | None,
                context: Task | None, found: dict[str, Any]
                ) -> tuple[Parse, str, Task | None, dict[str, Any]]:
        """Where the words say more than the intent: the work named by its verb, a
        translation or banners heard as copy, an edit said as new work, new work said
        as an edit."""
        if task == "translate" and found["count"] is not None and not named_work(text) and \
                not str(found["source"]).startswith(("job:", "last_job", "uploads")) and \
                _BANNER_NOUN.search(text.lower()):
            # "Three hero banners ..., Spanish and French versions": new banners in languages
            act, task = ACTS["make_banners"]
            parse = Parse("make_banners", parse.confidence, parse.entities, parse.ranking)
        if act == "new" and context is None and opens_with_a_change(text) and not (
                found["products"] or found["campaign"] or found["source"]):
            act, task = "change", None  # "Actually make it 25 banners.": an edit
            parse = Parse("change_detail", parse.confidence, parse.entities, parse.ranking)
        if act == "change" and context is None and values.count(text) is not None and (
                found["products"] or found["campaign"] or found["source"]):
            # nothing under discussion to change, and a count of banners with what they are
            # for: terse new work ("双12 铸铁锅 20张 通栏"), not an edit ("改竖版，40张" is)
            act, task = ACTS["make_banners"]
            parse = Parse("make_banners", parse.confidence, parse.entities, parse.ranking)
        work = named_work(text) if task in ("banners", "copy", "job_cancel") else None
        if task == "job_cancel" and (work != "translate" or cancels(text)):
            work = None  # "job … -> english" with no word of cancelling is a translation
        if work is not None:  # "cutouts for the kids range, as main images": a cutout
            intent = next(name for name, (_, named) in ACTS.items() if named == work)
            act, task = ACTS[intent]
            parse = Parse(intent, parse.confidence, parse.entities, parse.ranking)
            found = self.plan_values(text, parse.entities, task)
        elif task == "copy" and found["languages"] and (found["source"] or "").startswith(
                "job:") and not (found["kind"] or _counts_texts(text) or writes(text)):
            act, task = ACTS["translate_banners"]  # "Job 9f3b… — need that in Japanese"
            parse = Parse("translate_banners", parse.confidence, parse.entities, parse.ranking)
            found = self.plan_values(text, parse.entities, task)
        elif task == "copy" and _BANNER_NOUN.search(text.lower()) and not (
                _counts_texts(text) or values.copy_kind(text) or writes(text)):
            act, task = ACTS["make_banners"]  # "给铸铁煎锅弄点海报": no text is asked for
            parse = Parse("make_banners", parse.confidence, parse.entities, parse.ranking)
            found = self.plan_values(text, parse.entities, task)
        elif task == "banners" and _copy_first(text):
            # "sublines for the banners of job …", "广告语来十条": texts are the work asked for
            act, task = ACTS["write_copy"]
            parse = Parse("write_copy", parse.confidence, parse.entities, parse.ranking)
            found = self.plan_values(text, parse.entities, "copy")
        return parse, act, task, found

    def plan_values(self, text: str, entities: dict[str, list[str]] | None = None,
                    task: Task | None = None, bare_numbers: bool = False) -> dict[str, Any]:
        """Every plan value but the task that ``text`` says; with ``bare_numbers`` a number
        without a noun counts too (an answer to "how many?", "make it 50")."""
        entities = entities or {}
        campaign_value = campaign(text, entities.get("campaign", []))  # "年货节那批不要了"
        text = without_negated(text)
        rest = _without(text, campaign_value)
        selected = _quantified_category(rest)  # "all the water bottles" is a selection
        products = self.finder().find(_without(rest, selected))
        if campaign_value and self._in_a_name(campaign_value, products):
            campaign_value = None  # a tagged span inside a product's name ("Floor Lamp")
        number = values.count(rest)
        if number is None and bare_numbers:
            number = bare_number(rest)
        texts_wanted = task == "copy" or (task is None and _counts_texts(rest))
        selection = source(rest, has_products=bool(products))
        if selection == "uploads":  # "photos of slippers" describes the photos; "the photos
            strong = self.finder().find(_without(rest, selected), minimum=self.finder().NAMED)
            products = [p for p in products if p in strong]  # of the Solar Power Bank" names
        return {
            "count": None if texts_wanted else number,
            "n": number if texts_wanted else None,
            "campaign": campaign_value,
            "products": tuple(products) or None,
            "sizes": None if task == "copy" else values.sizes(rest) or None,
            "languages": values.languages(rest) or None,
            "tone": _tone(rest, selection),
            "kind": values.copy_kind(rest),
            "source": selection,
        }

    def _in_a_name(self, span: str, products: list[str]) -> bool:
        names = self.finder().names
        return any(span.lower() in names[product_id] for product_id in products)

    def finder(self) -> ProductFinder:
        version = self._version() if self._version else None
        if self._finder is None or version is None or version != self._seen:
            self._finder = ProductFinder(self._products())
            self._seen = version
        return self._finder


_NEGATED = re.compile(
    r"\b(?:instead of|rather than|not in|not the|not)\s+[^,.;!?，。；！？]*?(?=\s*(?:[,.;!?]|$))"
    r"|\b(?:no|without|except|minus|skip)\s+(?:english|chinese|mandarin|spanish|german|french|"
    r"japanese)\b"
    r"|(?:不用|不要|别用|而不是|不是)[^，。；！？,.;!?了]*了?"
    r"|[^，。；！？,.;!?\s]{1,6}(?:就?不用了|就?不要了)", re.IGNORECASE)


_BANNER_NOUN = re.compile(r"\b(?:banners?|posters?|ads?|creatives?|images?|graphics?)\b|海报|主图|"
                          r"横幅|图")
_FOR_BANNERS_ZH = re.compile(r"(?:海报|主图|横幅|图)的?\s*(?:写|配|出|来|做)")


def _copy_first(text: str) -> bool:
    """Does a request name texts as its work before any banner ("taglines for the banners",
    "广告语来十条"), or ask for texts for banners in Chinese ("给海报配副标题")?"""
    lowered = text.lower()
    kind = values.copy_kind(lowered)
    if kind is None:
        return False
    kind_at = min((m.start() for word, value in COPY_KINDS.items() if value == kind
                   for m in re.finditer(re.escape(word), lowered)), default=len(lowered))
    banner = _BANNER_NOUN.search(lowered)
    if banner is None or kind_at < banner.start():
        return True
    verb = _FOR_BANNERS_ZH.search(text)
    return verb is not None and kind_at >= verb.end()


def without_negated(text: str) -> str:
    """The text without what it says no to: "Japanese instead of English" keeps Japanese,
    "不用上传的图了，改成热销款" keeps 热销款."""
    return _NEGATED.sub(" ", text)


def bare_number(text: str) -> int | None:
    """A number said without a noun after it ("make it 50", "张数减到四十"), not a size,
    a job id or part of a name."""
    cleaned = _JOB_ID.sub(" ", values._PIXELS.sub(" ", text.lower()))
    match = _BARE_NUMBER.search(cleaned)
    if match:
        return int(match.group(1))
    zh = _ZH_SET_NUMBER.search(cleaned)
    if zh:
        return values.chinese_number(zh.group(1))
    said = _BARE_WORDS.search(cleaned)  # "can we do fifteen instead"
    return values.english_number(said.group(1)) if said else None


def source(text: str, has_products: bool = False) -> str | None:
    """Where the work's inputs come from: ``job:<id>``, ``last_job``, ``uploads``, or a
    catalogue selection (``tag:<tag>``, ``category:<the merchant's words>``)."""
    lowered = text.lower()
    job = _JOB_ID.search(lowered)
    if job and re.search(r"\d", job.group(1)) and re.search(r"[a-f]", job.group(1)):
        return f"job:{job.group(1)}"
    if any(phrase in lowered for phrase in LAST_JOB_WORDS) or _LAST_JOB.search(lowered):
        return "last_job"
    if any(phrase in lowered for phrase in UPLOAD_WORDS) or _UPLOADED_EN.search(lowered) or \
            _SENT_EN.search(lowered):
        return "uploads"
    if has_products:
        return None
    category, tag = _category(text), _tag(text)
    if category and not (tag and _SELECTED_TAG.search(lowered)):
        return f"category:{category}"  # "做家居的小店…就用环保的那些商品" is the eco range
    return f"tag:{tag}" if tag else None


_SELECTED_TAG = re.compile(r"的那些(?:商品|产品|东西)?|的商品|系列|\b(?:range|line|collection)\b")


def _quantified_category(text: str) -> str | None:
    """A kind of product selected as a whole: "all the water bottles", "所有保温杯"."""
    found = _category(text)
    if not found:
        return None
    at = text.lower().find(found.rstrip("s") if found.endswith("s") else found)
    before = text[max(0, at - 16):at].lower() if at >= 0 else ""
    return found if re.search(r"\b(?:all|every|each)\b|所有|全部|全是", before) else None


def _category(text: str) -> str | None:
    """The kind of product selected, in the merchant's words, plural ("every candle we
    sell" is candles)."""
    lowered = text.lower()
    nouns = "|".join(re.escape(n) for n in sorted(CATEGORY_NOUNS_EN, key=len, reverse=True))
    singular = "|".join(re.escape(n[:-1]) for n in sorted(CATEGORY_NOUNS_EN, key=len,
                                                          reverse=True) if n.endswith("s"))
    modifiers = "|".join(re.escape(w) for w in sorted(TAG_WORDS, key=len, reverse=True)
                         if not chinese(w))
    match = re.search(rf"(?<![\w-])((?:(?:{modifiers})\s+)?(?:{nouns}))(?![\w-])", lowered)
    if match:
        return match.group(1)
    match = re.search(rf"\b(?:every|each|all)\s+(?:(?:the|our|my)\s+)?((?:(?:{modifiers})\s+)?"
                      rf"(?:{singular}))(?![\w-])", lowered)
    if match:
        return match.group(1) + "s"
    hits = [(text.find(noun), -len(noun), noun) for noun in CATEGORY_NOUNS_ZH if noun in text]
    return min(hits)[2] if hits else None


def _tag(text: str) -> str | None:
    lowered = text.lower()
    tagged = _TAGGED.search(lowered)
    if tagged and tagged.group(1) in TAG_WORDS:
        return TAG_WORDS[tagged.group(1)]
    generic_en = "|".join(GENERIC_GOODS_EN)
    generic_zh = "|".join(GENERIC_GOODS_ZH + ("装备", "用品"))
    standalone = {"bestseller", "bestsellers", "best seller", "best sellers", "best-sellers",
                  "top sellers", "new arrival", "new arrivals", "new-arrival", "new-arrivals",
                  "new in", "new products", "on sale", "clearance", "sale items",
                  "sale products", "discounted", "premium range", "premium line",
                  "premium products", "热销", "爆款", "畅销", "新品", "上新", "新款", "促销",
                  "特价", "打折", "高端系列"}
    hits = []
    for phrase, tag in TAG_WORDS.items():
        pattern = re.escape(phrase) if chinese(phrase) else \
            rf"(?<![a-z0-9_-]){re.escape(phrase)}(?![a-z0-9_-])"  # "kids的东西" too
        for match in re.finditer(pattern, lowered):
            after = lowered[match.end():]
            generic = re.match(rf"\s*(?:{generic_en})\b", after) or \
                re.match(rf"\s*(?:的|类)?(?:那些|这些|所有)?(?:{generic_zh})", after) or \
                re.match(r"的?(?:那些|这些)", after)  # "露营的那些"
            if phrase in standalone or generic or (not chinese(phrase) and (
                    " " in phrase or "-" in phrase)):
                hits.append((match.start(), -len(phrase), tag))
    return min(hits)[2] if hits else None


def _tone(text: str, selection: str | None) -> str | None:
    """The tone, unless its word named the selection ("our premium range")."""
    found = values.tone(text)
    if found == "premium" and selection == "tag:premium":  # "our premium range, professional
        return values.tone(re.sub(r"(?i)premium|高端", " ", text))  # tone": the other one
    return found


def _counts_texts(text: str) -> bool:
    return bool(TEXT_NOUNS.search(text.lower()))


def _without(text: str, phrase: str | None) -> str:
    if not phrase:
        return text
    return re.sub(re.escape(phrase), " ", text, count=1, flags=re.IGNORECASE)

