"""The commands that read a catalogue. Each parses its options, asks the core, and renders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from talenthub_cli.cli.options import (
    ColumnsOption,
    DetailFormat,
    DetailFormatOption,
    ExplainOption,
    FormatOption,
    LimitOption,
    RecordReference,
    ReverseOption,
    SearchSort,
    SearchSortOption,
    SortOption,
    formats_of,
    pages,
    with_filters,
)
from talenthub_cli.cli.session import Session

# At run time: `with_filters` reads the commands' signatures, `chosen: MaterialFilter` included.
from talenthub_cli.core.query import MaterialFilter
from talenthub_cli.core.vocabulary import SortKey
from talenthub_cli.export.formats import COUNT_FORMATS, EXPORT_FORMATS, Format

if TYPE_CHECKING:
    from collections.abc import Iterable

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.lookup import Found
    from talenthub_cli.core.model import Material, Project
    from talenthub_cli.core.query import ListQuery
    from talenthub_cli.core.search import Results
    from talenthub_cli.export.common import Selection
    from talenthub_cli.render.details import Details
    from talenthub_cli.render.terminal import Terminal
    from talenthub_cli.storage.index import CatalogueIndex

# The core and the renderers are imported inside each command, so that only what a command uses
# is loaded: `--version` and `--help` need none of it.


def session_of(ctx: typer.Context) -> Session:
    session = ctx.find_root().obj
    assert isinstance(session, Session)
    return session


def _print_json(value: object, terminal: Terminal) -> None:
    from talenthub_cli.render.output import print_json

    print_json(value, terminal)


def _ordered(chosen: MaterialFilter, sort: SearchSort | None, reverse: bool, limit: int | None,
             searching: bool) -> tuple[ListQuery, bool]:  # fmt: skip
    """The query of a listing that may be a search: by relevance where there is a query and no
    other order was asked for (ties newest first), else by the order asked for, or by date."""
    from talenthub_cli.core.query import ListQuery

    by_relevance = searching and sort in (None, SearchSort.RELEVANCE)
    order = SortKey.DATE if sort in (None, SearchSort.RELEVANCE) else SortKey(sort)
    return ListQuery(chosen, order, reverse, limit), by_relevance


def _dates_read(chosen: MaterialFilter) -> list[str]:
    """How each date option was read ("--since read as 2024-05 (May 2024)"): `--explain`'s
    confirmation of a date written as people write it."""
    from talenthub_cli.core.dates import humanize
    from talenthub_cli.core.query import DATE_FILTERS

    return [
        f"{date.option} read as {value.text} ({humanize(value)})"
        for date in DATE_FILTERS
        if (value := getattr(chosen, date.name)) is not None
    ]


def _parse_date(text: str) -> Edtf:
    """A date of a query (`core.dates.parse`), imported by a query that names one alone."""
    from talenthub_cli.core.dates import parse

    return parse(text)


def _search(index: CatalogueIndex, text: str, query: ListQuery, by_relevance: bool) -> Results:
    from talenthub_cli.core.search import search as run_search

    return run_search(text, index, query, by_relevance, _parse_date)


def _search_plain(session: Session, index: CatalogueIndex, text: str, query: ListQuery,
                  by_relevance: bool, names: list[str], output_format: Format) -> None:  # fmt: skip
    """`search`'s listing of the plain columns `names`, read from the index's columns: what
    the listing of the materials found writes in a format of plain text."""
    from talenthub_cli.core.search import did_you_mean, nothing_found, read_query

    tree = read_query(text, index, _parse_date)
    if output_format is Format.TABLE:  # lines, joined in the index, as `list` writes them
        from talenthub_cli.render.table import JOINED, write_joined

        if not write_joined(index.search_lines(tree, query, by_relevance, names, JOINED),
                            session.terminal.out):  # fmt: skip
            raise nothing_found(text, did_you_mean(text, tree, index))
        return
    from talenthub_cli.render.output import print_listing
    from talenthub_cli.render.views import plain_listing

    rows = index.search_plain(tree, query, by_relevance, names)
    with session.paged() as terminal:  # CSV: the header, even where nothing is found
        print_listing(output_format, plain_listing(rows, names), terminal)
    if not rows:
        raise nothing_found(text, did_you_mean(text, tree, index))


@pages
@with_filters
def list_materials(
    ctx: typer.Context,
    chosen: MaterialFilter,
    sort: SortOption = SortKey.DATE,
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """List the materials, newest first.

    Dates are EDTF (2024, 2024-05, 2023-11-09/2023-11-22) or as people write them (May 2024),
    or a range as a search's date: takes it (2023-11..2024-02, 2024..), and match by overlap.

    Examples:

      talenthub list --type brief --since 2024

      talenthub list --during 2023-11 --format json

      talenthub list --org IOM --columns id,date,title,contacts
    """
    from talenthub_cli.core.query import ListQuery
    from talenthub_cli.render.plain import plain_names
    from talenthub_cli.storage.index import PLAIN_COLUMNS

    session = session_of(ctx)
    catalogue = session.open()
    index = catalogue.index
    query = ListQuery(chosen, sort, reverse, limit)
    plain = output_format is Format.CSV or (
        output_format is Format.TABLE and not session.terminal.is_terminal
    )
    names = plain_names(columns, PLAIN_COLUMNS) if plain else None
    if names is not None and output_format is Format.TABLE:  # lines, joined in the index
        from talenthub_cli.render.table import JOINED, write_joined

        write_joined(index.plain_lines(query, names, JOINED), session.terminal.out)
        return
    from talenthub_cli.render.output import print_listing
    from talenthub_cli.render.views import material_listing, plain_listing

    if names is not None:  # read from the index's columns, without building the materials
        print_listing(output_format, plain_listing(index.select_plain(query, names), names),
                      session.terminal)  # fmt: skip
        return
    materials = index.select(query)
    caption = None
    if session.terminal.is_terminal:
        total = index.count()
        matching = index.count(chosen) if limit is not None and len(materials) == limit else None
        shown = f"{len(materials):,} of {total:,} materials"
        if matching is not None and matching > len(materials):  # --limit cut the listing
            shown = f"{len(materials):,} shown of {matching:,} matching"
            shown += f" · {total:,} in the catalogue"
        caption = f"{shown} · {catalogue.describe()}"
    listing = material_listing(
        materials,
        columns=columns,
        contacts=index.contacts_by_id(),
        organisations=index.organisations_by_id(),
        caption=caption,
    )
    with session.paged() as terminal:
        print_listing(output_format, listing, terminal)


@pages
@with_filters
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...", help="What to look for (see above); words may come unquoted."
        ),
    ],
    chosen: MaterialFilter,
    sort: SearchSortOption = None,
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    output_format: FormatOption = Format.TABLE,
    explain: ExplainOption = False,
) -> None:
    """Search the materials, best match first.

    Words must all match, each as the start of a word ("nomad" finds "nomads"), in any text of a
    material or the names of its contacts and organisations; case and accents do not matter.
    "Quoted words" match side by side.

    field:value looks in one field: type, topic, contact, org, lang, availability, date, title,
    id; date: takes EDTF or a range 2023-11..2024-02 (open: 2024..).

    -x leaves out what matches x; a OR b takes either; parentheses group. A minus binds first,
    then side by side, then OR: a b OR c means (a b) OR c. Quote a query that holds -x or
    quotes, or put it after --, so that the shell and the options leave it whole.

    Exits 1 when nothing matches (after printing an empty listing: [] in json).

    Examples:

      talenthub search "digital nomad"

      talenthub search "type:brief date:2024"

      talenthub search "date:2024-02..2024-05"

      talenthub search "nomad -type:survey" --explain
    """
    from talenthub_cli.render.plain import plain_names
    from talenthub_cli.storage.index import PLAIN_COLUMNS

    session = session_of(ctx)
    index = session.open(searching=True).index
    ordered, by_relevance = _ordered(chosen, sort, reverse, limit, searching=True)
    text = " ".join(query)
    plain = not explain and (
        output_format is Format.CSV
        or (output_format is Format.TABLE and not session.terminal.is_terminal)
    )
    # The default columns on a terminal hold a snippet: plain text alone where they are not.
    names = plain_names(columns, PLAIN_COLUMNS) if plain else None
    if names is not None and (columns is not None or not session.terminal.is_terminal):
        # Read from the index's columns, without building the materials, as `list` does.
        _search_plain(session, index, text, ordered, by_relevance, names, output_format)
        return
    from talenthub_cli.render.output import print_listing
    from talenthub_cli.render.views import search_listing

    results = _search(index, text, ordered, by_relevance)
    contact_map, organisation_map = index.contacts_by_id(), index.organisations_by_id()
    if explain:
        from talenthub_cli.render.explain import explanation, render_explanation

        explained = explanation(results, contact_map, organisation_map)
        explained["reading"] += _dates_read(chosen)
        with session.paged() as terminal:
            if output_format is Format.JSON:
                _print_json(explained, terminal)
            else:
                render_explanation(explained, terminal)
    else:
        listing = search_listing(
            results.hits,
            results.terms,
            columns=columns,
            on_terminal=session.terminal.is_terminal,
            contacts=contact_map,
            organisations=organisation_map,
        )
        if results.hits or output_format is not Format.TABLE:
            with session.paged() as terminal:
                print_listing(output_format, listing, terminal)
    if not results.hits:
        raise results.nothing_found()


CSV = "CSV (--format csv)"


@with_filters
def export(
    ctx: typer.Context,
    chosen: MaterialFilter,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUERY]...",
            help="A search, as `talenthub search` takes it; without one, the filters alone choose.",
            show_default=False,
        ),
    ] = None,
    sort: SearchSortOption = None,
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    export_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            click_type=formats_of(EXPORT_FORMATS),
            help=f"{', '.join(EXPORT_FORMATS)}; by default the --output file's extension "
            "says (csv to stdout, or for a name with no extension).",
            show_default=False,
            rich_help_panel="Output",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (whole or not at all); - or none is stdout.",
            show_default=False,
            rich_help_panel="Output",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace the --output file if it exists.", rich_help_panel="Output"
        ),
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV: begin with a byte order mark, so that Excel reads UTF-8.",
            rich_help_panel=CSV,
        ),
    ] = False,
    delimiter: Annotated[
        str,
        typer.Option(
            "--delimiter",
            "-d",
            metavar="CHAR",
            help="CSV: the cell separator; ';' for spreadsheets set up for German or Danish, "
            "'tab' for tabs.",
            rich_help_panel=CSV,
        ),
    ] = ",",
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="CSV: leave cells that begin with = + - @ as they are (by default they get a "
            "leading ' so that a spreadsheet does not run them as formulas).",
            rich_help_panel=CSV,
        ),
    ] = False,
) -> None:
    """Export the materials, as `list` and `search` select them, to a file or stdout.

    Formats: csv (RFC 4180, UTF-8; the columns are id, title, type, date, start, end, summary,
    topics, languages, organisations, contacts, url, availability, parts, related, responses,
    notes, source, or those --columns names), json and jsonl (every field, or the --columns),
    markdown, bibtex, ris and csl-json (for reference managers), toml (a catalogue of its own,
    with the records it references), ics (a calendar: the dated materials and the events as
    all-day events), vcf (vCard 4.0: the contacts), xlsx (a workbook: the materials, with start
    and end as dates, then the contacts, organisations and events) and html (one self-contained
    web page with search and filters, to open from a file or mail). ics, vcf and xlsx take all
    events and all contacts, within any date filter; with a query or another filter, only those
    of the chosen materials. A query that matches nothing exits 1, after writing an empty export.

    Examples:

      talenthub export --output materials.csv

      talenthub export --excel --delimiter ';' -o spreadsheet.csv

      talenthub export "type:brief" --format bibtex

      talenthub export --during 2023-11 -o november.ics

      talenthub export --type survey -o surveys.xlsx

      talenthub export --format vcf

      talenthub export -o catalogue.html
    """
    from pathlib import Path

    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.export.common import ExportOptions
    from talenthub_cli.export.formats import FORMATS, export_writer, format_for
    from talenthub_cli.render.output import write_stdout
    from talenthub_cli.storage.atomic import write_atomically
    from talenthub_cli.storage.bulk import collector_paused

    chosen_format = export_format or format_for(output)
    options = ExportOptions.given(chosen_format, excel=excel, delimiter=delimiter, raw=raw)
    write = export_writer(chosen_format, columns)
    session = session_of(ctx)
    if FORMATS[chosen_format].binary and output in (None, "-") and session.terminal.is_terminal:
        raise UsageError(
            f"{chosen_format} is a binary file, not for a terminal: "
            f"name a file with -o (-o materials{FORMATS[chosen_format].extensions[0]}), or pipe it"
        )
    selection, results = _selection(session, " ".join(query or ()), chosen, sort, reverse, limit)
    with collector_paused():  # a row, an entry, a card at a time: nothing in a cycle
        if output is None or output == "-":
            write_stdout(lambda stream: write(selection, stream, options), session.terminal)
        else:
            said = write_atomically(
                Path(output), lambda stream: write(selection, stream, options), replace=force
            )
            session.terminal.err.write(f"Wrote {said} to {output}.\n")
    if results is not None and not results.hits:
        raise results.nothing_found()


def _selection(
    session: Session,
    text: str,
    chosen: MaterialFilter,
    sort: SearchSort | None,
    reverse: bool,
    limit: int | None,
) -> tuple[Selection, Results | None]:
    """The materials to export, chosen as `search` (with a query) or `list` would choose them,
    with the records the formats need; and the search's results, where there was a query."""
    from functools import partial

    from talenthub_cli.core.query import date_window
    from talenthub_cli.export.common import Selection

    opened = session.open()
    index = opened.index
    searching = bool(text.strip())
    query, by_relevance = _ordered(chosen, sort, reverse, limit, searching)
    results = None
    materials: Iterable[Material]
    kept = None
    if searching:
        results = _search(index, text, query, by_relevance)
        materials = [hit.material for hit in results.hits]
    else:
        materials = index.stream(query)
        kept = partial(index.lines, query)
    selection = Selection(
        project=index.project(),
        materials=materials,
        organisations=index.organisations_by_id(),
        contacts=index.contacts_by_id(),
        events=index.events(),
        generated=opened.source.revised(session.environ),
        restricted=bool(searching or chosen.narrowed or limit is not None),
        window=date_window(chosen),
        kept=kept,
    )
    return selection, results


