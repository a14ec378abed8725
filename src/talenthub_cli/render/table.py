"""`--format table`: a Rich table on a terminal; piped, plain tab-separated lines for cut, sort
and grep, with no header, colour or box drawing (tabs and line breaks in values become spaces)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal

_SPACES = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def render(listing: Listing[Any], terminal: Terminal) -> int:
    """Draw the listing on a terminal, or write its lines; returns how many records."""
    if terminal.is_terminal:
        return _draw(listing, terminal)
    count = 0
    for count, item in enumerate(listing.items, 1):  # noqa: B007 (counted)
        line = "\t".join(column.value(item).translate(_SPACES) for column in listing.columns)
        terminal.out.write(line + "\n")
    return count


def _draw(listing: Listing[Any], terminal: Terminal) -> int:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from talenthub_cli.core.text import visible

    table = Table(
        box=box.SIMPLE_HEAD,
        caption=listing.caption,
        caption_justify="left",
        header_style="bold",
        pad_edge=False,
        show_edge=False,
    )
    for column in listing.columns:
        table.add_column(column.header, no_wrap=column.no_wrap, overflow="fold")
    count = 0
    for count, item in enumerate(listing.items, 1):  # noqa: B007 (counted)
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
        table.add_row(*cells)
    console = terminal.console()
    if count:
        console.print(table)
    else:
        console.print(f"No {listing.noun} match.", style="dim")
    return count
