"""The timeline drawn as a chart on a terminal: one row per event or dated material, a time axis
along the top, bars for spans and marks for single days.

The chart always fits the width it is given (20 columns and up): a column stands for a month, a
quarter, a year, a decade or a longer unit, the finest whose units all fit; on a wide terminal a
unit takes several columns, and on a narrow one the label column gives way first. Everything it
means is in its glyphs, so it reads the same with colour off (NO_COLOR):

- materials are blocks (`█`, one day `●`), events lines (`━`, one day `◆`);
- an uncertain or approximate date (`?`, `~`, `%`, or an end not known) is drawn light (`░ ○ ╍ ◇`);
- an open end (`2024-05/..`) runs to the edge of the chart, where an arrow (`←`, `→`) points on;
- today, when it falls within the chart, is a `│` through the rows.

Only for a terminal: piped, the caller writes the plain timeline listing instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from talenthub_cli.core.dates import MONTHS, Precision, Unbounded, from_ordinal, ordinal
from talenthub_cli.core.text import visible
from talenthub_cli.core.timeline import EntryKind

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterator, Sequence

    from rich.text import Text

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.timeline import TimelineEntry
    from talenthub_cli.render.terminal import Terminal

MIN_LABEL = 6  # the label column keeps at least this many columns, where labels are that long
MAX_CELLS = 8  # at most this many columns for one unit of time, however wide the terminal

_TODAY = "│"
_OPEN_START, _OPEN_END = "←", "→"


def ellipsize(text: str, width: int, *, whole_words: bool = True) -> str:
    """`text` if it fits in `width` columns; otherwise as many of its first words as fit with an
    ellipsis after them ("talent-attraction…"), never part of a word. Words are runs of letters
    and digits. If not even the first word fits: "…" alone, or with `whole_words` off, as many
    of its first characters as fit ("Guideli…")."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    shown = ""
    for end in range(1, len(text)):
        if text[end - 1].isalnum() and not text[end].isalnum():
            if cell_len(text[:end]) + 1 > width:
                break
            shown = text[:end]
    if not shown and not whole_words:
        from rich.cells import set_cell_size

        shown = set_cell_size(text, width - 1).rstrip()
    return shown + "…"


