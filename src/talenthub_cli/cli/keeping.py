"""The commands that keep a catalogue: init, check, add, edit, remove and import. Every write
goes through `storage.keeping.change_catalogue`: locked, validated, confined to its record's
lines, backed up and atomic."""

from __future__ import annotations

import contextlib
from pathlib import Path  # noqa: TC003 (Typer reads the commands' signatures at run time)
from typing import TYPE_CHECKING, Annotated, Any

import typer

from talenthub_cli.cli.commands import session_of
from talenthub_cli.cli.options import (
    DetailFormat,
    DetailFormatOption,
    LimitOption,
    RecordReference,
    option_date,
    own_catalogue,
    pages,
    with_fields,
    with_fields_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from talenthub_cli.cli.session import Session
    from talenthub_cli.core.lookup import Found
    from talenthub_cli.storage.resolve import CatalogueSource

EMPTY_CATALOGUE = """\
# A talenthub catalogue. Dates are EDTF (2024, 2024-05, 2023-11-09/2023-11-22).
# Add materials with `talenthub add`; check the file with `talenthub check`.

schema = 1

[project]
id = "my-project"
title = "My project"
"""


def _writable(session: Session) -> CatalogueSource:
    """The catalogue that a change goes to; never the bundled one, which is read-only."""
    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.storage.resolve import Origin

    source = session.source()
    if source.origin is Origin.BUNDLED:
        raise UsageError(
            "the bundled Talent Hub EU catalogue cannot be changed; run `talenthub init` to "
            "make your own copy (or `talenthub init --empty` to start afresh), then try again"
        )
    return source


@own_catalogue
def init(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Where to write it; by default your catalogue in the user data folder, which "
            "talenthub then reads.",
            show_default=False,
        ),
    ] = None,
    empty: Annotated[
        bool, typer.Option("--empty", help="A minimal catalogue with a project to fill in.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a catalogue that is there (kept as NAME.bak)."),
    ] = False,
) -> None:
    """Make your own catalogue: a copy of the bundled Talent Hub EU catalogue, or an empty one.

    Without PATH it goes to the user data folder, where talenthub finds it from then on. A
    file that is there is replaced only with --force, and then kept as NAME.bak.

    Examples:

      talenthub init

      talenthub init --empty my-project.toml
    """
    import shutil

    from talenthub_cli.core.errors import WriteError
    from talenthub_cli.storage.atomic import make_folder, write_atomically
    from talenthub_cli.storage.keeping import backup_of
    from talenthub_cli.storage.paths import bundled_catalogue

    session = session_of(ctx)
    target = path if path is not None else session.dirs.user_catalogue
    if path is None:
        make_folder(target.parent)
    text = EMPTY_CATALOGUE if empty else bundled_catalogue().read_text(encoding="utf-8")
    if target.exists() and not force:
        raise WriteError(f"{target} is there already; add --force to replace it (kept as .bak)")
    if target.is_file():
        shutil.copy2(target, backup_of(target))  # byte for byte, whatever it holds
    write_atomically(target, lambda out: out.write(text), replace=force)
    what = "an empty catalogue" if empty else "the Talent Hub EU catalogue"
    if path is None:
        after = "talenthub reads it from now on"
    else:
        after = f"read it with `talenthub -c {target}` or set TALENTHUB_CATALOGUE={target}"
    session.terminal.err.write(f"Wrote {what} to {target}; {after}.\n")


