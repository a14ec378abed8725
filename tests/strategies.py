"""Hypothesis strategies: EDTF strings, materials, whole catalogues, and list queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import tomli_w
from hypothesis import strategies as st

from talenthub_cli.core.dates import days_in_month, from_ordinal, parse
from talenthub_cli.core.model import (
    Availability,
    Catalogue,
    Contact,
    Material,
    MaterialType,
    Organisation,
    Project,
)
from talenthub_cli.core.query import FACETS, ListQuery, MaterialFilter, SortKey
from talenthub_cli.core.records import to_record

if TYPE_CHECKING:
    from pathlib import Path


@st.composite
def edtf_points(draw: st.DrawFn, *, seasons: bool = True, unspecified: bool = True) -> str:
    """One EDTF date (not an interval) of any level 0/1 form the parser accepts."""
    year = draw(st.integers(1000, 2999))
    shapes = ["year", "month", "day"]
    shapes += ["decade", "century", "xmonth", "xday"] if unspecified else []
    shapes += ["season"] if seasons else []
    shape = draw(st.sampled_from(shapes))
    qualifier = draw(st.sampled_from(["", "", "?", "~", "%"]))
    if shape == "decade":
        return f"{year // 10:03d}X{qualifier}"
    if shape == "century":
        return f"{year // 100:02d}XX{qualifier}"
    if shape == "season":
        return f"{year:04d}-{draw(st.integers(21, 24))}"  # the standard qualifies no season
    if shape == "year":
        return f"{year:04d}{qualifier}"
    if shape == "xmonth":
        return f"{year:04d}-XX{qualifier}"
    month = draw(st.integers(1, 12))
    if shape == "month":
        return f"{year:04d}-{month:02d}{qualifier}"
    if shape == "xday":
        return f"{year:04d}-{month:02d}-XX{qualifier}"
    day = draw(st.integers(1, days_in_month(year, month)))
    return f"{year:04d}-{month:02d}-{day:02d}{qualifier}"


@st.composite
def edtf_strings(draw: st.DrawFn, *, open_ends: bool = True, unspecified_ends: bool = True) -> str:
    """A valid EDTF date or interval (closed, or open with `..` where `open_ends`). Seasons are
    single dates only: the standard has none in intervals."""
    if draw(st.booleans()):
        return draw(edtf_points())
    start = draw(edtf_points(seasons=False, unspecified=unspecified_ends))
    end = draw(edtf_points(seasons=False, unspecified=unspecified_ends))
    if parse(start).first > parse(end).last:  # type: ignore[operator]
        start, end = end, start
    if open_ends:
        side = draw(st.sampled_from(["closed", "closed", "open-start", "open-end"]))
        if side == "open-start":
            return f"../{end}"
        if side == "open-end":
            return f"{start}/.."
    return f"{start}/{end}"


_WORDS = [
    "Talent",
    "retention",
    "Kobenhavn",
    "København",
    "Élan",
    "brief",
    "Survey",
    "zebra",
    "Åland",
]
# Dates that share first days, precisions or last days, so that every tie-break is exercised.
CLOSE_DATES = [
    "2024", "2024-05", "2024-05?", "2024-05-01", "2024-05-01/2024-05-20", "2024-05-01/2024-05-31",
    "2024-05/2024-06", "2024-05-01/..", "../2024-05", "2024~", "2023-11-09/2023-11-22",
]  # fmt: skip
TOPICS = ["remote work", "Remote Work", "digital nomadism", "retention", "Mobilität"]
LANGUAGES = ["en", "en-GB", "de", "da"]
ID_ALPHABET = "abcdefghij"


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{number}" for number in range(count)]


# Text that formats must escape: quotes, delimiters, line breaks, what spreadsheets run as
# formulas, LaTeX's and iCalendar's special characters, and letters beyond Latin.
_AWKWARD = "\",;\t\n\r=+-@'\\{}%&$#_~^|<>*[]:aZ ø水Ж🙂"
AWKWARD_TEXT = st.text(st.sampled_from(_AWKWARD), min_size=1, max_size=12).filter(
    lambda text: not text.isspace()
)
AWKWARD_TOPICS = st.text(
    st.sampled_from([c for c in _AWKWARD if c >= " "]), min_size=1, max_size=8
).filter(lambda text: not text.isspace())


@st.composite
def catalogues(draw: st.DrawFn, *, awkward: bool = False) -> Catalogue:
    """A valid catalogue: references resolve, ids are unique, dates are EDTF. With `awkward`,
    its texts are drawn from AWKWARD_TEXT."""
    organisation_ids = _ids("org", draw(st.integers(1, 4)))
    organisations = tuple(
        Organisation(
            id=identifier,
            name=draw(AWKWARD_TEXT)
            if awkward
            else f"Organisation {draw(st.sampled_from(_WORDS))} {position}",
            short_name=draw(st.sampled_from([None, f"O{position}"])),
            parent=draw(st.sampled_from([None, *organisation_ids[:position]])),
        )
        for position, identifier in enumerate(organisation_ids)
    )
    contact_ids = _ids("contact", draw(st.integers(1, 4)))
    contacts = tuple(
        Contact(
            id=identifier,
            name=draw(AWKWARD_TEXT)
            if awkward
            else f"{draw(st.sampled_from(_WORDS))} Person {position}",
            email=f"person{position}@example.org",
            organisation=draw(st.sampled_from(organisation_ids)),
            role=draw(AWKWARD_TEXT) if awkward else None,
        )
        for position, identifier in enumerate(contact_ids)
    )
    count = draw(st.integers(0, 25))
    material_ids = _ids("m", count)
    materials = tuple(
        _material(draw, identifier, material_ids, contact_ids, organisation_ids, awkward=awkward)
        for identifier in material_ids
    )
    return Catalogue(1, Project("p", "Project"), organisations, contacts, materials)


def _material(
    draw: st.DrawFn,
    identifier: str,
    material_ids: list[str],
    contact_ids: list[str],
    organisation_ids: list[str],
    *,
    awkward: bool = False,
) -> Material:
    kind = draw(st.sampled_from(list(MaterialType)))
    others = [other for other in material_ids if other != identifier]
    if awkward:
        texts = st.one_of(st.none(), AWKWARD_TEXT)
        return Material(
            id=identifier,
            title=draw(AWKWARD_TEXT),
            type=kind,
            date=draw(st.one_of(st.none(), edtf_strings().map(parse))),
            summary=draw(texts),
            topics=tuple(draw(st.lists(AWKWARD_TOPICS, max_size=3, unique=True))),
            languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True))),
            organisations=tuple(
                draw(st.lists(st.sampled_from(organisation_ids), max_size=2, unique=True))
            ),
            contacts=tuple(draw(st.lists(st.sampled_from(contact_ids), max_size=2, unique=True))),
            url=draw(st.sampled_from([None, "https://example.org/a?b=1,2;c=%20&d={e}"])),
            availability=draw(st.sampled_from([None, *Availability])),
            parts=tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True)))
            if others
            else (),
            responses=draw(st.integers(0, 500)) if kind is MaterialType.SURVEY else None,
            notes=draw(texts),
            source=draw(st.sampled_from([None, "https://example.org/source"])),
        )
    date = draw(st.one_of(st.none(), st.sampled_from(CLOSE_DATES), edtf_strings()))
    return Material(
        id=identifier,
        title=" ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))),
        type=kind,
        date=None if date is None else parse(date),
        summary=draw(st.sampled_from([None, "A summary."])),
        topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
        languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True))),
        organisations=tuple(
            draw(st.lists(st.sampled_from(organisation_ids), max_size=2, unique=True))
        ),
        contacts=tuple(draw(st.lists(st.sampled_from(contact_ids), max_size=2, unique=True))),
        availability=draw(st.sampled_from([None, *Availability])),
        related=tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True)))
        if others
        else (),
        responses=draw(st.integers(0, 500)) if kind is MaterialType.SURVEY else None,
    )


@st.composite
def queries(draw: st.DrawFn, catalogue: Catalogue) -> ListQuery:
    """A list query whose names all match something in `catalogue`."""
    contact_names = [name for c in catalogue.contacts for name in (c.id, c.name, c.email or "")]
    organisation_names = [
        name for o in catalogue.organisations for name in (o.id, o.name, o.short_name) if name
    ]
    # Days on which materials begin and end, so that the window's edges meet theirs exactly.
    edges = sorted(
        {
            "{:04d}-{:02d}-{:02d}".format(*from_ordinal(day))
            for material in catalogue.materials
            if material.date is not None
            for day in (material.date.first, material.date.last)
            if day is not None
        }
    )
    dates = st.one_of(
        st.none(),
        edtf_strings().map(parse),
        *([st.sampled_from(edges).map(parse)] if edges else []),
    )
    # At most two filters at once: with more, most queries match nothing and show nothing.
    facets: dict[str, Any] = {
        "type": lambda: tuple(
            draw(
                st.lists(
                    st.sampled_from([*MaterialType, "Brief", "Concept note"]),
                    min_size=1,
                    max_size=3,
                )
            )
        ),
        "topic": lambda: tuple(draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=2))),
        "contact": lambda: (draw(st.sampled_from(contact_names)),),
        "organisation": lambda: (draw(st.sampled_from(organisation_names)),),
        "language": lambda: (draw(st.sampled_from(["en", "de", "EN-gb"])),),
        "availability": lambda: tuple(
            draw(st.lists(st.sampled_from([*Availability, "On request"]), min_size=1, max_size=2))
        ),
    }
    assert set(facets) == {facet.name for facet in FACETS}, "a new facet needs a strategy here"
    names = draw(
        st.lists(st.sampled_from([*facets, "since", "until", "during"]), max_size=2, unique=True)
    )
    wanted = MaterialFilter(
        {name: facets[name]() for name in names if name in facets},
        **{name: draw(dates) for name in names if name not in facets},
    )
    return ListQuery(
        wanted,
        draw(st.sampled_from(list(SortKey))),
        draw(st.booleans()),
        draw(st.one_of(st.none(), st.integers(1, 10))),
    )


def _without_empty(record: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: a field that is not there is left out."""
    return {key: value for key, value in record.items() if value is not None and value != []}


def write_toml(catalogue: Catalogue, path: Path) -> Path:
    document: dict[str, Any] = {
        "schema": catalogue.schema,
        "project": _without_empty(to_record(catalogue.project)),
    }
    for kind, rows in (
        ("organisations", catalogue.organisations),
        ("contacts", catalogue.contacts),
        ("materials", catalogue.materials),
        ("events", catalogue.events),
    ):
        if rows:
            document[kind] = [_without_empty(to_record(row)) for row in rows]
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path
