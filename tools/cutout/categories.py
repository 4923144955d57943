"""Which catalogue category a cut-out photo shows, so a batch can say what it cut out.

A photo is linked to a product by the product id it was given, else by its file name: the
name of a product's catalogue image (``mug.jpg``) or the product's id as the stem
(``OLJCESPC7Z.png``). An upload with no link, or a context with no catalogue, is "unknown".

Example::

    finder = CategoryFinder(context.catalogue)
    finder.category(Path("uploads/loafers.jpg"))          # "footwear"
    finder.category(Path("x.jpg"), product_id="1YMWWN1N4O")  # "accessories"
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from shopmind.errors import ShopmindError
from tools.base import Catalogue

log = logging.getLogger(__name__)

UNKNOWN = "unknown"


class CategoryFinder:
    """Product categories by id and image name, rebuilt when the catalogue's version changes."""

    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        self._version: int | None = None
        self._by_id: dict[str, str] = {}
        self._by_name: dict[str, str] = {}

    def category(self, source: Path | str, product_id: str | None = None) -> str:
        """The category of ``product_id``, else of the product whose image ``source`` is."""
        if not self._index():
            return UNKNOWN
        if product_id:
            return self._by_id.get(product_id, UNKNOWN)
        name = PurePosixPath(str(source).replace("\\", "/")).name
        stem = name.rsplit(".", 1)[0]
        return self._by_name.get(name.lower()) or self._by_id.get(stem) or UNKNOWN

    def _index(self) -> bool:
        """Builds the lookups once per catalogue version; False when there is no catalogue."""
        if self.catalogue is None:
            return False
        try:
            version = self.catalogue.version
            if version != self._version:
                products = self.catalogue.products()
                self._by_id = {p.id: p.category or UNKNOWN for p in products}
                self._by_name = {PurePosixPath(p.image).name.lower(): p.category or UNKNOWN
                                 for p in products if p.image}
                self._version = version
        except ShopmindError as exc:  # no catalogue in this context: every photo is unknown
            log.debug("cutout categories unavailable: %s", exc.message)
            self.catalogue = None
            return False
        return True
