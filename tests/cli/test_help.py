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

COMMANDS = sorted(typer.main.get_group(app).commands)


def test_every_command_is_listed() -> None:
    assert COMMANDS == [
        "about", "config", "contacts", "export", "list", "organisations", "search", "show",
        "timeline",
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


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_example_runs_on_the_bundled_catalogue(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples are real: each one succeeds and writes something (to stdout, or to the file
    it names), except those that name a file of the reader's."""
    monkeypatch.chdir(tmp_path)  # where the examples that write a file put it
    help_text = run(*([command] if command else []), "--help").stdout
    examples = [e for e in _examples(help_text) if "my-project.toml" not in e and "=" not in e]
    assert examples or command == ""
    for example in examples:
        arguments = shlex.split(example)[1:]
        outcome = run(*arguments)
        assert outcome.code == 0, f"{example}: {outcome.stderr}"
        written = [arguments[i + 1] for i, a in enumerate(arguments) if a in ("-o", "--output")]
        if written:
            assert (tmp_path / written[0]).stat().st_size > 0, example
            assert outcome.stderr.startswith("Wrote "), example
        else:
            assert outcome.stdout, example
