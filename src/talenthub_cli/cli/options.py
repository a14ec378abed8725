"""Options that several commands share, declared once."""

from __future__ import annotations

import functools
import inspect
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._types import TyperChoice

from talenthub_cli.core.query import (
    DATE_FILTERS,
    FACETS,
    FACETS_BY_FIELD,
    DateFilter,
    Facet,
    MaterialFilter,
)
from talenthub_cli.core.vocabulary import SortKey
from talenthub_cli.export.formats import EXPORT_FORMATS, LISTING_FORMATS, Format

if TYPE_CHECKING:
    from collections.abc import Callable

    from talenthub_cli.core.dates import Edtf

FILTERS = "Filters"
OUTPUT = "Output"


def pages(command: Callable[..., None]) -> Callable[..., None]:
    """Mark a command whose output may be long: on a terminal it goes through a pager
    (`Session.paged`), and the command takes --no-pager, which `cli.app` adds to each command so
    marked, as it adds --no-color to every command."""
    command.pages = True  # type: ignore[attr-defined]
    return command


def own_catalogue(command: Callable[..., None]) -> Callable[..., None]:
    """Mark a command that reads no catalogue in use (`init` writes one where its PATH says):
    it takes no --catalogue and --quiet after it, which `cli.app` adds to every other command."""
    command.reads_catalogue = False  # type: ignore[attr-defined]
    return command


def _complete_columns(ctx: typer.Context, incomplete: str) -> list[str]:
    from talenthub_cli.cli import completion

    return completion.columns(ctx, incomplete)


def complete_records(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of every kind of record, for the shell (`show`)."""
    from talenthub_cli.cli import completion

    return completion.records(ctx, incomplete)


RecordReference = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help=(
            "The record: an id, a unique id prefix, a title or name; kind:ID (contact:jana) "
            "where ids are shared."
        ),
        autocompletion=complete_records,
    ),
]


SortOption = Annotated[
    SortKey,
    typer.Option(
        "--sort",
        metavar="ORDER",
        case_sensitive=False,
        help="Order by date, title or type.",
        rich_help_panel=OUTPUT,
    ),
]
ReverseOption = Annotated[
    bool, typer.Option("--reverse", help="Oldest first, or Z to A.", rich_help_panel=OUTPUT)
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit", "-n", metavar="N", min=1, help="Show at most this many.", rich_help_panel=OUTPUT
    ),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="NAMES",
        help="The columns to show, comma-separated, in every format (a wrong name lists them all).",
        rich_help_panel=OUTPUT,
        autocompletion=_complete_columns,
    ),
]


class _Formats(TyperChoice[Format]):
    """The formats a command's --format takes, from the one registry (`export.formats`): what
    its help names, the shell is offered and Click accepts, in any case. A format that another
    command writes is refused with which one."""

    def __init__(self, formats: tuple[Format, ...]) -> None:
        super().__init__(formats, case_sensitive=False)

    def get_invalid_choice_message(self, value: Any, ctx: Any) -> str:
        said = super().get_invalid_choice_message(value, ctx).rstrip(".")
        asked = str(value).casefold()
        if asked == Format.TABLE:
            return f"{said} (`talenthub list` shows a table)"
        if asked in EXPORT_FORMATS:
            return f"{said} (`talenthub export` writes {asked})"
        return said


def formats_of(formats: tuple[Format, ...]) -> Any:
    """The choices of a --format that takes `formats` (`click_type` of its option)."""
    return _Formats(formats)


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        click_type=formats_of(LISTING_FORMATS),
        help=f"{', '.join(LISTING_FORMATS)}; table is plain tab-separated lines when piped.",
        rich_help_panel=OUTPUT,
    ),
]


class SearchSort(StrEnum):
    RELEVANCE = "relevance"
    DATE = "date"
    TITLE = "title"
    TYPE = "type"


SearchSortOption = Annotated[
    SearchSort | None,
    typer.Option(
        "--sort",
        metavar="ORDER",
        case_sensitive=False,
        help="Order by relevance (the default with a query; ties newest first), date (the "
        "default without one), title or type.",
        show_default=False,
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


class DetailFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


DetailFormatOption = Annotated[
    DetailFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        help="table (a panel on a terminal, lines when piped) or json.",
    ),
]


def option_date(option: str, text: str | None) -> Edtf | None:
    """The date given to `option`, in EDTF or as people write it ("May 2024"), or a range of
    two as a search's `date:` takes it (`2023-11..2024-02`, `2024..`), or a usage error (exit
    2) that names the option. Every date option reads its value here."""
    if text is None:
        return None
    from talenthub_cli.core.dates import parse, span
    from talenthub_cli.core.errors import DateError, UsageError
    from talenthub_cli.core.human_dates import read_date

    try:
        return span(text, lambda part: parse(read_date(part)))
    except DateError as error:
        raise UsageError(f"{option}: {error}") from None


def _facet_completion(facet: Facet) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """What the shell is offered for a filter's option: from the facet (`cli.completion`)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from talenthub_cli.cli import completion

        return completion.facet_values(facet, ctx, incomplete)

    return complete