@dataclass(frozen=True, slots=True)
class Scale:
    """A unit of time on the axis: `months` months long, aligned as calendars are (quarters on
    January, April, July, October; decades on years ending in 0)."""

    name: str  # "months", "quarters", "years", "decades", "centuries", "millennia", "10000 years"
    months: int

    def unit(self, day: int) -> int:
        """The number of the unit that holds the day ordinal `day` (counted from year 0)."""
        year, month, _ = from_ordinal(day)
        return (year * 12 + month - 1) // self.months

    def start(self, unit: int) -> int:
        """The first day ordinal of `unit`."""
        first_month = unit * self.months
        return ordinal(first_month // 12, first_month % 12 + 1, 1)

    def minor_labels(self, unit: int) -> tuple[str, str]:
        """What the axis can write under a unit: a long form, and a one-character form."""
        if self.months == 1:
            name = MONTHS[unit % 12]
            return name[:3], name[0]
        if self.months == 3:
            quarter = unit % 4 + 1
            return f"Q{quarter}", str(quarter)
        years = self.months // 12
        return str(unit * years), str(unit % 10)

    def major_label(self, unit: int) -> tuple[str, bool] | None:
        """The year the axis writes above a unit, and whether the unit begins it; None where it
        writes none (within a decade, century and so on on their own scales)."""
        if self.months in (1, 3):
            per_year = 12 // self.months
            return str(unit // per_year), unit % per_year == 0
        if unit % 10:
            return None
        return str(unit * self.months // 12), True


def scales() -> Iterator[Scale]:
    """Months, quarters, years, decades, centuries, millennia, then ever longer units."""
    yield Scale("months", 1)
    yield Scale("quarters", 3)
    yield Scale("years", 12)
    yield Scale("decades", 120)
    yield Scale("centuries", 1200)
    yield Scale("millennia", 12000)
    years = 10000
    while True:
        yield Scale(f"{years} years", 12 * years)
        years *= 10


@dataclass(frozen=True, slots=True)
class Layout:
    """Where things go: the label column, and the chart's units of time after it."""

    scale: Scale
    first_unit: int
    units: int
    cells: int  # columns for each unit
    label_width: int

    @property
    def chart_width(self) -> int:
        return self.units * self.cells

    def column(self, day: int) -> int:
        """The chart column (from 0) of the day ordinal `day`, which lies within the chart."""
        unit = self.scale.unit(day)
        start, end = self.scale.start(unit), self.scale.start(unit + 1)
        return (unit - self.first_unit) * self.cells + (day - start) * self.cells // (end - start)

    def covers(self, day: int) -> bool:
        first = self.scale.start(self.first_unit)
        return first <= day < self.scale.start(self.first_unit + self.units)


def layout(bounds: tuple[int, int], label_width: int, width: int) -> Layout:
    """The finest scale whose units fit beside labels of (up to) `label_width` columns within
    `width`. Labels may shrink to keep a finer scale, but not below about two fifths of the width
    (or MIN_LABEL, or the longest label, if less)."""
    first, last = bounds
    floor = min(label_width, max(MIN_LABEL, width * 2 // 5))
    for scale in scales():
        first_unit = scale.unit(first)
        units = scale.unit(last) - first_unit + 1
        labels = min(label_width, width - 1 - units)
        # Past a few units nothing coarser helps: a range across year 0 keeps two units forever.
        if labels >= floor or units <= 2:
            labels = max(1, labels)
            cells = max(1, min(MAX_CELLS, (width - 1 - labels) // units))
            return Layout(scale, first_unit, units, cells, labels)
    raise AssertionError("unreachable: scales() never ends")


@dataclass(frozen=True, slots=True)
class TimelineChart:
    """The chart's lines: the axis (years, then the units under them), a row per entry in the
    order given, and a legend of the glyphs it uses."""

    layout: Layout
    axis: tuple[Text, ...]
    rows: tuple[Text, ...]
    legend: tuple[Text, ...]

    def lines(self) -> list[Text]:
        return [*self.axis, *self.rows, *self.legend]


def _glyphs(kind: EntryKind) -> tuple[str, str, str, str]:
    """A span, a single day, and the same two for an uncertain date."""
    return ("━", "◆", "╍", "◇") if kind is EntryKind.EVENT else ("█", "●", "░", "○")


def _style(kind: EntryKind) -> str:
    return "bold magenta" if kind is EntryKind.EVENT else "cyan"


def _label(entry: TimelineEntry, by_title: bool) -> str:
    return visible(" ".join((entry.title if by_title else entry.id).split()))


def _uncertain(date: Edtf) -> bool:
    ends = (date.start,) if date.end is None else (date.start, date.end)
    return any(
        end is Unbounded.UNKNOWN or (not isinstance(end, Unbounded) and end.qualifier is not None)
        for end in ends
    )


def _bounds(entries: Sequence[TimelineEntry]) -> tuple[int, int]:
    days = [day for entry in entries for day in (entry.date.first, entry.date.last)]
    known = [day for day in days if day is not None]  # every date has at least one end
    return min(known), max(known)


def chart_timeline(
    entries: Sequence[TimelineEntry],
    width: int,
    today: datetime.date | None = None,
    *,
    by_title: bool = False,
) -> TimelineChart:
    """The chart of `entries` (at least one) in `width` columns, each row labelled by the entry's
    id (its title with `by_title`), today marked if `today` is given and within the chart."""
    from rich.cells import cell_len
    from rich.text import Text

    labels = [_label(entry, by_title) for entry in entries]
    plan = layout(_bounds(entries), max(cell_len(label) for label in labels), width)
    today_column = None
    if today is not None and plan.covers(today.toordinal()):
        today_column = plan.column(today.toordinal())

    from rich.text import Span

    rows = []
    used: set[str] = set()
    for entry, label in zip(entries, labels, strict=True):
        shown = ellipsize(label, plan.label_width)
        margin = shown + " " * (plan.label_width - cell_len(shown) + 1)
        cells, spans = _cells(entry, plan, today_column)
        used.update(cells)
        offset = len(margin)  # spans count characters, not columns
        rows.append(
            Text(
                margin + cells.rstrip(),
                spans=[Span(offset + start, offset + end, style) for start, end, style in spans],
            )
        )
    shown_today = today if today_column is not None else None
    return TimelineChart(plan, _axis(plan, width), tuple(rows), _legend(used, shown_today, width))


def _cells(
    entry: TimelineEntry, plan: Layout, today_column: int | None
) -> tuple[str, list[tuple[int, int, str]]]:
    """The chart columns of one row, and where each style goes (start, end, style)."""
    date = entry.date
    span, day, light_span, light_day = _glyphs(entry.kind)
    uncertain = _uncertain(date)
    style = _style(entry.kind) + (" dim" if uncertain else "")
    last_column = plan.chart_width - 1
    start = 0 if date.first is None else plan.column(date.first)
    end = last_column if date.last is None else plan.column(date.last)
    cells = [" "] * plan.chart_width
    if date.end is None and date.precision is Precision.DAY:
        cells[start] = light_day if uncertain else day
        end = start
    else:
        cells[start : end + 1] = (light_span if uncertain else span) * (end + 1 - start)
        if date.first is None:
            cells[0] = _OPEN_START
        if date.last is None:
            cells[last_column] = _OPEN_END
    spans = [(start, end + 1, style)]
    if today_column is not None and cells[today_column] == " ":
        cells[today_column] = _TODAY
        spans.append((today_column, today_column + 1, "red"))
    return "".join(cells), spans


def _axis(plan: Layout, width: int) -> tuple[Text, ...]:
    """Two lines: years (or decades, centuries…) above, and under them each unit's name in the
    longest form that fits its columns ("Nov", "N"; "Q4", "4"; "2023", "3"). A year may run on
    past the chart's last column, within `width`."""
    from rich.text import Text

    units = range(plan.first_unit, plan.first_unit + plan.units)
    forms = [plan.scale.minor_labels(unit) for unit in units]
    long_fits = all(len(form[0]) < plan.cells for form in forms)
    minor = [" "] * plan.chart_width
    for position, form in enumerate(forms):
        text = form[0] if long_fits else form[1]
        minor[position * plan.cells : position * plan.cells + len(text)] = text

    room = max(plan.chart_width, width - plan.label_width - 1)
    major = [" "] * room
    # On a scale of years or longer whose names are written in full, a line above repeats them.
    if plan.scale.months in (1, 3) or not long_fits:
        for column, text in _major_labels(plan, room):
            major[column : column + len(text)] = text

    margin = " " * (plan.label_width + 1)
    name = plan.scale.name if len(plan.scale.name) <= plan.label_width else ""
    top = Text(margin).append("".join(major).rstrip(), "bold")
    under = Text(name, "dim").append(" " * (len(margin) - len(name)))
    under.append("".join(minor).rstrip(), "dim")
    top.rstrip()
    under.rstrip()
    return top, under


def _major_labels(plan: Layout, room: int) -> list[tuple[int, str]]:
    """The years written above the units, left to right within `room` columns, each with a space
    before the next; the year of a first unit that does not begin it gives way to the next."""
    candidates = []
    for position in range(plan.units):
        found = plan.scale.major_label(plan.first_unit + position)
        if found is not None and (found[1] or position == 0):
            candidates.append((position * plan.cells, found[0], found[1]))
    placed: list[tuple[int, str]] = []
    free_from = 0
    for index, (column, text, begins) in enumerate(candidates):
        if column < free_from or column + len(text) > room:
            continue
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        if not begins and following is not None and column + len(text) >= following[0]:
            continue
        placed.append((column, text))
        free_from = column + len(text) + 1
    return placed


def _legend(used: set[str], today: datetime.date | None, width: int) -> tuple[Text, ...]:
    """What the glyphs in the chart mean (those it uses), as few lines as fit the width."""
    from rich.text import Text

    items = []
    for glyphs, meaning in (
        ("█●", "material"),
        ("━◆", "event"),
        ("░○╍◇", "uncertain"),
        ("←→", "open end"),
    ):
        shown = " ".join(glyph for glyph in glyphs if glyph in used)
        if shown:
            items.append(f"{shown} {meaning}")
    if today is not None:
        items.append(f"{_TODAY} today {today.day} {MONTHS[today.month - 1][:3]} {today.year}")
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return tuple(Text(line, "dim") for line in lines)


def draw_timeline(
    entries: Sequence[TimelineEntry],
    terminal: Terminal,
    today: datetime.date | None,
    *,
    by_title: bool = False,
    caption: str | None = None,
) -> None:
    """Draw the chart of `entries` on the terminal, at its width; say so when there are none."""
    console = terminal.console()
    if not entries:
        console.print("No dated records match.", style="dim")
        return
    width = terminal.width or console.width
    for line in chart_timeline(entries, width, today, by_title=by_title).lines():
        console.print(line, overflow="ignore", crop=False)
    if caption:
        console.print(caption, style="dim", overflow="ellipsis")