@pages
def check(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]", help="The file to check; by default the catalogue in use."
        ),
    ] = None,
    errors_only: Annotated[
        bool, typer.Option("--errors-only", help="Show the errors alone, not the warnings.")
    ] = False,
    limit: LimitOption = None,
    output_format: DetailFormatOption = DetailFormat.TABLE,
) -> None:
    """Check a catalogue: every error and warning, with file:line and how to fix it.

    Errors break a rule (the catalogue cannot be read); warnings are valid but weak: a material
    with no date, no contact or no source, a contact that nothing names. The last line counts
    them, by rule, whatever --errors-only and --limit leave out. Exits 3 if there are errors,
    0 otherwise.

    Examples:

      talenthub check

      talenthub check --errors-only --limit 20

      talenthub check my-project.toml --format json
    """
    from talenthub_cli.core.errors import CheckFailedError
    from talenthub_cli.core.text import counted
    from talenthub_cli.render.findings import Shown, findings_json, render_findings
    from talenthub_cli.render.output import print_json
    from talenthub_cli.storage.loader import check_file

    session = session_of(ctx)
    checked = path if path is not None else session.source().path
    with session.progress(checked) as progress:
        findings = check_file(checked, progress=progress)
    shown = Shown(errors_only, limit)
    with session.paged() as terminal:
        if output_format is DetailFormat.JSON:
            print_json(findings_json(findings, shown), terminal)
        else:
            render_findings(findings, terminal, shown)
    if findings.errors:
        errors = counted(len(findings.errors), "error")
        raise CheckFailedError(f"{findings.file} is not a valid catalogue: {errors}")


# add ---------------------------------------------------------------------------------------------

IdOption = Annotated[
    str | None,
    typer.Option(
        "--id", metavar="ID", help="The id; by default made from the title or name.",
        show_default=False,
    ),
]  # fmt: skip
InteractiveOption = Annotated[
    bool,
    typer.Option(
        "--interactive",
        "-i",
        help="Ask for each field (the default on a terminal when a needed field is missing).",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Add it even to a read-only catalogue file.")
]


def _add(
    ctx: typer.Context,
    kind: str,
    given: dict[str, Any],
    record_id: str | None,
    *,
    interactive: bool,
    force: bool,
    same_title: bool = True,
) -> None:
    """Add a record of `kind` from what was given, asking for the rest on a terminal."""
    from talenthub_cli.cli.options import KIND_FIELD_OPTIONS
    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.core.records import KINDS_OF
    from talenthub_cli.core.validate import SCHEMA, SINGULAR
    from talenthub_cli.render.forms import ask_for_material, ask_for_record
    from talenthub_cli.storage.keeping import add_record
    from talenthub_cli.storage.loader import load_catalogue

    session = session_of(ctx)
    target = _writable(session)
    fields = dict(given)
    needed = [name for name, rule in SCHEMA[kind].items() if rule.required and name != "id"]
    missing = [name for name in needed if not fields.get(name)]
    if interactive or (session.terminal.interactive and missing):
        catalogue = load_catalogue(target.path)
        if kind == "materials":
            ask_for_material(fields, catalogue, session.terminal)
        else:
            questions = {name: help_text for name, (_, _, help_text) in
                         KIND_FIELD_OPTIONS[kind].items()}  # fmt: skip
            ask_for_record(kind, fields, questions, catalogue, session.terminal)
        missing = [name for name in needed if not fields.get(name)]
    if missing:
        options = " and ".join(f"--{name}" for name in missing)
        command = "add" if kind == "materials" else f"add {SINGULAR[kind]}"
        raise UsageError(f"{command} needs {options} (or -i to be asked for each field)")
    for name, held in KINDS_OF[kind].items():
        if held == "date" and name in fields:
            read = option_date(f"--{name}", fields[name])
            fields[name] = None if read is None else read.text
            if read is not None and read.text != given.get(name, read.text).strip():
                session.terminal.err.write(f"Read --{name} {given[name]!r} as {read.text}.\n")
    if kind == "materials" and not same_title and session.terminal.interactive:
        twins = session.open().index.materials_titled(fields["title"], 1)
        if twins:
            _confirm(
                session,
                f"There is already a material titled {twins[0].title!r} ({twins[0].id}); "
                "add another?",
                default=False,
            )
            same_title = True
    new_id = add_record(
        target.path,
        kind,
        fields,
        record_id=record_id,
        force=force,
        same_title=same_title,
        cache_dir=session.dirs.cache,
    )
    session.terminal.out.write(new_id + "\n")
    what = "" if kind == "materials" else f"{SINGULAR[kind]} "
    session.terminal.err.write(f"Added {what}{new_id} to {target.path}.\n")


add = typer.Typer(
    name="add",
    invoke_without_command=True,
    add_completion=False,
)


@add.callback()
@with_fields
def add_material(
    ctx: typer.Context,
    given: dict[str, Any],
    material_id: IdOption = None,
    interactive: InteractiveOption = False,
    force: ForceOption = False,
    allow_duplicate_title: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate-title",
            help="Add it even if a material has this title already (else: asked on a "
            "terminal, refused otherwise).",
        ),
    ] = False,
) -> None:
    """Add a material, contact, organisation or event, from options or by answering questions.

    `add` alone (or `add material`) adds a material; `add contact`, `add organisation` and
    `add event` the others (`talenthub add contact --help` lists a contact's options). A
    material is appended to the file, another record put after the last of its kind; every
    other line stays as it was, comments included. Nothing is written unless the whole
    catalogue is still valid. The new id is printed.

    Examples:

      talenthub add --title "Retention brief" -t brief --date "May 2024"

      talenthub add contact --name "Jana Novak" --org iom

      talenthub add event --title "Final workshop" --date 2025-06-12

      talenthub add -i
    """
    if ctx.invoked_subcommand is not None:
        given_any = given or material_id or interactive or force or allow_duplicate_title
        if given_any:
            from talenthub_cli.core.errors import UsageError

            kind = ctx.invoked_subcommand
            raise UsageError(
                f"a material's options go after `add` alone; a {kind}'s after `add {kind}`"
            )
        return
    _add(
        ctx, "materials", given, material_id, interactive=interactive, force=force,
        same_title=allow_duplicate_title,
    )  # fmt: skip


