"""CSV: RFC 4180 as Python's csv module reads it, the formula guard, and the list cells."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.core.cells import (
    FORMULA_STARTS,
    guard,
    join_items,
    split_items,
    unguard,
)
from talenthub_cli.core.records import MATERIAL_COLUMNS as COLUMNS
from talenthub_cli.core.records import material_record
from talenthub_cli.export.common import ExportOptions, iso_day
from talenthub_cli.export.formats import Format
from talenthub_cli.storage.index import open_index
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run
from tests.export.helpers import selection_of, written
from tests.strategies import AWKWARD_TEXT, catalogues, queries, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue
    from talenthub_cli.core.query import ListQuery


def _rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


def test_a_survey_as_a_spreadsheet_row() -> None:
    outcome = run("export", "--type", "survey", "--sort", "title")
    assert outcome.code == 0
    assert outcome.raw.decode().splitlines(keepends=True)[:2] == [
        "id,title,type,date,start,end,summary,topics,languages,organisations,contacts,url,"
        "availability,parts,related,responses,notes,source\r\n",
        "talent-attraction-retention-survey,International Talent Attraction & Retention Survey,"
        "survey,2023-12-05/2023-12-19,2023-12-05,2023-12-19,"
        "Carried out by IOM under the Talent Hub project to collect practical insights and "
        "personal experience of how it is to live and either work or study in Denmark/Germany "
        "and what factors are important for talent's/expat's ability and willingness to stay "
        "(retention). The responses were used to inform project materials.,"
        "talent retention; talent attraction; living and working in Denmark; living and working "
        "in Germany,,iom,Rand Al-Ani <ralani@iom.int>; Jana Grebe <jgrebe@iom.int>,,on-request,,,"
        "110,Please contact IOM to receive an analysis of the survey data.,"
        "https://germany.iom.int/labour-migration\r\n",
    ]


def test_every_material_of_the_bundled_catalogue_reads_back_field_by_field(bundled: Path) -> None:
    catalogue = load_catalogue(bundled)
    rows = _rows(run("export", "--sort", "title").stdout.replace("\n", "\r\n"))
    assert tuple(rows[0]) == COLUMNS
    by_id = {m.id: m for m in catalogue.materials}
    assert sorted(row[0] for row in rows[1:]) == sorted(by_id)
    for row in rows[1:]:
        cells = dict(zip(COLUMNS, row, strict=True))
        record = material_record(by_id[cells["id"]])
        assert cells["title"] == record["title"]
        assert cells["type"] == record["type"]
        assert cells["date"] == (record["date"] or "")
        assert split_items(cells["topics"]) == record["topics"]
        assert split_items(cells["organisations"]) == record["organisations"]
        assert len(split_items(cells["contacts"])) == len(record["contacts"])
        assert cells["responses"] == str(record.get("responses") or "")


def test_start_and_end_are_the_first_and_last_day_for_sorting() -> None:
    rows = _rows(run("export", "--type", "brief").stdout.replace("\n", "\r\n"))
    assert [(row[3], row[4], row[5]) for row in rows[1:]] == [
        ("2024-05", "2024-05-01", "2024-05-31"),
        ("2023-06", "2023-06-01", "2023-06-30"),
    ]


def _check_cells(catalogue: Catalogue, text: str, delimiter: str, guarded: bool) -> None:
    rows = _rows(text, delimiter)
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(catalogue.materials) + 1
    contacts = {c.id: c for c in catalogue.contacts}
    for material, row in zip(catalogue.materials, rows[1:], strict=True):
        cells = dict(zip(COLUMNS, [unguard(c) if guarded else c for c in row], strict=True))
        assert cells["id"] == material.id
        assert cells["title"] == material.title
        assert cells["summary"] == (material.summary or "")
        assert cells["notes"] == (material.notes or "")
        assert cells["date"] == ("" if material.date is None else material.date.text)
        assert cells["start"] == ("" if material.date is None else iso_day(material.date.first))
        assert split_items(cells["topics"]) == list(material.topics)
        assert split_items(cells["parts"]) == list(material.parts)
        assert split_items(cells["contacts"]) == [
            f"{contacts[c].name} <{contacts[c].email}>" for c in material.contacts
        ]
        assert cells["url"] == (material.url or "")
        if guarded:  # nothing a spreadsheet would run is left
            assert not any(cell[:1] in FORMULA_STARTS for cell in row)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(catalogues(awkward=True), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_awkward_text_survives_as_the_standard_says(
    catalogue: Catalogue, delimiter: str, guarded: bool
) -> None:
    """Quotes, delimiters, line breaks, formulas and non-Latin text come back cell for cell."""
    options = ExportOptions(delimiter=delimiter, guard_formulas=guarded)
    text = written(Format.CSV, selection_of(catalogue), options)
    _check_cells(catalogue, text, delimiter, guarded)
    # RFC 4180: every record ends with CRLF, and a quote inside a cell is doubled.
    assert text.endswith("\r\n")


@given(AWKWARD_TEXT)
def test_the_guard_comes_off_exactly(cell: str) -> None:
    guarded = guard(cell)
    assert unguard(guarded) == cell
    assert guarded[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_the_guard_is_an_apostrophe_only_where_needed() -> None:
    assert [guard(c) for c in ["=1+1", "+49 30", "-x", "@SUM(A1)", "\tx", "'=x", "'x", "a=b"]] == [
        "'=1+1", "'+49 30", "'-x", "'@SUM(A1)", "'\tx", "''=x", "'x", "a=b",
    ]  # fmt: skip


@given(st.lists(AWKWARD_TEXT))
def test_list_cells_split_back_into_their_items(items: list[str]) -> None:
    assert split_items(join_items(items)) == items


def _formula_catalogue(tmp_path: Path) -> Path:
    from tests.conftest import write_catalogue

    return write_catalogue(
        tmp_path / "c.toml",
        ['id = "f"\ntitle = "=HYPERLINK(\\"http://x\\",\\"y\\")"\ntype = "brief"\n'
         'topics = ["@risk", "+1"]'],
    )  # fmt: skip


def test_a_formula_is_neutralised_and_raw_leaves_it(tmp_path: Path) -> None:
    path = _formula_catalogue(tmp_path)
    guarded = _rows(run("-c", str(path), "export").raw.decode())
    assert guarded[1][1] == '\'=HYPERLINK("http://x","y")'
    assert guarded[1][7] == "'@risk; +1"
    raw = _rows(run("-c", str(path), "export", "--raw").raw.decode())
    assert raw[1][1] == '=HYPERLINK("http://x","y")'


def test_excel_gets_a_byte_order_mark_and_a_semicolon(tmp_path: Path) -> None:
    target = tmp_path / "m.csv"
    outcome = run("export", "--excel", "--delimiter", ";", "-o", str(target))
    assert outcome.code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;title;type;date;start;end;")
    rows = _rows(data.decode("utf-8-sig"), ";")
    assert len(rows) == 11
    assert rows[1][:3] == ["guiding-principles", "Guiding Principles", "guidelines"]


def test_tab_is_a_delimiter_by_name() -> None:
    outcome = run("export", "--delimiter", "tab", "-n", "1")
    assert outcome.stdout.startswith("id\ttitle\ttype\tdate\t")


def test_a_delimiter_that_cannot_be_one_is_refused() -> None:
    for bad in ['"', "ab", "x", ""]:
        outcome = run("export", "--delimiter", bad)
        assert outcome.code == 2
        assert outcome.stderr.startswith("talenthub: --delimiter takes one character"), bad
        assert outcome.stdout == ""


def test_csv_options_are_refused_for_other_formats() -> None:
    outcome = run("export", "--format", "json", "--excel", "--delimiter", ";")
    assert outcome.code == 2
    assert outcome.stderr == "talenthub: --excel and --delimiter apply to CSV only, not json\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.booleans())
def test_an_export_from_the_lines_the_index_keeps_is_the_plain_writers_byte_for_byte(
    data: st.DataObject, excel: bool
) -> None:
    """Kept lines are made once (the first export) and read after (the second): both write what
    the plain writer writes of the same materials."""
    catalogue: Catalogue = data.draw(catalogues(awkward=True))
    with tempfile.TemporaryDirectory() as folder:
        index = open_index(write_toml(catalogue, Path(folder) / "c.toml"), Path(folder) / "cache")
        query: ListQuery = data.draw(queries(catalogue))
        plain = replace(selection_of(catalogue), materials=index.select(query))
        kept = replace(plain, materials=index.stream(query), kept=partial(index.lines, query))
        options = ExportOptions(bom=excel)
        expected = written(Format.CSV, plain, options)
        assert written(Format.CSV, kept, options) == expected  # made
        assert written(Format.CSV, kept, options) == expected  # read back


def test_other_options_and_columns_are_written_by_the_plain_writer(tmp_path: Path) -> None:
    path = _formula_catalogue(tmp_path)
    for options in (["--raw"], ["-d", ";"], ["--columns", "id,title"]):
        first = run("-c", str(path), "export", "--format", "csv", *options)
        again = run("-c", str(path), "export", "--format", "csv", *options)
        assert first.code == 0 and first.raw == again.raw
    assert '"=HYPERLINK(' in run("-c", str(path), "export", "--raw").stdout
    assert "'=HYPERLINK(" in run("-c", str(path), "export").stdout
