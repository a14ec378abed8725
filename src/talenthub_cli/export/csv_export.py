"""CSV for spreadsheets: RFC 4180 (CRLF line ends; a cell holding the delimiter, a quote or a line
break is quoted, its quotes doubled), UTF-8, a header row of column names, one row a record. Every
command that writes CSV (`list`, `search`, `contacts`, ..., `export`) writes it here.

An export has every column of a material (`core.records.MATERIAL_COLUMNS`): id, title, type, date
(EDTF), start and end (the first and last day as YYYY-MM-DD, so a spreadsheet can sort and filter
by them), summary, topics, languages, organisations (ids), contacts ("Name <email>"), url,
availability, parts, related, responses, notes, source. A list is joined with "; ", an item's own
";" written "\\;" and its "\\" as "\\\\", so that `talenthub import` splits it back as it was.

A cell that a spreadsheet would run as a formula, one beginning with =, +, -, @, a tab or a
carriage return, gets a leading apostrophe, as OWASP's advice on CSV injection says; so does a
cell of apostrophes before such a character, so that reading back takes exactly one off.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions
    from talenthub_cli.render.listing import Listing

FORMULA_STARTS = frozenset("=+-@\t\r")  # https://owasp.org/www-community/attacks/CSV_Injection

# What a spreadsheet may pass over before the character that makes a cell a formula: white space
# (" =1+1", "\n=1+1", a no-break space), zero-width characters and the byte order mark, and
# apostrophes (so that a cell of apostrophes before a formula is guarded too, and reading back
# takes exactly one off).
_SKIPPED = (
    "'"
    # white space, as str.isspace() and Unicode have it
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    # invisible: soft hyphen, Mongolian vowel separator, zero-width space, non-joiner and joiner,
    # direction marks, word joiner and invisible operators, byte order mark
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
# The ASCII characters that may begin a cell that needs a guard: a formula's, an apostrophe, or
# what a spreadsheet passes over. Any other ASCII character begins a cell that is shown as text.
_ASCII_MAY_GUARD = FORMULA_STARTS | frozenset("' \n\x0b\x0c\x1c\x1d\x1e\x1f")


class _FirstCharacters:
    """The first characters of a cell that `guard` has to look at (`c[:1] in _MAY_GUARD`, the
    fast path of `write`): those of _ASCII_MAY_GUARD and every character beyond ASCII, which
    may be white space, invisible, or a formula's character in another form ("＝", "﹢")."""

    __slots__ = ()

    def __contains__(self, first: object) -> bool:
        return isinstance(first, str) and (
            first in _ASCII_MAY_GUARD or (first != "" and not first.isascii())
        )


_MAY_GUARD = _FirstCharacters()


def _runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet may run `cell`, or `cell` less any leading apostrophes, as a
    formula: it begins with a formula's character, or shows one first once white space and
    invisible characters are passed over and compatibility forms (fullwidth "＝", small "﹢")
    are read as the characters they stand for (NFKC)."""
    if cell.lstrip("'")[:1] in FORMULA_STARTS:
        return True
    rest = cell.lstrip(_SKIPPED)
    first = rest[:1]
    if first in FORMULA_STARTS:
        return True
    if first.isascii():  # NFKC leaves ASCII as it is; "" too
        return False
    import unicodedata

    return unicodedata.normalize("NFKC", rest).lstrip(_SKIPPED)[:1] in FORMULA_STARTS


def guard(cell: str) -> str:
    """The cell as a spreadsheet shows it as text rather than runs it: with an apostrophe before
    it where it could run. A cell that would run only once its apostrophes are taken off is
    guarded too, so that `unguard` knows to take exactly one off."""
    return "'" + cell if _runs_as_formula(cell) else cell


def unguard(cell: str) -> str:
    """The cell as it was before `guard`."""
    return cell[1:] if cell[:1] == "'" and _runs_as_formula(cell) else cell


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
        writer.writerows([guard(c) if c[:1] in _MAY_GUARD else c for c in r] for r in rows())
    else:
        writer.writerows(rows())
    return count
