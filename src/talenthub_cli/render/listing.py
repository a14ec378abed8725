"""A listing: records, the columns chosen of them, and the JSON object of each. Every format that
prints records (the terminal table, csv, json, jsonl, markdown) writes a listing, so `--columns`
means the same in each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from talenthub_cli.core.errors import UsageError
from talenthub_cli.core.frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

T = TypeVar("T")


@frozen
class Column(Generic[T]):
    name: str  # what --columns takes, the CSV header and the JSON key
    header: str  # the table's header
    value: Callable[[T], str]  # plain text, for lines, CSV and Markdown: EDTF dates, ids
    display: Callable[[T], str] | None = None  # the terminal table's text, where it differs
    data: Callable[[T], object] | None = None  # the JSON value, where it is not `value`
    no_wrap: bool = False  # ids and dates stay whole on a narrow terminal; text wraps instead
    spans: Callable[[T], list[tuple[int, int]]] | None = None  # parts of `shown` to highlight

    def shown(self, item: T) -> str:
        return (self.display or self.value)(item)

    def json(self, item: T) -> object:
        return (self.data or self.value)(item)


@frozen
class Listing(Generic[T]):
    # A list, or a stream read once (an export of 100,000 materials need not hold them all).
    items: Iterable[T]
    columns: Sequence[Column[T]]
    record: Callable[[T], dict[str, Any]]  # the whole JSON object of one item
    noun: str  # "materials"
    caption: str | None = None  # under the terminal table: how many, from which catalogue
    narrowed: bool = False  # the user chose the columns: JSON objects hold those alone

    def json(self, item: T) -> dict[str, Any]:
        """The item's JSON object: every field, or the chosen columns' where they were chosen."""
        if not self.narrowed:
            return self.record(item)
        return {column.name: column.json(item) for column in self.columns}


def choose_columns(
    available: Sequence[Column[T]], names: str | None, default: str
) -> list[Column[T]]:
    """The columns named in a comma-separated list such as "id,date,title"."""
    by_name = {column.name: column for column in available}
    wanted = [name.strip() for name in (names or default).split(",") if name.strip()]
    unknown = [name for name in wanted if name not in by_name]
    if unknown or not wanted:
        what = f"unknown column {unknown[0]!r}" if unknown else "no columns given"
        raise UsageError(f"{what}; the columns are: {', '.join(by_name)}")
    return [by_name[name] for name in wanted]


def joined(values: Sequence[str]) -> str:
    return "; ".join(values)