# The help of `add contact`, `add organisation` and `add event`; their options come from
# `options.KIND_FIELD_OPTIONS`.
_OTHER_KINDS = {
    "contact": (
        "contacts",
        """Add a contact: a person to ask about materials and events.

    Examples:

      talenthub add contact --name "Jana Novak" --email jana@example.org --org iom

      talenthub add contact -i
    """,
    ),
    "organisation": (
        "organisations",
        """Add an organisation: an author, publisher or partner.

    Examples:

      talenthub add organisation --name "Migration Lab" --short-name ML

      talenthub add organisation --name "Policy Unit" --parent iom
    """,
    ),
    "event": (
        "events",
        """Add an event: a meeting, workshop or launch, with its date.

    Examples:

      talenthub add event --title "Final workshop" --date "12 June 2025"

      talenthub add event -i
    """,
    ),
}


def _add_command(kind: str, help_text: str) -> Callable[..., None]:
    """The command that adds a record of `kind` (`add contact`, ...)."""

    @with_fields_of(kind)
    def add_one(
        ctx: typer.Context,
        given: dict[str, Any],
        record_id: IdOption = None,
        interactive: InteractiveOption = False,
        force: ForceOption = False,
    ) -> None:
        _add(ctx, kind, given, record_id, interactive=interactive, force=force)

    add_one.__doc__ = help_text
    return add_one


add.command("material", help="Add a material: the same as `add` alone.")(add_material)
for _word, (_kind, _help) in _OTHER_KINDS.items():
    add.command(_word)(_add_command(_kind, _help))


# remove ------------------------------------------------------------------------------------------

KEPT = ("material", "contact", "organisation", "event")  # what add, edit and remove take


def _find(session: Session, reference: str, verb: str | None, kinds: tuple[str, ...]) -> Found:
    """The record a change is about, found as `show` finds one (an id, a unique id prefix, a
    title or name, `kind:id`); where it was not named by its exact id, a person at a terminal
    confirms it (where a `verb` is given)."""
    from talenthub_cli.core.lookup import find_record, kind_named

    found = find_record(reference, session.open().index, kinds)
    exact = kind_named(reference, kinds)[1]
    if verb is not None and found.id != exact and session.terminal.interactive:
        _confirm(session, f"{verb} {found.kind} {found.id!r} ({found.name})?", default=True)
    return found


def _confirm(session: Session, question: str, *, default: bool) -> None:
    """Ask on the terminal; DeclinedError (nothing changes) on a no."""
    from rich.prompt import Confirm

    from talenthub_cli.core.errors import DeclinedError

    if not Confirm.ask(question, console=session.terminal.err_console(), default=default):
        raise DeclinedError("nothing was changed")


