"""Fuzzing `import`: random spreadsheets, well formed or not. Whatever the file, the catalogue is
either left byte for byte as it was (with one message why), or changed into a valid catalogue that
keeps every line it had, its comments included."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from talenthub_cli.core.records import MATERIAL_COLUMNS
from talenthub_cli.storage.loader import check_file
from tests.conftest import run, write_catalogue
from tests.fuzz.test_fuzz_cli import FUZZ, assert_answered

pytestmark = pytest.mark.slow

CELLS = st.one_of(
    st.sampled_from(["", "report", "survey", "Brief", "2024-05", "May 2024", "09/11/2023", "12",
                     "²", "-3", "=1+1", "'=1+1", " x ", "a; b", "a\\; b", "https://example.org",
                     "Jana <j@x.org>", "old", "x\ny", '"', "\ufeff"]),
    st.text(max_size=12),
)  # fmt: skip
COLUMNS = st.lists(st.sampled_from([*MATERIAL_COLUMNS, "Title", "colour", ""]), min_size=1)


SENSIBLE = ["id", "title", "type", "date", "topics"]
VALID = {
    "id": st.sampled_from(["new", "old", "new-2", ""]),
    "title": st.sampled_from(["T", "Old", "=cmd()"]),
    "type": st.sampled_from(["report", "Survey"]),
    "date": st.sampled_from(["", "2024-05", "May 2024", "2024-13"]),
    "topics": st.sampled_from(["", "a; b", "=x"]),
}


@st.composite
def spreadsheets(draw: st.DrawFn) -> bytes:
    """A CSV file: mostly of the columns an export has with cells that may well be right, now
    and then of any columns and cells, or with bytes that are no text before it."""
    header = draw(st.one_of(st.just(SENSIBLE), st.just(SENSIBLE), COLUMNS))
    row = st.one_of(
        st.tuples(*(VALID.get(name, CELLS) for name in header)).map(list),
        st.tuples(*(VALID.get(name, CELLS) for name in header)).map(list),
        st.lists(CELLS, min_size=len(header), max_size=len(header) + 1),
    )
    rows = draw(st.lists(row, max_size=3))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))

    def line(cells: list[str]) -> str:
        quoted = [
            f'"{c.replace(chr(34), 2 * chr(34))}"' if draw(st.booleans()) else c for c in cells
        ]
        return delimiter.join(quoted)

    data = ("\r\n".join(line(cells) for cells in [header, *rows]) + "\r\n").encode("utf-8")
    if draw(st.sampled_from([False] * 7 + [True])):  # bytes that are no CSV at all before it
        data = draw(st.binary(max_size=30)) + data
    return data


@FUZZ
@given(spreadsheets(), st.booleans())
def test_an_import_changes_the_catalogue_whole_or_not_at_all(sheet: bytes, update: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_catalogue(
            Path(folder) / "c.toml",
            ['# kept\nid = "old"\ntitle = "Old"\ntype = "report"  # and this'],
        )
        before = path.read_bytes()
        source = Path(folder) / "sheet.csv"
        source.write_bytes(sheet)
        outcome = run("-c", str(path), "import", str(source), *(["--update"] if update else []))
        assert_answered(outcome)
        event(f"exit {outcome.code}")
        after = path.read_bytes()
        if outcome.code != 0:
            assert after == before
            return
        assert not check_file(path).errors
        if not update:
            assert after.startswith(before)  # new records are appended; nothing else moves
        assert b"# and this" in after or update
