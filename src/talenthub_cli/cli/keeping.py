"""The commands that keep a catalogue: init, check, add, edit, remove and import. Every write
goes through `storage.keeping.change_catalogue`: locked, validated, confined to its record's
lines, backed up and atomic."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from talenthub_cli.cli.commands import session_of
from talenthub_cli.cli.options import DetailFormat, DetailFormatOption
from talenthub_cli.core.vocabulary import Availability, MaterialType

if TYPE_CHECKING:
    from collections.abc import Sequence

    from talenthub_cli.cli.session import Session
    from talenthub_cli.core.errors import Problem
    from talenthub_cli.core.model import Catalogue, Contact
    from talenthub_cli.core.validate import CheckedCatalogue
    from talenthub_cli.storage.resolve import CatalogueSource

EMPTY_CATALOGUE = """\
# A talenthub catalogue. Dates are EDTF (2024, 2024-05, 2023-11-09/2023-11-22).
# Add materials with `talenthub add`; check the file with `talenthub check`.

schema = 1

[project]
id = "my-project"
title = "My project"
"""


def _on_terminal() -> bool:
    """Whether a person is at the keyboard: then add asks and remove confirms."""
    return sys.stdin.isatty()


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
) -> None:
    """Make your own catalogue: a copy of the bundled Talent Hub EU catalogue, or an empty one.

    Without PATH it goes to the user data folder, where talenthub finds it from then on. An
    existing file is never replaced.

    Examples:

      talenthub init

      talenthub init --empty my-project.toml
    """
    from talenthub_cli.storage.atomic import write_atomically
    from talenthub_cli.storage.paths import bundled_catalogue

    session = session_of(ctx)
    target = path if path is not None else session.dirs.user_catalogue
    if path is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    text = EMPTY_CATALOGUE if empty else bundled_catalogue().read_text(encoding="utf-8")
    write_atomically(target, lambda out: out.write(text), replace=False)
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
    with no date, no contact or no source, a contact that nothing names. Exits 1 if there are
    errors, 0 otherwise.

    Examples:

      talenthub check

      talenthub check my-project.toml --format json
    """
    import json

    from talenthub_cli.core.errors import InvalidCatalogueError, TomlSyntaxError
    from talenthub_cli.core.text import counted
    from talenthub_cli.core.validate import advise, check_catalogue
    from talenthub_cli.storage.loader import parse_toml, read_text

    session = session_of(ctx)
    target = path if path is not None else session.source().path
    shown = str(target)
    text = read_text(target, shown)  # a missing file is a usage error (2), not a finding
    errors: list[Problem] = []
    warnings: list[Problem] = []
    materials = 0
    try:
        checked = check_catalogue(parse_toml(text, shown), shown, text)
    except InvalidCatalogueError as error:
        errors = list(error.problems)
    except TomlSyntaxError as error:
        errors = [error.problem]
    else:
        warnings = advise(checked, shown, text)
        materials = len(checked.materials)
    found = [("error", p) for p in errors] + [("warning", p) for p in warnings]
    found.sort(key=lambda item: (item[1].line is None, item[1].line or 0))
    out = session.terminal.out
    if output_format is DetailFormat.JSON:
        records = [
            {"severity": severity, "file": p.file, "line": p.line, "record": p.record,
             "field": p.field, "message": p.message, "hint": p.hint}
            for severity, p in found
        ]  # fmt: skip
        out.write(json.dumps({"file": shown, "valid": not errors, "problems": records}, indent=2))
        out.write("\n")
    else:
        for severity, problem in found:
            out.write(problem.located(severity) + "\n")
        counts = f"{counted(len(errors), 'error')}, {counted(len(warnings), 'warning')}"
        verdict = "not valid" if errors else f"valid, {counted(materials, 'material')}"
        out.write(f"{shown}: {verdict}; {counts}\n")
    if errors:
        raise typer.Exit(1)


# add ---------------------------------------------------------------------------------------------

FIELDS = "Fields"


