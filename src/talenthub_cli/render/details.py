"""One record in full (`show`, `about`): labelled values, drawn as a Rich panel on a terminal
and written as plain "Label: value" lines when piped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.dates import Edtf, humanize
from talenthub_cli.core.frozen import frozen
from talenthub_cli.core.model import (
    AVAILABILITY_LABELS,
    TYPES,
    Contact,
    Event,
    Material,
    MaterialType,
    Organisation,
    Project,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from talenthub_cli.render.terminal import Terminal


def render_details(details: Details, terminal: Terminal) -> None:
    if not terminal.is_terminal:
        lines = [details.title]
        for label, value in details.fields:
            first, *rest = value.splitlines() or [""]
            lines.append(f"{label}: {first}")
            lines.extend(f"  {line}" if line else "" for line in rest)
        terminal.out.write("\n".join(lines) + "\n")
        return
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from talenthub_cli.core.text import visible

    console = terminal.console()
    # Control characters shown, not run: an ESC in a title would drive the terminal.
    fields = [(label, visible(value)) for label, value in details.fields]
    title = Text(visible(details.title), style="bold")
    label_width = max((len(label) for label, _ in fields), default=0)
    column = console.width - _PANEL - label_width - _GAP
    if column >= _value_width(fields, console.width - _GAP):
        grid = Table.grid(padding=(0, _GAP))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")  # only a word wider than the column: a long URL
        for label, value in fields:
            grid.add_row(label, Text(_cut_words(value, column)))
        console.print(Panel(grid, title=title, title_align="left", expand=False))
        return
    # Too narrow for labels beside values: each label on its line, its value below, indented.
    blocks: list[Text | Padding] = [title]
    for label, value in fields:
        blocks.append(Text(label, style="bold"))
        shown = _cut_words(value, console.width - _GAP)
        blocks.append(Padding(Text(shown, overflow="fold"), (0, 0, 0, _GAP)))
    console.print(Group(*blocks))


# A panel's borders and padding, and the gap between a label and its value.
_PANEL = 4
_GAP = 2


def _cut_words(value: str, width: int) -> str:
    """`value` with each word wider than `width` (an id or an email in a very narrow window) cut
    with an ellipsis rather than split over lines; a web address is left whole, to be folded."""
    if width < 2:
        return value
    return "\n".join(
        " ".join(
            word if len(word) <= width or "://" in word else word[: width - 1] + "…"
            for word in line.split(" ")
        )
        for line in value.split("\n")
    )


def _value_width(fields: Sequence[tuple[str, str]], most: int) -> int:
    """The narrowest column of values that splits no word: its longest word, at least 16
    characters. A word longer than `most` (a long web address) is left out of the measure: it
    is folded wherever it does not fit, as a terminal folds it."""
    lengths = (len(word) for _, value in fields for word in value.split())
    return max([16, *(length for length in lengths if length <= most)])


@frozen
class Details:
    """One record in full: a title, then labelled values (a value may run over several lines)."""

    title: str
    fields: Sequence[tuple[str, str]]


def _when(date: Edtf) -> str:
    written = humanize(date)
    return written if written == date.text else f"{written} ({date.text})"


def _contact_line(contact: Contact, organisations: Mapping[str, Organisation]) -> str:
    parts = [contact.name]
    if contact.email:
        parts.append(f"<{contact.email}>")
    organisation = organisations.get(contact.organisation or "")
    if organisation is not None:
        parts.append(f"({organisation.label})")
    line = " ".join(parts)
    return f"{line}: {contact.role}" if contact.role else line


def _organisation_line(organisation: Organisation) -> str:
    if organisation.short_name and organisation.short_name != organisation.name:
        return f"{organisation.name} ({organisation.short_name})"
    return organisation.name


def _organisation_lines(ids: Sequence[str], organisations: Mapping[str, Organisation]) -> str:
    return "\n".join(
        _organisation_line(organisations[key]) if key in organisations else key for key in ids
    )


def _contact_lines(
    ids: Sequence[str],
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
) -> str:
    return "\n".join(
        _contact_line(contacts[key], organisations) if key in contacts else key for key in ids
    )


def material_details(
    material: Material,
    *,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
    related: Mapping[str, Material],
    events: Sequence[Event],
) -> Details:
    fields: list[tuple[str, str]] = [
        ("ID", material.id),
        ("Type", TYPES[material.type].label),
    ]
    if material.date is not None:
        label = "In the field" if material.type is MaterialType.SURVEY else "Date"
        fields.append((label, _when(material.date)))
    if material.responses is not None:
        fields.append(("Responses", str(material.responses)))
    if material.availability is not None:
        fields.append(("Availability", AVAILABILITY_LABELS[material.availability]))
    text = (
        ("Summary", material.summary),
        ("Topics", ", ".join(material.topics)),
        ("Languages", ", ".join(material.languages)),
    )
    fields.extend((label, value) for label, value in text if value)
    if material.organisations:
        fields.append(("Organisations", _organisation_lines(material.organisations, organisations)))
    if material.contacts:
        fields.append(("Contacts", _contact_lines(material.contacts, contacts, organisations)))
    for label, ids in (("Parts", material.parts), ("Related", material.related)):
        if ids:
            lines = [f"{i}: {related[i].title}" if i in related else i for i in ids]
            fields.append((label, "\n".join(lines)))
    if events:
        fields.append(("Events", "\n".join(f"{e.title} ({humanize(e.date)})" for e in events)))
    for label, value in (
        ("URL", material.url),
        ("Notes", material.notes),
        ("Source", material.source),
    ):
        if value:
            fields.append((label, value))
    return Details(material.title, fields)


def _material_lines(materials: Sequence[Material]) -> str:
    return "\n".join(
        f"{m.id}: {m.title}" + (f" ({humanize(m.date)})" if m.date is not None else "")
        for m in materials
    )


def _event_lines(events: Sequence[Event]) -> str:
    return "\n".join(f"{e.id}: {e.title} ({humanize(e.date)})" for e in events)


def contact_details(
    contact: Contact,
    *,
    organisations: Mapping[str, Organisation],
    materials: Sequence[Material],
    events: Sequence[Event],
) -> Details:
    """A contact: how to reach them, where they work, and every material and event that names
    them (whom to ask about what)."""
    fields: list[tuple[str, str]] = [("ID", contact.id)]
    if contact.email:
        fields.append(("Email", contact.email))
    organisation = organisations.get(contact.organisation or "")
    if contact.organisation:
        shown = _organisation_line(organisation) if organisation else contact.organisation
        fields.append(("Organisation", shown))
    if contact.role:
        fields.append(("Role", contact.role))
    if materials:
        fields.append(("Materials", _material_lines(materials)))
    if events:
        fields.append(("Events", _event_lines(events)))
    if contact.source:
        fields.append(("Source", contact.source))
    return Details(contact.name, fields)


def organisation_details(
    organisation: Organisation,
    *,
    organisations: Mapping[str, Organisation],
    people: Sequence[Contact],
    materials: Sequence[Material],
    events: Sequence[Event],
) -> Details:
    """An organisation: what it is, what it is part of and what is part of it, its people, and
    the materials and events that name it or one of its parts."""
    fields: list[tuple[str, str]] = [("ID", organisation.id)]
    if organisation.short_name:
        fields.append(("Short name", organisation.short_name))
    if organisation.description:
        fields.append(("Description", organisation.description))
    if organisation.parent:
        parent = organisations.get(organisation.parent)
        fields.append(("Part of", _organisation_line(parent) if parent else organisation.parent))
    parts = [o for o in organisations.values() if o.parent == organisation.id]
    if parts:
        fields.append(("Parts", "\n".join(_organisation_line(o) for o in parts)))
    if people:
        fields.append(("People", "\n".join(_contact_line(c, organisations) for c in people)))
    if materials:
        fields.append(("Materials", _material_lines(materials)))
    if events:
        fields.append(("Events", _event_lines(events)))
    for label, value in (("URL", organisation.url), ("Source", organisation.source)):
        if value:
            fields.append((label, value))
    return Details(_organisation_line(organisation), fields)


def event_details(
    event: Event,
    *,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
    materials: Sequence[Material],
) -> Details:
    """An event: when and where, what it was, who took part, and its materials."""
    fields: list[tuple[str, str]] = [("ID", event.id), ("Date", _when(event.date))]
    if event.location:
        fields.append(("Location", event.location))
    if event.description:
        fields.append(("Description", event.description))
    if event.organisations:
        fields.append(("Organisations", _organisation_lines(event.organisations, organisations)))
    if event.contacts:
        fields.append(("People", _contact_lines(event.contacts, contacts, organisations)))
    if materials:
        fields.append(("Materials", _material_lines(materials)))
    if event.source:
        fields.append(("Source", event.source))
    return Details(event.title, fields)


def project_details(
    project: Project,
    organisations: Mapping[str, Organisation],
    counts: Mapping[str, int],
) -> Details:
    fields: list[tuple[str, str]] = [("ID", project.id)]
    if project.short_title:
        fields.append(("Short title", project.short_title))
    if project.titles:
        lines = [f"{t.text} ({t.lang})" if t.lang else t.text for t in project.titles]
        fields.append(("Full titles", "\n".join(lines)))
    if project.period is not None:
        fields.append(("Period", _when(project.period)))
    for label, value in (
        ("Implementers", _organisation_lines(project.implementers, organisations)),
        ("Partners", _organisation_lines(project.partners, organisations)),
        ("Funding", project.funding or ""),
        ("Summary", project.summary or ""),
        ("Background", project.background or ""),
        ("Homepages", "\n".join(project.homepages)),
    ):
        if value:
            fields.append((label, value.strip()))
    fields.append(("Catalogue", ", ".join(f"{count} {noun}" for noun, count in counts.items())))
    return Details(project.title, fields)
