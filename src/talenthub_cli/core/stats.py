"""Counts of materials: by type, year, month, organisation, contact and availability.

Every group counts each material once, except organisation and contact, where a material counts
once under each organisation (contact) it names, and once under "none" if it names none: there
a group's counts add up to the materials plus their extra names, and no row exceeds the total.
A row whose key is None holds the materials that lack the value (no date, no availability…).

Which year or month a material counts in is that of its date's start (its end for an interval
open at the start): sorting goes by the start too. A date coarser than the group (a decade for
the years; a year or a season for the months) counts under None, with the undated materials.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from talenthub_cli.core.dates import MONTHS, Point, Precision
from talenthub_cli.core.text import fold
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES, Availability, MaterialType

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Contact, Material, Organisation

MONTHS_SPAN = 24  # months are counted when the months of the dated materials span fewer than this


@dataclass(frozen=True, slots=True)
class Row:
    key: str | None  # what the catalogue writes ("brief", "2024", "2024-05", an id); None: lacking
    label: str  # what people read ("Brief", "2024", "May 2024", "IOM", "Undated")
    count: int


@dataclass(frozen=True, slots=True)
class Group:
    name: str  # "type", "year", "month", "organisation", "contact", "availability"
    title: str  # "Type", "Year"…
    rows: tuple[Row, ...]  # no row counts 0
    several: bool = False  # a material can count in several rows (or in "none")


@dataclass(frozen=True, slots=True)
class Stats:
    total: int  # materials counted
    groups: tuple[Group, ...]

    def group(self, name: str) -> Group | None:
        return next((group for group in self.groups if group.name == name), None)


def material_stats(
    materials: Sequence[Material],
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
) -> Stats:
    """The counts of `materials`. Contacts and organisations give the names shown: a contact's
    name, an organisation's short name (or name); an id that names neither is shown as it is."""
    groups = [
        _by_type(materials),
        _chronological("year", "Year", [_year(m.date) for m in materials], "Undated"),
    ]
    months = [_month(m.date) for m in materials]
    known = [_month_number(month) for month in months if month is not None]
    if known and max(known) - min(known) < MONTHS_SPAN:
        groups.append(_chronological("month", "Month", months, "No month"))
    groups += [
        _by_name(
            "organisation",
            "Organisation",
            [m.organisations for m in materials],
            lambda key: organisations[key].label if key in organisations else key,
            "No organisation",
        ),
        _by_name(
            "contact",
            "Contact",
            [m.contacts for m in materials],
            lambda key: contacts[key].name if key in contacts else key,
            "No contact",
        ),
        _by_availability(materials),
    ]
    return Stats(len(materials), tuple(groups))


def _by_type(materials: Iterable[Material]) -> Group:
    counts = Counter(material.type for material in materials)
    rows = (Row(kind.value, TYPES[kind].label, counts[kind]) for kind in MaterialType)
    return Group("type", "Type", tuple(row for row in rows if row.count))


def _by_availability(materials: Iterable[Material]) -> Group:
    counts = Counter(material.availability for material in materials)
    rows = [Row(a.value, AVAILABILITY_LABELS[a], counts[a]) for a in Availability]
    rows.append(Row(None, "Unknown", counts[None]))
    return Group("availability", "Availability", tuple(row for row in rows if row.count))


def _start(date: Edtf | None) -> Point | None:
    """The point a material is counted at: its start, or for an open start its end."""
    if date is None:
        return None
    if isinstance(date.start, Point):
        return date.start
    return date.end if isinstance(date.end, Point) else None


def _year(date: Edtf | None) -> str | None:
    point = _start(date)
    if point is None or point.precision < Precision.YEAR:
        return None
    return f"{point.year:04d}" if point.year >= 0 else f"-{-point.year:04d}"


def _month(date: Edtf | None) -> str | None:
    point = _start(date)
    if point is None or point.month is None:
        return None
    return f"{_year(date)}-{point.month:02d}"


def _month_number(key: str) -> int:
    year, _, month = key.rpartition("-")
    return int(year) * 12 + int(month) - 1


def _chronological(name: str, title: str, keys: list[str | None], lacking: str) -> Group:
    """Rows in date order (keys "2024", "-0044", "2024-05"), then the materials without one."""
    counts = Counter(keys)
    dated = sorted((key for key in counts if key is not None), key=_date_order)
    rows = [Row(key, _date_label(key), counts[key]) for key in dated]
    if counts[None]:
        rows.append(Row(None, lacking, counts[None]))
    return Group(name, title, tuple(rows))


def _date_order(key: str) -> tuple[int, int]:
    negative = key.startswith("-")
    year, _, month = key.lstrip("-").partition("-")
    return (-int(year) if negative else int(year), int(month or 0))


def _date_label(key: str) -> str:
    """ "2024", "May 2024"; years before 1 as people write them ("45 BCE" for -0044)."""
    negative = key.startswith("-")
    year_text, _, month = key.lstrip("-").partition("-")
    year = -int(year_text) if negative else int(year_text)
    shown = str(year) if year > 0 else f"{1 - year} BCE"
    return f"{MONTHS[int(month) - 1]} {shown}" if month else shown


def _by_name(
    name: str,
    title: str,
    named: list[tuple[str, ...]],
    label: Callable[[str], str],
    lacking_label: str,
) -> Group:
    """Rows by count, most first, then by label (case and accents aside); then those that name
    none, as `lacking_label` ("No contact")."""
    counts = Counter(key for keys in named for key in dict.fromkeys(keys))
    rows = sorted(
        (Row(key, label(key), count) for key, count in counts.items()),
        key=lambda row: (-row.count, fold(row.label), row.label, row.key or ""),
    )
    lacking = sum(1 for keys in named if not keys)
    if lacking:
        rows.append(Row(None, lacking_label, lacking))
    return Group(name, title, tuple(rows), several=True)
