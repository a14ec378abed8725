"""Every fact of the Talent Hub EU sources (shared/seeds) is reachable through the commands,
and through their JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import run


def _json(*arguments: str) -> Any:
    outcome = run(*arguments, "--format", "json")
    assert outcome.code == 0, outcome.stderr
    return json.loads(outcome.stdout)


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return {
        "about": _json("about"),
        "materials": {m["id"]: m for m in _json("list")},
        "contacts": {c["id"]: c for c in _json("contacts")},
        "organisations": {o["id"]: o for o in _json("organisations")},
        "timeline": {e["id"]: e for e in _json("timeline")},
    }


def test_the_project(catalogue: dict[str, Any]) -> None:
    about = catalogue["about"]
    assert about["title"] == "Talent Hub EU"
    assert about["period"] == "2022-11-01/2024-05-31"
    assert about["implementers"] == ["iom-germany", "iom-denmark"]
    assert about["partners"] == ["european-commission", "dg-reform", "copcap"]
    titles = {(t["lang"], t["text"]) for t in about["titles"]}
    assert (
        "en",
        "Talent Hub: Supporting Copenhagen Capacity to strengthen retention and EU-mobility of "
        "skilled migrants through collaborative multi-country coordination on talent retention and "
        "circulation in the EU",
    ) in titles
    assert (
        "de",
        "Talent Hub: Unterstützung von Copenhagen Capacity zur Stärkung der Bindung und der "
        "EU-Mobilität von qualifizierten Migrant:innen durch gemeinsame länderübergreifende "
        "Koordinierung der Bindung und Mobilität von Talenten in der EU",
    ) in titles
    assert (
        "en",
        "Talent Hub: Supporting retention and intra-EU mobility of skilled migrants in Denmark "
        "and the EU",
    ) in titles
    assert any("Strengthening retention and EU mobility" in text for _, text in titles)
    for fact in (
        "mid to highly skilled Third Country National (TCN) workers",
        "intra-EU circulation",
        "talent retention, nurturing and attraction",
        "a concept note on a Talent Hub EU coordination mechanism",
        "final workshop on 15 May 2024",
    ):
        assert fact in about["summary"]
    for fact in ("Technical Support Instrument", "Regulation (EU) 2021/240", "programme 2022"):
        assert fact in about["funding"]
    for fact in (
        "Integration of Third Country Nationals in EU Member States",
        "a situation analysis, capacity-building activities, a review of legislation and a pilot package",
    ):
        assert fact in about["background"]
    assert about["homepages"] == [
        "https://germany.iom.int/labour-migration",
        "https://germany.iom.int/de/arbeitsmigration",
        "https://reform-support.ec.europa.eu/what-we-do/labour-market-and-social-protection/talent-hub-supporting-retention-and-intra-eu-mobility-skilled-migrants-denmark-and-eu_en",
        "https://www.copcap.com/projects/eu-talent-hub",
    ]


def test_the_organisations(catalogue: dict[str, Any]) -> None:
    organisations = catalogue["organisations"]
    iom = organisations["iom"]["description"]
    for fact in (
        "United Nations System",
        "since 1951",
        "175 member states",
        "over 100 countries",
        "1954",
    ):
        assert fact in iom
    assert "migrant protection and assistance" in organisations["iom-germany"]["description"]
    assert organisations["iom-denmark"]["parent"] == "iom"
    assert organisations["dg-reform"]["short_name"] == "DG REFORM"
    assert "job creation and sustainable growth" in organisations["dg-reform"]["description"]
    assert "SG REFORM" in organisations["dg-reform"]["description"]
    copcap = organisations["copcap"]
    assert copcap["short_name"] == "CopCap"
    for fact in ("erhvervsdrivende fond", "1994", "official organisation for investment promotion"):
        assert fact in copcap["description"]
    assert organisations["european-commission"]["name"] == "European Commission"


def test_the_contacts(catalogue: dict[str, Any]) -> None:
    contacts = catalogue["contacts"]
    assert (contacts["rand-al-ani"]["name"], contacts["rand-al-ani"]["email"]) == (
        "Rand Al-Ani",
        "ralani@iom.int",
    )
    assert (contacts["jana-grebe"]["name"], contacts["jana-grebe"]["email"]) == (
        "Jana Grebe",
        "jgrebe@iom.int",
    )
    assert contacts["barbara-rijks"]["role"] == "IOM Chief of Mission in Denmark"
    assert contacts["nikolaj-lubanski"]["role"] == "Chief Operating Officer at Copenhagen Capacity"


def test_the_materials(catalogue: dict[str, Any]) -> None:
    materials = catalogue["materials"]
    dated = {(m["title"], m["date"]) for m in materials.values()}
    assert dated == {
        ("Guiding Principles", "2024-07"),
        ("Guidebook", "2024-05"),
        ("Multi-Situational Report", "2024-05"),
        ("Briefs", "2024-05"),
        ("Areas for possible interventions", "2024-02"),
        ("Digital Nomads & Cross-Border Remote Work", "2024-02"),
        ("International Talent Attraction & Retention Survey", "2023-12-05/2023-12-19"),
        ("Remote Work & Digital Nomad Survey", "2023-11-09/2023-11-22"),
        ("Briefs", "2023-06"),
        ("Concept note on a Talent Hub EU coordination mechanism", None),
    }
    for survey, responses in (
        ("remote-work-digital-nomad-survey", 68),
        ("talent-attraction-retention-survey", 110),
    ):
        assert materials[survey]["responses"] == responses
        assert materials[survey]["availability"] == "on-request"
        assert materials[survey]["contacts"] == ["rand-al-ani", "jana-grebe"]
        assert "analysis of the survey data" in materials[survey]["notes"]
    assert "digital nomadism" in materials["remote-work-digital-nomad-survey"]["summary"]
    assert "willingness to stay" in materials["talent-attraction-retention-survey"]["summary"]
    assert "modular guidebook" in materials["guidebook"]["summary"]


def test_the_events(catalogue: dict[str, Any]) -> None:
    timeline = catalogue["timeline"]
    assert timeline["launch"]["date"] == "2022-11"
    assert timeline["project-start"]["date"] == "2022-11-01"
    assert timeline["project-end"]["date"] == "2024-05-31"
    workshop = timeline["final-workshop"]
    assert (workshop["date"], workshop["location"]) == ("2024-05-15", "Copenhagen")
    for fact in (
        "IOM Presents Recommendations to Strengthen Retention of Talent in the EU",
        "Barbara Rijks",
        "Nikolaj Lubanski",
        "public and private stakeholders involved in talent management",
    ):
        assert fact in workshop["description"]


def test_every_record_names_its_source(catalogue: dict[str, Any]) -> None:
    """Nothing invented: each record says where it comes from, unless no address is known
    (the two speakers, quoted in a news item with no URL)."""
    unsourced = [
        record["id"]
        for kind in ("materials", "contacts", "organisations")
        for record in catalogue[kind].values()
        if not record.get("source")
    ]
    assert unsourced == ["barbara-rijks", "nikolaj-lubanski"]
