"""RIS, the tagged format that reference managers (Zotero, EndNote, Mendeley) import.

One record per material: `TY  - ` its type (`TypeInfo.ris`), then a tag a line, `ER  - ` at the
end, lines ending CRLF. Organisations are the authors (AU), topics are keywords (KW, one a line).
`PY` is the year and `DA` the date as YYYY/MM/DD/other, of the date's start: RIS has no intervals,
so the date as written (EDTF) is also kept in a note. Text is on one line, as RIS wants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.dates import SEASONS, Precision, humanize
from talenthub_cli.core.text import counted
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES, Availability
from talenthub_cli.export.common import first_point, plain

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Material
    from talenthub_cli.export.common import ExportOptions, Selection


def dates(date: Edtf) -> list[tuple[str, str]]:
    """PY and DA for a date: its start's year, month and day as far as they are known."""
    point = first_point(date)
    if point is None or point.precision < Precision.YEAR or not 0 <= point.year <= 9999:
        return []
    month = "" if point.month is None else f"{point.month:02d}"
    day = "" if point.day is None else f"{point.day:02d}"
    other = SEASONS[point.season] if point.season is not None else ""
    return [("PY", f"{point.year:04d}"), ("DA", f"{point.year:04d}/{month}/{day}/{other}")]


def tags(material: Material, selection: Selection) -> list[tuple[str, str]]:
    info = TYPES[material.type]
    found = [("TY", info.ris), ("ID", material.id), ("TI", plain(material.title))]
    found.extend(("AU", plain(name)) for name in selection.names(material.organisations))
    if material.date is not None:
        found.extend(dates(material.date))
    found.append(("M3", info.label))
    if material.summary:
        found.append(("AB", plain(material.summary)))
    found.extend(("KW", plain(topic)) for topic in material.topics)
    found.extend(("LA", language) for language in material.languages)
    if material.url:
        found.append(("UR", material.url))
    if material.date is not None:
        found.append(("N1", f"Date: {humanize(material.date)} (EDTF {material.date.text})"))
    if material.availability not in (None, Availability.PUBLISHED):
        found.append(("N1", f"Availability: {AVAILABILITY_LABELS[material.availability]}"))
    if material.responses is not None:
        found.append(("N1", f"Responses: {material.responses}"))
    if material.notes:
        found.append(("N1", plain(material.notes)))
    return found


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    count = 0
    for count, material in enumerate(selection.materials, 1):  # noqa: B007 (counted)
        out.writelines(f"{tag}  - {value}\r\n" for tag, value in tags(material, selection))
        out.write("ER  - \r\n\r\n")
    return counted(count, "record")
