"""`stats` and the timeline chart, end to end: what each format and each kind of output gets."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path


def test_stats_piped_are_group_key_count_lines_under_the_filters() -> None:
    outcome = run("stats", "--type", "survey")
    assert outcome.code == 0
    assert outcome.stdout.splitlines() == [
        "type\tsurvey\t2",
        "year\t2023\t2",
        "month\t2023-11\t1",
        "month\t2023-12\t1",
        "organisation\tiom\t2",
        "contact\tjana-grebe\t2",  # as many: by name
        "contact\trand-al-ani\t2",
        "availability\ton-request\t2",
    ]


def test_stats_as_json_and_csv() -> None:
    counts = json.loads(run("stats", "--format", "json", "--availability", "on-request").stdout)
    assert counts["total"] == 2
    assert counts["type"] == [{"key": "survey", "label": "Survey", "count": 2}]
    assert run("stats", "-f", "csv", "--type", "brief").raw.startswith(
        b"group,key,label,count\r\ntype,brief,Brief,2\r\n"
    )
    refused = run("stats", "--format", "bibtex")
    assert (refused.code, refused.stderr) == (
        2,
        "talenthub: Invalid value for '--format' / '-f': 'bibtex' is not one of 'table', "
        "'json', 'csv' (`talenthub export` writes bibtex); see talenthub stats --help\n",
    )


def test_stats_csv_guards_formulas(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        ['id = "m"\ntitle = "M"\ntype = "report"\norganisations = ["o"]'],
        extra='\n[[organisations]]\nid = "o"\nname = "=cmd()"\n',
    )
    assert "'=cmd()" in run("-c", str(path), "stats", "-f", "csv").stdout


@pytest.mark.usefixtures("terminal")
def test_the_timeline_is_a_chart_on_a_terminal_and_a_listing_otherwise() -> None:
    chart = run("--no-color", "timeline", "--type", "survey").stdout
    assert "remote-work-digital-nomad-survey" in chart
    assert "months" in chart.splitlines()[1]
    listed = run("--no-color", "timeline", "--type", "survey", "--columns", "id").stdout
    assert "months" not in listed


def test_the_timeline_piped_keeps_its_lines_and_the_filters_choose() -> None:
    outcome = run("timeline", "--type", "survey", "--columns", "date,id")
    assert outcome.stdout == (
        "2023-11-09/2023-11-22\tremote-work-digital-nomad-survey\n"
        "2023-12-05/2023-12-19\ttalent-attraction-retention-survey\n"
    )


def test_stats_name_what_has_no_contact_or_organisation(tmp_path: Path) -> None:
    """As "Undated", "No month" and "Unknown" do for dates and availability."""
    path = write_catalogue(tmp_path / "c.toml", ['id = "m"\ntitle = "M"\ntype = "report"'])
    outcome = run("-c", str(path), "stats", "-f", "csv")
    assert outcome.raw.decode().splitlines()[-3:] == [
        "organisation,,No organisation,1",
        "contact,,No contact,1",
        "availability,,Unknown,1",
    ]
