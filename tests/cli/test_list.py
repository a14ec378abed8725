"""`talenthub list` end to end on the bundled catalogue: filters, order, and every format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import run

ALL_PIPED = """\
guiding-principles\t2024-07\tguidelines\tGuiding Principles
guidebook\t2024-05\tguidebook\tGuidebook
multi-situational-report\t2024-05\treport\tMulti-Situational Report
briefs-2024-05\t2024-05\tbrief\tBriefs
areas-for-possible-interventions\t2024-02\tdocument\tAreas for possible interventions
digital-nomads-remote-work\t2024-02\tdocument\tDigital Nomads & Cross-Border Remote Work
talent-attraction-retention-survey\t2023-12-05/2023-12-19\tsurvey\tInternational Talent Attraction & Retention Survey
remote-work-digital-nomad-survey\t2023-11-09/2023-11-22\tsurvey\tRemote Work & Digital Nomad Survey
briefs-2023-06\t2023-06\tbrief\tBriefs
concept-note-coordination-mechanism\t\tconcept-note\tConcept note on a Talent Hub EU coordination mechanism
"""


def ids(stdout: str) -> list[str]:
    return [line.split("\t", 1)[0] for line in stdout.splitlines()]


def test_list_piped_is_tab_separated_newest_first_with_undated_last() -> None:
    outcome = run("list")
    assert outcome.code == 0
    assert outcome.stderr == ""
    assert outcome.stdout == ALL_PIPED


def test_reverse_lists_oldest_first_keeping_catalogue_order_for_ties() -> None:
    outcome = run("list", "--reverse")
    assert ids(outcome.stdout) == [
        "briefs-2023-06",
        "remote-work-digital-nomad-survey",
        "talent-attraction-retention-survey",
        "areas-for-possible-interventions",
        "digital-nomads-remote-work",
        "guidebook",
        "multi-situational-report",
        "briefs-2024-05",
        "guiding-principles",
        "concept-note-coordination-mechanism",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--type", "brief"), ["briefs-2024-05", "briefs-2023-06"]),
        (("--type", "survey", "--type", "report"), [
            "multi-situational-report",
            "talent-attraction-retention-survey",
            "remote-work-digital-nomad-survey",
        ]),
        # what runs on a day: only the survey in the field then
        (("--during", "2023-11-15"), ["remote-work-digital-nomad-survey"]),
        # what ends on or after 1 May 2024
        (("--since", "2024-05"), [
            "guiding-principles", "guidebook", "multi-situational-report", "briefs-2024-05",
        ]),
        # what starts on or before 31 Dec 2023
        (("--until", "2023-12"), [
            "talent-attraction-retention-survey",
            "remote-work-digital-nomad-survey",
            "briefs-2023-06",
        ]),
        (("--during", "2023-11/2023-12"), [
            "talent-attraction-retention-survey",
            "remote-work-digital-nomad-survey",
        ]),
        (("--type", "brief", "--since", "2024"), ["briefs-2024-05"]),
        (("--topic", "Digital Nomadism"), [
            "digital-nomads-remote-work", "remote-work-digital-nomad-survey",
        ]),
        (("--contact", "jgrebe@iom.int"), [
            "talent-attraction-retention-survey", "remote-work-digital-nomad-survey",
        ]),
        (("--contact", "rand al-ani", "--during", "2023-11"), ["remote-work-digital-nomad-survey"]),
        # IOM takes in its parts, IOM Germany and IOM Denmark
        (("--org", "IOM", "--type", "survey", "--type", "guidebook"), [
            "guidebook",
            "talent-attraction-retention-survey",
            "remote-work-digital-nomad-survey",
        ]),
        (("--organisation", "iom-germany", "--until", "2023-12"), ["briefs-2023-06"]),
        (("--language", "en"), []),  # no source gives a material's language
        (("--limit", "2"), ["guiding-principles", "guidebook"]),
    ],
)  # fmt: skip
def test_filters(args: tuple[str, ...], expected: list[str]) -> None:
    outcome = run("list", *args)
    assert outcome.code == 0
    assert ids(outcome.stdout) == expected


def test_sort_by_title_and_type() -> None:
    by_title = ids(run("list", "--sort", "title", "--limit", "4").stdout)
    assert by_title == [
        "areas-for-possible-interventions",
        "briefs-2024-05",
        "briefs-2023-06",
        "concept-note-coordination-mechanism",
    ]
    by_type = [line.split("\t")[2] for line in run("list", "--sort", "type").stdout.splitlines()]
    assert by_type == sorted(by_type)


def test_columns_choose_what_is_shown() -> None:
    outcome = run("list", "--type", "survey", "--columns", "id,responses,contacts")
    assert outcome.stdout == (
        "talent-attraction-retention-survey\t110\t"
        "Rand Al-Ani <ralani@iom.int>; Jana Grebe <jgrebe@iom.int>\n"
        "remote-work-digital-nomad-survey\t68\tRand Al-Ani <ralani@iom.int>; Jana Grebe <jgrebe@iom.int>\n"
    )


def test_json_keeps_the_contract() -> None:
    outcome = run("list", "--type", "survey", "--format", "json")
    records = json.loads(outcome.stdout)
    assert [record["id"] for record in records] == [
        "talent-attraction-retention-survey",
        "remote-work-digital-nomad-survey",
    ]
    survey = records[1]
    assert survey == {
        "id": "remote-work-digital-nomad-survey",
        "title": "Remote Work & Digital Nomad Survey",
        "type": "survey",
        "date": "2023-11-09/2023-11-22",
        "summary": survey["summary"],
        "topics": [
            "remote work",
            "cross-border remote work",
            "digital nomadism",
            "talent attraction",
            "talent mobility",
            "talent retention",
        ],
        "languages": [],
        "organisations": ["iom"],
        "contacts": ["rand-al-ani", "jana-grebe"],
        "url": None,
        "availability": "on-request",
        "parts": [],
        "related": [],
        "responses": 68,
        "notes": "Please contact IOM to receive an analysis of the survey data.",
        "source": "https://germany.iom.int/labour-migration",
    }
    assert survey["summary"].startswith("Carried out by IOM under the Talent Hub project")


def test_json_of_every_material_has_the_contract_keys() -> None:
    records = json.loads(run("list", "--format", "json").stdout)
    assert len(records) == 10
    for record in records:
        assert {"id", "title", "type", "date", "summary", "topics", "contacts", "url"} <= set(
            record
        )
        assert ("responses" in record) == (record["type"] == "survey")


def test_jsonl_is_one_object_per_line() -> None:
    lines = run("list", "--type", "brief", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["briefs-2024-05", "briefs-2023-06"]


def test_csv_is_rfc_4180() -> None:
    outcome = run("list", "--type", "document", "--format", "csv", "--columns", "id,date,title")
    assert outcome.raw == (
        b"id,date,title\r\n"
        b"areas-for-possible-interventions,2024-02,Areas for possible interventions\r\n"
        b"digital-nomads-remote-work,2024-02,Digital Nomads & Cross-Border Remote Work\r\n"
    )
    rows = list(
        csv.reader(io.StringIO(run("list", "--format", "csv", "--columns", "id,summary").stdout))
    )
    guidebook = next(row for row in rows if row[0] == "guidebook")
    assert guidebook[1].startswith("A modular guidebook showcasing")


def test_markdown_is_a_table_with_dates_written_out() -> None:
    outcome = run("list", "--type", "survey", "--format", "markdown")
    assert outcome.stdout == (
        "| ID | Date | Type | Title |\n"
        "|---|---|---|---|\n"
        "| talent-attraction-retention-survey | 5–19 Dec 2023 | Survey "
        "| International Talent Attraction \\& Retention Survey |\n"
        "| remote-work-digital-nomad-survey | 9–22 Nov 2023 | Survey "
        "| Remote Work \\& Digital Nomad Survey |\n"
    )


def test_nothing_matching_is_an_empty_listing_not_an_error() -> None:
    outcome = run("list", "--topic", "astronomy")
    assert (outcome.code, outcome.stdout, outcome.stderr) == (0, "", "")
    assert run("list", "--topic", "astronomy", "--format", "json").stdout == "[]\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--since", "09/11/2023"),
            "day and month are ambiguous (9 November or 11 September 2023?)",
        ),
        (("--during", "2024-13"), "month 13 does not exist"),
        (("--until", "Mai 2024"), "'Mai 2024' is not a valid EDTF date"),
        (("--type", "breif"), "unknown type 'breif'; the types are: article, brief, "),
        (("--limit", "0"), "'--limit'"),
        (("--sort", "colour"), "'colour' is not one of"),
        (("--format", "xml"), "'xml' is not one of"),
    ],
)
def test_bad_options_exit_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    outcome = run("list", *args)
    assert outcome.code == 2
    assert outcome.stdout == ""
    assert message in " ".join(outcome.stderr.replace("│", " ").split())


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ("--contact", "jana grebbe"),
            "talenthub: no contact matches 'jana grebbe'. Did you mean 'Jana Grebe'?\n",
        ),
        (
            ("--org", "CopCapp"),
            "talenthub: no organisation matches 'CopCapp'. Did you mean 'CopCap'?\n",
        ),
        (
            ("--columns", "id,colour"),
            "talenthub: unknown column 'colour'; the columns are: id, title, type, date, start, "
            "end, summary, topics, languages, organisations, contacts, url, availability, parts, "
            "related, responses, notes, source\n",
        ),
    ],
)
def test_unknown_names_in_filters_exit_2_with_a_suggestion(
    args: tuple[str, ...], stderr: str
) -> None:
    outcome = run("list", *args)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (2, "", stderr)


def test_availability_filters_list_search_and_export() -> None:
    on_request = ["talent-attraction-retention-survey", "remote-work-digital-nomad-survey"]
    assert ids(run("list", "--availability", "on-request").stdout) == on_request
    assert ids(run("list", "--availability", "On request", "--type", "survey").stdout) == on_request
    assert ids(run("search", "availability:on-request").stdout) == on_request
    assert ids(run("search", "survey -availability:on-request").stdout) == []
    exported = run("export", "--availability", "internal", "--format", "jsonl")
    assert (exported.code, exported.stdout) == (0, "")
    published = ids(run("list", "--availability", "published").stdout)
    assert len(published) == 7
    assert "concept-note-coordination-mechanism" not in published  # it has no availability


def test_an_unknown_availability_is_refused_with_the_choices() -> None:
    outcome = run("list", "--availability", "public")
    assert (outcome.code, outcome.stderr) == (
        2,
        "talenthub: unknown availability 'public'; the availability values are: published, "
        "on-request, internal. Did you mean 'published'?\n",
    )
