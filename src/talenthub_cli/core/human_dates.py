"""Dates as people type them ("May 2024", "9-22 November 2023", "Nov-Dec 2023") read as EDTF.

Only unambiguous forms are read: a month is always a word, a year always four digits. Anything
else goes to the EDTF parser, which accepts EDTF and refuses the rest with the reason (so
`09/11/2023` is refused as ambiguous, never guessed).
"""

from __future__ import annotations

import re

from talenthub_cli.core.dates import MONTHS, parse
from talenthub_cli.core.errors import DateError

_MONTHS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTHS.update({name[:3].lower(): number for number, name in enumerate(MONTHS, 1)})
_MONTHS["sept"] = 9
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_TOKEN = re.compile(r"[a-z]+|[0-9]+|-")

# A date's parts as read: year, month, day, season; None where not given.
_Parts = tuple[int | None, int | None, int | None, int | None]


def _single(tokens: list[str], *, start: bool = False) -> _Parts | None:
    """One date from its words: [day] [month] [year], [month] [day] [year], season year. The
    `start` of a range may be a day alone ("9" of "9-22 November 2023")."""
    year = month = day = season = None
    for token in tokens:
        if token.isdigit() and len(token) == 4 and year is None:
            year = int(token)
        elif token.isdigit() and len(token) <= 2 and day is None and 1 <= int(token) <= 31:
            day = int(token)
        elif token in _MONTHS and month is None:
            month = _MONTHS[token]
        elif token in _SEASONS and season is None:
            season = _SEASONS[token]
        elif token not in ("the", "of"):
            return None
    if season is not None and (month is not None or day is not None):
        return None
    if day is not None and month is None and not start:
        return None
    return year, month, day, season


def _edtf(parts: _Parts) -> str:
    year, month, day, season = parts
    assert year is not None
    if season is not None:
        return f"{year:04d}-{season}"
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _complete(left: _Parts, right: _Parts) -> _Parts:
    """The start of a range, its missing month and year taken from the end: "9-22 Nov 2023"."""
    year, month, day, season = left
    if month is None and season is None and day is not None:
        month = right[1]
    return (year if year is not None else right[0], month, day, season)


def read_date(text: str) -> str:
    """The EDTF for a date as written by a person, or by EDTF itself; DateError if neither."""
    try:
        return parse(text.strip()).text
    except DateError:
        pass  # DateError: try it as words, and if that fails too, raise the parser's reason
    words = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace(",", " ")
    words = re.sub(r"\s+(?:to|until|till)\s+", " - ", words)
    tokens = _TOKEN.findall(words)
    found: str | None = None
    if tokens.count("-") == 1:
        at = tokens.index("-")
        left, right = _single(tokens[:at], start=True), _single(tokens[at + 1 :], start=True)
        if left is not None and right is not None and right[0] is not None:
            if right[1] is None and right[2] is not None:
                right = (right[0], left[1], right[2], right[3])  # "November 9-22 2023"
            start = _complete(left, right)
            if (
                start[0] is not None
                and (start[1] is not None or start[2] is None)
                and (right[1] is not None or right[2] is None)
            ):
                found = f"{_edtf(start)}/{_edtf(right)}"
    elif "-" not in tokens:
        single = _single(tokens)
        if single is not None and single[0] is not None:
            found = _edtf(single)
    if found is None:
        return parse(text.strip()).text  # raises DateError with the reason and a hint
    return parse(found).text  # checks it: "31 February 2024" is refused here
