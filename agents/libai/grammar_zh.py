"""Li Bai's Chinese grammar: one function per kind, each writing variant ``index``.

    draft = write_chinese(context, index=0)
    draft.text   # "认识一下可收纳防水冲锋衣。防水设计，雨天也干爽，仅重290克，轻便好带。..."
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from agents.libai import chinese
from agents.libai import phrases_zh as bank
from agents.libai.compose import (
    Context,
    Draft,
    choose,
    fill,
    fit,
    rotate,
    short_kind_skips,
    slots,
    vary,
)
from agents.libai.points import SellingPoint

Values = dict[str, str]
_HASHTAG_CLEAN = re.compile(r"[\s，。、：；！？（）()·]+")
_UNTAGGABLE = re.compile(r"[A-Za-z]\s*\d|、|[A-Za-z]{7,}")  # codes, lists, long names


def write_chinese(context: Context, index: int) -> Draft | None:
    rng = context.rng(index)
    return _WRITERS[context.kind](context, index, rng)


def _base(context: Context, rng: random.Random) -> Values:
    static: Values | None = context.memo.get("zh")
    if static is None:
        static = context.memo["zh"] = _static(context)
    values = dict(static)
    values["scene"] = rng.choice(context.memo["zh_scenes"])
    values["name"] = rng.choice(context.memo["zh_references"])
    return values


def _static(context: Context) -> Values:
    """The values that do not change between variants (computed once per request)."""
    subject = context.subject
    values = {"name": subject.short_zh, "full_name": subject.name_zh, "short": subject.short_zh,
              "noun": subject.noun_zh, "this": subject.this_zh, "m": subject.measure,
              "price": context.price()}
    brand = context.product.brand
    if brand.lower() not in subject.short_zh.lower():
        values["brand"] = brand
    campaign = context.campaign_text()
    if campaign:
        values["campaign"] = campaign
    context.memo["zh_scenes"] = _scenes(context)
    short, this_noun = subject.short_zh, subject.this_zh + subject.noun_zh
    context.memo["zh_references"] = (short, short, short, this_noun, f"这款{subject.noun_zh}")
    return values


def _scenes(context: Context) -> tuple[str, ...]:
    found = tuple(scene for tag in context.product.tags for scene in bank.SCENES.get(tag, ()))
    return found or bank.FAMILY_SCENES.get(context.subject.family, ("日常生活",))


def _usable(points: Sequence[SellingPoint]) -> list[SellingPoint]:
    return [p for p in points if p.zh_clauses]


def _beyond_name(context: Context) -> list[SellingPoint]:
    """Points whose label the name does not already say (防水 in 可收纳防水冲锋衣)."""
    name, skip = context.subject.short_zh, short_kind_skips(context.kind)
    return [p for p in _usable(context.points)
            if p.zh_tag not in name and p.attribute not in skip][:6]


def _point_values(points: Sequence[SellingPoint], rng: random.Random) -> Values:
    values: Values = {}
    for number, point in enumerate(points, start=1):
        values[f"c{number}"] = vary(rng.choice(point.zh_clauses), rng)
        values[f"t{number}"] = point.zh_tag
    return values


def _draft(text: str, points: Sequence[SellingPoint]) -> Draft:
    return Draft(chinese.tidy(text), _attributes(points))


def _attributes(points: Sequence[SellingPoint]) -> tuple[str, ...]:
    return tuple(p.attribute for p in points)


def _openers(context: Context, rng: random.Random) -> tuple[str, ...]:
    if context.campaign and rng.random() < 0.35:
        return bank.CAMPAIGN_OPENERS
    if context.tone == "urgent" and context.sale and rng.random() < 0.4:
        return bank.SALE_OPENERS
    return bank.OPENERS[context.tone]


def _closers(context: Context, rng: random.Random) -> tuple[str, ...]:
    if context.tone == "urgent" and rng.random() < 0.4:
        return bank.PRICE_CLOSERS + (bank.SALE_CLOSERS if context.sale else ()) + (
            bank.STOCK_CLOSERS if context.low_stock else ())
    if context.campaign and rng.random() < 0.25:
        return bank.CAMPAIGN_CLOSERS
    return bank.CLOSERS[context.tone]


def _points_sentence(points: Sequence[SellingPoint], rng: random.Random) -> str:
    """Clauses of the points joined into one sentence: "防水设计，雨天也干爽；仅重290克。"."""
    if not points:
        return ""
    frame = rng.choice(bank.POINT_FRAMES)
    text = fill(frame, {"c": vary(rng.choice(points[0].zh_clauses), rng)}, rng)
    links = rng.sample(bank.LINKS, len(points) - 1) if len(points) > 1 else []
    for link, point in zip(links, points[1:], strict=True):
        text += link + vary(rng.choice(point.zh_clauses), rng)
    return chinese.sentence(text, "！" if rng.random() < 0.2 else "。")


def _copy(context: Context, index: int, rng: random.Random) -> Draft | None:
    usable = _usable(context.points)
    chosen = rotate(usable, index, rng, (1 if len(usable) <= 4 else 2) + rng.randint(0, 1))
    values = _base(context, rng)
    opener = fill(choose(_openers(context, rng), set(values), rng) or "", values)
    closer = fill(choose(_closers(context, rng), set(values), rng) or "", values)
    extras = [chinese.sentence(vary(line, rng))
              for line in _family_lines(context, rng, 2 if chosen else 4)]
    if not chosen:  # nothing to say about attributes: say where it fits, who makes it, price
        extras += [fill(line, values, rng) for line in bank.PLAIN_LINES if slots(line) <= set(values)]
    head = [opener, _points_sentence(chosen[:2], rng)]
    more = [_points_sentence(chosen[2:], rng)] if chosen[2:] else []
    text = fit(head, more + extras, [closer], "", context.limit)
    return _draft(text, chosen)


def _family_lines(context: Context, rng: random.Random, count: int = 2) -> list[str]:
    lines = list(bank.FAMILY_LINES.get(context.subject.family, bank.FAMILY_LINES["general"]))
    rng.shuffle(lines)
    return lines[:count]


def _headline(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_beyond_name(context), index, rng, 2)
    values = _base(context, rng) | _point_values(chosen, rng)
    templates = bank.HEADLINES[context.tone]
    if context.campaign and rng.random() < 0.5:
        templates = bank.CAMPAIGN_HEADLINES
    return _draft(fill(choose(templates, set(values), rng) or "{short}", values), chosen)


def _subline(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_beyond_name(context), index, rng, 3)
    values = _base(context, rng) | _point_values(chosen, rng)
    template = choose(bank.SUBLINES, set(values), rng)
    if template is None:  # nothing to say about attributes
        template = "，".join(_family_lines(context, rng))
    return _draft(fill(template, values, rng), chosen)


def _title(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_beyond_name(context), index, rng, 2)
    values = _base(context, rng) | _point_values(chosen, rng)
    text = fill(choose(bank.TITLES, set(values), rng) or "{short}", values, rng)
    if len(text) > context.limit.high:  # a long (often English) name: a title without it
        text = fill(choose(bank.SHORT_TITLES, set(values), rng) or "{noun}", values, rng)
    # keyword titles keep their spaces ("防水越野跑鞋 6毫米跟差"): only the punctuation is tidied
    return Draft(" ".join(chinese.tidy(part) for part in text.split()), _attributes(chosen))


def _bullet(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_usable(context.points), index, rng, 1)
    if not chosen:  # no attributes: the plain facts (brand, price) and where it fits
        values = _base(context, rng)
        return _draft(fill(rng.choice(bank.PLAIN_BULLETS), values, rng), chosen)
    values = _base(context, rng) | _point_values(chosen, rng)
    templates = bank.BULLETS[context.tone]
    if values["t1"] in values["c1"]:
        templates = tuple(t for t in templates if "{t1}" not in t) or ("{c1}",)
    return _draft(fill(choose(templates, set(values), rng) or "{c1}", values), chosen)


def _post(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_usable(context.points), index, rng, 3)
    values = _base(context, rng)
    hook = fill(choose(bank.POST_HOOKS[context.tone], set(values), rng) or "", values)
    body = values["name"] + "，" + _points_sentence(chosen, rng) if chosen else ""
    closer = fill(choose(_closers(context, rng), set(values), rng) or "", values)
    tags = " ".join(hashtags(context, chosen, rng, 3)) + " " + rng.choice(bank.POST_SIGNOFFS)
    extras = [chinese.sentence(vary(line, rng))
              for line in _family_lines(context, rng, 2 if chosen else 4)]
    if not chosen:
        body = values["name"] + "。"
        extras += [fill(line, values, rng) for line in bank.PLAIN_LINES
                   if slots(line) <= set(values)]
    text = fit([hook, body], extras, [closer, " " + tags], "", context.limit)
    return _draft(text, chosen)


def _hashtags(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_usable(context.points), index, rng, 3)
    tags = hashtags(context, chosen, rng, 4 + rng.randint(0, 2))
    return Draft(" ".join(tags), _attributes(chosen))


def hashtags(context: Context, points: Sequence[SellingPoint], rng: random.Random,
             count: int) -> list[str]:
    pool = [p.zh_tag for p in points if p.zh_tag and not _UNTAGGABLE.search(p.zh_tag)]
    extra = [bank.TAG_LABELS[t] for t in context.product.tags if t in bank.TAG_LABELS]
    extra += [context.subject.noun_zh, *_scenes(context)[:2], context.product.brand]
    campaign = context.campaign_text()
    if campaign and chinese.is_chinese(campaign):
        extra.append(campaign)
    rng.shuffle(extra)
    chosen = list(dict.fromkeys(pool[:2] + extra + pool[2:]))[:count]
    rng.shuffle(chosen)
    return [f"#{_HASHTAG_CLEAN.sub('', tag)}" for tag in chosen if tag]


_WRITERS: dict[str, Callable[[Context, int, random.Random], Draft | None]] = {
    "copy": _copy, "headline": _headline, "subline": _subline, "title": _title,
    "bullet": _bullet, "post": _post, "hashtags": _hashtags,
}
