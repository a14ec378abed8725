"""iCalendar (RFC 5545): the events and the dated materials as all-day events.

Each is a VEVENT with DTSTART and DTEND as dates, DTEND the day after the last (it is exclusive),
so a month-precision date spans its month; a stable UID (the same on every export, so a calendar
updates rather than duplicates); DTSTAMP the time the catalogue was last changed (or
SOURCE_DATE_EPOCH). A date with no first or last day (an open interval) cannot be an all-day event
and is left out, and said so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from talenthub_cli import __version__
from talenthub_cli.core.dates import humanize
from talenthub_cli.core.text import counted
from talenthub_cli.core.vocabulary import TYPES
from talenthub_cli.export.common import calendar_day
from talenthub_cli.export.contentline import escape, fold, stable_uid

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Event, Material
    from talenthub_cli.export.common import ExportOptions, Selection


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "event" or "material"
    id: str
    title: str
    date: Edtf
    description: str
    categories: tuple[str, ...]
    location: str | None = None
    url: str | None = None


def _material(material: Material, selection: Selection) -> Entry:
    assert material.date is not None
    lines = [f"{TYPES[material.type].label}, {humanize(material.date)}."]
    if material.summary:
        lines.append(material.summary)
    contacts = [selection.contact_label(key) for key in material.contacts]
    if contacts:
        lines.append("Contacts: " + ", ".join(contacts))
    if material.url:
        lines.append(material.url)
    return Entry(
        "material",
        material.id,
        material.title,
        material.date,
        "\n\n".join(lines),
        (TYPES[material.type].label, *material.topics),
        url=material.url,
    )


def _event(event: Event, selection: Selection) -> Entry:
    lines = [humanize(event.date) + (f", {event.location}" if event.location else "") + "."]
    if event.description:
        lines.append(event.description)
    chosen = {m.id: m for m in selection.materials}
    titles = [chosen[key].title for key in event.materials if key in chosen]
    if titles:
        lines.append("Materials: " + "; ".join(titles))
    return Entry(
        "event", event.id, event.title, event.date, "\n\n".join(lines), ("Event",), event.location
    )


def _day(day: tuple[int, int, int]) -> str:
    return "{:04d}{:02d}{:02d}".format(*day)


def vevent(entry: Entry, selection: Selection, stamp: str) -> list[str] | None:
    first = calendar_day(entry.date.first)
    after = calendar_day(None if entry.date.last is None else entry.date.last + 1)
    if first is None or after is None:
        return None
    lines = [
        "BEGIN:VEVENT",
        f"UID:{stable_uid('talenthub', selection.project.id, entry.kind, entry.id)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(first)}",
        f"DTEND;VALUE=DATE:{_day(after)}",
        f"SUMMARY:{escape(entry.title)}",
        f"DESCRIPTION:{escape(entry.description)}",
        "CATEGORIES:" + ",".join(escape(category) for category in entry.categories),
    ]
    if entry.location:
        lines.append(f"LOCATION:{escape(entry.location)}")
    if entry.url:
        lines.append(f"URL:{entry.url}")  # a URI value: not escaped as text
    lines.extend(["TRANSP:TRANSPARENT", "END:VEVENT"])
    return lines


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    selection, _ = selection.held()  # sorted together with the events
    stamp = selection.generated.strftime("%Y%m%dT%H%M%SZ")
    entries = [_event(event, selection) for event in selection.chosen_events()]
    entries.extend(_material(m, selection) for m in selection.materials if m.date is not None)
    entries.sort(key=lambda entry: entry.date.sort_key())
    name = escape(selection.project.title)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//talenthub//talenthub {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
    ]
    written = {"event": 0, "material": 0}
    left_out: list[str] = []
    for entry in entries:
        component = vevent(entry, selection, stamp)
        if component is None:
            left_out.append(f"{entry.id} ({entry.date.text})")
            continue
        lines.extend(component)
        written[entry.kind] += 1
    lines.append("END:VCALENDAR")
    out.write("".join(fold(line) for line in lines))
    said = f"{counted(written['event'], 'event')} and {counted(written['material'], 'material')}"
    undated = sum(1 for m in selection.materials if m.date is None)
    if undated:
        said += f" ({counted(undated, 'undated material')} left out)"
    if left_out:
        said += "; left out, with no first or last day: " + ", ".join(left_out)
    return said
