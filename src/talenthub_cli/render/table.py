"""`--format table`: a Rich table that fits the terminal (see `_draw`), or below 50 columns a
block of lines a record; piped, plain tab-separated lines for cut, sort and grep, with no header,
colour or box drawing (tabs and line breaks in values become spaces)."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

from talenthub_cli.render.output import write_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import TextIO

    from rich.console import Console
    from rich.text import Text

    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal

_SPACES = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
# Piped lines are written this many at a time: one write and one look for tabs and line breaks
# in values a chunk, where a line at a time cost more than reading the listing.
_CHUNK = 4096
# Between the cells of a line that the index joins (`write_joined`): no value holds it, as the
# catalogue's rules keep every control character but tabs and line breaks out of its text.
JOINED = "\x1f"


def render(listing: Listing[Any], terminal: Terminal) -> int:
    """Draw the listing on a terminal, or write its lines; returns how many records."""
    if terminal.is_terminal:
        return _draw(listing, terminal)
    values = [column.value for column in listing.columns]
    tabs = len(values) - 1
    items = iter(listing.items)
    count = 0
    while chunk := list(islice(items, _CHUNK)):
        rows = [[value(item) for value in values] for item in chunk]
        text = "".join(["\t".join(cells) + "\n" for cells in rows])
        # Looked for in the whole chunk: most text has no tab or line break to replace.
        if text.count("\t") != tabs * len(rows) or text.count("\n") != len(rows) or "\r" in text:
            text = "".join([_line(cells) for cells in rows])
        write_text(terminal.out, text)
        count += len(rows)
    return count


def write_joined(lines: Iterable[str], out: TextIO) -> int:
    """Write lines whose cells are joined by JOINED (a listing's columns, as the index joins
    them) as `render` writes a listing's lines; returns how many."""
    remaining = iter(lines)
    count = 0
    while chunk := list(islice(remaining, _CHUNK)):
        text = "\n".join(chunk) + "\n"
        if "\t" in text or "\r" in text or text.count("\n") != len(chunk):
            text = "".join([_line(line.split(JOINED)) for line in chunk])
        else:
            text = text.replace(JOINED, "\t")
        write_text(out, text)
        count += len(chunk)
    return count


def _line(cells: Sequence[str]) -> str:
    """A piped listing's line: its cells between tabs, each cell's tabs and line breaks made
    spaces."""
    return "\t".join([cell.translate(_SPACES) for cell in cells]) + "\n"


# Below this many columns a table cannot show a record whole: records are drawn as blocks.
STACKED_BELOW = 50
_GAP = 3  # between two columns: a space of padding each side and one between
_KEEP_FIRST = ("title", "name")  # what a reader needs most; then the id, then the rest in order


def _cells(listing: Listing[Any], terminal: Terminal) -> list[list[Text]]:
    from rich.text import Text

    from talenthub_cli.core.text import visible

    rows = []
    for item in listing.items:
        cells = []
        for column in listing.columns:
            # Text, not markup: a title such as "[draft] Plan" is shown as it is written; and
            # its control characters shown, not run (an ESC would drive the terminal).
            shown = column.shown(item)
            cell = Text(visible(shown))
            for start, end in column.spans(item) if column.spans else ():
                if cell.plain != shown:  # written out longer: find the span in what is shown
                    start, end = len(visible(shown[:start])), len(visible(shown[:end]))
                cell.stylize(terminal.highlight, start, end)
            cells.append(cell)
        rows.append(cells)
    return rows


def _widths(listing: Listing[Any], rows: list[list[Text]]) -> tuple[list[int], list[int]]:
    """How wide each column must be, and would be on one line. A column kept on one line (ids,
    dates) must be as wide as its longest cell; a column that wraps, as its longest word, so
    that no id, date or word is split."""
    from rich.cells import cell_len

    needs, natural = [], []
    for position, column in enumerate(listing.columns):
        texts = [row[position].plain for row in rows]
        header = cell_len(column.header)
        whole = max([header, *(cell_len(text) for text in texts)])
        longest = max([header, *(cell_len(word) for text in texts for word in text.split())])
        natural.append(whole)
        needs.append(whole if column.no_wrap else longest)
    return needs, natural


