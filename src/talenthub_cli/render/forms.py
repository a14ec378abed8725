"""Asking a person for a new material's fields on the terminal (`add -i`), each answer checked on
the spot by the catalogue's own rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from talenthub_cli.core.vocabulary import MaterialType

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue
    from talenthub_cli.render.terminal import Terminal


def ask_for_material(fields: dict[str, Any], catalogue: Catalogue, terminal: Terminal) -> None:
    """Ask on the terminal for each field not given, checking each answer on the spot with the
    catalogue's own rules and asking again; then whether to add it (DeclinedError on a no)."""
    from rich.prompt import Confirm, Prompt

    from talenthub_cli.core.dates import humanize, parse
    from talenthub_cli.core.errors import TalenthubError
    from talenthub_cli.core.human_dates import read_date
    from talenthub_cli.core.query import match_contacts, match_organisations
    from talenthub_cli.core.validate import field_problem

    console = terminal.err_console()

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

    if not fields.get("title"):
        fields["title"] = ask("Title", text_of("title"), required=True)
    if not fields.get("type"):
        fields["type"] = ask("Type", MaterialType, required=True, choices=list(MaterialType))
    if not fields.get("date"):
        fields["date"] = ask("Date (EDTF, or e.g. May 2024; empty for none)", date_of)
    if not fields.get("summary"):
        fields["summary"] = ask("Summary", text_of("summary"))
    if not fields.get("topics"):
        fields["topics"] = ask("Topics, separated by commas", names(lambda v, r: v, None)) or []
    if not fields.get("organisations"):
        found = ask("Organisations (authors), by name", names(match_organisations,
                    catalogue.organisations))  # fmt: skip
        fields["organisations"] = found or []
    if not fields.get("contacts"):
        found = ask("Contacts, by name or email", names(match_contacts, catalogue.contacts))
        fields["contacts"] = found or []
    if not fields.get("url"):
        fields["url"] = ask("Web address", text_of("url"))
    if not Confirm.ask(f"Add {fields['title']!r}?", console=console, default=True):
        from talenthub_cli.core.errors import DeclinedError

        raise DeclinedError("nothing was added")


def ask_for_record(
    kind: str,
    fields: dict[str, Any],
    questions: dict[str, str],
    catalogue: Catalogue,
    terminal: Terminal,
) -> None:
    """Ask on the terminal for each field of a record of `kind` (a contact, organisation or
    event) not given, in the catalogue's order, with `questions[field]` as its question; each
    answer checked on the spot by the catalogue's own rules; then whether to add it."""
    from rich.prompt import Confirm, Prompt

    from talenthub_cli.core.dates import humanize, parse
    from talenthub_cli.core.errors import DeclinedError, TalenthubError
    from talenthub_cli.core.human_dates import read_date
    from talenthub_cli.core.query import match_contacts, match_organisations
    from talenthub_cli.core.records import KINDS_OF
    from talenthub_cli.core.validate import SCHEMA, SINGULAR, field_problem

    console = terminal.err_console()
    matchers: dict[str, Any] = {
        "contacts": lambda value: match_contacts(value, catalogue.contacts),
        "organisations": lambda value: match_organisations(value, catalogue.organisations),
        "materials": lambda value: (
            [m.id for m in catalogue.materials if m.id == value] or _no_material(value)
        ),
    }

    def checked(name: str, answer: str) -> Any:
        held, rule = KINDS_OF[kind][name], SCHEMA[kind][name]
        if held == "date":
            found = read_date(answer)
            console.print(f"  Read as {found} ({humanize(parse(found))}).")
            return found
        values = [p.strip() for p in answer.split(",") if p.strip()] if held == "list" else [answer]
        for value in values:
            if rule.refers_to in matchers:
                matchers[rule.refers_to](value)
            elif rule.refers_to is None:
                problem = field_problem(kind, name, values if held == "list" else value)
                if problem is not None:
                    raise ValueError(problem)
        return values if held == "list" else answer

    for name, question in questions.items():
        if fields.get(name):
            continue
        required = SCHEMA[kind][name].required
        listed = ", separated by commas" if KINDS_OF[kind][name] == "list" else ""
        label = question.rstrip(".").removesuffix("; repeat") + listed
        while True:
            answer = Prompt.ask(label, console=console, default="", show_default=False).strip()
            if not answer:
                if required:
                    console.print("  It is needed.")
                    continue
                break
            try:
                fields[name] = checked(name, answer)
                break
            except (TalenthubError, ValueError) as error:
                console.print(f"  {error}")
    shown = fields.get("title") or fields.get("name")
    if not Confirm.ask(f"Add {SINGULAR[kind]} {shown!r}?", console=console, default=True):
        raise DeclinedError("nothing was added")


def _no_material(value: str) -> list[str]:
    from talenthub_cli.core.errors import UsageError

    raise UsageError(f"no material {value!r}; give its id")
