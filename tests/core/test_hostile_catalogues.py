"""Catalogues written to break the reader: nesting past what TOML readers allow, numbers past
what Python reads. Each gets one message with its line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import run

if TYPE_CHECKING:
    from pathlib import Path

HEAD = 'schema = 1\n\n[project]\nid = "demo"\ntitle = "Demo"\n'
MATERIAL = '\n[[materials]]\nid = "s"\ntitle = "S"\n'  # lines 7 to 9


def _refused(path: Path, text: str) -> str:
    """The one line of stderr with which `list` refuses the catalogue `text`."""
    path.write_text(text, encoding="utf-8")
    outcome = run("-c", str(path), "list")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.count("\n") == 1
    return outcome.stderr


NESTED = f"{HEAD}x = {'[' * 100_000}\n"
DOTTED = f"{HEAD}{'.'.join(['a'] * 5000)} = 1\n"
HEADER = f"{HEAD}\n[{'.'.join(['a'] * 1500)}]\n"
NESTED_OVER_LINES = HEAD + "x = [\n" + "[\n" * 500


@pytest.mark.parametrize(
    ("text", "line"),
    [(NESTED, 6), (DOTTED, 6), (HEADER, 7), (NESTED_OVER_LINES, 6 + 400)],
    ids=["nested-arrays", "dotted-key", "dotted-header", "nested-over-lines"],
)
def test_toml_nested_deeper_than_the_reader_allows_is_refused_at_its_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "deep.toml"
    assert _refused(path, text) == (
        f"talenthub: {path}:{line}: invalid TOML: "
        "arrays, inline tables or dotted keys nested too deeply to read\n"
    )


def test_an_integer_too_long_for_python_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    text = f'{HEAD}{MATERIAL}type = "survey"\nresponses = {"1" * 5000}\n'
    assert _refused(path, text) == (
        f"talenthub: {path}:11: invalid TOML: "
        "a whole number too long to read (more than 4,300 digits)\n"
    )


def test_a_long_integer_in_a_string_does_not_mislead_the_line(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    text = f'{HEAD}{MATERIAL}type = "survey"\nnotes = "{"2" * 5000}"\nresponses = {"1" * 5000}\n'
    assert _refused(path, text) == (
        f"talenthub: {path}:12: invalid TOML: "
        "a whole number too long to read (more than 4,300 digits)\n"
    )


def test_check_reports_what_cannot_be_read_as_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(NESTED, encoding="utf-8")
    outcome = run("check", str(path))
    assert outcome.code == 1
    assert outcome.stdout.splitlines()[0] == (
        f"{path}:6: error: invalid TOML: "
        "arrays, inline tables or dotted keys nested too deeply to read"
    )
