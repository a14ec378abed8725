"""contacts, organisations, timeline, about and config, end to end."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

    from talenthub_cli.storage.paths import UserDirs


def test_contacts_piped() -> None:
    outcome = run("contacts")
    assert outcome.code == 0
    assert outcome.stdout == (
        "rand-al-ani\tRand Al-Ani\tralani@iom.int\tiom\tContact for an analysis of the survey data\n"
        "jana-grebe\tJana Grebe\tjgrebe@iom.int\tiom\tContact for an analysis of the survey data\n"
        "barbara-rijks\tBarbara Rijks\t\tiom-denmark\tIOM Chief of Mission in Denmark\n"
        "nikolaj-lubanski\tNikolaj Lubanski\t\tcopcap\tChief Operating Officer at Copenhagen Capacity\n"
    )


def test_contacts_json_keeps_the_contract() -> None:
    contacts = json.loads(run("contacts", "--format", "json").stdout)
    assert contacts[:2] == [
        {
            "id": "rand-al-ani",
            "name": "Rand Al-Ani",
            "email": "ralani@iom.int",
            "organisation": "iom",
            "role": "Contact for an analysis of the survey data",
            "source": "https://germany.iom.int/labour-migration",
        },
        {
            "id": "jana-grebe",
            "name": "Jana Grebe",
            "email": "jgrebe@iom.int",
            "organisation": "iom",
            "role": "Contact for an analysis of the survey data",
            "source": "https://germany.iom.int/labour-migration",
        },
    ]


def test_organisations_piped() -> None:
    outcome = run("organisations", "--columns", "id,short_name,name,parent")
    assert outcome.stdout == (
        "iom\tIOM\tInternational Organization for Migration\t\n"
        "iom-germany\t\tIOM Germany\tiom\n"
        "iom-denmark\t\tIOM Denmark\tiom\n"
        "european-commission\t\tEuropean Commission\t\n"
        "dg-reform\tDG REFORM\tDirectorate-General for Structural Reform Support\teuropean-commission\n"
        "copcap\tCopCap\tCopenhagen Capacity\t\n"
    )


TIMELINE = """\
2022-11\tevent\tlaunch\tProject launch
2022-11-01\tevent\tproject-start\tProject start
2023-06\tmaterial\tbriefs-2023-06\tBriefs
2023-11-09/2023-11-22\tmaterial\tremote-work-digital-nomad-survey\tRemote Work & Digital Nomad Survey
2023-12-05/2023-12-19\tmaterial\ttalent-attraction-retention-survey\tInternational Talent Attraction & Retention Survey
2024-02\tmaterial\tareas-for-possible-interventions\tAreas for possible interventions
2024-02\tmaterial\tdigital-nomads-remote-work\tDigital Nomads & Cross-Border Remote Work
2024-05\tmaterial\tguidebook\tGuidebook
2024-05\tmaterial\tmulti-situational-report\tMulti-Situational Report
2024-05\tmaterial\tbriefs-2024-05\tBriefs
2024-05-15\tevent\tfinal-workshop\tFinal workshop
2024-05-31\tevent\tproject-end\tProject end
2024-07\tmaterial\tguiding-principles\tGuiding Principles
"""


def test_timeline_runs_oldest_first_through_events_and_dated_materials() -> None:
    outcome = run("timeline")
    assert (outcome.code, outcome.stdout) == (0, TIMELINE)


def test_timeline_window_and_json_contract() -> None:
    entries = json.loads(run("timeline", "--during", "2024-05", "--format", "json").stdout)
    assert [(e["id"], e["title"], e["date"], e["kind"], e["type"]) for e in entries] == [
        ("guidebook", "Guidebook", "2024-05", "material", "guidebook"),
        ("multi-situational-report", "Multi-Situational Report", "2024-05", "material", "report"),
        ("briefs-2024-05", "Briefs", "2024-05", "material", "brief"),
        ("final-workshop", "Final workshop", "2024-05-15", "event", None),
        ("project-end", "Project end", "2024-05-31", "event", None),
    ]
    workshop = entries[3]
    assert workshop["location"] == "Copenhagen"
    assert workshop["description"].startswith("IOM presents key recommendations")
    assert entries[0]["description"].startswith("A modular guidebook")


def test_about_gives_the_project_at_a_glance() -> None:
    outcome = run("about")
    assert outcome.code == 0
    lines = outcome.stdout.splitlines()
    assert lines[0] == "Talent Hub EU"
    assert "Period: 1 Nov 2022 – 31 May 2024 (2022-11-01/2024-05-31)" in lines
    assert "Implementers: IOM Germany" in lines
    assert "  IOM Denmark" in lines
    assert "Partners: European Commission" in lines
    assert "  Directorate-General for Structural Reform Support (DG REFORM)" in lines
    assert "  Copenhagen Capacity (CopCap)" in lines
    assert "Catalogue: 10 materials, 4 events, 4 contacts, 6 organisations" in lines
    assert any(
        line.startswith("Funding: Funded by the European Union via the Technical") for line in lines
    )


def test_about_json_is_the_project_record() -> None:
    project = json.loads(run("about", "--format", "json").stdout)
    assert project["period"] == "2022-11-01/2024-05-31"
    assert project["implementers"] == ["iom-germany", "iom-denmark"]
    assert project["partners"] == ["european-commission", "dg-reform", "copcap"]
    assert [title["lang"] for title in project["titles"]] == ["en", "de", "en", "en"]


def test_config_says_which_catalogue_and_why(tmp_path: Path, user_dirs: UserDirs) -> None:
    facts = json.loads(run("config", "--format", "json").stdout)
    assert facts["why"].startswith("the bundled Talent Hub EU catalogue")
    assert facts["config_file"] == str(user_dirs.config_file)
    assert facts["cache_dir"] == str(user_dirs.cache)

    mine = write_catalogue(tmp_path / "mine.toml")
    facts = json.loads(
        run("config", "--format", "json", env={"TALENTHUB_CATALOGUE": str(mine)}).stdout
    )
    assert (facts["catalogue"], facts["why"]) == (
        str(mine),
        "from the TALENTHUB_CATALOGUE environment variable",
    )
    dirs = (user_dirs.config_file, user_dirs.data, user_dirs.cache)
    outcome = run("-c", str(mine), "config")  # piped: tab-separated, as every piped listing
    assert (outcome.code, outcome.stdout, outcome.stderr) == (
        0,
        f"catalogue\t{mine}\nwhy\tfrom the --catalogue option\nconfig_file\t{dirs[0]}\n"
        f"data_dir\t{dirs[1]}\ncache_dir\t{dirs[2]}\n",
        "",
    )


@pytest.mark.usefixtures("terminal")
def test_config_on_a_terminal_is_aligned(tmp_path: Path, user_dirs: UserDirs) -> None:
    mine = write_catalogue(tmp_path / "mine.toml")
    dirs = (user_dirs.config_file, user_dirs.data, user_dirs.cache)
    assert run("-c", str(mine), "config").stdout == (
        f"catalogue    {mine}\nwhy          from the --catalogue option\n"
        f"config_file  {dirs[0]}\ndata_dir     {dirs[1]}\ncache_dir    {dirs[2]}\n"
    )
