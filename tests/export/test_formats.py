"""Each format read back by a reader that is not ours (bibtexparser, rispy, citeproc-py,
icalendar, vobject, tomli, json), compared field by field with the catalogue."""

from __future__ import annotations

import datetime
import io
import json
from typing import TYPE_CHECKING

import icalendar
import pytest
import rispy
import tomli
import vobject
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from citeproc.source.json import CiteProcJSON
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text

from talenthub_cli.core.records import material_record
from talenthub_cli.core.validate import build_catalogue
from talenthub_cli.core.vocabulary import TYPES
from talenthub_cli.export.common import plain
from talenthub_cli.export.formats import Format
from talenthub_cli.export.json_export import write_array
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run
from tests.export.helpers import selection_of, written
from tests.strategies import catalogues

if TYPE_CHECKING:
    from pathlib import Path

    from bibtexparser.library import Library

    from talenthub_cli.core.model import Catalogue

AWKWARD = settings(max_examples=40, deadline=None)


def _bibtex(text: str) -> Library:
    library = parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    return library


def _authors(text: str) -> dict[str, list[str]]:
    """Each entry's authors, split by bibtexparser as BibTeX does, then read as LaTeX."""
    library = parse_string(text, append_middleware=[SeparateCoAuthors()])
    to_text = LatexNodes2Text()
    return {
        entry.key: [
            _decoded(to_text.latex_to_text(name))
            for name in (entry.fields_dict["author"].value if "author" in entry.fields_dict else [])
        ]
        for entry in library.entries
    }


def _decoded(value: str) -> str:
    """pylatexenc reads \\textasciicircum{} as U+02C6, where LaTeX prints "^"."""
    return value.replace("\u02c6", "^")


def _names(catalogue: Catalogue, ids: tuple[str, ...]) -> list[str]:
    names = {o.id: o.name for o in catalogue.organisations}
    return [names[key] for key in ids]


# BibTeX ------------------------------------------------------------------------------------------


def test_bibtex_keeps_every_material_with_its_type_date_and_authors(bundled: Path) -> None:
    catalogue = load_catalogue(bundled)
    text = run("export", "--format", "bibtex").stdout
    by_key = {entry.key: entry for entry in _bibtex(text).entries}
    authors = _authors(text)
    assert sorted(by_key) == sorted(m.id for m in catalogue.materials)
    for material in catalogue.materials:
        entry = by_key[material.id]
        assert entry.entry_type == TYPES[material.type].bibtex
        assert entry["title"] == material.title
        assert authors[material.id] == _names(catalogue, material.organisations)
        if material.date is not None:
            assert entry["date"] == material.date.text
            assert entry["year"] == material.date.text[:4]


def test_bibtex_of_the_guidebook() -> None:
    assert run("export", "guidebook", "--type", "guidebook", "-f", "bibtex").stdout == (
        "@book{guidebook,\n"
        "  author = {{IOM Germany} and {IOM Denmark}},\n"
        "  title = {{Guidebook}},\n"
        "  date = {2024-05},\n"
        "  year = {2024},\n"
        "  month = may,\n"
        "  publisher = {IOM Germany and IOM Denmark},\n"
        "  abstract = {A modular guidebook showcasing practical experiences and best practices with "
        "talent retention in selected EU Member States. It can be applied to different EU "
        "stakeholders seeking varied input on their challenges on talent retention, attraction "
        "and circulation in their national contexts.},\n"
        "  keywords = {talent retention, talent attraction, talent circulation, best practices},\n"
        "}\n"
    )


@pytest.mark.slow
@AWKWARD
@given(catalogues(awkward=True))
def test_bibtex_escapes_what_latex_would_read_as_commands(catalogue: Catalogue) -> None:
    text = written(Format.BIBTEX, selection_of(catalogue))
    library = _bibtex(text)
    authors = _authors(text)
    assert len(library.entries) == len(catalogue.materials)
    for material, entry in zip(catalogue.materials, library.entries, strict=True):
        assert _decoded(entry["title"]) == plain(material.title)
        if material.organisations:
            authors_wanted = [plain(name) for name in _names(catalogue, material.organisations)]
            assert authors[material.id] == authors_wanted
        if material.summary:
            assert _decoded(entry["abstract"]) == plain(material.summary)


