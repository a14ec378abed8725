"""The timeline chart: exact drawings of the bundled catalogue at fixed widths, and properties of
any chart (it fits its width, every entry has its row, no label is cut inside a word)."""

from __future__ import annotations

import datetime
import io
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from talenthub_cli.core.dates import parse
from talenthub_cli.core.timeline import EntryKind, TimelineEntry, timeline
from talenthub_cli.render.chart import chart_timeline, draw_timeline, ellipsize
from talenthub_cli.render.terminal import Terminal
from talenthub_cli.storage.loader import load_catalogue
from talenthub_cli.storage.paths import bundled_catalogue
from tests.strategies import CLOSE_DATES, edtf_strings

if TYPE_CHECKING:
    from collections.abc import Sequence

TODAY = datetime.date(2024, 3, 15)  # within the project, so that the chart marks it
GLYPHS = set("█●░○━◆╍◇←→")


def bundled_entries() -> list[TimelineEntry]:
    catalogue = load_catalogue(bundled_catalogue())
    return timeline(catalogue.events, catalogue.materials)


def plain(entries: Sequence[TimelineEntry], width: int, today: datetime.date | None) -> list[str]:
    return [line.plain for line in chart_timeline(entries, width, today).lines()]


def entry(date: str, kind: EntryKind = EntryKind.MATERIAL, label: str = "m") -> TimelineEntry:
    return TimelineEntry(parse(date), kind, label, label.title())


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        pytest.param(
            20,
            [
                "             2023",
                "quarters    41234123",
                "launch      ━    │",
                "project…    ◆    │",
                "briefs…       █  │",
                "remote…         █│",
                "talent…         █│",
                "areas-for…       █",
                "digital…         █",
                "guidebook        │█",
                "multi…           │█",
                "briefs…          │█",
                "final…           │◆",
                "project-end      │◆",
                "guiding…         │ █",
                "█ material",
                "━ ◆ event",
                "│ today 15 Mar 2024",
            ],
            id="20",
        ),
        pytest.param(
            40,
            [
                "                     2023        2024",
                "months             NDJFMAMJJASONDJFMAMJJ",
                "launch             ━               │",
                "project-start      ◆               │",
                "briefs-2023-06            █        │",
                "remote-work…                   █   │",
                "talent-attraction…              █  │",
                "areas-for…                        █│",
                "digital-nomads…                   █│",
                "guidebook                          │ █",
                "multi-situational…                 │ █",
                "briefs-2024-05                     │ █",
                "final-workshop                     │ ◆",
                "project-end                        │ ◆",
                "guiding-principles                 │   █",
                "█ material  ━ ◆ event",
                "│ today 15 Mar 2024",
            ],
            id="40",
        ),
        pytest.param(
            80,
            [
                "                                       2023                    2024",
                "months                             N D J F M A M J J A S O N D J F M A M J J",
                "launch                             ━━                              │",
                "project-start                      ◆                               │",
                "briefs-2023-06                                   ██                │",
                "remote-work-digital-nomad-survey                           ██      │",
                "talent-attraction-retention-survey                           ██    │",
                "areas-for-possible-interventions                                 ██│",
                "digital-nomads-remote-work                                       ██│",
                "guidebook                                                          │   ██",
                "multi-situational-report                                           │   ██",
                "briefs-2024-05                                                     │   ██",
                "final-workshop                                                     │   ◆",
                "project-end                                                        │    ◆",
                "guiding-principles                                                 │       ██",
                "█ material  ━ ◆ event  │ today 15 Mar 2024",
            ],
            id="80",
        ),
        pytest.param(
            120,
            [
                "                                   2022    2023                                            2024",
                "months                             Nov Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar Apr May Jun Jul",
                "launch                             ━━━━                                                             │",
                "project-start                      ◆                                                                │",
                "briefs-2023-06                                                 ████                                 │",
                "remote-work-digital-nomad-survey                                                    ██              │",
                "talent-attraction-retention-survey                                                     ███          │",
                "areas-for-possible-interventions                                                               ████ │",
                "digital-nomads-remote-work                                                                     ████ │",
                "guidebook                                                                                           │      ████",
                "multi-situational-report                                                                            │      ████",
                "briefs-2024-05                                                                                      │      ████",
                "final-workshop                                                                                      │       ◆",
                "project-end                                                                                         │         ◆",
                "guiding-principles                                                                                  │              ████",
                "█ material  ━ ◆ event  │ today 15 Mar 2024",
            ],
            id="120",
        ),
    ],
)
def test_the_bundled_timeline_at_fixed_widths(width: int, expected: list[str]) -> None:
    assert plain(bundled_entries(), width, TODAY) == expected