def _shared(kept: list[int], needs: list[int], natural: list[int], room: int) -> dict[int, int]:
    """The width of each kept column: what it needs, and of the room left, shares for the
    columns that wrap, up to their width on one line."""
    widths = {i: needs[i] for i in kept}
    room -= sum(widths.values()) + _GAP * (len(kept) - 1)
    while room > 0:
        wanting = [i for i in kept if widths[i] < natural[i]]
        if not wanting:
            break
        share = max(1, room // len(wanting))
        for i in wanting:
            given = min(share, natural[i] - widths[i], room)
            widths[i] += given
            room -= given
    return widths


def _fitting(listing: Listing[Any], needs: list[int], width: int) -> list[int]:
    """The positions of the columns that fit `width` whole, the least needed left out first."""
    names = [column.name for column in listing.columns]
    rank = sorted(
        range(len(names)),
        key=lambda i: (names[i] not in _KEEP_FIRST, names[i] != "id", i),
    )
    kept = list(rank)
    while len(kept) > 1 and sum(needs[i] for i in kept) + _GAP * (len(kept) - 1) > width:
        kept.pop()
    return sorted(kept)


def _draw(listing: Listing[Any], terminal: Terminal) -> int:
    """A table at the terminal's width: the columns that fit whole, no word, id or email split
    (what is too long for the whole width ends in an ellipsis), and a line saying which columns
    were left out; below STACKED_BELOW columns, a block of lines a record."""
    from rich import box
    from rich.table import Table

    rows = _cells(listing, terminal)
    console = terminal.console()
    if not rows:
        console.print(f"No {listing.noun} match.", style="dim")
        return 0
    width = console.width
    if width < STACKED_BELOW:
        _stack(listing, rows, terminal)
        return len(rows)
    needs, natural = _widths(listing, rows)
    kept = _fitting(listing, needs, width)
    widths = _shared(kept, needs, natural, width)
    left_out = [column.header for i, column in enumerate(listing.columns) if i not in kept]
    caption = listing.caption
    if left_out:
        note = (
            f"{', '.join(left_out)} left out to fit {width} columns: a wider window shows "
            "more, or choose with --columns"
        )
        caption = f"{caption}\n{note}" if caption else note
    table = Table(
        box=box.SIMPLE_HEAD,
        caption=caption,
        caption_justify="left",
        header_style="bold",
        pad_edge=False,
        show_edge=False,
    )
    for i in kept:
        column = listing.columns[i]
        table.add_column(
            column.header,
            no_wrap=column.no_wrap,
            # At least as wide as its longest word or id, so that words wrap whole; only what
            # is wider than the whole terminal is cut, with an ellipsis.
            overflow="ellipsis",
            width=min(widths[i], width),
        )
    for row in rows:
        table.add_row(*(row[i] for i in kept))
    console.print(table)
    return len(rows)


def _stack(listing: Listing[Any], rows: list[list[Text]], terminal: Terminal) -> None:
    """Each record as lines of "Header: value", the value wrapped at words and indented, a
    blank line between records: for a terminal too narrow for a table."""
    from rich.text import Text

    console = terminal.console()
    for number, row in enumerate(rows):
        if number:
            console.print()
        for column, cell in zip(listing.columns, row, strict=True):
            if not cell.plain:
                continue
            line = Text.assemble((f"{column.header}: ", "bold"), cell)
            if column.no_wrap:  # an id or a date on its one line, an ellipsis if it is too long
                console.print(line, no_wrap=True, overflow="ellipsis")
                continue
            for text in _hanging(line, console):
                console.print(text, no_wrap=True, overflow="ellipsis")
    if listing.caption:
        console.print(listing.caption, style="dim")


HANGING = "  "  # the indent of a value's further lines, under its header


def _hanging(line: Text, console: Console) -> list[Text]:
    """`line` wrapped at words to the console's width, its further lines indented under the
    first (a word longer than a line ends in an ellipsis rather than being split)."""
    from rich.text import Text

    width = console.width
    first = line.wrap(console, width, overflow="ellipsis", no_wrap=False)[0]
    rest = line[len(first.plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
    if not rest.plain or width <= len(HANGING) + 1:
        return [first] if not rest.plain else [first, rest]
    further = rest.wrap(console, width - len(HANGING), overflow="ellipsis")
    return [first, *(Text(HANGING) + text for text in further)]
