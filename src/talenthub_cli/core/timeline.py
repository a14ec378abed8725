"""The timeline: events and dated materials in one chronological order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Event, Material, MaterialType


class EntryKind(StrEnum):
    EVENT = "event"
    MATERIAL = "material"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: Edtf
    kind: EntryKind
    id: str
    title: str
    type: MaterialType | None = None  # a material's type
    description: str | None = None  # an event's description, a material's summary
    location: str | None = None  # an event's place


def timeline(
    events: Iterable[Event],
    materials: Iterable[Material],
    window: tuple[int | None, int | None] | None = None,
) -> list[TimelineEntry]:
    """Every event and dated material (overlapping `window`, first..last days, if given), in date
    order: first day, then precision, coarse first. On the same date, events come first, then
    the materials in the order given (the sort is stable)."""
    entries = [
        TimelineEntry(e.date, EntryKind.EVENT, e.id, e.title, None, e.description, e.location)
        for e in events
    ]
    entries.extend(
        TimelineEntry(m.date, EntryKind.MATERIAL, m.id, m.title, m.type, m.summary)
        for m in materials
        if m.date is not None
    )
    if window is not None:
        entries = [entry for entry in entries if entry.date.overlaps(*window)]
    return sorted(entries, key=lambda entry: entry.date.sort_key())
