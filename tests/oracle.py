"""The reference reading of the listing and search rules, by a plain scan of a `Catalogue`: what
the index must answer, material for material and in the same order. It is written apart from the
index's own keys (`Facet.keys`), so that a wrong key or column shows up as a difference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.query import ListQuery, Names, ResolvedFilter, SortKey, resolve_filter
from talenthub_cli.core.search import (
    AllOf,
    Candidate,
    DateIn,
    Has,
    IdStarts,
    Not,
    Phrase,
    Word,
    _fields,
    _phrase_in,
)
from talenthub_cli.core.text import fold

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from talenthub_cli.core.model import Catalogue, Material
    from talenthub_cli.core.search import Node


def language_matches(wanted: frozenset[str], languages: Iterable[str]) -> bool:
    """`en` finds `en` and `en-GB`: a language matches its own regional variants."""
    for language in languages:
        folded = fold(language)
        if folded in wanted or folded.split("-", 1)[0] in wanted:
            return True
    return False


def has(facet: str, keys: frozenset[str], material: Material) -> bool:
    """Whether `material` passes facet `facet` given the keys the user's words resolved to."""
    if facet == "type":
        return material.type.value in keys
    if facet == "topic":
        return any(fold(topic) in keys for topic in material.topics)
    if facet == "contact":
        return not keys.isdisjoint(material.contacts)
    if facet == "organisation":
        return not keys.isdisjoint(material.organisations)
    if facet == "language":
        return language_matches(keys, material.languages)
    if facet == "availability":
        return material.availability is not None and material.availability.value in keys
    raise AssertionError(f"the oracle does not know the facet {facet!r}: add it here")


def passes(material: Material, resolved: ResolvedFilter) -> bool:
    if resolved.dated and (
        material.date is None or not material.date.overlaps(resolved.first, resolved.last)
    ):
        return False
    return all(has(facet.name, keys, material) for facet, keys in resolved.keys)


def sort_materials(
    materials: Sequence[Material], sort: SortKey, descending: bool
) -> list[Material]:
    """The listing order. By date: first day, then precision (coarse first), then last day, then
    the EDTF text, with undated materials last. By title: folded title. By type: type, then
    folded title. Ties keep the catalogue's order, whichever the direction (the sort is stable)."""
    if sort is SortKey.DATE:
        dated = [material for material in materials if material.date is not None]
        undated = [material for material in materials if material.date is None]
        return sorted(dated, key=lambda m: m.date.sort_key(), reverse=descending) + undated  # type: ignore[union-attr]
    if sort is SortKey.TITLE:
        return sorted(materials, key=lambda m: fold(m.title), reverse=descending)
    return sorted(materials, key=lambda m: (m.type.value, fold(m.title)), reverse=descending)


def select(catalogue: Catalogue, query: ListQuery) -> list[Material]:
    """The materials `query` asks for, in its order, by a plain scan of the catalogue."""
    resolved = resolve_filter(query.filter, Names.of(catalogue.contacts, catalogue.organisations))
    chosen = [material for material in catalogue.materials if passes(material, resolved)]
    ordered = sort_materials(chosen, query.sort, query.descending)
    return ordered if query.limit is None else ordered[: query.limit]


def matches(node: Node, item: Candidate) -> bool:
    """Whether the material of `item` matches the query tree `node`."""
    material = item.material
    if isinstance(node, Word):
        return any(w.startswith(node.text) for f in _fields(node) for w in item.words[f])
    if isinstance(node, Phrase):
        return any(_phrase_in(node.words, item.words[f]) for f in _fields(node))
    if isinstance(node, DateIn):
        return material.date is not None and material.date.overlaps(node.first, node.last)
    if isinstance(node, Has):
        return has(node.facet, node.keys, material)
    if isinstance(node, IdStarts):
        return material.id.startswith(node.prefix)
    if isinstance(node, Not):
        return not matches(node.part, item)
    if isinstance(node, AllOf):
        return all(matches(part, item) for part in node.parts)
    return any(matches(part, item) for part in node.parts)
