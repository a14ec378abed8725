"""Completion that knows the catalogue: the shell asks (through Click's completion protocol,
`_TALENTHUB_COMPLETE=complete_bash ...`) and these answer from the index of the catalogue in use:
record ids for `show`, material ids for `edit` and `remove`, a filter's values (from
`core.query.FACETS`) and the names `--columns` takes. Imported only when the shell asks."""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.errors import TalenthubError
from talenthub_cli.core.text import fold

if TYPE_CHECKING:
    from talenthub_cli.core.query import Facet
    from talenthub_cli.storage.index import CatalogueIndex

# At most this many ids are offered: a shell shows no more usefully, and the index answers fast.
MOST = 200

# The commands whose --columns are those of a listing of other records than materials.
_COLUMNS_OF = {"contacts": "contacts", "organisations": "organisations", "timeline": "timeline"}

Candidates = list[tuple[str, str]]  # (what is completed, a word of help shown beside it)


def _index(ctx: Any) -> CatalogueIndex | None:
    """The index of the catalogue the command line names (or the one in use), or None where
    there is none to read: completion then offers nothing rather than failing."""
    from talenthub_cli.cli.session import Given
    from talenthub_cli.storage.index import open_index
    from talenthub_cli.storage.paths import UserDirs
    from talenthub_cli.storage.resolve import resolve_catalogue

    root = ctx.find_root()
    given = root.obj if isinstance(root.obj, Given) else Given()
    dirs = given.dirs or UserDirs.from_platform()
    option = root.params.get("catalogue")
    try:
        source = resolve_catalogue(option, os.environ, dirs)
        return open_index(source.path, dirs.cache)
    except (TalenthubError, OSError, sqlite3.Error):
        return None


def _starting(candidates: Candidates, incomplete: str) -> Candidates:
    """The candidates that begin with what was typed (as the shell will keep only those), each
    value once."""
    kept: dict[str, str] = {}
    for value, said in candidates:
        if value.startswith(incomplete):
            kept.setdefault(value, said)
    return list(kept.items())


def records(ctx: Any, incomplete: str) -> Candidates:
    """Every kind of record, by id (`show`, `edit`, `remove`): materials, events, contacts,
    organisations and the project; after a kind and a colon (`contact:`), that kind's ids with
    the kind before them."""
    from talenthub_cli.core.lookup import KINDS

    index = _index(ctx)
    if index is None:
        return []
    kind, colon, rest = incomplete.partition(":")
    named = {"org": "organisation"}.get(fold(kind), fold(kind))
    if colon and named in KINDS:
        found = _of_kind(index, named, rest)
        return [(f"{kind}:{value}", said) for value, said in _starting(found, rest)]
    found = [pair for each in KINDS for pair in _of_kind(index, each, incomplete)]
    return _starting(found, incomplete)[:MOST]


def _of_kind(index: CatalogueIndex, kind: str, incomplete: str) -> Candidates:
    if kind == "material":
        found = index.materials_with_id_prefix(incomplete.lower(), MOST)
        return [(material.id, material.title) for material in found]
    if kind == "event":
        return [(event.id, event.title) for event in index.events()]
    if kind == "contact":
        return [(contact.id, contact.name) for contact in index.contacts()]
    if kind == "organisation":
        return [(organisation.id, organisation.label) for organisation in index.organisations()]
    project = index.project()
    return [(project.id, project.title)]


def facet_values(facet: Facet, ctx: Any, incomplete: str) -> Candidates:
    """The values a filter takes: its vocabulary where it has one (types, availability), else
    the keys the catalogue's materials have for it (topics, languages, contact and organisation
    ids), each with its name."""
    if facet.choices:
        return _starting(list(facet.choices), incomplete)
    index = _index(ctx)
    if index is None:
        return []
    from talenthub_cli.core.query import ListQuery, MaterialFilter
    from talenthub_cli.core.records import material_record

    keys: set[str] = set()
    for material in index.stream(ListQuery(MaterialFilter({}))):
        keys.update(facet.keys(material_record(material)))
    names = {contact.id: contact.name for contact in index.contacts()}
    names |= {organisation.id: organisation.label for organisation in index.organisations()}
    return _starting([(key, names.get(key, "")) for key in sorted(keys)], incomplete)


def columns(ctx: Any, incomplete: str) -> list[str]:
    """The names of the command's columns; after a comma, the next name, what came before kept
    (`id,ti` offers `id,title`), and no name twice."""
    from talenthub_cli.render.views import column_names

    names = column_names(_COLUMNS_OF.get(ctx.info_name or "", "materials"))
    before, comma, last = incomplete.rpartition(",")
    given = set(before.split(",")) if comma else set()
    return [
        f"{before}{comma}{name}" for name in names if name.startswith(last) and name not in given
    ]
