"""A workbook (Office Open XML, .xlsx) that a spreadsheet opens ready to use: a sheet of the
materials, then sheets of the contacts, organisations and events that go with them.

Each sheet has a bold header row of column names, frozen and with a filter on it, and columns
as wide as their first rows need (within bounds). Every cell is text, written as CSV writes it
(`core.cells`: lists joined with "; ", and a leading ' on a cell that a spreadsheet could run as
a formula), except:

- `start` and `end`, the first and last day of a date, are date cells, so that the spreadsheet
  sorts and filters by them. Each is shown as precisely as the date is known: the first and last
  day of "2024-05" hold 2024-05-01 and 2024-05-31 and show as 2024-05; of "2024", 2024. The
  `date` column keeps the EDTF text (intervals, uncertain dates), which `import` reads. A day
  before 1900, which spreadsheets cannot hold as a date, is written as YYYY-MM-DD text.
- URLs (`url` and `source`) are links, and emails mailto: links (up to Excel's 65,530 links a
  sheet; any more are plain text).

The materials' columns are CSV's (`core.records.MATERIAL_COLUMNS`), so the materials sheet
imports back as a CSV export does. The contacts, organisations and events are chosen as the
toml export chooses them: every one for the whole catalogue, and with a query or a filter, those
that the chosen materials and events reference. The document properties carry the catalogue's
time of change (or SOURCE_DATE_EPOCH), so that the same catalogue gives the same bytes.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from talenthub_cli.core.cells import MAY_GUARD, guard, join_items
from talenthub_cli.core.dates import Edtf, Point, Precision
from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.frozen import fields
from talenthub_cli.core.model import Contact, Event, Organisation
from talenthub_cli.core.text import counted
from talenthub_cli.export.common import calendar_day

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import BinaryIO, TextIO

    from talenthub_cli.export.common import ExportOptions, Selection

T = TypeVar("T")

LINKS_PER_SHEET = 65_530  # Excel opens no more: it asks to repair the file and drops them
CELL_LIMIT = 32_767  # the characters a cell holds
LINK_LIMIT = 2_079  # the characters of a link Excel follows
WIDTHS = (6, 60)  # the narrowest and widest column, in characters
SAMPLED = 200  # the rows whose text sets the widths
LINKS = {"url": "url", "source": "url", "email": "mailto"}  # the fields that are addresses
DAY_FORMATS = {Precision.DAY: "yyyy-mm-dd", Precision.MONTH: "yyyy-mm", Precision.SEASON: "yyyy-mm"}


@dataclass(frozen=True, slots=True)
class SheetColumn(Generic[T]):
    """A column of a sheet: its name (the header), a record's text in it (as CSV writes it), and
    what makes a cell more than text: a date's day (`first` or last), or a link."""

    name: str
    text: Callable[[T], str]
    date: Callable[[T], Edtf | None] | None = None  # a date cell of this date's first or last day
    first: bool = True
    link: str | None = None  # "url" or "mailto": a non-empty cell is a link


def _end_precision(date: Edtf, first: bool) -> Precision:
    end = date.start if first or date.end is None else date.end
    return end.precision if isinstance(end, Point) else date.precision


def _record_columns(kind: type[Any]) -> list[SheetColumn[Any]]:
    """A column for each field of a contact, organisation or event, with an event's first and
    last day after its date."""
    columns: list[SheetColumn[Any]] = []
    for name in fields(kind):

        def text(record: Any, name: str = name) -> str:
            value = getattr(record, name)
            if value is None:
                return ""
            if isinstance(value, tuple):
                return join_items(value)
            return value.text if isinstance(value, Edtf) else str(value)

        link = LINKS.get(name)
        columns.append(SheetColumn(name, text, link=link))
        if name == "date":
            for first, end in ((True, "start"), (False, "end")):
                columns.append(SheetColumn(end, lambda _: "", lambda e: e.date, first))
    return columns


def _material_columns(selection: Selection) -> list[SheetColumn[Any]]:
    """CSV's columns of a material, with the start and end as date cells and the URL a link."""
    from talenthub_cli.core.records import MATERIAL_COLUMNS
    from talenthub_cli.render.views import material_listing

    listing = material_listing(
        (),
        columns=None,
        contacts=selection.contacts,
        organisations=selection.organisations,
        default=",".join(MATERIAL_COLUMNS),
    )
    found: list[SheetColumn[Any]] = []
    for column in listing.columns:
        if column.name in ("start", "end"):
            found.append(
                SheetColumn(column.name, column.value, lambda m: m.date, column.name == "start")
            )
        else:
            found.append(SheetColumn(column.name, column.value, link=LINKS.get(column.name)))
    return found


