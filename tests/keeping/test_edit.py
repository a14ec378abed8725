"""`edit` with a scripted $EDITOR: a valid save, an invalid save then a fix, and giving up."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from talenthub_cli.cli.errors import ExitCode
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run
from tests.keeping.test_commands import QUIRKY

# An editor that makes the next of a list of changes (old text -> new text) to the file it is
# given, and keeps what it saw, as a person at a keyboard would.
EDITOR = """
import json, sys
from pathlib import Path

script, target = Path(sys.argv[1]), Path(sys.argv[2])
state = json.loads(script.read_text())
seen = target.read_text()
old, new = state["changes"].pop(0)
assert old in seen, (old, seen)
target.write_text(seen.replace(old, new))
state["seen"].append(seen)
script.write_text(json.dumps(state))
"""


@pytest.fixture
def quirky(tmp_path: Path) -> Path:
    path = tmp_path / "quirky.toml"
    path.write_text(QUIRKY, encoding="utf-8")
    return path


def _editor(tmp_path: Path, changes: list[tuple[str, str]]) -> tuple[dict[str, str], Path]:
    program = tmp_path / "editor.py"
    program.write_text(EDITOR)
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"changes": changes, "seen": []}))
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(program))} {state}"
    return {"EDITOR": command}, state


def test_a_valid_edit_replaces_only_the_records_lines(quirky: Path, tmp_path: Path) -> None:
    env, state = _editor(tmp_path, [('date = "2024-05"', 'date = "2024-06"  # moved')])
    outcome = run("-c", str(quirky), "edit", "first", env=env)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr == f"Saved first in {quirky}.\n"
    assert quirky.read_text() == QUIRKY.replace('date = "2024-05"', 'date = "2024-06"  # moved')
    seen = json.loads(state.read_text())["seen"]
    # The record's lines, with the comment right above its header, which belongs to it.
    assert seen == [QUIRKY[QUIRKY.index("# Materials") : QUIRKY.index("\n\n\n# about") + 1]]


@pytest.mark.usefixtures("at_a_terminal")
def test_an_invalid_edit_is_shown_and_can_be_put_right(quirky: Path, tmp_path: Path) -> None:
    env, state = _editor(
        tmp_path,
        [
            ('type = "report"', 'type = "reprot"'),
            ('type = "reprot"', 'type = "report"\nurl = "https://example.org"'),
        ],
    )
    env["VISUAL"] = env.pop("EDITOR")
    outcome = run("-c", str(quirky), "edit", "second", env=env, input="edit\n")
    assert outcome.code == 0, outcome.stderr
    assert "second was not saved:\n  material 'second', field 'type': 'reprot' is not one of" in (
        outcome.stderr
    )
    second_look = json.loads(state.read_text())["seen"][1]
    assert second_look.startswith("#! second was not saved:\n#!   material 'second', field 'type'")
    assert load_catalogue(quirky).materials[1].url == "https://example.org"
    assert quirky.read_text().startswith(QUIRKY[: QUIRKY.index("# about the second")])


@pytest.mark.usefixtures("at_a_terminal")
def _taken(draft: str) -> str:
    """The text of a draft kept for the person, which the test then tidies away."""
    path = Path(draft)
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


def test_giving_up_leaves_the_file_as_it_was(quirky: Path, tmp_path: Path) -> None:
    env, _ = _editor(tmp_path, [('id = "first"', 'id = "first"\nbroken = ')])
    outcome = run("-c", str(quirky), "edit", "first", env=env, input="give up\n")
    assert outcome.code == 5
    assert "first was not saved:\n  the edited text:4:10: invalid TOML: Invalid value" in (
        outcome.stderr
    )
    said, kept = outcome.stderr.rstrip("\n").rsplit("; your text is kept in ", 1)
    assert said.endswith(f"talenthub: first was not saved; {quirky} is as it was")
    assert "broken = " in _taken(kept)  # what was typed is not thrown away
    assert quirky.read_text() == QUIRKY
    assert not (tmp_path / "quirky.toml.bak").exists()


def test_an_invalid_edit_with_no_one_to_ask_gives_up(quirky: Path, tmp_path: Path) -> None:
    env, _ = _editor(tmp_path, [('type = "report"', 'type = "reprot"')])
    outcome = run("-c", str(quirky), "edit", "second", env=env)
    assert outcome.code == 5
    said, kept = outcome.stderr.rstrip("\n").rsplit("; your text is kept in ", 1)
    assert said == (
        "second was not saved:\n"
        "  material 'second', field 'type': 'reprot' is not one of the known values (did you "
        "mean 'report'?)\n"
        f"talenthub: second was not saved; {quirky} is as it was"
    )
    assert 'type = "reprot"' in _taken(kept)
    assert quirky.read_text() == QUIRKY


def test_a_save_with_no_change_writes_nothing(quirky: Path, tmp_path: Path) -> None:
    env, _ = _editor(tmp_path, [("", "")])
    outcome = run("-c", str(quirky), "edit", "first", env=env)
    assert (outcome.code, outcome.stderr) == (0, "No change to first.\n")
    assert not (tmp_path / "quirky.toml.bak").exists()


@pytest.mark.usefixtures("at_a_terminal")
def test_an_id_that_others_name_cannot_be_renamed_away(quirky: Path, tmp_path: Path) -> None:
    env, _ = _editor(tmp_path, [('id="second"', 'id="other"')])
    outcome = run("-c", str(quirky), "edit", "second", env=env, input="give up\n")
    assert outcome.code == ExitCode.GAVE_UP
    assert "material 'first', field 'related': unknown material 'second'" in outcome.stderr
    assert 'id="other"' in _taken(outcome.stderr.rstrip("\n").rsplit(" kept in ", 1)[1])
    assert quirky.read_text() == QUIRKY


def _fallback_editors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """nano and vi on PATH that only say that they ran (in `ran`)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    ran = tmp_path / "ran"
    for name in ("nano", "vi"):
        (folder / name).write_text(f"#!/bin/sh\necho {name} >> {ran}\n")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return ran


@pytest.mark.skipif(sys.platform == "win32", reason="notepad needs no terminal")
def test_with_no_editor_set_and_no_terminal_edit_refuses(
    quirky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """nano or vi is started only where a person can use it: stdin and stdout a terminal.
    Else edit says what to set, and touches nothing."""
    ran = _fallback_editors(tmp_path, monkeypatch)
    before = quirky.read_bytes()
    outcome = run("-c", str(quirky), "edit", "first")
    assert (outcome.code, outcome.stdout, outcome.stderr) == (
        ExitCode.USAGE,
        "",
        "talenthub: no editor: set $EDITOR (or $VISUAL), e.g. export EDITOR=nano; nano or vi "
        "is started only where stdin and stdout are a terminal\n",
    )
    assert not ran.exists()
    assert quirky.read_bytes() == before
    assert not (tmp_path / "quirky.toml.bak").exists()


@pytest.mark.usefixtures("terminal", "at_a_terminal")
@pytest.mark.skipif(sys.platform == "win32", reason="notepad needs no terminal")
def test_with_no_editor_set_at_a_terminal_edit_starts_nano(
    quirky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = _fallback_editors(tmp_path, monkeypatch)
    outcome = run("-c", str(quirky), "edit", "first")
    assert (outcome.code, outcome.stderr) == (0, "No change to first.\n")
    assert ran.read_text() == "nano\n"
