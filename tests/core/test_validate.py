"""The catalogue's rules: every problem is found at once, each with its line and a fix."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.errors import InvalidCatalogueError
from talenthub_cli.core.validate import build_catalogue, check_catalogue, keeping_every_rule
from talenthub_cli.storage.paths import bundled_catalogue

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue

HEAD = 'schema = 1\n\n[project]\nid = "p"\ntitle = "P"\n'


def build(text: str) -> Catalogue:
    return build_catalogue(tomllib.loads(text), "c.toml", text)


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidCatalogueError) as caught:
        build(text)
    return [str(problem) for problem in caught.value.problems]


def test_the_bundled_catalogue_is_valid() -> None:
    catalogue = build(bundled_catalogue().read_text(encoding="utf-8"))
    assert len(catalogue.materials) == 10
    assert len(catalogue.events) == 4


RULES = [
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\ncolour = "red"',
         "c.toml:11: material 'a', field 'colour': unknown field 'colour' (known fields: id, title, type, date, summary, topics, languages, organisations, contacts, url, availability, parts, related, responses, notes, source)"),
        ('[[materials]]\nid = "a"\ntype = "report"',
         "c.toml:7: material 'a': missing required field 'title'"),
        ('[[materials]]\nid = "A b"\ntitle = "A"\ntype = "report"',
         "c.toml:8: material 'A b', field 'id': 'A b' is not a valid id (use lowercase letters, digits and single hyphens, e.g. 'final-workshop')"),
        ('[[materials]]\nid = "a"\ntitle = 3\ntype = "report"',
         "c.toml:9: material 'a', field 'title': must be a string, not a number"),
        ('[[materials]]\nid = "a"\ntitle = ""\ntype = "report"',
         "c.toml:9: material 'a', field 'title': must not be empty (leave the field out instead)"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\ndate = 2024-05-01',
         "c.toml:11: material 'a', field 'date': is a TOML date, not an EDTF string (put it in quotes: \"2024-05-01\")"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\nurl = "www.iom.int"',
         "c.toml:11: material 'a', field 'url': 'www.iom.int' is not a web address (write it in full, from https://)"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\nresponses = 5',
         "c.toml:11: material 'a', field 'responses': only a survey has a response count"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "survey"\nresponses = -5',
         "c.toml:11: material 'a', field 'responses': must not be negative, not -5"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\ntopics = "one"',
         "c.toml:11: material 'a', field 'topics': must be a list, not a string (write [\"…\", \"…\"])"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\ntopics = ["x", "x"]',
         "c.toml:11: material 'a', field 'topics': lists the same value twice"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\nlanguages = ["English"]',
         "c.toml:11: material 'a', field 'languages': item 1: 'English' is not a language code (use a code such as 'en' or 'de')"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\navailability = "public"',
         "c.toml:11: material 'a', field 'availability': 'public' is not one of the known values (did you mean 'published'?)"),
        ('[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\nrelated = ["a"]',
         "c.toml:11: material 'a', field 'related': a material cannot refer to itself"),
        ('[[contacts]]\nid = "c"\nname = "C"\nemail = "c at iom.int"',
         "c.toml:10: contact 'c', field 'email': 'c at iom.int' is not an email address"),
        ('[[contacts]]\nid = "c"\nname = "C"\norganisation = "iomm"\n[[organisations]]\nid = "iom"\nname = "IOM"',
         "c.toml:10: contact 'c', field 'organisation': unknown organisation 'iomm' (did you mean 'iom'?)"),
        ('[[events]]\nid = "e"\ntitle = "E"',
         "c.toml:7: event 'e': missing required field 'date'"),
        ('[[events]]\nid = "e"\ntitle = "E"\ndate = "2024"\nmaterials = ["ghost"]',
         "c.toml:11: event 'e', field 'materials': unknown material 'ghost'"),
        ('[[organisations]]\nid = "o"\nname = "O"\nparent = "o"',
         "c.toml:10: organisation 'o', field 'parent': a organisation cannot refer to itself"),
        ("[materials]\nid = 1",
         "c.toml:7: 'materials' must be an array of tables (write [[materials]])"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), RULES)
def test_each_rule_says_what_and_where(body: str, expected: str) -> None:
    assert problems(HEAD + "\n" + body + "\n") == [expected]


@pytest.mark.parametrize(("body", "expected"), RULES)
def test_whether_every_rule_is_kept_is_told_without_the_problems(body: str, expected: str) -> None:
    assert keeping_every_rule(tomllib.loads(HEAD + "\n" + body + "\n")) is None


def test_a_catalogue_that_keeps_every_rule_is_checked_alike_either_way() -> None:
    text = bundled_catalogue().read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert keeping_every_rule(data) == check_catalogue(data, "c.toml", text)


def test_header_problems() -> None:
    assert problems("schema = 2\ncolour = 1\n") == [
        "c.toml:1: field 'schema': schema 2 is not supported (this version of talenthub reads schema 1)",
        "c.toml:2: unknown table or key 'colour' (the file holds schema, project, organisations, contacts, materials, events)",
        "c.toml: missing [project] table (add [project] with id and title)",
    ]
    assert problems("schema = 1\n[colour]\n[project]\nid = 'p'\ntitle = 'P'\n") == [
        "c.toml:2: unknown table or key 'colour' (the file holds schema, project, organisations, contacts, materials, events)"
    ]
    assert problems("[project]\nid = 'p'\ntitle = 'P'\n") == [
        "c.toml: missing 'schema' (add schema = 1 at the top)"
    ]


def test_every_problem_is_reported_not_only_the_first() -> None:
    found = problems(
        HEAD
        + '\n[[materials]]\nid = "a"\ntitle = "A"\ntype = "report"\n'
        + '\n[[materials]]\nid = "a"\ntitle = "B"\ntype = "memo"\ndate = "2024-02-30"\n'
    )
    assert found == [
        "c.toml:13: material 'a', field 'id': duplicate id 'a' (first at c.toml:8)",
        "c.toml:15: material 'a', field 'type': 'memo' is not one of the known values (one of: article, brief, concept-note, dataset, document, guidebook, guidelines, presentation, report, survey, video, webpage)",
        "c.toml:16: material 'a', field 'date': '2024-02-30' is not a valid EDTF date: February 2024 has 29 days, so day 30 does not exist",
    ]
