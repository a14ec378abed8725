"""Search through the index finds exactly what the plain reading of the query finds."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.core.dates import parse
from talenthub_cli.core.query import ListQuery, MaterialFilter, Names
from talenthub_cli.core.search import Lookup, candidate, parse_query
from talenthub_cli.core.vocabulary import MaterialType, SortKey
from talenthub_cli.storage.index import open_index
from tests.conftest import write_catalogue
from tests.oracle import matches
from tests.strategies import _WORDS, CLOSE_DATES, LANGUAGES, TOPICS, catalogues, write_toml

if TYPE_CHECKING:
    from collections.abc import Callable

    from talenthub_cli.core.model import Catalogue
    from talenthub_cli.core.search import Node
    from talenthub_cli.storage.index import CatalogueIndex


def _atoms(catalogue: Catalogue) -> st.SearchStrategy[str]:
    words = [w.lower() for w in _WORDS] + ["person", "organisation", "summary", "report"]
    names = [c.name for c in catalogue.contacts] + [c.email or c.id for c in catalogue.contacts]
    organisations = [o.id for o in catalogue.organisations] + [
        o.short_name for o in catalogue.organisations if o.short_name
    ]
    return st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(lambda w: w[: max(1, len(w) // 2)]),  # a prefix
        st.tuples(st.sampled_from(words), st.sampled_from(words)).map(lambda p: f'"{p[0]} {p[1]}"'),
        st.sampled_from(list(MaterialType)).map(lambda t: f"type:{t.value}"),
        st.sampled_from(CLOSE_DATES).filter(lambda d: "/" not in d).map(lambda d: f"date:{d}"),
        st.sampled_from(["date:2024..", "date:..2023", "date:2023-11..2024-05"]),
        st.sampled_from(TOPICS).map(lambda t: f'topic:"{t}"'),
        st.sampled_from(LANGUAGES).map(lambda code: f"lang:{code}"),
        st.sampled_from(words).map(lambda w: f"title:{w}"),
        st.sampled_from(["id:m-1", "id:m-", "id:m-2"]),
        st.sampled_from(names).map(lambda n: f'contact:"{n}"'),
        st.sampled_from(organisations).map(lambda o: f'org:"{o}"'),
    )


@st.composite
def queries(draw: st.DrawFn, catalogue: Catalogue, depth: int = 2) -> str:
    atom = draw(_atoms(catalogue))
    if depth == 0:
        return atom
    shape = draw(st.sampled_from(["atom", "atom", "not", "and", "or", "group"]))
    if shape == "not":
        return "-" + draw(queries(catalogue, depth - 1))
    if shape == "and":
        return f"{atom} {draw(queries(catalogue, depth - 1))}"
    if shape == "or":
        return f"{atom} OR {draw(queries(catalogue, depth - 1))}"
    if shape == "group":
        return f"({draw(queries(catalogue, depth - 1))})"
    return atom


def _lookup(catalogue: Catalogue) -> Lookup:
    return Lookup(Names.of(catalogue.contacts, catalogue.organisations), parse)


def _plain(catalogue: Catalogue, tree: Node) -> set[str]:
    contacts = {c.id: c for c in catalogue.contacts}
    organisations = {o.id: o for o in catalogue.organisations}
    return {
        m.id for m in catalogue.materials if matches(tree, candidate(m, contacts, organisations))
    }


def _indexed(index: CatalogueIndex, tree: Node) -> set[str]:
    return {m.id for m, _ in index.search(tree, ListQuery(), by_relevance=True)}


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_index_finds_what_a_plain_reading_finds(data: st.DataObject) -> None:
    catalogue: Catalogue = data.draw(catalogues())
    with tempfile.TemporaryDirectory() as folder:
        index = open_index(write_toml(catalogue, Path(folder) / "c.toml"), Path(folder) / "cache")
        everything = {m.id for m in catalogue.materials}
        for _ in range(8):
            a = data.draw(queries(catalogue))
            b = data.draw(queries(catalogue))
            tree_a = parse_query(a, _lookup(catalogue))
            found_a = _indexed(index, tree_a)
            assert found_a == _plain(catalogue, tree_a), a
            assert found_a <= everything  # a search finds nothing a listing would not
            either = _indexed(index, parse_query(f"({a}) OR ({b})", _lookup(catalogue)))
            assert either >= found_a  # A OR B finds at least what A finds
            neither = _indexed(index, parse_query(f"({a}) -({a})", _lookup(catalogue)))
            assert neither == set()  # A -A finds nothing


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text("abcde", min_size=1, max_size=10), min_size=1, max_size=40, unique=True),
    st.text("abcde", min_size=1, max_size=10),
)
def test_the_index_suggests_the_word_a_scan_of_every_word_suggests(
    words: list[str], word: str
) -> None:
    from talenthub_cli.core.search import closest, edits_allowed, near_shape, nearest

    with tempfile.TemporaryDirectory() as folder:
        path = write_catalogue(
            Path(folder) / "c.toml", [f'id = "m"\ntitle = "{" ".join(words)}"\ntype = "report"']
        )
        index = open_index(path, Path(folder) / "cache")
        limit = edits_allowed(word)
        found = nearest(word, index.words_near(*near_shape(word, limit)), limit)
        assert found == closest(word, [*words, "report"])  # the type's label is a word too
        assert index.has_word_starting(word) == any(w.startswith(word) for w in [*words, "report"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.sampled_from(list(SortKey)),
    st.booleans(),
    st.booleans(),
    st.integers(0, 12),
    st.integers(1, 6),
)
def test_a_page_and_the_plain_columns_are_those_of_the_whole_search(
    data: st.DataObject, sort: SortKey, reverse: bool, by_relevance: bool, skip: int, limit: int
) -> None:
    """A page read with `skip` and a limit is that slice of the whole search (and of the whole
    listing), and the plain columns come in the same order as the materials they are read
    from."""
    catalogue: Catalogue = data.draw(catalogues())
    with tempfile.TemporaryDirectory() as folder:
        index = open_index(write_toml(catalogue, Path(folder) / "c.toml"), Path(folder) / "cache")
        tree = parse_query(data.draw(queries(catalogue)), _lookup(catalogue))
        whole = index.search(tree, ListQuery(sort=sort, reverse=reverse), by_relevance)
        paged = index.search(tree, ListQuery(sort=sort, reverse=reverse, limit=limit),
                             by_relevance, skip)  # fmt: skip
        assert paged == whole[skip : skip + limit]
        listing = index.select(ListQuery(sort=sort, reverse=reverse))
        a_page = index.select(ListQuery(sort=sort, reverse=reverse, limit=limit), skip)
        assert a_page == listing[skip : skip + limit]
        names = ["id", "date", "type", "title"]
        plain = index.search_plain(tree, ListQuery(sort=sort, reverse=reverse), by_relevance, names)
        dates = [m.date.text if m.date else "" for m, _ in whole]
        assert plain == [
            (m.id, d, m.type.value, m.title) for (m, _), d in zip(whole, dates, strict=True)
        ]
        joined = index.search_lines(tree, ListQuery(sort=sort, reverse=reverse), by_relevance,
                                    names, "\x1f")  # fmt: skip
        assert list(joined) == ["\x1f".join(row) for row in plain]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.booleans(),
    st.sampled_from([None, 1, 3]),
    st.integers(0, 4),
    st.sampled_from([None, 1, 2]),
    st.sampled_from([2, 1000]),
)
def test_a_query_of_words_alone_ranks_as_the_same_query_read_row_by_row(
    data: st.DataObject,
    reverse: bool,
    limit: int | None,
    skip: int,
    ranked_from: int | None,
    ranked_kept: int,
) -> None:
    """A query whose words alone choose (FTS5 finds and scores its matches; for a page of words
    that `ranked_from` materials hold, the best `ranked_kept` of them kept in order) finds and
    ranks as the same query does where a condition beside the words (an id that no material
    has, in an OR) makes every material be read and scored in turn: the same materials,
    scores, order, with or without a filter, page by page."""
    from talenthub_cli.storage import index as index_module

    catalogue: Catalogue = data.draw(catalogues())
    chosen = data.draw(st.sampled_from([MaterialFilter(), MaterialFilter({"type": ("report",)})]))
    query = ListQuery(chosen, reverse=reverse, limit=limit)
    kept_from = index_module.RANKED_FROM if ranked_from is None else ranked_from
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(index_module, "RANKED_FROM", kept_from),
        mock.patch.object(index_module, "RANKED_KEPT", ranked_kept),
    ):
        index = open_index(write_toml(catalogue, Path(folder) / "c.toml"), Path(folder) / "cache")
        for _ in range(4):
            text = data.draw(queries(catalogue))
            tree = parse_query(text, _lookup(catalogue))
            read_in_turn = parse_query(f"({text}) OR id:no-such-", _lookup(catalogue))
            found = index.search(tree, query, True, skip)
            assert found == index.search(read_in_turn, query, True, skip), text
            assert found == index.search(tree, query, True, skip), text  # kept, read again


def test_a_page_of_a_word_many_hold_is_read_from_its_kept_ranking(tmp_path: Path) -> None:
    """Where a word is held by enough materials for its ranking to be kept, a page of its
    search (alone, beside words excluded, or filtered; within the best kept or beyond them) is
    the same page as where it is scored anew: equal scores newest first, the excluded left
    out; and after a write, the new catalogue's."""
    from talenthub_cli.storage import index as index_module

    bodies = [
        f'id = "m{n}"\ntitle = "Nomad {words}"\ntype = "{kind}"\ndate = "20{10 + n % 7}"'
        for n, (words, kind) in enumerate(
            [("housing", "brief"), ("housing", "report"), ("survey", "brief")] * 4
        )
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)

    def pages(
        text: str, chosen: MaterialFilter, ranked_from: int, kept: int = 2000
    ) -> list[list[str]]:
        with (
            mock.patch.object(index_module, "RANKED_FROM", ranked_from),
            mock.patch.object(index_module, "RANKED_KEPT", kept),
        ):
            index = open_index(catalogue, tmp_path / f"cache-{ranked_from}-{kept}")
            tree = parse_query(text, Lookup(index.filter_names(), parse))
            return [
                [m.id for m, _ in index.search(tree, ListQuery(chosen, limit=4), True, skip)]
                for skip in (0, 4, 8)
            ]

    assert pages("nomad", MaterialFilter(), 5) == [
        ["m6", "m5", "m4", "m11"], ["m3", "m10", "m2", "m9"], ["m1", "m8", "m0", "m7"]
    ]  # fmt: skip
    for text in ("nomad", "nomad -survey", "nomad -title:housing", "nomad date:2013.."):
        for chosen in (MaterialFilter(), MaterialFilter({"type": ("brief",)})):
            scored_anew = pages(text, chosen, 10**6)
            assert pages(text, chosen, 5) == scored_anew, (text, chosen)
            assert pages(text, chosen, 5, kept=6) == scored_anew, (text, chosen)  # the best six
    assert pages("nomad -survey", MaterialFilter(), 5)[0] == ["m6", "m4", "m3", "m10"]
    write_catalogue(catalogue, [*bodies, 'id = "m12"\ntitle = "Nomad nomad"\ntype = "brief"'])
    assert pages("nomad", MaterialFilter(), 5)[0][0] == "m12"


