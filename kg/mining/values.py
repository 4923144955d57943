"""Attribute values mined from titles and descriptions.

The lexicon is learned from the catalogue's structured attributes: every string value seen
("cotton", "merino wool"), every boolean attribute's name ("waterproof", "dishwasher safe"),
and every numeric attribute with a unit suffix (``capacity_ml``, ``battery_mah``) becomes a
pattern. Quantities in text are normalised to the attribute's unit ("1.7 L" -> 1700 ml,
"10,000 mAh" -> 10000).

Example::

    lexicon = ValueLexicon.learn(rows)
    lexicon.extract("A waterproof 500 ml bottle in merino wool")
    # [Mention("waterproof", True, ...), Mention("capacity_ml", 500, ...), ...]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kg.lexicon import BOOLEAN_ZH, UNITS
from kg.mining.resolve import canonical
from kg.schema import AttributeValue


class HasAttributes(Protocol):
    """A catalogue row or product facts: anything with structured attributes."""

    @property
    def attributes(self) -> dict[str, AttributeValue]: ...

_NUMBER = r"(\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?)"
_SKIP_STRING_ATTRIBUTES = frozenset({"size", "compatible_models", "tasting_notes"})


@dataclass(frozen=True)
class Mention:
    attribute: str
    value: str | float | bool
    span: tuple[int, int]


@dataclass
class ValueLexicon:
    """Surface form -> (attribute, value), and unit patterns per numeric attribute."""

    phrases: dict[str, tuple[str, str | bool]] = field(default_factory=dict)
    quantities: dict[str, str] = field(default_factory=dict)  # attribute -> unit suffix
    _pattern: re.Pattern[str] | None = None

    @classmethod
    def learn(cls, rows: Iterable[HasAttributes]) -> ValueLexicon:
        lexicon = cls()
        for row in rows:
            for attribute, value in row.attributes.items():
                lexicon._learn_one(attribute, value)
        return lexicon

    def _learn_one(self, attribute: str, value: object) -> None:
        if isinstance(value, bool):
            self.phrases[attribute.replace("_", " ")] = (attribute, True)
            if attribute in BOOLEAN_ZH:
                self.phrases[BOOLEAN_ZH[attribute]] = (attribute, True)
        elif isinstance(value, (int, float)):
            suffix = attribute.rsplit("_", 1)[-1]
            if suffix in UNITS and "_" in attribute:
                self.quantities[attribute] = suffix
        elif attribute not in _SKIP_STRING_ATTRIBUTES:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and 2 < len(item) < 40:
                    self.phrases[item.lower()] = (attribute, canonical(item))
        self._pattern = None

    def extract(self, text: str) -> list[Mention]:
        mentions = self._phrase_mentions(text) + self._quantity_mentions(text)
        return sorted(mentions, key=lambda m: m.span)

    def _phrase_mentions(self, text: str) -> list[Mention]:
        if self._pattern is None:
            alternatives = sorted(self.phrases, key=len, reverse=True)
            body = "|".join(re.escape(p) for p in alternatives) or r"(?!x)x"
            self._pattern = re.compile(rf"(?<![\w-])({body})(?![\w-])", re.IGNORECASE)
        found = []
        for match in self._pattern.finditer(text):
            attribute, value = self.phrases[match.group(1).lower()]
            if not _negated(text, match.start()):
                found.append(Mention(attribute, value, match.span()))
        return found

    def _quantity_mentions(self, text: str) -> list[Mention]:
        by_suffix: dict[str, list[str]] = defaultdict(list)
        for attribute, suffix in self.quantities.items():
            by_suffix[suffix].append(attribute)
        found = []
        for suffix, attributes in by_suffix.items():
            if len(attributes) != 1:
                continue  # ambiguous unit (e.g. several *_h attributes): leave it to the data
            forms = UNITS[suffix][1]
            unit_re = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            for match in re.finditer(rf"{_NUMBER}\s?({unit_re})(?![a-zA-Z])", text, re.IGNORECASE):
                number = float(re.sub(r"[,\s]", "", match.group(1)))
                value = number * forms[match.group(2).lower()]
                found.append(Mention(attributes[0], _tidy(value), match.span()))
        return found


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].lower()
    return bool(re.search(r"\b(not|non|no)[\s-]*$", before)) or before.endswith("不")


def _tidy(value: float) -> float:
    return int(value) if value.is_integer() else round(value, 3)
