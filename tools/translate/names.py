"""What the knowledge graph names in English and Chinese, and texts with nothing to translate.

A product's name is the catalogue's, in both languages ("Trail Runner GTX" / "防水越野跑鞋"):
a banner that shows it gets the other language's name, never a word-by-word rendering. The
graph's category and tag labels (``kg.lexicon``) are read the same way. Other languages are
not in the graph, so a product name asked for in German is reported, not made up.

Some texts need no translation: numbers and symbols, a brand of the catalogue, a model code
with digits ("X200", "GTX-2") or a camel-cased name ("iPhone", "GoPro"). They are kept as
they are. An unknown word in capitals is *not* taken for an acronym: "FREE" is a word.

Example::

    names = NameIndex(products)
    names.translate("Trail Runner GTX", "zh")      # "防水越野跑鞋"
    looks_untranslatable("X200", names)            # True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.lexicon import CATEGORY_ZH, TAG_ZH
from tools.translate.glossary import normalise

if TYPE_CHECKING:
    from kg.facts import ProductFacts

_CODE = re.compile(r"(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._/-]*")
_CAMEL = re.compile(r"[A-Za-z][a-z]+[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*")


class NameIndex:
    """English and Chinese names of products and graph labels, looked up either way."""

    def __init__(self, products: Iterable[ProductFacts] = ()) -> None:
        self._pairs: dict[str, tuple[str, str]] = {}
        self._products: set[str] = set()
        brands: set[str] = set()
        for label, zh in (*CATEGORY_ZH.items(), *TAG_ZH.items()):
            self._add(label.replace("_", " ").replace("-", " "), zh)
        for product in products:
            if product.brand:
                brands.add(normalise(product.brand))
            self._products.add(normalise(product.name_en))
            if product.name_zh:
                self._products.add(normalise(product.name_zh))
                self._add(product.name_en, product.name_zh)
        self.brands = frozenset(brands)

    def _add(self, english: str, chinese: str) -> None:
        for key in (normalise(english), normalise(chinese)):
            self._pairs.setdefault(key, (english, chinese))

    def translate(self, text: str, target: str) -> str | None:
        """The other language's name (English or Chinese only), or None."""
        pair = self._pairs.get(normalise(text))
        if pair is None or target not in ("en", "zh"):
            return None
        return pair[0] if target == "en" else pair[1]

    def is_name(self, text: str) -> bool:
        """Whether the text is a product's name in the catalogue."""
        return normalise(text) in self._products

    def is_brand(self, text: str) -> bool:
        return normalise(text) in self.brands


def looks_untranslatable(text: str, names: NameIndex) -> bool:
    """Whether a text has nothing to translate: no letters, a brand, a model code."""
    stripped = text.strip()
    if not any(c.isalpha() for c in stripped):
        return True
    return (names.is_brand(stripped) or bool(_CODE.fullmatch(stripped))
            or bool(_CAMEL.fullmatch(stripped)))
