"""`--format markdown`: a GitHub-flavoured Markdown table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal


def cell(text: str) -> str:
    """Text that stays inside one table cell: pipes escaped, line breaks as <br>."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.strip().splitlines()) if text else ""


def render(listing: Listing[Any], terminal: Terminal) -> None:
    headers = [column.header for column in listing.columns]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend(
        "| " + " | ".join(cell(column.shown(item)) for column in listing.columns) + " |"
        for item in listing.items
    )
    terminal.out.write("\n".join(lines) + "\n")
