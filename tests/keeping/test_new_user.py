"""A new user's walk, end to end: a catalogue started empty, filled from their own spreadsheet of
materials with contacts and organisations, an event and a contact added, one record put right in
$EDITOR; never a line of TOML written by hand, and every step's words exactly as shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run
from tests.keeping.test_edit import _editor

if TYPE_CHECKING:
    from pathlib import Path

    from talenthub_cli.storage.paths import UserDirs

# Their spreadsheet, saved from Excel: a byte order mark, headers as they typed them, several
# organisations or contacts in a cell separated by "; ".
SPREADSHEET = (
    "\ufeffTitle,Type,Date,Organisations,Contacts,URL\r\n"
    "Welcome guide,guidebook,2024-03,City of Aarhus,Mette Holm <mette@aarhus.dk>,"
    "https://example.org/guide\r\n"
    'Newcomer survey,survey,2024-05,"City of Aarhus; Aarhus University",'
    '"Mette Holm <mette@aarhus.dk>; Lars Berg <lars@au.dk>",\r\n'
)


def test_from_init_empty_to_a_kept_catalogue(tmp_path: Path, user_dirs: UserDirs) -> None:
    mine = user_dirs.data / "catalogue.toml"
    started = run("init", "--empty")
    assert (started.code, started.stderr) == (
        0,
        f"Wrote an empty catalogue to {mine}; talenthub reads it from now on.\n",
    )
    sheet = tmp_path / "materials.csv"
    sheet.write_text(SPREADSHEET, encoding="utf-8")

    refused = run("import", str(sheet))
    assert refused.code == 2
    assert refused.stderr.endswith(
        "(--create-missing makes the 2 contacts and 2 organisations it names)\n"
    )
    imported = run("import", str(sheet), "--create-missing")
    assert (imported.code, imported.stderr) == (
        0,
        "Added 2 materials, updated 0, skipped 0; created 2 contacts and 2 organisations.\n",
    )

    event = run(
        "add", "event", "--title", "Newcomer day", "--date", "14 September 2024",
        "--material", "newcomer-survey", "--org", "City of Aarhus", "--contact", "Mette Holm",
    )  # fmt: skip
    assert (event.code, event.stdout, event.stderr) == (
        0,
        "newcomer-day\n",
        f"Read --date '14 September 2024' as 2024-09-14.\nAdded event newcomer-day to {mine}.\n",
    )
    contact = run(
        "add", "contact", "--name", "Sara Nielsen", "--email", "sara@aarhus.dk",
        "--org", "City of Aarhus", "--role", "Newcomer services",
    )  # fmt: skip
    assert (contact.code, contact.stdout) == (0, "sara-nielsen\n"), contact.stderr

    # The organisation made from the spreadsheet has only its name: give it its web address.
    environment, _ = _editor(
        tmp_path,
        [('name = "Aarhus University"', 'name = "Aarhus University"\nurl = "https://au.dk"')],
    )
    fixed = run("edit", "organisation:Aarhus University", env=environment)
    assert (fixed.code, fixed.stderr) == (0, f"Saved aarhus-university in {mine}.\n")

    checked = run("check")
    assert checked.code == 0, checked.stdout
    catalogue = load_catalogue(mine)
    assert [(o.id, o.url) for o in catalogue.organisations] == [
        ("city-of-aarhus", None),
        ("aarhus-university", "https://au.dk"),
    ]
    assert [(c.id, c.email, c.organisation) for c in catalogue.contacts] == [
        ("mette-holm", "mette@aarhus.dk", None),
        ("lars-berg", "lars@au.dk", None),
        ("sara-nielsen", "sara@aarhus.dk", "city-of-aarhus"),
    ]
    survey = catalogue.materials[1]
    assert (survey.id, survey.organisations, survey.contacts) == (
        "newcomer-survey",
        ("city-of-aarhus", "aarhus-university"),
        ("mette-holm", "lars-berg"),
    )
    (day,) = catalogue.events
    assert (day.materials, day.organisations, day.contacts) == (
        ("newcomer-survey",), ("city-of-aarhus",), ("mette-holm",),
    )  # fmt: skip
    listed = run("contacts")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [
        "mette-holm", "lars-berg", "sara-nielsen",
    ]  # fmt: skip