# RIS ---------------------------------------------------------------------------------------------


def test_ris_keeps_every_material_with_its_type_and_date(bundled: Path) -> None:
    catalogue = load_catalogue(bundled)
    records = rispy.loads(run("export", "--format", "ris").stdout)
    by_id = {record["id"]: record for record in records}
    assert sorted(by_id) == sorted(m.id for m in catalogue.materials)
    for material in catalogue.materials:
        record = by_id[material.id]
        assert record["type_of_reference"] == TYPES[material.type].ris
        assert record["title"] == material.title
        assert record["authors"] == _names(catalogue, material.organisations)
        assert record.get("keywords", []) == list(material.topics)
    assert by_id["remote-work-digital-nomad-survey"]["date"] == "2023/11/09/"
    assert by_id["guidebook"]["date"] == "2024/05//"
    assert by_id["guidebook"]["year"] == "2024"
    assert "Responses: 68" in by_id["remote-work-digital-nomad-survey"]["notes"]


def test_ris_lines_end_with_crlf() -> None:
    raw = run("export", "--format", "ris", "-n", "1").raw
    assert raw.startswith(b"TY  - GEN\r\nID  - guiding-principles\r\n")
    assert raw.endswith(b"ER  - \r\n\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.slow
@AWKWARD
@given(catalogues(awkward=True))
def test_ris_keeps_awkward_text_on_its_line(catalogue: Catalogue) -> None:
    records = rispy.loads(written(Format.RIS, selection_of(catalogue)))
    assert [r["id"] for r in records] == [m.id for m in catalogue.materials]
    for material, record in zip(catalogue.materials, records, strict=True):
        assert record["title"] == plain(material.title)
        assert record.get("keywords", []) == [plain(topic) for topic in material.topics]


# CSL-JSON ----------------------------------------------------------------------------------------


def test_csl_json_reads_in_citeproc(bundled: Path) -> None:
    catalogue = load_catalogue(bundled)
    items = json.loads(run("export", "--format", "csl-json").stdout)
    source = CiteProcJSON(items)
    for material in catalogue.materials:
        reference = source[material.id]
        assert reference["type"] == TYPES[material.type].csl
        assert str(reference["title"]) == material.title
        assert [a["literal"] for a in reference.get("author", [])] == _names(
            catalogue, material.organisations
        )
    survey = source["remote-work-digital-nomad-survey"]["issued"]
    assert (survey["begin"]["year"], survey["begin"]["month"], survey["begin"]["day"]) == (
        2023, 11, 9,
    )  # fmt: skip
    assert (survey["end"]["month"], survey["end"]["day"]) == (11, 22)
    assert source["guidebook"]["issued"]["month"] == 5


def test_csl_dates_that_date_parts_cannot_hold_go_in_words(tmp_path: Path) -> None:
    from talenthub_cli.core.dates import parse
    from talenthub_cli.export.csl_json import issued

    assert issued(parse("2024-21")) == {"date-parts": [[2024]], "season": 1}
    assert issued(parse("2024-05~")) == {"date-parts": [[2024, 5]], "circa": True}
    assert issued(parse("202X")) == {"literal": "2020s"}
    assert issued(parse("2024-05/..")) == {"literal": "from May 2024"}


# iCalendar ---------------------------------------------------------------------------------------


def _calendar(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["PRODID"]).startswith("-//talenthub//")
    return calendar.events


def test_ics_holds_the_events_and_the_dated_materials_as_all_day_events(bundled: Path) -> None:
    catalogue = load_catalogue(bundled)
    events = _calendar(run("export", "--format", "ics").stdout)
    by_title = {str(e["SUMMARY"]): e for e in events}
    dated = [m for m in catalogue.materials if m.date is not None]
    assert len(events) == len(catalogue.events) + len(dated)
    workshop = by_title["Final workshop"]
    assert workshop.start == datetime.date(2024, 5, 15)
    assert workshop.end == datetime.date(2024, 5, 16)  # exclusive: the day after
    assert str(workshop["LOCATION"]) == "Copenhagen"
    survey = by_title["Remote Work & Digital Nomad Survey"]
    assert (survey.start, survey.end) == (
        datetime.date(2023, 11, 9), datetime.date(2023, 11, 23),
    )  # fmt: skip
    guidebook = by_title["Guidebook"]  # a month-precision date spans its month
    assert (guidebook.start, guidebook.end) == (
        datetime.date(2024, 5, 1), datetime.date(2024, 6, 1),
    )  # fmt: skip
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ics_uids_are_stable_and_dtstamp_follows_source_date_epoch() -> None:
    env = {"SOURCE_DATE_EPOCH": "1717245000"}
    first = run("export", "-f", "ics", env=env).stdout
    assert first == run("export", "-f", "ics", env=env).stdout
    stamps = {e.DTSTAMP for e in _calendar(first)}
    assert stamps == {datetime.datetime(2024, 6, 1, 12, 30, tzinfo=datetime.UTC)}


def test_ics_lines_are_folded_at_75_octets_and_end_with_crlf() -> None:
    raw = run("export", "-f", "ics").raw
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long descriptions were folded
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_ics_with_a_filter_has_the_events_of_the_chosen_materials_only() -> None:
    events = _calendar(run("export", "-f", "ics", "--type", "survey").stdout)
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "International Talent Attraction & Retention Survey",
        "Remote Work & Digital Nomad Survey",
    ]
    dated = _calendar(run("export", "-f", "ics", "--during", "2024-05").stdout)
    assert sorted(str(e["SUMMARY"]) for e in dated) == [
        "Briefs", "Final workshop", "Guidebook", "Multi-Situational Report", "Project end",
    ]  # fmt: skip


