"""The team's glossary: campaign phrases, calls to action, badges, units, sizes, product kinds,
attribute names and values in six languages, looked up from any of them into any other.

A banner's words are few, repeated and public; a wrong one is seen by every shopper. So they
come from entries the team wrote and reviewed (``data/glossary.yml``), and a text that is not
there is reported by the translator, never guessed. Lookups are normalised the way banner
texts vary: case, runs of whitespace, full- and half-width forms (NFKC), curly apostrophes,
hyphens inside words ("T-shirts" is "t shirts"), spaces OCR puts between Chinese characters,
and a trailing "!" (or "！", or Spanish "¡...!") that is kept apart and written back in the
target language's own way.

The file is checked when it is loaded: an entry without English, a language the project
does not know, a value that is not text, or a phrase that two entries of a section share (it
could not be read back) raises ``InvalidInput`` naming the entry.

Example::

    glossary = default_glossary()
    glossary.translate("Summer Sale!", "es")       # "¡Rebajas de verano!"
    glossary.translate("限时抢购", "de")            # "Blitzangebot"
    glossary.find("Soldes d'été").languages        # ("fr",)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from shopmind.errors import InvalidInput

LANGUAGES = ("en", "zh", "es", "de", "fr", "ja")
# whole-text lookups try the sections in this order; units are read only after a number
PHRASE_SECTIONS = ("campaign", "cta", "badge", "size", "kind", "value", "attribute")
SECTIONS = (*PHRASE_SECTIONS, "unit")
# phrases that stand on their own on a banner, so a run of them may be put side by side
STANDALONE_SECTIONS = ("campaign", "cta", "badge")
TEMPLATE_SLOTS = {"percent": "discount", "rate": "discount", "amount": "amount",
                  "minimum": "minimum", "buy": "buy", "free": "free"}
_SLOT = re.compile(r"\{(\w*)\}")
_FOLD = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
                       "\u2212": "-", "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_HYPHEN_IN_WORD = re.compile(r"(?<=\w)-(?=\w)")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_SPACE_IN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_EXCLAIMED = re.compile(r"^\s*¡?\s*(.*?)[\s\u202f]*[!！]+\s*$", re.DOTALL)


def normalise(text: str) -> str:
    """The lookup key of a text: NFKC, case-folded, one space between words, hyphens inside
    words as spaces, no spaces between CJK characters."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    folded = " ".join(_HYPHEN_IN_WORD.sub(" ", folded).split())
    return _SPACE_IN_CJK.sub("", folded)


def split_exclamation(text: str) -> tuple[str, bool]:
    """(the text without its exclamation, whether it had one): "¡Compra ya!" is "Compra ya"."""
    match = _EXCLAIMED.match(text)
    return (match.group(1), True) if match and match.group(1) else (text, False)


def exclaim(text: str, language: str) -> str:
    """The text with an exclamation as the language writes one."""
    if language == "es":
        return f"¡{text}!"
    if language == "fr":
        return f"{text}\u202f!"  # French sets a narrow no-break space before "!"
    return f"{text}！" if language in ("zh", "ja") else f"{text}!"


def match_case(original: str, translated: str, target: str) -> str:
    """A Latin-script translation in the original's case: all capitals stay all capitals, a
    capitalised first letter stays capitalised; otherwise the glossary's own casing."""
    if target in ("zh", "ja") or not translated:
        return translated
    letters = [c for c in original if c.isalpha() and c.isascii()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return translated.upper()
    if letters and original.lstrip()[:1].isupper():
        return translated[0].upper() + translated[1:]
    return translated


@dataclass(frozen=True, eq=False)
class Entry:
    """One phrase in its languages; the first form of a language is the one written."""

    section: str
    forms: Mapping[str, tuple[str, ...]]
    id: str | None = None

    def text(self, language: str) -> str | None:
        forms = self.forms.get(language)
        return forms[0] if forms else None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language in LANGUAGES if language in self.forms)


@dataclass(frozen=True)
class Hit:
    """An entry found for a text, and the languages in which the text is one of its forms."""

    entry: Entry
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    """A promotional sentence with slots ("Free shipping over {amount}") in its languages."""

    name: str
    forms: Mapping[str, tuple[str, ...]]
    meaning: frozenset[str]  # what the slots say, whichever way a language writes them


