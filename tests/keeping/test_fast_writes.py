"""Writes that find the index current change one material without reading the whole file, and
keep the index current: after each, the index answers as one built afresh from the file does."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.core.blocks import record_block
from talenthub_cli.core.errors import CatalogueError, InvalidCatalogueError, UsageError
from talenthub_cli.core.model import MaterialType
from talenthub_cli.storage import index as index_module
from talenthub_cli.storage import keeping
from talenthub_cli.storage.index import index_file, open_index
from talenthub_cli.storage.keeping import add_record, record_text, remove_record, replace_record
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run, write_catalogue
from tests.keeping.index_answers import answers, fresh_answers
from tests.strategies import TOPICS, catalogues, write_toml

if TYPE_CHECKING:
    from collections.abc import Iterator

    from talenthub_cli.core.model import Catalogue


@contextlib.contextmanager
def fast_only() -> Iterator[None]:
    """Fail any change that reads the whole file, and any read that rebuilds the index."""
    whole = mock.patch.object(keeping, "_whole_change", side_effect=AssertionError("whole"))
    build = mock.patch.object(index_module, "_build", side_effect=AssertionError("rebuilt"))
    with whole, build:
        yield


MATERIAL = 'id = "{0}"\ntitle = "{1}"\ntype = "report"\ntopics = ["{2}"]'


@pytest.fixture(params=["listed", "searched"])
def catalogue(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A small catalogue with its index current: as a listing leaves it, or as a search leaves
    it, with its full-text part built too."""
    materials = [
        MATERIAL.format("alpha", "Alpha report", "skills"),
        MATERIAL.format("bravo", "Bravo study", "diaspora") + '\nrelated = ["alpha"]',
        "# the third, with a comment of its own\n" + MATERIAL.format("charlie", "Charlie", "x"),
    ]
    extra = (
        '\n[[contacts]]\nid = "ana"\nname = "Ana Lopes"\n'
        '\n[[events]]\nid = "launch"\ntitle = "Launch"\ndate = "2024-05"\nmaterials = ["charlie"]\n'
    )
    path = write_catalogue(tmp_path / "catalogue.toml", materials, extra)
    open_index(path, tmp_path / "cache")  # the index, current
    if request.param == "searched":
        answers(path, tmp_path / "cache")  # and every part a command makes: a write changes them
    return path


