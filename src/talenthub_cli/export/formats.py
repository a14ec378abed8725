"""Every output format, in one registry: `--format` of every command takes its choices from here,
and `--output`'s extension picks one.

A format writes a listing (records and the columns chosen of them: `list`, `search`,
`contacts`, `organisations`, `timeline`, and `export` of csv, json and jsonl), a document of the
selected materials (`export` of bibtex, ris, toml, ...), or both (markdown: a table in a
listing, a table and a section a material in an export). Each writer lives in one module of
this package (the terminal table in `render.table`), imported only when it is used.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO

    from talenthub_cli.core.model import Material
    from talenthub_cli.export.common import ExportOptions, Selection
    from talenthub_cli.render.listing import Listing


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"
    TOML = "toml"
    ICS = "ics"
    VCF = "vcf"
    XLSX = "xlsx"
    HTML = "html"


class ListingWriter(Protocol):
    def __call__(self, listing: Listing[Any], out: TextIO, options: ExportOptions) -> int:
        """Write the listing to `out`; return how many records were written."""
        ...


class DocumentWriter(Protocol):
    def __call__(self, selection: Selection, out: TextIO, options: ExportOptions) -> str:
        """Write the selection to `out`; return what was written, in words ("10 materials")."""
        ...


@frozen
class FormatInfo:
    module: str  # in talenthub_cli.export
    listing: str | None  # the function that writes a listing
    document: str | None  # the function that writes an export of materials, where not a listing
    extensions: tuple[str, ...]  # the first is the one to name a file with
    what: str  # for the help
    binary: bool = False  # bytes, not text: written to a file or a pipe, never to a terminal


FORMATS: dict[Format, FormatInfo] = {
    # The terminal table is `render.table`: it draws on a terminal and writes tab-separated
    # lines when piped, so it is for the screen and pipes, not for a file.
    Format.TABLE: FormatInfo("", "render", None, (), "a table; tab-separated lines when piped"),
    Format.CSV: FormatInfo("csv_export", "write", None, (".csv",), "a spreadsheet (RFC 4180)"),
    Format.JSON: FormatInfo(
        "json_export", "write_json", None, (".json",), "the JSON contract, every field"
    ),
    Format.JSONL: FormatInfo(
        "json_export", "write_jsonl", None, (".jsonl", ".ndjson"), "one JSON object a line"
    ),
    Format.MARKDOWN: FormatInfo(
        "markdown", "write_table", "write", (".md", ".markdown"), "a table (and a section each)"
    ),
    Format.BIBTEX: FormatInfo("bibtex", None, "write", (".bib",), "BibTeX/biblatex"),
    Format.RIS: FormatInfo("ris", None, "write", (".ris",), "RIS, for reference managers"),
    Format.CSL_JSON: FormatInfo(
        "csl_json", None, "write", (".csl.json",), "CSL-JSON (Zotero, pandoc)"
    ),
    Format.TOML: FormatInfo("toml_export", None, "write", (".toml",), "a catalogue of its own"),
    Format.ICS: FormatInfo("ics", None, "write", (".ics", ".ical"), "a calendar (RFC 5545)"),
    Format.VCF: FormatInfo("vcf", None, "write", (".vcf", ".vcard"), "the contacts (vCard 4.0)"),
    Format.XLSX: FormatInfo("xlsx", None, "write", (".xlsx",), "a workbook", binary=True),
    Format.HTML: FormatInfo(
        "html", None, "write", (".html", ".htm"), "one self-contained web page"
    ),
}

# What each command's --format takes (its choices, its help and the shell's completion):
# a listing (`list`, `search`, `contacts`, ...), an export, and the counts of `stats`.
LISTING_FORMATS = tuple(f for f, info in FORMATS.items() if info.listing is not None)
EXPORT_FORMATS = tuple(f for f in FORMATS if f is not Format.TABLE)
COUNT_FORMATS = (Format.TABLE, Format.JSON, Format.CSV)


def format_for(output: str | None) -> Format:
    """The format that a file's name asks for: by its extension; CSV for stdout or a name with
    no extension. An extension that names no format is refused, rather than written as CSV
    under a misleading name ("materials.xlsx")."""
    if output is None or output == "-" or not PurePath(output).suffix:
        return Format.CSV
    name = output.lower()
    # The longest extension first, so that "refs.csl.json" is CSL-JSON and not JSON.
    pairs = sorted(
        ((ext, fmt) for fmt, info in FORMATS.items() for ext in info.extensions),
        key=lambda pair: -len(pair[0]),
    )
    found = next((fmt for ext, fmt in pairs if name.endswith(ext)), None)
    if found is None:
        known = ", ".join(ext for _, info in FORMATS.items() for ext in info.extensions[:1])
        raise UsageError(
            f"{output!r}: the extension names no format (known: {known}); "
            "give --format, or name the file with one of these"
        )
    return found


def _function(info: FormatInfo, name: str) -> Any:
    return getattr(importlib.import_module(f"talenthub_cli.export.{info.module}"), name)


def listing_writer(output_format: Format) -> ListingWriter:
    info = FORMATS[output_format]
    assert info.listing is not None and info.module
    found: ListingWriter = _function(info, info.listing)
    return found


def export_writer(output_format: Format, columns: str | None = None) -> DocumentWriter:
    """The writer of an export of materials in this format: the format's own document, or for a
    listing's format (csv, json, jsonl) the materials with every column, or those of `columns`."""
    info = FORMATS[output_format]
    if info.document is not None:
        if columns is not None:
            listings = ", ".join(f for f in EXPORT_FORMATS if FORMATS[f].document is None)
            raise UsageError(f"--columns applies to the {listings} exports, not {output_format}")
        found: DocumentWriter = _function(info, info.document)
        return found
    write_listing = listing_writer(output_format)

    def listing_of(materials: Iterable[Material], selection: Selection) -> Listing[Material]:
        from talenthub_cli.core.records import MATERIAL_COLUMNS
        from talenthub_cli.render.views import material_listing

        return material_listing(
            materials,
            columns=columns,
            contacts=selection.contacts,
            organisations=selection.organisations,
            default=",".join(MATERIAL_COLUMNS),
        )

    def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
        from talenthub_cli.core.text import counted

        listing = listing_of(selection.materials, selection)
        if output_format is Format.CSV and columns is None and selection.kept is not None:
            from talenthub_cli.export import csv_export

            if csv_export.keeps(options):  # every column: from the lines the index keeps
                kept = selection.kept(
                    csv_export.KEPT,
                    lambda materials: csv_export.lines(listing_of(materials, selection)),
                )
                return counted(csv_export.write_kept(listing, kept, out, options), "material")
        return counted(write_listing(listing, out, options), "material")

    return write
