"""The catalogue as web pages: records as the templates show them, the Jinja2 environment
(autoescape on, templates shipped with the package), the Content-Security-Policy of a page and
JSON that is safe inside one.

No I/O beyond reading the package's own templates and assets, no storage: `export` and `serve`
both hand their records in. Jinja2 is imported here, and this module only where a web page is
made, so the other commands start as fast as before.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from talenthub_cli.core.dates import from_ordinal, humanize
from talenthub_cli.core.search import material_texts, words
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import jinja2
    import markupsafe

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Contact, Event, Material, Organisation, Project

LINK_SCHEMES = ("http", "https", "mailto")


def link(url: str | None) -> str | None:
    """The URL if a page may link to it (http, https, mailto), else None: the page shows it as
    text. `javascript:`, `data:` and the like never become links."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    if scheme not in LINK_SCHEMES or any(ord(char) < 0x20 for char in url):
        return None
    return url.strip()


def mailto(email: str | None) -> str | None:
    """A mailto: link to the address, if it can be one (no spaces or controls)."""
    if not email or any(char.isspace() or ord(char) < 0x20 for char in email) or ":" in email:
        return None
    return "mailto:" + email


def script_json(value: object) -> str:
    """JSON that can stand inside a <script> element: no "</script>", "<!--" or "]]>" can
    close it or start a comment, and U+2028 and U+2029 are escaped (older JavaScript ends a
    line at them)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def asset(name: str) -> str:
    """One of the package's own assets (the page's stylesheet and script), as text."""
    return resources.files("talenthub_cli.web").joinpath("assets", name).read_text("utf-8")


@cache
def content_security_policy(*, form_action: str = "'none'") -> str:
    """The policy of every page: nothing from anywhere, but the page's own script and styles
    (by their hashes: no other inline code runs), images from data: URLs, and forms sent only
    where `form_action` says."""
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(asset('page.js'))}",
            f"style-src {csp_hash(asset('page.css'))}",
            "img-src data:",
            "base-uri 'none'",
            f"form-action {form_action}",
        )
    )


@cache
def fold_tables() -> dict[str, object]:
    """`core.text.folding_tables`, built once a process."""
    from talenthub_cli.core.text import folding_tables

    return folding_tables()


# ---------------------------------------------------------------- records as the page shows them


@dataclass(frozen=True, slots=True)
class Name:
    """A record named on a page: its label, its anchor or page, and what it links to."""

    id: str
    label: str
    email: str | None = None  # a mailto: link
    url: str | None = None  # an http(s) link


@dataclass(frozen=True, slots=True)
class MaterialView:
    id: str
    title: str
    type: str
    type_label: str
    date: str | None
    date_iso: str | None
    years: tuple[int, ...]
    summary: str | None
    topics: tuple[str, ...]
    languages: tuple[str, ...]
    organisations: tuple[Name, ...]
    contacts: tuple[Name, ...]
    availability: str | None
    availability_label: str | None
    url: str | None  # as written
    url_link: str | None  # the same, where it may be a link
    notes: str | None
    organisation_keys: tuple[str, ...]  # its organisations and those they are part of
    words: str  # the folded words that the in-page search looks in
    responses: int | None
    parts: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


def _years(date: Edtf | None) -> tuple[int, ...]:
    if date is None or date.first is None or date.last is None:
        return ()
    first, last = from_ordinal(date.first)[0], from_ordinal(date.last)[0]
    return tuple(range(first, min(last, first + 200) + 1))


def _iso(day: int | None) -> str | None:
    if day is None:
        return None
    year, month, day_of_month = from_ordinal(day)
    return f"{year:04d}-{month:02d}-{day_of_month:02d}" if 1 <= year <= 9999 else None


def lineage(key: str, organisations: Mapping[str, Organisation]) -> list[str]:
    """An organisation's id and the ids of those it is part of, innermost first."""
    chain: list[str] = []
    found: str | None = key
    while found is not None and found not in chain and len(chain) < 16:
        chain.append(found)
        parent = organisations.get(found)
        found = None if parent is None else parent.parent
    return chain


def contact_name(contact: Contact) -> Name:
    return Name(contact.id, contact.name, mailto(contact.email))


def organisation_name(organisation: Organisation) -> Name:
    return Name(organisation.id, organisation.label, url=link(organisation.url))


def named_organisation(key: str, organisations: Mapping[str, Organisation]) -> Name:
    """The organisation a record names by `key`, or the key itself where none has it."""
    known = organisations.get(key)
    return organisation_name(known) if known else Name(key, key)