@pytest.mark.slow
@AWKWARD
@given(catalogues(awkward=True))
def test_ics_escapes_text_and_folds_without_splitting_characters(catalogue: Catalogue) -> None:
    text = written(Format.ICS, selection_of(catalogue))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = _calendar(text)
    by_uid_title = sorted(str(e["SUMMARY"]) for e in events)
    expected = sorted(
        m.title.replace("\r\n", "\n").replace("\r", "\n")
        for m in catalogue.materials
        if m.date is not None and m.date.first is not None and m.date.last is not None
    )
    assert by_uid_title == expected


# vCard -------------------------------------------------------------------------------------------


def test_vcf_has_every_contact_with_email_and_organisation(bundled: Path) -> None:
    catalogue = load_catalogue(bundled)
    cards = list(vobject.readComponents(run("export", "--format", "vcf").stdout))
    assert [card.fn.value for card in cards] == [c.name for c in catalogue.contacts]
    for card, contact in zip(cards, catalogue.contacts, strict=True):
        assert card.version.value == "4.0"
        email = card.contents.get("email")
        assert (email[0].value if email else None) == contact.email
        assert card.org.value[-1] == _names(catalogue, (contact.organisation or "",))[0]
    assert cards[0].org.value == ["International Organization for Migration"]
    assert cards[2].org.value == ["International Organization for Migration", "IOM Denmark"]


def test_vcf_with_a_query_has_the_contacts_of_the_chosen_materials() -> None:
    cards = list(vobject.readComponents(run("export", "survey", "-f", "vcf").stdout))
    assert [card.fn.value for card in cards] == ["Rand Al-Ani", "Jana Grebe"]


@pytest.mark.slow
@AWKWARD
@given(catalogues(awkward=True))
def test_vcf_escapes_names_and_roles(catalogue: Catalogue) -> None:
    cards = list(vobject.readComponents(written(Format.VCF, selection_of(catalogue))))
    assert len(cards) == len(catalogue.contacts)
    for card, contact in zip(cards, catalogue.contacts, strict=True):
        normalised = contact.name.replace("\r\n", "\n").replace("\r", "\n")
        assert card.fn.value == normalised
        assert card.title.value == (contact.role or "").replace("\r\n", "\n").replace("\r", "\n")


# TOML and JSON -----------------------------------------------------------------------------------


def _sub_catalogue(text: str) -> Catalogue:
    return build_catalogue(tomli.loads(text), "export.toml", text)


