"""`import`: CSV as `export` writes it comes back without loss; bad rows are named, not imported."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings

from talenthub_cli.core.frozen import replace
from talenthub_cli.core.records import material_record
from talenthub_cli.export.common import ExportOptions
from talenthub_cli.export.formats import Format
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run, write_catalogue
from tests.export.helpers import selection_of, written
from tests.strategies import catalogues, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue


def _without_materials(path: Path, bundled: Path) -> Path:
    """The bundled catalogue's project, organisations and contacts, and no materials."""
    catalogue = load_catalogue(bundled)
    return write_toml(replace(catalogue, materials=(), events=()), path)


def test_the_bundled_materials_come_back_field_for_field(tmp_path: Path, bundled: Path) -> None:
    target = _without_materials(tmp_path / "c.toml", bundled)
    exported = tmp_path / "all.csv"
    assert run("export", "--sort", "title", "-o", str(exported)).code == 0
    outcome = run("-c", str(target), "import", str(exported))
    assert (outcome.code, outcome.stderr) == (0, "Added 10 materials, updated 0, skipped 0.\n")
    before = {m.id: material_record(m) for m in load_catalogue(bundled).materials}
    after = {m.id: material_record(m) for m in load_catalogue(target).materials}
    assert after == before


def test_excel_csv_with_semicolons_and_a_byte_order_mark(tmp_path: Path, bundled: Path) -> None:
    target = _without_materials(tmp_path / "c.toml", bundled)
    exported = tmp_path / "excel.csv"
    run("export", "--type", "survey", "--excel", "--delimiter", ";", "-o", str(exported))
    outcome = run("-c", str(target), "import", str(exported))
    assert outcome.code == 0, outcome.stderr
    assert [m.responses for m in load_catalogue(target).materials] == [110, 68]


def test_known_ids_are_skipped_or_updated_and_dry_run_writes_nothing(
    tmp_path: Path, bundled: Path
) -> None:
    target = _without_materials(tmp_path / "c.toml", bundled)
    exported = tmp_path / "briefs.csv"
    run("export", "--type", "brief", "-o", str(exported))
    run("-c", str(target), "import", str(exported))
    before = target.read_text()
    dry = run("-c", str(target), "import", str(exported), "--update", "--dry-run")
    assert dry.stdout == ("unchanged\tbriefs-2024-05\tBriefs\nunchanged\tbriefs-2023-06\tBriefs\n")
    assert dry.stderr == (
        "Would add 0 materials, would update 0, unchanged 2; nothing was written.\n"
    )
    assert target.read_text() == before
    all_known = run("-c", str(target), "import", str(exported), "--dry-run")
    assert all_known.stdout == "skip\tbriefs-2024-05\tBriefs\nskip\tbriefs-2023-06\tBriefs\n"
    again = run("-c", str(target), "import", str(exported))
    assert again.stderr == (
        "Added 0 materials, updated 0, skipped 2 (already there; --update replaces them).\n"
    )
    changed = exported.read_text().replace("A set of briefs;", "A set of short briefs;")
    exported.write_text(changed)
    assert run("-c", str(target), "import", str(exported), "--update").code == 0
    notes = [m.notes for m in load_catalogue(target).materials]
    assert notes[0] is not None and notes[0].startswith("A set of short briefs;")


