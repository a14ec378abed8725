"""Which materials a listing shows and in what order: the rules, written once.

`FACETS` is the one table of the filters that pick materials by a field: each names its options,
its `field:` in a search query, the keys a material has for it and how a user's word becomes
keys. `list`, `search`, `export`, `timeline` and `stats` declare their options from it; the index
keeps one column of keys per facet and filters on it; search reads `field:value` through it.
A material passes a facet when the keys it has and the keys the user's words resolve to meet.

The date filters (`--since`, `--until`, `--during`) are the other half: they narrow by overlap
with a window of days (`date_window`).

`ListQuery` is what a listing asks for: a filter, an order and a limit.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.frozen import frozen
from talenthub_cli.core.text import fold
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES, SortKey

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Contact, Organisation

__all__ = [
    "DATE_FILTERS",
    "FACETS",
    "DateFilter",
    "Facet",
    "ListQuery",
    "MaterialFilter",
    "Names",
    "ResolvedFilter",
    "SortKey",
    "date_window",
    "resolve_filter",
]


class Names:
    """The contacts and organisations a filter's words are matched against, read only when a
    filter names one (a listing by type need not read them)."""

    def __init__(
        self,
        contacts: Callable[[], Sequence[Contact]],
        organisations: Callable[[], Sequence[Organisation]],
    ) -> None:
        self._contacts = contacts
        self._organisations = organisations

    @classmethod
    def of(cls, contacts: Sequence[Contact], organisations: Sequence[Organisation]) -> Names:
        return cls(lambda: contacts, lambda: organisations)

    def contacts(self) -> Sequence[Contact]:
        return self._contacts()

    def organisations(self) -> Sequence[Organisation]:
        return self._organisations()


@frozen
class Facet:
    """A filter on one field of a material: declared once, read by every command and the index."""

    name: str  # the key in MaterialFilter.values, and the index column `<name>_keys`
    field: str  # the field of a material it reads ("topics"): `add` takes it by the same option
    options: tuple[str, ...]  # the command-line options, the first the long name
    metavar: str
    help: str
    search_fields: tuple[str, ...]  # what a search query writes before ':'
    keys: Callable[[Mapping[str, Any]], Iterable[str]]  # a material's keys, from its record
    resolve: Callable[[str, Names], frozenset[str]]  # a user's word as keys; UsageError if none
    choices: tuple[tuple[str, str], ...] = ()  # (key, label) where the values are a vocabulary

    @property
    def column(self) -> str:
        return f"{self.name}_keys"


def _choice(
    kind: str, plural: str, choices: tuple[tuple[str, str], ...]
) -> Callable[[str, Names], frozenset[str]]:
    """A word of a vocabulary by its key or its label, whatever the case: "Brief", "concept
    note" and "concept-note" are one type."""
    known = {fold(key): key for key, _ in choices} | {fold(label): key for key, label in choices}

    def resolve(value: str, names: Names) -> frozenset[str]:
        found = known.get(fold(value).strip())
        if found is None:
            import difflib

            close = difflib.get_close_matches(fold(value), list(known), n=1)
            hint = f". Did you mean {known[close[0]]!r}?" if close else ""
            listed = ", ".join(key for key, _ in choices)
            raise UsageError(f"unknown {kind} {value!r}; the {plural} are: {listed}{hint}")
        return frozenset({found})

    return resolve


def _words(value: str, names: Names) -> frozenset[str]:
    return frozenset({fold(value)})


def _language_keys(record: Mapping[str, Any]) -> set[str]:
    """Each language and its primary tag: a filter for `en` finds `en-GB` too."""
    folded = {fold(language) for language in record.get("languages", ())}
    return folded | {language.split("-", 1)[0] for language in folded}


def _unknown(kind: str, value: str, names: Mapping[str, str]) -> UsageError:
    """The error for a name that matches nothing; `names` maps each way of naming a record (id,
    name, email) to how the suggestion shows it, so that a record is suggested once."""
    import difflib

    close = difflib.get_close_matches(fold(value), list(names), n=6, cutoff=0.6)
    shown = list(dict.fromkeys(names[name] for name in close))[:3]
    hint = f" Did you mean {' or '.join(repr(name) for name in shown)}?" if shown else ""
    return UsageError(f"no {kind} matches {value!r}.{hint}")


def match_contacts(value: str, contacts: Sequence[Contact]) -> list[str]:
    """The ids of the contacts that `value` names by id, name or email (case and accents aside);
    UsageError, with the nearest names, if none."""
    key = fold(value)
    matches = [c.id for c in contacts if key in (c.id, fold(c.name), fold(c.email or ""))]
    if not matches:
        names = {fold(name): c.name for c in contacts for name in (c.id, c.name, c.email or "")}
        raise _unknown("contact", value, names)
    return matches


def match_organisations(value: str, organisations: Sequence[Organisation]) -> list[str]:
    """The ids of the organisations that `value` names by id, name or short name."""
    key = fold(value)
    matches = [o.id for o in organisations if key in (o.id, fold(o.name), fold(o.short_name or ""))]
    if not matches:
        names = {fold(name): o.label for o in organisations for name in (o.id, o.name, o.label)}
        raise _unknown("organisation", value, names)
    return matches


def one_id(kind: str, name: str, ids: list[str]) -> str:
    """The one id that `name` names, or a UsageError where it names several."""
    if len(ids) > 1:
        raise UsageError(f"{name!r} names {len(ids)} {kind}s ({', '.join(ids)}); give the id")
    return ids[0]


def _contact_keys(value: str, names: Names) -> frozenset[str]:
    return frozenset(match_contacts(value, names.contacts()))


