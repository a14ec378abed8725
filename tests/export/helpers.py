"""Building a selection from a catalogue object, and writing it in a format, without the CLI."""

from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING

from talenthub_cli.export.common import ExportOptions, Selection
from talenthub_cli.export.formats import Format, export_writer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from talenthub_cli.core.model import Catalogue, Material

STAMP = datetime.datetime(2024, 6, 1, 12, 30, tzinfo=datetime.UTC)


def selection_of(
    catalogue: Catalogue, materials: Sequence[Material] | None = None, *, restricted: bool = False
) -> Selection:
    return Selection(
        project=catalogue.project,
        materials=catalogue.materials if materials is None else materials,
        organisations={o.id: o for o in catalogue.organisations},
        contacts={c.id: c for c in catalogue.contacts},
        events=catalogue.events,
        generated=STAMP,
        restricted=restricted,
    )


def written(
    export_format: Format, selection: Selection, options: ExportOptions | None = None
) -> str:
    """What the format writes, line ends as written."""
    stream = io.StringIO(newline="")
    export_writer(export_format)(selection, stream, options or ExportOptions())
    return stream.getvalue()
