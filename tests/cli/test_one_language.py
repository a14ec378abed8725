"""One language across the commands: an option means the same in each, every format obeys it, and
every exit says why. Each test here failed before the rules were declared once."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.cli.errors import ExitCode
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_catalogue(
        tmp_path / "c.toml",
        [f'id = "trap"\ntitle = \'{FORMULA}\'\ntype = "report"\nsummary = "kestrel"'],
    )


@pytest.mark.parametrize(
    "args", [("list",), ("search", "kestrel"), ("export",), ("export", "kestrel")]
)
def test_every_csv_guards_formulas(hostile: Path, args: tuple[str, ...]) -> None:
    outcome = run("-c", str(hostile), *args, "--format", "csv", "--columns", "id,title")
    assert (outcome.code, outcome.raw) == (
        0,
        b'id,title\r\ntrap,"\'=HYPERLINK(""http://x"",""y"")"\r\n',
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [(("search", "zzzz"), 1), (("export", "zzzz"), 1), (("list", "--type", "video"), 0)],
)
def test_nothing_found_is_still_well_formed_in_every_format(
    args: tuple[str, ...], code: int
) -> None:
    for output_format, stdout in (("json", "[]\n"), ("jsonl", ""), ("csv", "id,title\r\n")):
        outcome = run(*args, "--format", output_format, "--columns", "id,title")
        assert (outcome.code, outcome.raw.decode()) == (code, stdout)


@pytest.mark.parametrize(
    "args",
    [("list", "--type", "brief"), ("search", "briefs"), ("export", "--type", "brief")],
)
def test_columns_narrow_json_in_every_command(args: tuple[str, ...]) -> None:
    outcome = run(*args, "--format", "json", "--columns", "id,date,contacts")
    assert json.loads(outcome.stdout) == [
        {"id": "briefs-2024-05", "date": "2024-05", "contacts": []},
        {"id": "briefs-2023-06", "date": "2023-06", "contacts": []},
    ]


def test_columns_narrow_json_of_contacts_and_organisations() -> None:
    contacts = json.loads(run("contacts", "-f", "json", "--columns", "id,email", "-n", "1").stdout)
    assert contacts == [{"id": "rand-al-ani", "email": "ralani@iom.int"}]
    organisations = json.loads(run("organisations", "-f", "json", "--columns", "id").stdout)
    assert organisations[:2] == [{"id": "iom"}, {"id": "iom-germany"}]


def test_explain_as_json() -> None:
    outcome = run("search", "nomad -type:survey", "--explain", "--format", "json")
    assert outcome.code == 0
    assert json.loads(outcome.stdout) == {
        "query": "nomad -type:survey",
        "reading": [
            "all of",
            "  word 'nomad' (or a word it begins)",
            "  not",
            "    type is survey",
        ],
        "materials": [
            {
                "id": "digital-nomads-remote-work",
                "relevance": json.loads(outcome.stdout)["materials"][0]["relevance"],
                "found": {"title": ["nomad"], "topics": ["nomad"]},
            }
        ],
    }


def test_n_is_the_limit_everywhere_and_the_dry_run_has_no_short_flag(tmp_path: Path) -> None:
    assert len(run("list", "-n", "2").stdout.splitlines()) == 2
    assert len(run("timeline", "-n", "3").stdout.splitlines()) == 3
    assert len(run("contacts", "-n", "1").stdout.splitlines()) == 1
    outcome = run("import", str(tmp_path / "x.csv"), "-n")
    assert outcome.code == ExitCode.USAGE
    assert "No such option: -n" in outcome.stderr


def test_a_limit_larger_than_sqlite_holds_lists_everything() -> None:
    for command in ("list", "search nomad", "export"):
        outcome = run(*command.split(), "--limit", "9" * 30, "--format", "jsonl")
        assert outcome.code == 0, outcome.stderr
        assert outcome.stdout == run(*command.split(), "--format", "jsonl").stdout


@pytest.mark.usefixtures("terminal")
def test_no_color_after_the_command() -> None:
    before = run("--no-color", "search", "modular").stdout
    after = run("search", "modular", "--no-color").stdout
    assert after == before
    assert "\x1b[1;33m" not in after  # no yellow
    assert "\x1b[1;33m" in run("search", "modular").stdout


@pytest.mark.parametrize("written", ["Brief", "BRIEF", "brief"])
def test_choices_are_case_insensitive(written: str) -> None:
    outcome = run("list", "--type", written, "--sort", "TITLE", "--format", "JSONL")
    assert outcome.code == 0
    assert [json.loads(line)["id"] for line in outcome.stdout.splitlines()] == [
        "briefs-2024-05",
        "briefs-2023-06",
    ]


def test_a_type_is_also_its_label() -> None:
    assert run("list", "--type", "Concept note").stdout.startswith("concept-note-coordination")


@pytest.mark.parametrize("command", ["show", "about", "config"])
def test_the_human_format_is_called_table_everywhere(command: str) -> None:
    args = [command, "guidebook"] if command == "show" else [command]
    assert run(*args, "--format", "table").code == 0
    assert run(*args, "--format", "text").code == ExitCode.USAGE


def test_lang_is_language_in_add_too(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml")
    outcome = run("-c", str(path), "add", "--title", "T", "-t", "brief", "--lang", "de")
    assert outcome.code == 0, outcome.stderr
    assert 'languages = [\n    "de",\n]' in path.read_text()


def test_edit_and_remove_find_a_material_by_title_or_prefix(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        [
            'id = "first-report"\ntitle = "The First"\ntype = "report"',
            'id = "second"\ntitle = "Two"\ntype = "report"',
        ],
    )
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('The First', 'The First, edited'))\n"
    )
    outcome = run("-c", str(path), "edit", "The First", env={"EDITOR": f"python3 {editor}"})
    assert (outcome.code, outcome.stderr) == (0, f"Saved first-report in {path}.\n")
    outcome = run("-c", str(path), "remove", "sec", "--yes")
    assert outcome.code == 0, outcome.stderr
    assert "second" not in path.read_text()


@pytest.mark.usefixtures("at_a_terminal")
def test_a_material_found_by_title_is_confirmed_before_it_is_edited(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml", ['id = "first"\ntitle = "The First"\ntype = "report"']
    )
    outcome = run("-c", str(path), "edit", "The First", env={"EDITOR": "true"}, input="n\n")
    assert (outcome.code, outcome.stderr) == (
        ExitCode.DECLINED,
        "Edit material 'first' (The First)? [y/n] (y): talenthub: nothing was changed\n",
    )


def test_every_exit_code_comes_with_a_message(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = 1\n[project]\nid = "p"\ntitle = "P"\n[[materials]]\nid = "x"\n')
    outcome = run("check", str(broken))
    assert outcome.code == 3
    assert outcome.stderr == f"talenthub: {broken} is not a valid catalogue: 2 errors\n"


def test_add_has_an_option_for_every_field_of_a_material() -> None:
    from talenthub_cli.cli.options import FIELD_OPTIONS
    from talenthub_cli.core.records import MATERIAL_FIELDS
    from talenthub_cli.core.validate import SCHEMA

    assert [*FIELD_OPTIONS] == [name for name in MATERIAL_FIELDS if name != "id"]
    assert [*SCHEMA["materials"]] == list(MATERIAL_FIELDS)  # the rules name the same fields


def test_add_takes_every_field_and_reads_types_and_names_as_people_write_them(
    tmp_path: Path,
) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        ['id = "older"\ntitle = "Older"\ntype = "report"'],
        extra='\n[[organisations]]\nid = "iom"\nname = "International Organization for Migration"\n'
        'short_name = "IOM"\n\n[[contacts]]\nid = "jana"\nname = "Jana Grebe"\nemail = "j@iom.int"\n',
    )
    outcome = run(
        "-c", str(path), "add", "--title", "Poll", "--type", "Survey", "--date", "May 2024",
        "--summary", "Asked.", "--topic", "a", "--topic", "b", "--lang", "en", "--org", "IOM",
        "--contact", "jana grebe", "--url", "https://example.org", "--availability", "On request",
        "--part", "older", "--related", "older", "--responses", "7", "--notes", "N.",
        "--source", "https://example.org/s",
    )  # fmt: skip
    assert (outcome.code, outcome.stdout) == (0, "poll\n"), outcome.stderr
    assert json.loads(run("-c", str(path), "show", "poll", "-f", "json").stdout) == {
        "id": "poll", "title": "Poll", "type": "survey", "date": "2024-05", "summary": "Asked.",
        "topics": ["a", "b"], "languages": ["en"], "organisations": ["iom"],
        "contacts": ["jana"], "url": "https://example.org", "availability": "on-request",
        "parts": ["older"], "related": ["older"], "responses": 7, "notes": "N.",
        "source": "https://example.org/s",
    }  # fmt: skip
