"""Translating banners Shopmind made: the manifest keeps each banner's texts and layout
inputs, so a translated banner is laid out again from scratch in the target language (a
longer German headline or a shorter Chinese one still fits and looks designed) rather than
painted over.

Where each text comes from, in order:

- the glossary or a pattern (campaign phrases, calls to action, badges, prices formatted for
  the target locale): a faithful translation of what the banner said;
- Li Bai, for headlines and sublines in the languages it writes (English, Chinese): new copy
  for the same product, grounded in its facts, in the same campaign;
- the knowledge graph's labels: the product's kind in the target language stands in for a
  headline nothing else could translate;
- otherwise nothing: the text is reported, never guessed (a missing subline or badge is left
  off the banner; a banner without any headline is not made).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.facts import ProductFacts
from kg.kinds import KINDS, kind_of
from shopmind.errors import InvalidInput
from tools.layout.colour import hex_colour
from tools.synth.plan import inputs_digest, saved_mask
from tools.synth.render import BannerSpec
from tools.translate.texts import TextTranslator, Translation

LIBAI_LANGUAGES = frozenset({"en", "zh"})
Writer = Callable[[ProductFacts, str, str, str | None], str | None]
"""``writer(product, kind, language, campaign)``: Li Bai's text, or None."""


@dataclass
class BannerTranslation:
    """One banner's texts in the target language, with where each came from."""

    file: str
    spec: BannerSpec | None
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.file, "sources": self.sources, "problems": self.problems,
                "made": self.spec is not None}


class BannerTranslator:
    """Specs for the target-language versions of manifest entries."""

    def __init__(self, translator: TextTranslator, writer: Writer | None = None) -> None:
        self.translator = translator
        self.writer = writer

    def translate(self, entry: dict[str, Any], product: ProductFacts, image: Path,
                  target: str) -> BannerTranslation:
        source = str(entry.get("language") or "") or None
        result = BannerTranslation(str(entry.get("file", "")), None)
        campaign = self._campaign(str(entry.get("headline", "")), source)
        texts = {}
        for role in ("headline", "subline", "cta", "badge", "price"):
            original = str(entry.get(role) or "")
            texts[role] = self._text(role, original, product, target, source, campaign, result)
        if not texts["headline"]:
            result.problems.append("no headline in the target language: banner not made")
            return result
        result.spec = _spec(entry, product, image, target, texts)
        return result

    def _text(self, role: str, original: str, product: ProductFacts, target: str,
              source: str | None, campaign: str | None, result: BannerTranslation) -> str:
        if not original.strip():
            return ""
        found = self.translator.translate(original, target, source)
        if found.text is not None:
            result.sources[role] = found.source
            return found.text
        if role in ("headline", "subline") and target in LIBAI_LANGUAGES and self.writer:
            written = self._written(product, role, target, campaign)
            if written:
                result.sources[role] = "libai"
                return written
        if role == "headline":
            label = self._kind_label(product, target)
            if label:
                result.sources[role] = "kg"
                result.problems.append(f"headline {original!r}: no faithful translation; "
                                       f"the product's kind ({label}) stands in")
                return label
        if role == "cta":
            fallback = self.translator.translate("Shop now", target, "en")
            if fallback.text:
                result.sources[role] = "glossary"
                return fallback.text
        result.sources[role] = "none"
        result.problems.append(f"{role} {original!r}: {_why(found)}; left off")
        return ""

    def _written(self, product: ProductFacts, role: str, target: str, campaign: str | None
                 ) -> str | None:
        """Li Bai's text; a campaign it will not write for (one its compliance check refuses,
        such as "authenticity guaranteed") is dropped rather than the text."""
        assert self.writer is not None
        for asked in dict.fromkeys((campaign, None)):
            try:
                return self.writer(product, role, target, asked)
            except InvalidInput:
                continue
        return None

    def _campaign(self, headline: str, source: str | None) -> str | None:
        """The headline's campaign in English (Li Bai's campaign names), if it is one."""
        if not headline.strip():
            return None
        found = self.translator.translate(headline, "en", source)
        return found.text.lower() if found.text and found.source == "glossary" else None

    def _kind_label(self, product: ProductFacts, target: str) -> str | None:
        kind_id = kind_of(product.name_en, product.name_zh) or product.category
        kind = KINDS.get(kind_id)
        if kind is None:
            return None
        label = self.translator.translate(kind.label_en, target, "en")
        if label.text is None:
            return None
        return label.text[:1].upper() + label.text[1:] if target != "de" else label.text


def _why(found: Translation) -> str:
    return found.note or "no faithful translation"


def _spec(entry: dict[str, Any], product: ProductFacts, image: Path, target: str,
          texts: dict[str, str]) -> BannerSpec:
    width, height = (int(part) for part in str(entry["size"]).split("x"))
    colours = tuple(hex_colour(c) for c in str(entry.get("brand_colours") or "").split() if c)
    logo = Path(str(entry["logo"])) if entry.get("logo") else None
    spec = BannerSpec(
        product.id, image, saved_mask(image), texts["headline"],
        texts["subline"], texts["price"], texts["cta"], width, height,
        str(entry.get("format") or "jpg"), texts["badge"], target,
        str(entry.get("brand") or ""), colours, logo, str(entry.get("forced_template") or "")
        or None)
    return replace(spec, digest=inputs_digest(spec.image, spec.mask, logo))
