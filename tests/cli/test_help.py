"""Every command has help with examples, and every example in the help works."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import pytest
import typer

from talenthub_cli.cli.app import app
from tests.conftest import run

if TYPE_CHECKING:
    from pathlib import Path

COMMANDS = sorted(typer.main.get_group(app).list_commands(typer.Context(typer.main.get_group(app))))


def test_every_command_is_listed() -> None:
    assert COMMANDS == [
        "about", "add", "check", "config", "contacts", "edit", "export", "import", "init",
        "list", "organisations", "remove", "search", "serve", "show", "stats", "timeline",
    ]  # fmt: skip


def _examples(help_text: str) -> list[str]:
    lines = [line.strip(" │") for line in help_text.splitlines()]
    return [line for line in lines if line.startswith("talenthub ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_a_summary_and_examples(command: str) -> None:
    outcome = run(command, "--help")
    assert outcome.code == 0
    assert f"Usage: talenthub {command}" in outcome.stdout
    assert "Examples:" in outcome.stdout
    assert any(example.startswith(f"talenthub {command}") for example in _examples(outcome.stdout))


# The commands that change a catalogue: their examples run on the user's own copy (made by
# `talenthub init`), with an editor that saves as it is, a CSV to import, and answers to give.
CHANGING = {"add", "edit", "remove", "import"}
ANSWERS = "A new brief\nbrief\nMay 2024\n\n\n\n\n\ny\n"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_example_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples are real: each one succeeds and says something (on stdout, or on stderr
    with the file it wrote), except those that name a file of the reader's."""
    monkeypatch.chdir(tmp_path)  # where the examples that write a file put it
    help_text = run(*([command] if command else []), "--help").stdout
    examples = [e for e in _examples(help_text) if "my-project.toml" not in e and "=" not in e]
    assert examples or command == ""
    if command == "serve":  # it starts, says where, and stops at once rather than serve
        import uvicorn

        monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets=None: None)
    if command in CHANGING:
        assert run("init").code == 0
        assert run("export", "-o", "materials.csv").code == 0
    for example in examples:
        arguments = shlex.split(example)[1:]
        outcome = run(*arguments, env={"EDITOR": "true"}, input=ANSWERS)
        assert outcome.code == 0, f"{example}: {outcome.stderr}"
        written = [arguments[i + 1] for i, a in enumerate(arguments) if a in ("-o", "--output")]
        if written:
            assert (tmp_path / written[0]).stat().st_size > 0, example
            assert outcome.stderr.startswith("Wrote "), example
        else:
            assert outcome.stdout or outcome.stderr, example


def test_a_mistyped_command_suggests_the_nearest() -> None:
    outcome = run("lst")
    assert outcome.code == 2
    assert "No such command 'lst'. Did you mean 'list'?" in outcome.stderr


def test_the_commands_are_built_only_when_asked_for() -> None:
    group = typer.main.get_group(app)
    assert group.commands == {}  # --version and the group's own options need none
    assert run("list", "-n", "1").code == 0


def test_the_export_help_names_every_column_in_order() -> None:
    from talenthub_cli.cli.commands import export
    from talenthub_cli.core.records import MATERIAL_COLUMNS

    assert export.__doc__ is not None
    assert f"the columns are {', '.join(MATERIAL_COLUMNS)}," in " ".join(export.__doc__.split())
