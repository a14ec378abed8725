"""Reading a workbook's sheet as `import` reads a CSV file: a header row and rows of text.

A cell reads as the text that saving the sheet as CSV would give it, so that `import` has one
set of rules for both: text as it is; a whole number without a decimal point; a date cell as
YYYY-MM-DD (with its time of day, where it has one, as EDTF writes one); TRUE or FALSE. The
`start` and `end` cells of an export, dates, read back as the days the CSV writes. A formula's
value is read as the spreadsheet last computed it; the formula itself is never run.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from talenthub_cli.core.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

SHEET = "materials"  # the sheet that `export` writes the materials to, and `import` reads


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV file would hold."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def read_sheet(file: Path, sheet: str = SHEET) -> tuple[list[list[str]], str]:
    """The rows of a workbook's sheet (the first is the header) as text, and where they are in
    words ("sheet 'materials', "), to go before a row's number. Columns before the first
    that holds anything, and empty ones after the header's last, are left out. UsageError for a
    file that is not a workbook, or has no such sheet, or whose header is not on its first row."""
    from python_calamine import CalamineError, CalamineWorkbook

    if not file.exists():
        raise UsageError(f"{file}: no such file")
    try:
        book = CalamineWorkbook.from_path(str(file))
    except OSError as error:
        raise UsageError(f"{file}: cannot read it: {error.strerror or error}") from None
    except (CalamineError, ValueError) as error:
        raise UsageError(f"{file}: not an xlsx workbook ({error})") from None
    names = {name.casefold(): name for name in book.sheet_names}
    if sheet.casefold() not in names:
        listed = ", ".join(repr(name) for name in book.sheet_names) or "none"
        raise UsageError(
            f"{file}: no sheet named {sheet!r}, where import reads the materials "
            f"(the sheets: {listed})"
        )
    name = names[sheet.casefold()]
    try:
        found = book.get_sheet_by_name(name)
        values = found.to_python(skip_empty_area=False)
    except (CalamineError, ValueError) as error:
        raise UsageError(f"{file}: sheet {name!r} cannot be read ({error})") from None
    rows = [[cell_text(value) for value in row] for row in values]
    if not any(any(row) for row in rows):
        return [], f"sheet {name!r}, "
    if not any(rows[0]):
        raise UsageError(f"{file}: sheet {name!r}, row 1 is empty: the first row names the columns")
    lead = next(number for number, cell in enumerate(rows[0]) if cell)
    if lead and not any(any(row[:lead]) for row in rows):
        rows = [row[lead:] for row in rows]
    width = max(number for number, cell in enumerate(rows[0], 1) if cell)
    rows = [row[:width] if not any(row[width:]) else row for row in rows]
    return rows, f"sheet {name!r}, "
