"""Markdown (CommonMark, with a GitHub-flavoured table): a table of the materials, then one section
per material with every field and its links. Text from the catalogue is escaped, so that a title
with * or [ ] stays text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.dates import humanize
from talenthub_cli.core.text import counted
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import TextIO

    from talenthub_cli.core.model import Material
    from talenthub_cli.export.common import ExportOptions, Selection
    from talenthub_cli.render.listing import Listing

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!&~])")
# What would start a list item or underline a heading at the start of a paragraph.
_LEADING = re.compile(r"^(?:([-+=])|([0-9]+)([.)]))")


def text(value: str) -> str:
    """Catalogue text as Markdown that shows it as it is, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _escape_leading(match: re.Match[str]) -> str:
    sign, number, mark = match.groups()
    return f"\\{sign}" if sign else f"{number}\\{mark}"


def paragraphs(value: str) -> str:
    """A summary or note as Markdown paragraphs: its blank lines kept, its other breaks joined."""
    return "\n\n".join(
        _LEADING.sub(_escape_leading, text(part))
        for part in re.split(r"\n\s*\n", value.strip())
        if part.strip()
    )


def link(label: str, target: str) -> str:
    """A link; the target in <>, so that spaces and parentheses in it do no harm."""
    return f"[{text(label)}](<{target.replace('<', '%3C').replace('>', '%3E')}>)"


def web_link(address: str) -> str:
    """A web address as an autolink, or as a link where it holds what an autolink cannot."""
    if re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>]*", address, re.IGNORECASE):
        return f"<{address}>"
    return link(address, address)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GitHub-flavoured table of cells already written as Markdown."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def write_table(listing: Listing[Any], out: TextIO, options: ExportOptions) -> int:
    """A listing as a table of its chosen columns, each cell as text that stays in its cell."""
    items = list(listing.items)
    rows = ([text(column.shown(item)) for column in listing.columns] for item in items)
    out.write("\n".join(table([column.header for column in listing.columns], rows)) + "\n")
    return len(items)


def anchor(material_id: str) -> str:
    return f"material-{material_id}"


def _date(material: Material) -> str:
    return "" if material.date is None else humanize(material.date)


def _table(selection: Selection) -> list[str]:
    return table(
        ["Date", "Type", "Title"],
        (
            [text(_date(m)), TYPES[m.type].label, f"[{text(m.title)}](#{anchor(m.id)})"]
            for m in selection.materials
        ),
    )


def _section(material: Material, selection: Selection, chosen: set[str]) -> list[str]:
    facts: list[tuple[str, str]] = [
        ("Id", f"`{material.id}`"),
        ("Type", TYPES[material.type].label),
    ]
    if material.date is not None:
        facts.append(("Date", f"{text(humanize(material.date))} (`{material.date.text}`)"))
    if material.responses is not None:
        facts.append(("Responses", str(material.responses)))
    if material.organisations:
        facts.append(
            ("Organisations", ", ".join(text(n) for n in selection.names(material.organisations)))
        )
    contacts = []
    for key in material.contacts:
        contact = selection.contacts.get(key)
        if contact is None:
            contacts.append(text(key))
        elif contact.email:
            contacts.append(link(contact.name, "mailto:" + contact.email))
        else:
            contacts.append(text(contact.name))
    if contacts:
        facts.append(("Contacts", ", ".join(contacts)))
    if material.topics:
        facts.append(("Topics", ", ".join(text(topic) for topic in material.topics)))
    if material.languages:
        facts.append(("Languages", ", ".join(material.languages)))
    if material.availability is not None:
        facts.append(("Availability", AVAILABILITY_LABELS[material.availability]))
    for label, ids in (("Parts", material.parts), ("Related", material.related)):
        if ids:
            facts.append((label, ", ".join(
                f"[{text(key)}](#{anchor(key)})" if key in chosen else f"`{key}`" for key in ids
            )))  # fmt: skip
    if material.url:
        facts.append(("Link", web_link(material.url)))
    if material.source:
        facts.append(("Source", web_link(material.source)))
    lines = ["", f'<a id="{anchor(material.id)}"></a>', "", f"## {text(material.title)}", ""]
    lines.extend(f"- **{label}:** {value}" for label, value in facts)
    for body in (material.summary, material.notes):
        if body:
            lines.extend(["", paragraphs(body)])
    return lines


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    selection, materials = selection.held()  # a table of them all, then a section each
    count = counted(len(materials), "material")
    lines = [f"# {text(selection.project.title)}: {count}", "", *_table(selection)]
    chosen = {material.id for material in selection.materials}
    for material in selection.materials:
        lines.extend(_section(material, selection, chosen))
    out.write("\n".join(lines) + "\n")
    return count
