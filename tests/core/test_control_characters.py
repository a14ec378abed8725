"""Terminal escapes from a catalogue: `check` refuses control characters (text keeps its tabs and
line breaks), and on a terminal whatever control character reaches a renderer is shown, not run.
Piped output stays byte for byte what the catalogue holds."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.text import visible
from talenthub_cli.render.details import Details, render_details
from talenthub_cli.render.listing import Column, Listing
from talenthub_cli.render.table import render
from talenthub_cli.render.terminal import Terminal
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

PWNED = "Guidebook\u001b]0;PWNED\u0007\u001b[2J"
SHOWN = "Guidebook^[]0;PWNED^G^[[2J"
RUN_BY_A_TERMINAL = ("\x1b]0;", "\x07", "\x1b[2J", "\x9b")


def test_control_characters_are_written_out_and_the_rest_left_alone() -> None:
    assert visible(PWNED) == SHOWN
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\x00\x1f\x7f\r") == "^@^_^?^M"
    assert visible("\x9b2J\x85") == "\\u009b2J\\u0085"
    assert visible("København — “quoted” 水") == "København — “quoted” 水"


def _material(tmp_path: Path, field: str, value: str) -> Path:
    return write_catalogue(
        tmp_path / "c.toml",
        [f'id = "s"\ntitle = "S"\ntype = "report"\n{field} = {json.dumps(value)}'],
    )


def test_check_refuses_a_title_with_an_escape_at_its_line(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml", [f'id = "guidebook"\ntitle = {json.dumps(PWNED)}\ntype = "report"']
    )
    outcome = run("check", str(path))
    assert outcome.code == 3  # check found errors
    assert outcome.stdout.splitlines()[0] == (
        f"{path}:9: error: material 'guidebook', field 'title': holds the control character "
        "U+001B at character 10 (remove it: text may hold tabs and line breaks, no other controls)"
    )
    listed = run("-c", str(path), "list")
    assert (listed.code, listed.stdout) == (2, "")
    assert listed.stderr.startswith(f"talenthub: {path}:9: material 'guidebook', field 'title'")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("summary", "Rings\u0007", "holds the control character U+0007 at character 6"),
        ("notes", "CSI \u009b2J", "holds the control character U+009B at character 5"),
        ("url", "https://example.org/\u001b[2J", "holds the control character U+001B at character 21"),
        ("topics", ["a\u0085b"], "item 1: 'a\\x85b' is not one line of text"),
    ],
)  # fmt: skip
def test_check_refuses_control_characters_in_every_kind_of_field(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    outcome = run("check", str(_material(tmp_path, field, value)))  # type: ignore[arg-type]
    assert outcome.code == 3  # check found errors
    assert f":11: error: material 's', field '{field}': {message}" in outcome.stdout


def test_text_keeps_its_tabs_and_line_breaks(tmp_path: Path) -> None:
    path = _material(tmp_path, "summary", "First line,\n\tthen an indented one.\r\nAnd a CRLF.")
    assert run("check", str(path)).code == 0
    assert run("-c", str(path), "show", "s").stdout.endswith(
        "Summary: First line,\n  \tthen an indented one.\n  And a CRLF.\n"
    )


def _terminal(out: io.StringIO, *, color: bool) -> Terminal:
    return Terminal(out, io.StringIO(), is_terminal=True, color=color, width=100)


@pytest.mark.parametrize("color", [False, True])
def test_the_terminal_table_shows_control_characters_and_moves_its_highlights(
    color: bool,
) -> None:
    title = PWNED + " survey"
    column: Column[str] = Column(
        "title", "Title", lambda item: item, spans=lambda item: [(len(PWNED) + 1, len(item))]
    )
    out = io.StringIO()
    render(Listing([title], [column], lambda item: {}, "materials"), _terminal(out, color=color))
    drawn = out.getvalue()
    assert SHOWN + (" \x1b[1;33msurvey" if color else " \x1b[1;4msurvey") in drawn
    assert not any(sequence in drawn for sequence in RUN_BY_A_TERMINAL)


def test_the_piped_table_is_byte_exact() -> None:
    column: Column[str] = Column("title", "Title", lambda item: item)
    out = io.StringIO()
    terminal = Terminal(out, io.StringIO(), is_terminal=False, color=False)
    render(Listing([PWNED], [column], lambda item: {}, "materials"), terminal)
    assert out.getvalue() == PWNED + "\n"


@pytest.mark.parametrize("color", [False, True])
def test_the_terminal_panel_shows_control_characters(color: bool) -> None:
    out = io.StringIO()
    details = Details(PWNED, [("Summary", "One\x9b2J\nTwo\tthree")])
    render_details(details, _terminal(out, color=color))
    drawn = out.getvalue()
    assert SHOWN in drawn
    assert "One\\u009b2J" in drawn
    assert not any(sequence in drawn for sequence in RUN_BY_A_TERMINAL)


def test_the_piped_details_are_byte_exact() -> None:
    out = io.StringIO()
    terminal = Terminal(out, io.StringIO(), is_terminal=False, color=False)
    render_details(Details(PWNED, [("Summary", "One\x9b2J")]), terminal)
    assert out.getvalue() == f"{PWNED}\nSummary: One\x9b2J\n"
