"""EDTF dates (Library of Congress Extended Date/Time Format, ISO 8601-2, levels 0 and 1).

Every date is read as an interval of days: `first` and `last` are proleptic Gregorian day
ordinals (the numbering of `datetime.date.toordinal`, extended to any year), or None where an
interval is open (`..`) or its end unknown (empty). Queries match dates by overlap; sorting is by
first day, then by precision, coarse before fine.

Accepted, with examples:
- level 0: `2024`, `2024-05`, `2024-05-15`, `2024-05-15T10:00:00Z`, intervals
  `2023-11-09/2023-11-22` and `2004-02/2005` (mixed precision);
- level 1: qualifiers `2024-05?` (uncertain), `2024~` (approximate), `2024-05-15%` (both);
  unspecified digits `201X`, `20XX`, `2004-XX`, `1985-04-XX`, `1985-XX-XX`; seasons `2001-21`
  (spring) to `2001-24` (winter); negative and long years `-0044`, `Y170000002` (up to
  MAX_YEAR either side of year 0); intervals with
  open `..` or unknown (empty) ends: `2024-05/..`, `../2024`, `2024/`, `/2024`, and qualified
  ends: `2004-06~/2004-06-11%`. An interval's ends are dates: not seasons, not times of day.

Anything else, notably day-first numbers such as `09/11/2023`, is refused with a message that
says why and how to write it; nothing is guessed.
"""

from __future__ import annotations

import re
from enum import Enum, IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from talenthub_cli.core.errors import DateError
from talenthub_cli.core.frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Callable


class Precision(IntEnum):
    """How fine a date is, coarse to fine: the order that breaks ties between equal first days."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    SEASON = 3
    MONTH = 4
    DAY = 5


class Qualifier(Enum):
    UNCERTAIN = "?"
    APPROXIMATE = "~"
    UNCERTAIN_APPROXIMATE = "%"


class Unbounded(Enum):
    """An interval end that is not a date."""

    OPEN = ".."  # the interval runs on without end
    UNKNOWN = ""  # the interval ends somewhere, but where is not known


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
# Northern-hemisphere meteorological seasons; winter runs from December into the next year's
# February (month 14 here), so `2001-24` is 1 December 2001 to 28 February 2002.
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}

_POINT = re.compile(
    r"(?:Y(?P<long>-?[1-9][0-9]{4,})"
    r"|(?P<year>-?[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)"
    r"(?:-(?P<month>[0-9]{2}|XX)"
    r"(?:-(?P<day>[0-9]{2}|XX)"
    r"(?:T(?P<time>(?P<hh>[0-9]{2}):(?P<mm>[0-9]{2}):(?P<ss>[0-9]{2})"
    r"(?P<zone>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?))?)?)?)"
    r"(?P<q>[?~%])?"
)

# The furthest year from year 0 that a long year (`Y…`) may name. EDTF sets no bound, but the
# program must: day numbers go into SQLite's 64-bit integers and Python's int() refuses more than
# 4,300 digits. Nine digits keep every day number below 2**39, far from both, and from MIN_DAY and
# MAX_DAY, the stand-ins for "no bound".
MAX_YEAR = 999_999_999

_EPOCH_SHIFT = 719468  # days from 0000-03-01 to 1970-01-01 in the era arithmetic below
_ORDINAL_1970 = 719163  # datetime.date(1970, 1, 1).toordinal()


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def ordinal(year: int, month: int, day: int) -> int:
    """The day's ordinal (1 is 1 January of year 1, as `date.toordinal`), for any year."""
    # Howard Hinnant's days_from_civil, with Python's floor division doing the era arithmetic.
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - _EPOCH_SHIFT + _ORDINAL_1970


