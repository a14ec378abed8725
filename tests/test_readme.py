"""The README is true: its set-up lines are there for CI, its example catalogue is valid, and every
command it shows prints what it says."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

from talenthub_cli.core.validate import build_catalogue
from tests.conftest import run, write_catalogue

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    """Each `$ talenthub …` line of the console blocks, with the output shown under it."""
    examples = []
    for block in _blocks("console"):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n")))
    return examples


def _trimmed(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def test_the_set_up_lines_are_marked_for_ci() -> None:
    for marker in ("<!-- set-up: run -->", "<!-- set-up: test -->"):
        assert marker in README
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/talenthub list" in README


def _environment(arguments: list[str]) -> tuple[dict[str, str], list[str]]:
    """The `NAME=value` assignments before the command, and the command."""
    environment = {}
    while arguments and re.fullmatch(r"[A-Z_]+=.*", arguments[0]):
        name, _, value = arguments.pop(0).partition("=")
        environment[name] = value
    return environment, arguments


def test_every_example_prints_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In order, in one folder: an example may read the file that an earlier one wrote. What a
    command says on stderr is shown with its output."""
    monkeypatch.chdir(tmp_path)
    examples = _examples()
    assert len(examples) > 20
    for command, expected in examples:
        environment, arguments = _environment(shlex.split(command))
        assert arguments[0] == "talenthub", command
        outcome = run(*arguments[1:], env=environment)
        shown = outcome.stdout + outcome.stderr if outcome.code == 0 else outcome.stderr
        assert _trimmed(shown) == expected, command


_TERMINAL = re.compile(
    r"<!-- terminal: (?P<command>.+?) -->\n```text\n(?P<shown>.*?)```", re.DOTALL
)


@pytest.mark.usefixtures("terminal")
def test_what_a_100_column_terminal_shows_is_what_the_readme_shows() -> None:
    """Each block marked `<!-- terminal: talenthub ARGS -->`, as the program draws it."""
    blocks = _TERMINAL.findall(README)
    assert len(blocks) >= 3
    for command, shown in blocks:
        arguments = shlex.split(command)
        assert arguments[0] == "talenthub", command
        drawn = run("--no-color", *arguments[1:]).plain  # bold is not colour
        assert _trimmed(drawn) == shown.rstrip("\n"), command


def test_the_example_catalogue_is_valid() -> None:
    (example,) = _blocks("toml")
    catalogue = build_catalogue(tomllib.loads(example), "README.md", example)
    assert catalogue.materials[0].responses == 68


def test_the_invalid_catalogue_example_is_what_talenthub_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = README.split("each with its file and line:\n\n```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    write_catalogue(
        tmp_path / "catalogue.toml",
        [
            'id = "one"\ntitle = "One"\ntype = "breif"',
            'id = "two"\ntitle = "Two"\ntype = "report"\ndate = "2024"\nsummary = "S"\ncontacts = ["ghost"]',
        ],
    )
    outcome = run("-c", "catalogue.toml", "list")
    assert (outcome.code, outcome.stderr) == (2, shown)