def _facet_option(facet: Facet) -> Any:
    return Annotated[
        list[str] | None,
        typer.Option(
            *facet.options,
            metavar=facet.metavar,
            help=facet.help,
            rich_help_panel=FILTERS,
            autocompletion=_facet_completion(facet),
            show_default=False,
        ),
    ]


def _date_option(date: DateFilter) -> Any:
    return Annotated[
        str | None,
        typer.Option(date.option, metavar="DATE", help=date.help, rich_help_panel=FILTERS),
    ]


_KEYWORD = inspect.Parameter.KEYWORD_ONLY
_FILTER_PARAMETERS = [
    *(
        inspect.Parameter(
            f"filter_{facet.name}", _KEYWORD, default=None, annotation=_facet_option(facet)
        )
        for facet in FACETS
    ),
    *(
        inspect.Parameter(
            f"filter_{date.name}", _KEYWORD, default=None, annotation=_date_option(date)
        )
        for date in DATE_FILTERS
    ),
]


FIELDS = "Fields"

# How a person gives each field of a material on the command line (`add`): a word of help, and
# for a field that is not a filter too, its option and the word for its value (a filter's field
# takes the filter's option: `--type`/`-t`, `--topic`, `--lang`, ...). A list field's option is
# repeated for several values. Every field of `core.records.MATERIAL_FIELDS` but the id (`--id`,
# made from the title by default) has one; a test holds the two to each other.
FIELD_OPTIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "title": (("--title",), "TEXT", "The title."),
    "type": ((), "", "The type of material"),
    "date": (("--date",), "DATE", 'EDTF, or as people write it: "May 2024", "9-22 November 2023".'),
    "summary": (("--summary",), "TEXT", "What it is about, in a few sentences."),
    "topics": ((), "", "A topic; repeat for several."),
    "languages": ((), "", "A language code: en, de, da..."),
    "organisations": ((), "", "An author or publisher: id or name."),
    "contacts": ((), "", "Whom to ask: id, name or email."),
    "url": (("--url",), "URL", "Where to read or download it."),
    "availability": ((), "", "Whether it can be had"),
    "parts": (("--part",), "ID", "A material that is part of it."),
    "related": (("--related",), "ID", "A related material."),
    "responses": (("--responses",), "COUNT", "A survey's responses."),
    "notes": (("--notes",), "TEXT", "Anything else worth knowing."),
    "source": (("--source",), "URL", "Where its facts come from (a web address)."),
}


_DATE_HELP = FIELD_OPTIONS["date"][2]
_SOURCE = (("--source",), "URL", "Where its facts come from (a web address).")

