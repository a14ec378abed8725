"""Writing the counts of `core.stats`: on a terminal, a section per group with right-aligned
counts and bars in proportion (to the group's largest count) that fit the width, 20 columns and
up; piped, plain `group<TAB>key<TAB>count` lines; and the value of `--format json` and the rows
of `--format csv`. A row for the materials that lack a value has no key: an empty field in the
lines and in CSV, null in JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.text import counted, visible
from talenthub_cli.render.chart import ellipsize

if TYPE_CHECKING:
    from rich.text import Text

    from talenthub_cli.core.stats import Group, Row, Stats
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal

CSV_HEADER = ("group", "key", "label", "count")
_EIGHTHS = " ▏▎▍▌▋▊▉"
_SEVERAL = " (several per material)"


def stats_json(stats: Stats) -> dict[str, object]:
    """`{"total": 10, "type": [{"key": "brief", "label": "Brief", "count": 2}, …], …}`, the
    groups in their order."""
    value: dict[str, object] = {"total": stats.total}
    for group in stats.groups:
        value[group.name] = [
            {"key": row.key, "label": row.label, "count": row.count} for row in group.rows
        ]
    return value


def stats_csv_rows(stats: Stats) -> list[tuple[str, str, str, str]]:
    """The header `group,key,label,count`, then a row per count."""
    rows = [CSV_HEADER]
    rows += [
        (group.name, row.key or "", row.label, str(row.count))
        for group in stats.groups
        for row in group.rows
    ]
    return rows


def write_stats_json(stats: Stats, terminal: Terminal) -> None:
    from talenthub_cli.render.output import print_json

    print_json(stats_json(stats), terminal)


def stats_listing(stats: Stats) -> Listing[tuple[Group, Row]]:
    """The counts as a listing of (group, row), with the columns of `CSV_HEADER`."""
    from talenthub_cli.render.listing import Column, Listing

    columns: list[Column[tuple[Group, Row]]] = [
        Column("group", "Group", lambda item: item[0].name),
        Column("key", "Key", lambda item: item[1].key or ""),
        Column("label", "Label", lambda item: item[1].label),
        Column("count", "Count", lambda item: str(item[1].count), data=lambda item: item[1].count),
    ]
    items = [(group, row) for group in stats.groups for row in group.rows]
    return Listing(items, columns, lambda item: {c.name: c.json(item) for c in columns}, "counts")


def write_stats_csv(stats: Stats, terminal: Terminal) -> None:
    """RFC 4180, written by the one CSV writer (and so with its formula guard: the labels are
    names from the catalogue)."""
    from talenthub_cli.export.common import ExportOptions
    from talenthub_cli.export.csv_export import write

    write(stats_listing(stats), terminal.out, ExportOptions())


def stats_plain(stats: Stats) -> list[str]:
    """The piped lines: `group<TAB>key<TAB>count`, no header, no total."""
    return [
        f"{group.name}\t{row.key or ''}\t{row.count}"
        for group in stats.groups
        for row in group.rows
    ]


def bar(count: int, largest: int, width: int) -> str:
    """A bar `width` columns long for `largest`, in eighths of a column; any count above 0 shows."""
    if count <= 0 or largest <= 0 or width <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / largest))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def stats_lines(stats: Stats, width: int) -> list[Text]:
    """The drawing for a terminal `width` columns wide: the total, then each group that has rows
    as a title and a line per row: label, count, bar."""
    from rich.cells import cell_len
    from rich.text import Text

    groups = [group for group in stats.groups if group.rows]
    counts = [row.count for group in groups for row in group.rows]
    digits = len(str(max(counts, default=0)))
    indent = 2 if width >= 40 else 0
    room = width - indent - 1 - digits - 1  # for the label and the bar
    # A name is shown on one line: tabs and line breaks in it become spaces.
    labels = {row: visible(" ".join(row.label.split())) for group in groups for row in group.rows}
    longest = max((cell_len(label) for label in labels.values()), default=0)
    # Labels first: bars keep a quarter of the room, and at least four columns.
    label_width = max(1, min(longest, room - max(4, room // 4)))
    bar_width = max(1, room - label_width)
    # Said of every group where a material counts more than once, or of none, never of some.
    noted = all(cell_len(g.title + _SEVERAL) <= width for g in groups if g.several)

    lines = [Text(counted(stats.total, "material"), "bold")]
    for group in groups:
        lines.append(Text())
        title = Text(group.title, "bold")
        if group.several and noted:
            title.append(_SEVERAL, "dim")
        lines.append(title)
        largest = max(row.count for row in group.rows)
        for row in group.rows:
            label = ellipsize(labels[row], label_width, whole_words=False)
            line = Text(" " * indent)
            line.append(label, "dim" if row.key is None else "")
            line.append(" " * (label_width - cell_len(label) + 1))
            line.append(f"{row.count:>{digits}} ")
            line.append(bar(row.count, largest, bar_width), "cyan")
            lines.append(line)
    return lines


def draw_stats(stats: Stats, terminal: Terminal, *, caption: str | None = None) -> None:
    """`--format table`: drawn on a terminal (with `caption` under it), plain lines when piped."""
    if not terminal.is_terminal:
        terminal.out.writelines(f"{line}\n" for line in stats_plain(stats))
        return
    console = terminal.console()
    if not stats.total:
        console.print("No materials match.", style="dim")
        return
    for line in stats_lines(stats, terminal.width or console.width):
        console.print(line, overflow="ignore", crop=False)
    if caption:
        console.print(caption, style="dim", overflow="ellipsis")
