"""Each command's --format offers, in its help, to the shell and to Click, exactly the formats it
writes (from `export.formats.FORMATS`), and refuses another with where it is written."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run

LISTING = ["table", "csv", "json", "jsonl", "markdown"]
EXPORT = ["csv", "json", "jsonl", "markdown", "bibtex", "ris", "csl-json", "toml", "ics", "vcf",
          "xlsx", "html"]  # fmt: skip
TAKES = {
    "list": LISTING,
    "search": LISTING,
    "contacts": LISTING,
    "organisations": LISTING,
    "timeline": LISTING,
    "export": EXPORT,
    "stats": ["table", "json", "csv"],
}


def _completed(command: str) -> list[str]:
    env = {"_TALENTHUB_COMPLETE": "complete_bash", "COMP_WORDS": f"talenthub {command} -f ",
           "COMP_CWORD": "3"}  # fmt: skip
    return [line for line in run(env=env).stdout.splitlines() if line]


def _helped(command: str) -> list[str]:
    """The formats the help's --format line names, in order."""
    text = run(command, "--help", env={"COLUMNS": "400"}).stdout
    line = next(line for line in text.splitlines() if "--format" in line and "FORMAT" in line)
    said = line.split("FORMAT", 1)[1].split(";")[0].split(".")[0].strip()
    if " (" in said:  # stats: "table (bars on a terminal, ...), json or csv"
        said = re.sub(r" \(.*?\)", "", said)
    return re.split(r", | or ", said)


@pytest.mark.parametrize("command", sorted(TAKES))
def test_help_and_completion_offer_what_the_command_takes(command: str) -> None:
    assert _completed(command) == TAKES[command]
    assert _helped(command) == TAKES[command]


def test_a_format_of_another_command_is_refused_by_the_option() -> None:
    said = {
        ("list", "ics"): "'ics' is not one of 'table', 'csv', 'json', 'jsonl', 'markdown' "
        "(`talenthub export` writes ics)",
        ("contacts", "xlsx"): "'xlsx' is not one of 'table', 'csv', 'json', 'jsonl', 'markdown' "
        "(`talenthub export` writes xlsx)",
        ("export", "table"): "'table' is not one of 'csv', 'json', 'jsonl', 'markdown', "
        "'bibtex', 'ris', 'csl-json', 'toml', 'ics', 'vcf', 'xlsx', 'html' "
        "(`talenthub list` shows a table)",
        ("stats", "bibtex"): "'bibtex' is not one of 'table', 'json', 'csv' "
        "(`talenthub export` writes bibtex)",
        ("search", "nope"): "'nope' is not one of 'table', 'csv', 'json', 'jsonl', 'markdown'",
    }
    for (command, chosen), why in said.items():
        outcome = run(command, "--format", chosen)
        assert (outcome.code, outcome.stdout, outcome.stderr) == (
            2,
            "",
            f"talenthub: Invalid value for '--format' / '-f': {why}; "
            f"see talenthub {command} --help\n",
        )
    assert run("list", "-f", "JSON", "--limit", "1").stdout.startswith("[")  # any case
