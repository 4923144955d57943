"""Which catalogue product a cut-out photo shows: its category, so a batch can say what it
cut out, and whether it is clear (glass), so the pipeline looks for its faint outline.

A photo is linked to a product by the product id it was given, else by its file name: the
name of a product's catalogue image (``mug.jpg``) or the product's id as the stem
(``OLJCESPC7Z.png``). An upload with no link, or a context with no catalogue, is "unknown".

Example::

    finder = CategoryFinder(context.catalogue)
    finder.category(Path("uploads/loafers.jpg"))          # "footwear"
    finder.category(Path("x.jpg"), product_id="1YMWWN1N4O")  # "accessories"
    finder.clear(Path("uploads/bamboo-glass-jar.jpg"))    # True: "Bamboo Glass Jar"
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from kg.facts import ProductFacts, product_node_data
from kg.schema import ProductRow
from shopmind.errors import ShopmindError
from tools.base import Catalogue
from tools.cutout.clear import is_clear

log = logging.getLogger(__name__)

UNKNOWN = "unknown"


class CategoryFinder:
    """Products by id and image name, rebuilt when the catalogue's version changes."""

    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        self._version: int | None = None
        self._by_id: dict[str, ProductFacts] = {}
        self._by_name: dict[str, ProductFacts] = {}

    def category(self, source: Path | str, product_id: str | None = None) -> str:
        """The category of ``product_id``, else of the product whose image ``source`` is."""
        product = self.product(source, product_id)
        return (product.category or UNKNOWN) if product else UNKNOWN

    def clear(self, source: Path | str, product_id: str | None = None) -> bool:
        """Whether the linked product's name or material says it is clear (glass)."""
        product = self.product(source, product_id)
        return product is not None and is_clear(product.name_en, product.name_zh,
                                                *product.values("material"))

    def product(self, source: Path | str, product_id: str | None = None) -> ProductFacts | None:
        """The product ``product_id``, else the one whose image ``source`` is (None: none)."""
        if not self._index():
            return None
        if product_id:
            return self._by_id.get(product_id)
        name = PurePosixPath(str(source).replace("\\", "/")).name
        stem = name.rsplit(".", 1)[0]
        return self._by_name.get(name.lower()) or self._by_id.get(stem)

    def _index(self) -> bool:
        """Builds the lookups once per catalogue version; False when there is no catalogue."""
        if self.catalogue is None:
            return False
        try:
            version = self.catalogue.version
            if version != self._version:
                products = self.catalogue.products()
                self._by_id = {p.id: p for p in products}
                self._by_name = {PurePosixPath(p.image).name.lower(): p
                                 for p in products if p.image}
                self._version = version
        except ShopmindError as exc:  # no catalogue in this context: every photo is unknown
            log.debug("cutout categories unavailable: %s", exc.message)
            self.catalogue = None
            return False
        return True


class ListedCatalogue:
    """Products held in a list, as a ``Catalogue``: a merchant's loaded file before it is in
    the graph (``from_rows``), the benchmark's Online Boutique photos, a test's few products."""

    version = 1

    def __init__(self, products: list[ProductFacts]) -> None:
        self._products = {p.id: p for p in products}

    @classmethod
    def from_rows(cls, rows: list[ProductRow]) -> ListedCatalogue:
        return cls([ProductFacts.from_node(r.id, product_node_data(r)) for r in rows])

    def product(self, product_id: str) -> ProductFacts:
        return self._products[product_id]

    def products(self) -> list[ProductFacts]:
        return list(self._products.values())
