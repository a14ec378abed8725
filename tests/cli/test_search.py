"""`talenthub search` end to end: each element of the language, ranking, errors, --explain."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.search import FIELDS
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path


def ids(stdout: str) -> list[str]:
    return [line.split("\t", 1)[0] for line in stdout.splitlines()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # words: all must match, each as the start of a word; best match first
        ("digital nomad", ["digital-nomads-remote-work", "remote-work-digital-nomad-survey"]),
        ("NOMAD", ["digital-nomads-remote-work", "remote-work-digital-nomad-survey"]),
        ('"remote work"', ["digital-nomads-remote-work", "remote-work-digital-nomad-survey"]),
        ('"work remote"', []),
        ("type:brief date:2024", ["briefs-2024-05"]),
        ("date:2024-02..2024-05", [
            "guidebook", "multi-situational-report", "briefs-2024-05",
            "areas-for-possible-interventions", "digital-nomads-remote-work",
        ]),
        ("date:2024-06..", ["guiding-principles"]),
        ("date:..2023-06", ["briefs-2023-06"]),
        ("nomad -type:survey", ["digital-nomads-remote-work"]),
        ("survey -nomad", ["talent-attraction-retention-survey"]),
        # BM25: the same word weighs more in a shorter material
        ("guidebook OR principles", ["guiding-principles", "guidebook"]),
        ("survey (talent OR remote) -date:2023-12", ["remote-work-digital-nomad-survey"]),
        ("title:remote", ["digital-nomads-remote-work", "remote-work-digital-nomad-survey"]),
        ("title:talent", ["concept-note-coordination-mechanism", "talent-attraction-retention-survey"]),
        ('topic:"digital nomadism"', ["digital-nomads-remote-work", "remote-work-digital-nomad-survey"]),
        ("contact:jgrebe@iom.int", ["talent-attraction-retention-survey", "remote-work-digital-nomad-survey"]),
        ('contact:"Rand Al-Ani" nomad', ["remote-work-digital-nomad-survey"]),
        ("org:iom-germany type:report", ["multi-situational-report"]),
        ("id:briefs", ["briefs-2024-05", "briefs-2023-06"]),
        ("grebe", ["talent-attraction-retention-survey", "remote-work-digital-nomad-survey"]),  # a contact's name
        ("copenhagen", []),  # only in the organisation's description, which is not a material's text
    ],
)  # fmt: skip
def test_the_language(query: str, expected: list[str]) -> None:
    outcome = run("search", query)
    assert outcome.code == (0 if expected else 1)
    assert ids(outcome.stdout) == expected


def test_piped_results_are_lines_as_list_writes_them() -> None:
    outcome = run("search", "guidebook")
    assert (outcome.code, outcome.stdout, outcome.stderr) == (
        0,
        "guidebook\t2024-05\tguidebook\tGuidebook\n",
        "",
    )


def test_the_filters_of_list_apply() -> None:
    outcome = run("search", "talent", "--type", "survey", "--since", "2023-12")
    assert ids(outcome.stdout) == ["talent-attraction-retention-survey"]


def test_sort_by_date_and_the_json_contract() -> None:
    outcome = run("search", "survey", "--sort", "date", "--reverse", "--format", "json")
    records = json.loads(outcome.stdout)
    assert [r["id"] for r in records] == [
        "remote-work-digital-nomad-survey",
        "talent-attraction-retention-survey",
    ]
    assert records[0]["responses"] == 68


@pytest.mark.parametrize(
    ("query", "stderr"),
    [
        ("guidbook", "talenthub: no materials match 'guidbook'. Did you mean 'guidebook'?\n"),
        ("nomds", "talenthub: no materials match 'nomds'. Did you mean 'nomads'?\n"),
        (
            "digital nomds",
            "talenthub: no materials match 'digital nomds'. Did you mean 'digital nomads'?\n",
        ),
        ("xylophone", "talenthub: no materials match 'xylophone'.\n"),
    ],
)
def test_nothing_found_exits_1_with_what_was_probably_meant(query: str, stderr: str) -> None:
    outcome = run("search", query)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (1, "", stderr)


@pytest.mark.parametrize(
    ("query", "stderr"),
    [
        (
            '"remote work',
            "talenthub: cannot read the query: this quote is not closed (expected '\"')\n"
            '  "remote work\n'
            "  ^\n",
        ),
        (
            "nomad OR",
            "talenthub: cannot read the query: expected a word after OR\n  nomad OR\n          ^\n",
        ),
        (
            "survey ()",
            "talenthub: cannot read the query: expected a word inside the parentheses\n"
            "  survey ()\n"
            "          ^\n",
        ),
        (
            "colour:red",
            "talenthub: cannot read the query: unknown field 'colour:'; the fields are: "
            f"{', '.join(FIELDS)}\n  colour:red\n  ^\n",
        ),
        (
            "date:2024-13",
            "talenthub: cannot read the query: '2024-13' is not a valid EDTF date: month 13 does "
            "not exist. Months are 01 to 12, seasons 21 to 24\n  date:2024-13\n       ^\n",
        ),
    ],
)
def test_a_query_that_cannot_be_read_exits_2_with_a_caret(query: str, stderr: str) -> None:
    outcome = run("search", query)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (2, "", stderr)


def test_explain_shows_the_tree_and_why_each_matched() -> None:
    outcome = run("search", "nomad -type:survey OR guidebook", "--explain")
    assert outcome.code == 0
    lines = outcome.stdout.splitlines()
    assert lines[:8] == [
        "query: nomad -type:survey OR guidebook",
        "  any of",
        "    all of",
        "      word 'nomad' (or a word it begins)",
        "      not",
        "        type is survey",
        "    word 'guidebook' (or a word it begins)",
        "2 materials, best first:",
    ]
    assert lines[8].startswith("  guidebook  relevance ")
    assert lines[8].endswith("  title: guidebook; summary: guidebook; other: guidebook")
    assert lines[9].startswith("  digital-nomads-remote-work  relevance ")
    assert lines[9].endswith("  title: nomad; topics: nomad")


def test_relevance_weighs_the_title_above_the_rest(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        [
            'id = "in-summary"\ntitle = "Annual report"\ntype = "report"\nsummary = "About kestrels."',
            'id = "in-topics"\ntitle = "Birds"\ntype = "report"\ntopics = ["kestrel"]',
            'id = "in-title"\ntitle = "The kestrel"\ntype = "report"',
        ],
    )
    outcome = run("-c", str(path), "search", "kestrel", "--columns", "id")
    assert outcome.stdout == "in-title\nin-topics\nin-summary\n"


def test_case_and_accents_do_not_matter_either_way(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        [
            'id = "cph"\ntitle = "Talent in København"\ntype = "report"',
            'id = "lodz"\ntitle = "Kobenhavn and Łódź"\ntype = "brief"',
        ],
    )
    for query in ("Kobenhavn", "københavn", "KØBENHAVN"):
        outcome = run("-c", str(path), "search", query, "--sort", "title")
        assert ids(outcome.stdout) == ["lodz", "cph"], query
    assert ids(run("-c", str(path), "search", "lodz").stdout) == ["lodz"]


@pytest.mark.usefixtures("terminal")
def test_on_a_terminal_the_words_found_are_highlighted_in_a_snippet() -> None:
    outcome = run("search", "modular")
    assert outcome.code == 0
    assert "\x1b[1;33mmodular\x1b[0m" in outcome.stdout  # bold yellow
    plain = run("--no-color", "search", "modular").plain
    lines = [line.rstrip() for line in plain.splitlines()]
    assert lines[0].split() == ["ID", "Date", "Title", "Found", "in"]
    assert lines[2].startswith("guidebook   May 2024   Guidebook   A modular guidebook showcasing")


def test_words_may_come_unquoted_and_a_negation_after_double_dash() -> None:
    assert ids(run("search", "digital", "nomad").stdout) == ids(
        run("search", "digital nomad").stdout
    )
    outcome = run("search", "--", "nomad", "-type:survey")
    assert ids(outcome.stdout) == ["digital-nomads-remote-work"]


@pytest.mark.parametrize(
    "arguments",
    [
        ["survey OR nomad OR guide"],
        ["date:2023..", "--sort", "title"],
        ["--reverse", "--limit", "4", "--", "-type:survey"],
        ["talent OR work", "--columns", "title,type"],
    ],
)
def test_lines_read_from_the_index_are_the_json_records_in_their_order(
    arguments: list[str],
) -> None:
    """Piped lines and CSV are read from the index's columns, JSON from the records: the same
    materials in the same order, with the same text."""
    records = json.loads(run("search", "--format", "json", *arguments).stdout)
    columns = arguments[arguments.index("--columns") + 1] if "--columns" in arguments else ""
    names = columns.split(",") if columns else ["id", "date", "type", "title"]
    lines = run("search", *arguments).stdout.splitlines()
    assert lines == ["\t".join(str(r.get(n, "")) for n in names) for r in records]
    written = run("search", "--format", "csv", *arguments).stdout
    assert list(csv.reader(io.StringIO(written)))[1:] == [
        [str(r.get(n, "")) for n in names] for r in records
    ]
