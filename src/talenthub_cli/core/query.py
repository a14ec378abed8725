"""Which materials a listing shows and in what order: the rules, written once.

`ListQuery` is what `list` (and later `search` and `export`) asks for. `resolve_filter` turns the
user's words (a contact's name, an organisation's short name) into ids, with a clear error for a
name that matches nothing. `select` is the plain reading of the rules over a `Catalogue`; the
index in `storage.index` answers the same query in SQL and must return the same materials in the
same order (the tests hold it to that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.text import fold
from talenthub_cli.core.vocabulary import MaterialType, SortKey

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Catalogue, Contact, Material, Organisation

__all__ = ["ListQuery", "MaterialFilter", "ResolvedFilter", "SortKey", "select"]


@dataclass(frozen=True, slots=True)
class MaterialFilter:
    """The filters of `list`, as the user gave them. Within a filter any value may match;
    across filters all must."""

    types: frozenset[MaterialType] = frozenset()
    since: Edtf | None = None  # what ends on or after its first day
    until: Edtf | None = None  # what starts on or before its last day
    during: Edtf | None = None  # what overlaps it
    topics: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # id, name or email
    organisations: tuple[str, ...] = ()  # id, short name or name
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListQuery:
    filter: MaterialFilter = MaterialFilter()
    sort: SortKey = SortKey.DATE
    reverse: bool = False
    limit: int | None = None

    @property
    def descending(self) -> bool:
        """Dates run newest first, titles and types A to Z; `reverse` turns either round."""
        return (self.sort is SortKey.DATE) != self.reverse


@dataclass(frozen=True, slots=True)
class ResolvedFilter:
    """A filter in the catalogue's own terms: ids and folded words. None means "not filtered"."""

    types: frozenset[str] | None = None
    topics: frozenset[str] | None = None
    contacts: frozenset[str] | None = None
    organisations: frozenset[str] | None = None
    languages: frozenset[str] | None = None
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


def resolve_filter(
    wanted: MaterialFilter,
    contacts: Sequence[Contact],
    organisations: Sequence[Organisation],
) -> ResolvedFilter:
    window = date_window(wanted)
    first, last = window or (None, None)
    return ResolvedFilter(
        types=frozenset(kind.value for kind in wanted.types) or None,
        topics=frozenset(fold(topic) for topic in wanted.topics) or None,
        contacts=_resolve_contacts(wanted.contacts, contacts) if wanted.contacts else None,
        organisations=(
            _resolve_organisations(wanted.organisations, organisations)
            if wanted.organisations
            else None
        ),
        languages=frozenset(fold(language) for language in wanted.languages) or None,
        dated=window is not None,
        first=first,
        last=last,
    )


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


def _resolve_contacts(values: Sequence[str], contacts: Sequence[Contact]) -> frozenset[str]:
    return frozenset(key for value in values for key in match_contacts(value, contacts))


def _resolve_organisations(
    values: Sequence[str], organisations: Sequence[Organisation]
) -> frozenset[str]:
    """The organisations named, and every organisation that is part of one of them."""
    found = {key for value in values for key in match_organisations(value, organisations)}
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


def language_matches(wanted: frozenset[str], languages: Iterable[str]) -> bool:
    """`en` finds `en` and `en-GB`: a language matches its own regional variants."""
    for language in languages:
        folded = fold(language)
        if folded in wanted or folded.split("-", 1)[0] in wanted:
            return True
    return False


def matches(material: Material, resolved: ResolvedFilter) -> bool:
    if resolved.types is not None and material.type.value not in resolved.types:
        return False
    if resolved.dated and (
        material.date is None or not material.date.overlaps(resolved.first, resolved.last)
    ):
        return False
    if resolved.topics is not None and not any(
        fold(topic) in resolved.topics for topic in material.topics
    ):
        return False
    if resolved.contacts is not None and resolved.contacts.isdisjoint(material.contacts):
        return False
    if resolved.organisations is not None and resolved.organisations.isdisjoint(
        material.organisations
    ):
        return False
    return resolved.languages is None or language_matches(resolved.languages, material.languages)


def _date_order(material: Material) -> tuple[int, int, int, str]:
    assert material.date is not None
    return material.date.sort_key()


def sort_materials(
    materials: Sequence[Material], sort: SortKey, descending: bool
) -> list[Material]:
    """The listing order. By date: first day, then precision (coarse first), then last day, then
    the EDTF text, with undated materials last. By title: folded title. By type: type, then
    folded title. Ties keep the catalogue's order, whichever the direction (the sort is stable)."""
    if sort is SortKey.DATE:
        dated = [material for material in materials if material.date is not None]
        undated = [material for material in materials if material.date is None]
        return sorted(dated, key=_date_order, reverse=descending) + undated
    if sort is SortKey.TITLE:
        return sorted(materials, key=lambda m: fold(m.title), reverse=descending)
    return sorted(materials, key=lambda m: (m.type.value, fold(m.title)), reverse=descending)


def select(catalogue: Catalogue, query: ListQuery) -> list[Material]:
    """The materials `query` asks for, in its order, by a plain scan of the catalogue."""
    resolved = resolve_filter(query.filter, catalogue.contacts, catalogue.organisations)
    chosen = [material for material in catalogue.materials if matches(material, resolved)]
    ordered = sort_materials(chosen, query.sort, query.descending)
    return ordered if query.limit is None else ordered[: query.limit]
