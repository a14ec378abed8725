"""Counts of materials: exact on the bundled catalogue, and what holds for any catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings

from talenthub_cli.core.dates import parse
from talenthub_cli.core.model import Material, MaterialType
from talenthub_cli.core.stats import MONTHS_SPAN, Row, Stats, material_stats
from talenthub_cli.core.text import fold
from talenthub_cli.storage.loader import load_catalogue
from talenthub_cli.storage.paths import bundled_catalogue
from tests.strategies import catalogues

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue


def stats_of(catalogue: Catalogue) -> Stats:
    return material_stats(
        catalogue.materials,
        {contact.id: contact for contact in catalogue.contacts},
        {organisation.id: organisation for organisation in catalogue.organisations},
    )


def bundled_stats() -> Stats:
    return stats_of(load_catalogue(bundled_catalogue()))


def rows(stats: Stats, name: str) -> list[tuple[str | None, str, int]]:
    group = stats.group(name)
    assert group is not None, f"no {name} group"
    return [(row.key, row.label, row.count) for row in group.rows]


def test_the_bundled_catalogue_counted() -> None:
    stats = bundled_stats()
    assert stats.total == 10
    assert [group.name for group in stats.groups] == [
        "type", "year", "month", "organisation", "contact", "availability",
    ]  # fmt: skip
    assert rows(stats, "type") == [
        ("brief", "Brief", 2),
        ("concept-note", "Concept note", 1),
        ("document", "Document", 2),
        ("guidebook", "Guidebook", 1),
        ("guidelines", "Guidelines", 1),
        ("report", "Report", 1),
        ("survey", "Survey", 2),
    ]
    assert rows(stats, "year") == [("2023", "2023", 3), ("2024", "2024", 6), (None, "Undated", 1)]
    assert rows(stats, "month") == [
        ("2023-06", "June 2023", 1),
        ("2023-11", "November 2023", 1),
        ("2023-12", "December 2023", 1),
        ("2024-02", "February 2024", 2),
        ("2024-05", "May 2024", 3),
        ("2024-07", "July 2024", 1),
        (None, "No month", 1),
    ]
    assert rows(stats, "organisation") == [
        ("iom-denmark", "IOM Denmark", 8),
        ("iom-germany", "IOM Germany", 8),
        ("iom", "IOM", 2),
    ]
    assert rows(stats, "contact") == [
        ("jana-grebe", "Jana Grebe", 2),
        ("rand-al-ani", "Rand Al-Ani", 2),
        (None, "No contact", 8),
    ]
    assert rows(stats, "availability") == [
        ("published", "Published", 7),
        ("on-request", "On request", 2),
        (None, "Unknown", 1),
    ]


def dated(
    *dates: str | None, organisations: tuple[str, ...] = (), contacts: tuple[str, ...] = ()
) -> list[Material]:
    return [
        Material(
            f"m{n}",
            "M",
            MaterialType.REPORT,
            None if date is None else parse(date),
            organisations=organisations,
            contacts=contacts,
        )
        for n, date in enumerate(dates)
    ]


@pytest.mark.parametrize(
    ("dates", "by_month"),
    [
        (["2023-01", "2024-12-31"], True),  # 23 months apart: under two years
        (["2023-01", "2025-01"], False),
        (["2023-01/2026-12", "2023-05"], True),  # counted where they start
        (["2024", "2025", "2024-05"], True),  # one month is known
        (["2024", "2025"], False),  # no month to count
        ([None], False),
    ],
)
def test_months_are_counted_when_they_span_under_two_years(
    dates: list[str | None], by_month: bool
) -> None:
    assert MONTHS_SPAN == 24
    stats = material_stats(dated(*dates), {}, {})
    assert (stats.group("month") is not None) is by_month


def test_years_and_months_count_the_start_and_what_is_too_coarse_counts_as_undated() -> None:
    stats = material_stats(
        dated("201X", "2024-21", "../2023-02-03", "-0044-03-15", "2024-05?/2025", None), {}, {}
    )
    assert rows(stats, "year") == [
        ("-0044", "45 BCE", 1),
        ("2023", "2023", 1),
        ("2024", "2024", 2),
        (None, "Undated", 2),
    ]
    assert stats.group("month") is None  # 45 BCE to 2024: far more than two years


def test_an_id_that_names_no_record_is_shown_as_it_is() -> None:
    materials = dated("2024", organisations=("unknown-org", "unknown-org"), contacts=("someone",))
    stats = material_stats(materials, {}, {})
    assert rows(stats, "organisation") == [("unknown-org", "unknown-org", 1)]  # named twice, one
    assert rows(stats, "contact") == [("someone", "someone", 1)]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)  # catalogues are slow to draw: one test checks all
@given(catalogues())
def test_counts_add_up_and_keep_their_order_for_any_catalogue(catalogue: Catalogue) -> None:
    stats = stats_of(catalogue)
    assert stats.total == len(catalogue.materials)
    each_material_counts_once_in_every_single_valued_group(stats)
    a_material_counts_once_under_each_name_or_once_under_none(stats, catalogue)
    rows_are_in_their_groups_order(stats)


def each_material_counts_once_in_every_single_valued_group(stats: Stats) -> None:
    for group in stats.groups:
        assert all(row.count > 0 for row in group.rows)
        if not group.several:
            assert sum(row.count for row in group.rows) == stats.total, group.name


def a_material_counts_once_under_each_name_or_once_under_none(
    stats: Stats, catalogue: Catalogue
) -> None:
    """Organisation and contact: the counts add up to the materials plus their further names,
    each row counts exactly the materials that name it, and none exceeds the total."""
    for name, named in (
        ("organisation", [m.organisations for m in catalogue.materials]),
        ("contact", [m.contacts for m in catalogue.materials]),
    ):
        group = stats.group(name)
        assert group is not None and group.several
        counts = {row.key: row.count for row in group.rows}
        assert sum(counts.values()) == sum(max(1, len(set(ids))) for ids in named)
        assert counts.get(None, 0) == sum(1 for ids in named if not ids)
        for key, count in counts.items():
            if key is not None:
                assert count == sum(1 for ids in named if key in ids) <= stats.total


def rows_are_in_their_groups_order(stats: Stats) -> None:
    types = [row.key for row in rows_of(stats, "type")]
    assert types == [kind.value for kind in MaterialType if kind.value in types]
    for name in ("year", "month"):
        found = rows_of(stats, name)
        starts = [parse(row.key).first for row in found if row.key is not None]
        assert starts == sorted(starts)  # type: ignore[type-var]
        assert None not in [row.key for row in found][: len(starts)]  # "undated" comes last
    for name in ("organisation", "contact"):
        named = [row for row in rows_of(stats, name) if row.key is not None]
        order = [(-row.count, fold(row.label)) for row in named]
        assert order == sorted(order)


def rows_of(stats: Stats, name: str) -> tuple[Row, ...]:
    group = stats.group(name)
    return () if group is None else group.rows