def slug(title: str, taken: set[str]) -> str:
    """An id from a title: folded to ASCII letters and digits joined by single hyphens, at most
    48 characters at a word's end, and made unique with -2, -3, ..."""
    from talenthub_cli.core.text import fold

    words = re.findall(r"[a-z0-9]+", fold(title))
    base = ""
    for word in words:
        if base and len(base) + 1 + len(word) > 48:
            break
        base = f"{base}-{word}" if base else word[:48]
    base = base or "material"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def add(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option(help="The title.", rich_help_panel=FIELDS)] = None,
    kind: Annotated[
        MaterialType | None,
        typer.Option("--type", "-t", help="The type of material.", rich_help_panel=FIELDS),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help='EDTF, or as people write it: "May 2024", "9-22 November 2023".',
            rich_help_panel=FIELDS,
        ),
    ] = None,
    summary: Annotated[str | None, typer.Option(rich_help_panel=FIELDS)] = None,
    topics: Annotated[
        list[str] | None,
        typer.Option(
            "--topic", metavar="TOPIC", help="Repeat for several.", rich_help_panel=FIELDS
        ),
    ] = None,
    languages: Annotated[
        list[str] | None,
        typer.Option("--language", metavar="CODE", help="en, de, da...", rich_help_panel=FIELDS),
    ] = None,
    organisations: Annotated[
        list[str] | None,
        typer.Option(
            "--organisation",
            "--org",
            metavar="NAME",
            help="An author or publisher: id or name.",
            rich_help_panel=FIELDS,
        ),
    ] = None,
    contacts: Annotated[
        list[str] | None,
        typer.Option(
            "--contact",
            metavar="NAME",
            help="Whom to ask: id, name or email.",
            rich_help_panel=FIELDS,
        ),
    ] = None,
    url: Annotated[str | None, typer.Option(rich_help_panel=FIELDS)] = None,
    availability: Annotated[Availability | None, typer.Option(rich_help_panel=FIELDS)] = None,
    responses: Annotated[
        int | None, typer.Option(min=0, help="A survey's responses.", rich_help_panel=FIELDS)
    ] = None,
    notes: Annotated[str | None, typer.Option(rich_help_panel=FIELDS)] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Where its facts come from (a web address).", rich_help_panel=FIELDS),
    ] = None,
    related: Annotated[
        list[str] | None,
        typer.Option("--related", metavar="ID", help="A related material.", rich_help_panel=FIELDS),
    ] = None,
    material_id: Annotated[
        str | None,
        typer.Option("--id", help="The id; by default made from the title.", show_default=False),
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
    from talenthub_cli.storage.loader import load_catalogue

    session = session_of(ctx)
    target = _writable(session)
    catalogue = load_catalogue(target.path)
    fields: dict[str, Any] = {
        "title": title, "type": kind, "date": date, "summary": summary,
        "topics": topics or [], "languages": languages or [],
        "organisations": organisations or [], "contacts": contacts or [], "url": url,
        "availability": availability, "responses": responses, "notes": notes,
        "source": source, "related": related or [],
    }  # fmt: skip
    if interactive or (_on_terminal() and (title is None or kind is None)):
        _ask(fields, catalogue, session)
    if not fields["title"] or fields["type"] is None:
        missing = " and ".join(n for n in ("--title", "--type") if not fields[n[2:]])
        raise UsageError(f"add needs {missing} (or -i to be asked for each field)")
    if fields["date"] is not None:
        fields["date"] = _option_date(fields["date"])
    record = _record(fields, catalogue, material_id)
    _append(target.path, record)
    session.terminal.out.write(record["id"] + "\n")
    session.terminal.err.write(f"Added {record['id']} to {target.path}.\n")


def _option_date(text: str) -> str:
    from talenthub_cli.core.errors import DateError
    from talenthub_cli.core.human_dates import read_date

    try:
        return read_date(text)
    except DateError as error:
        raise typer.BadParameter(str(error), param_hint="'--date'") from None


def _record(
    fields: dict[str, Any], catalogue: Catalogue, material_id: str | None
) -> dict[str, Any]:
    """The new material's record, in the catalogue's field order, with names turned to ids."""
    from talenthub_cli.core.query import match_contacts, match_organisations

    taken = {m.id for m in catalogue.materials}
    contact_ids = [
        _one("contact", name, match_contacts(name, catalogue.contacts))
        for name in fields["contacts"]
    ]
    organisation_ids = [
        _one("organisation", name, match_organisations(name, catalogue.organisations))
        for name in fields["organisations"]
    ]
    record: dict[str, Any] = {
        "id": material_id or slug(fields["title"], taken),
        "title": fields["title"],
        "type": MaterialType(fields["type"]).value,
        "date": fields["date"],
        "summary": fields["summary"],
        "topics": fields["topics"],
        "languages": fields["languages"],
        "organisations": organisation_ids,
        "contacts": contact_ids,
        "url": fields["url"],
        "availability": None if fields["availability"] is None else fields["availability"].value,
        "related": fields["related"],
        "responses": fields["responses"],
        "notes": fields["notes"],
        "source": fields["source"],
    }
    return {key: value for key, value in record.items() if value not in (None, [])}


def _one(kind: str, name: str, ids: list[str]) -> str:
    from talenthub_cli.core.errors import UsageError

    if len(ids) > 1:
        raise UsageError(f"{name!r} names {len(ids)} {kind}s ({', '.join(ids)}); give the id")
    return ids[0]


def material_block(record: dict[str, Any]) -> str:
    """A material's record as a [[materials]] table (tomli-w would write a small one inline)."""
    import tomli_w

    return "[[materials]]\n" + tomli_w.dumps(record)


def _append(path: Path, record: dict[str, Any]) -> None:
    from talenthub_cli.core.blocks import appended
    from talenthub_cli.storage.keeping import change_catalogue

    block = material_block(record)

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        # Checked here, under the lock, where another writer's addition is seen too.
        if any(m.get("id") == record["id"] for m in data.get("materials", [])):
            from talenthub_cli.core.errors import UsageError

            raise UsageError(f"there is already a material {record['id']!r}; choose another --id")
        intended = {**data, "materials": [*data.get("materials", []), record]}
        return appended(text, block), intended

    change_catalogue(path, change)


def _ask(fields: dict[str, Any], catalogue: Catalogue, session: Session) -> None:
    """Ask for each field not given, checking each answer on the spot and asking again."""
    from rich.console import Console
    from rich.prompt import Confirm, Prompt

    from talenthub_cli.core.dates import humanize, parse
    from talenthub_cli.core.errors import TalenthubError
    from talenthub_cli.core.human_dates import read_date
    from talenthub_cli.core.query import match_contacts, match_organisations
    from talenthub_cli.core.validate import field_problem

    console = Console(file=session.terminal.err, highlight=False)

    def ask(label: str, check: Any, *, required: bool = False, choices: list[str] | None = None,
            default: str | None = None) -> Any:  # fmt: skip
        while True:
            answer = Prompt.ask(label, console=console, choices=choices, default=default or "",
                                show_default=bool(default))  # fmt: skip
            answer = answer.strip()
            if not answer:
                if not required:
                    return None
                console.print("  It is needed.")
                continue
            try:
                return check(answer)
            except (TalenthubError, ValueError) as error:
                console.print(f"  {error}")

    def text_of(field: str) -> Any:
        def check(answer: str) -> str:
            problem = field_problem("materials", field, answer)
            if problem is not None:
                raise ValueError(problem)
            return answer

        return check

    def date_of(answer: str) -> str:
        found = read_date(answer)
        console.print(f"  Read as {found} ({humanize(parse(found))}).")
        return found

    def names(match: Any, records: Any) -> Any:
        def check(answer: str) -> list[str]:
            values = [part.strip() for part in answer.split(",") if part.strip()]
            for value in values:
                match(value, records)
            return values

        return check

    if not fields["title"]:
        fields["title"] = ask("Title", text_of("title"), required=True)
    if fields["type"] is None:
        fields["type"] = ask("Type", MaterialType, required=True, choices=list(MaterialType))
    if fields["date"] is None:
        fields["date"] = ask("Date (EDTF, or e.g. May 2024; empty for none)", date_of)
    if fields["summary"] is None:
        fields["summary"] = ask("Summary", text_of("summary"))
    if not fields["topics"]:
        fields["topics"] = ask("Topics, separated by commas", names(lambda v, r: v, None)) or []
    if not fields["organisations"]:
        found = ask("Organisations (authors), by name", names(match_organisations,
                    catalogue.organisations))  # fmt: skip
        fields["organisations"] = found or []
    if not fields["contacts"]:
        found = ask("Contacts, by name or email", names(match_contacts, catalogue.contacts))
        fields["contacts"] = found or []
    if fields["url"] is None:
        fields["url"] = ask("Web address", text_of("url"))
    if not Confirm.ask(f"Add {fields['title']!r}?", console=console, default=True):
        raise typer.Exit(1)


# remove ------------------------------------------------------------------------------------------


def _position(reference: str, ids: list[str]) -> int:
    """Where the material with exactly this id is: a change names its record by its id, not by
    a prefix or a title as `show` may. NotFoundError, with the nearest id, if there is none."""
    import difflib

    from talenthub_cli.core.errors import NotFoundError

    if reference not in ids:
        nearest = difflib.get_close_matches(reference, ids, n=1)
        hint = f" Did you mean {nearest[0]!r}?" if nearest else ""
        raise NotFoundError(f"no material has the id {reference!r}.{hint}")
    return ids.index(reference)


def remove(
    ctx: typer.Context,
    reference: Annotated[str, typer.Argument(metavar="ID", help="The material's id.")],
    force: Annotated[
        bool,
        typer.Option("--force", help="Remove it even if other records name it, and those names."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Remove a material from your catalogue: its record's text, and nothing else.

    If other records name it (as a part, a related material, an event's material), it is not
    removed unless --force, which takes those names out too. On a terminal it asks first. The
    previous version of the file is kept as catalogue.toml.bak.

    Examples:

      talenthub remove briefs-2023-06

      talenthub remove guidebook --force --yes
    """
    from rich.console import Console
    from rich.prompt import Confirm

    from talenthub_cli.core.blocks import removed, replaced, text_of
    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.storage.keeping import backup_of, change_catalogue
    from talenthub_cli.storage.loader import load_checked

    session = session_of(ctx)
    target = _writable(session)
    checked = load_checked(target.path)
    ids = [m["id"] for m in checked.materials]
    position = _position(reference, ids)
    naming = _naming(checked, reference)
    if naming and not force:
        names = "; ".join(f"{name} ({field})" for _, _, field, name in naming)
        raise UsageError(
            f"{reference!r} is named by {names}; take it out of those first, or add --force to "
            "remove the names too"
        )
    title = checked.materials[position]["title"]
    if not yes and _on_terminal():
        console = Console(file=session.terminal.err, highlight=False)
        if not Confirm.ask(f"Remove {reference!r} ({title})?", console=console, default=False):
            raise typer.Exit(1)

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        intended = dict(data)
        materials = [dict(m) for m in data.get("materials", [])]
        events = [dict(e) for e in data.get("events", [])]
        # Names of it in other records first (their blocks come before or after; the indexes
        # of the records do not change until the record itself goes).
        for kind, index, field, _ in naming:
            records = materials if kind == "materials" else events
            records[index][field] = [key for key in records[index][field] if key != reference]
            block = text_of(text, kind, index)
            new_block = None if block is None else _without(block, field, reference)
            new_text = None if new_block is None else replaced(text, kind, index, new_block)
            if new_text is None:
                raise UsageError(f"could not find where {kind[:-1]} #{index + 1} names it")
            text = new_text
        new_text = removed(text, "materials", position)
        if new_text is None:
            raise UsageError(f"could not find the text of {reference!r} in {target.path}")
        del materials[position]
        intended["materials"] = materials
        if "events" in intended:
            intended["events"] = events
        if not materials:  # the last [[materials]] gone: the file has no materials key
            del intended["materials"]
        return new_text, intended

    change_catalogue(target.path, change)
    session.terminal.err.write(
        f"Removed {reference} from {target.path} (the previous version is in "
        f"{backup_of(target.path).name}).\n"
    )


def _naming(checked: CheckedCatalogue, reference: str) -> list[tuple[str, int, str, str]]:
    """The records that name material `reference`: (kind, index, field, "material 'x'")."""
    found = []
    for kind, fields in (("materials", ("parts", "related")), ("events", ("materials",))):
        for index, record in enumerate(getattr(checked, kind)):
            for field in fields:
                if reference in record.get(field, []):
                    found.append((kind, index, field, f"{kind[:-1]} {record['id']!r}"))
    return found


def _without(block: str, field: str, reference: str) -> str | None:
    """A record's text with `reference` taken out of its `field = [...]` list."""
    import tomli_w

    pattern = re.compile(
        rf"(?ms)^(?P<key>[ \t]*{re.escape(field)}[ \t]*=[ \t]*)\[(?P<items>[^\]]*)\]"
    )
    match = pattern.search(block)
    if match is None:
        return None
    items = re.findall(r'"([^"]*)"|\'([^\']*)\'', match["items"])
    kept = [double or single for double, single in items if (double or single) != reference]
    value = tomli_w.dumps({"x": kept}).partition("=")[2].strip()
    return block[: match.start()] + match["key"] + value + block[match.end() :]


# edit --------------------------------------------------------------------------------------------

_MARK = "#! "  # the lines talenthub puts at the top of the file being edited


def editor_command(environ: Any) -> list[str]:
    """$VISUAL, else $EDITOR, else an editor that is there: nano, vi (notepad on Windows)."""
    import shlex
    import shutil

    from talenthub_cli.core.errors import UsageError

    for variable in ("VISUAL", "EDITOR"):
        if environ.get(variable):
            return shlex.split(environ[variable], posix=sys.platform != "win32")
    for candidate in ("notepad",) if sys.platform == "win32" else ("nano", "vi"):
        if shutil.which(candidate):
            return [candidate]
    raise UsageError("no editor found: set $EDITOR (or $VISUAL), e.g. export EDITOR=nano")


def edit(
    ctx: typer.Context,
    reference: Annotated[str, typer.Argument(metavar="ID", help="The material's id.")],
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
    import os
    import subprocess
    import tempfile

    from rich.console import Console
    from rich.prompt import Prompt

    from talenthub_cli.core.blocks import text_of
    from talenthub_cli.core.errors import TalenthubError, UsageError
    from talenthub_cli.storage.loader import load_checked, read_text

    session = session_of(ctx)
    target = _writable(session)
    command = editor_command(session.environ)
    original = read_text(target.path, str(target.path))
    index = _position(reference, [m["id"] for m in load_checked(target.path).materials])
    block = text_of(original, "materials", index)
    if block is None:
        raise UsageError(f"could not find the text of {reference!r} in {target.path}")
    console = Console(file=session.terminal.err, highlight=False)
    handle, name = tempfile.mkstemp(prefix=f"talenthub-{reference}-", suffix=".toml")
    draft = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(block)
        while True:
            try:
                subprocess.run([*command, str(draft)], check=True)
            except (OSError, subprocess.CalledProcessError) as error:
                raise UsageError(f"the editor {command[0]!r} failed: {error}") from None
            edited = "".join(
                line for line in draft.read_text(encoding="utf-8").splitlines(keepends=True)
                if not line.startswith(_MARK.rstrip())
            )  # fmt: skip
            if edited == block:
                session.terminal.err.write(f"No change to {reference}.\n")
                return
            try:
                _save_edit(target.path, original, index, edited)
            except TalenthubError as error:
                problems = _problem_lines(error)
                console.print(f"{reference} was not saved:", markup=False)
                for line in problems:
                    console.print(f"  {line}", markup=False)
                answer = Prompt.ask(
                    "Edit again, or give up and leave the file as it was?",
                    console=console, choices=["edit", "give up"], default="edit",
                )  # fmt: skip
                if answer != "edit":
                    raise typer.Exit(1) from None
                header = [f"{_MARK}{reference} was not saved:\n"]
                header += [f"{_MARK}  {line}\n" for line in problems]
                header.append(f"{_MARK}Put it right and save; lines starting #! are ignored.\n")
                draft.write_text("".join(header) + edited, encoding="utf-8")
                continue
            session.terminal.err.write(f"Saved {reference} in {target.path}.\n")
            return
    finally:
        draft.unlink(missing_ok=True)


def _problem_lines(error: Exception) -> list[str]:
    from talenthub_cli.core.errors import InvalidCatalogueError

    if isinstance(error, InvalidCatalogueError):
        return [problem.explained() for problem in error.problems]
    return [str(error)]


def _save_edit(path: Path, original: str, index: int, edited: str) -> None:
    """Put the edited record in place of the old one, if the file has not changed meanwhile."""
    import tomli

    from talenthub_cli.core.blocks import replaced
    from talenthub_cli.core.errors import CatalogueError, UsageError
    from talenthub_cli.storage.keeping import change_catalogue

    try:
        parsed = tomli.loads(edited)
    except tomli.TOMLDecodeError as error:
        raise CatalogueError(f"not valid TOML: {error}") from None
    records = parsed.get("materials")
    if set(parsed) != {"materials"} or not isinstance(records, list) or len(records) != 1:
        raise UsageError("the text must be one [[materials]] table, as it was")
    if not edited.endswith("\n"):
        edited += "\n"

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if text != original:
            raise UsageError(
                f"{path} changed while you were editing; nothing was saved: run edit again"
            )
        new_text = replaced(text, "materials", index, edited)
        assert new_text is not None  # found before, and the text is the same
        materials = list(data["materials"])
        materials[index] = records[0]
        return new_text, {**data, "materials": materials}

    change_catalogue(path, change)


# import ------------------------------------------------------------------------------------------

_LABEL = re.compile(r"(?P<name>.*?)\s*<(?P<email>[^<>]+)>", re.DOTALL)


def import_materials(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A CSV file, as `talenthub export` writes it.")
    ],
    update: Annotated[
        bool, typer.Option("--update", help="Replace materials whose id is already there.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Say what would change, and change nothing.")
    ] = False,
) -> None:
    """Import materials from a CSV file, as `talenthub export` writes it.

    With or without a byte order mark, with , or ; or tabs between cells (found from the
    header). Every row is checked first; if any is wrong, every problem is shown with its row
    and column and nothing is written. Materials whose id is already in the catalogue are
    skipped, or replaced with --update. Contacts are matched by email, then name; organisations
    by id or name.

    Examples:

      talenthub import materials.csv --dry-run

      talenthub import materials.csv --update
    """
    from talenthub_cli.core.blocks import appended, replaced
    from talenthub_cli.storage.keeping import change_catalogue
    from talenthub_cli.storage.loader import load_catalogue

    session = session_of(ctx)
    target = _writable(session)
    catalogue = load_catalogue(target.path)
    records = _read_rows(file, catalogue)
    position = {m.id: index for index, m in enumerate(catalogue.materials)}
    new = [r for r in records if r["id"] not in position]
    known = [r for r in records if r["id"] in position]
    changed = known if update else []

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        materials = list(data.get("materials", []))
        for record in changed:
            index = position[record["id"]]
            block = material_block(record)
            found = replaced(text, "materials", index, block)
            if found is None:
                from talenthub_cli.core.errors import UsageError

                raise UsageError(f"could not find the text of {record['id']!r}")
            text, materials[index] = found, record
        for record in new:
            text = appended(text, material_block(record))
            materials.append(record)
        intended = {**data, "materials": materials} if materials else data
        return text, intended

    skipped = [] if update else known
    if new or changed:  # checked in full (and written, unless a dry run)
        change_catalogue(target.path, change, write=not dry_run)
    if dry_run:
        plan = [("add", new), ("update", changed), ("skip", skipped)]
        session.terminal.out.writelines(
            f"{action}\t{r['id']}\t{r['title']}\n" for action, rows in plan for r in rows
        )
    summary = _import_summary(len(new), len(changed), len(skipped), dry_run)
    session.terminal.err.write(summary + "\n")


def _import_summary(added: int, updated: int, skipped: int, dry_run: bool) -> str:
    from talenthub_cli.core.text import counted

    verb = (
        ("Would add", "would update", "would skip") if dry_run else ("Added", "updated", "skipped")
    )
    text = f"{verb[0]} {counted(added, 'material')}, {verb[1]} {updated}, {verb[2]} {skipped}"
    if skipped:
        text += " (already there; --update replaces them)"
    return text + ("; nothing was written." if dry_run else ".")


def _read_rows(file: Path, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The materials of a CSV file as records, every row checked; UsageError with every
    problem if any row is wrong."""
    import csv
    import difflib
    import io

    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.core.records import MATERIAL_COLUMNS as COLUMNS

    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except OSError as error:
        raise UsageError(f"{file}: cannot read it: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"{file}: not UTF-8 text (save it from the spreadsheet as CSV UTF-8)"
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise UsageError(f"{file}: line {reader.line_num}: not CSV: {error}") from None
    if not rows:
        raise UsageError(f"{file}: empty; the first row names the columns: {', '.join(COLUMNS)}")
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    for name in header:
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(f"{file}: unknown column {name!r}{hint}; the columns are "
                             + ", ".join(COLUMNS))  # fmt: skip
    missing = [name for name in ("title", "type") if name not in header]
    if missing:
        raise UsageError(f"{file}: no {' or '.join(repr(m) for m in missing)} column")
    problems: list[str] = []
    records: list[dict[str, Any]] = []
    taken = {m.id for m in catalogue.materials}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"row {number}: {len(row)} cells, where the header has {len(header)}")
            continue
        found: list[str] = []
        record = _row_record(dict(zip(header, row, strict=True)), catalogue, found)
        problems.extend(f"row {number}, {problem}" for problem in found)
        if found:
            continue
        if not record.get("id"):
            record = {"id": slug(record["title"], taken | {r["id"] for r in records}), **record}
        if any(r["id"] == record["id"] for r in records):
            problems.append(f"row {number}, column 'id': {record['id']!r} is on an earlier row")
            continue
        records.append(record)
    if problems:
        shown = problems[:20] + (
            [f"... and {len(problems) - 20} more"] if len(problems) > 20 else []
        )
        raise UsageError(f"{file}: nothing was imported:\n  " + "\n  ".join(shown))
    return records


_LISTS = ("topics", "languages", "organisations", "contacts", "parts", "related")


def _row_record(cells: dict[str, str], catalogue: Catalogue, problems: list[str]) -> dict[str, Any]:
    """One row as a material's record, in the catalogue's field order; what is wrong goes to
    `problems` as "column 'x': why"."""
    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.core.query import match_organisations
    from talenthub_cli.core.validate import SCHEMA, field_problem
    from talenthub_cli.export.csv_export import split_items, unguard

    record: dict[str, Any] = {}
    for field in SCHEMA["materials"]:  # the catalogue's fields, in its order
        cell = unguard(cells.get(field, ""))
        if not cell:
            continue
        value: Any = split_items(cell) if field in _LISTS else cell
        try:
            if field == "contacts":
                value = [_contact_id(item, catalogue.contacts) for item in value]
            elif field == "organisations":
                value = [
                    _one("organisation", item, match_organisations(item, catalogue.organisations))
                    for item in value
                ]
        except UsageError as error:
            problems.append(f"column {field!r}: {error}")
            continue
        if field == "responses":
            if not cell.isdigit():
                problems.append(f"column 'responses': {cell!r} is not a whole number")
                continue
            value = int(cell)
        problem = field_problem("materials", field, value)
        if problem is not None:
            problems.append(f"column {field!r}: {problem}")
            continue
        record[field] = value
    for field in ("title", "type"):
        if field not in record and not any(p.startswith(f"column {field!r}") for p in problems):
            problems.append(f"column {field!r}: empty, and a material needs one")
    return record


def _contact_id(label: str, contacts: Sequence[Contact]) -> str:
    """A contact written "Name <email>" (as exports write them), or by id, name or email."""
    from talenthub_cli.core.errors import UsageError
    from talenthub_cli.core.query import match_contacts

    found = _LABEL.fullmatch(label.strip())
    if found is not None:
        for value in (found["email"], found["name"]):
            try:
                return _one("contact", value, match_contacts(value, contacts))
            except UsageError:
                continue  # try the name next
    return _one("contact", label, match_contacts(label, contacts))