def test_today_outside_the_chart_is_not_marked() -> None:
    lines = plain(bundled_entries(), 80, datetime.date(2030, 1, 1))
    assert not any("│" in line or "today" in line for line in lines)
    assert lines[-1] == "█ material  ━ ◆ event"


@pytest.mark.parametrize(
    ("dates", "width", "scale"),
    [
        (["2024-01", "2024-12"], 80, "months"),
        (["2020-01", "2024-12"], 40, "quarters"),
        (["2000", "2024-12"], 40, "years"),
        (["1850", "2024-05-15"], 40, "decades"),
        (["1000", "2999"], 40, "centuries"),
        (["-0044", "2024"], 20, "millennia"),
        (["Y170000002", "2024"], 40, "10000000 years"),
    ],
)
def test_units_merge_as_the_range_grows(dates: list[str], width: int, scale: str) -> None:
    chart = chart_timeline([entry(date) for date in dates], width, None)
    assert chart.layout.scale.name == scale
    assert all(cell_len(line.plain) <= width for line in chart.lines())


def test_open_ends_run_to_the_edge_with_an_arrow() -> None:
    lines = plain([entry("2024-01-15"), entry("2024-05/.."), entry("../2024-02")], 40, None)
    assert lines[1:5] == [
        "  Jan    Feb    Mar    Apr    May",
        "m    ●",
        "m                             ██████→",
        "m ←█████████████",
    ]
    assert lines[5] == "█ ● material  ← → open end"


def test_events_materials_and_uncertain_dates_have_their_own_glyphs() -> None:
    rows = chart_timeline(
        [
            entry("2024-05", EntryKind.MATERIAL),
            entry("2024-05", EntryKind.EVENT),
            entry("2024-05?", EntryKind.MATERIAL),
            entry("2024-05~", EntryKind.EVENT),
            entry("2024-05-15", EntryKind.MATERIAL),
            entry("2024-05-15", EntryKind.EVENT),
            entry("2024-05-15%", EntryKind.MATERIAL),
            entry("2024-05-15?", EntryKind.EVENT),
        ],
        20,
        None,
    ).rows
    assert [row.plain for row in rows] == [
        "m ████████",
        "m ━━━━━━━━",
        "m ░░░░░░░░",
        "m ╍╍╍╍╍╍╍╍",
        "m    ●",
        "m    ◆",
        "m    ○",
        "m    ◇",
    ]


def test_a_narrow_terminal_shrinks_labels_before_it_merges_months() -> None:
    wide, narrow = (
        chart_timeline(bundled_entries(), 80, None),
        chart_timeline(bundled_entries(), 40, None),
    )
    assert (wide.layout.scale.name, wide.layout.label_width) == ("months", 34)
    assert (narrow.layout.scale.name, narrow.layout.label_width) == ("months", 18)


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("talent-attraction-retention-survey", 34, "talent-attraction-retention-survey"),
        ("talent-attraction-retention-survey", 33, "talent-attraction-retention…"),
        ("talent-attraction-retention-survey", 18, "talent-attraction…"),
        ("talent-attraction-retention-survey", 17, "talent…"),
        ("Digital Nomads & Cross-Border Remote Work", 20, "Digital Nomads…"),
        ("Rand Al-Ani", 9, "Rand Al…"),
        ("Guidebook", 5, "…"),  # not even the first word fits: no part of it is shown
        ("水水 水", 5, "水水…"),  # wide characters take two columns
    ],
)
def test_ellipsize_cuts_between_words(text: str, width: int, shown: str) -> None:
    assert ellipsize(text, width) == shown


