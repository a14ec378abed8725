"""CSV for spreadsheets: RFC 4180 (CRLF line ends; a cell holding the delimiter, a quote or a line
break is quoted, its quotes doubled), UTF-8, a header row of column names, one row a record. Every
command that writes CSV (`list`, `search`, `contacts`, ..., `export`) writes it here.

An export has every column of a material (`core.records.MATERIAL_COLUMNS`: its fields, with the
first and last day as YYYY-MM-DD after its EDTF date, so that a spreadsheet sorts and filters by
them). Lists in a cell and the guard against formulas follow `core.cells`, which `import` reads
back by.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.cells import guard_row

if TYPE_CHECKING:
    from collections.abc import Iterator
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
