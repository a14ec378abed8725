"""`--format csv`: RFC 4180 (comma, CRLF line ends, quotes where needed, quotes doubled), UTF-8,
with a header row of column names."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal


def render(listing: Listing[Any], terminal: Terminal) -> None:
    writer = csv.writer(terminal.out, lineterminator="\r\n")
    writer.writerow(column.name for column in listing.columns)
    writer.writerows([column.value(item) for column in listing.columns] for item in listing.items)
