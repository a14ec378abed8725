"""Finding the one record a user means: by an id, a title or name, or the start of an id, in any
kind of record (materials, events, contacts, organisations, the project), or in one kind where a
kind is written first (`contact:jana`) or the command is about one kind (`edit` a material)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from talenthub_cli.core.errors import AmbiguousError, NotFoundError, UsageError
from talenthub_cli.core.frozen import frozen
from talenthub_cli.core.text import fold

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from talenthub_cli.core.model import Contact, Event, Material, Organisation, Project

CANDIDATES_SHOWN = 10

# The kinds of record, as a reference names them before a colon (`org:` for short).
KINDS = ("material", "event", "contact", "organisation", "project")
_KIND_WORDS = {kind: kind for kind in KINDS} | {"org": "organisation"}


class MaterialFinder(Protocol):
    def materials_by_id(self, ids: Iterable[str]) -> dict[str, Material]: ...
    def materials_titled(self, title: str, limit: int) -> list[Material]: ...
    def materials_with_id_prefix(self, prefix: str, limit: int) -> list[Material]: ...
    def names(self) -> list[str]: ...


class RecordFinder(MaterialFinder, Protocol):
    def with_id(
        self, kind: str, record_id: str
    ) -> Sequence[Event | Contact | Organisation | Project]: ...
    def events(self) -> list[Event]: ...
    def contacts(self) -> list[Contact]: ...
    def organisations(self) -> list[Organisation]: ...
    def project(self) -> Project: ...


@frozen
class Found:
    """A record and its kind ("material", "event", "contact", "organisation", "project")."""

    kind: str
    record: Material | Event | Contact | Organisation | Project

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def name(self) -> str:
        record = self.record
        return record.title if hasattr(record, "title") else record.name


def _names(found: Found) -> list[str]:
    """The ways a record is named besides its id: a title, a name, a short name, an email."""
    record = found.record
    words = [getattr(record, key, None) for key in ("title", "name", "short_name", "short_title")]
    words.append(getattr(record, "email", None))
    return [fold(word) for word in words if word]


def _ambiguous(
    reference: str, candidates: Sequence[Found], how: str, kinds: set[str]
) -> AmbiguousError:
    single = len(kinds) == 1
    shown = [
        f"  {found.id if single else f'{found.kind}:{found.id}'}  {found.name}"
        for found in candidates[:CANDIDATES_SHOWN]
    ]
    if len(candidates) > CANDIDATES_SHOWN:
        shown.append("  …")
    what = f"{next(iter(kinds))}" if single else "record"
    say = "its id" if single else "its id, with its kind before it where ids are shared"
    return AmbiguousError(
        f"{reference!r} {how} more than one {what}; say which by {say}:\n" + "\n".join(shown)
    )


_OTHER_KINDS = ("event", "contact", "organisation", "project")


def _others_with_id(finder: RecordFinder, kinds: Sequence[str], record_id: str) -> list[Found]:
    """The records of the kinds other than materials whose id is `record_id`, in the order of
    `_others`: looked up alone, as most references are an id."""
    return [
        Found(kind, record)
        for kind in _OTHER_KINDS
        if kind in kinds
        for record in finder.with_id(kind, record_id)
    ]


def _others(finder: RecordFinder, kinds: Sequence[str]) -> list[Found]:
    """The records of the kinds other than materials, which are few: read whole."""
    found: list[Found] = []
    if "event" in kinds:
        found += [Found("event", event) for event in finder.events()]
    if "contact" in kinds:
        found += [Found("contact", contact) for contact in finder.contacts()]
    if "organisation" in kinds:
        found += [Found("organisation", org) for org in finder.organisations()]
    if "project" in kinds:
        found.append(Found("project", finder.project()))
    return found


def kind_named(reference: str, kinds: Sequence[str] = KINDS) -> tuple[Sequence[str], str]:
    """The kinds a reference looks in and the reference without its kind: `contact:jana` looks
    among contacts alone (where `kinds` has them), `jana` in every one of `kinds`."""
    kind, colon, rest = reference.partition(":")
    if colon and fold(kind) in _KIND_WORDS and rest[:1].strip():  # "contact:jana", not "Re: x"
        named = _KIND_WORDS[fold(kind)]
        if named not in kinds:
            raise UsageError(f"{named}s are not among the records this command takes")
        return (named,), rest
    return kinds, reference


def find_record(reference: str, finder: RecordFinder, kinds: Sequence[str] = KINDS) -> Found:
    """The record whose id is `reference`, else whose title or name it is, else whose id it
    begins; `kind:reference` looks in that kind alone. Raises AmbiguousError with the
    candidates, or NotFoundError with the closest names."""
    kinds, reference = kind_named(reference, kinds)
    limit = CANDIDATES_SHOWN + 1
    wanted = set(kinds)
    exact = [Found("material", m) for m in finder.materials_by_id([reference]).values()]
    exact = [f for f in exact if "material" in wanted]
    exact += _others_with_id(finder, kinds, reference)
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise _ambiguous(reference, exact, "is the id of", {f.kind for f in exact})
    others = _others(finder, kinds)
    folded = fold(reference)
    titled = [Found("material", m) for m in finder.materials_titled(reference, limit)]
    titled = [f for f in titled if "material" in wanted]
    titled += [found for found in others if folded in _names(found)]
    if len(titled) == 1:
        return titled[0]
    if titled:
        raise _ambiguous(reference, titled, "is the title of", {f.kind for f in titled})
    prefix = reference.lower()
    prefixed = [Found("material", m) for m in finder.materials_with_id_prefix(prefix, limit)]
    prefixed = [f for f in prefixed if "material" in wanted]
    prefixed += [found for found in others if found.id.startswith(prefix)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise _ambiguous(reference, prefixed, "begins the id of", {f.kind for f in prefixed})
    what = kinds[0] if len(kinds) == 1 else "record"
    names = (finder.names() if "material" in wanted else []) + [
        name for found in others for name in (found.id, found.name)
    ]
    raise NotFoundError(f"no {what} {reference!r}." + _suggestion(reference, names))


def find_material(reference: str, finder: RecordFinder) -> Material:
    """The material a user means: as `find_record`, among the materials alone."""
    found = find_record(reference, finder, ("material",))
    assert found.kind == "material"
    return found.record  # type: ignore[return-value]


def _suggestion(reference: str, names: Sequence[str]) -> str:
    folded = fold(reference)
    close = list(dict.fromkeys(name for name in names if folded in fold(name)))[:3]
    if not close:
        import difflib

        by_fold = {fold(name): name for name in names}
        close = [by_fold[name] for name in difflib.get_close_matches(folded, by_fold, n=3)]
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(name) for name in close) + "?"