class _Book:
    """The workbook being written, with its few cell formats."""

    def __init__(self, target: BinaryIO, selection: Selection) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            target,
            {
                "constant_memory": True,  # a row at a time to a temporary file, not all held
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        created = selection.generated.astimezone(datetime.UTC).replace(tzinfo=None)
        self.book.set_properties(
            {"title": selection.project.title, "created": created, "comments": "Dates are EDTF."}
        )
        self.header = self.book.add_format({"bold": True})
        self.link = self.book.add_format({"font_color": "blue", "underline": 1})
        self.days = {
            precision: self.book.add_format({"num_format": DAY_FORMATS.get(precision, "yyyy")})
            for precision in Precision
        }

    def sheet(self, name: str, columns: Sequence[SheetColumn[T]], items: Iterable[T]) -> int:
        """A sheet of the items, a row each after the header; how many rows were written."""
        sheet = self.book.add_worksheet(name)
        rest = iter(items)
        sampled = list(itertools.islice(rest, SAMPLED))
        for number, column in enumerate(columns):
            longest = max((len(column.text(item)) for item in sampled), default=0)
            longest = 10 if column.date is not None else max(longest, len(column.name))
            sheet.set_column(number, number, min(max(longest + 2, WIDTHS[0]), WIDTHS[1]))
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, [column.name for column in columns], self.header)
        links = 0
        row = 0
        for row, item in enumerate(itertools.chain(sampled, rest), 1):
            for number, column in enumerate(columns):
                if column.date is not None:
                    self._day(sheet, row, number, column.date(item), column.first)
                    continue
                text = column.text(item)
                if not text:
                    continue
                shown = guard(text) if text[:1] in MAY_GUARD else text
                if len(shown) > CELL_LIMIT:
                    raise UsageError(
                        f"sheet {name!r}, row {row + 1}, column {column.name!r}: "
                        f"{len(shown):,} characters, more than a cell holds ({CELL_LIMIT:,}); "
                        "export as csv or json instead"
                    )
                target = _link(column.link, text)
                if target is not None and links < LINKS_PER_SHEET:
                    sheet.write_url(row, number, target, self.link, string=shown)
                    links += 1
                else:
                    sheet.write_string(row, number, shown)
        sheet.autofilter(0, 0, row, len(columns) - 1)
        return row

    def _day(self, sheet: Any, row: int, column: int, date: Edtf | None, first: bool) -> None:
        if date is None:
            return
        found = calendar_day(date.first if first else date.last)
        if found is None:
            return  # unbounded, as the CSV's cell is empty
        if found[0] < 1900:  # before spreadsheets' first day: the day as CSV writes it
            sheet.write_string(row, column, "{:04d}-{:02d}-{:02d}".format(*found))
            return
        style = self.days[_end_precision(date, first)]
        sheet.write_datetime(row, column, datetime.date(*found), style)

    def close(self) -> None:
        self.book.close()


def _link(kind: str | None, text: str) -> str | None:
    if kind == "url" and text.startswith(("http://", "https://")) and len(text) <= LINK_LIMIT:
        return text
    if kind == "mailto" and "@" in text and len(text) <= LINK_LIMIT - 7:
        return "mailto:" + text
    return None


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    """The workbook, written whole to a temporary file and then to `out`'s bytes (a zip file is
    written with seeks), so that a file and a pipe get the same bytes."""
    import shutil
    import tempfile

    from talenthub_cli.export.toml_export import referenced

    materials = selection.materials  # the whole catalogue: one at a time, as they come
    if not selection.everything:  # the records they reference are chosen after them
        selection, materials = selection.held()
    with tempfile.TemporaryFile() as target:
        book = _Book(target, selection)
        count = book.sheet("materials", _material_columns(selection), materials)
        events, contacts, organisations = referenced(selection)
        book.sheet("contacts", _record_columns(Contact), contacts)
        book.sheet("organisations", _record_columns(Organisation), organisations)
        book.sheet("events", _record_columns(Event), events)
        book.close()
        target.seek(0)
        out.flush()
        shutil.copyfileobj(target, out.buffer)
        out.buffer.flush()
    return counted(count, "material")
