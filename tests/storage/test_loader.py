"""Reading a catalogue in pieces (rtoml) reads what tomli reads, or leaves the file to tomli."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from talenthub_cli.storage import loader
from talenthub_cli.storage.loader import read_in_pieces
from tests.strategies import catalogues, write_toml

if TYPE_CHECKING:
    from pathlib import Path

    from talenthub_cli.core.model import Catalogue


def _shown(value: object) -> str:
    """Values and the order of every table's keys, as one text. A TOML date is shown by its
    type and ISO form: rtoml's time zones are its own class (no field of a catalogue that keeps
    the rules holds a date, and tomli reads again a catalogue that breaks one)."""
    return json.dumps(value, default=lambda date: [type(date).__name__, date.isoformat()])


def _same_as_tomli(text: str) -> dict[str, Any] | None:
    """What `read_in_pieces` read, held to what tomli reads: the same values, with the same keys
    in the same order where no material or event holds a table (as none may), or None (and then
    tomli may read it or refuse it)."""
    read = read_in_pieces(text)
    if read is not None:
        whole = tomli.loads(text)
        assert read == whole
        if not any(_holds_table(read.get(kind)) for kind in ("materials", "events")):
            assert _shown(read) == _shown(whole)
    return read


def _holds_table(records: object) -> bool:
    """Whether a record of these holds a table, or what they are is not an array of records."""
    if not isinstance(records, list):
        return records is not None
    return any(
        not isinstance(record, dict) or _has_table(list(record.values())) for record in records
    )


def _has_table(value: object) -> bool:
    if isinstance(value, list):
        return any(map(_has_table, value))
    return isinstance(value, dict)


@pytest.fixture(autouse=True)
def _small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """A piece of two materials: every catalogue here is cut into many."""
    monkeypatch.setattr(loader, "_PIECE", 2)


@settings(max_examples=40, deadline=None)
@given(catalogues(awkward=True))
def test_a_catalogue_reads_in_pieces_as_tomli_reads_it(
    tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue
) -> None:
    path: Path = tmp_path_factory.mktemp("pieces") / "catalogue.toml"
    text = write_toml(catalogue, path).read_text(encoding="utf-8")
    read = _same_as_tomli(text)
    # Only a line break written CR LF (in a multi-line string) leaves the file to tomli.
    assert (read is None) == ("\r" in text)


# Lines that make a cut at `[[materials]]` fall inside a string or an array, define a key in two
# pieces, or make the materials something other than tables.
_LINES = [
    *["[[materials]]"] * 8,
    *['id = "a"', "n = 1", "m = 2", "s = ['a', 'b']"] * 2,
    'd = """',
    "d = '''",
    '"""',
    "'''",
    "x = [",
    "]",
    "1,",
    "[[events]]",
    "[project]",
    "[project.more]",
    "[materials]",
    "[materials.more]",
    "[[materials.parts]]",
    "[events.more]",
    "[[events.more]]",
    "a.b = 1",
    "t = {a = 1}",
    "materials = []",
    "events = []",
    'k = "[[materials]]"',
    "# [[materials]]",
    "date = 2024-05-01T10:00:00Z",
    "",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=24))
def test_pieces_read_as_tomli_reads_the_whole_or_tomli_reads_it(lines: list[str]) -> None:
    text = "schema = 1\n" + "\n".join(lines) + "\n"
    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError:
        assert read_in_pieces(text) is None
    else:
        _same_as_tomli(text)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # Materials, then the events after them: the events are the last piece's.
        (
            'schema = 1\n[[materials]]\nid = "a"\n[[materials]]\nid = "b"\n[[materials]]\n'
            'id = "c"\n[[events]]\nid = "e"\n',
            True,
        ),
        # A material's multi-line text that holds a line `[[materials]]`: the piece before it
        # reads as no TOML, so tomli reads the file.
        ('schema = 1\n[[materials]]\nn = """\n[[materials]]\n[[materials]]\n"""\n', False),
        # Events on both sides of a cut: one key in two pieces.
        (
            '[[events]]\nid = "e"\n[[materials]]\nid = "a"\n[[materials]]\nid = "b"\n'
            '[[materials]]\nid = "c"\n[[events]]\nid = "f"\n',
            False,
        ),
        # A table after the materials that is named before it is defined: rtoml puts it where
        # it is defined, tomli where it is named, so only arrays of tables are read in pieces.
        (
            "schema = 1\n[[materials]]\n[[materials]]\n[[materials]]\n[project.titles]\n"
            "[[events]]\n[project]\nn = 1\n",
            False,
        ),
        ("\ufeffschema = 1\n[[materials]]\nid = 'a'\n", False),  # tomli refuses a byte-order mark
        ('schema = 1\n[[materials]]\nn = """a\r\nb"""\n', False),  # tomli makes CR LF a LF
    ],
)
def test_what_reads_in_pieces(text: str, read: bool) -> None:
    assert (_same_as_tomli(text) is not None) == read