def test_an_add_changes_the_index_with_the_file(catalogue: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = catalogue.read_text(encoding="utf-8")
    with fast_only():
        new_id = add_record(
            catalogue,
            "materials",
            {"title": "Delta brief", "type": "brief", "topics": ["care"], "contacts": ["ana"]},
            record_id=None,
            cache_dir=cache,
        )
        assert new_id == "delta-brief"
        after = answers(catalogue, cache)
    text = catalogue.read_text(encoding="utf-8")
    assert text.startswith(before)  # the rest byte for byte
    assert text[len(before) :] == (
        '\n[[materials]]\nid = "delta-brief"\ntitle = "Delta brief"\ntype = "brief"\n'
        'topics = [\n    "care",\n]\ncontacts = [\n    "ana",\n]\n'
    )
    assert after == fresh_answers(catalogue)
    assert [word for word in after["search"] if "delta-brief" in str(after["search"][word])] == [
        "ana",
        "brief",
        "care",
        "delta",
        "lopes",
        "~",  # the boundary between the items of a list
    ]
    assert (catalogue.parent / "catalogue.toml.bak").read_text(encoding="utf-8") == before


def test_a_remove_and_an_edit_change_the_index_with_the_file(
    catalogue: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with fast_only():
        assert remove_record(catalogue, ["materials"], "bravo", force=False, cache_dir=cache) == (
            "materials",
            [],
        )
        block = record_text(catalogue, "materials", "charlie", cache_dir=cache)
        assert "# the third" in block
        replace_record(
            catalogue,
            "materials",
            "charlie",
            block,
            block.replace('"Charlie"', '"Charlie revised"'),
            cache_dir=cache,
        )
        after = answers(catalogue, cache)
    assert after == fresh_answers(catalogue)
    assert [m.title for m in after["materials"]] == ["Alpha report", "Charlie revised"]
    assert "bravo" not in after["words"]
    assert "diaspora" not in after["words"]  # its only material went: the word too
    assert "revised" in after["words"]


def test_a_remove_of_a_material_others_name_is_refused_from_the_index(
    catalogue: Path, tmp_path: Path
) -> None:
    before = catalogue.read_text(encoding="utf-8")
    with fast_only(), pytest.raises(UsageError) as raised:
        remove_record(catalogue, ["materials"], "alpha", force=False, cache_dir=tmp_path / "cache")
    assert str(raised.value) == (
        "'alpha' is named by material 'bravo' (related); take it out of those first, or add "
        "--force to remove the names too"
    )
    with fast_only(), pytest.raises(UsageError, match="event 'launch' \\(materials\\)"):
        remove_record(
            catalogue, ["materials"], "charlie", force=False, cache_dir=tmp_path / "cache"
        )
    assert catalogue.read_text(encoding="utf-8") == before


def test_an_edit_that_breaks_a_rule_is_refused_from_the_index(
    catalogue: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = catalogue.read_text(encoding="utf-8")
    block = record_text(catalogue, "materials", "alpha", cache_dir=cache)
    edited = block.replace('type = "report"', 'type = "reprot"\nparts = ["nowhere"]')
    with fast_only(), pytest.raises(InvalidCatalogueError) as raised:
        replace_record(catalogue, "materials", "alpha", block, edited, cache_dir=cache)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{catalogue}:20: material 'alpha', field 'type': 'reprot' is not one of the known "
        "values (did you mean 'report'?)",
        f"{catalogue}:21: material 'alpha', field 'parts': unknown material 'nowhere'",
    ]
    with pytest.raises(InvalidCatalogueError) as whole:  # as the whole file's check says
        replace_record(catalogue, "materials", "alpha", block, edited)
    assert whole.value.problems == raised.value.problems
    block = record_text(catalogue, "materials", "bravo", cache_dir=cache)
    with fast_only(), pytest.raises(InvalidCatalogueError, match="duplicate id 'alpha'"):
        edited = block.replace('id = "bravo"', 'id = "alpha"')
        replace_record(catalogue, "materials", "bravo", block, edited, cache_dir=cache)
    assert catalogue.read_text(encoding="utf-8") == before
    assert answers(catalogue, cache) == fresh_answers(catalogue)


def test_the_cli_keeps_the_index_current(catalogue: Path, tmp_path: Path) -> None:
    """add, remove and edit as a person runs them: the next listing reads the index as it is."""
    with fast_only():
        assert run("-c", str(catalogue), "add", "--title", "Echo", "--type", "brief").code == 0
        assert run("-c", str(catalogue), "remove", "echo", "--yes").code == 0
        edited = run("-c", str(catalogue), "edit", "alpha", env={"EDITOR": "sed -i s/Alpha/Apex/"})
        assert edited.code == 0, edited.stderr
        listed = run("-c", str(catalogue), "list", "-f", "json")
    assert listed.code == 0
    assert '"title": "Apex report"' in listed.stdout
    assert answers(catalogue, tmp_path / "cache") == fresh_answers(catalogue)


def test_a_stale_index_leaves_the_change_to_the_whole_file(catalogue: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("Bravo study", "Bravo survey"), encoding="utf-8")
    with mock.patch.object(keeping, "_whole_change", wraps=keeping._whole_change) as whole:
        add_record(catalogue, "materials", {"title": "F", "type": "brief"}, record_id=None,
                   cache_dir=cache)  # fmt: skip
    assert whole.called
    assert answers(catalogue, cache) == fresh_answers(catalogue)  # rebuilt on reading


def test_a_header_in_a_multi_line_string_leaves_the_change_to_the_whole_file(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    summary = 'summary = """\nlooks like a header:\n[[materials]]\n"""'
    path = write_catalogue(
        tmp_path / "c.toml",
        [MATERIAL.format("alpha", "Alpha", "x") + "\n" + summary, MATERIAL.format("b", "B", "y")],
    )
    open_index(path, cache)
    with mock.patch.object(keeping, "_whole_change", wraps=keeping._whole_change) as whole:
        remove_record(path, ["materials"], "b", force=False, cache_dir=cache)
        block = record_text(path, "materials", "alpha", cache_dir=cache)
        assert block.endswith('[[materials]]\n"""\n')
    assert whole.called
    assert [m.id for m in load_catalogue(path).materials] == ["alpha"]


def test_an_index_change_that_fails_leaves_an_index_that_is_rebuilt(
    catalogue: Path, tmp_path: Path
) -> None:
    """The file renamed into place and the index not changed (a crash between the two, or an
    index that cannot be written): the index keeps the old stamp, and the next read rebuilds."""
    cache = tmp_path / "cache"
    change = index_module.IndexChange._change_material

    def change_then_fail(self: Any, *args: Any) -> None:
        change(self, *args)  # every row changed, then the disk fails before the commit
        raise sqlite3.OperationalError("disk I/O error")

    failing = mock.patch.object(index_module.IndexChange, "_change_material", change_then_fail)
    with failing:
        add_record(catalogue, "materials", {"title": "Golf", "type": "brief"}, record_id=None,
                   cache_dir=cache)  # fmt: skip
    assert "golf" in [m.id for m in load_catalogue(catalogue).materials]
    location = index_file(cache, catalogue.resolve())
    with contextlib.closing(sqlite3.connect(location)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM materials").fetchone() == (3,)
    assert answers(catalogue, cache) == fresh_answers(catalogue)


@st.composite
def writes(draw: st.DrawFn, catalogue: Catalogue) -> list[tuple[str, Any]]:
    """A sequence of adds, removes and edits of materials."""
    steps: list[tuple[str, Any]] = []
    for number in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["add", "remove", "edit"]))
        if action == "add":
            record: dict[str, Any] = {
                "title": draw(st.sampled_from(["Care", "Talent brief", "Pilot results", "X"])),
                "type": draw(st.sampled_from(list(MaterialType))).value,
                "topics": draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True)),
                "contacts": draw(
                    st.lists(st.sampled_from([c.id for c in catalogue.contacts]), max_size=1)
                ),
            }
            if record["type"] == "survey":
                record["responses"] = number
            steps.append(("add", record))
        else:
            steps.append((action, draw(st.integers(0, 40))))
    return steps


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_after_any_writes_the_index_answers_as_a_fresh_one(data: st.DataObject) -> None:
    catalogue: Catalogue = data.draw(catalogues())
    steps = data.draw(writes(catalogue))
    with tempfile.TemporaryDirectory() as folder:
        path = write_toml(catalogue, Path(folder) / "catalogue.toml")
        cache = Path(folder) / "cache"
        open_index(path, cache)
        for action, argument in steps:
            ids = [m.id for m in load_catalogue(path).materials]
            # The first material, the last one's removal, and materials written as an inline
            # array (as tomli-w writes a few short ones) are the whole file's to change.
            plain = "\n[[materials]]\n" in path.read_text(encoding="utf-8")
            with fast_only() if plain else contextlib.nullcontext():
                if action == "add":
                    before = path.read_bytes()
                    try:
                        add_record(path, "materials", argument, record_id=None, cache_dir=cache)
                    except CatalogueError:  # inline array of materials: refused, as tested below
                        assert not plain and path.read_bytes() == before
                        continue
                elif len(ids) < 2:
                    continue
                elif action == "remove":
                    with contextlib.suppress(UsageError):  # named by another: refused
                        remove_record(
                            path, ["materials"], ids[argument % len(ids)], force=False,
                            cache_dir=cache,
                        )  # fmt: skip
                else:
                    record_id = ids[argument % len(ids)]
                    block = record_text(path, "materials", record_id, cache_dir=cache)
                    record = tomli.loads(block)["materials"][0]
                    record["title"] = f"Edited {argument}"
                    edited = "# edited\n" + record_block("materials", record)
                    replace_record(path, "materials", record_id, block, edited, cache_dir=cache)
                after = answers(path, cache)
            assert after == fresh_answers(path)


