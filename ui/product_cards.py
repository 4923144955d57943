"""Product cards beside JIMI's answers: the catalogue products a reply names, with picture,
name and price.

JIMI names the product it answers about in the reply itself ("The Trail Runner GTX is
waterproof ...", "Here is what I found: Trail Runner GTX (129.00 USD); ..."), in the
shopper's language. The product it chose is also kept in Rasa's ``product`` slot, but that
lives in Rasa's tracker and is not handed back with the reply, so the cards come from the
reply text: a product is on a card when its full English or Chinese catalogue name appears
in what JIMI said. A longer name wins over a shorter one inside it ("Trail Runner GTX" over
"Trail Runner"), and cards keep the order in which the reply names them.

Example::

    cards = ProductCards(platform.knowledge)
    found = cards.named_in(["The Trail Runner GTX is waterproof."])
    [p.id for p in found]    # ["fw-trail-runner"]
    cards.html(found)        # '<div class="product-cards" ...>...</div>'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Protocol
from urllib.parse import quote

from kg.facts import ProductFacts

MAX_CARDS = 4
IMAGE_ROUTE = "/ui/products/{id}/image"  # ui/web_routes.py serves it to signed-in callers
_ROW_STYLE = "display:flex;flex-wrap:wrap;gap:.75rem"
_CARD_STYLE = ("width:10rem;border:1px solid #ddd;border-radius:.5rem;padding:.5rem;"
               "background:#fff;color:#222")
_IMAGE_STYLE = "width:100%;height:8rem;object-fit:contain;background:#f6f6f6;border-radius:.25rem"


class Catalogue(Protocol):
    """What the cards need from the knowledge base."""

    @property
    def version(self) -> int: ...

    def products(self) -> list[ProductFacts]: ...


class ProductCards:
    """Finds the products a reply names and draws them as cards (HTML)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._version: int | None = None
        self._patterns: list[tuple[re.Pattern[str], ProductFacts]] = []

    def named_in(self, texts: Sequence[str], limit: int = MAX_CARDS) -> list[ProductFacts]:
        """The catalogue products the texts name, in the order named, longest names first
        where names overlap."""
        text = "\n".join(texts)
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, ProductFacts]] = []
        for pattern, product in self._names():
            for match in pattern.finditer(text):
                span = match.span()
                if any(span[0] < end and start < span[1] for start, end in taken):
                    continue
                taken.append(span)
                if all(p.id != product.id for _, p in found):
                    found.append((span[0], product))
        return [product for _, product in sorted(found, key=lambda pair: pair[0])][:limit]

    def html(self, products: Sequence[ProductFacts], language: str = "en") -> str:
        """Cards for ``products`` (an empty string for none)."""
        if not products:
            return ""
        cards = "".join(_card(product, language) for product in products)
        return f'<div class="product-cards" style="{_ROW_STYLE}">{cards}</div>'

    def _names(self) -> list[tuple[re.Pattern[str], ProductFacts]]:
        """One pattern per catalogue name, longest first; rebuilt when the catalogue changes."""
        version = self.catalogue.version
        if version != self._version:
            named: list[tuple[str, Callable[[str], str], ProductFacts]] = []
            for product in self.catalogue.products():
                named.append((product.name_en, _english, product))
                if product.name_zh:
                    named.append((product.name_zh, re.escape, product))
            named.sort(key=lambda entry: len(entry[0]), reverse=True)
            self._patterns = [(re.compile(pattern(name), re.IGNORECASE), product)
                              for name, pattern, product in named if name.strip()]
            self._version = version
        return self._patterns


def _english(name: str) -> str:
    """A whole-word match for an English name, spaces matching any run of spaces."""
    words = [re.escape(word) for word in name.split()]
    return r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"


def _card(product: ProductFacts, language: str) -> str:
    name = html.escape(product.name(language))
    price = html.escape(f"{product.price:.2f} {product.currency}")
    stock = "" if product.in_stock else " · out of stock"
    image = (f'<img src="{IMAGE_ROUTE.format(id=quote(product.id, safe=""))}" alt="{name}" '
             f'loading="lazy" style="{_IMAGE_STYLE}">' if product.image else "")
    return (f'<div class="product-card" data-product="{html.escape(product.id)}" '
            f'style="{_CARD_STYLE}">{image}<div class="product-name"><strong>{name}</strong>'
            f'</div><div class="product-price">{price}{stock}</div></div>')
