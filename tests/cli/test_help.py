"""Every command has help with examples, and every example in the help works."""

from __future__ import annotations

import itertools
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


SEARCH_HELP_80 = """\
 Search the materials, best match first.

 Words must all match, each as the start of a word ("nomad" finds "nomads"), in
 any text of a material or the names of its contacts and organisations; case
 and accents do not matter. "Quoted words" match side by side.

 field:value looks in one field: type, topic, contact, org, lang, availability,
 date, title, id; date: takes EDTF or a range 2023-11..2024-02 (open: 2024..).
"""


def test_help_is_paragraphs_that_rich_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A docstring's lines are joined into paragraphs, which Rich wraps at the terminal's width:
    no line breaks where the source's width put them (`in any text of a` / `material or ...`)."""
    import typer.rich_utils

    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", 80)
    shown = run("search", "--help").stdout
    assert SEARCH_HELP_80 in "\n".join(line.rstrip() for line in shown.splitlines())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_at_80_columns_has_no_short_lines_mid_paragraph(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line of a paragraph but its last reaches near the right edge: a line that ends early
    and is followed by more of the paragraph is text wrapped twice."""
    import typer.rich_utils

    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", 80)
    shown = run(command, "--help").stdout
    prose = [
        line.rstrip() for line in shown.split("╭")[0].splitlines()[3:]
    ]  # after the usage line, before the panels
    for line, following in itertools.pairwise(prose):
        if line.strip() and following.strip() and not line.startswith("   "):
            next_word = following.split()[0]
            assert len(line) + 1 + len(next_word) > 79, (line, following)  # a column of padding


@pytest.mark.parametrize("command", COMMANDS)
def test_option_metavars_are_single_words(command: str) -> None:
    """No metavar lists its choices (`<table|json|jsonl|csv|markd` / `own>` split in a narrow
    column): the choices are in the option's help."""
    shown = run(command, "--help").stdout
    assert "|" not in shown.replace("│", "")
    assert "<int range>" not in shown


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (
            ("list", "--bogus"),
            "No such option: --bogus (Possible options: --columns, --org); see talenthub list --help",
        ),
        (
            ("list", "--limit", "0"),
            "Invalid value for '--limit' / '-n': 0 is not in the range x>=1; see talenthub list --help",
        ),
        (("show",), "Missing argument 'ID'; see talenthub show --help"),
        (("lst",), "No such command 'lst'. Did you mean 'list'? See talenthub --help"),
        (("-c",), "Option '-c' requires an argument; see talenthub --help"),
        (("list", "--limit"), "Option '--limit' requires an argument; see talenthub list --help"),
    ],
)
def test_a_usage_error_is_one_line_on_stderr(arguments: tuple[str, ...], said: str) -> None:
    """Exit 2 with one line, as every other error of the command line: no usage box."""
    outcome = run(*arguments)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (2, "", f"talenthub: {said}\n")


LIST_HELP_20_FILTERS = """\
Filters:
 --type, -t TYPE
   Only this type;
   repeat for
   several: article,
   brief,
   concept-note,
   dataset,
   document,
   guidebook,
   guidelines,
   presentation,
   report, survey,
   video, webpage.
 --topic TOPIC
   Only materials
   with this topic.
 --contact NAME
   A contact's id,
   name or email.
 --organisation,
 --org NAME
   An organisation's
   id, short name or
   name; includes
   its parts (IOM:
   IOM Germany).
"""


def test_help_on_a_narrow_terminal_puts_each_option_above_its_text() -> None:
    """Below 50 columns Rich's panels would leave an option's text a column or two (and split
    its words and metavars): each option is a line of its own, its text below."""
    shown = run("list", "--help", env={"COLUMNS": "20"}).stdout
    lines = [line.rstrip() for line in shown.splitlines()]
    assert all(len(line) <= 20 for line in lines), lines
    assert LIST_HELP_20_FILTERS in "\n".join(lines) + "\n"
    assert lines[:2] == ["Usage: talenthub", "list [OPTIONS]"]


def test_the_commands_are_listed_on_a_narrow_terminal() -> None:
    shown = run("--help", env={"COLUMNS": "30"}).stdout
    lines = [line.rstrip() for line in shown.splitlines()]
    assert "Commands:" in lines
    assert lines[lines.index("Commands:") + 1 : lines.index("Commands:") + 3] == [
        " list",
        "   List the materials, newest",
    ]
