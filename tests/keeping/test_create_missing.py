"""`import` into a catalogue that lacks the contacts and organisations a spreadsheet names: every
name reported, or made with `--create-missing` (asked once on a terminal); header names in any
case; unknown columns named. And the round trip: an export imported into an empty catalogue."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings

from talenthub_cli.cli.errors import ExitCode
from talenthub_cli.core.records import material_record
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run
from tests.strategies import catalogues, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue

SHEET = (
    "ID,Title,TYPE,organisations,contacts\r\n"
    "a,Alpha,brief,iom; Migration Lab,Rand Al-Ani <ralani@iom.int>; Jana Grebe\r\n"
    "b,Bravo,report,iom,Jana Grebe <jgrebe@iom.int>; ann@example.org; Rand Al-Ani\r\n"
)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    assert run("init", "--empty", str(path)).code == 0
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


def test_every_unknown_name_of_every_cell_is_reported(empty: Path, sheet: Path) -> None:
    before = empty.read_text()
    outcome = run("-c", str(empty), "import", str(sheet))
    assert (outcome.code, outcome.stderr) == (
        ExitCode.USAGE,
        f"talenthub: {sheet}: nothing was imported:\n"
        "  row 2, column 'organisations': no organisation matches 'iom'.\n"
        "  row 2, column 'organisations': no organisation matches 'Migration Lab'.\n"
        "  row 2, column 'contacts': no contact matches 'Rand Al-Ani <ralani@iom.int>'.\n"
        "  row 2, column 'contacts': no contact matches 'Jana Grebe'.\n"
        "  row 3, column 'organisations': no organisation matches 'iom'.\n"
        "  row 3, column 'contacts': no contact matches 'Jana Grebe <jgrebe@iom.int>'.\n"
        "  row 3, column 'contacts': no contact matches 'ann@example.org'.\n"
        "  row 3, column 'contacts': no contact matches 'Rand Al-Ani'.\n"
        "(--create-missing makes the 3 contacts and 2 organisations it names)\n",
    )
    assert empty.read_text() == before


def test_create_missing_makes_them_in_the_same_change(empty: Path, sheet: Path) -> None:
    outcome = run("-c", str(empty), "import", str(sheet), "--create-missing")
    assert (outcome.code, outcome.stderr) == (
        0,
        "Added 2 materials, updated 0, skipped 0; created 3 contacts and 2 organisations.\n",
    )
    catalogue = load_catalogue(empty)
    assert [(o.id, o.name) for o in catalogue.organisations] == [
        ("iom", "iom"),
        ("migration-lab", "Migration Lab"),
    ]
    assert [(c.id, c.name, c.email) for c in catalogue.contacts] == [
        ("rand-al-ani", "Rand Al-Ani", "ralani@iom.int"),
        ("jana-grebe", "Jana Grebe", "jgrebe@iom.int"),  # named bare first, then with it
        ("ann-example-org", "ann@example.org", "ann@example.org"),
    ]
    alpha, bravo = catalogue.materials
    assert alpha.organisations == ("iom", "migration-lab")
    assert alpha.contacts == ("rand-al-ani", "jana-grebe")
    assert bravo.contacts == ("jana-grebe", "ann-example-org", "rand-al-ani")
    text = empty.read_text()
    assert text.index("[[organisations]]") < text.index("[[contacts]]") < text.index("[[mat")
    assert (empty.parent / "c.toml.bak").exists()  # one change: one backup of the empty file
    assert "[[contacts]]" not in (empty.parent / "c.toml.bak").read_text()


def test_dry_run_says_what_it_would_create(empty: Path, sheet: Path) -> None:
    before = empty.read_text()
    outcome = run("-c", str(empty), "import", str(sheet), "--create-missing", "--dry-run")
    assert outcome.code == 0
    assert outcome.stdout.splitlines()[:2] == [
        "create\torganisation:iom\tiom",
        "create\torganisation:migration-lab\tMigration Lab",
    ]
    assert outcome.stderr == (
        "Would add 2 materials, would update 0, would skip 0; would create 3 contacts and 2 "
        "organisations; nothing was written.\n"
    )
    assert empty.read_text() == before


@pytest.mark.parametrize(("answer", "code"), [("y", 0), ("n", ExitCode.DECLINED)])
def test_at_a_terminal_it_lists_them_and_asks_once(
    empty: Path, sheet: Path, at_a_terminal: None, answer: str, code: int
) -> None:
    outcome = run("-c", str(empty), "import", str(sheet), input=answer + "\n")
    assert outcome.code == code
    assert outcome.stderr.startswith(
        f"{sheet} names these, which the catalogue has not:\n"
        "  organisation iom\n  organisation Migration Lab\n"
        "  contact Rand Al-Ani <ralani@iom.int>\n  contact Jana Grebe <jgrebe@iom.int>\n"
        "  contact ann@example.org\nCreate them? [y/n] (y): "
    )
    assert len(load_catalogue(empty).contacts) == (3 if answer == "y" else 0)


def test_a_name_that_names_two_contacts_is_a_problem_not_a_new_contact(
    empty: Path, sheet: Path
) -> None:
    for email in ("a@example.org", "b@example.org"):
        run("-c", str(empty), "add", "contact", "--name", "Jana Grebe", "--email", email)
    outcome = run("-c", str(empty), "import", str(sheet), "--create-missing")
    assert outcome.code == ExitCode.USAGE
    assert (
        "  row 2, column 'contacts': 'Jana Grebe' names 2 contacts (jana-grebe, jana-grebe-2); "
        "give the id\n"
    ) in outcome.stderr
    assert len(load_catalogue(empty).contacts) == 2


def test_unknown_columns_are_named_and_left_out_when_asked(empty: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("Title,Type,Colour,Owner\r\nAlpha,brief,red,me\r\n", encoding="utf-8")
    refused = run("-c", str(empty), "import", str(sheet))
    assert refused.code == ExitCode.USAGE
    assert refused.stderr.startswith(f"talenthub: {sheet}: unknown columns 'Colour', 'Owner'; ")
    assert refused.stderr.endswith("(--ignore-unknown-columns imports the rest)\n")
    outcome = run("-c", str(empty), "import", str(sheet), "--ignore-unknown-columns")
    assert (outcome.code, outcome.stderr) == (
        0,
        "Left out the 2 columns: 'Colour', 'Owner'.\nAdded 1 material, updated 0, skipped 0.\n",
    )
    assert [m.title for m in load_catalogue(empty).materials] == ["Alpha"]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@settings(max_examples=30, deadline=None)
@given(catalogues(awkward=True))
def test_an_export_imported_into_an_empty_catalogue_gives_the_same_records(
    suffix: str, catalogue: Catalogue
) -> None:
    """What a spreadsheet (CSV or a workbook) carries comes back: every material, field for
    field, its organisations by id and its contacts by name and address."""
    with tempfile.TemporaryDirectory() as folder:
        source = write_toml(catalogue, Path(folder) / "source.toml")
        target = Path(folder) / "c.toml"
        assert run("init", "--empty", str(target)).code == 0
        exported = Path(folder) / f"m{suffix}"
        wrote = run("-c", str(source), "export", "-o", str(exported))
        assert wrote.code == 0, wrote.stderr
        outcome = run("-c", str(target), "import", str(exported), "--create-missing")
        assert outcome.code == 0, outcome.stderr
        imported = load_catalogue(target)

    def carried(of: Catalogue) -> list[dict[str, object]]:
        people = {c.id: (c.name.strip(), c.email) for c in of.contacts}
        records = [material_record(m) for m in sorted(of.materials, key=lambda m: m.id)]
        return [{**r, "contacts": [people[c] for c in r["contacts"]]} for r in records]

    assert carried(imported) == carried(catalogue)
    named = {o for m in catalogue.materials for o in m.organisations}
    assert {o.id for o in imported.organisations} == named
    people = {(c.name.strip(), c.email) for c in catalogue.contacts}
    assert {(c.name, c.email) for c in imported.contacts} <= people
