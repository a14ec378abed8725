"""Writing a listing, or one value as JSON, to the terminal in the format the user chose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from talenthub_cli.export.formats import Format, listing_writer

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal


def print_listing(
    output_format: Format,
    listing: Listing[Any],
    terminal: Terminal,
    options: ExportOptions | None = None,
) -> int:
    """Write `listing` to stdout in one of `LISTING_FORMATS` (which a listing's --format
    offers); returns how many records were written."""
    if output_format is Format.TABLE:
        from talenthub_cli.render.table import render

        return render(listing, terminal)
    from talenthub_cli.export.common import ExportOptions

    return listing_writer(output_format)(listing, terminal.out, options or ExportOptions())


def print_json(value: object, terminal: Terminal) -> None:
    """`value` as indented JSON, non-ASCII text as it is."""
    import json

    terminal.out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# The most characters a write: at most PIPE_BUF (4096) bytes in UTF-8, which a pipe takes whole or
# refuses. A longer write is cut short where the reader goes away (`talenthub list | head`), and
# Python's unbuffered stdout (PYTHONUNBUFFERED, -u) then drops the rest without an error, where
# the command must end as a closed pipe ends it.
_PIECE = 1024


def write_text(out: TextIO, text: str) -> None:
    """Write much text (many lines at once, where a write a line costs more than making them)
    in pieces that a pipe takes whole."""
    write = out.write
    for start in range(0, len(text), _PIECE):
        write(text[start : start + _PIECE])


def write_stdout(fill: Callable[[TextIO], object], terminal: Terminal) -> None:
    """Write a file's text to stdout as it would go to a file: UTF-8, and line ends as the
    format writes them (CRLF in CSV, RIS and iCalendar)."""
    import contextlib

    stream = terminal.out
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.flush()
        stream.reconfigure(encoding="utf-8", newline="")  # type: ignore[attr-defined]
    fill(stream)
