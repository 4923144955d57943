"""Li Bai's English grammar: one function per kind, each writing variant ``index``.

    draft = write_english(context, index=3)
    draft.text   # "Meet the Packable Rain Jacket, made for weekends away. It keeps you dry ..."
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from agents.libai import english
from agents.libai import phrases_en as bank
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
SHORT_KIND_POINTS = 6  # headlines, sublines and titles use the top points only
_HASHTAG_SKIP = frozenset({"bestseller", "simple", "premium"})
_COPULAS = ("is ", "are ", "has ", "have ")
_WORD = re.compile(r"[a-z]{4,}")  # words that make a label repeat the name
_UNITS = frozenset({"ml", "g", "kg", "mm", "cm", "m", "mg", "lm", "kcal", "h", "l"})
# bullet labels for measured attributes whose short label is only a number
_BULLET_LABELS = {"keeps_hot_h": "Hot drinks", "keeps_cold_h": "Cold drinks",
                  "battery_life_h": "Battery life", "battery_mah": "Battery",
                  "capacity_ml": "Capacity", "weight_g": "Weight", "volume_l": "Volume",
                  "wattage_w": "Power", "brightness_lm": "Brightness"}
_DIGITS = re.compile(r"\d[\d,.]*")
_UNIT_SUFFIX = re.compile(r"_(?:g|ml|l|h|mah|w|mg|cm|mm|m|lm|c|k|db|kcal|count)$")


def write_english(context: Context, index: int) -> Draft | None:
    rng = context.rng(index)
    writer: Callable[[Context, int, random.Random], Draft | None] = _WRITERS[context.kind]
    return writer(context, index, rng)


def _base(context: Context, rng: random.Random) -> Values:
    static: Values | None = context.memo.get("en")
    if static is None:
        static = context.memo["en"] = _static(context)
    values = dict(static)
    scene = rng.choice(context.memo["en_scenes"])
    values["scene"], values["Scene"] = scene, english.capitalise(scene)
    the_name = rng.choice(context.memo["en_references"])
    values["the_name"], values["The_name"] = the_name, english.capitalise(the_name)
    return values


def _static(context: Context) -> Values:
    """The values that do not change between variants (computed once per request)."""
    subject = context.subject
    the_name = _with_the(subject.short_en)  # running text: no pack sizes
    noun = subject.noun_en
    a_noun = f"a pair of {noun}" if subject.plural else english.with_article(noun)
    values = {"name": subject.name_en, "the_name": the_name, "The_name": english.capitalise(
        the_name), "short": subject.short_en, "the_short": the_name, "noun": noun,
        "a_noun": a_noun, "price": context.price()}
    brand = context.product.brand
    if brand.lower() not in subject.short_en.lower():
        values["brand"] = brand
    if context.campaign:
        values["campaign"] = context.campaign
        values["Campaign"] = english.title_case(context.campaign)
    context.memo["en_scenes"] = _scenes(context)
    context.memo["en_references"] = _references(context, the_name)
    return values


def _references(context: Context, the_name: str) -> tuple[str, ...]:
    """Ways to name the product in running text: "the Trail Runner GTX", "our Trail Runner
    GTX", "the Northpeak Trail Runner GTX"."""
    subject, brand = context.subject, context.product.brand
    this = "these" if subject.plural else "this"
    names = [the_name, the_name, f"{this} {subject.noun_en}", f"{this} {subject.noun_en}"]
    if the_name.startswith("the "):
        names.append(f"our {subject.short_en}")
        if brand.lower() not in subject.short_en.lower() and len(brand) < 16:
            names.append(f"the {brand} {subject.short_en}")
    return tuple(names)


def _with_the(name: str) -> str:
    first = name.split(" ", 1)[0]
    return name if first.lower() == "the" or first.endswith("'s") else f"the {name}"


def _scenes(context: Context) -> tuple[str, ...]:
    found = tuple(scene for tag in context.product.tags for scene in bank.SCENES.get(tag, ()))
    return found or bank.FAMILY_SCENES.get(context.subject.family, ("everyday life",))


def _point_values(points: Sequence[SellingPoint], rng: random.Random) -> Values:
    values: Values = {}
    for number, point in enumerate(points, start=1):
        if point.en_vps:
            values[f"vp{number}"] = vary(rng.choice(point.en_vps), rng)
        if point.en_nps:
            values[f"np{number}"] = vary(rng.choice(point.en_nps), rng)
        tag = point.en_tag
        values.update({f"tag{number}": tag, f"Tag{number}": english.capitalise(tag),
                       f"tag{number}_lower": _lower_first(tag)})
    return values


def _lower_first(text: str) -> str:
    """"Waterproof" -> "waterproof"; "USB-C" and "Saleor Loom" stay as they are."""
    words = text.split()
    if not text[1:2].islower() or any(w[:1].isupper() for w in words[1:]):
        return text
    return text[:1].lower() + text[1:]


def _finish(text: str, context: Context) -> str:
    return english.tidy(english.agree(text, context.subject.plural))