@pytest.mark.slow
@AWKWARD
@given(catalogues(awkward=True))
def test_toml_of_everything_loads_back_as_the_same_records(catalogue: Catalogue) -> None:
    loaded = _sub_catalogue(written(Format.TOML, selection_of(catalogue)))
    assert [material_record(m) for m in loaded.materials] == [
        material_record(m) for m in catalogue.materials
    ]
    assert loaded.contacts == catalogue.contacts
    assert loaded.project == catalogue.project


@pytest.mark.slow
@AWKWARD
@given(catalogues(awkward=True))
def test_toml_of_some_materials_is_a_valid_catalogue_of_its_own(catalogue: Catalogue) -> None:
    chosen = catalogue.materials[::2]
    text = written(Format.TOML, selection_of(catalogue, chosen, restricted=True))
    loaded = _sub_catalogue(text)  # every reference resolves, or this raises
    assert [m.id for m in loaded.materials] == [m.id for m in chosen]
    for before, after in zip(chosen, loaded.materials, strict=True):
        assert (after.title, after.date, after.topics) == (before.title, before.date, before.topics)
        assert set(after.parts) <= {m.id for m in chosen}
    named = {c for m in chosen for c in m.contacts}
    assert {c.id for c in loaded.contacts} == named


def test_toml_export_passes_check_as_a_catalogue(tmp_path: Path) -> None:
    target = tmp_path / "surveys.toml"
    assert run("export", "type:survey", "-o", str(target)).code == 0
    outcome = run("-c", str(target), "list", "--format", "json")
    assert [m["id"] for m in json.loads(outcome.stdout)] == [
        "talent-attraction-retention-survey", "remote-work-digital-nomad-survey",
    ]  # fmt: skip
    contacts = json.loads(run("-c", str(target), "contacts", "--format", "json").stdout)
    assert [c["id"] for c in contacts] == ["rand-al-ani", "jana-grebe"]


def test_json_export_is_the_json_contract_of_list() -> None:
    exported = run("export", "--format", "json", "--type", "brief").stdout
    assert exported == run("list", "--format", "json", "--type", "brief").stdout
    lines = run("export", "--format", "jsonl", "--type", "brief").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(exported)


# Markdown ----------------------------------------------------------------------------------------


def test_markdown_is_a_table_then_a_section_per_material() -> None:
    assert run("export", "-f", "markdown", "--type", "survey", "-n", "1").stdout == (
        "# Talent Hub EU: 1 material\n"
        "\n"
        "| Date | Type | Title |\n"
        "|---|---|---|\n"
        "| 5–19 Dec 2023 | Survey | [International Talent Attraction \\& Retention Survey]"
        "(#material-talent-attraction-retention-survey) |\n"
        "\n"
        '<a id="material-talent-attraction-retention-survey"></a>\n'
        "\n"
        "## International Talent Attraction \\& Retention Survey\n"
        "\n"
        "- **Id:** `talent-attraction-retention-survey`\n"
        "- **Type:** Survey\n"
        "- **Date:** 5–19 Dec 2023 (`2023-12-05/2023-12-19`)\n"
        "- **Responses:** 110\n"
        "- **Organisations:** International Organization for Migration\n"
        "- **Contacts:** [Rand Al-Ani](<mailto:ralani@iom.int>), "
        "[Jana Grebe](<mailto:jgrebe@iom.int>)\n"
        "- **Topics:** talent retention, talent attraction, living and working in Denmark, "
        "living and working in Germany\n"
        "- **Availability:** On request\n"
        "- **Source:** <https://germany.iom.int/labour-migration>\n"
        "\n"
        "Carried out by IOM under the Talent Hub project to collect practical insights and "
        "personal experience of how it is to live and either work or study in Denmark/Germany "
        "and what factors are important for talent's/expat's ability and willingness to stay "
        "(retention). The responses were used to inform project materials.\n"
        "\n"
        "Please contact IOM to receive an analysis of the survey data.\n"
    )


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@given(st.lists(_JSON, max_size=4))
def test_a_streamed_json_array_is_what_json_dumps_writes(items: list[object]) -> None:
    stream = io.StringIO()
    assert write_array(iter(items), stream) == len(items)
    assert stream.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
