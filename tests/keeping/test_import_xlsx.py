"""`import x.xlsx`: a workbook as `export` writes it comes back as its CSV would, by the same
rules and with the same messages, which name the sheet, the row and the column."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from openpyxl import Workbook

from talenthub_cli.core.frozen import replace
from talenthub_cli.core.records import material_record
from talenthub_cli.storage.loader import load_catalogue
from talenthub_cli.storage.spreadsheet import cell_text
from tests.conftest import run
from tests.strategies import catalogues, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue


def _workbook(path: Path, rows: list[list[object]], title: str = "materials") -> Path:
    """A workbook written by another library than the one `export` uses."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_update_of_an_unchanged_workbook_changes_nothing(tmp_path: Path, bundled: Path) -> None:
    target = tmp_path / "c.toml"
    target.write_bytes(bundled.read_bytes())
    book = tmp_path / "all.xlsx"
    assert run("-c", str(target), "export", "-o", str(book)).code == 0
    outcome = run("-c", str(target), "import", str(book), "--update")
    assert (outcome.code, outcome.stderr) == (0, "Added 0 materials, updated 0, unchanged 10.\n")
    assert target.read_bytes() == bundled.read_bytes()
    assert not (tmp_path / "c.toml.bak").exists()


def test_the_materials_come_back_into_a_catalogue_without_them(
    tmp_path: Path, bundled: Path
) -> None:
    catalogue = load_catalogue(bundled)
    target = write_toml(replace(catalogue, materials=(), events=()), tmp_path / "c.toml")
    book = tmp_path / "all.xlsx"
    assert run("export", "-o", str(book)).code == 0
    outcome = run("-c", str(target), "import", str(book))
    assert (outcome.code, outcome.stderr) == (0, "Added 10 materials, updated 0, skipped 0.\n")
    after = {m.id: material_record(m) for m in load_catalogue(target).materials}
    assert after == {m.id: material_record(m) for m in catalogue.materials}


def test_cells_read_as_a_csv_of_the_sheet_would_hold_them(tmp_path: Path, bundled: Path) -> None:
    """Dates typed into a spreadsheet become date cells; numbers, numbers: each reads as the
    text it shows. The header may start in another column than A."""
    target = tmp_path / "c.toml"
    target.write_bytes(bundled.read_bytes())
    rows: list[list[object]] = [
        [None, "title", "type", "date", "responses", "topics"],
        [None, "Typed", "survey", datetime.datetime(2024, 5, 1), 12, "housing; care"],
        [None, "Stamped", "survey", datetime.datetime(2024, 5, 1, 13, 30), 3.0, None],
        [None, "Year", "brief", 2024, None, None],
    ]
    outcome = run("-c", str(target), "import", str(_workbook(tmp_path / "new.xlsx", rows)))
    assert (outcome.code, outcome.stderr) == (0, "Added 3 materials, updated 0, skipped 0.\n")
    added = {m.title: m for m in load_catalogue(target).materials}
    assert added["Typed"].date is not None and added["Typed"].date.text == "2024-05-01"
    assert added["Typed"].responses == 12 and added["Typed"].topics == ("housing", "care")
    assert added["Stamped"].date is not None
    assert added["Stamped"].date.text == "2024-05-01T13:30:00"
    assert added["Stamped"].responses == 3
    assert added["Year"].date is not None and added["Year"].date.text == "2024"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("=1+1", "=1+1"),
        (12, "12"),
        (3.0, "3"),
        (2.5, "2.5"),
        (True, "TRUE"),
        (datetime.date(2024, 5, 1), "2024-05-01"),
        (datetime.datetime(2024, 5, 1), "2024-05-01"),
        (datetime.datetime(2024, 5, 1, 13, 30), "2024-05-01T13:30:00"),
        (datetime.time(13, 30), "13:30:00"),
    ],
)
def test_a_cell_reads_as_its_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_bad_cell_is_named_with_its_sheet_row_and_column(tmp_path: Path, bundled: Path) -> None:
    target = tmp_path / "c.toml"
    target.write_bytes(bundled.read_bytes())
    rows: list[list[object]] = [
        ["title", "type", "date"],
        ["Fine", "brief", "2024-05"],
        ["At a time", "brief", datetime.time(13, 30)],
        ["Typo", "breif", None],
    ]
    book = _workbook(tmp_path / "bad.xlsx", rows)
    outcome = run("-c", str(target), "import", str(book))
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr == (
        f"talenthub: {book}: nothing was imported:\n"
        "  sheet 'materials', row 3, column 'date': '13:30:00' is not a valid EDTF date: "
        "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %\n"
        "  sheet 'materials', row 4, column 'type': 'breif' is not one of the known values "
        "(did you mean 'brief'?)\n"
    )
    assert target.read_bytes() == bundled.read_bytes()
    assert not (tmp_path / "c.toml.bak").exists()