@pages
def show(
    ctx: typer.Context,
    reference: RecordReference,
    output_format: DetailFormatOption = DetailFormat.TABLE,
) -> None:
    """Show one record in full: a material, an event, a contact, an organisation or the project.

    A material with its dates written out, contacts with emails and organisations; a contact
    with every material and event that names them (whom to ask about what); an organisation
    with its parts, people and materials; an event with its people and materials. Where a name
    fits records of several kinds, write the kind first: contact:jana, org:iom, event:launch.

    Examples:

      talenthub show guidebook

      talenthub show "Jana Grebe"

      talenthub show org:iom --format json
    """
    from talenthub_cli.core.lookup import find_record
    from talenthub_cli.core.records import to_record
    from talenthub_cli.render.details import render_details

    session = session_of(ctx)
    index = session.open().index
    found = find_record(reference, index)
    if output_format is DetailFormat.JSON:
        _print_json(to_record(found.record), session.terminal)
        return
    shown = _details(found, index)
    with session.paged() as terminal:
        render_details(shown, terminal)


def _details(found: Found, index: CatalogueIndex) -> Details:
    """A record in full, with the records it names and those that name it."""
    from talenthub_cli.core.model import Contact, Event, Material, Organisation, Project
    from talenthub_cli.core.query import ListQuery
    from talenthub_cli.render import details

    record = found.record
    events = index.events_naming(record.id)

    def naming(facet: str) -> list[Material]:
        chosen = MaterialFilter({facet: (record.id,)})
        return index.select(ListQuery(chosen, reverse=True))

    if isinstance(record, Material):  # what it names alone, not every contact and organisation
        contacts = index.contacts_named(record.contacts)
        organisations = index.organisations_named(
            [*record.organisations, *(c.organisation for c in contacts.values() if c.organisation)]
        )
        return details.material_details(
            record,
            contacts=contacts,
            organisations=organisations,
            related=index.materials_by_id(record.parts + record.related),
            events=[event for event in events if record.id in event.materials],
        )
    contacts, organisations = index.contacts_by_id(), index.organisations_by_id()
    if isinstance(record, Contact):
        return details.contact_details(
            record,
            organisations=organisations,
            materials=naming("contact"),
            events=[event for event in events if record.id in event.contacts],
        )
    if isinstance(record, Organisation):
        return details.organisation_details(
            record,
            organisations=organisations,
            people=[c for c in contacts.values() if c.organisation == record.id],
            materials=naming("organisation"),  # its own and its parts'
            events=[event for event in events if record.id in event.organisations],
        )
    if isinstance(record, Event):
        return details.event_details(
            record,
            contacts=contacts,
            organisations=organisations,
            materials=list(index.materials_by_id(record.materials).values()),
        )
    assert isinstance(record, Project)
    return _project(record, index)


