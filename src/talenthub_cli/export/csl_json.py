"""CSL-JSON (Citation Style Language 1.0.2 data), as Zotero, pandoc and citeproc read it: an array
of items, one per material.

`type` is the CSL item type of the material's type; organisations are authors as `literal` names;
`issued` holds date-parts (a range as two), `season` and `circa` (for approximate dates); a date
that date-parts cannot hold (a decade, an open interval, a range of seasons) goes as `literal`, in
words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from talenthub_cli.core.dates import Point, Qualifier, humanize
from talenthub_cli.core.text import counted
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES, Availability
from talenthub_cli.export.common import point_parts
from talenthub_cli.export.json_export import write_array

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Material
    from talenthub_cli.export.common import ExportOptions, Selection

_APPROXIMATE = (Qualifier.APPROXIMATE, Qualifier.UNCERTAIN_APPROXIMATE)


def issued(date: Edtf) -> dict[str, Any]:
    ends = [date.start] if date.end is None else [date.start, date.end]
    points = [end for end in ends if isinstance(end, Point)]
    parts = [point_parts(point) for point in points]
    seasons = [point.season for point in points if point.season is not None]
    representable = (
        len(points) == len(ends)
        and all(part is not None for part in parts)
        and (not seasons or len(points) == 1)
    )
    if not representable:
        return {"literal": humanize(date)}
    found: dict[str, Any] = {"date-parts": parts}
    if seasons:
        found["season"] = seasons[0] - 20
    if any(point.qualifier in _APPROXIMATE for point in points):
        found["circa"] = True
    return found


def item(material: Material, selection: Selection) -> dict[str, Any]:
    info = TYPES[material.type]
    found: dict[str, Any] = {"id": material.id, "type": info.csl, "title": material.title}
    names = selection.names(material.organisations)
    if names:
        found["author"] = [{"literal": name} for name in names]
    if material.date is not None:
        found["issued"] = issued(material.date)
    found["genre"] = info.label
    if material.summary:
        found["abstract"] = material.summary
    if material.topics:
        found["keyword"] = ", ".join(material.topics)
    if material.languages:
        found["language"] = material.languages[0]
    if material.url:
        found["URL"] = material.url
    notes = []
    if material.availability not in (None, Availability.PUBLISHED):
        notes.append(f"Availability: {AVAILABILITY_LABELS[material.availability]}")
    if material.responses is not None:
        notes.append(f"Responses: {material.responses}")
    if material.notes:
        notes.append(material.notes)
    if notes:
        found["note"] = "\n".join(notes)
    return found


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    count = write_array((item(material, selection) for material in selection.materials), out)
    return counted(count, "material")
