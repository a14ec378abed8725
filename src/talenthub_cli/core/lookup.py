"""Finding the one material a user means by an id, a unique id prefix or a title."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from talenthub_cli.core.errors import AmbiguousError, NotFoundError
from talenthub_cli.core.text import fold

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from talenthub_cli.core.model import Material

CANDIDATES_SHOWN = 10


class MaterialFinder(Protocol):
    def materials_by_id(self, ids: Iterable[str]) -> dict[str, Material]: ...
    def materials_titled(self, title: str, limit: int) -> list[Material]: ...
    def materials_with_id_prefix(self, prefix: str, limit: int) -> list[Material]: ...
    def names(self) -> list[str]: ...


def _ambiguous(reference: str, candidates: Sequence[Material], how: str) -> AmbiguousError:
    lines = [f"  {material.id}  {material.title}" for material in candidates[:CANDIDATES_SHOWN]]
    if len(candidates) > CANDIDATES_SHOWN:
        lines.append("  …")
    return AmbiguousError(
        f"{reference!r} {how} more than one material; say which by its id:\n" + "\n".join(lines)
    )


def find_material(reference: str, finder: MaterialFinder) -> Material:
    """The material whose id is `reference`, else whose title it is, else whose id it begins.

    Raises AmbiguousError with the candidates, or NotFoundError with the closest names."""
    exact = finder.materials_by_id([reference])
    if exact:
        return exact[reference]
    limit = CANDIDATES_SHOWN + 1
    titled = finder.materials_titled(reference, limit)
    if len(titled) == 1:
        return titled[0]
    if titled:
        raise _ambiguous(reference, titled, "is the title of")
    prefixed = finder.materials_with_id_prefix(reference.lower(), limit)
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise _ambiguous(reference, prefixed, "begins the id of")
    raise NotFoundError(f"no material {reference!r}." + _suggestion(reference, finder.names()))


def _suggestion(reference: str, names: Sequence[str]) -> str:
    folded = fold(reference)
    close = [name for name in names if folded in fold(name)][:3]
    if not close:
        import difflib

        by_fold = {fold(name): name for name in names}
        close = [by_fold[name] for name in difflib.get_close_matches(folded, by_fold, n=3)]
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(name) for name in close) + "?"
