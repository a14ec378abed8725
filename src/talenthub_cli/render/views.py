"""What each kind of record looks like in a listing: its columns and its JSON object."""

from __future__ import annotations

from enum import Enum
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.cells import join_items
from talenthub_cli.core.frozen import replace
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES
from talenthub_cli.render.listing import Column, Listing, choose_columns, joined
from talenthub_cli.render.plain import LISTED_COLUMNS

# The records, dates and the export's days are imported where they are used: a listing read
# from the index's columns (`plain_listing`) needs none of them.

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Contact, Material, Organisation
    from talenthub_cli.core.search import Hit, Phrase, Word
    from talenthub_cli.core.timeline import TimelineEntry


def _edtf(date: Edtf | None) -> str:
    return "" if date is None else date.text


def _human(date: Edtf | None) -> str:
    from talenthub_cli.core.dates import humanize

    return "" if date is None else humanize(date)


def _label(contacts: Mapping[str, Contact], contact_id: str) -> str:
    contact = contacts.get(contact_id)
    return contact_id if contact is None else contact.address


_HEADERS = {"id": "ID", "url": "URL"}  # the others: the name, capitalised
_WHOLE = frozenset({"id", "date", "start", "end"})  # kept on one line (no_wrap), as ids and dates


def _header(name: str) -> str:
    """The table's header of a material's column."""
    return _HEADERS.get(name) or name.replace("_", " ").capitalize()


def _field(name: str) -> Column[Material]:
    """A column of a material's field as it is: text, a number, EDTF, an enum's value, a list
    joined (`core.cells`). Its value is made by a function for the field's kind, as it runs for
    every cell of a listing or an export."""
    from talenthub_cli.core.records import MATERIAL_KINDS

    get = attrgetter(name)
    kind = MATERIAL_KINDS[name]
    value: Callable[[Material], str]
    if kind == "list":
        value = lambda m: join_items(get(m))  # noqa: E731
    elif kind == "date":
        value = lambda m: _edtf(get(m))  # noqa: E731
    elif kind == "enum":
        value = lambda m: "" if (member := get(m)) is None else member.value  # noqa: E731
    elif kind == "integer":
        value = lambda m: "" if (number := get(m)) is None else str(number)  # noqa: E731
    else:
        value = lambda m: get(m) or ""  # noqa: E731
    return Column(name, _header(name), value)


def material_columns(
    contacts: Mapping[str, Contact], organisations: Mapping[str, Organisation]
) -> list[Column[Material]]:
    """A column for each of `MATERIAL_COLUMNS`: a material's fields, with its first and last day
    after its date. Every listing and export of materials takes its columns from here."""
    from talenthub_cli.core.records import MATERIAL_COLUMNS

    def organisation_names(material: Material) -> str:
        return joined(
            [organisations[o].label if o in organisations else o for o in material.organisations]
        )

    special: dict[str, list[Column[Material]]] = {
        "id": [Column("id", _header("id"), lambda m: m.id, no_wrap=True)],
        "date": [
            Column(
                "date",
                _header("date"),
                lambda m: _edtf(m.date),
                lambda m: _human(m.date),
                no_wrap=True,
            )
        ],
        "start": [
            Column("start", _header("start"), lambda m: _day(m.date, first=True), no_wrap=True)
        ],
        "end": [Column("end", _header("end"), lambda m: _day(m.date, first=False), no_wrap=True)],
        "type": [
            Column("type", _header("type"), lambda m: m.type.value, lambda m: TYPES[m.type].label)
        ],
        "organisations": [
            Column(
                "organisations",
                _header("organisations"),
                lambda m: join_items(m.organisations),
                organisation_names,
                lambda m: list(m.organisations),
            )
        ],
        "contacts": [
            Column(
                "contacts",
                _header("contacts"),
                lambda m: join_items([_label(contacts, c) for c in m.contacts]),
                lambda m: joined([_label(contacts, c) for c in m.contacts]),
                lambda m: list(m.contacts),
            )
        ],
        "availability": [
            Column(
                "availability",
                _header("availability"),
                lambda m: m.availability.value if m.availability else "",
                lambda m: AVAILABILITY_LABELS[m.availability] if m.availability else "",
            )
        ],
        "url": [Column("url", _header("url"), lambda m: m.url or "")],
    }
    columns = [
        column for name in MATERIAL_COLUMNS for column in special.get(name) or [_field(name)]
    ]
    return [_with_data(column) for column in columns]


