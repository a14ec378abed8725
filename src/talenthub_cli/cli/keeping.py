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
    option_date,
    with_fields,
)

if TYPE_CHECKING:
    from talenthub_cli.cli.session import Session
    from talenthub_cli.core.model import Material
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


def check(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]", help="The file to check; by default the catalogue in use."
        ),
    ] = None,
    output_format: DetailFormatOption = DetailFormat.TABLE,
) -> None:
    """Check a catalogue: every error and warning, with file:line and how to fix it.

    Errors break a rule (the catalogue cannot be read); warnings are valid but weak: a material
    with no date, no contact or no source, a contact that nothing names. Exits 3 if there are
    errors, 0 otherwise.

    Examples:

      talenthub check

      talenthub check my-project.toml --format json
    """
    from talenthub_cli.core.errors import CheckFailedError
    from talenthub_cli.core.text import counted
    from talenthub_cli.render.findings import findings_json, render_findings
    from talenthub_cli.render.output import print_json
    from talenthub_cli.storage.loader import check_file

    session = session_of(ctx)
    findings = check_file(path if path is not None else session.source().path)
    if output_format is DetailFormat.JSON:
        print_json(findings_json(findings), session.terminal)
    else:
        render_findings(findings, session.terminal)
    if findings.errors:
        errors = counted(len(findings.errors), "error")
        raise CheckFailedError(f"{findings.file} is not a valid catalogue: {errors}")


# add ---------------------------------------------------------------------------------------------


@with_fields
def add(
    ctx: typer.Context,
    given: dict[str, Any],
    material_id: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="The id; by default made from the title.", show_default=False
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Ask for each field (the default on a terminal when --title or --type is "
            "missing).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Add it even to a read-only catalogue file.")
    ] = False,
) -> None:
    """Add a material to your catalogue, from options or by answering questions.

    The new record is appended to the file; every other line stays as it was, comments
    included. Nothing is written unless the whole catalogue is still valid. The new id is
    printed.

    Examples:

      talenthub add --title "Retention brief" -t brief --date "May 2024"

      talenthub add -i
    """
    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.render.forms import ask_for_material
    from talenthub_cli.storage.keeping import add_material
    from talenthub_cli.storage.loader import load_catalogue

    session = session_of(ctx)
    target = _writable(session)
    fields = dict(given)
    missing = [name for name in ("title", "type") if not fields.get(name)]
    if interactive or (session.terminal.interactive and missing):
        ask_for_material(fields, load_catalogue(target.path), session.terminal)
        missing = [name for name in ("title", "type") if not fields.get(name)]
    if missing:
        needed = " and ".join(f"--{name}" for name in missing)
        raise UsageError(f"add needs {needed} (or -i to be asked for each field)")
    if "date" in fields:
        read = option_date("--date", fields["date"])
        fields["date"] = None if read is None else read.text
    new_id = add_material(target.path, fields, material_id=material_id, force=force)
    session.terminal.out.write(new_id + "\n")
    session.terminal.err.write(f"Added {new_id} to {target.path}.\n")


# remove ------------------------------------------------------------------------------------------


def _find(session: Session, reference: str, verb: str) -> Material:
    """The material a change is about, found as `show` finds one (an id, a unique id prefix, a
    title); where it was not named by its exact id, a person at a terminal confirms it."""
    from talenthub_cli.core.lookup import find_material

    material = find_material(reference, session.open().index)
    if material.id != reference and session.terminal.interactive:
        _confirm(session, f"{verb} {material.id!r} ({material.title})?", default=True)
    return material


def _confirm(session: Session, question: str, *, default: bool) -> None:
    """Ask on the terminal; DeclinedError (nothing changes) on a no."""
    from rich.prompt import Confirm

    from talenthub_cli.core.errors import DeclinedError

    if not Confirm.ask(question, console=session.terminal.err_console(), default=default):
        raise DeclinedError("nothing was changed")


