"""JSON (one array) and JSON Lines (one object a line): the JSON contract of SPEC.md, every field of
each material, as `list --format json` prints it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from talenthub_cli.core.records import material_record
from talenthub_cli.core.text import counted

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions, Selection


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


def write_json(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    count = write_array((material_record(m) for m in selection.materials), out)
    return counted(count, "material")


def write_jsonl(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    count = 0
    for count, material in enumerate(selection.materials, 1):  # noqa: B007 (counted)
        out.write(json.dumps(material_record(material), ensure_ascii=False) + "\n")
    return counted(count, "material")