def _with_data(column: Column[Material]) -> Column[Material]:
    """The JSON value of a material's column: its record's value (a list, a number, null)."""
    from talenthub_cli.core.dates import Edtf

    if column.data is not None:
        return column
    if column.name in ("start", "end"):
        return replace(column, data=lambda m: column.value(m) or None)
    get = attrgetter(column.name)

    def data(material: Material) -> object:
        value = get(material)
        if isinstance(value, tuple):
            return list(value)
        if isinstance(value, Edtf):
            return value.text
        return value.value if isinstance(value, Enum) else value

    return replace(column, data=data)


def _day(date: Edtf | None, *, first: bool) -> str:
    """The first or last day as YYYY-MM-DD, so that a spreadsheet sorts and filters by it."""
    from talenthub_cli.export.common import iso_day

    if date is None:
        return ""
    return iso_day(date.first if first else date.last)


def material_listing(
    materials: Iterable[Material],
    *,
    columns: str | None,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
    caption: str | None = None,
    default: str = LISTED_COLUMNS,
) -> Listing[Material]:
    from talenthub_cli.core.records import material_record

    available = material_columns(contacts, organisations)
    return Listing(
        materials,
        choose_columns(available, columns, default),
        material_record,
        "materials",
        caption,
        narrowed=columns is not None,
    )


def plain_listing(
    rows: Sequence[tuple[str, ...]], names: Sequence[str]
) -> Listing[tuple[str, ...]]:
    """A listing of materials as rows of their columns' plain text (the columns `names`, from
    `plain_names`), for the formats that write plain text alone (lines when piped, CSV): the
    same columns as `material_listing`'s, read without building the materials."""
    columns: list[Column[tuple[str, ...]]] = [
        Column(name, _header(name), itemgetter(place), no_wrap=name in _WHOLE)
        for place, name in enumerate(names)
    ]
    return Listing(
        rows, columns, lambda row: dict(zip(names, row, strict=True)), "materials", narrowed=True
    )


def contact_listing(
    contacts: Sequence[Contact], organisations: Mapping[str, Organisation], columns: str | None
) -> Listing[Contact]:
    from talenthub_cli.core.records import to_record

    available = _contact_columns(organisations)
    chosen = choose_columns(available, columns, "id,name,email,organisation,role")
    return Listing(contacts, chosen, to_record, "contacts", narrowed=columns is not None)


def _contact_columns(organisations: Mapping[str, Organisation]) -> list[Column[Contact]]:
    def organisation(contact: Contact) -> str:
        known = organisations.get(contact.organisation or "")
        return known.label if known else contact.organisation or ""

    return [
        Column("id", "ID", lambda c: c.id, no_wrap=True),
        Column("name", "Name", lambda c: c.name),
        Column("email", "Email", lambda c: c.email or ""),
        Column("organisation", "Organisation", lambda c: c.organisation or "", organisation),
        Column("role", "Role", lambda c: c.role or ""),
        Column("source", "Source", lambda c: c.source or ""),
    ]


def organisation_listing(
    organisations: Sequence[Organisation], columns: str | None
) -> Listing[Organisation]:
    from talenthub_cli.core.records import to_record

    chosen = choose_columns(_organisation_columns(), columns, "id,short_name,name,parent")
    return Listing(organisations, chosen, to_record, "organisations", narrowed=columns is not None)


def _organisation_columns() -> list[Column[Organisation]]:
    return [
        Column("id", "ID", lambda o: o.id, no_wrap=True),
        Column("short_name", "Short name", lambda o: o.short_name or ""),
        Column("name", "Name", lambda o: o.name),
        Column("parent", "Part of", lambda o: o.parent or ""),
        Column("url", "URL", lambda o: o.url or ""),
        Column("description", "Description", lambda o: o.description or ""),
        Column("source", "Source", lambda o: o.source or ""),
    ]