def remove(
    ctx: typer.Context,
    reference: RecordReference,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Remove it even if other records name it (and those names), or the file is "
            "read-only.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Remove a material, contact, organisation or event: its record's text, and nothing else.

    If other records name it (a material its part, a contact its organisation, an event its
    material), it is not removed unless --force, which takes those names out too. On a
    terminal it asks first. The previous version of the file is kept beside it, as NAME.bak.

    Examples:

      talenthub remove briefs-2023-06

      talenthub remove event:launch

      talenthub remove guidebook --force --yes
    """
    from talenthub_cli.core.errors import NotFoundError
    from talenthub_cli.core.lookup import kind_named
    from talenthub_cli.core.validate import SINGULAR
    from talenthub_cli.storage.keeping import backup_of, remove_record

    plural = {one: many for many, one in SINGULAR.items()}
    session = session_of(ctx)
    target = _writable(session)
    asking = not yes and session.terminal.interactive
    kinds, exact = kind_named(reference, KEPT)
    cache = session.dirs.cache
    done = None
    if not asking:  # an exact id needs no lookup: the change finds it, under the lock
        with contextlib.suppress(NotFoundError):
            done = (
                exact,
                remove_record(
                    target.path, [plural[k] for k in kinds], exact, force=force, cache_dir=cache
                ),
            )
    if done is None:  # a prefix or a title: found as show finds it
        found = _find(session, reference, None, KEPT)
        if asking:
            _confirm(session, f"Remove {found.kind} {found.id!r} ({found.name})?", default=False)
        done = (
            found.id,
            remove_record(
                target.path, [plural[found.kind]], found.id, force=force, cache_dir=cache
            ),
        )
    removed_id, (kind, unnamed) = done
    what = "" if kind == "materials" else f"{SINGULAR[kind]} "
    took = f"; took it out of {', '.join(unnamed)}" if unnamed else ""
    session.terminal.err.write(
        f"Removed {what}{removed_id} from {target.path}{took} (the previous version is in "
        f"{backup_of(target.path).name}).\n"
    )


# edit --------------------------------------------------------------------------------------------


def edit(
    ctx: typer.Context,
    reference: RecordReference,
) -> None:
    """Edit a record (a material, contact, organisation, event, or the project) in your
    editor; it is saved only if the catalogue stays valid.

    Opens $VISUAL or $EDITOR (else, at a terminal, nano or vi) on the record's text alone. On
    save the whole catalogue is checked: if something is wrong, the problems are shown and you
    choose to edit again (they are listed at the top) or to give up, leaving the file as it
    was, as visudo does. Only the record's own lines change.

    Examples:

      talenthub edit guidebook

      talenthub edit contact:jana-grebe

      EDITOR="code --wait" talenthub edit briefs-2024-05
    """
    from rich.prompt import Prompt

    from talenthub_cli.core.validate import SINGULAR
    from talenthub_cli.storage.editing import edit_until_valid, editor_command
    from talenthub_cli.storage.keeping import record_text, replace_record

    plural = {one: many for many, one in SINGULAR.items()}
    session = session_of(ctx)
    target = _writable(session)
    at_a_terminal = session.terminal.interactive and session.terminal.is_terminal
    command = editor_command(session.environ, at_a_terminal=at_a_terminal)
    found = _find(session, reference, "Edit", (*KEPT, "project"))
    kind = plural[found.kind]
    block = record_text(target.path, kind, found.id, cache_dir=session.dirs.cache)
    console = session.terminal.err_console()

    def again(problems: list[str]) -> bool:
        console.print(f"{found.id} was not saved:", markup=False)
        for line in problems:
            console.print(f"  {line}", markup=False)
        if not session.terminal.interactive:  # no one to ask
            return False
        answer = Prompt.ask(
            "Edit again, or give up and leave the file as it was?",
            console=console, choices=["edit", "give up"], default="edit",
        )  # fmt: skip
        return answer == "edit"

    def save(edited: str) -> None:
        replace_record(target.path, kind, found.id, block, edited, cache_dir=session.dirs.cache)

    saved = edit_until_valid(found.id, target.path, block, command, save, again)
    said = f"Saved {found.id} in {target.path}" if saved else f"No change to {found.id}"
    session.terminal.err.write(said + ".\n")


# import ------------------------------------------------------------------------------------------


def import_materials(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A CSV or .xlsx file, as `talenthub export` writes it."
        ),
    ],
    update: Annotated[
        bool, typer.Option("--update", help="Replace materials whose id is already there.")
    ] = False,
    create_missing: Annotated[
        bool,
        typer.Option(
            "--create-missing",
            help="Make the contacts (from Name <email>, a name or an address) and organisations "
            "(from their names) that the rows name and the catalogue has not.",
        ),
    ] = False,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help="Import the known columns and leave out the others (else refused, naming them).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change, and change nothing.")
    ] = False,
) -> None:
    """Import materials from a CSV file, as `talenthub export` writes it.

    With or without a byte order mark, with , or ; or tabs between cells (found from the
    header), the column names in any case; or from the materials sheet of an .xlsx workbook
    (export -o x.xlsx). Every row is checked first; if any is wrong, every problem is shown with
    its row and column and nothing is written. Materials whose id is already in the catalogue are
    skipped, or replaced with --update. Contacts are matched by email, then name; organisations by
    id or name. Those that nothing matches are named, every one; --create-missing makes them in
    the same change (on a terminal it asks, listing them).

    Examples:

      talenthub import materials.csv --dry-run

      talenthub import materials.csv --update

      talenthub import materials.csv --create-missing
    """
    from talenthub_cli.core.text import counted
    from talenthub_cli.core.validate import SINGULAR
    from talenthub_cli.storage.importing import read_rows, unresolved_error
    from talenthub_cli.storage.keeping import import_materials as import_records
    from talenthub_cli.storage.loader import load_catalogue

    session = session_of(ctx)
    target = _writable(session)
    rows = read_rows(file, load_catalogue(target.path), ignore_unknown=ignore_unknown_columns)
    if rows.ignored:
        left = ", ".join(repr(name) for name in rows.ignored)
        session.terminal.err.write(
            f"Left out the {counted(len(rows.ignored), 'column')}: {left}.\n"
        )
    if rows.missing and not create_missing:
        if not session.terminal.interactive:
            raise unresolved_error(rows)
        listed = "".join(f"  {SINGULAR[m.kind]} {m.label}\n" for m in rows.missing)
        session.terminal.err.write(
            f"{rows.place} names these, which the catalogue has not:\n{listed}"
        )
        _confirm(session, "Create them?", default=True)
        create_missing = True
    plan = import_records(
        target.path, rows, update=update, write=not dry_run, create_missing=create_missing
    )
    if dry_run:
        steps = [("add", plan.added), ("update", plan.updated), ("skip", plan.skipped)]
        steps.append(("unchanged", plan.unchanged))
        session.terminal.out.writelines(
            f"create\t{SINGULAR[kind]}:{r['id']}\t{r['name']}\n" for kind, r in plan.created
        )
        session.terminal.out.writelines(
            f"{action}\t{r['id']}\t{r['title']}\n" for action, rows in steps for r in rows
        )
    left_alone = len(plan.unchanged if update else plan.skipped)
    made = " and ".join(
        counted(n, SINGULAR[kind])
        for kind in ("contacts", "organisations")
        if (n := sum(1 for k, _ in plan.created if k == kind))
    )
    summary = _import_summary(
        len(plan.added), len(plan.updated), left_alone, made, dry_run=dry_run, update=update
    )
    session.terminal.err.write(summary + "\n")


def _import_summary(
    added: int, updated: int, left: int, made: str, *, dry_run: bool, update: bool
) -> str:
    """ "Added 2 materials, updated 1, unchanged 7; created 2 contacts." (or skipped, without
    --update)."""
    from talenthub_cli.core.text import counted

    verb = (
        ("Would add", "would update", "would create")
        if dry_run
        else ("Added", "updated", "created")
    )
    kept = "unchanged" if update else "would skip" if dry_run else "skipped"
    text = f"{verb[0]} {counted(added, 'material')}, {verb[1]} {updated}, {kept} {left}"
    if made:
        text += f"; {verb[2]} {made}"
    if left and not update:
        text += " (already there; --update replaces them)"
    return text + ("; nothing was written." if dry_run else ".")