def _draft(text: str, context: Context, points: Sequence[SellingPoint]) -> Draft:
    return Draft(_finish(text, context), tuple(p.attribute for p in points))


def _beyond_name(context: Context) -> list[SellingPoint]:
    """Points whose label the name does not already say ("Packable" in "Packable Jacket")."""
    name = set(_WORD.findall(context.subject.short_en.lower()))
    skip = short_kind_skips(context.kind)
    return [p for p in context.points if p.attribute not in skip
            and not name & set(_WORD.findall(p.en_tag.lower()))][:SHORT_KIND_POINTS]


def _openers(context: Context, rng: random.Random) -> tuple[str, ...]:
    if context.campaign and rng.random() < 0.35:
        return bank.CAMPAIGN_OPENERS
    if context.tone == "urgent" and context.sale and rng.random() < 0.4:
        return bank.SALE_OPENERS
    return bank.OPENERS[context.tone]


def _closers(context: Context, rng: random.Random) -> tuple[str, ...]:
    if context.tone == "urgent":
        special = bank.PRICE_CLOSERS + (bank.SALE_CLOSERS if context.sale else ()) + (
            bank.STOCK_CLOSERS if context.low_stock else ())
        if rng.random() < 0.4:
            return special
    if context.campaign and rng.random() < 0.25:
        return bank.CAMPAIGN_CLOSERS
    return bank.CLOSERS[context.tone]


