"""Workbooks at scale: `talenthub export -o x.xlsx` timed as a whole command, and the libraries
that could write and read workbooks compared on the same rows.

    python benchmarks/xlsx.py                        # export at 100,000 materials
    python benchmarks/xlsx.py --sizes 10000 --repeat 3
    python benchmarks/xlsx.py write openpyxl ROWS.csv OUT.xlsx    # one library, one job
    python benchmarks/xlsx.py read calamine IN.xlsx

The first form makes the catalogue (`generate.py`), builds its index, then times `export -o` to
a new workbook as its own process, beside `export -o` to CSV, and prints the median wall time of
--repeat runs and the peak resident memory of the largest. The `write` and `read` forms are the
comparison by which the libraries were chosen: each writes (or reads) the rows of a CSV export as
the materials sheet is made (a header row, a frozen pane, an autofilter, start and end as date
cells, the URL as a link) with one library, to be timed from outside as a whole process.
This reports figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(source: Path) -> tuple[list[str], list[list[str]]]:
    with source.open(encoding="utf-8", newline="") as stream:
        header, *rows = csv.reader(stream)
    return header, rows


def _day(text: str) -> datetime.date | str:
    return datetime.date.fromisoformat(text) if text else ""


def write_xlsxwriter(source: Path, target: Path) -> None:
    import xlsxwriter

    header, rows = _rows(source)
    days = {header.index("start"), header.index("end")}
    url = header.index("url")
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_urls": False})
    sheet = book.add_worksheet("materials")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(header) - 1)
    sheet.write_row(0, 0, header, bold)
    for number, row in enumerate(rows, 1):
        for column, cell in enumerate(row):
            if not cell:
                continue
            if column in days:
                sheet.write_datetime(number, column, _day(cell), day)
            elif column == url:
                sheet.write_url(number, column, cell, string=cell)
            else:
                sheet.write_string(number, column, cell)
    book.close()


def write_openpyxl(source: Path, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    header, rows = _rows(source)
    days = {header.index("start"), header.index("end")}
    url = header.index("url")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("materials")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:R{len(rows) + 1}"
    bold = Font(bold=True)
    titles = []
    for name in header:
        title = WriteOnlyCell(sheet, name)
        title.font = bold
        titles.append(title)
    sheet.append(titles)
    for row in rows:
        cells: list[object] = []
        for column, text in enumerate(row):
            if column in days and text:
                cell = WriteOnlyCell(sheet, _day(text))
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif column == url and text:
                cell = WriteOnlyCell(sheet, text)
                cell.hyperlink = text
                cells.append(cell)
            else:
                cells.append(text or None)
        sheet.append(cells)
    book.save(target)


def read_openpyxl(source: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(source, read_only=True, data_only=True)
    count = sum(1 for _ in book["materials"].iter_rows(values_only=True))
    book.close()
    return count


def read_calamine(source: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(source))
    return sum(1 for _ in book.get_sheet_by_name("materials").iter_rows())


WRITERS = {"openpyxl": write_openpyxl, "xlsxwriter": write_xlsxwriter}
READERS = {"openpyxl": read_openpyxl, "calamine": read_calamine}


def _talenthub() -> list[str]:
    script = Path(sys.executable).parent / "talenthub"
    return [str(script)] if script.exists() else [sys.executable, "-m", "talenthub_cli"]


def measure(argv: list[str], env: dict[str, str], repeat: int, before: object = None) -> str:
    """Median seconds and the largest peak memory of `repeat` runs of `argv`, as words."""
    times: list[float] = []
    peak = 0
    for _ in range(repeat):
        if callable(before):
            before()
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        if status != 0:
            error = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"{' '.join(argv)} failed: {error}")
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    return f"{statistics.median(times):7.2f} s  {peak / 1024:7.0f} MiB"


def commands(sizes: list[int], repeat: int) -> None:
    talenthub = _talenthub()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "SOURCE_DATE_EPOCH": "0"}
        for size in sizes:
            catalogue = work / f"catalogue-{size}.toml"
            book = work / f"materials-{size}.xlsx"
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(size), str(catalogue)], check=True
            )
            base = [*talenthub, "--catalogue", str(catalogue)]
            subprocess.run(
                [*base, "list", "--limit", "1"], env=env, check=True, capture_output=True
            )

            def remove(book: Path = book) -> None:
                book.unlink(missing_ok=True)

            export = [*base, "export", "-o", str(book)]
            print(f"export -o x.xlsx     {size:>7}: {measure(export, env, repeat, remove)}")
            csv = [*base, "export", "--force", "-o", str(work / "materials.csv")]
            print(f"export -o x.csv      {size:>7}: {measure(csv, env, repeat)}")
            print(f"workbook size        {size:>7}: {book.stat().st_size / 2**20:7.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000", help="numbers of materials, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("job", nargs="*", help="write LIBRARY ROWS.csv OUT.xlsx | read LIBRARY IN")
    given = parser.parse_args()
    if not given.job:
        commands([int(size) for size in given.sizes.split(",")], given.repeat)
    elif given.job[0] == "write" and len(given.job) == 4:
        WRITERS[given.job[1]](Path(given.job[2]), Path(given.job[3]))
    elif given.job[0] == "read" and len(given.job) == 3:
        print(READERS[given.job[1]](Path(given.job[2])), "rows")
    else:
        parser.error("the jobs are: write LIBRARY ROWS.csv OUT.xlsx, and read LIBRARY IN.xlsx")


if __name__ == "__main__":
    main()
