"""The terminal table at any width: the columns that fit whole, no word, id or email split, a
line saying what was left out, and records as blocks of lines on a narrow terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.conftest import run

LIST_80 = """\
ID                                 Date            Title
────────────────────────────────────────────────────────────────────────────────
guiding-principles                 July 2024       Guiding Principles
guidebook                          May 2024        Guidebook
multi-situational-report           May 2024        Multi-Situational Report
briefs-2024-05                     May 2024        Briefs
areas-for-possible-interventions   February 2024   Areas for possible
                                                   interventions
3 shown of 10 matching · 10 in the catalogue · the bundled Talent Hub EU
catalogue
Type left out to fit 80 columns: a wider window shows more, or choose with
--columns"""

LIST_40 = """\
ID: guiding-principles
Date: July 2024
Type: Guidelines
Title: Guiding Principles

ID: guidebook
Date: May 2024
Type: Guidebook
Title: Guidebook

ID: multi-situational-report
Date: May 2024
Type: Report
Title: Multi-Situational Report
3 shown of 10 matching · 10 in the
catalogue · the bundled Talent Hub EU
catalogue"""


def _screen(width: int, *args: str) -> str:
    import tests.conftest as conftest
    from talenthub_cli.core.frozen import replace

    given_before = conftest._given[0]
    conftest._given[0] = replace(given_before, is_terminal=True, width=width)
    try:
        outcome = run("--no-color", *args)
    finally:
        conftest._given[0] = given_before
    return "\n".join(line.rstrip() for line in outcome.plain.rstrip("\n").splitlines())


@pytest.mark.parametrize(("width", "shown"), [(80, LIST_80), (40, LIST_40)])
def test_list_at_common_widths(width: int, shown: str) -> None:
    limit = "5" if width == 80 else "3"
    expected = shown.replace("3 shown", f"{limit} shown")
    assert _screen(width, "list", "--limit", limit) == expected


def test_a_stacked_value_goes_on_under_its_header() -> None:
    """Below 50 columns a long value's further lines are indented, so that each record's
    fields stand out from one another."""
    shown = _screen(40, "list", "--type", "survey")
    assert shown.split("\n\n")[0] == (
        "ID: talent-attraction-retention-survey\n"
        "Date: 5–19 Dec 2023\n"
        "Type: Survey\n"
        "Title: International Talent Attraction &\n"
        "  Retention Survey"
    )


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.integers(20, 200),
    st.sampled_from(
        [
            ("list", "--columns", "id,title"),
            ("list", "--columns", "id,title,summary,topics"),
            ("contacts", "--columns", "id,name,email,role"),
            ("organisations", "--columns", "id,name,description"),
        ]
    ),
)
def test_nothing_runs_past_the_edge_and_no_word_is_split(width: int, args: tuple[str, ...]) -> None:
    screen = _screen(width, *args)
    assert all(cell_len(line) <= width for line in screen.splitlines())
    # Every word of the records (as piped: the same text) is shown whole, unless its column
    # was left out to fit; a word nearly as wide as the terminal may end in an ellipsis.
    piped = run(*args).stdout
    words = {
        word for line in piped.splitlines() for cell in line.split("\t") for word in cell.split()
    }
    shown = set(screen.split())
    left_out = "left out to fit" in screen
    for word in words:
        if cell_len(word) <= width - 10:
            assert word in shown or left_out, (word, screen)