# The same for the other kinds of record (`add contact`, `add organisation`, `add event`): every
# field of `core.records.FIELDS_OF[kind]` but the id; a test holds them to each other.
KIND_FIELD_OPTIONS: dict[str, dict[str, tuple[tuple[str, ...], str, str]]] = {
    "materials": FIELD_OPTIONS,
    "contacts": {
        "name": (("--name",), "TEXT", "Their name, as they write it."),
        "email": (("--email",), "EMAIL", "Their email address."),
        "organisation": (("--organisation", "--org"), "ORG", "Where they work: id or name."),
        "role": (("--role",), "TEXT", "What they do there."),
        "source": _SOURCE,
    },
    "organisations": {
        "name": (("--name",), "TEXT", "Its name in full."),
        "short_name": (("--short-name",), "TEXT", 'The name it goes by, e.g. "IOM".'),
        "description": (("--description",), "TEXT", "What it is, in a sentence or two."),
        "url": (("--url",), "URL", "Its web site."),
        "parent": (("--parent",), "ORG", "The organisation it is part of: id or name."),
        "source": _SOURCE,
    },
    "events": {
        "title": (("--title",), "TEXT", "What it is called."),
        "date": (("--date",), "DATE", _DATE_HELP),
        "description": (("--description",), "TEXT", "What happened, in a few sentences."),
        "location": (("--location",), "PLACE", "Where it took place."),
        "materials": (("--material",), "ID", "A material presented or made there; repeat."),
        "organisations": (
            ("--organisation", "--org"),
            "ORG",
            "An organisation taking part: id or name; repeat.",
        ),
        "contacts": (("--contact",), "CONTACT", "A person taking part: id, name or email; repeat."),
        "source": _SOURCE,
    },
}


def _field_parameter(kind: str, name: str) -> inspect.Parameter:
    from talenthub_cli.core.records import KINDS_OF

    options, metavar, help_text = KIND_FIELD_OPTIONS[kind][name]
    facet = FACETS_BY_FIELD.get(name) if kind == "materials" else None
    if facet is not None:  # the filter's option, and its words where they are a vocabulary
        options, metavar = facet.options, facet.metavar
        if facet.choices:
            help_text += ": " + ", ".join(key for key, _ in facet.choices) + "."
    held = KINDS_OF[kind][name]
    value: Any = (
        list[str] | None if held == "list" else int | None if held == "integer" else str | None
    )
    declared = typer.Option(
        *options,
        metavar=metavar,
        help=help_text,
        rich_help_panel=FIELDS,
        show_default=False,
        min=0 if held == "integer" else None,
    )
    return inspect.Parameter(
        f"field_{name}", _KEYWORD, default=None, annotation=Annotated[value, declared]
    )


def with_fields_of(kind: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command an option for each field of a record of `kind` (`KIND_FIELD_OPTIONS`), in
    place of its `given: dict[str, Any]` parameter, which receives the values given, by field
    name, as typed (list fields as lists)."""
    from talenthub_cli.core.records import FIELDS_OF

    names = [name for name in FIELDS_OF[kind] if name != "id"]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name == "given":
                parameters.extend(_field_parameter(kind, name) for name in names)
            else:
                parameters.append(parameter.replace(kind=_KEYWORD))

        @functools.wraps(command)
        def with_values(*args: Any, **options: Any) -> None:
            given = {name: options.pop(f"field_{name}") for name in names}
            given = {k: v for k, v in given.items() if v not in (None, [])}
            command(*args, given=given, **options)

        with_values.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        return with_values

    return decorate


def with_fields(command: Callable[..., None]) -> Callable[..., None]:
    """`with_fields_of` a material: the options of `add`. Made when `add` is built, as every
    kind's are: the fields come from the model, which a listing does not load."""
    return with_fields_of("materials")(command)


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the filter options, declared once from `core.query.FACETS` and
    `DATE_FILTERS`, in place of its `chosen: MaterialFilter` parameter, which receives them
    read and checked. Every command that picks materials takes its filters this way."""
    return _Filtered(command)


class _Filtered:
    """A command with the filter options (`with_filters`). Its signature is made when Typer
    first asks for it: only the command that runs is built, and reading the annotations of
    every command that takes filters cost each run 3 ms."""

    def __init__(self, command: Callable[..., None]) -> None:
        functools.update_wrapper(self, command)
        self._command = command

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        signature = inspect.signature(self._command, eval_str=True)
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():  # Typer passes every one by its name
            if parameter.name == "chosen":
                parameters.extend(_FILTER_PARAMETERS)
            else:
                parameters.append(parameter.replace(kind=_KEYWORD))
        return signature.replace(parameters=parameters)

    def __call__(self, *args: Any, **options: Any) -> None:
        values = {facet.name: tuple(options.pop(f"filter_{facet.name}") or ()) for facet in FACETS}
        dates = {
            date.name: option_date(date.option, options.pop(f"filter_{date.name}"))
            for date in DATE_FILTERS
        }
        self._command(*args, chosen=MaterialFilter(values, **dates), **options)
