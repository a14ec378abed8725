"""`export --format xlsx`: a workbook read back by an independent reader (openpyxl), from its
sheets and header to its date cells, links and guarded formulas."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
import zipfile
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import load_workbook

from talenthub_cli.core.records import MATERIAL_COLUMNS
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "@SUM(1+1)", "-2+3", " =1+1"]


def _export(tmp_path: Path, *args: str, catalogue: Path | None = None) -> Any:
    book = tmp_path / "out.xlsx"
    book.unlink(missing_ok=True)
    chosen = ("-c", str(catalogue)) if catalogue else ()
    outcome = run(*chosen, "export", *args, "-o", str(book))
    assert outcome.code == 0, outcome.stderr
    return load_workbook(book)


def test_the_sheets_their_headers_frozen_and_filtered(tmp_path: Path) -> None:
    book = _export(tmp_path)
    assert book.sheetnames == ["materials", "contacts", "organisations", "events"]
    materials = book["materials"]
    assert [cell.value for cell in materials[1]] == list(MATERIAL_COLUMNS)
    assert all(cell.font.b for cell in materials[1])
    assert materials.max_row == 11  # the header and the 10 materials of the bundled catalogue
    assert [c.value for c in book["contacts"][1]] == [
        "id", "name", "email", "organisation", "role", "source"
    ]  # fmt: skip
    assert [c.value for c in book["organisations"][1]] == [
        "id", "name", "short_name", "description", "url", "parent", "source"
    ]  # fmt: skip
    assert [c.value for c in book["events"][1]] == [
        "id", "title", "date", "start", "end", "description", "location", "materials",
        "organisations", "contacts", "source",
    ]  # fmt: skip
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        last = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= width <= 61 for width in widths), (sheet.title, widths)


def test_start_and_end_are_dates_shown_as_precisely_as_known(tmp_path: Path) -> None:
    sheet = _export(tmp_path, "--sort", "title")["materials"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    start, end = MATERIAL_COLUMNS.index("start"), MATERIAL_COLUMNS.index("end")
    principles = rows["guiding-principles"]
    assert principles[MATERIAL_COLUMNS.index("date")].value == "2024-07"  # the EDTF text
    assert principles[start].is_date and principles[end].is_date
    assert principles[start].value == datetime.datetime(2024, 7, 1)
    assert principles[end].value == datetime.datetime(2024, 7, 31)
    assert principles[start].number_format == principles[end].number_format == "yyyy-mm"
    days = [row[start] for row in rows.values() if row[start].value is not None]
    assert all(cell.is_date for cell in days)
    assert {cell.number_format for cell in days} <= {"yyyy-mm-dd", "yyyy-mm", "yyyy"}


def test_urls_and_emails_are_links(tmp_path: Path) -> None:
    book = _export(tmp_path)
    for name in ("source",):  # the bundled materials have sources and no url
        at = MATERIAL_COLUMNS.index(name)
        cells = [row[at] for row in book["materials"].iter_rows(min_row=2) if row[at].value]
        assert cells and all(cell.hyperlink.target == cell.value for cell in cells), name
    emails = [row[2] for row in book["contacts"].iter_rows(min_row=2) if row[2].value]
    assert emails and all(cell.hyperlink.target == f"mailto:{cell.value}" for cell in emails)
    sites = [row[4] for row in book["organisations"].iter_rows(min_row=2) if row[4].value]
    assert sites and all(cell.hyperlink.target == cell.value for cell in sites)


def test_lists_are_joined_as_the_csv_joins_them(tmp_path: Path) -> None:
    sheet = _export(tmp_path, "--sort", "title")["materials"]
    csv_rows = run("export", "--sort", "title").raw.decode().splitlines()
    assert len(csv_rows) == sheet.max_row
    contacts = MATERIAL_COLUMNS.index("contacts")
    cells = {row[0].value: row[contacts].value for row in sheet.iter_rows(min_row=2)}
    assert cells["remote-work-digital-nomad-survey"] == (
        "Rand Al-Ani <ralani@iom.int>; Jana Grebe <jgrebe@iom.int>"
    )


def test_hostile_cells_stay_text_and_are_guarded_as_in_csv(tmp_path: Path) -> None:
    materials = [
        f'id = "m{n}"\ntitle = {json.dumps(cell)}\ntype = "brief"\nnotes = {json.dumps(cell)}'
        for n, cell in enumerate(HOSTILE)
    ]
    path = write_catalogue(tmp_path / "c.toml", materials)
    sheet = _export(tmp_path, catalogue=path)["materials"]
    title, notes = MATERIAL_COLUMNS.index("title"), MATERIAL_COLUMNS.index("notes")
    for row, cell in zip(sheet.iter_rows(min_row=2), HOSTILE, strict=True):
        assert (row[title].value, row[title].data_type) == ("'" + cell, "s")
        assert (row[notes].value, row[notes].data_type) == ("'" + cell, "s")
    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_same_catalogue_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("export", "-o", str(first)).code == 0
    piped = run("export", "--format", "xlsx")
    assert piped.code == 0 and piped.stderr == ""
    assert run("export", "-o", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes() == piped.raw
    assert zipfile.is_zipfile(first)
    epoch = run("export", "--format", "xlsx", env={"SOURCE_DATE_EPOCH": "86400"})
    with zipfile.ZipFile(io.BytesIO(epoch.raw)) as archive:
        properties = archive.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-02T00:00:00Z<' in properties


def test_a_query_takes_only_the_contacts_organisations_and_events_it_names(
    tmp_path: Path,
) -> None:
    book = _export(tmp_path, "--type", "survey")
    assert book["materials"].max_row == 3
    contacts = [row[0].value for row in book["contacts"].iter_rows(min_row=2)]
    assert contacts == ["rand-al-ani", "jana-grebe"]


def test_messages(tmp_path: Path, terminal: None) -> None:
    shown = run("export", "--format", "xlsx")
    assert (shown.code, shown.stdout, shown.stderr) == (
        2,
        "",
        "talenthub: xlsx is a binary file, not for a terminal: name a file with -o "
        "(-o materials.xlsx), or pipe it\n",
    )
    wrote = run("export", "-o", str(tmp_path / "m.xlsx"))
    assert (wrote.code, wrote.stderr) == (0, f"Wrote 10 materials to {tmp_path / 'm.xlsx'}.\n")
    unknown = run("export", "-o", str(tmp_path / "m.xls"))
    assert unknown.code == 2
    assert unknown.stderr == (
        f"talenthub: '{tmp_path / 'm.xls'}': the extension names no format (known: .csv, .json, "
        ".jsonl, .md, .bib, .ris, .csl.json, .toml, .ics, .vcf, .xlsx, .html); give --format, or "
        "name the file with one of these\n"
    )
    assert not (tmp_path / "m.xls").exists()
    columns = run("export", "-o", str(tmp_path / "c.xlsx"), "--columns", "id,title")
    assert (columns.code, columns.stderr) == (
        2,
        "talenthub: --columns applies to the csv, json, jsonl exports, not xlsx\n",
    )


@pytest.mark.parametrize("command", [["list"], ["export", "-o", "m.csv"]])
def test_the_workbook_libraries_are_imported_only_for_a_workbook(
    command: list[str], tmp_path: Path
) -> None:
    script = (
        "import sys\nfrom talenthub_cli.cli.app import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('xlsxwriter', 'python_calamine', 'openpyxl') if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script, *command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)},
        check=True,
    )
    assert found.stdout.splitlines()[-1] == "[]", found.stderr


def test_days_before_1900_and_events_dates(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        ['id = "old"\ntitle = "Old"\ntype = "brief"\ndate = "1850-05"'],
        extra='\n[[events]]\nid = "launch"\ntitle = "Launch"\ndate = "2024-05-02/2024-05-03"\n',
    )
    book = _export(tmp_path, catalogue=path)
    row = next(book["materials"].iter_rows(min_row=2))
    start, end = MATERIAL_COLUMNS.index("start"), MATERIAL_COLUMNS.index("end")
    assert (row[start].value, row[start].data_type) == ("1850-05-01", "s")
    assert (row[end].value, row[end].data_type) == ("1850-05-31", "s")
    event = next(book["events"].iter_rows(min_row=2))
    assert [cell.value for cell in event[2:5]] == [
        "2024-05-02/2024-05-03",
        datetime.datetime(2024, 5, 2),
        datetime.datetime(2024, 5, 3),
    ]
    assert event[3].number_format == event[4].number_format == "yyyy-mm-dd"


def test_links_stop_at_excels_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from talenthub_cli.export import xlsx

    monkeypatch.setattr(xlsx, "LINKS_PER_SHEET", 3)
    sheet = _export(tmp_path, "--sort", "title")["materials"]
    source = MATERIAL_COLUMNS.index("source")
    cells = [row[source] for row in sheet.iter_rows(min_row=2) if row[source].value]
    assert len(cells) > 3
    assert [cell.hyperlink is not None for cell in cells] == [True] * 3 + [False] * (len(cells) - 3)


def test_a_text_longer_than_a_cell_holds_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = write_catalogue(
        folder / "c.toml",
        [f'id = "long"\ntitle = "Long"\ntype = "brief"\nnotes = "{"a" * 40000}"'],
    )
    target = folder / "m.xlsx"
    outcome = run("-c", str(path), "export", "-o", str(target))
    assert (outcome.code, outcome.stderr) == (
        2,
        "talenthub: sheet 'materials', row 2, column 'notes': 40,000 characters, more than a "
        "cell holds (32,767); export as csv or json instead\n",
    )
    assert list(folder.iterdir()) == [path]  # no workbook, and no temporary file either