def test_a_word_in_a_part_of_an_or_that_fails_still_scores(tmp_path: Path) -> None:
    """Every word looked for that a material holds adds to its score, even in a part of an OR
    that the material does not match (FTS5 would not count it there): the same scores as where
    every material is read and scored in turn."""
    bodies = [
        f'id = "m{n}"\ntitle = "{title}"\ntype = "report"'
        for n, title in enumerate(["alpha beta", "delta beta", "alpha gamma beta", "beta"])
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    index = open_index(catalogue, tmp_path / "cache")
    for text in ("(alpha delta) OR beta", "(alpha -gamma) OR beta", "beta OR (delta alpha)"):
        tree = parse_query(text, Lookup(index.filter_names(), parse))
        read_in_turn = parse_query(f"({text}) OR id:no-such-", Lookup(index.filter_names(), parse))
        found = index.search(tree, ListQuery(), True)
        assert found == index.search(read_in_turn, ListQuery(), True), text
        assert len(found) == 4


def _dropping_when_found(location: Path, prefix: str) -> Callable[[sqlite3.Connection, str], bool]:
    """`_has_part` as another run's write makes it race: a part named `prefix…` that is there is
    dropped by another connection (as a change of the catalogue drops it) once it was found."""
    from talenthub_cli.storage import index as index_module

    found = index_module._has_part

    def has_part(connection: sqlite3.Connection, name: str) -> bool:
        there = found(connection, name)
        if there and name.startswith(prefix):
            with closing(sqlite3.connect(location, isolation_level=None)) as writer:
                writer.execute(f'DROP TABLE "{name}"')
                writer.execute("DELETE FROM parts WHERE name = ?", (name,))
        return there

    return has_part


def test_a_ranking_dropped_by_another_run_after_it_was_found_is_scored_anew(
    tmp_path: Path,
) -> None:
    """A server finds a word's kept ranking, and a write in another run drops it before the
    page is read from it: the page is scored anew, the same page, not an error."""
    from talenthub_cli.storage import index as index_module

    bodies = [
        f'id = "m{n}"\ntitle = "Nomad {"nomad " * (n % 3)}"\ntype = "brief"' for n in range(9)
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with mock.patch.object(index_module, "RANKED_FROM", 2):
        index = open_index(catalogue, tmp_path / "cache")
        tree = parse_query("nomad", Lookup(index.filter_names(), parse))
        page = index.search(tree, ListQuery(limit=4), True)  # the ranking made and kept
        location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
        racing = _dropping_when_found(location, "ranked_")
        with mock.patch.object(index_module, "_has_part", racing):
            assert index.search(tree, ListQuery(limit=4), True) == page
        assert not [n for n in _parts(location) if n.startswith("ranked_")]  # it was dropped
        assert [m.id for m, _ in page] == ["m2", "m5", "m8", "m1"]


def test_a_kept_listing_dropped_by_another_run_after_it_was_found_is_read_from_the_rows(
    tmp_path: Path,
) -> None:
    from talenthub_cli.storage import index as index_module
    from talenthub_cli.storage.index import PLAIN_COLUMNS

    bodies = [f'id = "m{n}"\ntitle = "T{n}"\ntype = "brief"\ndate = "20{10 + n}"' for n in range(5)]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    index = open_index(catalogue, tmp_path / "cache")
    lines = list(index.plain_lines(ListQuery(), list(PLAIN_COLUMNS), "\t"))  # kept from now on
    location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
    assert "listing_9" in _parts(location)
    with mock.patch.object(index_module, "_has_part", _dropping_when_found(location, "listing_")):
        assert list(index.plain_lines(ListQuery(), list(PLAIN_COLUMNS), "\t")) == lines
    assert lines[0] == "m4\t2014\tbrief\tT4"


@pytest.mark.parametrize("dropped", ["spans", "listing_", "sifted"])
def test_a_part_of_days_or_types_dropped_by_another_run_after_it_was_found_is_read_from_the_rows(
    tmp_path: Path, dropped: str
) -> None:
    """A listing of a period and a search for words of a type find their kept parts, and a
    write in another run drops one before it is read: the same lines, not an error."""
    from talenthub_cli.core.query import MaterialFilter
    from talenthub_cli.storage import index as index_module
    from talenthub_cli.storage.index import PLAIN_COLUMNS

    bodies = [
        f'id = "m{n}"\ntitle = "T{n} nomad"\ntype = "{"brief" if n % 2 else "report"}"\n'
        f'date = "20{10 + n}"'
        for n in range(6)
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    index = open_index(catalogue, tmp_path / "cache")
    period = ListQuery(MaterialFilter({}, since=parse("2012")))
    tree = parse_query("type:brief nomad", Lookup(index.filter_names(), parse))

    def answers() -> tuple[list[str], list[str]]:
        lines = list(index.plain_lines(period, list(PLAIN_COLUMNS), "\t"))
        return lines, [m.id for m, _ in index.search(tree, ListQuery(), True)]

    kept = answers()  # the parts made and kept from now on
    location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
    assert {"spans", "listing_9", "sifted"} <= set(_parts(location))
    with mock.patch.object(index_module, "_has_part", _dropping_when_found(location, dropped)):
        assert answers() == kept
    assert not [name for name in _parts(location) if name.startswith(dropped)]  # it was dropped
    assert kept == (
        ["m5\t2015\tbrief\tT5 nomad", "m4\t2014\treport\tT4 nomad", "m3\t2013\tbrief\tT3 nomad",
         "m2\t2012\treport\tT2 nomad"],
        ["m5", "m3", "m1"],
    )  # fmt: skip


def test_the_oldest_rankings_are_dropped_for_new_ones_beyond_the_most_kept(
    tmp_path: Path,
) -> None:
    """At most RANKED_MOST rankings are kept: a new one drops the oldest made but those of the
    words most materials hold, and a search of the word dropped makes it again."""
    from talenthub_cli.storage import index as index_module

    words = ["alpha", "beta", "gamma"]
    bodies = [f'id = "m{n}"\ntitle = "{" ".join(words)} {n}"\ntype = "brief"' for n in range(4)]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with (
        mock.patch.object(index_module, "RANKED_FROM", 2),
        mock.patch.object(index_module, "RANKED_MOST", 2),
    ):
        index = open_index(catalogue, tmp_path / "cache")
        location = index_module.index_file(tmp_path / "cache", catalogue.resolve())

        def ask(word: str) -> list[str]:
            tree = parse_query(word, Lookup(index.filter_names(), parse))
            return [m.id for m, _ in index.search(tree, ListQuery(limit=3), True)]

        for word in words:
            assert ask(word) == ["m0", "m1", "m2"]
        # "alpha": of the words most held (RANKED_MOST // 2 of them, ties by the word), ranked
        # ahead by a server: kept, though the oldest.
        assert _ranked(location) == ['"alpha"*', '"gamma"*']
        assert ask("beta") == ["m0", "m1", "m2"]
        assert _ranked(location) == ['"alpha"*', '"beta"*']


def _parts(location: Path) -> list[str]:
    with closing(sqlite3.connect(location)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM parts ORDER BY rowid")]


def _ranked(location: Path) -> list[str]:
    """The FTS5 queries whose rankings the index at `location` keeps, oldest made first."""
    names = [name for name in _parts(location) if name.startswith("ranked_")]
    return [bytes.fromhex(name.removeprefix("ranked_")).decode() for name in names]


_TOGETHER = ["nomad", "housing", "remote", "skills", "nomadic"]


@st.composite
def _materials_of_few_words(draw: st.DrawFn) -> list[str]:
    """Materials' bodies whose titles and summaries repeat a few words, of many lengths and
    dates: many share a word, and many tie."""
    text = st.lists(st.sampled_from(_TOGETHER), min_size=1, max_size=6).map(" ".join)
    bodies = []
    for n in range(draw(st.integers(8, 60))):
        date = draw(st.sampled_from([None, "2023", "2024", "2024-05", "2024-05-01"]))
        bodies.append(
            f'id = "m{n}"\ntitle = "{draw(text)}"\ntype = "{draw(st.sampled_from(["brief", "report"]))}"'
            + (f'\nsummary = "{draw(text)}"' if draw(st.booleans()) else "")
            + (f'\ndate = "{date}"' if date else "")
        )
    return bodies


@st.composite
def _words_together(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Two or three words or phrases, all looked for or any of them, some words excluded; and
    those looked for."""
    atoms = st.one_of(
        st.sampled_from(_TOGETHER),
        st.sampled_from(_TOGETHER).map(lambda w: w[:3]),  # a prefix
        st.tuples(st.sampled_from(_TOGETHER), st.sampled_from(_TOGETHER)).map(
            lambda p: f'"{p[0]} {p[1]}"'
        ),
        st.sampled_from(_TOGETHER).map(lambda w: f"title:{w}"),
    )
    looked_for = draw(st.lists(atoms, min_size=2, max_size=3))
    text = draw(st.sampled_from([" ", " OR "])).join(looked_for)
    excluded = draw(st.lists(atoms, max_size=1)) if draw(st.integers(0, 3)) == 0 else []
    return (f"({text}) -{excluded[0]}" if excluded else text), looked_for


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _materials_of_few_words(),
    st.data(),
    st.sampled_from([1, 3, 6]),
    st.integers(0, 3),
    st.sampled_from([1, 3, 8, 16, 1000]),
    st.sampled_from([MaterialFilter(), MaterialFilter(), MaterialFilter({"type": ("report",)})]),
)
def test_a_page_of_words_together_added_up_from_their_scores_is_the_page_scored_in_full(
    bodies: list[str],
    data: st.DataObject,
    limit: int,
    skip: int,
    ranked_kept: int,
    chosen: MaterialFilter,
) -> None:
    """A page of several words or phrases, each with a kept ranking (of its best `ranked_kept`
    matches, and every match's score), added up from their scores: the same materials, scores
    and order (ties newest first) as where every material is read and scored in turn."""
    from talenthub_cli.storage import index as index_module

    query = ListQuery(chosen, limit=limit)
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(index_module, "RANKED_FROM", 1),
        mock.patch.object(index_module, "RANKED_KEPT", ranked_kept),
    ):
        index = open_index(write_catalogue(Path(folder) / "c.toml", bodies), Path(folder) / "c")
        lookup = Lookup(index.filter_names(), parse)
        for _ in range(5):
            text, looked_for = data.draw(_words_together())
            for word in looked_for:  # made by a search for it alone, or by the page
                if data.draw(st.booleans(), label=f"search {word} alone"):
                    index.search(parse_query(word, lookup), ListQuery(limit=1), True)
            tree = parse_query(text, lookup)
            read_in_turn = parse_query(f"({text}) OR id:no-such-", lookup)
            assert index.search(tree, query, True, skip) == index.search(
                read_in_turn, query, True, skip
            ), text


def test_a_page_of_words_together_is_added_up_from_each_words_scores(tmp_path: Path) -> None:
    """A page of words together (all, any, or both ways) is added up from each word's own
    scores, not scored in full: a word many materials hold has its ranking made for it, and a
    word few hold is scored alone. It is the page scored in full, ties newest first."""
    from talenthub_cli.storage import index as index_module

    bodies = [
        f'id = "m{n:02}"\ntitle = "{"nomad " * (1 + n % 4)}{"housing " * (1 + n % 3)}{n}"\n'
        f'summary = "A{" filler" * (n % 5)}{" remote" * (n % 7 == 0)}"\n'
        f'type = "{("brief", "report")[n % 2]}"'
        for n in range(40)
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with (
        mock.patch.object(index_module, "RANKED_FROM", 10),
        mock.patch.object(index_module, "RANKED_KEPT", 3),
    ):
        index = open_index(catalogue, tmp_path / "cache")
        lookup = Lookup(index.filter_names(), parse)
        found = index_module.CatalogueIndex._combined
        answered: list[str] = []

        def combined(self: CatalogueIndex, *arguments: Any) -> Any:
            page = found(self, *arguments)
            answered.extend([] if page is None else [text])
            return page

        location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
        for text in ("nomad housing", "nomad OR housing", "remote housing", "a (remote OR hous)"):
            tree = parse_query(text, lookup)
            read_in_turn = parse_query(f"({text}) OR id:no-such-", lookup)
            for skip in (0, 2, 30):
                with mock.patch.object(index_module.CatalogueIndex, "_combined", combined):
                    page = index.search(tree, ListQuery(limit=3), True, skip)
                assert page == index.search(read_in_turn, ListQuery(limit=3), True, skip), text
                assert answered[-1:] == [text]
                assert len(page) == (0 if skip == 30 and text == "remote housing" else 3), text
            # Each material's line, as a piped search prints it (its columns joined in SQL).
            with mock.patch.object(index_module.CatalogueIndex, "_combined", combined):
                lines = index.search_lines(tree, ListQuery(limit=3), True, ["id", "title"], "\t")
                listed = list(lines)
            assert answered[-1:] == [text]
            first = index.search(read_in_turn, ListQuery(limit=3), True)
            assert listed == [f"{m.id}\t{m.title}" for m, _ in first], text
        kept = _ranked(location)
        # "remote": six materials hold it, scored alone; "hous", as many as "housing".
        assert kept == ['"nomad"*', '"housing"*', '"a"*', '"hous"*']


def test_a_ranking_that_could_not_be_made_is_tried_again_after_a_while(tmp_path: Path) -> None:
    """A ranking that cannot be made at the time (another run writes the index, or reads it
    too long) is scored anew meanwhile and made when asked for again, RANKED_AGAIN seconds
    later, not never."""
    from talenthub_cli.storage import index as index_module

    bodies = [f'id = "m{n}"\ntitle = "Nomad {n}"\ntype = "brief"' for n in range(4)]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with mock.patch.object(index_module, "RANKED_FROM", 2):
        index = open_index(catalogue, tmp_path / "cache")
        tree = parse_query("nomad", Lookup(index.filter_names(), parse))
        assert index.has_word_starting("nomad")  # the full-text part built
        location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
        clock = [100.0]
        with mock.patch("time.monotonic", lambda: clock[0]):
            with closing(sqlite3.connect(location, isolation_level=None)) as writer:
                writer.execute("BEGIN IMMEDIATE")  # another run writes the index
                page = index.search(tree, ListQuery(limit=2), True)
                writer.execute("ROLLBACK")
            assert _parts(location) == ["text"]
            clock[0] += index_module.RANKED_AGAIN / 2
            assert index.search(tree, ListQuery(limit=2), True) == page
            assert _parts(location) == ["text"]  # not tried again so soon
            clock[0] += index_module.RANKED_AGAIN
            assert index.search(tree, ListQuery(limit=2), True) == page
            assert _parts(location) == ["text", "ranked_" + b'"nomad"*'.hex()]


def test_the_words_most_materials_hold_are_ranked_ahead_most_held_first(tmp_path: Path) -> None:
    """What a server does before it answers: the words that RANKED_FROM materials hold are
    ranked, the most held first, for half of the RANKED_MOST rankings kept; each step said;
    none made twice; and a page of them together is added up from them, nothing made then."""
    from talenthub_cli.storage import index as index_module

    def title(n: int) -> str:
        return " ".join(["nomad", "housing" * (n < 8), "københavn" * (n < 5), "rare" * (n < 1)])

    bodies = [f'id = "m{n}"\ntitle = "{title(n)}"\ntype = "brief"' for n in range(12)]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with (
        mock.patch.object(index_module, "RANKED_FROM", 5),
        mock.patch.object(index_module, "RANKED_MOST", 6),
    ):
        index = open_index(catalogue, tmp_path / "cache")
        location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
        steps: list[str] = []

        def progress(step: str) -> None:
            steps.append(step)

        index.rank_common_words(progress)
        assert steps == [
            "Building the full-text index",
            "Ranking the words most materials hold (0 of 3)",
            "Ranking the words most materials hold (1 of 3)",
            "Ranking the words most materials hold (2 of 3)",
        ]
        ranked = ['"brief"*', '"nomad"*', '"housing"*']  # "brief": the type; ties by the word

        assert _ranked(location) == ranked
        steps.clear()
        index.rank_common_words(progress)
        assert steps == []
        assert _ranked(location) == ranked
        lookup = Lookup(index.filter_names(), parse)
        page = index.search(parse_query("nomad OR housing", lookup), ListQuery(limit=2), True)
        read_in_turn = parse_query("(nomad OR housing) OR id:no-such-", lookup)
        assert page == index.search(read_in_turn, ListQuery(limit=2), True)
        assert [m.id for m, _ in page] == ["m5", "m6"]
        assert _ranked(location) == ranked


def test_a_page_of_words_together_is_one_version_of_the_catalogue_though_another_run_writes(
    tmp_path: Path,
) -> None:
    """Another run removes a material while a page of words together is read: the page is the
    version it began with, whole, not its scores with another's rows; the next run's is the
    new version's, as scored in full."""
    from talenthub_cli.storage import index as index_module
    from talenthub_cli.storage.keeping import remove_record

    bodies = ['id = "m00"\ntitle = "nomad nomad nomad zebra zebra"\ntype = "brief"'] + [
        f'id = "m{n:02}"\ntitle = "nomad zebra{" x" * n}"\ntype = "brief"' for n in range(1, 12)
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with mock.patch.object(index_module, "RANKED_FROM", 5):
        index = open_index(catalogue, tmp_path / "cache")
        lookup = Lookup(index.filter_names(), parse)
        tree = parse_query("nomad zebra", lookup)
        before = index.search(tree, ListQuery(limit=3), True)
        chosen = index_module._chosen

        def removing_first(*arguments: Any) -> Any:  # as the page's rows are about to be read
            remove_record(
                catalogue, ["materials"], "m00", force=False, cache_dir=tmp_path / "cache"
            )
            return chosen(*arguments)

        with mock.patch.object(index_module, "_chosen", removing_first):
            during = index.search(tree, ListQuery(limit=3), True)
        assert during == before
        assert [m.id for m, _ in during] == ["m00", "m01", "m02"]
        after = open_index(catalogue, tmp_path / "cache")
        full = parse_query("(nomad zebra) OR id:no-such-", lookup)
        assert after.search(tree, ListQuery(limit=3), True) == after.search(
            full, ListQuery(limit=3), True
        )
        assert [m.id for m, _ in after.search(tree, ListQuery(limit=3), True)] == [
            "m01",
            "m02",
            "m03",
        ]


def test_the_mark_between_a_lists_items_is_not_ranked_ahead(tmp_path: Path) -> None:
    """`~` joins a list's items in the full text, and every material with two topics holds it,
    but no query can ask for it: its ranking would take the place of a word's."""
    from talenthub_cli.storage import index as index_module

    bodies = [
        f'id = "m{n}"\ntitle = "Nomad"\ntype = "brief"\ntopics = ["a", "b"]' for n in range(6)
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    with mock.patch.object(index_module, "RANKED_FROM", 5):
        index = open_index(catalogue, tmp_path / "cache")
        index.rank_common_words()
        location = index_module.index_file(tmp_path / "cache", catalogue.resolve())
        assert _ranked(location) == [
            '"a"*', '"b"*', '"brief"*', '"nomad"*'
        ]  # fmt: skip