def test_a_catalogue_that_breaks_a_rule_is_told_as_tomli_reads_it(tmp_path: Path) -> None:
    """rtoml's dates have a time zone of their own class: the problems are told of the values
    tomli reads."""
    from talenthub_cli.core.errors import InvalidCatalogueError
    from talenthub_cli.core.validate import check_catalogue
    from talenthub_cli.storage.loader import load_checked

    text = (
        'schema = 1\n[project]\nid = "p"\ntitle = "P"\n'
        '[[materials]]\nid = "a"\ntitle = "A"\ntype = "brief"\n'
        '[[materials]]\nid = "b"\ntitle = "B"\ntype = "brief"\n'
        '[[materials]]\nid = "c"\ntitle = "C"\ntype = "brief"\ndate = 2024-05-01T10:00:00+02:00\n'
    )
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    assert read_in_pieces(text) is not None
    with pytest.raises(InvalidCatalogueError) as told:
        load_checked(path, "catalogue.toml")
    with pytest.raises(InvalidCatalogueError) as expected:
        check_catalogue(tomli.loads(text), "catalogue.toml", text)
    assert str(told.value) == str(expected.value)
    assert "catalogue.toml:17: material 'c', field 'date'" in str(told.value)


# Tables of every sort that the rules look across: ids that repeat, references to records before
# and after them (or to none), contacts before and after the materials, a rule broken, the
# fields whose absence `check` warns of.
_TABLES = [
    '[[materials]]\nid = "a"\ntitle = "A"\ntype = "brief"',
    '[[materials]]\nid = "b"\ntitle = "B"\ntype = "brief"\ndate = "2024"\nsource = "https://x.org"',
    '[[materials]]\nid = "c"\ntitle = "C"\ntype = "brief"\nparts = ["a"]\ncontacts = ["k"]',
    '[[materials]]\nid = "d"\ntitle = "D"\ntype = "brief"\nrelated = [\n  "b",\n  "c",\n]',
    '[[materials]]\nid = "e"\ntitle = "E"\ntype = "brief"\nrelated = ["e"]',
    '[[materials]]\nid = "f"\ntitle = "F"\ntype = "brief"\ndate = "2024-13"',
    '[[materials]]\nid = "g"\ntitle = "G"\ntype = "brief"\ncontacts = ["j", "k"]',
    '[[materials]]\nid = "h"\ntitle = "H"\ntype = "brief"\norganisations = ["o"]',
    '[[contacts]]\nid = "j"\nname = "J"\n[[contacts]]\nid = "k"\nname = "K"\norganisation = "o"',
    '[[organisations]]\nid = "o"\nname = "O"',
    '[[events]]\nid = "v"\ntitle = "V"\ndate = "2024"\nmaterials = ["a"]\ncontacts = ["j"]',
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TABLES), max_size=12))
def test_a_file_checked_in_pieces_is_found_as_the_whole_file_is(
    tmp_path_factory: pytest.TempPathFactory, tables: list[str]
) -> None:
    """`check` reads a large file a piece at a time and holds none of them: it finds the same
    errors and warnings, at the same lines, as a check of the whole file as tomli reads it."""
    from talenthub_cli.core.errors import InvalidCatalogueError
    from talenthub_cli.core.validate import Findings, advise, check_catalogue

    text = 'schema = 1\n[project]\nid = "p"\ntitle = "P"\n\n' + "\n\n".join(tables) + "\n"
    path = tmp_path_factory.mktemp("pieces") / "c.toml"
    path.write_text(text, encoding="utf-8")
    try:
        checked = check_catalogue(tomli.loads(text), "c.toml", text)
    except InvalidCatalogueError as error:
        expected = Findings("c.toml", errors=error.problems)
    else:
        advice = advise(checked, "c.toml", text)
        expected = Findings("c.toml", (), tuple(advice.placed()), len(checked.materials))
    assert loader.check_file(path, "c.toml") == expected