def _project(project: Project, index: CatalogueIndex) -> Details:
    from talenthub_cli.render.details import project_details

    organisations = index.organisations_by_id()
    counts = {
        "materials": index.count(),
        "events": len(index.events()),
        "contacts": len(index.contacts()),
        "organisations": len(organisations),
    }
    return project_details(project, organisations, counts)


@pages
def contacts(
    ctx: typer.Context,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """List the contacts: whom to ask, with their emails and organisations.

    Examples:

      talenthub contacts

      talenthub contacts --format json
    """
    from talenthub_cli.render.output import print_listing
    from talenthub_cli.render.views import contact_listing

    session = session_of(ctx)
    index = session.open().index
    listing = contact_listing(index.contacts()[:limit], index.organisations_by_id(), columns)
    with session.paged() as terminal:
        print_listing(output_format, listing, terminal)


@pages
def organisations(
    ctx: typer.Context,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """List the organisations: implementers, partners, authors and publishers.

    Examples:

      talenthub organisations

      talenthub organisations --columns id,name,description --format markdown
    """
    from talenthub_cli.render.output import print_listing
    from talenthub_cli.render.views import organisation_listing

    session = session_of(ctx)
    listing = organisation_listing(session.open().index.organisations()[:limit], columns)
    with session.paged() as terminal:
        print_listing(output_format, listing, terminal)


@pages
@with_filters
def timeline(
    ctx: typer.Context,
    chosen: MaterialFilter,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """Show events and dated materials in date order, oldest first: as a chart on a terminal.

    On a terminal it draws a row a record along a month axis (quarters or years when the range
    is long); piped, with --columns or another --format it lists them. The date filters choose
    events and materials alike; the other filters choose materials, and then only the events of
    those materials.

    Examples:

      talenthub timeline

      talenthub timeline --during 2024 --format json

      talenthub timeline --type survey
    """
    from talenthub_cli.core.query import ListQuery, date_window
    from talenthub_cli.core.timeline import timeline as build_timeline
    from talenthub_cli.render.output import print_listing
    from talenthub_cli.render.views import timeline_listing

    session = session_of(ctx)
    index = session.open().index
    materials = index.select(ListQuery(chosen, reverse=True))  # oldest first, ties as catalogued
    events = index.events()
    if chosen.narrowed:
        chosen_ids = {material.id for material in materials}
        events = [event for event in events if chosen_ids.intersection(event.materials)]
    entries = build_timeline(events, materials, date_window(chosen))[:limit]
    with session.paged() as terminal:
        if output_format is Format.TABLE and terminal.is_terminal and columns is None:
            import datetime

            from talenthub_cli.render.chart import draw_timeline

            draw_timeline(entries, terminal, datetime.date.today())
            return
        print_listing(output_format, timeline_listing(entries, columns), terminal)


@pages
@with_filters
def stats(
    ctx: typer.Context,
    chosen: MaterialFilter,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            click_type=formats_of(COUNT_FORMATS),
            help="table (bars on a terminal, group/key/count lines when piped), json or csv.",
        ),
    ] = Format.TABLE,
) -> None:
    """Count the materials by type, year, month, organisation, contact and availability.

    Months are counted where the dated materials span less than two years. On a terminal each
    count is drawn as a bar.

    The filters of `list` choose what is counted. A material that names several organisations
    or contacts counts once under each.

    Examples:

      talenthub stats

      talenthub stats --type survey --format json

      talenthub stats --since 2024 --format csv
    """
    from talenthub_cli.core.query import ListQuery
    from talenthub_cli.core.stats import material_stats
    from talenthub_cli.render import stats as view

    session = session_of(ctx)
    index = session.open().index
    counted = material_stats(
        index.select(ListQuery(chosen)), index.contacts_by_id(), index.organisations_by_id()
    )
    with session.paged() as terminal:
        if output_format is Format.TABLE:
            view.draw_stats(counted, terminal)
        elif output_format is Format.JSON:
            view.write_stats_json(counted, terminal)
        else:
            view.write_stats_csv(counted, terminal)


@pages
def about(ctx: typer.Context, output_format: DetailFormatOption = DetailFormat.TABLE) -> None:
    """Show the project at a glance: titles, period, partners, funding, aims.

    Examples:

      talenthub about

      talenthub about --format json
    """
    from talenthub_cli.core.records import to_record
    from talenthub_cli.render.details import render_details

    session = session_of(ctx)
    index = session.open().index
    project = index.project()
    if output_format is DetailFormat.JSON:
        _print_json(to_record(project), session.terminal)
        return
    shown = _project(project, index)
    with session.paged() as terminal:
        render_details(shown, terminal)


def config(ctx: typer.Context, output_format: DetailFormatOption = DetailFormat.TABLE) -> None:
    """Show which catalogue is in use and why, and where config, data and cache live.

    Examples:

      talenthub config

      TALENTHUB_CATALOGUE=other.toml talenthub config --format json
    """
    session = session_of(ctx)
    source = session.source()
    dirs = session.dirs
    facts = {
        "catalogue": str(source.path),
        "why": source.why,
        "config_file": str(dirs.config_file),
        "data_dir": str(dirs.data),
        "cache_dir": str(dirs.cache),
    }
    if output_format is DetailFormat.JSON:
        _print_json(facts, session.terminal)
        return
    if not session.terminal.is_terminal:  # plain tab-separated lines, as a listing's
        from operator import itemgetter

        from talenthub_cli.render.listing import Column, Listing
        from talenthub_cli.render.table import render

        columns = [Column[tuple[str, str]](name, name, itemgetter(at))
                   for at, name in enumerate(("key", "value"))]  # fmt: skip
        listing = Listing(list(facts.items()), columns, lambda fact: dict([fact]), "facts")
        render(listing, session.terminal)
        return
    width = max(len(key) for key in facts)
    session.terminal.out.writelines(f"{key:<{width}}  {value}\n" for key, value in facts.items())
