"""A date written as people write it is confirmed as read: `add` says so on stderr, `search
--explain` among the reading of the query; a date written in EDTF needs no word."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path


def test_search_explain_says_how_each_date_option_was_read() -> None:
    outcome = run("search", "retention", "--since", "May 2024", "--during", "2024", "--explain")
    assert outcome.code == 0
    assert outcome.stdout.splitlines()[:4] == [
        "query: retention",
        "  word 'retention' (or a word it begins)",
        "  --since read as 2024-05 (May 2024)",
        "  --during read as 2024 (2024)",
    ]
    as_json = run("search", "retention", "--until", "9-22 November 2023", "--explain", "-f", "json")
    assert json.loads(as_json.stdout)["reading"][-1] == (
        "--until read as 2023-11-09/2023-11-22 (9–22 Nov 2023)"
    )


def test_add_confirms_a_human_date_and_is_quiet_about_edtf(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml")
    human = run("-c", str(path), "add", "--title", "A", "-t", "brief", "--date", "Spring 2024")
    assert human.stderr == f"Read --date 'Spring 2024' as 2024-21.\nAdded a to {path}.\n"
    edtf = run("-c", str(path), "add", "--title", "B", "-t", "brief", "--date", "2024-21")
    assert edtf.stderr == f"Added b to {path}.\n"


def test_a_date_option_takes_a_range_as_search_does() -> None:
    """`--during 2023-11..2024-02` as `date:2023-11..2024-02`: from the first date's first day
    to the second's last, open on one side; the sides as people write them too."""
    interval = run("list", "--during", "2023-11/2024-02")
    assert interval.stdout.count("\n") == 4
    for written in ("2023-11..2024-02", "Nov 2023..February 2024"):
        outcome = run("list", "--during", written)
        assert (outcome.code, outcome.stdout, outcome.stderr) == (0, interval.stdout, "")
    assert run("list", "--during", "2024-05..", "--columns", "id").stdout == (
        "guiding-principles\nguidebook\nmulti-situational-report\nbriefs-2024-05\n"
    )
    assert run("list", "--during", "..2023-06", "--columns", "id").stdout == "briefs-2023-06\n"
    assert run("list", "--during", "2023-12..").stdout == run("search", "date:2023-12..").stdout
    explained = run("search", "nomad", "--during", "2023-11..2024-02", "--explain")
    assert "  --during read as 2023-11/2024-02 (Nov 2023 – Feb 2024)" in explained.stdout


def test_a_range_that_is_not_one_is_refused_as_search_refuses_it() -> None:
    for arguments, said in (
        (("--during", "2024..2023"), "--during: the range '2024..2023' ends before it starts"),
        (("--since", ".."), "--since: a date range needs a date on at least one side of '..'"),
        (("--until", "2024..13"), "--until: '13' is not a valid EDTF date: a year has four digits"),
    ):
        outcome = run("list", *arguments)
        assert (outcome.code, outcome.stdout, outcome.stderr) == (2, "", f"talenthub: {said}\n")
