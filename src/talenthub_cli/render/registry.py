"""The output formats a listing can be written in; `--format` takes its choices from here."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talenthub_cli.render.listing import Listing
    from talenthub_cli.render.terminal import Terminal

Renderer = Callable[["Listing[Any]", "Terminal"], None]


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"


# Each format's module and function in talenthub_cli.render, imported only when it is used.
RENDERERS: dict[OutputFormat, tuple[str, str]] = {
    OutputFormat.TABLE: ("table", "render"),
    OutputFormat.JSON: ("json_format", "render_json"),
    OutputFormat.JSONL: ("json_format", "render_jsonl"),
    OutputFormat.CSV: ("csv_format", "render"),
    OutputFormat.MARKDOWN: ("markdown", "render"),
}


def renderer(output_format: OutputFormat) -> Renderer:
    module, function = RENDERERS[output_format]
    found: Renderer = getattr(importlib.import_module(f"talenthub_cli.render.{module}"), function)
    return found


def render(output_format: OutputFormat, listing: Listing[Any], terminal: Terminal) -> None:
    renderer(output_format)(listing, terminal)
