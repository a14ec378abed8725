"""Dates as people type them, read as EDTF; and EDTF itself read as it is."""

from __future__ import annotations

import pytest
from hypothesis import given

from talenthub_cli.core.dates import parse
from talenthub_cli.core.errors import DateError
from talenthub_cli.core.human_dates import read_date
from tests.strategies import edtf_strings


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("May 2024", "2024-05"),
        ("9-22 November 2023", "2023-11-09/2023-11-22"),
        ("Nov-Dec 2023", "2023-11/2023-12"),
        ("15 May 2024", "2024-05-15"),
        ("May 15, 2024", "2024-05-15"),
        ("November 9–22, 2023", "2023-11-09/2023-11-22"),
        ("Nov 2023 to Feb 2024", "2023-11/2024-02"),
        ("Spring 2024", "2024-21"),
        ("2024-05~", "2024-05~"),
    ],
)
def test_dates_as_people_write_them(typed: str, edtf: str) -> None:
    assert read_date(typed) == edtf


@given(edtf_strings())
def test_edtf_is_read_as_it_is(text: str) -> None:
    assert read_date(text) == parse(text).text


@pytest.mark.parametrize("typed", ["09/11/2023", "Mai 2024", "May 24", "13 Smarch 2024"])
def test_what_is_ambiguous_or_unknown_is_refused(typed: str) -> None:
    with pytest.raises(DateError):
        read_date(typed)