def test_an_export_after_a_write_has_the_change(tmp_path: Path) -> None:
    """An export keeps each material's CSV line in the index once it has been asked for; a
    write that changes the index in place must not leave those lines as they were."""
    path = write_catalogue(tmp_path / "c.toml", [MATERIAL.format("alpha", "Alpha report", "x")])
    assert run("-c", str(path), "export").stdout.splitlines()[1].startswith("alpha,Alpha report,")
    with fast_only():
        added = run("-c", str(path), "add", "--title", "Delta", "--type", "brief", "--id", "d")
        assert added.code == 0, added.stderr
        assert [line.split(",")[0] for line in run("-c", str(path), "export").stdout.splitlines()]
    lines = run("-c", str(path), "export").stdout.splitlines()
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["alpha", "Alpha report"],
        ["d", "Delta"],
    ]
    with fast_only():
        assert run("-c", str(path), "remove", "alpha", "--yes").code == 0
    lines = run("-c", str(path), "export").stdout.splitlines()
    assert [line.split(",")[:2] for line in lines[1:]] == [["d", "Delta"]]


def test_a_piped_listing_after_a_write_has_the_change(tmp_path: Path) -> None:
    """A piped `list` of every material reads lines the index keeps once they have been asked
    for; a write that changes the index in place must not leave those lines as they were."""
    path = write_catalogue(tmp_path / "c.toml", [MATERIAL.format("alpha", "Alpha report", "x")])
    assert run("-c", str(path), "list").stdout == "alpha\t\treport\tAlpha report\n"
    with fast_only():
        added = run("-c", str(path), "add", "--title", "Delta", "--type", "brief", "--id", "d")
        assert added.code == 0, added.stderr
    listed = run("-c", str(path), "list").stdout
    assert listed == "alpha\t\treport\tAlpha report\nd\t\tbrief\tDelta\n"
    with fast_only():
        assert run("-c", str(path), "remove", "alpha", "--yes").code == 0
    assert run("-c", str(path), "list").stdout == "d\t\tbrief\tDelta\n"