def _copy(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(context.points, index, rng, _point_count(context, rng))
    base = _base(context, rng)
    values = base | _point_values(chosen[:3], rng)
    middles = bank.MIDDLES + (bank.PLAYFUL_MIDDLES if context.tone == "playful" else ())
    opener = fill(choose(_openers(context, rng), set(values), rng) or "", values)
    middle = _vary_subject(choose(middles, set(values), rng), context, rng)
    leftover = [p for i, p in enumerate(chosen, 1) if i > 3 or i not in _used(middle)]
    extras = [_more(leftover, base, rng, context), *_family_lines(context, values, rng,
                                                        2 if chosen else 4)]
    if not chosen:
        extras += [fill(rng.choice(bank.PRICE_CLOSERS), values, rng)]
    closer = fill(choose(_closers(context, rng), set(values), rng) or "", values)
    head = [opener] + ([fill(middle, values, rng)] if middle else [])
    text = fit(head, [e for e in extras if e], [closer], " ", context.limit)
    return _draft(text, context, chosen)


def _vary_subject(template: str | None, context: Context, rng: random.Random) -> str | None:
    """The first "{It}"/"{it}" sometimes becomes "this tee" or "the tee"."""
    if template is None:
        return None
    at = min((i for i in (template.find("{It}"), template.find("{it}")) if i >= 0), default=-1)
    if at < 0 or rng.random() < 0.5:
        return template
    noun = context.subject.noun_en
    subject = rng.choice((f"{{this}} {noun}", f"the {noun}"))
    if template[at + 1] == "I":
        subject = subject[0].upper() + subject[1:] if subject[0] != "{" else f"{{This}} {noun}"
    return template[:at] + subject + template[at + 4:]


def _used(template: str | None) -> set[int]:
    """Which numbered points a template uses ({vp1} and {np3} -> {1, 3})."""
    names = slots(template) if template else frozenset()
    return {int(name[-1]) for name in names if name[-1].isdigit()}


def _point_count(context: Context, rng: random.Random) -> int:
    """How many points one copy text carries: fewer for a product with few points, so that
    twenty variants do not all repeat the same ones."""
    few = len(context.points) <= 4
    return (1 if few else 2) + rng.randint(0, 2)


def _more(points: Sequence[SellingPoint], base: Values, rng: random.Random,
          context: Context) -> str:
    """One more sentence for the points that did not fit in the first."""
    if not points:
        return ""
    values = base | _point_values(points[:2], rng)
    template = _vary_subject(choose(bank.FOLLOWS, set(values), rng), context, rng)
    return fill(template, values, rng) if template else ""


def _family_lines(context: Context, values: Values, rng: random.Random,
                  count: int = 2) -> list[str]:
    lines = list(bank.FAMILY_LINES.get(context.subject.family, bank.FAMILY_LINES["general"]))
    rng.shuffle(lines)
    return [fill(line, values, rng) for line in lines[:count]]


def _headline(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_beyond_name(context), index, rng, 2)
    values = _base(context, rng) | _point_values(chosen, rng)
    templates = bank.HEADLINES[context.tone]
    if context.campaign and rng.random() < 0.5:
        templates = bank.CAMPAIGN_HEADLINES
    template = choose(templates, set(values), rng) or "{short}"
    return _draft(english.capitalise(fill(template, values, rng)), context, chosen)


def _subline(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_beyond_name(context), index, rng, 3)
    values = _base(context, rng) | _point_values(chosen, rng)
    template = choose(bank.SUBLINES, set(values), rng)
    if template is None:
        template = choose(bank.FAMILY_LINES.get(context.subject.family, ()), set(values), rng)
    return _draft(english.sentence(fill(template or "{The_name}.", values, rng)), context, chosen)


def _title(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(_beyond_name(context), index, rng, 3)
    values = _base(context, rng) | _point_values(chosen, rng)
    values |= {f"Tag{i}": english.title_case(values[f"Tag{i}"])
               for i in range(1, 4) if f"Tag{i}" in values}
    template = choose(bank.TITLES, set(values), rng) or "{short}"
    return _draft(fill(template, values, rng), context, chosen)


def _bullet(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(context.points, index, rng, 1)
    if not chosen:  # no attributes: the plain facts (brand, price) and where it fits
        values = _base(context, rng)
        return _draft(fill(rng.choice(bank.PLAIN_BULLETS), values, rng), context, chosen)
    point = chosen[0]
    values = _base(context, rng) | _point_values(chosen, rng)
    label, phrase = _bullet_parts(point, rng)
    values |= {"Tag1": label, "vp1": phrase,
               "Vp1": english.capitalise(phrase if phrase.startswith("{it}") else
                                         "{it} " + phrase)}
    template = choose(bank.BULLETS[context.tone], set(values), rng)
    return _draft(fill(template or "{Tag1}: {vp1}.", values, rng), context, chosen)


def _bullet_parts(point: SellingPoint, rng: random.Random) -> tuple[str, str]:
    """A label and a verb phrase that says more than the label ("Capacity: holds 350 ml")."""
    label = english.capitalise(point.en_tag)
    digits = _DIGITS.findall(label)
    fresh = [vp for vp in point.en_vps if point.en_tag.lower() not in vp.lower()
             and not (digits and set(digits) <= set(_DIGITS.findall(vp)))]
    if not fresh:
        label = _BULLET_LABELS.get(point.attribute) or english.capitalise(
            _UNIT_SUFFIX.sub("", point.attribute).replace("_", " "))
        fresh = list(point.en_vps)
    phrase = vary(rng.choice(fresh), rng) if fresh else point.en_tag
    return label, f"{{it}} {phrase}" if phrase.startswith(_COPULAS) else phrase


def _post(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(context.points, index, rng, 3 + rng.randint(0, 1))
    base = _base(context, rng)
    values = base | _point_values(chosen[:3], rng)
    bodies = ("{The_name} {vp1}.", "{The_name} {vp1} and {vp2}.",
              "{The_name} {vp1}, {vp2} and {vp3}.", "Meet {the_name}: {it} {vp1}.",
              "Why {the_name}? {It} {vp1}, and {it} {vp2}.")
    hook = fill(choose(bank.POST_HOOKS[context.tone], set(values), rng) or "", values)
    body = fill(choose(bodies, set(values), rng) or "Meet {the_name}.", values)
    closer = fill(choose(_closers(context, rng), set(values), rng) or "", values)
    tags = " ".join(hashtags(context, chosen, rng, 3)) + " " + rng.choice(bank.POST_SIGNOFFS)
    extras = [_more(chosen[3:], base, rng, context), *_family_lines(context, values, rng)]
    text = fit([hook, body], [e for e in extras if e], [closer, tags], " ", context.limit)
    return _draft(text, context, chosen)


def _hashtags(context: Context, index: int, rng: random.Random) -> Draft | None:
    chosen = rotate(context.points, index, rng, 3)
    return _draft(" ".join(hashtags(context, chosen, rng, 4 + rng.randint(0, 2))), context,
                  chosen)


def hashtags(context: Context, points: Sequence[SellingPoint], rng: random.Random,
             count: int) -> list[str]:
    """Hashtags from selling points, tags, the noun, the brand and the campaign."""
    pool = [_camel(p.en_tag) for p in points if _hashtaggable(p.en_tag)]
    extra = [_camel(t.replace("-", " ")) for t in context.product.tags if t not in _HASHTAG_SKIP]
    extra += [_camel(context.subject.noun_en), _camel(context.product.brand)]
    if context.campaign:
        extra.append(_camel(context.campaign))
    rng.shuffle(extra)
    chosen = list(dict.fromkeys(pool[:2] + extra + pool[2:]))[:count]
    rng.shuffle(chosen)
    return [f"#{tag}" for tag in chosen if tag]


def _hashtaggable(tag: str) -> bool:
    """Words ("Waterproof") or a number and its unit ("10,000 mAh"), nothing else."""
    words = tag.replace(",", "").split()
    if not any(ch.isdigit() for ch in tag):
        return bool(words)
    return len(words) == 2 and words[0].replace(".", "").isdigit()


def _camel(text: str) -> str:
    words = re.split(r"[\s\-–·&+',.:]+", text.replace(",", ""))
    return "".join(w if w in _UNITS or not w.islower() else w[:1].upper() + w[1:]
                   for w in words if w)


_WRITERS: dict[str, Callable[[Context, int, random.Random], Draft | None]] = {
    "copy": _copy, "headline": _headline, "subline": _subline, "title": _title,
    "bullet": _bullet, "post": _post, "hashtags": _hashtags,
}