def _organisation_keys(value: str, names: Names) -> frozenset[str]:
    """The organisations named, and every organisation that is part of one of them."""
    organisations = names.organisations()
    found = set(match_organisations(value, organisations))
    children: dict[str, list[str]] = {}
    for organisation in organisations:
        if organisation.parent is not None:
            children.setdefault(organisation.parent, []).append(organisation.id)
    pending = list(found)
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return frozenset(found)


_TYPE_CHOICES = tuple((kind.value, info.label) for kind, info in TYPES.items())
_AVAILABILITY_CHOICES = tuple((key.value, label) for key, label in AVAILABILITY_LABELS.items())
# A type or an availability as a person writes it: its value or its label, whatever the case.
read_type = _choice("type", "types", _TYPE_CHOICES)
read_availability = _choice("availability", "availability values", _AVAILABILITY_CHOICES)

FACETS: tuple[Facet, ...] = (
    Facet(
        "type",
        "type",
        ("--type", "-t"),
        "TYPE",
        "Only this type; repeat for several: " + ", ".join(k for k, _ in _TYPE_CHOICES) + ".",
        ("type",),
        lambda record: (record["type"],),
        read_type,
        _TYPE_CHOICES,
    ),
    Facet(
        "topic",
        "topics",
        ("--topic",),
        "TOPIC",
        "Only materials with this topic.",
        ("topic",),
        lambda record: [fold(topic) for topic in record.get("topics", ())],
        _words,
    ),
    Facet(
        "contact",
        "contacts",
        ("--contact",),
        "NAME",
        "A contact's id, name or email.",
        ("contact",),
        lambda record: record.get("contacts", ()),
        _contact_keys,
    ),
    Facet(
        "organisation",
        "organisations",
        ("--organisation", "--org"),
        "NAME",
        "An organisation's id, short name or name; includes its parts (IOM: IOM Germany).",
        ("org", "organisation"),
        lambda record: record.get("organisations", ()),
        _organisation_keys,
    ),
    Facet(
        "language",
        "languages",
        ("--language", "--lang"),
        "CODE",
        "A language code: en also finds en-GB.",
        ("lang", "language"),
        _language_keys,
        _words,
    ),
    Facet(
        "availability",
        "availability",
        ("--availability",),
        "WORD",
        "Only what is published, on-request or internal.",
        ("availability",),
        lambda record: [record["availability"]] if record.get("availability") else [],
        read_availability,
        _AVAILABILITY_CHOICES,
    ),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
FACETS_BY_FIELD = {facet.field: facet for facet in FACETS}
FACETS_BY_SEARCH_FIELD = {name: facet for facet in FACETS for name in facet.search_fields}


@frozen
class DateFilter:
    """A filter by date: what overlaps the window it sets."""

    name: str  # the field of MaterialFilter
    option: str
    help: str


DATE_FILTERS: tuple[DateFilter, ...] = (
    DateFilter("since", "--since", "What ends on or after this date's first day: --since 2024-05."),
    DateFilter(
        "until", "--until", "What starts on or before this date's last day: --until 2023-12."
    ),
    DateFilter("during", "--during", "What runs at any time within this date: --during 2023-11."),
)


@frozen
class MaterialFilter:
    """The filters of a listing, as the user gave them. Within a facet any value may match;
    across filters all must."""

    values: Mapping[str, tuple[str, ...]] = MappingProxyType({})  # facet name -> words
    since: Edtf | None = None  # what ends on or after its first day
    until: Edtf | None = None  # what starts on or before its last day
    during: Edtf | None = None  # what overlaps it

    @property
    def narrowed(self) -> bool:
        """Whether a facet (more than dates) chooses the materials."""
        return any(self.values.values())


# More than any catalogue holds, and within SQLite's 64-bit integers: a larger --limit is this.
MOST = 2**62


@frozen
class ListQuery:
    filter: MaterialFilter = MaterialFilter()
    sort: SortKey = SortKey.DATE
    reverse: bool = False
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit > MOST:
            object.__setattr__(self, "limit", MOST)

    @property
    def descending(self) -> bool:
        """Dates run newest first, titles and types A to Z; `reverse` turns either round."""
        return (self.sort is SortKey.DATE) != self.reverse


@frozen
class ResolvedFilter:
    """A filter in the catalogue's own terms: for each facet given, the keys a material must
    have one of."""

    keys: tuple[tuple[Facet, frozenset[str]], ...] = ()
    dated: bool = False  # a date filter was given: undated materials are left out
    first: int | None = None  # the date window, by overlap; None: unbounded
    last: int | None = None


def date_window(wanted: MaterialFilter) -> tuple[int | None, int | None] | None:
    """The days a material must overlap to pass the date filters, or None where no date filter
    was given. Either end may be None, unbounded: `--until 2023` alone has no first day."""
    if wanted.since is None and wanted.until is None and wanted.during is None:
        return None
    starts = [
        d.first for d in (wanted.since, wanted.during) if d is not None and d.first is not None
    ]
    ends = [d.last for d in (wanted.until, wanted.during) if d is not None and d.last is not None]
    return (max(starts) if starts else None, min(ends) if ends else None)


def resolve_filter(wanted: MaterialFilter, names: Names) -> ResolvedFilter:
    """The filter in keys; UsageError, with the nearest names, for a word that matches nothing."""
    window = date_window(wanted)
    first, last = window or (None, None)
    keys = tuple(
        (facet, frozenset(key for value in values for key in facet.resolve(value, names)))
        for facet in FACETS
        if (values := wanted.values.get(facet.name))
    )
    return ResolvedFilter(keys, window is not None, first, last)