def terminal_of(width: int, *, color: bool) -> tuple[Terminal, io.StringIO]:
    out = io.StringIO()
    return Terminal(out, io.StringIO(), is_terminal=True, color=color, width=width), out


_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?3[0-9](?:;[0-9]+)*m")


def test_draw_prints_the_chart_and_a_caption_with_colour_off() -> None:
    terminal, out = terminal_of(40, color=False)
    draw_timeline(bundled_entries(), terminal, TODAY, caption="13 dated records")
    drawn = out.getvalue()
    assert _ESCAPES.sub("", drawn).splitlines() == [
        *plain(bundled_entries(), 40, TODAY),
        "13 dated records",
    ]
    assert not _COLOUR.search(drawn)  # NO_COLOR: no colour…
    assert "\x1b[1m" in drawn and "\x1b[2m" in drawn  # …but bold and dim stay


def test_draw_uses_colour_when_allowed() -> None:
    terminal, out = terminal_of(40, color=True)
    draw_timeline(bundled_entries(), terminal, TODAY)
    assert _COLOUR.search(out.getvalue())


def test_draw_says_when_there_is_nothing_to_chart() -> None:
    terminal, out = terminal_of(40, color=False)
    draw_timeline([], terminal, TODAY)
    assert _ESCAPES.sub("", out.getvalue()) == "No dated records match.\n"


# Labels as ids and titles are written: words of letters (some wide) between separators.
_WORD = st.text("abcxyzøÅ0189水", min_size=1, max_size=12)
_LABEL = st.builds(
    lambda words, separator: separator.join(words),
    st.lists(_WORD, min_size=1, max_size=6),
    st.sampled_from(["-", " ", " & ", "/"]),
)
_ENTRIES = st.lists(
    st.builds(
        TimelineEntry,
        date=st.one_of(st.sampled_from(CLOSE_DATES), edtf_strings()).map(parse),
        kind=st.sampled_from(EntryKind),
        id=_LABEL,
        title=st.just("Title"),
    ),
    min_size=1,
    max_size=8,
)


def shown_label(row: str, label: str) -> str:
    """The label at the start of `row`, as shown: whole, or cut before an ellipsis."""
    if row == label or row.startswith(label + " "):
        return label
    cut, ellipsis, _ = row.partition("…")
    assert ellipsis, f"{row!r} shows neither {label!r} nor a cut of it"
    return cut


@pytest.mark.slow
@given(_ENTRIES, st.integers(20, 200), st.one_of(st.none(), st.dates()))
def test_any_chart_fits_its_width_with_a_whole_row_per_entry(
    entries: list[TimelineEntry], width: int, today: datetime.date | None
) -> None:
    chart = chart_timeline(entries, width, today)
    assert all(cell_len(line.plain) <= width for line in chart.lines())
    assert len(chart.rows) == len(entries)
    for row, drawn in zip(chart.rows, entries, strict=True):
        label = drawn.id
        shown = shown_label(row.plain, label)
        assert label.startswith(shown)
        if shown != label:  # cut between words, never inside one
            assert not shown or not (shown[-1].isalnum() and label[len(shown)].isalnum())
        assert GLYPHS & set(row.plain[len(shown) :]), (
            f"nothing drawn for {drawn.date} in {row.plain!r}"
        )


def test_rows_can_be_labelled_by_title() -> None:
    chart = chart_timeline(bundled_entries()[2:6], 40, None, by_title=True)
    assert [line.plain for line in chart.lines()] == [
        "                               2023",
        "months                         JJASONDJF",
        "Briefs                         █",
        "Remote Work & Digital Nomad…        █",
        "International Talent…                █",
        "Areas for possible…                    █",
        "█ material",
    ]


def test_a_label_shows_control_characters_and_never_runs_them() -> None:
    entry = TimelineEntry(parse("2024-05"), EntryKind.MATERIAL, "m", "Guide\x1b]0;PWNED\x07book")
    lines = [line.plain for line in chart_timeline([entry], 80, by_title=True).lines()]
    assert any("Guide^[]0;PWNED^Gbook" in line for line in lines)
    assert not any("\x1b" in line or "\x07" in line for line in lines)
