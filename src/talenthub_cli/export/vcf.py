"""vCard 4.0 (RFC 6350): one card per contact, for address books.

A card has FN (the name), N (the last word as the family name, the rest as given names: a
guess, as the catalogue keeps one name), EMAIL, ORG (the organisation, after the ones it is part
of: "International Organization for Migration;IOM Germany"), TITLE (the role), and a UID that is
the same on every export, so that importing again updates rather than duplicates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli import __version__
from talenthub_cli.core.text import counted
from talenthub_cli.export.contentline import escape, fold, stable_uid

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.core.model import Contact
    from talenthub_cli.export.common import ExportOptions, Selection


def card(contact: Contact, selection: Selection) -> list[str]:
    given, _, family = contact.name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:-//talenthub//talenthub {__version__}//EN",
        f"UID:urn:uuid:{stable_uid('talenthub', selection.project.id, 'contact', contact.id)}",
        "KIND:individual",
        f"FN:{escape(contact.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{contact.email}")
    if contact.organisation is not None:
        lineage = selection.lineage(contact.organisation)
        if lineage:
            lines.append("ORG:" + ";".join(escape(o.name) for o in lineage))
    if contact.role:
        lines.append(f"TITLE:{escape(contact.role)}")
    lines.append("END:VCARD")
    return lines


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    contacts = selection.chosen_contacts()
    out.write("".join(fold(line) for contact in contacts for line in card(contact, selection)))
    return counted(len(contacts), "contact")
