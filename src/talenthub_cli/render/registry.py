"""The output formats a listing can be written in; `--format` takes its choices from here."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from talenthub_cli.render import csv_format, json_format, markdown, table
from talenthub_cli.render.listing import Listing
from talenthub_cli.render.terminal import Terminal

Renderer = Callable[[Listing[Any], Terminal], None]


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"


RENDERERS: dict[OutputFormat, Renderer] = {
    OutputFormat.TABLE: table.render,
    OutputFormat.JSON: json_format.render_json,
    OutputFormat.JSONL: json_format.render_jsonl,
    OutputFormat.CSV: csv_format.render,
    OutputFormat.MARKDOWN: markdown.render,
}


def render(output_format: OutputFormat, listing: Listing[Any], terminal: Terminal) -> None:
    RENDERERS[output_format](listing, terminal)
