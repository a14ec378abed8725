"""A listing read from the index's columns, or as lines the index joins, writes what the listing
of the materials writes."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.export.common import ExportOptions
from talenthub_cli.export.csv_export import write as write_csv
from talenthub_cli.render.plain import plain_names
from talenthub_cli.render.table import JOINED, render, write_joined
from talenthub_cli.render.terminal import Terminal
from talenthub_cli.render.views import material_columns, material_listing, plain_listing
from talenthub_cli.storage.index import PLAIN_COLUMNS, open_index
from tests.strategies import catalogues, queries, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue
    from talenthub_cli.render.listing import Listing


def _written(listing: Listing[Any]) -> tuple[str, str]:
    lines, csv = io.StringIO(), io.StringIO()
    render(listing, Terminal(lines, io.StringIO(), is_terminal=False, color=False))
    write_csv(listing, csv, ExportOptions())
    return lines.getvalue(), csv.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_plain_listing_writes_what_the_materials_listing_writes(data: st.DataObject) -> None:
    catalogue: Catalogue = data.draw(catalogues(awkward=data.draw(st.booleans())))
    columns = data.draw(
        st.one_of(
            st.none(),
            st.lists(st.sampled_from(list(PLAIN_COLUMNS)), min_size=1).map(",".join),
        )
    )
    names = plain_names(columns, PLAIN_COLUMNS)
    assert names is not None
    with tempfile.TemporaryDirectory() as folder:
        index = open_index(write_toml(catalogue, Path(folder) / "c.toml"), Path(folder) / "cache")
        query = data.draw(queries(catalogue))
        plain = plain_listing(index.select_plain(query, names), names)
        full = material_listing(
            index.select(query),
            columns=columns,
            contacts=index.contacts_by_id(),
            organisations=index.organisations_by_id(),
        )
        assert _written(plain) == _written(full)
        joined = io.StringIO()
        write_joined(index.plain_lines(query, names, JOINED), joined)
        assert joined.getvalue() == _written(full)[0]


def test_a_column_the_index_does_not_hold_is_read_from_the_materials() -> None:
    assert plain_names("id,summary", PLAIN_COLUMNS) is None
    assert plain_names(None, PLAIN_COLUMNS) == ["id", "date", "type", "title"]


def test_a_plain_listings_columns_are_the_material_listings() -> None:
    names = list(PLAIN_COLUMNS)
    plain = plain_listing([], names).columns
    full = {column.name: column for column in material_columns({}, {})}
    assert [(c.name, c.header, c.no_wrap) for c in plain] == [
        (full[n].name, full[n].header, full[n].no_wrap) for n in names
    ]
