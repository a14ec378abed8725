"""Writing the counts: a terminal's sections and bars, piped lines, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from talenthub_cli.core.stats import Group, Row, Stats
from talenthub_cli.render.stats import (
    bar,
    draw_stats,
    stats_csv_rows,
    stats_json,
    stats_lines,
    stats_plain,
    write_stats_csv,
    write_stats_json,
)
from talenthub_cli.render.terminal import Terminal
from tests.core.test_stats import bundled_stats, stats_of
from tests.strategies import catalogues

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        pytest.param(
            80,
            [
                "10 materials",
                "",
                "Type",
                "  Brief         2 ██████████████████████████████████████████████████████████████",
                "  Concept note  1 ███████████████████████████████",
                "  Document      2 ██████████████████████████████████████████████████████████████",
                "  Guidebook     1 ███████████████████████████████",
                "  Guidelines    1 ███████████████████████████████",
                "  Report        1 ███████████████████████████████",
                "  Survey        2 ██████████████████████████████████████████████████████████████",
                "",
                "Year",
                "  2023          3 ███████████████████████████████",
                "  2024          6 ██████████████████████████████████████████████████████████████",
                "  Undated       1 ██████████▍",
                "",
                "Month",
                "  June 2023     1 ████████████████████▋",
                "  November 2023 1 ████████████████████▋",
                "  December 2023 1 ████████████████████▋",
                "  February 2024 2 █████████████████████████████████████████▍",
                "  May 2024      3 ██████████████████████████████████████████████████████████████",
                "  July 2024     1 ████████████████████▋",
                "  No month      1 ████████████████████▋",
                "",
                "Organisation (several per material)",
                "  IOM Denmark   8 ██████████████████████████████████████████████████████████████",
                "  IOM Germany   8 ██████████████████████████████████████████████████████████████",
                "  IOM           2 ███████████████▌",
                "",
                "Contact (several per material)",
                "  Jana Grebe    2 ███████████████▌",
                "  Rand Al-Ani   2 ███████████████▌",
                "  No contact    8 ██████████████████████████████████████████████████████████████",
                "",
                "Availability",
                "  Published     7 ██████████████████████████████████████████████████████████████",
                "  On request    2 █████████████████▊",
                "  Unknown       1 ████████▉",
            ],
            id="80",
        ),
        pytest.param(
            20,
            [
                "10 materials",
                "",
                "Type",
                "Brief         2 ████",
                "Concept note  1 ██",
                "Document      2 ████",
                "Guidebook     1 ██",
                "Guidelines    1 ██",
                "Report        1 ██",
                "Survey        2 ████",
                "",
                "Year",
                "2023          3 ██",
                "2024          6 ████",
                "Undated       1 ▋",
                "",
                "Month",
                "June 2023     1 █▍",
                "November 2023 1 █▍",
                "December 2023 1 █▍",
                "February 2024 2 ██▋",
                "May 2024      3 ████",
                "July 2024     1 █▍",
                "No month      1 █▍",
                "",
                "Organisation",
                "IOM Denmark   8 ████",
                "IOM Germany   8 ████",
                "IOM           2 █",
                "",
                "Contact",
                "Jana Grebe    2 █",
                "Rand Al-Ani   2 █",
                "No contact    8 ████",
                "",
                "Availability",
                "Published     7 ████",
                "On request    2 █▏",
                "Unknown       1 ▋",
            ],
            id="20",
        ),
    ],
)
def test_the_bundled_counts_on_a_terminal(width: int, expected: list[str]) -> None:
    assert [line.plain for line in stats_lines(bundled_stats(), width)] == expected


def terminal_of(
    *, is_terminal: bool, color: bool = False, width: int = 80
) -> tuple[Terminal, io.StringIO]:
    out = io.StringIO()
    return Terminal(out, io.StringIO(), is_terminal=is_terminal, color=color, width=width), out


def test_piped_counts_are_tab_separated_lines() -> None:
    terminal, out = terminal_of(is_terminal=False)
    draw_stats(bundled_stats(), terminal, caption="not shown when piped")
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["type\tbrief\t2", "type\tconcept-note\t1", "type\tdocument\t2"]
    assert "year\t\t1" in lines  # the undated material: no key
    assert lines[-3:] == [
        "availability\tpublished\t7",
        "availability\ton-request\t2",
        "availability\t\t1",
    ]
    assert len(lines) == 26
    assert all(line.count("\t") == 2 for line in lines)
    assert lines == stats_plain(bundled_stats())


_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?3[0-9](?:;[0-9]+)*m")


def test_drawn_on_a_terminal_with_a_caption_and_colour_off() -> None:
    terminal, out = terminal_of(is_terminal=True, width=40)
    draw_stats(bundled_stats(), terminal, caption="the bundled Talent Hub EU catalogue")
    drawn = out.getvalue()
    expected = [line.plain for line in stats_lines(bundled_stats(), 40)]
    assert _ESCAPES.sub("", drawn).splitlines() == [
        *expected,
        "the bundled Talent Hub EU catalogue",
    ]
    assert not _COLOUR.search(drawn) and "\x1b[1m" in drawn  # bold stays, colour goes


def test_drawn_in_colour_when_allowed() -> None:
    terminal, out = terminal_of(is_terminal=True, color=True)
    draw_stats(bundled_stats(), terminal)
    assert _COLOUR.search(out.getvalue())


def test_nothing_to_count_is_said_on_a_terminal_and_silent_when_piped() -> None:
    empty = Stats(0, (Group("type", "Type", ()),))
    terminal, out = terminal_of(is_terminal=True)
    draw_stats(empty, terminal)
    assert _ESCAPES.sub("", out.getvalue()) == "No materials match.\n"
    terminal, out = terminal_of(is_terminal=False)
    draw_stats(empty, terminal)
    assert out.getvalue() == ""


def test_json_has_the_total_and_a_list_per_group() -> None:
    terminal, out = terminal_of(is_terminal=False)
    write_stats_json(bundled_stats(), terminal)
    value = json.loads(out.getvalue())
    assert value == stats_json(bundled_stats())
    assert list(value) == [
        "total",
        "type",
        "year",
        "month",
        "organisation",
        "contact",
        "availability",
    ]
    assert value["total"] == 10
    assert value["year"] == [
        {"key": "2023", "label": "2023", "count": 3},
        {"key": "2024", "label": "2024", "count": 6},
        {"key": None, "label": "Undated", "count": 1},
    ]


def test_csv_is_rfc_4180_with_a_header() -> None:
    terminal, out = terminal_of(is_terminal=False)
    write_stats_csv(bundled_stats(), terminal)
    text = out.getvalue()
    assert text.startswith("group,key,label,count\r\ntype,brief,Brief,2\r\n")
    assert "organisation,iom,IOM,2\r\n" in text and "contact,,No contact,8\r\n" in text
    assert [tuple(row) for row in csv.reader(io.StringIO(text))] == stats_csv_rows(bundled_stats())
    assert len(stats_csv_rows(bundled_stats())) == 1 + 26


def test_csv_quotes_what_needs_quoting() -> None:
    stats = Stats(1, (Group("contact", "Contact", (Row("x", 'Doe, "J"', 1),), several=True),))
    terminal, out = terminal_of(is_terminal=False)
    write_stats_csv(stats, terminal)
    assert out.getvalue() == 'group,key,label,count\r\ncontact,x,"Doe, ""J""",1\r\n'


