"""Reading materials from a spreadsheet as `talenthub export` writes it: every row checked, every
problem named with its row and column, every name the catalogue has not reported (or made)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.query import one_id
from talenthub_cli.core.records import MATERIAL_FIELDS, MATERIAL_LIST_FIELDS
from talenthub_cli.core.validate import SINGULAR

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from talenthub_cli.core.model import Catalogue

_LABEL = re.compile(r"(?P<name>.*?)\s*<(?P<email>[^<>]+)>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Missing:
    """A contact or organisation that a spreadsheet names and the catalogue has not: made by
    `import --create-missing`, in the same change as the materials that name it."""

    kind: str  # "contacts" or "organisations"
    name: str
    email: str | None = None

    @property
    def label(self) -> str:
        return (
            f"{self.name} <{self.email}>" if self.email and self.email != self.name else self.name
        )


@dataclass(frozen=True, slots=True)
class Rows:
    """The materials of a spreadsheet: each row as a record of its non-empty cells (a row with
    no id has none: one is made when it is added, under the lock), the fields the spreadsheet
    has columns for (an empty cell in one of them clears that field on --update), the contacts
    and organisations it names that the catalogue has not (a `Missing` in place of the id in a
    record's list, in `missing` once each), where each is named ("row 2, column 'contacts': no
    contact matches 'x'."), and the columns left out (`ignore_unknown`)."""

    records: list[dict[str, Any]]
    fields: frozenset[str]
    missing: tuple[Missing, ...] = ()
    unresolved: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    place: str = ""  # where the rows were read, for messages: the file (and sheet)


def read_rows(file: Path, catalogue: Catalogue, *, ignore_unknown: bool = False) -> Rows:
    """The materials of a spreadsheet, every row checked; UsageError with every problem if any
    row is wrong. A file is read as rows of cells (the first naming the columns), then checked
    the same whatever it was read from."""
    where = ""  # what comes before a row's number in a message (a workbook's sheet)
    rows = _csv_rows(file)
    return _checked(rows, str(file), where, catalogue, ignore_unknown=ignore_unknown)


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


def _header(
    row: Sequence[str], place: str, ignore_unknown: bool
) -> tuple[list[str | None], list[str]]:
    """The field each column holds (None for a column left out), whatever the case of its name,
    and the names of the columns left out; UsageError naming every unknown column."""
    import difflib

    from talenthub_cli.core.records import MATERIAL_COLUMNS as COLUMNS

    header: list[str | None] = []
    unknown: list[str] = []
    for cell in row:
        name = cell.strip().lstrip("\ufeff")
        if name.lower() in COLUMNS:
            header.append(name.lower())
        else:
            header.append(None)
            unknown.append(name)
    if unknown and not ignore_unknown:
        named = []
        for name in unknown:
            close = difflib.get_close_matches(name.lower(), COLUMNS, n=1)
            named.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        columns = "columns " if len(unknown) > 1 else "column "
        raise UsageError(
            f"{place}: unknown {columns}{', '.join(named)}; the columns are "
            f"{', '.join(COLUMNS)} (--ignore-unknown-columns imports the rest)"
        )
    return header, unknown


def _checked(
    rows: list[list[str]], place: str, where: str, catalogue: Catalogue, *, ignore_unknown: bool
) -> Rows:
    """The materials of a table (a header row, then rows of cells), every row checked; `place`
    names the file in messages, `where` comes before a row's number."""
    from talenthub_cli.core.records import MATERIAL_COLUMNS as COLUMNS

    if not rows:
        raise UsageError(f"{place}: empty; the first row names the columns: {', '.join(COLUMNS)}")
    header, ignored = _header(rows[0], place, ignore_unknown)
    names = [name for name in header if name is not None]
    missing = [name for name in ("title", "type") if name not in names]
    if missing and "id" not in names:  # with ids, the rows may change materials already there
        raise UsageError(f"{place}: no {' or '.join(repr(m) for m in missing)} column")
    reported: list[str] = []  # every problem and unresolved name, in row and column order
    unresolved: list[str] = []
    wrong = False
    records: list[dict[str, Any]] = []
    seen: set[str | None] = set()  # the ids of the rows so far
    created: dict[tuple[str, str], Missing] = {}
    named: dict[tuple[str, str], str | Exception] = {}  # each name read once: rows repeat them
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            reported.append(
                f"{where}row {number}: {len(row)} cells, where the header has {len(header)}"
            )
            wrong = True
            continue
        found: list[str] = []
        not_there: list[str] = []
        cells = {name: cell for name, cell in zip(header, row, strict=True) if name is not None}
        record = _row_record(cells, catalogue, found, not_there, created, named)
        reported.extend(f"{where}row {number}, {problem}" for problem in found)
        unresolved.extend(f"{where}row {number}, {problem}" for problem in not_there)
        if len(found) > len(not_there):
            wrong = True
            continue
        if "id" in record and record["id"] in seen:
            reported.append(
                f"{where}row {number}, column 'id': {record['id']!r} is on an earlier row"
            )
            wrong = True
            continue
        seen.add(record.get("id"))
        records.append(record)
    if wrong:
        raise UsageError(f"{place}: nothing was imported:\n  " + "\n  ".join(_few(reported)))
    records, made = _one_for_each_person(records, list(created.values()))
    return Rows(
        records,
        frozenset(names) & frozenset(MATERIAL_FIELDS),
        tuple(made),
        tuple(unresolved),
        tuple(ignored),
        place,
    )


def _one_for_each_person(
    records: list[dict[str, Any]], made: list[Missing]
) -> tuple[list[dict[str, Any]], list[Missing]]:
    """A contact named by name alone on one row and as "Name <email>" on another is one person,
    where one address goes with that name: the bare name becomes the addressed one."""
    from talenthub_cli.core.text import fold

    addressed: dict[str, list[Missing]] = {}
    for missing in made:
        if missing.kind == "contacts" and missing.email:
            addressed.setdefault(fold(missing.name), []).append(missing)
    same = {
        missing: found[0]
        for missing in made
        if missing.kind == "contacts"
        and not missing.email
        and len(found := addressed.get(fold(missing.name), [])) == 1
    }
    if not same:
        return records, made
    records = [
        {k: [same.get(i, i) for i in v] if k == "contacts" else v for k, v in record.items()}
        for record in records
    ]
    return records, [missing for missing in made if missing not in same]


def _few(problems: list[str]) -> list[str]:
    """At most 20 problems, and how many more."""
    more = [f"... and {len(problems) - 20} more"] if len(problems) > 20 else []
    return problems[:20] + more


def unresolved_error(rows: Rows) -> UsageError:
    """Every name the spreadsheet gives that the catalogue has not, and the way forward."""
    from talenthub_cli.core.text import counted

    kinds = [
        counted(n, SINGULAR[kind])
        for kind in ("contacts", "organisations")
        if (n := sum(1 for m in rows.missing if m.kind == kind))
    ]
    return UsageError(
        f"{rows.place}: nothing was imported:\n  "
        + "\n  ".join(_few(list(rows.unresolved)))
        + f"\n(--create-missing makes the {' and '.join(kinds)} it names)"
    )


def _row_record(
    cells: dict[str, str],
    catalogue: Catalogue,
    problems: list[str],
    not_there: list[str],
    created: dict[tuple[str, str], Missing],
    named: dict[tuple[str, str], str | Exception],
) -> dict[str, Any]:
    """One row as a material's record, in the catalogue's field order; what is wrong goes to
    `problems` as "column 'x': why", each name that nothing in the catalogue matches there and
    to `not_there` too (and a `Missing` in its place, one for each name in `created`)."""
    from talenthub_cli.core.cells import split_items, unguard
    from talenthub_cli.core.validate import SCHEMA, field_problem

    record: dict[str, Any] = {}
    for field in SCHEMA["materials"]:  # the catalogue's fields, in its order
        cell = unguard(cells.get(field, ""))
        if not cell:
            continue
        value: Any = split_items(cell) if field in MATERIAL_LIST_FIELDS else cell
        if field in ("contacts", "organisations"):
            ids: list[Any] = []
            wrong = False
            for item in value:
                try:
                    ids.append(_remembered(named, field, item, catalogue, created))
                except _NotThere as error:
                    problems.append(f"column {field!r}: {error.message}")
                    not_there.append(problems[-1])
                    ids.append(error.missing)
                except UsageError as error:
                    problems.append(f"column {field!r}: {error}")
                    wrong = True
            if wrong:
                continue
            record[field] = ids
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


def _remembered(
    named: dict[tuple[str, str], str | Exception],
    field: str,
    item: str,
    catalogue: Catalogue,
    created: dict[tuple[str, str], Missing],
) -> str:
    """`_named`, once for each name: what it returned, or raised, the first time."""
    key = (field, item)
    if key not in named:
        try:
            named[key] = _named(field, item, catalogue, created)
        except (UsageError, _NotThere) as error:
            named[key] = error
    found = named[key]
    if isinstance(found, Exception):
        raise found
    return found


class _NotThere(Exception):
    """A name that nothing in the catalogue matches: what to say, and what would be made."""

    def __init__(self, message: str, missing: Missing) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing


def _named(
    field: str, item: str, catalogue: Catalogue, created: dict[tuple[str, str], Missing]
) -> str:
    """The id of the contact or organisation a cell's item names; _NotThere where nothing
    does (with the record to make: one for each email, else each name), UsageError where it
    names several or cannot be a record."""
    from talenthub_cli.core.query import match_contacts, match_organisations
    from talenthub_cli.core.text import fold
    from talenthub_cli.core.validate import field_problem

    label = item.strip()
    if field == "organisations":
        try:
            return one_id(
                "organisation", label, match_organisations(label, catalogue.organisations)
            )
        except UsageError as error:
            if " names " in str(error):
                raise
            key = ("organisations", fold(label))
            missing = created.setdefault(key, Missing("organisations", label))
            raise _NotThere(str(error), missing) from None
    found = _LABEL.fullmatch(label)
    name, email = (found["name"], found["email"].strip()) if found else (label, None)
    if email is None and "@" in label and field_problem("contacts", "email", label) is None:
        email = label  # a bare address
    for value in dict.fromkeys(v for v in (email, name) if v):
        try:
            return one_id("contact", value, match_contacts(value, catalogue.contacts))
        except UsageError as error:
            if " names " in str(error):
                raise
    problem = None if email is None else field_problem("contacts", "email", email)
    if problem is not None:
        raise UsageError(f"{label!r}: {problem}")
    name = name or email or label
    key = ("contacts", fold(email or name))
    if email is None:  # a bare name given with an address elsewhere in the sheet is that one
        key = next((k for k, m in created.items() if fold(m.name) == fold(name)), key)
    missing = created.setdefault(key, Missing("contacts", name, email))
    raise _NotThere(f"no contact matches {label!r}.", missing)