def test_every_bad_row_is_named_and_nothing_is_imported(tmp_path: Path, bundled: Path) -> None:
    target = _without_materials(tmp_path / "c.toml", bundled)
    before = target.read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,title,type,date,contacts,responses\r\n"
        "ok,Fine,brief,2024,,\r\n"
        "x,Bad date,brief,09/11/2023,,\r\n"
        ",No type,,2024,,\r\n"
        "y,Who,survey,2024,Nobody <nobody@example.org>,many\r\n",
        encoding="utf-8",
    )
    outcome = run("-c", str(target), "import", str(bad))
    assert outcome.code == 2
    assert outcome.stderr.splitlines() == [
        f"talenthub: {bad}: nothing was imported:",
        "  row 3, column 'date': '09/11/2023' is not a valid EDTF date: day and month are "
        "ambiguous (9 November or 11 September 2023?) (write it year first, as YYYY-MM-DD: "
        "2023-11-09 or 2023-09-11)",
        "  row 4, column 'type': empty, and a material needs one",
        "  row 5, column 'contacts': no contact matches 'Nobody <nobody@example.org>'.",
        "  row 5, column 'responses': 'many' is not a whole number",
    ]
    assert target.read_text() == before


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path, bundled: Path) -> None:
    target = _without_materials(tmp_path / "c.toml", bundled)
    other = tmp_path / "other.csv"
    other.write_text("name,titel\r\nA,B\r\n")
    outcome = run("-c", str(target), "import", str(other))
    assert outcome.code == 2
    assert outcome.stderr.startswith(
        f"talenthub: {other}: unknown columns 'name', 'titel' (did you mean 'title'?); the "
        "columns are id, title, type,"
    )
    missing = run("-c", str(target), "import", str(tmp_path / "none.csv"))
    assert missing.stderr == f"talenthub: {tmp_path / 'none.csv'}: no such file\n"


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(catalogues(awkward=True))
def test_export_then_import_into_a_catalogue_without_materials_gives_the_same_materials(
    catalogue: Catalogue,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = write_toml(replace(catalogue, materials=(), events=()), Path(folder) / "c.toml")
        exported = Path(folder) / "m.csv"
        text = written(Format.CSV, selection_of(catalogue), ExportOptions(delimiter=";"))
        exported.write_bytes(text.encode())
        outcome = run("-c", str(target), "import", str(exported))
        assert outcome.code == 0, outcome.stderr
        imported = load_catalogue(target).materials
    assert [material_record(m) for m in imported] == [
        material_record(m) for m in catalogue.materials
    ]


def test_update_of_an_unchanged_export_leaves_the_file_byte_for_byte(
    tmp_path: Path, bundled: Path
) -> None:
    target = tmp_path / "c.toml"
    target.write_bytes(bundled.read_bytes())  # comments, inline arrays and all
    exported = tmp_path / "all.csv"
    run("export", "-o", str(exported))
    outcome = run("-c", str(target), "import", str(exported), "--update")
    assert (outcome.code, outcome.stderr) == (0, "Added 0 materials, updated 0, unchanged 10.\n")
    assert target.read_bytes() == bundled.read_bytes()
    assert not (tmp_path / "c.toml.bak").exists()  # nothing to write, nothing written


def test_update_takes_an_empty_list_and_an_empty_cell_for_the_same(tmp_path: Path) -> None:
    """`contacts = []` in the file and an empty contacts cell are the same nothing: unchanged."""
    target = tmp_path / "c.toml"
    write_catalogue(target, ['id = "b"\ntitle = "B"\ntype = "brief"\ncontacts = []\ntopics = []'])
    exported = tmp_path / "all.csv"
    run("-c", str(target), "export", "-o", str(exported))
    before = target.read_bytes()
    outcome = run("-c", str(target), "import", str(exported), "--update")
    assert (outcome.code, outcome.stderr) == (0, "Added 0 materials, updated 0, unchanged 1.\n")
    assert target.read_bytes() == before


def test_update_changes_only_the_columns_the_spreadsheet_has(tmp_path: Path, bundled: Path) -> None:
    target = tmp_path / "c.toml"
    target.write_bytes(bundled.read_bytes())
    sheet = tmp_path / "titles.csv"
    run("export", "--type", "survey", "--columns", "id,title,notes", "-o", str(sheet))
    sheet.write_text(
        sheet.read_text(encoding="utf-8")
        .replace("Remote Work & Digital Nomad Survey", "Remote Work Survey")
        .replace(",Please contact IOM to receive an analysis of the survey data.", ",", 1),
        encoding="utf-8",
    )
    outcome = run("-c", str(target), "import", str(sheet), "--update")
    assert (outcome.code, outcome.stderr) == (0, "Added 0 materials, updated 2, unchanged 0.\n")
    by_id = {m.id: m for m in load_catalogue(target).materials}
    survey = by_id["remote-work-digital-nomad-survey"]
    assert survey.title == "Remote Work Survey"
    assert survey.responses == 68 and survey.contacts == ("rand-al-ani", "jana-grebe")
    assert by_id["talent-attraction-retention-survey"].notes is None  # its cell was emptied
    assert by_id["talent-attraction-retention-survey"].responses == 110
    text = target.read_text(encoding="utf-8")
    assert text.count("# in the field") == 0  # the changed records are written anew...
    assert "# The page says the project concluded with it" in text  # ...the others as they were
