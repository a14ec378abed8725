"""CSV for spreadsheets: RFC 4180 (CRLF line ends; a cell holding the delimiter, a quote or a line
break is quoted, its quotes doubled), UTF-8, a header row, one row per material.

The columns, in this order: id, title, type, date (EDTF), start and end (the first and last day
as YYYY-MM-DD, so a spreadsheet can sort and filter by them), summary, topics, languages,
organisations (ids), contacts ("Name <email>"), url, availability, parts, related, responses,
notes, source. A list is joined with "; ", an item's own ";" written "\\;" and its "\\" as "\\\\",
so that `talenthub import` splits it back as it was.

A cell that a spreadsheet would run as a formula, one beginning with =, +, -, @, a tab or a
carriage return, gets a leading apostrophe, as OWASP's advice on CSV injection says; so does a
cell of apostrophes before such a character, so that reading back takes exactly one off.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from talenthub_cli.core.text import counted
from talenthub_cli.export.common import iso_day

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import TextIO

    from talenthub_cli.core.model import Material
    from talenthub_cli.export.common import ExportOptions, Selection

COLUMNS = (
    "id",
    "title",
    "type",
    "date",
    "start",
    "end",
    "summary",
    "topics",
    "languages",
    "organisations",
    "contacts",
    "url",
    "availability",
    "parts",
    "related",
    "responses",
    "notes",
    "source",
)
FORMULA_STARTS = frozenset("=+-@\t\r")  # https://owasp.org/www-community/attacks/CSV_Injection
_MAY_GUARD = FORMULA_STARTS | {"'"}


def guard(cell: str) -> str:
    """The cell as a spreadsheet shows it as text rather than runs it."""
    return "'" + cell if cell.lstrip("'")[:1] in FORMULA_STARTS else cell


def unguard(cell: str) -> str:
    """The cell as it was before `guard`."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_STARTS else cell


def join_items(items: Sequence[str]) -> str:
    if not items:
        return ""
    joined = "; ".join(items)
    if "\\" not in joined and joined.count(";") < len(items):  # no item holds ";" or "\\"
        return joined
    return "; ".join(item.replace("\\", "\\\\").replace(";", "\\;") for item in items)


def split_items(cell: str) -> list[str]:
    """The items of a cell written by `join_items`: split at each ";" not escaped, and the one
    space after it taken off."""
    items: list[str] = []
    current: list[str] = []
    escaped = after_separator = False
    for character in cell:
        if after_separator:
            after_separator = False
            if character == " ":
                continue
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == ";":
            items.append("".join(current))
            current = []
            after_separator = True
        else:
            current.append(character)
    if escaped:
        current.append("\\")
    items.append("".join(current))
    return [] if items == [""] else items


def row(material: Material, selection: Selection) -> list[str]:
    date = material.date
    return [
        material.id,
        material.title,
        material.type.value,
        "" if date is None else date.text,
        "" if date is None else iso_day(date.first),
        "" if date is None else iso_day(date.last),
        material.summary or "",
        join_items(material.topics),
        join_items(material.languages),
        join_items(material.organisations),
        join_items([selection.contact_label(contact) for contact in material.contacts]),
        material.url or "",
        "" if material.availability is None else material.availability.value,
        join_items(material.parts),
        join_items(material.related),
        "" if material.responses is None else str(material.responses),
        material.notes or "",
        material.source or "",
    ]


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    if options.bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=options.delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0

    def rows() -> Iterator[list[str]]:
        nonlocal count
        for count, material in enumerate(selection.materials, 1):  # noqa: B007 (counted)
            yield row(material, selection)

    if options.guard_formulas:
        writer.writerows([guard(c) if c[:1] in _MAY_GUARD else c for c in r] for r in rows())
    else:
        writer.writerows(rows())
    return counted(count, "material")