@pytest.mark.parametrize(
    ("count", "largest", "width", "drawn"),
    [(8, 8, 4, "████"), (1, 8, 4, "▌"), (1, 100, 4, "▏"), (3, 8, 4, "█▌"), (0, 8, 4, "")],
)
def test_bars_are_drawn_in_eighths(count: int, largest: int, width: int, drawn: str) -> None:
    assert bar(count, largest, width) == drawn


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(catalogues(awkward=True), st.integers(20, 200))
def test_any_counts_fit_the_width_with_every_row_drawn(catalogue: Catalogue, width: int) -> None:
    stats = stats_of(catalogue)
    lines = "\n".join(line.plain for line in stats_lines(stats, width)).split("\n")
    assert all(cell_len(line) <= width for line in lines)
    groups = [group for group in stats.groups if group.rows]
    assert len(lines) == 1 + sum(2 + len(group.rows) for group in groups)  # a line per row
    drawn_rows = [line for line in lines if re.search(r" \d+ [█▏▎▍▌▋▊▉]+$", line)]
    assert len(drawn_rows) == sum(len(group.rows) for group in stats.groups)
    for group in stats.groups:  # a larger count never has a shorter bar
        lengths = sorted(
            (row.count, len(bar(row.count, max(r.count for r in group.rows), 60)))
            for row in group.rows
        )
        assert [length for _, length in lengths] == sorted(length for _, length in lengths)
