"""Options that several commands share, declared once."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from talenthub_cli.core.vocabulary import MaterialType, SortKey
from talenthub_cli.render.registry import OutputFormat

if TYPE_CHECKING:
    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.query import MaterialFilter

FILTERS = "Filters"
OUTPUT = "Output"


TypesOption = Annotated[
    list[MaterialType] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help="Only this type; repeat for several: " + ", ".join(MaterialType) + ".",
        rich_help_panel=FILTERS,
    ),
]
# Dates are taken as text and read by `material_filter`, so that declaring the options does not
# load the date parser: `talenthub --version` and `--help` start faster.
SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="EDTF",
        help="What ends on or after this date's first day: --since 2024-05.",
        rich_help_panel=FILTERS,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        metavar="EDTF",
        help="What starts on or before this date's last day: --until 2023-12.",
        rich_help_panel=FILTERS,
    ),
]
DuringOption = Annotated[
    str | None,
    typer.Option(
        metavar="EDTF",
        help="What runs at any time within this date: --during 2023-11-15.",
        rich_help_panel=FILTERS,
    ),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic", metavar="TOPIC", help="Only materials with this topic.", rich_help_panel=FILTERS
    ),
]
ContactOption = Annotated[
    list[str] | None,
    typer.Option(
        "--contact", metavar="NAME", help="A contact's id, name or email.", rich_help_panel=FILTERS
    ),
]
OrganisationOption = Annotated[
    list[str] | None,
    typer.Option(
        "--organisation",
        "--org",
        metavar="NAME",
        help="An organisation's id, short name or name; includes its parts (IOM: IOM Germany).",
        rich_help_panel=FILTERS,
    ),
]
LanguageOption = Annotated[
    list[str] | None,
    typer.Option(
        "--language",
        "--lang",
        metavar="CODE",
        help="A language code: en also finds en-GB.",
        rich_help_panel=FILTERS,
    ),
]
SortOption = Annotated[
    SortKey, typer.Option("--sort", help="Order by date, title or type.", rich_help_panel=OUTPUT)
]
ReverseOption = Annotated[
    bool, typer.Option("--reverse", help="Oldest first, or Z to A.", rich_help_panel=OUTPUT)
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, help="Show at most this many.", rich_help_panel=OUTPUT),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="NAMES",
        help=(
            "Columns of table, csv and markdown, e.g. id,date,title,contacts "
            "(a wrong name lists them)."
        ),
        rich_help_panel=OUTPUT,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (plain tab-separated lines when piped), json, jsonl, csv or markdown.",
        rich_help_panel=OUTPUT,
    ),
]


class SearchSort(StrEnum):
    RELEVANCE = "relevance"
    DATE = "date"
    TITLE = "title"


SearchSortOption = Annotated[
    SearchSort,
    typer.Option(
        "--sort",
        help="Order by relevance (ties newest first), date or title.",
        rich_help_panel=OUTPUT,
    ),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain", help="Show how the query was read, and why each material matched.",
        rich_help_panel=OUTPUT,
    ),
]  # fmt: skip


class ExportSort(StrEnum):
    RELEVANCE = "relevance"
    DATE = "date"
    TITLE = "title"
    TYPE = "type"


ExportSortOption = Annotated[
    ExportSort | None,
    typer.Option(
        "--sort",
        help="Order by relevance (with a query; the default then), date (the default without), "
        "title or type.",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]


class DetailFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


DetailFormatOption = Annotated[
    DetailFormat, typer.Option("--format", "-f", help="text (a panel on a terminal) or json.")
]


def _date(option: str, text: str | None) -> Edtf | None:
    """The date given to `option`, or a usage error (exit 2) that names the option."""
    from talenthub_cli.core.dates import parse
    from talenthub_cli.core.errors import DateError

    if text is None:
        return None
    try:
        return parse(text)
    except DateError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


def material_filter(
    types: list[MaterialType] | None = None,
    since: str | None = None,
    until: str | None = None,
    during: str | None = None,
    topics: list[str] | None = None,
    contacts: list[str] | None = None,
    organisations: list[str] | None = None,
    languages: list[str] | None = None,
) -> MaterialFilter:
    from talenthub_cli.core.query import MaterialFilter

    return MaterialFilter(
        types=frozenset(types or ()),
        since=_date("--since", since),
        until=_date("--until", until),
        during=_date("--during", during),
        topics=tuple(topics or ()),
        contacts=tuple(contacts or ()),
        organisations=tuple(organisations or ()),
        languages=tuple(languages or ()),
    )
