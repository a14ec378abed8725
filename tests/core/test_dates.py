"""EDTF dates: what each form covers, how it is written for people, and what is refused."""

from __future__ import annotations

import datetime
import time

import pytest
from edtf import parse_edtf
from hypothesis import assume, given
from hypothesis import strategies as st

from talenthub_cli.core.dates import Precision, from_ordinal, humanize, ordinal, parse
from talenthub_cli.core.errors import DateError
from tests.strategies import edtf_strings


def day(text: str) -> int:
    return datetime.date.fromisoformat(text).toordinal()


@pytest.mark.parametrize(
    ("text", "first", "last", "human"),
    [
        ("2024", "2024-01-01", "2024-12-31", "2024"),
        ("2024-05", "2024-05-01", "2024-05-31", "May 2024"),
        ("2024-02", "2024-02-01", "2024-02-29", "February 2024"),
        ("2024-05-15", "2024-05-15", "2024-05-15", "15 May 2024"),
        ("2023-11-09/2023-11-22", "2023-11-09", "2023-11-22", "9–22 Nov 2023"),
        ("2023-11/2023-12", "2023-11-01", "2023-12-31", "Nov–Dec 2023"),
        ("2023-11-28/2023-12-05", "2023-11-28", "2023-12-05", "28 Nov – 5 Dec 2023"),
        ("2022-11-01/2024-05-31", "2022-11-01", "2024-05-31", "1 Nov 2022 – 31 May 2024"),
        ("2022/2024", "2022-01-01", "2024-12-31", "2022–2024"),
        ("2022-11/2024", "2022-11-01", "2024-12-31", "Nov 2022 – 2024"),
        ("2024-05?", "2024-05-01", "2024-05-31", "May 2024?"),
        ("2024~", "2024-01-01", "2024-12-31", "c. 2024"),
        ("2024-05-15%", "2024-05-15", "2024-05-15", "c. 15 May 2024?"),
        ("201X", "2010-01-01", "2019-12-31", "2010s"),
        ("20XX", "2000-01-01", "2099-12-31", "2000–2099"),
        ("2004-XX", "2004-01-01", "2004-12-31", "2004"),
        ("1985-04-XX", "1985-04-01", "1985-04-30", "April 1985"),
        ("1985-XX-XX", "1985-01-01", "1985-12-31", "1985"),
        ("2001-21", "2001-03-01", "2001-05-31", "Spring 2001"),
        ("2001-24", "2001-12-01", "2002-02-28", "Winter 2001"),
        ("2024-05-15T10:00:00Z", "2024-05-15", "2024-05-15", "15 May 2024, 10:00 UTC"),
        ("2004-06~/2004-06-11%", "2004-06-01", "2004-06-11", "c. Jun 2004 – c. 11 Jun 2004?"),
    ],
)
def test_closed_dates(text: str, first: str, last: str, human: str) -> None:
    date = parse(text)
    assert (date.first, date.last) == (day(first), day(last))
    assert humanize(date) == human
    assert date.text == text


@pytest.mark.parametrize(
    ("text", "first", "last", "human"),
    [
        ("2024-05/..", "2024-05-01", None, "from May 2024"),
        ("../2024", None, "2024-12-31", "until 2024"),
        ("2024/", "2024-01-01", None, "from 2024 (end unknown)"),
        ("/2024-05-15", None, "2024-05-15", "until 15 May 2024 (start unknown)"),
    ],
)
def test_open_and_unknown_ends_are_unbounded(
    text: str, first: str | None, last: str | None, human: str
) -> None:
    date = parse(text)
    assert date.first == (day(first) if first else None)
    assert date.last == (day(last) if last else None)
    assert humanize(date) == human


