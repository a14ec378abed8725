"""JSON (one array) and JSON Lines (one object a line): the JSON contract of SPEC.md, every field of
each record (or the columns chosen with --columns), for every command that lists records."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions
    from talenthub_cli.render.listing import Listing


def write_array(items: Iterable[object], out: TextIO) -> int:
    """An indented JSON array, as json.dumps(list(items), indent=2) writes it, an item at a
    time; returns how many items there were."""
    count = 0
    out.write("[")
    for count, item in enumerate(items, 1):
        text = json.dumps(item, ensure_ascii=False, indent=2)
        out.write((",\n  " if count > 1 else "\n  ") + text.replace("\n", "\n  "))
    out.write("\n]\n" if count else "]\n")
    return count


def write_json(listing: Listing[Any], out: TextIO, options: ExportOptions) -> int:
    """An array of the records' objects: `[]` when there are none, as scripts expect."""
    return write_array((listing.json(item) for item in listing.items), out)


def write_jsonl(listing: Listing[Any], out: TextIO, options: ExportOptions) -> int:
    """One object a line: nothing at all when there are none."""
    count = 0
    for count, item in enumerate(listing.items, 1):  # noqa: B007 (counted)
        out.write(json.dumps(listing.json(item), ensure_ascii=False) + "\n")
    return count
