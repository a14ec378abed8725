"""The export formats: `--format` takes its choices from here, and `--output`'s extension picks one.

Each format is one module of this package with a `write(selection, out, options)` function, imported
only when it is used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions, Selection


class ExportFormat(StrEnum):
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


class Writer(Protocol):
    def __call__(self, selection: Selection, out: TextIO, options: ExportOptions) -> str:
        """Write the selection to `out`; return what was written, in words ("10 materials")."""
        ...


@dataclass(frozen=True, slots=True)
class FormatInfo:
    module: str  # in talenthub_cli.export
    function: str  # the module's writer
    extensions: tuple[str, ...]  # the first is the one to name a file with
    what: str  # for the help


FORMATS: dict[ExportFormat, FormatInfo] = {
    ExportFormat.CSV: FormatInfo("csv_export", "write", (".csv",), "a spreadsheet (RFC 4180)"),
    ExportFormat.JSON: FormatInfo(
        "json_export", "write_json", (".json",), "the JSON contract, every field"
    ),
    ExportFormat.JSONL: FormatInfo(
        "json_export", "write_jsonl", (".jsonl", ".ndjson"), "one JSON object a line"
    ),
    ExportFormat.MARKDOWN: FormatInfo(
        "markdown", "write", (".md", ".markdown"), "a table and a section each"
    ),
    ExportFormat.BIBTEX: FormatInfo("bibtex", "write", (".bib",), "BibTeX/biblatex"),
    ExportFormat.RIS: FormatInfo("ris", "write", (".ris",), "RIS, for reference managers"),
    ExportFormat.CSL_JSON: FormatInfo(
        "csl_json", "write", (".csl.json",), "CSL-JSON (Zotero, pandoc)"
    ),
    ExportFormat.TOML: FormatInfo("toml_export", "write", (".toml",), "a catalogue of its own"),
    ExportFormat.ICS: FormatInfo("ics", "write", (".ics", ".ical"), "a calendar (RFC 5545)"),
    ExportFormat.VCF: FormatInfo("vcf", "write", (".vcf", ".vcard"), "the contacts (vCard 4.0)"),
}


def format_for(output: str | None) -> ExportFormat:
    """The format that a file's name asks for: by its extension, else CSV."""
    if output is None or output == "-":
        return ExportFormat.CSV
    name = output.lower()
    # The longest extension first, so that "refs.csl.json" is CSL-JSON and not JSON.
    pairs = sorted(
        ((ext, fmt) for fmt, info in FORMATS.items() for ext in info.extensions),
        key=lambda pair: -len(pair[0]),
    )
    return next((fmt for ext, fmt in pairs if name.endswith(ext)), ExportFormat.CSV)


def writer(export_format: ExportFormat) -> Writer:
    info = FORMATS[export_format]
    found: Writer = getattr(
        importlib.import_module(f"talenthub_cli.export.{info.module}"), info.function
    )
    return found
