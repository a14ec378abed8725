"""Reading materials from a CSV file or an xlsx workbook as `talenthub export` writes them: every
row checked, every problem named with its row and column (and a workbook's sheet)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.query import one_id
from talenthub_cli.core.records import MATERIAL_FIELDS, MATERIAL_LIST_FIELDS

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from talenthub_cli.core.model import Catalogue, Contact

_LABEL = re.compile(r"(?P<name>.*?)\s*<(?P<email>[^<>]+)>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Rows:
    """The materials of a spreadsheet: each row as a record of its non-empty cells (a row with
    no id has none: one is made when it is added, under the lock), and the fields the
    spreadsheet has columns for (an empty cell in one of them clears that field on --update)."""

    records: list[dict[str, Any]]
    fields: frozenset[str]


def read_rows(file: Path, catalogue: Catalogue) -> Rows:
    """The materials of a CSV file, or of the materials sheet of an .xlsx workbook, every row
    checked; UsageError with every problem if any row is wrong."""
    import difflib

    from talenthub_cli.core.records import MATERIAL_COLUMNS as COLUMNS

    where = ""  # a workbook's sheet, before a row's number
    if file.suffix.lower() == ".xlsx":
        from talenthub_cli.storage.spreadsheet import read_sheet

        rows, where = read_sheet(file)
    else:
        rows = _csv_rows(file)
    if not rows:
        raise UsageError(f"{file}: empty; the first row names the columns: {', '.join(COLUMNS)}")
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    for name in header:
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(f"{file}: unknown column {name!r}{hint}; the columns are "
                             + ", ".join(COLUMNS))  # fmt: skip
    missing = [name for name in ("title", "type") if name not in header]
    if missing and "id" not in header:  # with ids, the rows may change materials already there
        raise UsageError(f"{file}: no {' or '.join(repr(m) for m in missing)} column")
    problems: list[str] = []
    records: list[dict[str, Any]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                f"{where}row {number}: {len(row)} cells, where the header has {len(header)}"
            )
            continue
        found: list[str] = []
        record = _row_record(dict(zip(header, row, strict=True)), catalogue, found)
        problems.extend(f"{where}row {number}, {problem}" for problem in found)
        if found:
            continue
        if "id" in record and any(r.get("id") == record["id"] for r in records):
            problems.append(
                f"{where}row {number}, column 'id': {record['id']!r} is on an earlier row"
            )
            continue
        records.append(record)
    if problems:
        shown = problems[:20] + (
            [f"... and {len(problems) - 20} more"] if len(problems) > 20 else []
        )
        raise UsageError(f"{file}: nothing was imported:\n  " + "\n  ".join(shown))
    return Rows(records, frozenset(header) & frozenset(MATERIAL_FIELDS))


def _csv_rows(file: Path) -> list[list[str]]:
    """The rows of a CSV file: UTF-8 (with or without a byte order mark), its delimiter the one
    of , ; and tab that its first line holds most of."""
    import csv
    import io

    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except OSError as error:
        raise UsageError(f"{file}: cannot read it: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"{file}: not UTF-8 text (save it from the spreadsheet as CSV UTF-8)"
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise UsageError(f"{file}: line {reader.line_num}: not CSV: {error}") from None
    return rows


def _row_record(cells: dict[str, str], catalogue: Catalogue, problems: list[str]) -> dict[str, Any]:
    """One row as a material's record, in the catalogue's field order; what is wrong goes to
    `problems` as "column 'x': why"."""
    from talenthub_cli.core.cells import split_items, unguard
    from talenthub_cli.core.query import match_organisations
    from talenthub_cli.core.validate import SCHEMA, field_problem

    record: dict[str, Any] = {}
    for field in SCHEMA["materials"]:  # the catalogue's fields, in its order
        cell = unguard(cells.get(field, ""))
        if not cell:
            continue
        value: Any = split_items(cell) if field in MATERIAL_LIST_FIELDS else cell
        try:
            if field == "contacts":
                value = [_contact_id(item, catalogue.contacts) for item in value]
            elif field == "organisations":
                value = [
                    one_id("organisation", item, match_organisations(item, catalogue.organisations))
                    for item in value
                ]
        except UsageError as error:
            problems.append(f"column {field!r}: {error}")
            continue
        if field == "responses":
            if not (cell.isascii() and cell.isdigit()):  # "²" is a digit to Python, not to int()
                problems.append(f"column 'responses': {cell!r} is not a whole number")
                continue
            value = int(cell)
        problem = field_problem("materials", field, value)
        if problem is not None:
            problems.append(f"column {field!r}: {problem}")
            continue
        record[field] = value
    for field in ("title", "type"):
        if (
            field in cells
            and field not in record
            and not any(p.startswith(f"column {field!r}") for p in problems)
        ):
            problems.append(f"column {field!r}: empty, and a material needs one")
    return record


def _contact_id(label: str, contacts: Sequence[Contact]) -> str:
    """A contact written "Name <email>" (as exports write them), or by id, name or email."""
    from talenthub_cli.core.query import match_contacts

    found = _LABEL.fullmatch(label.strip())
    if found is not None:
        for value in (found["email"], found["name"]):
            try:
                return one_id("contact", value, match_contacts(value, contacts))
            except UsageError:
                continue  # try the name next
    return one_id("contact", label, match_contacts(label, contacts))
