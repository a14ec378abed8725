"""CSV for spreadsheets: RFC 4180 (CRLF line ends; a cell holding the delimiter, a quote or a line
break is quoted, its quotes doubled), UTF-8, a header row of column names, one row a record. Every
command that writes CSV (`list`, `search`, `contacts`, ..., `export`) writes it here.

An export has every column of a material (`core.records.MATERIAL_COLUMNS`: its fields, with the
first and last day as YYYY-MM-DD after its EDTF date, so that a spreadsheet sorts and filters by
them). Lists in a cell and the guard against formulas follow `core.cells`, which `import` reads
back by.

An export of every column with the default options is written from lines the index keeps: each
material's row as `write` writes it (`lines`), made once for each version of the catalogue.
"""

from __future__ import annotations

import csv
from itertools import islice
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.cells import guard_row

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions
    from talenthub_cli.render.listing import Listing


def write(listing: Listing[Any], out: TextIO, options: ExportOptions) -> int:
    """The listing's chosen columns, a header row of their names and a row a record."""
    if options.bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=options.delimiter, lineterminator="\r\n")
    columns = [column.value for column in listing.columns]
    writer.writerow(column.name for column in listing.columns)
    count = 0

    def rows() -> Iterator[list[str]]:
        nonlocal count
        for count, item in enumerate(listing.items, 1):  # noqa: B007 (counted)
            yield [value(item) for value in columns]

    if options.guard_formulas:
        writer.writerows(guard_row(row) for row in rows())
    else:
        writer.writerows(rows())
    return count


_CHUNK = 1024  # kept lines joined for a write, where a write a line took a third of the time

KEPT = "csv"  # the name of the lines an index keeps (raise INDEX_FORMAT when `lines` changes)


def keeps(options: ExportOptions) -> bool:
    """Whether an export with `options` is written as the kept lines are: comma-separated, the
    formula guard on (a byte order mark before them changes no line)."""
    return options.delimiter == "," and options.guard_formulas


class _Lines:
    """Where a CSV writer writes, kept a row at a time: it writes each row in one call."""

    __slots__ = ("written",)

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, text: str) -> None:
        self.written.append(text)


def lines(listing: Listing[Any]) -> Iterator[str]:
    """Each item's row as `write` writes it with the default options (`keeps`), its line end
    included: what an index keeps, so that a later export of the same rows need not make them."""
    sink = _Lines()
    writer = csv.writer(sink, lineterminator="\r\n")
    columns = [column.value for column in listing.columns]
    for item in listing.items:
        writer.writerow(guard_row([value(item) for value in columns]))
        (line,) = sink.written
        sink.written.clear()
        yield line


def write_kept(
    listing: Listing[Any], kept: Iterable[str], out: TextIO, options: ExportOptions
) -> int:
    """What `write` writes of `listing` with `options` (which `keeps`), its rows from `kept`:
    the lines `lines` made of the same items."""
    if options.bom:
        out.write("\ufeff")
    from talenthub_cli.render.output import write_text

    csv.writer(out, lineterminator="\r\n").writerow(column.name for column in listing.columns)
    remaining = iter(kept)
    count = 0
    while chunk := list(islice(remaining, _CHUNK)):
        write_text(out, "".join(chunk))
        count += len(chunk)
    return count
