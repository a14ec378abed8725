"""`--format json` (one array) and `--format jsonl` (one object a line): the JSON contract."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal


def write_json(value: object, terminal: Terminal) -> None:
    """`value` as indented JSON, non-ASCII text as it is."""
    terminal.out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def render_json(listing: Listing[Any], terminal: Terminal) -> None:
    write_json([listing.record(item) for item in listing.items], terminal)


def render_jsonl(listing: Listing[Any], terminal: Terminal) -> None:
    terminal.out.writelines(
        json.dumps(listing.record(item), ensure_ascii=False) + "\n" for item in listing.items
    )