def remove(
    ctx: typer.Context,
    reference: Annotated[
        str,
        typer.Argument(metavar="ID", help="The material: an id, a unique id prefix, or a title."),
    ],
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
    """Remove a material from your catalogue: its record's text, and nothing else.

    If other records name it (as a part, a related material, an event's material), it is not
    removed unless --force, which takes those names out too. On a terminal it asks first. The
    previous version of the file is kept beside it, as NAME.bak.

    Examples:

      talenthub remove briefs-2023-06

      talenthub remove guidebook --force --yes
    """
    from talenthub_cli.core.errors import NotFoundError
    from talenthub_cli.core.lookup import find_material
    from talenthub_cli.storage.keeping import backup_of, remove_material

    session = session_of(ctx)
    target = _writable(session)
    asking = not yes and session.terminal.interactive
    removed_id = None
    if not asking:  # an exact id needs no lookup: the change finds it, under the lock
        with contextlib.suppress(NotFoundError):
            remove_material(target.path, reference, force=force)
            removed_id = reference
    if removed_id is None:  # a prefix or a title: found as show finds it
        material = find_material(reference, session.open().index)
        if asking:
            _confirm(session, f"Remove {material.id!r} ({material.title})?", default=False)
        remove_material(target.path, material.id, force=force)
        removed_id = material.id
    session.terminal.err.write(
        f"Removed {removed_id} from {target.path} (the previous version is in "
        f"{backup_of(target.path).name}).\n"
    )


# edit --------------------------------------------------------------------------------------------


def edit(
    ctx: typer.Context,
    reference: Annotated[
        str,
        typer.Argument(metavar="ID", help="The material: an id, a unique id prefix, or a title."),
    ],
) -> None:
    """Edit a material's record in your editor; it is saved only if the catalogue stays valid.

    Opens $VISUAL or $EDITOR (else nano or vi) on the record's text alone. On save the whole
    catalogue is checked: if something is wrong, the problems are shown and you choose to edit
    again (they are listed at the top) or to give up, leaving the file as it was, as visudo
    does. Only the record's own lines change.

    Examples:

      talenthub edit guidebook

      EDITOR="code --wait" talenthub edit briefs-2024-05
    """
    from rich.prompt import Prompt

    from talenthub_cli.storage.editing import edit_until_valid, editor_command
    from talenthub_cli.storage.keeping import material_text, replace_material

    session = session_of(ctx)
    target = _writable(session)
    command = editor_command(session.environ)
    material = _find(session, reference, "Edit")
    block = material_text(target.path, material.id)
    console = session.terminal.err_console()

    def again(problems: list[str]) -> bool:
        console.print(f"{material.id} was not saved:", markup=False)
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
        replace_material(target.path, material.id, block, edited)

    saved = edit_until_valid(material.id, target.path, block, command, save, again)
    said = f"Saved {material.id} in {target.path}" if saved else f"No change to {material.id}"
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
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change, and change nothing.")
    ] = False,
) -> None:
    """Import materials from a CSV file, as `talenthub export` writes it.

    With or without a byte order mark, with , or ; or tabs between cells (found from the
    header); or from the materials sheet of an .xlsx workbook (export -o x.xlsx). Every row is
    checked first; if any is wrong, every problem is shown with its row and column and nothing
    is written. Materials whose id is already in the catalogue are skipped, or replaced with
    --update. Contacts are matched by email, then name; organisations by id or name.

    Examples:

      talenthub import materials.csv --dry-run

      talenthub import materials.csv --update
    """
    from talenthub_cli.storage.importing import read_rows
    from talenthub_cli.storage.keeping import import_materials as import_records
    from talenthub_cli.storage.loader import load_catalogue

    session = session_of(ctx)
    target = _writable(session)
    rows = read_rows(file, load_catalogue(target.path))
    plan = import_records(target.path, rows, update=update, write=not dry_run)
    if dry_run:
        steps = [("add", plan.added), ("update", plan.updated), ("skip", plan.skipped)]
        steps.append(("unchanged", plan.unchanged))
        session.terminal.out.writelines(
            f"{action}\t{r['id']}\t{r['title']}\n" for action, rows in steps for r in rows
        )
    left = len(plan.unchanged if update else plan.skipped)
    summary = _import_summary(len(plan.added), len(plan.updated), left, dry_run, update)
    session.terminal.err.write(summary + "\n")


def _import_summary(added: int, updated: int, left: int, dry_run: bool, update: bool) -> str:
    """ "Added 2 materials, updated 1, unchanged 7." (or skipped, without --update)."""
    from talenthub_cli.core.text import counted

    verb = ("Would add", "would update") if dry_run else ("Added", "updated")
    kept = "unchanged" if update else "would skip" if dry_run else "skipped"
    text = f"{verb[0]} {counted(added, 'material')}, {verb[1]} {updated}, {kept} {left}"
    if left and not update:
        text += " (already there; --update replaces them)"
    return text + ("; nothing was written." if dry_run else ".")
