"""The index answers as the plain reading of the rules does, and is a cache that is never wrong."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.core.query import ListQuery
from talenthub_cli.storage import index as index_module
from talenthub_cli.storage import loader
from talenthub_cli.storage.index import PLAIN_COLUMNS, index_file, open_index
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import write_catalogue
from tests.oracle import select
from tests.strategies import catalogues, queries, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_index_gives_the_same_materials_in_the_same_order_as_a_plain_scan(
    data: st.DataObject,
) -> None:
    catalogue: Catalogue = data.draw(catalogues())
    with tempfile.TemporaryDirectory() as folder:
        path = write_toml(catalogue, Path(folder) / "catalogue.toml")
        assert load_catalogue(path) == catalogue  # the TOML round trip loses nothing
        index = open_index(path, Path(folder) / "cache")
        for _ in range(5):
            query: ListQuery = data.draw(queries(catalogue))
            assert index.select(query) == select(catalogue, query)


def _materials(count: int) -> list[str]:
    return [
        f'id = "m{n}"\ntitle = "Material {n}"\ntype = "report"\ndate = "2024-0{n % 9 + 1}"'
        for n in range(count)
    ]


def test_a_current_index_is_used_without_reading_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    assert open_index(path, tmp_path / "cache").count() == 3

    def refuse(*args: object) -> Catalogue:
        raise AssertionError("the catalogue was read again")

    monkeypatch.setattr(loader, "load_checked", refuse)
    assert open_index(path, tmp_path / "cache").count() == 3


def test_a_changed_catalogue_is_read_again(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    assert open_index(path, tmp_path / "cache").count() == 3
    write_catalogue(path, _materials(4))
    assert open_index(path, tmp_path / "cache").count() == 4


def test_a_same_size_edit_with_a_new_mtime_is_read_again(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    index = open_index(path, tmp_path / "cache")
    assert next(m.title for m in index.select(ListQuery())) == "Material 2"
    path.write_text(path.read_text().replace("Material 2", "Material X"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert (
        next(m.title for m in open_index(path, tmp_path / "cache").select(ListQuery()))
        == "Material X"
    )


def test_a_corrupt_index_is_rebuilt_silently(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(2))
    open_index(path, tmp_path / "cache")
    stored = index_file(tmp_path / "cache", path.resolve())
    stored.write_bytes(b"this is not a database" * 100)
    assert open_index(path, tmp_path / "cache").count() == 2
    assert stored.read_bytes().startswith(b"SQLite format 3")


def test_an_unwritable_cache_still_answers(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(2))
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    assert open_index(path, blocked).count() == 2


def test_an_invalid_catalogue_is_never_indexed(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", ['id = "a"\ntitle = "A"\ntype = "memo"'])
    with pytest.raises(Exception, match="'memo' is not one of the known values"):
        open_index(path, tmp_path / "cache")
    assert not index_file(tmp_path / "cache", path.resolve()).exists()


def test_an_interrupted_build_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(2))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(index_module, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_index(path, tmp_path / "cache")
    assert list((tmp_path / "cache" / "index").iterdir()) == []


def test_temporary_files_left_by_a_killed_build_are_swept(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(2))
    folder = index_file(tmp_path / "cache", path.resolve()).parent
    folder.mkdir(parents=True)
    stem = index_file(tmp_path / "cache", path.resolve()).stem
    old, young = folder / f"{stem}.111.tmp", folder / f"{stem}.222.tmp"
    old.write_bytes(b"half an index")
    young.write_bytes(b"a build under way")
    os.utime(old, (0, 0))
    assert open_index(path, tmp_path / "cache").count() == 2
    assert not old.exists()
    assert young.exists()


def _parts(cache: Path, path: Path) -> set[str]:
    stored = sqlite3.connect(index_file(cache, path.resolve()))
    try:
        return {name for (name,) in stored.execute("SELECT name FROM parts")}
    finally:
        stored.close()


def test_a_listing_does_not_build_the_full_text_index_and_a_search_builds_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    cache = tmp_path / "cache"
    assert [m.id for m in open_index(path, cache).select(ListQuery())][:1] == ["m2"]
    assert _parts(cache, path) == set()
    assert open_index(path, cache).has_word_starting("materi")
    assert _parts(cache, path) == {"text"}

    def refuse(*args: object) -> None:
        raise AssertionError("the full-text index was built again")

    monkeypatch.setattr(index_module, "_fill_text", refuse)
    assert not open_index(path, cache).has_word_starting("nothing")


def test_a_part_is_built_in_memory_where_the_index_file_cannot_be_written(
    tmp_path: Path,
) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    cache = tmp_path / "cache"
    index = open_index(path, cache)
    index_file(cache, path.resolve()).unlink()  # the open index is read on; its file is gone
    assert index.has_word_starting("materi")
    assert index.words_near(1, 20, ["materi"]) == ["material"]
    assert not index_file(cache, path.resolve()).exists()


def test_the_kept_listing_is_read_from_the_columns_where_the_index_file_cannot_be_written(
    tmp_path: Path,
) -> None:
    """The lines of the whole listing only spare time: where they cannot be kept in the index's
    file, the listing is read from its columns, not from a copy of the index in memory."""
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    cache = tmp_path / "cache"
    index = open_index(path, cache)
    index_file(cache, path.resolve()).unlink()  # the open index is read on; its file is gone
    lines = list(index.plain_lines(ListQuery(), list(PLAIN_COLUMNS), "\x1f"))
    assert [line.split("\x1f")[0] for line in lines] == ["m2", "m1", "m0"]
    assert index._location is not None  # not copied into memory


def test_the_kept_listing_waits_for_no_other_run(tmp_path: Path) -> None:
    """While another run writes the index (a search building its full-text part), a listing
    reads its lines from the columns at once rather than waiting to keep them."""
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    cache = tmp_path / "cache"
    index = open_index(path, cache)
    other = sqlite3.connect(index_file(cache, path.resolve()), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        lines = list(index.plain_lines(ListQuery(), list(PLAIN_COLUMNS), "\x1f"))
        assert [line.split("\x1f")[0] for line in lines] == ["m2", "m1", "m0"]
    finally:
        other.close()
    assert _parts(cache, path) == set()


def test_the_kept_listing_is_the_listing_read_from_the_columns(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(5))
    cache = tmp_path / "cache"
    names = list(PLAIN_COLUMNS)
    for query in [ListQuery(), ListQuery(limit=2)]:
        kept = list(open_index(path, cache).plain_lines(query, names, "\x1f"))
        assert _parts(cache, path) == {"listing_1f"}
        rows = open_index(path, cache).select_plain(query, names)
        assert kept == ["\x1f".join(row) for row in rows]


def test_a_part_built_by_another_run_is_read_not_built_again(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    cache = tmp_path / "cache"
    first, second = open_index(path, cache), open_index(path, cache)
    assert first.has_word_starting("materi")
    assert second.words_near(1, 20, ["materi"]) == ["material"]
    assert _parts(cache, path) == {"text"}


def test_a_part_cut_short_leaves_nothing_and_is_built_whole_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talenthub_cli.core import search

    path = write_catalogue(tmp_path / "c.toml", _materials(3))
    cache = tmp_path / "cache"
    open_index(path, cache)
    original = search.texts

    def interrupted(*args: object) -> dict[str, str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(search, "texts", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_index(path, cache).has_word_starting("materi")
    stored = sqlite3.connect(index_file(cache, path.resolve()))
    tables = {name for (name,) in stored.execute("SELECT name FROM sqlite_master")}
    stored.close()
    assert "material_text" not in tables
    monkeypatch.setattr(search, "texts", original)
    assert open_index(path, cache).has_word_starting("materi")
    assert _parts(cache, path) == {"text"}


_TEXT = st.text(st.characters(exclude_categories=["Cs"]))
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _TEXT,
    lambda inner: st.lists(inner) | st.dictionaries(_TEXT, inner),
)


@settings(max_examples=300)
@given(_JSON)
def test_a_build_writes_the_json_that_a_change_and_the_lookups_write(value: object) -> None:
    # The lookups of an id find it in the records' text by the encoder that a change writes:
    # the build's faster one must write every record as it does.
    assert index_module._bulk_dumps()(value) == index_module._dumps(value)


_DATED = [
    ("open-end", "2024-05-01/.."),
    ("open-start", "../2023-02"),
    ("far-future", "Y5000000"),
    ("far-past", "Y-5000000"),
    ("beyond-32-bits", "Y170000002"),
    ("before-32-bits", "Y-170000002"),
    ("nov", "2023-11-09/2023-11-22"),
    ("may", "2024-05"),
    ("year", "2024"),
    ("decade", "2020/2029"),
    ("last-of-may", "2024-05-31"),  # starts on the last day of a period: in it
    ("new-year", "2023-01-01/2023-01-05"),
    ("undated", None),
]


@pytest.mark.parametrize(
    "window",
    [
        "2024-05",
        "2023",
        "2023-01-01",
        "2023-11-10",
        "Y5000000",
        "Y-5000000",
        "Y170000002",
        "Y-170000002",
    ],
)
@pytest.mark.parametrize("side", ["since", "until", "during"])
def test_a_period_listed_whole_is_the_listing_read_from_the_columns(
    tmp_path: Path, window: str, side: str
) -> None:
    """A listing or a search of a period alone is read from the kept days and lines
    (`_dated_lines`): the same lines, in the same order, as a walk of every material, open
    ends, undated materials and the furthest years included."""
    from talenthub_cli.core.dates import parse
    from talenthub_cli.core.query import MaterialFilter
    from talenthub_cli.core.search import Lookup, parse_query

    bodies = [
        f'id = "{key}"\ntitle = "{key}"\ntype = "report"' + (f'\ndate = "{date}"' if date else "")
        for key, date in _DATED
    ]
    path = write_catalogue(tmp_path / "c.toml", bodies)
    cache = tmp_path / "cache"
    names = list(PLAIN_COLUMNS)
    query = ListQuery(MaterialFilter({}, **{side: parse(window)}))
    kept = list(open_index(path, cache).plain_lines(query, names, "\x1f"))
    walked = ["\x1f".join(row) for row in open_index(path, cache).select_plain(query, names)]
    assert kept == walked
    text = {"since": f"date:{window}..", "until": f"date:..{window}", "during": f"date:{window}"}
    index = open_index(path, cache)
    tree = parse_query(text[side], Lookup(index.filter_names(), parse))
    for by_relevance in (True, False):
        found = list(index.search_lines(tree, ListQuery(), by_relevance, names, "\x1f"))
        assert found == walked
    assert "spans" in _parts(cache, path)  # read from the kept days


def test_an_index_held_in_memory_makes_no_part_that_only_spares_time(tmp_path: Path) -> None:
    """Where the cache cannot be written, the index is built in memory by every run: the parts
    that only spare a later run's time (the kept listing, the days, the types) are not made,
    and the answers are read from the rows."""
    from talenthub_cli.core.dates import parse
    from talenthub_cli.core.query import MaterialFilter
    from talenthub_cli.core.search import Lookup, parse_query

    path = write_catalogue(tmp_path / "c.toml", _materials(5))
    cache = tmp_path / "not-a-folder"
    cache.write_text("")
    index = open_index(path, cache)
    assert index._location is None
    names = list(PLAIN_COLUMNS)
    period = ListQuery(MaterialFilter({}, during=parse("2024-03/2024-04")))
    assert [line.split("\x1f")[0] for line in index.plain_lines(period, names, "\x1f")] == [
        "m3",
        "m2",
    ]
    tree = parse_query("type:report material", Lookup(index.filter_names(), parse))
    assert [m.id for m, _ in index.search(tree, ListQuery(), True)] == [
        "m4",
        "m3",
        "m2",
        "m1",
        "m0",
    ]
    kept = {name for (name,) in index._connection.execute("SELECT name FROM parts")}
    assert kept == {"text"}  # the full-text index, which a search needs
