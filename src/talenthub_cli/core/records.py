"""Records: the catalogue's objects as plain dicts of JSON/TOML values, and back.

A record has the field names of the catalogue file, so the JSON contract, the index cache and the
TOML that exports write are one shape. `*_from_record` trusts its input (it was validated before
it was stored); reading a user's file goes through `validate`, which checks first and then builds
with these same functions.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.dates import Edtf, parse
from talenthub_cli.core.model import (
    Availability,
    Contact,
    Event,
    Material,
    MaterialType,
    Organisation,
    Project,
    ProjectTitle,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

Record = dict[str, Any]


def _plain(value: object) -> object:
    if isinstance(value, Edtf):
        return value.text
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return to_record(value)
    return value


def to_record(obj: object) -> Record:
    """Every field of a record object, with dates as EDTF text, enums as their values, lists."""
    if isinstance(obj, Material):
        return material_record(obj)
    assert is_dataclass(obj)
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}


def material_record(material: Material) -> Record:
    """A material's record, written out field by field: it runs for every material listed."""
    record: Record = {
        "id": material.id,
        "title": material.title,
        "type": material.type.value,
        "date": None if material.date is None else material.date.text,
        "summary": material.summary,
        "topics": list(material.topics),
        "languages": list(material.languages),
        "organisations": list(material.organisations),
        "contacts": list(material.contacts),
        "url": material.url,
        "availability": None if material.availability is None else material.availability.value,
        "parts": list(material.parts),
        "related": list(material.related),
    }
    if material.type is MaterialType.SURVEY:  # a survey's fact: other materials do not carry it
        record["responses"] = material.responses
    record["notes"] = material.notes
    record["source"] = material.source
    return record


def _date(value: object) -> Edtf | None:
    return parse(value) if isinstance(value, str) else None


def _ids(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(record.get(key) or ())


_TYPES = {kind.value: kind for kind in MaterialType}
_AVAILABILITY = {availability.value: availability for availability in Availability}


def material_from_record(record: Mapping[str, Any]) -> Material:
    get = record.get  # looked up once: this runs for every material listed
    date, availability = get("date"), get("availability")
    return Material(
        id=record["id"],
        title=record["title"],
        type=_TYPES[record["type"]],
        date=parse(date) if isinstance(date, str) else None,
        summary=get("summary"),
        topics=tuple(get("topics") or ()),
        languages=tuple(get("languages") or ()),
        organisations=tuple(get("organisations") or ()),
        contacts=tuple(get("contacts") or ()),
        url=get("url"),
        availability=_AVAILABILITY[availability] if availability else None,
        parts=tuple(get("parts") or ()),
        related=tuple(get("related") or ()),
        responses=get("responses"),
        notes=get("notes"),
        source=get("source"),
    )


def organisation_from_record(record: Mapping[str, Any]) -> Organisation:
    return Organisation(
        id=record["id"],
        name=record["name"],
        short_name=record.get("short_name"),
        description=record.get("description"),
        url=record.get("url"),
        parent=record.get("parent"),
        source=record.get("source"),
    )


def contact_from_record(record: Mapping[str, Any]) -> Contact:
    return Contact(
        id=record["id"],
        name=record["name"],
        email=record.get("email"),
        organisation=record.get("organisation"),
        role=record.get("role"),
        source=record.get("source"),
    )


def event_from_record(record: Mapping[str, Any]) -> Event:
    return Event(
        id=record["id"],
        title=record["title"],
        date=parse(record["date"]),
        description=record.get("description"),
        location=record.get("location"),
        materials=_ids(record, "materials"),
        organisations=_ids(record, "organisations"),
        contacts=_ids(record, "contacts"),
        source=record.get("source"),
    )


def project_from_record(record: Mapping[str, Any]) -> Project:
    return Project(
        id=record["id"],
        title=record["title"],
        short_title=record.get("short_title"),
        titles=tuple(
            ProjectTitle(text=title["text"], lang=title.get("lang"), source=title.get("source"))
            for title in record.get("titles") or ()
        ),
        period=_date(record.get("period")),
        summary=record.get("summary"),
        background=record.get("background"),
        funding=record.get("funding"),
        homepages=_ids(record, "homepages"),
        implementers=_ids(record, "implementers"),
        partners=_ids(record, "partners"),
        sources=_ids(record, "sources"),
    )