def from_ordinal(day_ordinal: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day ordinal: the inverse of `ordinal`, for any year."""
    z = day_ordinal - _ORDINAL_1970 + _EPOCH_SHIFT
    era = z // 146097
    day_of_era = z - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    mp = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return year_of_era + era * 400 + (month <= 2), month, day


def _month_span(year: int, first_month: int, last_month: int) -> tuple[int, int]:
    """First and last day of a run of months; a month past 12 falls in the next year."""
    end_year, end_month = (year + 1, last_month - 12) if last_month > 12 else (year, last_month)
    return (
        ordinal(year, first_month, 1),
        ordinal(end_year, end_month, days_in_month(end_year, end_month)),
    )


@frozen
class Point:
    """One EDTF date (not an interval): a year, season, month or day, maybe qualified."""

    year: int
    month: int | None
    day: int | None
    season: int | None
    precision: Precision
    qualifier: Qualifier | None
    time: str | None
    first: int
    last: int


@frozen
class Edtf:
    """An EDTF date or interval: its text as written, its ends, and the days it covers."""

    text: str
    start: Point | Unbounded
    end: Point | Unbounded | None  # None for a single date
    first: int | None  # None: unbounded before
    last: int | None  # None: unbounded after
    precision: Precision

    def overlaps(self, first: int | None, last: int | None) -> bool:
        """Whether any day of this date falls within first..last (None: unbounded)."""
        return (self.first is None or last is None or self.first <= last) and (
            self.last is None or first is None or self.last >= first
        )

    def sort_key(self) -> tuple[int, int, int, str]:
        return (
            MIN_DAY if self.first is None else self.first,
            self.precision,
            MAX_DAY if self.last is None else self.last,
            self.text,
        )

    def __str__(self) -> str:
        return self.text


# Stand-ins for "no bound" where a number is needed (sort keys, index columns).
MIN_DAY = -(2**62)
MAX_DAY = 2**62


# Large enough for every different date of a large catalogue (100,000 generated materials have
# about 14,000): checking it and building its index read each date twice, and a cache smaller
# than that forgets each before its second reading. An entry is about half a kilobyte.
@lru_cache(maxsize=32768)
def parse(text: str) -> Edtf:
    """Read an EDTF date or interval; raise DateError with the reason and a fix if it is not one.
    Each date read is kept: a catalogue's dates repeat."""
    if "/" not in text:
        point = _point(text, text)
        return Edtf(text, point, None, point.first, point.last, point.precision)
    start_text, _, end_text = text.partition("/")
    if "/" in end_text:
        raise _refuse(text, "an interval has exactly one '/'")
    start = _end(start_text, text)
    end = _end(end_text, text)
    if isinstance(start, Unbounded) and isinstance(end, Unbounded):
        raise DateError(text, "an interval needs a date on at least one side of '/'")
    if isinstance(start, Point) and isinstance(end, Point) and start.first > end.last:
        raise DateError(text, "the interval ends before it starts")
    first = start.first if isinstance(start, Point) else None
    last = end.last if isinstance(end, Point) else None
    precision = start.precision if isinstance(start, Point) else end.precision  # type: ignore[union-attr]
    return Edtf(text, start, end, first, last, precision)


def span(text: str, read: Callable[[str], Edtf] = parse) -> Edtf:
    """A date, or a range of two, as a search's `date:` and every date option take it: a range
    `2023-11..2024-02` runs from the first date's first day to the second's last, and is open
    on a side left empty (`2024..`, `..2023`), not on both; each side is read by `read` (EDTF,
    or as people write it). A range is the EDTF interval of its dates (`2023-11/2024-02`,
    `2024/..`)."""
    from talenthub_cli.core.errors import DateRangeError

    start_text, dots, end_text = text.partition("..")
    if not dots:
        return read(text)
    if not start_text.strip() and not end_text.strip():
        raise DateRangeError(text, "a date range needs a date on at least one side of '..'")
    start = read(start_text) if start_text.strip() else None
    end = read(end_text) if end_text.strip() else None
    first = None if start is None else start.first
    last = None if end is None else end.last
    if first is not None and last is not None and first > last:
        raise DateRangeError(text, f"the range {text!r} ends before it starts")
    given = start if start is not None else end
    assert given is not None
    return Edtf(
        f"{'..' if start is None else start.text}/{'..' if end is None else end.text}",
        Unbounded.OPEN if start is None else start.start,
        Unbounded.OPEN if end is None else end.end or end.start,
        first,
        last,
        given.precision,
    )


def _end(part: str, text: str) -> Point | Unbounded:
    if part == "..":
        return Unbounded.OPEN
    if part == "":
        return Unbounded.UNKNOWN
    point = _point(part, text)
    if point.season is not None:
        raise DateError(text, "a season cannot end an interval (that is beyond EDTF level 1)")
    if point.time is not None:
        raise DateError(text, "the ends of an interval are dates, without a time of day")
    return point


def _point(part: str, text: str) -> Point:
    match = _POINT.fullmatch(part)
    if match is None:
        raise _refuse(text, _shape_reason(part))
    qualifier = Qualifier(match["q"]) if match["q"] else None
    if match["long"]:
        if len(match["long"].lstrip("-")) > len(str(MAX_YEAR)):  # before int(): it may be huge
            raise DateError(
                text, f"talenthub holds years from -{MAX_YEAR:,} to {MAX_YEAR:,}, no further"
            )
        year = int(match["long"])
        first, last = ordinal(year, 1, 1), ordinal(year, 12, 31)
        return Point(year, None, None, None, Precision.YEAR, qualifier, None, first, last)
    year_text: str = match["year"]
    month_text, day_text = match["month"], match["day"]
    if year_text == "-0000":
        raise DateError(text, "year zero has no sign", "Write it as 0000")
    if "X" in year_text:
        if month_text is not None:
            raise DateError(
                text,
                "a year with unspecified digits cannot have a month (that is EDTF level 2)",
            )
        unspecified = year_text.count("X")
        low = int(year_text.replace("X", "0"))
        high = int(year_text.replace("X", "9"))
        precision = Precision.DECADE if unspecified == 1 else Precision.CENTURY
        first, last = ordinal(low, 1, 1), ordinal(high, 12, 31)
        return Point(low, None, None, None, precision, qualifier, None, first, last)
    year = int(year_text)
    if month_text is None:
        first, last = ordinal(year, 1, 1), ordinal(year, 12, 31)
        return Point(year, None, None, None, Precision.YEAR, qualifier, None, first, last)
    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise DateError(
                text, "a day cannot be given when the month is unspecified (that is EDTF level 2)"
            )
        first, last = ordinal(year, 1, 1), ordinal(year, 12, 31)
        return Point(year, None, None, None, Precision.YEAR, qualifier, None, first, last)
    month = int(month_text)
    if month in SEASONS:
        if day_text is not None:
            raise DateError(text, f"{month_text} is a season ({SEASONS[month]}) and takes no day")
        if qualifier is not None:
            raise DateError(text, "a season cannot be qualified (that is beyond EDTF level 1)")
        first, last = _month_span(year, *_SEASON_MONTHS[month])
        return Point(year, None, None, month, Precision.SEASON, qualifier, None, first, last)
    if not 1 <= month <= 12:
        raise DateError(
            text, f"month {month_text} does not exist", "Months are 01 to 12, seasons 21 to 24"
        )
    month_first, month_last = _month_span(year, month, month)
    if day_text is None or day_text == "XX":
        return Point(
            year, month, None, None, Precision.MONTH, qualifier, None, month_first, month_last
        )
    day = int(day_text)
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        raise DateError(
            text, f"{MONTHS[month - 1]} {year} has {length} days, so day {day_text} does not exist"
        )
    time = match["time"]
    if time is not None and (
        int(match["hh"]) > 23 or int(match["mm"]) > 59 or int(match["ss"]) > 60
    ):
        raise DateError(text, f"{time} is not a time of day")
    day_ordinal = month_first + day - 1
    return Point(year, month, day, None, Precision.DAY, qualifier, time, day_ordinal, day_ordinal)


def _shape_reason(part: str) -> str:
    if re.fullmatch(r"[0-9]{1,3}", part):
        return "a year has four digits"
    if re.fullmatch(r"-?[0-9]{4}-[0-9]{1}(-[0-9]{1,2})?", part) or re.fullmatch(
        r"-?[0-9]{4}-[0-9]{2}-[0-9]{1}", part
    ):
        return "months and days have two digits"
    return "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %"


# Shapes people write dates in instead of EDTF, for the hint of an error: compiled (and kept by
# `re`) the first time a date is refused, not at every start.
_NUMERIC = r"\s*([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})\s*"
_YEAR_FIRST = r"\s*([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})\s*"
_MONTH_WORD = r"\s*(?:([0-9]{1,2})\.?\s+)?([A-Za-z]+)\.?,?\s+([0-9]{4})\s*"


def _refuse(text: str, reason: str) -> DateError:
    """The error for `text`; where it has a shape people write instead of EDTF, say how to
    write it."""
    if match := re.fullmatch(_NUMERIC, text):
        a, b, year = int(match[1]), int(match[2]), match[3]
        if 1 <= a <= 12 and 1 <= b <= 12 and a != b:
            return DateError(
                text,
                f"day and month are ambiguous ({a} {MONTHS[b - 1]} or {b} {MONTHS[a - 1]} {year}?)",
                f"Write it year first, as YYYY-MM-DD: {year}-{b:02}-{a:02} or {year}-{a:02}-{b:02}",
            )
        day, month = (a, b) if 1 <= b <= 12 else (b, a)
        if 1 <= month <= 12:
            return DateError(
                text, "EDTF writes dates year first", f"Write it as {year}-{month:02}-{day:02}"
            )
        return DateError(text, "EDTF writes dates year first", "Write it as YYYY-MM-DD")
    if match := re.fullmatch(_YEAR_FIRST, text):
        year, month, day = match[1], int(match[2]), int(match[3])
        return DateError(
            text,
            "EDTF separates year, month and day with '-'",
            f"Write it as {year}-{month:02}-{day:02}",
        )
    if (match := re.fullmatch(_MONTH_WORD, text)) and (named := _month_number(match[2])):
        fix = f"{match[3]}-{named:02}" + (f"-{int(match[1]):02}" if match[1] else "")
        return DateError(text, "EDTF writes months as numbers", f"Write it as {fix}")
    return DateError(text, reason)


def _month_number(word: str) -> int | None:
    word = word.lower()
    if len(word) < 3:
        return None
    for number, name in enumerate(MONTHS, start=1):
        if name.lower().startswith(word):
            return number
    return None


# Writing dates for people: "May 2024", "15 May 2024", "9–22 Nov 2023", "Nov–Dec 2023".


def _year(year: int) -> str:
    return str(year) if year > 0 else f"{1 - year} BCE"


def _point_text(point: Point, *, short: bool, with_year: bool = True) -> str:
    """A point without its qualifier, with the month's name in full or abbreviated."""
    year = _year(point.year) if with_year else ""
    if point.precision is Precision.CENTURY:
        return f"{_year(point.year)}–{_year(point.year + 99)}"
    if point.precision is Precision.DECADE:
        return f"{_year(point.year)}s"
    if point.precision is Precision.SEASON:
        assert point.season is not None
        return f"{SEASONS[point.season]} {year}".strip()
    if point.month is None:
        return year
    name = MONTHS[point.month - 1]
    month = name[:3] if short else name
    if point.day is None:
        return f"{month} {year}".strip()
    text = f"{point.day} {month} {year}".strip()
    if point.time is not None:
        text += f", {point.time[:5]}" + _zone(point.time[8:])
    return text


def _zone(zone: str) -> str:
    if not zone:
        return ""
    return " UTC" if zone == "Z" else f" UTC{zone}"


def _qualified(point: Point, text: str) -> str:
    if point.qualifier is Qualifier.UNCERTAIN:
        return f"{text}?"
    if point.qualifier is Qualifier.APPROXIMATE:
        return f"c. {text}"
    if point.qualifier is Qualifier.UNCERTAIN_APPROXIMATE:
        return f"c. {text}?"
    return text


def humanize(date: Edtf) -> str:
    """The date as people write it: "May 2024", "9–22 Nov 2023", "from May 2024"."""
    start, end = date.start, date.end
    if end is None:
        assert isinstance(start, Point)
        return _qualified(start, _point_text(start, short=False))
    if isinstance(start, Unbounded) or isinstance(end, Unbounded):
        return _half_open(start, end)
    if (
        start.qualifier is None
        and end.qualifier is None
        and start.time is None
        and end.time is None
    ):
        compact = _compact_range(start, end)
        if compact is not None:
            return compact
    return (
        f"{_qualified(start, _point_text(start, short=True))} – "
        f"{_qualified(end, _point_text(end, short=True))}"
    )


def _half_open(start: Point | Unbounded, end: Point | Unbounded) -> str:
    if isinstance(start, Point):
        text = "from " + _qualified(start, _point_text(start, short=False))
        return text + " (end unknown)" if end is Unbounded.UNKNOWN else text
    assert isinstance(end, Point)
    text = "until " + _qualified(end, _point_text(end, short=False))
    return text + " (start unknown)" if start is Unbounded.UNKNOWN else text


def _compact_range(start: Point, end: Point) -> str | None:
    """ "9–22 Nov 2023", "Nov–Dec 2023", "2022–2024": ranges that share a year or month."""
    if start.precision is not end.precision or start.precision < Precision.YEAR:
        return None
    if start == end:
        return _point_text(start, short=False)
    if start.precision is Precision.YEAR:
        return f"{_year(start.year)}–{_year(end.year)}"
    if start.year != end.year:
        return None
    year = _year(start.year)
    if start.precision is Precision.DAY and start.month == end.month:
        assert start.month is not None
        return f"{start.day}–{end.day} {MONTHS[start.month - 1][:3]} {year}"
    left = _point_text(start, short=True, with_year=False)
    right = _point_text(end, short=True, with_year=False)
    separator = "–" if start.precision is Precision.MONTH else " – "
    return f"{left}{separator}{right} {year}"