def material_view(
    material: Material,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
    *,
    searchable: bool = True,
) -> MaterialView:
    """A material as a page shows it; `searchable` with the words of the in-page search."""
    found: dict[str, None] = {}
    if searchable:
        texts = material_texts(material, contacts, organisations)
        found = dict.fromkeys(word for text in texts.values() for word in words(text))
    availability = material.availability
    return MaterialView(
        id=material.id,
        title=material.title,
        type=material.type.value,
        type_label=TYPES[material.type].label,
        date=None if material.date is None else humanize(material.date),
        date_iso=None if material.date is None else _iso(material.date.first),
        years=_years(material.date),
        summary=material.summary,
        topics=material.topics,
        languages=material.languages,
        organisations=tuple(
            named_organisation(key, organisations) for key in material.organisations
        ),
        contacts=tuple(
            contact_name(contacts[key]) if key in contacts else Name(key, key)
            for key in material.contacts
        ),
        availability=None if availability is None else availability.value,
        availability_label=None if availability is None else AVAILABILITY_LABELS[availability],
        url=material.url,
        url_link=link(material.url),
        notes=material.notes,
        organisation_keys=tuple(
            dict.fromkeys(
                key for own in material.organisations for key in lineage(own, organisations)
            )
        ),
        words=" ".join(found),
        responses=material.responses,
        parts=material.parts,
        related=material.related,
    )


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    count: int


def choices(
    materials: Sequence[MaterialView], organisations: Mapping[str, Organisation]
) -> dict[str, list[Choice]]:
    """The values of each in-page filter, with how many of the materials have each; an
    organisation counts the materials of its parts too, as `--org` finds them."""
    labels = {key: organisation.label for key, organisation in organisations.items()}
    counts: dict[str, dict[tuple[str, str], int]] = {
        "type": {},
        "year": {},
        "organisation": {},
        "contact": {},
        "availability": {},
    }

    def add(facet: str, value: str, label: str) -> None:
        counts[facet][value, label] = counts[facet].get((value, label), 0) + 1

    for material in materials:
        add("type", material.type, material.type_label)
        for year in material.years:
            add("year", str(year), str(year))
        for key in material.organisation_keys:
            add("organisation", key, labels.get(key, key))
        for name in material.contacts:
            add("contact", name.id, name.label)
        if material.availability and material.availability_label:
            add("availability", material.availability, material.availability_label)
    ordered: dict[str, list[Choice]] = {}
    for facet, found in counts.items():
        items = [Choice(value, label, count) for (value, label), count in found.items()]
        if facet == "year":
            items.sort(key=lambda choice: -int(choice.value))
        else:
            items.sort(key=lambda choice: choice.label.casefold())
        ordered[facet] = items
    return ordered


# ------------------------------------------------------------------------------- the timeline


@dataclass(frozen=True, slots=True)
class Mark:
    """A dated record on the timeline: a bar for a span, a diamond for one day."""

    id: str
    title: str
    date: str
    kind: str  # "material" or "event"
    x: float
    width: float  # 0 for a single day
    lane: int
    href: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    lane_height: int = 14
    top: int = 28
    hidden: int = 0  # how many did not fit and are left out of the drawing


TIMELINE_WIDTH = 960
MAX_LANES = 24


def timeline(
    dated: Iterable[tuple[str, str, Edtf, str, str]],
) -> Timeline | None:
    """The timeline of (kind, id, date, title, href): each in the first lane where it does not
    overlap the one before, a month or year axis. Spans open at one end are left out."""
    items = sorted(
        (
            (date.first, date.last, kind, key, title, href, humanize(date))
            for kind, key, date, title, href in dated
            if date.first is not None and date.last is not None
        ),
        key=lambda item: (item[0], item[1]),
    )
    if not items:
        return None
    start = min(item[0] for item in items)
    end = max(item[1] for item in items) + 1
    first_year, first_month, _ = from_ordinal(start)
    last_year, last_month, _ = from_ordinal(end)
    from talenthub_cli.core.dates import ordinal

    start = ordinal(first_year, first_month, 1)
    end = ordinal(last_year + (last_month == 12), last_month % 12 + 1, 1)
    left, right = 8.0, TIMELINE_WIDTH - 8.0
    scale = (right - left) / max(end - start, 1)
    lanes: list[float] = []  # the x where each lane is free again
    marks: list[Mark] = []
    hidden = 0
    for first, last, kind, key, title, href, text in items:
        x = left + (first - start) * scale
        width = 0.0 if first == last else max((last + 1 - first) * scale, 2.0)
        reach = x + max(width, 8.0) + 2.0
        lane = next((i for i, free in enumerate(lanes) if free <= x), None)
        if lane is None:
            if len(lanes) >= MAX_LANES:
                hidden += 1
                continue
            lanes.append(reach)
            lane = len(lanes) - 1
        lanes[lane] = reach
        marks.append(Mark(key, title, text, kind, round(x, 1), round(width, 1), lane, href))
    ticks: list[Tick] = []
    months = (last_year - first_year) * 12 + last_month - first_month + 1
    year, month = first_year, first_month
    while ordinal(year, month, 1) <= end:
        x = round(left + (ordinal(year, month, 1) - start) * scale, 1)
        if month == 1 or (year, month) == (first_year, first_month):
            ticks.append(Tick(x, str(year), True))
        elif months <= 36 and month in (4, 7, 10):
            ticks.append(Tick(x, ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                  "Sep", "Oct", "Nov", "Dec")[month], False))  # fmt: skip
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    height = 28 + 14 * max(len(lanes), 1) + 8
    return Timeline(TIMELINE_WIDTH, height, tuple(marks), tuple(ticks), hidden=hidden)