def test_an_add_to_materials_written_as_an_inline_array_is_refused_saying_why(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        'schema = 1\nmaterials = [\n    { id = "a", title = "A", type = "brief" },\n]\n\n'
        '[project]\nid = "p"\ntitle = "P"\n',
        encoding="utf-8",
    )
    before = path.read_bytes()
    outcome = run("-c", str(path), "add", "--title", "B", "--type", "brief")
    assert (outcome.code, outcome.stderr) == (
        2,
        f"talenthub: {path} writes its materials as an inline array (materials = [...]), to "
        "which a record cannot be added as a [[materials]] table; nothing was changed: make "
        "the change by hand with an editor\n",
    )
    assert path.read_bytes() == before


def test_a_page_of_a_search_after_a_write_has_the_change(tmp_path: Path) -> None:
    """A page of a search for a word that many materials hold reads their ranking, kept in the
    index once asked for; a write that changes the index in place must not leave it as it was."""
    from talenthub_cli.storage import index as index_module

    path = write_catalogue(tmp_path / "c.toml", [MATERIAL.format("alpha", "Alpha report", "x")])
    with mock.patch.object(index_module, "RANKED_FROM", 1):
        found = run("-c", str(path), "search", "-n", "5", "--columns", "id", "alpha")
        assert found.stdout.split() == ["alpha"]
        with fast_only():
            added = run("-c", str(path), "add", "--title", "Alpha alpha", "--type", "brief",
                        "--id", "d")  # fmt: skip
            assert added.code == 0, added.stderr
        found = run("-c", str(path), "search", "-n", "5", "--columns", "id", "alpha")
        assert found.stdout.split() == ["d", "alpha"]
        with fast_only():
            assert run("-c", str(path), "remove", "d", "--yes").code == 0
        found = run("-c", str(path), "search", "-n", "5", "--columns", "id", "alpha")
        assert found.stdout.split() == ["alpha"]