def test_files_that_are_not_a_workbook_of_materials(tmp_path: Path, bundled: Path) -> None:
    target = tmp_path / "c.toml"
    target.write_bytes(bundled.read_bytes())
    not_a_book = tmp_path / "notes.xlsx"
    not_a_book.write_text("id,title\n", encoding="utf-8")
    other_sheets = _workbook(tmp_path / "other.xlsx", [["title", "type"]], title="Sheet1")
    empty_first_row = _workbook(tmp_path / "late.xlsx", [[], ["title", "type"], ["A", "brief"]])
    unknown = _workbook(tmp_path / "unknown.xlsx", [["title", "type", "name"]])
    expected = {
        not_a_book: f"{not_a_book}: not an xlsx workbook (invalid Zip archive: Could not find EOCD)",
        other_sheets: f"{other_sheets}: no sheet named 'materials', where import reads the "
        "materials (the sheets: 'Sheet1')",
        empty_first_row: f"{empty_first_row}: sheet 'materials', row 1 is empty: the first row "
        "names the columns",
        unknown: f"{unknown}: unknown column 'name'; the columns are id, title, type, date, "
        "start, end, summary, topics, languages, organisations, contacts, url, availability, "
        "parts, related, responses, notes, source (--ignore-unknown-columns imports the rest)",
        tmp_path / "none.xlsx": f"{tmp_path / 'none.xlsx'}: no such file",
    }
    for file, message in expected.items():
        outcome = run("-c", str(target), "import", str(file))
        assert (outcome.code, outcome.stdout, outcome.stderr) == (2, "", f"talenthub: {message}\n")
    assert target.read_bytes() == bundled.read_bytes()


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(catalogues(awkward=True))
def test_export_xlsx_then_update_the_same_catalogue_leaves_every_record_unchanged(
    catalogue: Catalogue,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = write_toml(catalogue, Path(folder) / "c.toml")
        before = target.read_bytes()
        book = Path(folder) / "m.xlsx"
        exported = run("-c", str(target), "export", "-o", str(book))
        assert exported.code == 0, exported.stderr
        outcome = run("-c", str(target), "import", str(book), "--update")
        assert (outcome.code, outcome.stderr) == (
            0,
            f"Added 0 materials, updated 0, unchanged {len(catalogue.materials)}.\n",
        )
        assert target.read_bytes() == before


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(catalogues(awkward=True))
def test_export_xlsx_then_import_into_a_catalogue_without_materials_gives_the_same_materials(
    catalogue: Catalogue,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = write_toml(catalogue, Path(folder) / "source.toml")
        target = write_toml(replace(catalogue, materials=(), events=()), Path(folder) / "c.toml")
        book = Path(folder) / "m.xlsx"
        assert run("-c", str(source), "export", "-o", str(book)).code == 0
        outcome = run("-c", str(target), "import", str(book))
        assert outcome.code == 0, outcome.stderr
        imported = load_catalogue(target).materials
    # in the export's order (by date), each as it was
    assert {m.id: material_record(m) for m in imported} == {
        m.id: material_record(m) for m in catalogue.materials
    }
