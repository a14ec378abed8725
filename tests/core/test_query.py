"""The rules of a listing, read directly over a catalogue (the reference the index must match)."""

from __future__ import annotations

import pytest
from hypothesis import given

from talenthub_cli.core.dates import parse
from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.model import Catalogue, Material, MaterialType, Organisation, Project
from talenthub_cli.core.query import (
    ListQuery,
    MaterialFilter,
    Names,
    SortKey,
    date_window,
    resolve_filter,
)
from tests.oracle import select
from tests.strategies import catalogues


def test_date_window_combines_since_until_and_during() -> None:
    assert date_window(MaterialFilter()) is None
    window = date_window(
        MaterialFilter(since=parse("2024-03"), until=parse("2024"), during=parse("2024-02/2024-06"))
    )
    assert window == (parse("2024-03").first, parse("2024-06").last)
    assert date_window(MaterialFilter(until=parse("../2024"))) == (None, parse("2024").last)


def _catalogue(*dates: str | None) -> Catalogue:
    materials = tuple(
        Material(f"m{n}", f"M{n}", MaterialType.REPORT, None if d is None else parse(d))
        for n, d in enumerate(dates)
    )
    return Catalogue(1, Project("p", "P"), materials=materials)


def test_date_filters_match_by_overlap_and_leave_out_undated() -> None:
    catalogue = _catalogue("2023-11-09/2023-11-22", "2024-05", None, "2024-05-31/..", "../2023")

    def ids(**dates: str) -> list[str]:
        wanted = MaterialFilter(**{key: parse(value) for key, value in dates.items()})  # type: ignore[arg-type]
        return [m.id for m in select(catalogue, ListQuery(wanted, reverse=True))]

    assert ids(during="2023-11-15") == ["m4", "m0"]
    assert ids(since="2024-05") == ["m1", "m3"]
    assert ids(until="2023-12") == ["m4", "m0"]
    assert ids(since="2025") == ["m3"]  # open to the end: it runs on
    assert [m.id for m in select(catalogue, ListQuery())] == ["m3", "m1", "m0", "m4", "m2"]


def test_an_organisation_takes_in_its_parts() -> None:
    organisations = (
        Organisation("iom", "International Organization for Migration", "IOM"),
        Organisation("iom-germany", "IOM Germany", parent="iom"),
        Organisation("iom-berlin", "IOM Berlin", parent="iom-germany"),
        Organisation("copcap", "Copenhagen Capacity", "CopCap"),
    )
    resolved = resolve_filter(
        MaterialFilter({"organisation": ("iom",)}), Names.of((), organisations)
    )
    assert [keys for _, keys in resolved.keys] == [frozenset({"iom", "iom-germany", "iom-berlin"})]
    resolved = resolve_filter(
        MaterialFilter({"organisation": ("copenhagen capacity",)}), Names.of((), organisations)
    )
    assert [keys for _, keys in resolved.keys] == [frozenset({"copcap"})]
    with pytest.raises(UsageError, match=r"no organisation matches 'IMO'\. Did you mean 'IOM'\?"):
        resolve_filter(MaterialFilter({"organisation": ("IMO",)}), Names.of((), organisations))


def test_a_language_finds_its_regional_variants() -> None:
    materials = tuple(
        Material(f"m{n}", "M", MaterialType.REPORT, languages=languages)
        for n, languages in enumerate([("en",), ("en-GB",), ("de",), ()])
    )
    catalogue = Catalogue(1, Project("p", "P"), materials=materials)
    found = select(catalogue, ListQuery(MaterialFilter({"language": ("EN",)}), SortKey.TITLE))
    assert [m.id for m in found] == ["m0", "m1"]


@pytest.mark.slow
@given(catalogues())
def test_every_material_is_listed_once_in_each_order(catalogue: Catalogue) -> None:
    for sort in SortKey:
        for reverse in (False, True):
            listed = select(catalogue, ListQuery(sort=sort, reverse=reverse))
            assert sorted(m.id for m in listed) == sorted(m.id for m in catalogue.materials)
