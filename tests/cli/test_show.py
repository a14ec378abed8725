"""`talenthub show`: one record of any kind in full, found by id, id prefix, title or name."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

SURVEY = """\
Remote Work & Digital Nomad Survey
ID: remote-work-digital-nomad-survey
Type: Survey
In the field: 9–22 Nov 2023 (2023-11-09/2023-11-22)
Responses: 68
Availability: On request
Summary: Carried out by IOM under the Talent Hub project to better understand the evolving \
landscape of remote work and its potential to improve talent attraction, mobility, and retention \
within the EU, with a specific focus on remote work, cross-border remote work and digital \
nomadism. The responses were used to inform project materials.
Topics: remote work, cross-border remote work, digital nomadism, talent attraction, talent \
mobility, talent retention
Organisations: International Organization for Migration (IOM)
Contacts: Rand Al-Ani <ralani@iom.int> (IOM): Contact for an analysis of the survey data
  Jana Grebe <jgrebe@iom.int> (IOM): Contact for an analysis of the survey data
Notes: Please contact IOM to receive an analysis of the survey data.
Source: https://germany.iom.int/labour-migration
"""


@pytest.mark.parametrize(
    "reference",
    [
        "remote-work-digital-nomad-survey",  # id
        "remote",  # unique id prefix
        "REMOTE WORK & digital nomad survey",  # title, any case
    ],
)
def test_show_finds_by_id_prefix_or_title(reference: str) -> None:
    outcome = run("show", reference)
    assert (outcome.code, outcome.stderr) == (0, "")
    assert outcome.stdout == SURVEY


def test_show_lists_the_events_a_material_belongs_to() -> None:
    outcome = run("show", "concept-note-coordination-mechanism")
    assert outcome.code == 0
    assert "Events: Project end (31 May 2024)\n" in outcome.stdout
    assert "Date:" not in outcome.stdout  # no source dates the concept note


def test_show_json_is_the_material_record() -> None:
    record = json.loads(run("show", "guidebook", "--format", "json").stdout)
    assert record["id"] == "guidebook"
    assert record["date"] == "2024-05"
    assert record["organisations"] == ["iom-germany", "iom-denmark"]


def test_ambiguous_title_lists_the_candidates_and_exits_1() -> None:
    outcome = run("show", "Briefs")
    assert (outcome.code, outcome.stdout) == (1, "")
    assert outcome.stderr == (
        "talenthub: 'Briefs' is the title of more than one material; say which by its id:\n"
        "  briefs-2024-05  Briefs\n"
        "  briefs-2023-06  Briefs\n"
    )


def test_ambiguous_prefix_lists_the_candidates_and_exits_1() -> None:
    outcome = run("show", "g")
    assert outcome.code == 1
    assert outcome.stderr == (
        "talenthub: 'g' begins the id of more than one material; say which by its id:\n"
        "  guidebook  Guidebook\n"
        "  guiding-principles  Guiding Principles\n"
    )


@pytest.mark.parametrize(
    ("reference", "stderr"),
    [
        ("guidbook", "talenthub: no record 'guidbook'. Did you mean 'Guidebook'?\n"),
        (
            "digital nomads",
            "talenthub: no record 'digital nomads'. "
            "Did you mean 'Digital Nomads & Cross-Border Remote Work'?\n",
        ),
        ("zzz", "talenthub: no record 'zzz'.\n"),
        ("contact:guidebook", "talenthub: no contact 'guidebook'.\n"),
    ],
)
def test_unknown_material_suggests_the_closest_and_exits_1(reference: str, stderr: str) -> None:
    outcome = run("show", reference)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (1, "", stderr)


def test_show_finds_every_kind_of_record() -> None:
    contact = run("show", "Jana Grebe")
    assert contact.code == 0
    assert contact.stdout.splitlines()[:5] == [
        "Jana Grebe",
        "ID: jana-grebe",
        "Email: jgrebe@iom.int",
        "Organisation: International Organization for Migration (IOM)",
        "Role: Contact for an analysis of the survey data",
    ]
    assert "Materials: remote-work-digital-nomad-survey: Remote Work & Digital Nomad Survey" in (
        contact.stdout
    )
    event = run("show", "final-workshop")
    assert event.stdout.splitlines()[:4] == [
        "Final workshop",
        "ID: final-workshop",
        "Date: 15 May 2024 (2024-05-15)",
        "Location: Copenhagen",
    ]
    assert "People: Barbara Rijks (IOM Denmark): IOM Chief of Mission in Denmark" in event.stdout
    organisation = run("show", "org:iom").stdout
    assert "Parts: IOM Germany\n  IOM Denmark\n" in organisation
    assert "People: Rand Al-Ani <ralani@iom.int> (IOM)" in organisation
    assert "  guiding-principles: Guiding Principles (July 2024)" in organisation  # its parts'
    assert run("show", "talent-hub-eu").stdout.startswith("Talent Hub EU\nID: talent-hub-eu\n")


def test_show_json_of_a_contact_is_its_record() -> None:
    assert json.loads(run("show", "contact:jana", "--format", "json").stdout) == {
        "id": "jana-grebe",
        "name": "Jana Grebe",
        "email": "jgrebe@iom.int",
        "organisation": "iom",
        "role": "Contact for an analysis of the survey data",
        "source": "https://germany.iom.int/labour-migration",
    }


def test_a_name_shared_by_kinds_lists_them_with_their_kinds(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        ['id = "launch"\ntitle = "Launch"\ntype = "report"'],
        extra='\n[[events]]\nid = "launch"\ntitle = "Launch"\ndate = "2024"\n',
    )
    outcome = run("-c", str(path), "show", "launch")
    assert (outcome.code, outcome.stderr) == (
        1,
        "talenthub: 'launch' is the id of more than one record; say which by its id, with its "
        "kind before it where ids are shared:\n  material:launch  Launch\n  event:launch  Launch\n",
    )
    assert run("-c", str(path), "show", "event:launch").stdout.startswith("Launch\nID: launch\n")
