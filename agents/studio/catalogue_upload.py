"""Merchants' catalogue files loaded into the knowledge base, each product owned by its merchant.

A file is the project's JSON lines or a Saleor fixture (``agents.studio.catalogue_files``).
Every row is validated; a bad row is reported with its line and field and skipped. The good
ones go through ``KnowledgeBase.upsert_products`` (one graph transaction, one embedding
batch), so the graph, the vectors and everyone who
reads the catalogue (JIMI, Li Bai, the studio) see them at once: the base's ``version`` moves.

Ownership (``ProductOwners``, the only state of its own): a new id becomes the uploader's and
only they may update it; the platform catalogue's products and other merchants' are refused
row by row. A file too big, not UTF-8, not JSON, or with no row that can load is refused whole;
an error half-way undoes what the upload wrote, so nothing is left half-written.

Example::

    uploads = CatalogueUploads(knowledge, settings.product_owners_path,
                               max_bytes=settings.max_upload_bytes)
    report = uploads.load("m1a2b3c4", "spring.jsonl", data)
    report["loaded"], report["updated"], report["products"]    # 2, 0, ["zz-mug", "zz-kettle"]
    report["rejected"]   # [{"line": 2, "field": "price", "message": "Input should be ..."}]
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from typing_extensions import TypedDict

from agents.studio.catalogue_files import CatalogueFile, CatalogueFormat, read_catalogue
from agents.studio.product_owners import ProductOwners, Verdict
from kg.catalog import RowProblem
from kg.facts import ProductFacts
from kg.knowledge import KnowledgeBase
from kg.schema import ProductRow
from shopmind.errors import InvalidInput, NotFound

log = logging.getLogger(__name__)
MAX_ROWS = 5_000
SHOWN_PROBLEMS = 5  # in the message of a file whose every row was refused
_REFUSALS: dict[Verdict, str] = {
    "platform": "product {id!r} belongs to the platform catalogue; use a new id",
    "other": "product {id!r} belongs to another merchant; use a new id",
}


class RejectedRow(TypedDict):
    line: int
    field: str
    message: str


class CatalogueReport(TypedDict):
    format: CatalogueFormat
    loaded: int
    updated: int
    rejected: list[RejectedRow]
    products: list[str]


class CatalogueUploads:
    """Loads merchants' catalogue files into one knowledge base, minding who owns what."""

    def __init__(self, knowledge: KnowledgeBase, owners_path: Path, max_bytes: int,
                 max_rows: int = MAX_ROWS) -> None:
        self.knowledge = knowledge
        self.owners = ProductOwners(owners_path)
        self.max_bytes = max_bytes
        self.max_rows = max_rows
        self._lock = threading.Lock()  # one upload writes at a time

    def load(self, owner: str, filename: str, data: bytes) -> CatalogueReport:
        """Reads, checks and loads one file for merchant ``owner``; the report says what
        loaded, what was updated and which rows were refused (line, field, message)."""
        parsed = read_catalogue(filename, data, self.max_bytes, self.max_rows)
        with self._lock:
            verdicts = self.owners.claim(owner, [row.id for _, row in parsed.rows],
                                         self._in_catalogue)
            _refuse_others(parsed, verdicts)
            accepted = [row for _, row in parsed.rows if verdicts[row.id] in ("new", "mine")]
            if not accepted:
                raise InvalidInput(_nothing_loads(filename, parsed.problems))
            previous = self._existing([row.id for row in accepted])
            self._write(owner, accepted, previous, verdicts)
        return {"format": parsed.format, "loaded": len(accepted) - len(previous),
                "updated": len(previous), "rejected": _rejected(parsed.problems),
                "products": [row.id for row in accepted]}

    def close(self) -> None:
        self.owners.close()

    def _in_catalogue(self, product_id: str) -> bool:
        try:
            self.knowledge.product(product_id)
        except NotFound:
            return False
        return True

    def _existing(self, product_ids: list[str]) -> dict[str, ProductFacts]:
        """The products these ids name now (a merchant's own, about to be updated)."""
        found: dict[str, ProductFacts] = {}
        for product_id in product_ids:
            try:
                found[product_id] = self.knowledge.product(product_id)
            except NotFound:
                continue
        return found

    def _write(self, owner: str, rows: list[ProductRow], previous: dict[str, ProductFacts],
               verdicts: dict[str, Verdict]) -> None:
        try:
            self.knowledge.upsert_products(rows)  # one graph transaction, one embedding batch
        except BaseException:
            written = [row.id for row in rows]
            self._undo(written, previous)
            self.owners.release(owner, [pid for pid in written if verdicts[pid] == "new"])
            raise

    def _undo(self, written: list[str], previous: dict[str, ProductFacts]) -> None:
        """Puts back what a failed upload changed: old versions back, new products gone."""
        for product_id in reversed(written):
            try:
                if product_id in previous:
                    self.knowledge.upsert_product(_row_of(previous[product_id]))
                else:
                    self.knowledge.delete_product(product_id)
            except NotFound:
                continue  # it failed before reaching the graph
            except Exception:  # keep undoing the rest; the upload's own error is raised
                log.exception("could not undo the upload of product %r", product_id)


def _refuse_others(parsed: CatalogueFile, verdicts: dict[str, Verdict]) -> None:
    """Rows naming the platform's or another merchant's products become problems."""
    for line, row in parsed.rows:
        refusal = _REFUSALS.get(verdicts[row.id])
        if refusal is not None:
            parsed.problem(line, "id", refusal.format(id=row.id))
    parsed.problems.sort(key=lambda p: p.line)


def _rejected(problems: list[RowProblem]) -> list[RejectedRow]:
    return [{"line": p.line, "field": p.field, "message": p.message} for p in problems]


def _nothing_loads(filename: str, problems: list[RowProblem]) -> str:
    shown = "; ".join(f"line {p.line}: {p.field}: {p.message}"
                      for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    return (f"no product in {filename!r} could be loaded ({shown}"
            + (f"; and {more} more problems)" if more > 0 else ")"))


def _row_of(facts: ProductFacts) -> ProductRow:
    """The catalogue row the graph's facts came from (to put an old version back)."""
    return ProductRow.model_validate({
        "id": facts.id, "category": facts.category, "category_path": facts.category_path,
        "brand": facts.brand, "name": {"en": facts.name_en, "zh": facts.name_zh},
        "description": {"en": facts.description_en, "zh": facts.description_zh},
        "price": facts.price, "currency": facts.currency, "stock": facts.stock,
        "attributes": facts.attributes, "tags": facts.tags, "image": facts.image,
    })

