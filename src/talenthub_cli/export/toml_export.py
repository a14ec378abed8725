"""TOML: a catalogue of its own that `talenthub` loads and `talenthub check` passes.

It holds the selected materials and every record they reference: the project, the contacts and
organisations they name (and the organisations those are part of), and the events that go with
the selection. A reference to a material that was not selected (a part, a related material, an
event's material) is left out, so that every reference resolves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from talenthub_cli import __version__
from talenthub_cli.core.model import SCHEMA_VERSION
from talenthub_cli.core.records import to_record
from talenthub_cli.core.text import counted

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.core.model import Contact, Event, Organisation
    from talenthub_cli.core.records import Record
    from talenthub_cli.export.common import ExportOptions, Selection


def _clean(value: Any) -> Any:
    """A record as TOML writes it: no empty fields (TOML has no null), nested records too."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items() if item not in (None, [], ())}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def _holds_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_holds_carriage_return(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_carriage_return(item) for item in value)
    return False


def referenced(selection: Selection) -> tuple[list[Event], list[Contact], list[Organisation]]:
    """The events that go with the selection, and the contacts and organisations it references:
    for the whole catalogue, every one, used or not; else those that the chosen materials and
    events name (and the organisations those contacts belong to, the project's implementers
    and partners, and the organisations each is part of)."""
    events = selection.chosen_events()
    if selection.everything:
        return events, list(selection.contacts.values()), list(selection.organisations.values())
    contact_ids = {c for m in selection.materials for c in m.contacts}
    contact_ids.update(c for event in events for c in event.contacts)
    contacts = [c for key, c in selection.contacts.items() if key in contact_ids]
    named = {o for m in selection.materials for o in m.organisations}
    named.update(o for event in events for o in event.organisations)
    named.update(c.organisation for c in contacts if c.organisation is not None)
    named.update(selection.project.implementers + selection.project.partners)
    wanted = {o.id for key in named for o in selection.lineage(key)}
    organisations = [o for key, o in selection.organisations.items() if key in wanted]
    return events, contacts, organisations


def sub_catalogue(selection: Selection) -> dict[str, Any]:
    """The selection as a catalogue's data, every reference resolving within it."""
    chosen = {material.id for material in selection.materials}
    events, contacts, organisations = referenced(selection)
    materials: list[Record] = []
    for material in selection.materials:
        record = to_record(material)
        record["parts"] = [key for key in material.parts if key in chosen]
        record["related"] = [key for key in material.related if key in chosen]
        materials.append(record)
    event_records: list[Record] = []
    for event in events:
        record = to_record(event)
        record["materials"] = [key for key in event.materials if key in chosen]
        event_records.append(record)

    project = selection.project
    data = {
        "schema": SCHEMA_VERSION,
        "project": to_record(project),
        "organisations": [to_record(o) for o in organisations],
        "contacts": [to_record(c) for c in contacts],
        "materials": materials,
        "events": event_records,
    }
    return {key: value for key, value in _clean(data).items() if value != []}


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    import tomli_w

    selection, materials = selection.held()  # the references of them all are needed first
    count = counted(len(materials), "material")
    out.write(
        f"# {count} of the catalogue of {selection.project.title}, with the records they\n"
        f"# reference, exported by talenthub {__version__}. Dates are EDTF.\n\n"
    )
    data = sub_catalogue(selection)
    # Long texts read best as multi-line strings, but a TOML reader may turn a CRLF in one into
    # LF: a text that holds a CR is written on one line, escaped, to come back as it was.
    multiline = not _holds_carriage_return(data)
    out.write(tomli_w.dumps(data, multiline_strings=multiline))
    return count
