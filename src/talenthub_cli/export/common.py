"""What every export works from: the selected materials with the catalogue's other records, and
the few rules several formats share (which events and contacts go with a selection, day numbers
as calendar dates, organisations' names)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from talenthub_cli.core.dates import Point, Precision, from_ordinal

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Contact, Event, Material, Organisation, Project


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The options of `export` that change how a format is written (CSV's, for now)."""

    delimiter: str = ","
    bom: bool = False  # --excel: a UTF-8 byte order mark, by which Excel knows the encoding
    guard_formulas: bool = True  # --raw turns it off

    @classmethod
    def given(cls, chosen_format: str, *, excel: bool, delimiter: str, raw: bool) -> ExportOptions:
        """The options as `export` was given them; UsageError for CSV's options given to another
        format, or a delimiter that cannot be one."""
        from talenthub_cli.core.errors import UsageError

        if chosen_format != "csv":
            given = [name for name, on in (("--excel", excel), ("--raw", raw)) if on]
            if delimiter != ",":
                given.append("--delimiter")
            if given:
                raise UsageError(f"{' and '.join(given)} apply to CSV only, not {chosen_format}")
        separator = "\t" if delimiter.lower() in ("tab", "\\t") else delimiter
        if len(separator) != 1 or separator in '"\r\n' or separator.isalnum():
            raise UsageError(
                f"--delimiter takes one character such as ',' or ';' (or 'tab'), not {delimiter!r}"
            )
        return cls(delimiter=separator, bom=excel, guard_formulas=not raw)


@dataclass(frozen=True, slots=True)
class Selection:
    """The materials chosen for an export, in order, and the records a format may need with them."""

    project: Project
    # A list, or a stream that reads them anew on each pass: a format that needs them more than
    # once, or their number first, takes `held()`.
    materials: Iterable[Material]
    organisations: Mapping[str, Organisation]  # every one in the catalogue, by id, in its order
    contacts: Mapping[str, Contact]  # every one in the catalogue, by id, in its order
    events: Sequence[Event]  # every event in the catalogue
    generated: datetime.datetime  # when the data was last revised (UTC): iCalendar's DTSTAMP
    restricted: bool = False  # a query, a filter other than dates, or --limit chose the materials
    window: tuple[int | None, int | None] | None = None  # the date filters' days, if any
    # The same materials' lines of a kind, kept by the index (its `lines`), made by the function
    # given the first time; None where the materials were not read from an index as they are.
    kept: Callable[[str, Callable[[Iterable[Material]], Iterable[str]]], Iterable[str]] | None = (
        None
    )

    def held(self) -> tuple[Selection, list[Material]]:
        """This selection with its materials read into a list, and the list."""
        materials = self.materials if isinstance(self.materials, list) else list(self.materials)
        return replace(self, materials=materials), materials

    @property
    def everything(self) -> bool:
        """Whether the whole catalogue was chosen: no query, no filter, no limit."""
        return not self.restricted and self.window is None

    def chosen_events(self) -> list[Event]:
        """The events that go with the selection: those within the date filters; and when the
        materials were chosen by more than dates, only the events of the chosen materials."""
        chosen = {material.id for material in self.materials} if self.restricted else set()
        return [
            event
            for event in self.events
            if (self.window is None or event.date.overlaps(*self.window))
            and (not self.restricted or any(m in chosen for m in event.materials))
        ]

    def chosen_contacts(self) -> list[Contact]:
        """Every contact of the catalogue, or when the materials were chosen by more than dates,
        the contacts of the chosen materials; in the catalogue's order."""
        if self.everything:
            return list(self.contacts.values())
        named = {contact for material in self.materials for contact in material.contacts}
        return [contact for key, contact in self.contacts.items() if key in named]

    def names(self, organisation_ids: Iterable[str]) -> list[str]:
        """Organisations' full names, as authors are cited."""
        return [
            self.organisations[key].name if key in self.organisations else key
            for key in organisation_ids
        ]

    def contact_label(self, contact_id: str) -> str:
        """ "Name <email>", as mail programs write an address; the name alone without one."""
        contact = self.contacts.get(contact_id)
        return contact_id if contact is None else contact.address

    def lineage(self, organisation_id: str) -> list[Organisation]:
        """An organisation and the ones it is part of, the outermost first: IOM, IOM Germany."""
        chain: list[Organisation] = []
        key: str | None = organisation_id
        while key is not None and key in self.organisations and len(chain) < 16:
            organisation = self.organisations[key]
            if organisation in chain:
                break  # a loop in the parents: the validator refuses it, but stay safe
            chain.append(organisation)
            key = organisation.parent
        return chain[::-1]


def calendar_day(day: int | None) -> tuple[int, int, int] | None:
    """A day number as (year, month, day), if it is a day of the years 1 to 9999 that calendars,
    spreadsheets and ISO dates without an expanded year can hold."""
    if day is None:
        return None
    year, month, day_of_month = from_ordinal(day)
    return (year, month, day_of_month) if 1 <= year <= 9999 else None


@lru_cache(maxsize=65536)  # a catalogue's dates repeat: 100,000 materials, a few thousand days
def iso_day(day: int | None) -> str:
    """A day number as YYYY-MM-DD, or "" where there is none."""
    found = calendar_day(day)
    return "" if found is None else "{:04d}-{:02d}-{:02d}".format(*found)


def first_point(date: Edtf) -> Point | None:
    """The date's start, or for an interval open at the start, its end."""
    for end in (date.start, date.end):
        if isinstance(end, Point):
            return end
    return None


def point_parts(point: Point) -> list[int] | None:
    """A date's year, month and day as far as it is known, or None for a decade or century."""
    if point.precision < Precision.YEAR:
        return None
    parts = [point.year]
    if point.month is not None:
        parts.append(point.month)
        if point.day is not None:
            parts.append(point.day)
    return parts


def plain(text: str) -> str:
    """Text on one line: every run of white space (line breaks too) as one space."""
    return " ".join(text.split())
