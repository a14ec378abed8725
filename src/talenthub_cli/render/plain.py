"""The columns a listing of materials shows unless `--columns` says, and whether a listing's
columns are all plain text that the index keeps as shown, so that it is read from the index
without building the materials. Kept apart from `views` (whose columns it names) so that a
piped `list` or `search`, which needs no more, does not load the views."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection

LISTED_COLUMNS = "id,date,type,title"  # what `list` shows unless --columns says


def plain_names(columns: str | None, plain: Collection[str]) -> list[str] | None:
    """The names of the columns of a material listing that `columns` chooses (or the default),
    where each is one of `plain`, whose text a listing writes as it is stored; else None."""
    names = [name.strip() for name in (columns or LISTED_COLUMNS).split(",") if name.strip()]
    return names if names and all(name in plain for name in names) else None
