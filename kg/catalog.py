"""Reading and writing catalogue files (JSON lines, one row a line; see ``kg.schema``).

A malformed row is reported with its line number and field and skipped; the rest loads.

Example::

    report = read_jsonl(Path("products.jsonl"), ProductRow)
    for problem in report.problems:
        print(problem)            # "products.jsonl:7: price: Input should be ... "
    products = report.rows
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from shopmind.errors import InvalidInput

Row = TypeVar("Row", bound=BaseModel)


@dataclass(frozen=True)
class RowProblem:
    """One rejected line."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}:{self.line}: {self.field}: {self.message}"


@dataclass
class LoadReport(Generic[Row]):
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_jsonl(path: Path, model: type[Row]) -> LoadReport[Row]:
    """Reads ``path`` row by row; bad rows become problems, good rows are returned."""
    if not path.is_file():
        raise InvalidInput(f"catalogue file {path} does not exist")
    report: LoadReport[Row] = LoadReport()
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                _read_line(path, number, line, model, report, seen)
    return report


def _read_line(
    path: Path, number: int, line: str, model: type[Row], report: LoadReport[Row], seen: set[str]
) -> None:
    try:
        row = model.model_validate_json(line)
    except ValidationError as exc:
        report.problems += validation_problems(path, number, exc)
        return
    row_id = str(getattr(row, "id", number))
    if row_id in seen:
        report.problems.append(RowProblem(path, number, "id", f"duplicate id {row_id!r}"))
        return
    seen.add(row_id)
    report.rows.append(row)


def validation_problems(path: Path, line: int, exc: ValidationError) -> list[RowProblem]:
    """One problem per invalid field of a row, named by its dotted path."""
    return [RowProblem(path, line, ".".join(str(p) for p in error["loc"]) or "row", error["msg"])
            for error in exc.errors()]


def write_jsonl(path: Path, rows: Iterable[BaseModel]) -> None:
    """Writes rows atomically: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row.model_dump(exclude_none=True), ensure_ascii=False))
                handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
