"""Records: the catalogue's objects as plain dicts of JSON/TOML values, and back.

A record has the field names of the catalogue file, so the JSON contract, the index cache and the
TOML that exports write are one shape. `*_from_record` trusts its input (it was validated before
it was stored); reading a user's file goes through `validate`, which checks first and then builds
with these same functions.
"""

from __future__ import annotations

from enum import Enum
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.dates import Edtf, parse
from talenthub_cli.core.frozen import fields, is_record
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
    from collections.abc import Callable, Mapping

    from talenthub_cli.core.query import Names

Record = dict[str, Any]


def _plain(value: object) -> object:
    if isinstance(value, Edtf):
        return value.text
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if is_record(value):
        return to_record(value)
    return value


def to_record(obj: object) -> Record:
    """Every field of a record object, with dates as EDTF text, enums as their values, lists."""
    if isinstance(obj, Material):
        return material_record(obj)
    assert is_record(obj)
    return {name: _plain(getattr(obj, name)) for name in fields(type(obj))}


def _kind(written: str) -> str:
    """How a field of a record class is held, from its type as written: "date" (EDTF), "list",
    "enum", "integer" or "text"."""
    if written.startswith("Edtf"):
        return "date"
    if written.startswith("tuple["):
        return "list"
    if written.split(" ")[0] in ("MaterialType", "Availability"):
        return "enum"
    return "integer" if written.startswith("int") else "text"


def _kinds(cls: Any) -> dict[str, str]:
    return {name: _kind(written) for name, written in fields(cls).items()}


RECORD_CLASSES: Mapping[str, type] = {
    "organisations": Organisation,
    "contacts": Contact,
    "materials": Material,
    "events": Event,
}
"""The kinds of record a catalogue holds in arrays of tables, by the name of their array."""

FIELDS_OF: Mapping[str, tuple[str, ...]] = {
    kind: tuple(fields(cls)) for kind, cls in RECORD_CLASSES.items()
}
"""Each kind's fields in the catalogue's order, from its class: its record, the validator's
schema and the options and questions of `add` follow it."""

KINDS_OF: Mapping[str, Mapping[str, str]] = {
    kind: _kinds(cls) for kind, cls in RECORD_CLASSES.items()
}
"""How each field of each kind is held: "date", "list", "enum", "integer" or "text"."""

MATERIAL_FIELDS: tuple[str, ...] = FIELDS_OF["materials"]
"""A material's fields in the catalogue's order: its record, the validator's schema, the CSV
columns and the forms of `add` all follow it."""

MATERIAL_COLUMNS: tuple[str, ...] = tuple(
    column
    for name in MATERIAL_FIELDS
    for column in ((name, "start", "end") if name == "date" else (name,))
)
"""The columns of a material in a table (CSV, a spreadsheet, `--columns`): its fields, with its
first and last day as calendar dates after its EDTF date."""

MATERIAL_KINDS: Mapping[str, str] = KINDS_OF["materials"]
_TO_PLAIN: dict[str, Any] = {
    "date": lambda date: None if date is None else date.text,
    "list": list,
    "enum": lambda member: None if member is None else member.value,
}


MATERIAL_LIST_FIELDS = frozenset(n for n, kind in MATERIAL_KINDS.items() if kind == "list")


def new_record(given: Mapping[str, Any], names: Names, kind: str = "materials") -> Record:
    """A new record of `kind` ("materials", "contacts", ...), without its id, from what a person
    gave by field name: a material's type and availability by their value or label, contacts and
    organisations by id or name (turned to ids), in the catalogue's field order. UsageError for
    a name that names no record, or several. The catalogue's rules are checked when it is
    written."""
    from talenthub_cli.core.query import (
        match_contacts,
        match_organisations,
        one_id,
        read_availability,
        read_type,
    )
    from talenthub_cli.core.validate import SCHEMA

    def contact(value: str) -> str:
        return one_id("contact", value, match_contacts(value, names.contacts()))

    def organisation(value: str) -> str:
        return one_id("organisation", value, match_organisations(value, names.organisations()))

    by_name = {"contacts": contact, "organisations": organisation}
    record: Record = {}
    for name in FIELDS_OF[kind]:
        value = given.get(name)
        if name == "id" or value is None or value == []:
            continue
        if kind == "materials" and name == "type":
            (value,) = read_type(value, names)
        elif kind == "materials" and name == "availability":
            (value,) = read_availability(value, names)
        else:
            read = by_name.get(SCHEMA[kind][name].refers_to or "")
            if read is not None:
                value = [read(v) for v in value] if isinstance(value, list) else read(value)
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


def _from_record(cls: Any) -> Any:
    """The function that makes a `cls` from its record: each field, in order, through what
    turns its kind of value into the object's (dates parsed, lists as tuples)."""
    plan = tuple((name, _FROM_PLAIN.get(kind)) for name, kind in _kinds(cls).items())

    def build(record: Mapping[str, Any]) -> Any:
        get = record.get
        return cls(
            *[get(name) if convert is None else convert(get(name)) for name, convert in plan]
        )

    return build


organisation_from_record: Callable[[Mapping[str, Any]], Organisation] = _from_record(Organisation)
contact_from_record: Callable[[Mapping[str, Any]], Contact] = _from_record(Contact)
event_from_record: Callable[[Mapping[str, Any]], Event] = _from_record(Event)


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
