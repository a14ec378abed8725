"""Records: the catalogue's objects as plain dicts of JSON/TOML values, and back.

A record has the field names of the catalogue file, so the JSON contract, the index cache and the
TOML that exports write are one shape. `*_from_record` trusts its input (it was validated before
it was stored); reading a user's file goes through `validate`, which checks first and then builds
with these same functions.
"""

from __future__ import annotations

from dataclasses import Field, fields, is_dataclass
from enum import Enum
from operator import attrgetter
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

    from talenthub_cli.core.query import Names

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


def _kind(field: Field[Any]) -> str:
    """How a field of a record class is held: "date" (EDTF), "list", "enum", "integer" or
    "text"."""
    written = str(field.type)
    if written.startswith("Edtf"):
        return "date"
    if written.startswith("tuple["):
        return "list"
    if written.split(" ")[0] in ("MaterialType", "Availability"):
        return "enum"
    return "integer" if written.startswith("int") else "text"


MATERIAL_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(Material))
"""A material's fields in the catalogue's order: its record, the validator's schema, the CSV
columns and the forms of `add` all follow it."""

MATERIAL_COLUMNS: tuple[str, ...] = tuple(
    column
    for name in MATERIAL_FIELDS
    for column in ((name, "start", "end") if name == "date" else (name,))
)
"""The columns of a material in a table (CSV, a spreadsheet, `--columns`): its fields, with its
first and last day as calendar dates after its EDTF date."""

MATERIAL_KINDS: Mapping[str, str] = {field.name: _kind(field) for field in fields(Material)}
_TO_PLAIN: dict[str, Any] = {
    "date": lambda date: None if date is None else date.text,
    "list": list,
    "enum": lambda member: None if member is None else member.value,
}


MATERIAL_LIST_FIELDS = frozenset(n for n, kind in MATERIAL_KINDS.items() if kind == "list")


def new_record(given: Mapping[str, Any], names: Names) -> Record:
    """A new material's record, without its id, from what a person gave by field name: the type
    and availability by their value or label, contacts and organisations by id or name (turned
    to ids), in the catalogue's field order. UsageError for a name that names no record, or
    several. The catalogue's rules are checked when it is written."""
    from talenthub_cli.core.query import (
        match_contacts,
        match_organisations,
        one_id,
        read_availability,
        read_type,
    )

    record: Record = {}
    for name in MATERIAL_FIELDS:
        value = given.get(name)
        if name == "id" or value is None or value == []:
            continue
        if name == "type":
            (value,) = read_type(value, names)
        elif name == "availability":
            (value,) = read_availability(value, names)
        elif name == "contacts":
            value = [one_id("contact", v, match_contacts(v, names.contacts())) for v in value]
        elif name == "organisations":
            organisations = names.organisations()
            value = [
                one_id("organisation", v, match_organisations(v, organisations)) for v in value
            ]
        record[name] = value
    return record


_VALUES = attrgetter(*MATERIAL_FIELDS)
_TO_RECORD = tuple(_TO_PLAIN.get(kind) for kind in MATERIAL_KINDS.values())


def material_record(material: Material) -> Record:
    """A material's record: every field, with the date as EDTF text, enums as their values and
    lists as lists. Only a survey has a `responses` key: other materials do not carry it."""
    values = _VALUES(material)
    record: Record = dict(
        zip(
            MATERIAL_FIELDS,
            [
                v if convert is None else convert(v)
                for v, convert in zip(values, _TO_RECORD, strict=True)
            ],
            strict=True,
        )
    )
    if material.type is not MaterialType.SURVEY:
        del record["responses"]
    return record


def _date(value: object) -> Edtf | None:
    return parse(value) if isinstance(value, str) else None


def _ids(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(record.get(key) or ())


_TYPES = {kind.value: kind for kind in MaterialType}
_AVAILABILITY = {availability.value: availability for availability in Availability}


def _date_or_none(value: object) -> Edtf | None:
    return parse(value) if isinstance(value, str) else None


def _tuple(values: list[str] | None) -> tuple[str, ...]:
    return tuple(values) if values else ()


_ENUMS: dict[str, Any] = {
    "type": _TYPES.__getitem__,
    "availability": lambda value: _AVAILABILITY[value] if value else None,
}
_FROM_PLAIN: dict[str, Any] = {"date": _date_or_none, "list": _tuple}
# Each field of a material, in order, with what turns its record value into the object's.
_MATERIAL_PLAN = tuple(
    (name, _ENUMS[name] if kind == "enum" else _FROM_PLAIN.get(kind))
    for name, kind in MATERIAL_KINDS.items()
)


def material_from_record(record: Mapping[str, Any]) -> Material:
    get = record.get  # looked up once: this runs for every material listed
    values: list[Any] = [
        get(name) if convert is None else convert(get(name)) for name, convert in _MATERIAL_PLAN
    ]
    return Material(*values)


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
