"""The catalogue's records: project, organisations, contacts, materials and events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.frozen import frozen
from talenthub_cli.core.vocabulary import (
    AVAILABILITY_LABELS,
    TYPES,
    Availability,
    MaterialType,
    TypeInfo,
)

if TYPE_CHECKING:
    from talenthub_cli.core.dates import Edtf

__all__ = [
    "AVAILABILITY_LABELS",
    "SCHEMA_VERSION",
    "TYPES",
    "Availability",
    "Catalogue",
    "Contact",
    "Event",
    "Material",
    "MaterialType",
    "Organisation",
    "Project",
    "ProjectTitle",
    "TypeInfo",
]


@frozen
class Organisation:
    id: str
    name: str
    short_name: str | None = None
    description: str | None = None
    url: str | None = None
    parent: str | None = None  # organisation id
    source: str | None = None

    @property
    def label(self) -> str:
        """The short name where there is one: "IOM", "DG REFORM"."""
        return self.short_name or self.name


@frozen
class Contact:
    id: str
    name: str
    email: str | None = None
    organisation: str | None = None  # organisation id
    role: str | None = None
    source: str | None = None

    @property
    def address(self) -> str:
        """ "Name <email>", as mail programs write an address; the name alone without one."""
        return f"{self.name} <{self.email}>" if self.email else self.name


@frozen
class Material:
    id: str
    title: str
    type: MaterialType
    date: Edtf | None = None  # for a survey: when it was in the field
    summary: str | None = None
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # authors and publishers, by id
    contacts: tuple[str, ...] = ()
    url: str | None = None
    availability: Availability | None = None
    parts: tuple[str, ...] = ()  # material ids
    related: tuple[str, ...] = ()  # material ids
    responses: int | None = None  # surveys only
    notes: str | None = None
    source: str | None = None


@frozen
class Event:
    id: str
    title: str
    date: Edtf
    description: str | None = None
    location: str | None = None
    materials: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    source: str | None = None


@frozen
class ProjectTitle:
    text: str
    lang: str | None = None
    source: str | None = None


@frozen
class Project:
    id: str
    title: str
    short_title: str | None = None
    titles: tuple[ProjectTitle, ...] = ()  # full titles, in each language and where they appear
    period: Edtf | None = None
    summary: str | None = None
    background: str | None = None
    funding: str | None = None
    homepages: tuple[str, ...] = ()
    implementers: tuple[str, ...] = ()  # organisation ids
    partners: tuple[str, ...] = ()  # organisation ids
    sources: tuple[str, ...] = ()


@frozen
class Catalogue:
    """A whole catalogue, valid: every reference resolves and every id is unique in its kind."""

    schema: int
    project: Project
    organisations: tuple[Organisation, ...] = ()
    contacts: tuple[Contact, ...] = ()
    materials: tuple[Material, ...] = ()
    events: tuple[Event, ...] = ()


SCHEMA_VERSION = 1
