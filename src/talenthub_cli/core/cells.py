"""A spreadsheet's cells: a list in one cell, and the guard against formulas. These are the rules
that every writer of CSV follows and that `import` reads back by.

A list is joined with "; ", an item's own ";" written "\\;" and its "\\" as "\\\\", so that it
splits back as it was. A cell that a spreadsheet would run as a formula (one that begins with =,
+, -, @, a tab or a carriage return, or shows one first once white space, invisible characters
and compatibility forms are passed over) gets a leading apostrophe, as OWASP's advice on CSV
injection says (https://owasp.org/www-community/attacks/CSV_Injection); so does a cell of
apostrophes before such a character, so that reading back takes exactly one off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    """The first characters of a cell that `guard` has to look at (`c[:1] in MAY_GUARD`, the
    fast path of a CSV writer): those of _ASCII_MAY_GUARD and every character beyond ASCII, which
    may be white space, invisible, or a formula's character in another form ("＝", "﹢")."""

    __slots__ = ()

    def __contains__(self, first: object) -> bool:
        return isinstance(first, str) and (first in _ASCII_MAY_GUARD or first > "\x7f")


MAY_GUARD = _FirstCharacters()


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


def guard_row(cells: list[str]) -> list[str]:
    """Every cell of a row guarded. The first character alone says which cells `guard` need
    look at (those of `MAY_GUARD`), checked here inline: a row of 18 cells for each of 100,000
    materials."""
    return [
        guard(cell) if (first := cell[:1]) in _ASCII_MAY_GUARD or first > "\x7f" else cell
        for cell in cells
    ]


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