class Glossary:
    """Entries by section, looked up by their normalised forms in any language."""

    def __init__(self, document: Mapping[str, Any], origin: str = "glossary") -> None:
        if not isinstance(document, Mapping):
            raise InvalidInput(f"{origin}: expected sections at the top level")
        unknown = set(document) - {*SECTIONS, "templates"}
        if unknown:
            raise InvalidInput(f"{origin}: unknown sections {sorted(unknown)}; "
                               f"known: {[*SECTIONS, 'templates']}")
        self.origin = origin
        self._sections = {section: tuple(_entries(document.get(section) or [], section, origin))
                          for section in SECTIONS}
        self._index = _index(self._sections, origin)
        templates = document.get("templates") or {}
        self.templates = MappingProxyType({name: _template(name, value, origin)
                                           for name, value in _items(templates, origin)})

    @classmethod
    def from_file(cls, path: Path) -> Glossary:
        try:
            document = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidInput(f"glossary {path}: {exc}") from exc
        return cls(document, origin=str(path))

    def entries(self, section: str | None = None) -> tuple[Entry, ...]:
        if section is None:
            return tuple(entry for entries in self._sections.values() for entry in entries)
        return self._sections[section]

    def find(self, text: str, source: str | None = None,
             sections: Iterable[str] = PHRASE_SECTIONS) -> Hit | None:
        """The entry a text is a form of: only in ``source`` when given, else preferring
        English, then the order of LANGUAGES; sections in the order given."""
        found = self._index.get(normalise(text), ())
        for section in sections:
            hits = [(entry, language) for entry, language in found if entry.section == section
                    and (source is None or language == source)]
            if hits:
                entry = hits[0][0]
                return Hit(entry, tuple(lang for lang in LANGUAGES
                                        if (entry, lang) in hits))
        return None

    def translate(self, text: str, target: str, source: str | None = None,
                  sections: Iterable[str] = PHRASE_SECTIONS) -> str | None:
        """The target language's form of the entry ``text`` is a form of (its exclamation
        and case kept), or None when there is no such entry or it has no target form."""
        core, exclaimed = split_exclamation(text)
        hit = self.find(core, source, sections)
        written = hit.entry.text(target) if hit else None
        if written is None:
            return None
        written = match_case(core, written, target)
        return exclaim(written, target) if exclaimed else written


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary shipped with the package, read and checked once per process."""
    path = resources.files("tools.translate").joinpath("data", "glossary.yml")
    with resources.as_file(path) as file:
        return Glossary.from_file(Path(file))


def _items(value: Any, where: str) -> list[tuple[str, Any]]:
    if not isinstance(value, Mapping):
        raise InvalidInput(f"{where}: expected a mapping, got {type(value).__name__}")
    keys = [key for key in value if not isinstance(key, str)]
    if keys:
        raise InvalidInput(f"{where}: key {keys[0]!r} is not text (quote it in the YAML)")
    return list(value.items())


def _entries(raw: Any, section: str, origin: str) -> Iterable[Entry]:
    if not isinstance(raw, list):
        raise InvalidInput(f"{origin}: section {section!r} must be a list of entries")
    for number, item in enumerate(raw, start=1):
        where = f"{origin}: {section} entry {number}"
        fields = dict(_items(item, where))
        entry_id = fields.pop("id", None)
        if entry_id is not None and not isinstance(entry_id, str):
            raise InvalidInput(f"{where}: 'id' must be text")
        if section == "kind" and not entry_id:
            raise InvalidInput(f"{where}: a kind needs the 'id' of kg/kinds.py")
        where = f"{where} ({fields.get('en')!r})"
        forms = _forms(fields, where, slots=section == "unit")
        if any(_SLOT.findall(form) not in ([], ["n"]) for f in forms.values() for form in f):
            raise InvalidInput(f"{where}: a unit's only slot is one {{n}} for its number")
        yield Entry(section, forms, entry_id)


def _forms(fields: Mapping[str, Any], where: str, slots: bool = False
           ) -> Mapping[str, tuple[str, ...]]:
    unknown = set(fields) - set(LANGUAGES)
    if unknown:
        raise InvalidInput(f"{where}: unknown languages {sorted(unknown)}; known: {LANGUAGES}")
    if "en" not in fields:
        raise InvalidInput(f"{where}: missing 'en'")
    if len(fields) < 2:
        raise InvalidInput(f"{where}: needs at least one language besides 'en'")
    forms = {}
    for language in LANGUAGES:
        if language in fields:
            forms[language] = _strings(fields[language], f"{where} {language!r}")
            if not slots and any("{" in form for form in forms[language]):
                raise InvalidInput(f"{where} {language!r}: only units and templates have slots")
    return MappingProxyType(forms)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not values:
        raise InvalidInput(f"{where}: an empty list")
    for item in values:
        if not isinstance(item, str):
            raise InvalidInput(f"{where}: {item!r} is not text (quote it in the YAML)")
        if not item.strip() or item != item.strip() or "\n" in item:
            raise InvalidInput(f"{where}: {item!r} is empty or has stray whitespace")
    return tuple(values)


def _index(sections: Mapping[str, tuple[Entry, ...]], origin: str
           ) -> dict[str, list[tuple[Entry, str]]]:
    index: dict[str, list[tuple[Entry, str]]] = {}
    for section, entries in sections.items():
        owner: dict[str, Entry] = {}
        for entry in entries:
            for language, forms in entry.forms.items():
                for form in forms:
                    key = normalise(form)
                    if owner.setdefault(key, entry) is not entry:
                        raise InvalidInput(
                            f"{origin}: {section} phrase {form!r} ({language}) belongs to both "
                            f"{owner[key].text('en')!r} and {entry.text('en')!r}")
                    if (entry, language) not in index.setdefault(key, []):
                        index[key].append((entry, language))
    return index


def _template(name: str, value: Any, origin: str) -> Template:
    where = f"{origin}: template {name!r}"
    forms = _forms(dict(_items(value, where)), where, slots=True)
    meanings = set()
    for language, texts in forms.items():
        for text in texts:
            slots = _SLOT.findall(text)
            unknown = [slot for slot in slots if slot not in TEMPLATE_SLOTS]
            if unknown or len(set(slots)) != len(slots):
                raise InvalidInput(f"{where} {language!r}: {text!r} has unknown or repeated "
                                   f"slots; known: {sorted(TEMPLATE_SLOTS)}")
            meanings.add(frozenset(TEMPLATE_SLOTS[slot] for slot in slots))
    if len(meanings) != 1:
        raise InvalidInput(f"{where}: its forms do not all say the same things "
                           f"({sorted(sorted(m) for m in meanings)})")
    return Template(name, forms, meanings.pop())
