"""The CSV formula guard judges a cell by what a spreadsheet sees: past leading white space,
zero-width characters and a byte order mark, with fullwidth and small forms read as the
characters they stand for. Reading back takes off exactly what it put on."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from talenthub_cli.core.cells import FORMULA_STARTS, MAY_GUARD, guard, unguard
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

BYPASSES = [
    " =1+1",
    "\xa0=1+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    "\n=1+1",
    "\u3000\u200d @x",
    "﹦1+1",  # small equals sign
    "'\u200b=1",  # apostrophes before a bypass, as before a plain formula
]


@pytest.mark.parametrize("cell", BYPASSES)
def test_a_formula_behind_what_a_spreadsheet_passes_over_is_guarded(cell: str) -> None:
    assert guard(cell) == "'" + cell
    assert unguard(guard(cell)) == cell
    assert cell[:1] in MAY_GUARD  # the fast path of `write` looks at it


@pytest.mark.parametrize("cell", ["a =1", "x", "Ölfeld", "水=1", " x", "\u200bx", "＇x", "", "'"])
def test_text_is_left_as_it_is(cell: str) -> None:
    assert guard(cell) == cell
    assert unguard(cell) == cell


# What a spreadsheet passes over, as the guard has it, and what it must see: white space,
# zero-width characters, the BOM, apostrophes, formula characters in every form, and text.
_TRICKY = st.sampled_from(
    [
        "'", " ", "\t", "\n", "\r", "\xa0", "\u3000", "\u2028", "\x85", "\u200b", "\u200d",
        "\u2060", "\ufeff", "\u00ad", "=", "+", "-", "@", "＝", "＋", "－", "＠", "﹢", "⁼",
        "＇", "\u0338", "a", "Ö", "水", ";", '"',
    ]
)  # fmt: skip
CELLS = st.one_of(st.text(), st.text(_TRICKY, max_size=8))


def _visible_start(cell: str) -> str:
    """The first character a spreadsheet shows of `cell`: after white space and invisible
    characters, with compatibility forms read as what they stand for."""
    passed_over = "\t\n\r \xa0\u3000\u2028\x85\x0b\x0c\x1c\x1d\x1e\x1f"
    passed_over += "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    return unicodedata.normalize("NFKC", cell.lstrip(passed_over)).lstrip(passed_over)[:1]


@given(CELLS)
@example("'")
@example("''=1")
@example("' =1")
@example("\u200b'=1")
@example("=\u0338")
def test_the_guard_comes_off_exactly_and_nothing_left_runs(cell: str) -> None:
    guarded = guard(cell)
    assert unguard(guarded) == cell
    assert guarded in (cell, "'" + cell)
    assert guarded[:1] not in FORMULA_STARTS
    assert _visible_start(guarded) not in FORMULA_STARTS
    if guarded != cell:
        assert cell[:1] in MAY_GUARD  # `write` skips what its fast path leaves out


def test_export_guards_every_bypass_and_raw_leaves_it(tmp_path: Path) -> None:
    materials = [
        f'id = "m{n:02}"\ntitle = "T{n:02}"\ntype = "brief"\nsummary = {json.dumps(cell)}'
        for n, cell in enumerate(BYPASSES)
    ]
    path = write_catalogue(tmp_path / "c.toml", materials)
    outcome = run("-c", str(path), "export", "--sort", "title")
    assert outcome.code == 0, outcome.stderr
    rows = list(csv.reader(io.StringIO(outcome.raw.decode(), newline="")))[1:]
    assert [row[6] for row in rows] == ["'" + cell for cell in BYPASSES]
    assert [unguard(row[6]) for row in rows] == BYPASSES
    raw = list(
        csv.reader(
            io.StringIO(
                run("-c", str(path), "export", "--sort", "title", "--raw").raw.decode(), newline=""
            )
        )
    )[1:]
    assert [row[6] for row in raw] == BYPASSES
