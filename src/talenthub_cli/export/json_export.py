"""JSON (one array) and JSON Lines (one object a line): the JSON contract of SPEC.md, every field of
each material, as `list --format json` prints it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from talenthub_cli.core.records import material_record
from talenthub_cli.export.common import counted

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions, Selection


def _count(selection: Selection) -> str:
    count = len(selection.materials)
    return counted(count, "material")


def write_json(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    records = [material_record(material) for material in selection.materials]
    out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return _count(selection)


def write_jsonl(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    out.writelines(
        json.dumps(material_record(material), ensure_ascii=False) + "\n"
        for material in selection.materials
    )
    return _count(selection)