def test_years_outside_the_common_era() -> None:
    assert humanize(parse("-0044")) == "45 BCE"  # astronomical year -44
    assert from_ordinal(parse("Y170000002").first) == (170000002, 1, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "09/11/2023",
            "'09/11/2023' is not a valid EDTF date: day and month are ambiguous "
            "(9 November or 11 September 2023?). Write it year first, as YYYY-MM-DD: "
            "2023-11-09 or 2023-09-11",
        ),
        (
            "25/12/2023",
            "'25/12/2023' is not a valid EDTF date: EDTF writes dates year first. "
            "Write it as 2023-12-25",
        ),
        (
            "2023/11/09",
            "'2023/11/09' is not a valid EDTF date: EDTF separates year, month and day with '-'. "
            "Write it as 2023-11-09",
        ),
        ("May 2024", "'May 2024' is not a valid EDTF date: EDTF writes months as numbers. Write it as 2024-05"),
        ("2024-13", "'2024-13' is not a valid EDTF date: month 13 does not exist. Months are 01 to 12, seasons 21 to 24"),
        ("2023-02-29", "'2023-02-29' is not a valid EDTF date: February 2023 has 28 days, so day 29 does not exist"),
        ("2024-05-20/2024-05-10", "'2024-05-20/2024-05-10' is not a valid EDTF date: the interval ends before it starts"),
        ("24", "'24' is not a valid EDTF date: a year has four digits"),
        ("2024-5", "'2024-5' is not a valid EDTF date: months and days have two digits"),
        ("../..", "'../..' is not a valid EDTF date: an interval needs a date on at least one side of '/'"),
        ("2024/2025/2026", "'2024/2025/2026' is not a valid EDTF date: an interval has exactly one '/'"),
        ("201X-05", "'201X-05' is not a valid EDTF date: a year with unspecified digits cannot have a month (that is EDTF level 2)"),
        ("2024-21-01", "'2024-21-01' is not a valid EDTF date: 21 is a season (Spring) and takes no day"),
        ("2024-05-15T24:30:00", "'2024-05-15T24:30:00' is not a valid EDTF date: 24:30:00 is not a time of day"),
        ("2001-21?", "'2001-21?' is not a valid EDTF date: a season cannot be qualified (that is beyond EDTF level 1)"),
        ("2001-21/2001-22", "'2001-21/2001-22' is not a valid EDTF date: a season cannot end an interval (that is beyond EDTF level 1)"),
        ("2024-05-15T10:00:00/2024-06", "'2024-05-15T10:00:00/2024-06' is not a valid EDTF date: the ends of an interval are dates, without a time of day"),
        ("", "'' is not a valid EDTF date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %"),
    ],
)  # fmt: skip
def test_refused_with_the_reason_and_a_fix(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert str(caught.value) == message


def test_sorting_is_by_start_then_precision_coarse_first() -> None:
    texts = ["2024-05-15", "2024-05", "2024", "2023-12", "2024-05/2024-06", "../2023"]
    ordered = sorted(texts, key=lambda text: parse(text).sort_key())
    assert ordered == ["../2023", "2023-12", "2024", "2024-05", "2024-05/2024-06", "2024-05-15"]
    assert parse("2024").precision < parse("2024-05").precision < parse("2024-05-15").precision
    assert parse("201X").precision is Precision.DECADE


def _oracle_days(text: str) -> tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]:
    """First and last day by the `edtf` package; None for an open end (it says ±infinity)."""
    parsed = parse_edtf(text)

    def ymd(value: object) -> tuple[int, int, int] | None:
        if not isinstance(value, time.struct_time):
            return None
        return (value.tm_year, value.tm_mon, value.tm_mday)

    return ymd(parsed.lower_strict()), ymd(parsed.upper_strict())


# Left out of the comparison, where the edtf package differs on purpose or by a fault of its own:
# winter (`-24`), which it takes as December alone, where talenthub runs it on into the next
# February as the meteorological season does; and unspecified digits at an interval's end, of
# which it refuses some (`2004-XX/2005`, `1000/100X?`) that the standard and EDTF.js allow.
@pytest.mark.slow
@given(edtf_strings(unspecified_ends=False))
def test_same_first_and_last_day_as_the_edtf_package(text: str) -> None:
    assume("-24" not in text)
    date = parse(text)
    first, last = _oracle_days(text)
    assert (None if date.first is None else from_ordinal(date.first)) == first
    assert (None if date.last is None else from_ordinal(date.last)) == last


@given(st.integers(-800_000, 3_700_000))
def test_ordinals_round_trip_for_any_day(number: int) -> None:
    assert ordinal(*from_ordinal(number)) == number


@given(st.dates())
def test_ordinals_agree_with_datetime(value: datetime.date) -> None:
    assert ordinal(value.year, value.month, value.day) == value.toordinal()
    assert from_ordinal(value.toordinal()) == (value.year, value.month, value.day)


@given(edtf_strings())
def test_every_valid_date_is_written_for_people_and_keeps_its_text(text: str) -> None:
    date = parse(text)
    assert humanize(date)
    assert date.text == text
    if date.first is not None and date.last is not None:
        assert date.first <= date.last


@given(st.text(max_size=30))
def test_any_text_parses_or_is_refused_with_a_date_error(text: str) -> None:
    try:
        date = parse(text)
    except DateError as error:
        assert str(error).startswith(f"{text!r} is not a valid EDTF date: ")
    else:
        assert date.text == text


@given(edtf_strings(), edtf_strings())
def test_order_follows_the_first_day(a: str, b: str) -> None:
    first_a, first_b = parse(a).first, parse(b).first
    assume(first_a is not None and first_b is not None and first_a != first_b)
    assert (parse(a).sort_key() < parse(b).sort_key()) == (first_a < first_b)  # type: ignore[operator]