# ---------------------------------------------------------------------------- the environment


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("talenthub_cli.web", "templates"),
        autoescape=True,  # every template is HTML: every value is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the package's own templates: they do not change while it runs
    )
    env.filters["link"] = link
    env.filters["script_json"] = script_json
    env.filters["paragraphs"] = paragraphs
    env.globals["asset"] = asset
    env.globals["humanize"] = humanize
    return env


def render(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)


def fragment(template: str, **values: Any) -> markupsafe.Markup:
    """A part of a page (its values escaped as in a page), to be put in another unescaped."""
    import markupsafe

    return markupsafe.Markup(render(template, **values))


@dataclass(frozen=True, slots=True)
class ProjectView:
    title: str
    short_title: str | None
    period: str | None
    summary: str | None
    funding: str | None
    homepages: tuple[tuple[str, str | None], ...]  # (url, its link)
    implementers: tuple[Name, ...]
    partners: tuple[Name, ...]


def project_view(project: Project, organisations: Mapping[str, Organisation]) -> ProjectView:
    def names(keys: Iterable[str]) -> tuple[Name, ...]:
        return tuple(
            organisation_name(organisations[key]) if key in organisations else Name(key, key)
            for key in keys
        )

    return ProjectView(
        title=project.title,
        short_title=project.short_title,
        period=None if project.period is None else humanize(project.period),
        summary=project.summary,
        funding=project.funding,
        homepages=tuple((url, link(url)) for url in project.homepages),
        implementers=names(project.implementers),
        partners=names(project.partners),
    )


@dataclass(frozen=True, slots=True)
class EventView:
    id: str
    title: str
    date: str
    location: str | None
    description: str | None
    materials: tuple[str, ...]


def event_view(event: Event) -> EventView:
    return EventView(
        event.id, event.title, humanize(event.date), event.location, event.description,
        event.materials,
    )  # fmt: skip


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


@dataclass(frozen=True, slots=True)
class ContactView:
    id: str
    name: str
    email: str | None
    mailto: str | None
    role: str | None
    organisation: Name | None


def contact_view(contact: Contact, organisations: Mapping[str, Organisation]) -> ContactView:
    organisation = (
        None
        if contact.organisation is None
        else named_organisation(contact.organisation, organisations)
    )
    return ContactView(
        contact.id, contact.name, contact.email, mailto(contact.email), contact.role, organisation
    )


@dataclass(frozen=True, slots=True)
class OrganisationView:
    id: str
    name: str
    short_name: str | None
    description: str | None
    url: str | None
    url_link: str | None
    parent: Name | None


def organisation_view(
    organisation: Organisation, organisations: Mapping[str, Organisation]
) -> OrganisationView:
    parent = (
        None
        if organisation.parent is None
        else named_organisation(organisation.parent, organisations)
    )
    return OrganisationView(
        organisation.id,
        organisation.name,
        organisation.short_name,
        organisation.description,
        organisation.url,
        link(organisation.url),
        parent,
    )


class Links:
    """Where a page links each record: anchors within one page (the export)."""

    def material(self, key: str) -> str:
        return "#" + key

    def contact(self, key: str) -> str:
        return "#contact-" + key

    def organisation(self, key: str) -> str:
        return "#org-" + key

    def event(self, key: str) -> str:
        return "#event-" + key


FILTERS = (
    ("type", "Type", "Every type"),
    ("year", "Year", "Every year"),
    ("organisation", "Organisation", "Every organisation"),
    ("contact", "Contact", "Every contact"),
    ("availability", "Availability", "Any availability"),
)