def _timeline_record(entry: TimelineEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "title": entry.title,
        "date": entry.date.text,
        "kind": entry.kind.value,
        "type": entry.type.value if entry.type else None,
        "location": entry.location,
        "description": entry.description,
    }


def timeline_listing(
    entries: Sequence[TimelineEntry], columns: str | None
) -> Listing[TimelineEntry]:
    chosen = choose_columns(_timeline_columns(), columns, "date,kind,id,title")
    return Listing(entries, chosen, _timeline_record, "dated records", narrowed=columns is not None)


def _timeline_columns() -> list[Column[TimelineEntry]]:
    from talenthub_cli.core.dates import humanize

    return [
        Column("date", "Date", lambda e: e.date.text, lambda e: humanize(e.date), no_wrap=True),
        Column("kind", "Kind", lambda e: e.kind.value),
        Column("id", "ID", lambda e: e.id, no_wrap=True),
        Column("title", "Title", lambda e: e.title),
        Column(
            "type",
            "Type",
            lambda e: e.type.value if e.type else "",
            lambda e: TYPES[e.type].label if e.type else "",
        ),
        Column("location", "Location", lambda e: e.location or ""),
        Column("description", "Description", lambda e: e.description or ""),
    ]


def column_names(kind: str) -> list[str]:
    """The names `--columns` takes in a listing of `kind`: "materials", "contacts",
    "organisations" or "timeline"."""
    listings: dict[str, Callable[[], Sequence[Column[Any]]]] = {
        "materials": lambda: material_columns({}, {}),
        "contacts": lambda: _contact_columns({}),
        "organisations": _organisation_columns,
        "timeline": _timeline_columns,
    }
    return [column.name for column in listings[kind]()]


def _best_text(
    material: Material,
    terms: Sequence[Word | Phrase],
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
) -> str:
    """The text, after the title, of the heaviest field where a searched word is found."""
    from talenthub_cli.core.search import highlights

    names = [contacts[c].name for c in material.contacts if c in contacts]
    names += [organisations[o].name for o in material.organisations if o in organisations]
    for text in (", ".join(material.topics), material.summary or "", material.notes or "",
                 ", ".join(names)):  # fmt: skip
        if text and highlights(text, terms):
            return text
    return material.summary or ""


def search_listing(
    hits: Sequence[Hit],
    terms: Sequence[Word | Phrase],
    *,
    columns: str | None,
    on_terminal: bool,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
    caption: str | None = None,
) -> Listing[Hit]:
    """Search results: the columns of a material listing, plus `relevance` and `snippet`. On a
    terminal the searched words are highlighted, and a snippet shows where they were found."""
    from talenthub_cli.core.records import material_record
    from talenthub_cli.core.search import highlights, snippet

    def lifted(column: Column[Material]) -> Column[Hit]:
        spans = None
        if column.name == "title":
            spans = lambda hit: highlights(hit.material.title, terms)  # noqa: E731
        return Column(
            column.name,
            column.header,
            lambda hit: column.value(hit.material),
            lambda hit: column.shown(hit.material),
            lambda hit: column.json(hit.material),
            column.no_wrap,
            spans,
        )

    excerpts: dict[str, str] = {}

    def excerpt(hit: Hit) -> str:
        """Found once a material: the snippet's text and its highlights both ask for it."""
        key = hit.material.id
        if key not in excerpts:
            text = _best_text(hit.material, terms, contacts, organisations)
            excerpts[key] = snippet(text, terms)
        return excerpts[key]

    available = [lifted(column) for column in material_columns(contacts, organisations)]
    available += [
        Column(
            "relevance",
            "Relevance",
            lambda hit: f"{hit.relevance:.3f}",
            data=lambda hit: round(hit.relevance, 3),
            no_wrap=True,
        ),
        Column("snippet", "Found in", excerpt, spans=lambda hit: highlights(excerpt(hit), terms)),
    ]
    default = "id,date,title,snippet" if on_terminal else LISTED_COLUMNS
    chosen = choose_columns(available, columns, default)
    return Listing(
        hits,
        chosen,
        lambda hit: material_record(hit.material),
        "materials",
        caption,
        narrowed=columns is not None,
    )
