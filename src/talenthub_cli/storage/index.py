"""The index: a SQLite copy of a catalogue, derived from it and never the source of truth.

Reading a large TOML file is slow (tomllib is pure Python), so each catalogue is read once and
kept as a SQLite database in the user cache dir, named after the catalogue's path and stamped with
the file's size, mtime and inode and with talenthub's version. A run whose stamp matches answers
from the index alone. A missing, stale or corrupt index is rebuilt; one that cannot be written
(a read-only cache dir) is built in memory. None of this is ever an error the user sees.

Every listing goes through the index, whatever the catalogue's size, so a small catalogue and a
large one are answered by the same code. Materials are rows with the columns that filters,
sorting and the default listing need, plus their record as JSON. A material's keys for each
filter of `core.query.FACETS` (its type, folded topics, contacts, organisations, languages,
availability) are kept in one column a filter, `<facet>_keys`, as `\x1f`-delimited keys that a
filter finds with `instr()`: a scan of 100,000 rows in SQLite costs milliseconds, where a table
of terms with an index of its own took seconds to build on every change of the catalogue.

A build writes only what every command needs. The rest is a *part*, built from the index's own
rows the first time a command asks for it and kept (the table `parts` names those built): the
full-text index, which `search` needs and a listing does not, each material's line of a
default CSV export (`lines`), which only `export` reads, the lines of the whole listing in
its own order (`plain_lines`), which a piped `list` of every material reads, each material's
type and days in a narrow table (`_SIFTED`), which a search for words with a type or a date
reads, and each dated material's days in the listing's order (`_SPANS`), which a piped listing
of a period reads.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sqlite3
import sys
import time
import zlib
from contextlib import closing
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from talenthub_cli import __version__
from talenthub_cli.core.errors import CatalogueError
from talenthub_cli.core.query import (
    FACETS,
    FACETS_BY_NAME,
    Facet,
    ListQuery,
    MaterialFilter,
    Names,
    ResolvedFilter,
    SortKey,
    resolve_filter,
)
from talenthub_cli.core.text import fold
from talenthub_cli.storage.bulk import collector_paused

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
    from pathlib import Path

    from talenthub_cli.core.model import Contact, Event, Material, Organisation, Project
    from talenthub_cli.core.progress import Progress
    from talenthub_cli.core.search import Node, Phrase, Word
    from talenthub_cli.core.validate import CheckedCatalogue

# Raise the number when the tables change, so that older indexes are rebuilt; the facets'
# columns are part of the stamp, so that adding a filter rebuilds them too.
INDEX_FORMAT = "10:" + ",".join(facet.name for facet in FACETS)

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (kind TEXT NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL,
                      PRIMARY KEY (kind, position));
CREATE TABLE materials (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    title_key TEXT NOT NULL,
    first_day INTEGER,
    last_day INTEGER,
    precision INTEGER,
    date_text TEXT,
    {"".join(f"{facet.column} TEXT NOT NULL, " for facet in FACETS)}
    record TEXT NOT NULL
);
CREATE TABLE parts (name TEXT PRIMARY KEY);
"""
_TEXT_SCHEMA = """
CREATE VIRTUAL TABLE material_text USING fts5(
    title, topics, summary, other, tokenize = "unicode61 remove_diacritics 0 tokenchars '~'"
);
CREATE VIRTUAL TABLE material_words USING fts5vocab(material_text, 'row');
CREATE TABLE words (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_COLUMNS = 10 + len(FACETS)

# A listing's columns that the index holds as the plain text that a listing shows: a listing of
# these alone is read straight from them, without reading any material's record.
PLAIN_COLUMNS: dict[str, str] = {
    "id": "id",
    "date": "COALESCE(date_text, '')",
    "type": "type",
    "title": "title",
}
_TEXT = "text"  # the part that is the full-text index
# The part that holds, a narrow row a material, the columns that filters on dates and types
# read: a search for words probes it for each material they match, where a row of `materials`
# (its record too) is a page of the file to read a few materials.
_SIFTED = "sifted"
# The part that holds the days of each dated material, by its place in the listing's own order,
# in a narrow row: what a listing of every material of a period reads, in that order, with the
# lines of the whole listing kept in it (`_listing`).
_SPANS = "spans"
# Words (or phrases) that this many materials hold have their best RANKED_KEPT matches kept in
# the order of a search for them, and every match's score beside (`CatalogueIndex._ranked`),
# for at most RANKED_MOST words (the oldest made dropped for a new one); a server makes those of
# the words most materials hold, half as many, before it answers (`rank_common_words`).
RANKED_FROM = 2000
RANKED_KEPT = 2000
RANKED_MOST = 256
RANKED_LONGEST = 200  # characters of the FTS5 query of the words
RANKED_AGAIN = 2.0  # seconds before a ranking that could not be made is tried again
_SEPARATOR = "\x1f"  # the validator keeps it out of topics; ids and language codes cannot hold it


class Stamp(NamedTuple):
    """What identifies one version of a catalogue file for the index (a tuple, not a dataclass:
    `dataclasses` costs a listing's start-up 1.5 ms)."""

    path: str
    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        try:
            status = path.stat()
        except FileNotFoundError:
            raise CatalogueError(f"{path}: no such file") from None
        except OSError as error:
            raise CatalogueError(f"{path}: cannot read it: {error.strerror}") from None
        return cls(str(path), status.st_size, status.st_mtime_ns, status.st_ino)

    def meta(self) -> dict[str, str]:
        return {
            "path": self.path,
            "size": str(self.size),
            "mtime_ns": str(self.mtime_ns),
            "inode": str(self.inode),
            "talenthub": __version__,
            "format": INDEX_FORMAT,
        }


def index_file(cache_dir: Path, catalogue: Path) -> Path:
    """Where the index of `catalogue` is kept. Two paths that share a name only take turns in
    one file: the stamp inside holds the whole path, so neither is ever answered by the other."""
    name = f"{catalogue.name}-{zlib.crc32(str(catalogue).encode()):08x}"
    return cache_dir / "index" / f"{name}.sqlite3"


def open_index(
    catalogue: Path, cache_dir: Path, progress: Progress | None = None
) -> CatalogueIndex:
    """The index of the catalogue at `catalogue`, from the cache if it is current; `progress` is
    told of each step of a build."""
    shown = str(catalogue)  # messages name the file as the user did
    catalogue = catalogue.resolve()
    stamp = Stamp.of(catalogue)
    location = index_file(cache_dir, catalogue)
    connection = _open_current(location, stamp)
    if connection is None:
        connection, kept = _read_and_build(catalogue, shown, stamp, location, progress)
        return CatalogueIndex(connection, location if kept else None)
    return CatalogueIndex(connection, location)


def _read_and_build(
    catalogue: Path, shown: str, stamp: Stamp, location: Path, progress: Progress | None
) -> tuple[sqlite3.Connection, bool]:
    """Read and check the catalogue, and build its index (`_build`)."""
    from talenthub_cli.storage.loader import load_checked

    # The collector stays paused until the records are let go: its first pass once it runs
    # again goes over every object made while it was paused that is still there (the records,
    # 0.5 s for 100,000 materials, had it run again between reading them and building).
    with collector_paused():
        # Read after the stamp was taken: if the file changes meanwhile, the next run rebuilds.
        checked = load_checked(catalogue, shown, progress)
        if progress is not None:
            progress("Building the index")
        built = _build(checked, stamp, location)
        del checked
    return built


def _open_current(location: Path, stamp: Stamp) -> sqlite3.Connection | None:
    if not location.is_file():
        return None
    connection = None
    try:
        connection = _read_only(location)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta == stamp.meta():
            return connection
    except sqlite3.Error:
        pass  # not a database, or not ours: rebuilt below
    if connection is not None:
        connection.close()
    return None


def _read_only(location: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{location.as_uri()}?mode=ro", uri=True)


def _build(
    catalogue: CheckedCatalogue, stamp: Stamp, location: Path
) -> tuple[sqlite3.Connection, bool]:
    """Write the index to a temporary file and rename it into place, so that a reader never sees
    half an index; where the cache dir cannot be written, keep the index in memory. Whether it
    was kept in the file, too."""
    temporary = location.with_name(f"{location.stem}.{os.getpid()}.tmp")
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        _sweep(location)
        connection = sqlite3.connect(temporary)
        try:
            with collector_paused():
                _fill(connection, catalogue, stamp)
        finally:
            connection.close()
        # A journal left by a change of the index cut short belongs to the file replaced here.
        _journal(location).unlink(missing_ok=True)
        temporary.replace(location)
        return _read_only(location), True
    except (OSError, sqlite3.Error):
        connection = sqlite3.connect(":memory:")
        _fill(connection, catalogue, stamp)
        return connection, False
    finally:  # after an error or an interrupt (Ctrl-C) too: no half-written index is left
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


STALE_SECONDS = 600


def _sweep(location: Path) -> None:
    """Remove this index's temporary files that a killed process left behind (a build under way
    in another process is younger than STALE_SECONDS and is left alone)."""
    import glob

    now = time.time()
    for leftover in location.parent.glob(f"{glob.escape(location.stem)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()


# Records are kept as compact JSON, letters beyond ASCII as they are. A build writes every
# record with `_bulk_dumps` (orjson: the same text at a fifth of the time, which tests hold it
# to); a change of one record and the lookups of an id in the records' text use `_dumps`, which
# imports nothing.
def _dumps(value: object) -> str:
    return _encoder()(value)


@functools.cache
def _encoder() -> Callable[[object], str]:
    """`_dumps`'s encoder, made by the first write (`json` costs a listing 2.5 ms to import)."""
    from json import JSONEncoder

    return JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _bulk_dumps() -> Callable[[object], str]:
    """`_dumps`, fast, for a build: orjson, imported by a build alone (`_dumps` where orjson
    has no wheel for the platform)."""
    try:
        import orjson
    except ImportError:
        return _encoder()
    dumps = orjson.dumps
    return lambda value: dumps(value).decode()


def _keys(values: Iterable[str]) -> str:
    """Values as one string in which `instr(keys, _key(value))` finds each of them."""
    return _SEPARATOR + _SEPARATOR.join(values) + _SEPARATOR if values else ""


def _key(value: str) -> str:
    return _SEPARATOR + value + _SEPARATOR


def _material_row(position: int, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """A checked material record as a row; the record is kept as read, with only its fields."""
    return _Rows(_dumps).row(position, record)


class _Rows:
    """Materials' rows, made one after another: what many materials share (a date, a list of
    topics or languages, a type) is worked out once, for the first material that has it.
    `dumps` writes a record's JSON (`_dumps`, or `_bulk_dumps()` for many)."""

    def __init__(self, dumps: Callable[[object], str]) -> None:
        self._dumps = dumps
        self._dates: dict[str, tuple[int, int, int]] = {}
        # For each facet, the keys (as the column holds them) of each value of its field: the
        # facet's keys are read from a record holding that field alone, so they are the same
        # for every material with that value.
        self._keys = [(facet.field, facet.keys, dict[object, str]()) for facet in FACETS]

    def row(self, position: int, record: Mapping[str, Any]) -> tuple[Any, ...]:
        text = record.get("date")
        if text is None:
            first = last = precision = None
        else:
            dated = self._dates.get(text)
            if dated is None:
                dated = self._dates[text] = _days(text)
            first, last, precision = dated
        keys = []
        for field, facet_keys, known in self._keys:
            value = record.get(field)
            held = tuple(value) if type(value) is list else value
            found = known.get(held)
            if found is None:
                alone = {} if value is None else {field: value}
                found = known[held] = _keys(sorted(set(facet_keys(alone))))
            keys.append(found)
        title = record["title"]
        return (
            position,
            record["id"],
            title,
            record["type"],
            fold(title),
            first,
            last,
            precision,
            text,
            *keys,
            self._dumps(record),
        )


def _days(text: str) -> tuple[int, int, int]:
    """A date's first and last days (the ends of time where it is open) and its precision."""
    from talenthub_cli.core.dates import MAX_DAY, MIN_DAY, parse

    date = parse(text)
    return (
        MIN_DAY if date.first is None else date.first,
        MAX_DAY if date.last is None else date.last,
        int(date.precision),
    )


def _stored(connection: sqlite3.Connection, kind: str) -> list[dict[str, Any]]:
    rows = connection.execute(
        "SELECT record FROM records WHERE kind = ? ORDER BY position", (kind,)
    ).fetchall()
    from json import loads

    return [loads(record) for (record,) in rows]


def _material_records(connection: sqlite3.Connection) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = connection.execute("SELECT position, record FROM materials ORDER BY position")
    from json import loads

    return ((position, loads(record)) for position, record in rows)


def _text_rows(connection: sqlite3.Connection) -> Iterator[tuple[int, str, str, str, str]]:
    """Each material's searchable text (see `core.search.texts`): the same folded words the
    plain reading of a query looks in."""
    contact_names = {contact["id"]: contact["name"] for contact in _stored(connection, "contacts")}
    organisation_names = {
        organisation["id"]: (organisation["name"], organisation.get("short_name"))
        for organisation in _stored(connection, "organisations")
    }
    for position, record in _material_records(connection):
        yield _text_row(position, record, contact_names, organisation_names)


def _text_row(
    position: int,
    record: Mapping[str, Any],
    contact_names: Mapping[str, str],
    organisation_names: Mapping[str, tuple[str, str | None]],
) -> tuple[int, str, str, str, str]:
    """A material's row of the full-text table."""
    # Imported here, as every other use of search: a listing does not need it.
    from talenthub_cli.core.search import texts

    found = texts(
        record["title"],
        record.get("topics", ()),
        record.get("summary"),
        record.get("notes"),
        record["type"],
        [contact_names[c] for c in record.get("contacts", ())],
        [organisation_names[o] for o in record.get("organisations", ())],
    )
    return position, found["title"], found["topics"], found["summary"], found["other"]


def _fill(connection: sqlite3.Connection, catalogue: CheckedCatalogue, stamp: Stamp) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.executescript(_SCHEMA)
    dumps = _bulk_dumps()
    with connection:
        records: list[tuple[str, int, str]] = [("project", 0, dumps(catalogue.project))]
        for kind, rows in (
            ("organisations", catalogue.organisations),
            ("contacts", catalogue.contacts),
            ("events", catalogue.events),
        ):
            records.extend((kind, position, dumps(row)) for position, row in enumerate(rows))
        connection.executemany("INSERT INTO records VALUES (?, ?, ?)", records)
        connection.executemany(
            f"INSERT INTO materials VALUES ({_placeholders(_COLUMNS)})",
            map(_Rows(dumps).row, itertools.count(), catalogue.materials),
        )
        # The listing's own order, newest first, with the columns it shows: a whole listing is
        # read in order from this index alone (a third of the time of sorting the table).
        plain = ", ".join(name for name in PLAIN_COLUMNS if name != "date")
        connection.execute(f"CREATE INDEX newest ON materials ({_order(ListQuery())}, {plain})")
        # Written last: an index without its stamp is never taken for a current one.
        connection.executemany("INSERT INTO meta VALUES (?, ?)", stamp.meta().items())


def _fill_text(connection: sqlite3.Connection) -> None:
    """The full-text index of the materials, from their rows."""
    # One statement at a time: `executescript` would commit the part's transaction first.
    for statement in _TEXT_SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    # Read whole first: a cursor still reading the table would hold it while it is written.
    rows = list(_text_rows(connection))
    connection.executemany(
        "INSERT INTO material_text (rowid, title, topics, summary, other) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    # Every word once, in order: what a misspelt word is looked up in (fts5vocab reads the
    # whole full-text index to list them, seconds in a catalogue of millions of words).
    connection.execute("INSERT INTO words SELECT term FROM material_words")


def _fill_sifted(connection: sqlite3.Connection) -> None:
    connection.execute(
        f"CREATE TABLE {_SIFTED} (position INTEGER PRIMARY KEY, "
        "type TEXT NOT NULL, first_day INTEGER, last_day INTEGER)"
    )
    connection.execute(
        f"INSERT INTO {_SIFTED} SELECT position, type, first_day, last_day FROM materials"
    )


def _fill_spans(connection: sqlite3.Connection) -> None:
    connection.execute(
        f"CREATE TABLE {_SPANS} (rank INTEGER PRIMARY KEY, "
        "first_day INTEGER NOT NULL, last_day INTEGER NOT NULL)"
    )
    connection.execute(
        f"INSERT INTO {_SPANS} SELECT rank, first_day, last_day FROM (SELECT first_day, "
        f"last_day, row_number() OVER (ORDER BY {_order(ListQuery())}) AS rank FROM materials) "
        "WHERE first_day IS NOT NULL"
    )


def _has_part(connection: sqlite3.Connection, name: str) -> bool:
    sql = "SELECT 1 FROM parts WHERE name = ?"
    return connection.execute(sql, (name,)).fetchone() is not None


def _drop_part(connection: sqlite3.Connection, name: str) -> None:
    """Drop the part `name`: its table, and the scores a ranking keeps beside (`_every_score`)."""
    connection.execute(f'DROP TABLE IF EXISTS "{name}"')
    connection.execute(f'DROP TABLE IF EXISTS "{_every_score(name)}"')
    connection.execute("DELETE FROM parts WHERE name = ?", (name,))


def _every_score(ranking: str) -> str:
    """The table beside the ranking `ranking` that holds the score of every match, packed
    (`_packed`): what a page of words together adds up (`CatalogueIndex._combined`)."""
    return ranking + ":scores"


def _packed(rows: Sequence[tuple[int, float]]) -> tuple[bytes, bytes]:
    """Positions and scores as two arrays of bytes (8-byte integers and doubles, little-endian):
    read back whole in a fraction of a millisecond, where as many rows take milliseconds."""
    from array import array

    positions, scores = array("q", map(itemgetter(0), rows)), array("d", map(itemgetter(1), rows))
    if sys.byteorder == "big":
        positions.byteswap()
        scores.byteswap()
    return positions.tobytes(), scores.tobytes()


def _dropped(error: sqlite3.OperationalError) -> bool:
    """Whether `error` says that a table read is not there: a part that a write in another run
    dropped between the check that it was there and the read."""
    return str(error).startswith("no such table")


def _ranking(match: str) -> str:
    """The name of the part that keeps the ranking of the matches of the FTS5 query `match`: a
    name of its own, which SQL can quote."""
    return "ranked_" + match.encode().hex()


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


def _overlap(first: int | None, last: int | None) -> tuple[str, list[object]]:
    """A dated material whose days overlap first..last (None: unbounded), as `Edtf.overlaps`."""
    clauses, bounds = ["first_day IS NOT NULL"], list[object]()
    if first is not None:
        clauses.append("last_day >= ?")
        bounds.append(first)
    if last is not None:
        clauses.append("first_day <= ?")
        bounds.append(last)
    return "(" + " AND ".join(clauses) + ")", bounds


def _has(column: str, keys: frozenset[str]) -> tuple[str, list[object]]:
    """A row whose keys in `column` hold one of `keys`."""
    ordered = sorted(keys)
    sql = "(" + " OR ".join(f"instr({column}, ?) > 0" for _ in ordered) + ")"
    return sql, [_key(key) for key in ordered]


# The facets whose one key is the whole text of a column of the materials (a material has one
# type): a filter on one compares that column, which the listing's own index holds.
_KEY_COLUMNS = {"type": "type"}


def _facet_clause(facet: Facet, keys: frozenset[str]) -> tuple[str, list[object]]:
    """A row whose keys of `facet` hold one of `keys`, as a filter (`--type`) or a query
    (`type:`) asks: where the key is a column's whole text, that column compared."""
    if facet.name in _KEY_COLUMNS:
        ordered = sorted(keys)
        return f"{_KEY_COLUMNS[facet.name]} IN ({_placeholders(len(ordered))})", list(ordered)
    return _has(facet.column, keys)


def _where(resolved: ResolvedFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    parameters: list[object] = []
    if resolved.dated:
        clause, bounds = _overlap(resolved.first, resolved.last)
        clauses.append(clause)
        parameters.extend(bounds)
    for facet, keys in resolved.keys:
        clause, values = _facet_clause(facet, keys)
        clauses.append(clause)
        parameters.extend(values)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def _table(where: str) -> str:
    """The materials as a query with `where` reads them: a filtered listing not through the
    index in the listing's order, which SQLite would walk to spare itself a sort, looking up
    every row in turn (four times as long as a scan and a sort of those that pass)."""
    return "materials NOT INDEXED" if where else "materials"


def _unfiltered(resolved: ResolvedFilter) -> bool:
    """Whether the filter lets every material through."""
    return not resolved.keys and not resolved.dated


def _listed(names: Sequence[str] | None, separator: str | None) -> bool:
    """Whether the lines of `names` joined by `separator` are those that the whole listing
    kept in its own order holds (`CatalogueIndex._listing`)."""
    return (
        names is not None
        and list(names) == list(PLAIN_COLUMNS)
        and separator is not None
        and len(separator) == 1
    )


def _key_columns_only(resolved: ResolvedFilter) -> bool:
    """Whether the filter reads only columns that the index in the listing's order holds."""
    return all(facet.name in _KEY_COLUMNS for facet, _ in resolved.keys)


def _plain_table(resolved: ResolvedFilter, query: ListQuery) -> str:
    """The materials as a listing of `PLAIN_COLUMNS` in `query`'s order reads them: where the
    filter reads only the columns that the index in the listing's own order holds (dates, a
    type), that index alone, walked in order (a third of the time of a scan of the table and a
    sort); else as `_table` says."""
    if query.sort is SortKey.DATE and _key_columns_only(resolved):
        return "materials"
    return _table(_where(resolved)[0])


# A material that the full-text query given as a parameter finds.
_MATCHING = "position IN (SELECT rowid FROM material_text WHERE material_text MATCH ?)"


def _scored() -> str:
    """The materials that the FTS5 query given as a parameter finds, as `position`, each with
    its `score`: FTS5's bm25(), each field weighted as `core.search.WEIGHTS` says."""
    from talenthub_cli.core.search import WEIGHTS

    weights = ", ".join(str(WEIGHTS[field]) for field in WEIGHTS)
    return (
        f"SELECT rowid AS position, bm25(material_text, {weights}) AS score "
        "FROM material_text WHERE material_text MATCH ?"
    )


def _every_match(connection: sqlite3.Connection, match: str) -> list[tuple[int, float]]:
    """Each material that the FTS5 query `match` finds, by position, with its score as a search
    for that query alone scores it."""
    sql = f"SELECT position, score FROM ({_scored()}) ORDER BY position"
    return connection.execute(sql, (match,)).fetchall()


def _by_relevance(score: str | None, reverse: bool = False) -> str:
    """ORDER BY of a search by relevance: the `score` (FTS5's bm25(): less is better), ties
    newest first as a listing by date (and where nothing scores, that order alone)."""
    newest = _order(ListQuery(sort=SortKey.DATE, reverse=reverse))
    return newest if score is None else f"{score} {'DESC' if reverse else 'ASC'}, {newest}"


def _common_words(connection: sqlite3.Connection) -> list[str]:
    """The FTS5 queries of the words that most materials hold, as `rank_common_words` ranks
    them ahead: of those that RANKED_FROM hold, the most held first, RANKED_MOST // 2."""
    from talenthub_cli.core.search import Word

    sql = "SELECT term FROM material_words WHERE doc >= ? ORDER BY doc DESC, term"
    # Read whole: a statement still reading would keep the rankings from being written.
    held = connection.execute(sql, (RANKED_FROM,)).fetchall()
    # Not `~` alone (it joins a list's items in the full text): no query can ask for it.
    words = [term for (term,) in held if any(map(str.isalnum, term))]
    return [_match(Word(term)) for term in words[: RANKED_MOST // 2]]


@functools.cache
def _numpy_installed() -> bool:
    """Whether numpy can be imported (the web extra), without importing it (a tenth of a
    second, where a search of a small catalogue needs none of it)."""
    from importlib.util import find_spec

    return find_spec("numpy") is not None


def _in_order(
    connection: sqlite3.Connection,
    scored: Sequence[tuple[int, float]],
    chosen: str,
    joins: Sequence[object],
    limit: int,
    skip: int,
    reverse: bool = False,
) -> list[tuple[Any, ...]] | None:
    """The `chosen` columns (with `joins`, their parameters) of the materials at the positions
    of `scored`, each with its score, in a search's order (`_by_relevance`), the first `skip`
    left out, `limit` at most. None where they take more values than a statement does."""
    if not scored:
        return []
    sql = (
        f"WITH found (position, score) AS (VALUES {', '.join(['(?, ?)'] * len(scored))}) "
        f"SELECT {chosen}, score FROM found JOIN materials USING (position) "
        f"ORDER BY {_by_relevance('score', reverse)} LIMIT ? OFFSET ?"
    )
    # The VALUES' parameters come first in the statement, then those of what it selects.
    parameters = [*(value for pair in scored for value in pair), *joins, limit, skip]
    if len(parameters) > connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER):
        return None
    return connection.execute(sql, parameters).fetchall()


def _best_scored(
    np: Any,
    tree: Node,
    terms: Sequence[Word | Phrase],
    packed: Mapping[str, tuple[bytes, bytes]],
    wanted: int,
) -> list[tuple[int, float]]:
    """The materials that `tree` of words finds, each with its score, of the `wanted` best (and
    those that tie with the last of them), from each word's score of every match (`packed`, by
    its FTS5 query), added up with numpy (`np`) in the query's order, as FTS5 adds them up."""
    from talenthub_cli.core.search import AllOf, AnyOf, Phrase, Word

    arrays = {
        match: (np.frombuffer(positions, "<i8"), np.frombuffer(scores, "<f8"))
        for match, (positions, scores) in packed.items()
    }
    size = 1 + max((int(positions.max()) for positions, _ in arrays.values() if positions.size),
                   default=-1)  # fmt: skip

    def matched(node: Node) -> Any:  # numpy's array of whether each material matches
        if isinstance(node, Word | Phrase):
            holds = np.zeros(size, dtype=bool)
            holds[arrays[_match(node)][0]] = True
            return holds
        assert isinstance(node, AllOf | AnyOf)
        parts = [matched(part) for part in node.parts]
        either = np.logical_and if isinstance(node, AllOf) else np.logical_or
        return either.reduce(parts)

    total = np.zeros(size)
    for term in terms:
        positions, scores = arrays[_match(term)]
        total[positions] += scores
    found_at = np.flatnonzero(matched(tree))
    if not found_at.size:
        return []
    totals = total[found_at]
    wanted = min(wanted, totals.size)
    best = totals <= np.partition(totals, wanted - 1)[wanted - 1]
    return list(zip(found_at[best].tolist(), totals[best].tolist(), strict=True))


def _chosen(names: Sequence[str] | None, separator: str | None) -> tuple[str, list[object]]:
    """What a search selects of each material (the `names` columns of `PLAIN_COLUMNS`, or None:
    its record; joined by `separator` into one where it is given), and its parameters."""
    if names is None:
        return "record", []
    if separator is None:
        return ", ".join(PLAIN_COLUMNS[name] for name in names), []
    return " || ? || ".join(PLAIN_COLUMNS[name] for name in names), [separator] * (len(names) - 1)


def _match(term: Word | Phrase) -> str:
    """The FTS5 query of a word (as a prefix) or a phrase; its words are letters and digits."""
    from talenthub_cli.core.search import Word

    text = f'"{term.text}"*' if isinstance(term, Word) else '"' + " ".join(term.words) + '"'
    return f"{term.field} : {text}" if term.field else text


def _predicate(node: Node) -> tuple[str, list[object]]:
    """The SQL condition on a row of `materials` for a node of a query's tree (the plain reading
    of the same rules, which the tests hold this to, is `tests/oracle.matches`)."""
    from talenthub_cli.core.search import (
        AllOf,
        AnyOf,
        DateIn,
        Has,
        IdStarts,
        Not,
        Phrase,
        Word,
    )

    if isinstance(node, Word | Phrase):
        return _MATCHING, [_match(node)]
    if isinstance(node, DateIn):
        return _overlap(node.first, node.last)
    if isinstance(node, Has):
        return _facet_clause(FACETS_BY_NAME[node.facet], node.keys)
    if isinstance(node, IdStarts):
        return "(id >= ? AND id < ?)", [node.prefix, node.prefix + "\U0010ffff"]
    if isinstance(node, Not):
        sql, inner = _predicate(node.part)
        return f"NOT {sql}", inner
    joiner = " AND " if isinstance(node, AllOf) else " OR "
    assert isinstance(node, AllOf | AnyOf)
    parts = [_predicate(part) for part in node.parts]
    return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]


def _words(node: Node, *, excluding: bool = True) -> str | None:
    """The FTS5 query that finds exactly the materials `node` finds, and scores them as the
    words it looks for do (FTS5 counts a word only in a part of the query that matches), where
    words alone decide that: words and phrases joined by AND and OR, `-` beside a word looked
    for, and no AND or `-` inside an OR (in `a OR (b c)`, `b` would not count in a material
    that holds `a` and `b` but not `c`). Else None. Not `excluding`: the query of the words
    looked for alone, which finds more where `node` excludes some, with the same scores."""
    from talenthub_cli.core.search import AllOf, AnyOf, Not, Phrase, Word

    if isinstance(node, Word | Phrase):
        return _match(node)
    if isinstance(node, AnyOf):
        if not all(isinstance(part, Word | Phrase | AnyOf) for part in node.parts):
            return None
        either = [_words(part, excluding=excluding) for part in node.parts]
        return None if None in either else "(" + " OR ".join(map(str, either)) + ")"
    if not isinstance(node, AllOf):
        return None  # a `-` alone has nothing to be taken from: FTS5 cannot say it
    wanted = [_words(p, excluding=excluding) for p in node.parts if not isinstance(p, Not)]
    unwanted = [_words(p.part) for p in node.parts if isinstance(p, Not) and excluding]
    if not wanted or None in wanted or None in unwanted:
        return None
    found = "(" + " AND ".join(map(str, wanted)) + ")"
    for excluded in unwanted:
        found = f"({found} NOT {excluded})"
    return found


def _words_and_rest(tree: Node) -> tuple[Node | None, Node | None]:
    """A query's tree as the part of its words and the rest of its conditions (None where
    there is no rest), where the words alone can be found by FTS5 (`_words`) and the rest holds
    no word looked for (which would score); else (None, the whole tree)."""
    from talenthub_cli.core.search import AllOf, Not, positive_text

    if _words(tree) is not None:
        return tree, None
    if not isinstance(tree, AllOf):
        return None, tree
    text: list[Node] = []
    rest: list[Node] = []
    for part in tree.parts:
        inner = part.part if isinstance(part, Not) else part
        (text if _words(inner) is not None else rest).append(part)
    found = AllOf(tuple(text))
    if not text or _words(found) is None or any(positive_text(part) for part in rest):
        return None, tree
    return found, rest[0] if len(rest) == 1 else AllOf(tuple(rest))


def _indexed(node: Node | None, *, ids: bool = True) -> bool:
    """Whether the condition of `node` reads only columns that the index in the listing's own
    order holds (dates, a type, ids, the words' positions), so that walking it needs no row;
    not `ids`: only those that `_SIFTED` holds (dates, a type, positions)."""
    from talenthub_cli.core.search import AllOf, AnyOf, Has, IdStarts, Not

    if isinstance(node, Has):
        return node.facet in _KEY_COLUMNS  # the other facets' keys are in the table alone
    if isinstance(node, IdStarts):
        return ids
    if isinstance(node, Not):
        return _indexed(node.part, ids=ids)
    if isinstance(node, AllOf | AnyOf):
        return all(_indexed(part, ids=ids) for part in node.parts)
    return True


def _order(query: ListQuery) -> str:
    """ORDER BY of a listing: by date, first day, then precision (coarse first), then last day,
    undated last; by title, folded; by type, then title. Ties in catalogue order."""
    direction = "DESC" if query.descending else "ASC"
    keys: tuple[str, ...]
    if query.sort is SortKey.DATE:
        keys = ("first_day", "precision", "last_day", "date_text")
        leading = "first_day IS NULL, "
    else:
        # A material has one type: its key column sorts as the type itself.
        keys = ("title_key",) if query.sort is SortKey.TITLE else ("type_keys", "title_key")
        leading = ""
    return leading + ", ".join(f"{key} {direction}" for key in keys) + ", position"


class CatalogueIndex:
    """Answers for one catalogue, from its index."""

    def __init__(self, connection: sqlite3.Connection, location: Path | None = None) -> None:
        self._connection = connection
        self._location = location  # the file, where it is kept in one; else in memory
        # Read once a run: filters, search and display all ask for them.
        self._contacts: list[Contact] | None = None
        # Rankings not kept (`_ranked`): of words that few materials hold, and when each of
        # the others was last tried and could not be made.
        self._few: set[str] = set()
        self._unmade: dict[str, float] = {}
        self._organisations: list[Organisation] | None = None

    def _part(
        self,
        name: str,
        fill: Callable[[sqlite3.Connection], None],
        *,
        in_memory: bool = True,
        wait: float = 0,
    ) -> bool:
        """Build the part `name` with `fill`, unless it is built: in the index's file, under
        its write lock, so that two runs that want it at once build it once; where the file
        cannot be written, in a copy of the index in memory, or (not `in_memory`: a part that
        only spares time) not at all, nor while another run writes the index; its writing waits
        `wait` seconds at most for others' reads to end. Whether the part is there."""
        if _has_part(self._connection, name):
            return True
        if self._location is None and not in_memory:
            return False  # made anew by every run: it would cost more than it spares
        if self._location is not None:
            # The file's errors alone (locked, read-only, full): `fill`'s own go to the caller.
            with contextlib.suppress(sqlite3.Error):
                uri = f"{self._location.as_uri()}?mode=rw"
                # No transaction of its own: BEGIN IMMEDIATE takes the write lock at once (a
                # part that only spares time does not wait for another run's).
                timeout = 60 if in_memory else 0
                with closing(
                    sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
                ) as writer:
                    writer.execute("BEGIN IMMEDIATE")
                    if wait:
                        writer.execute(f"PRAGMA busy_timeout = {round(wait * 1000)}")
                    if not _has_part(writer, name):
                        with collector_paused():
                            fill(writer)
                        writer.execute("INSERT INTO parts VALUES (?)", (name,))
                    writer.execute("COMMIT")  # a build cut short is rolled back as it closes
            if _has_part(self._connection, name):
                return True
            if not in_memory:
                return False
            # The file could not be written, or was replaced by a newer build meanwhile.
            memory = sqlite3.connect(":memory:")
            self._connection.backup(memory)
            self._connection.close()
            self._connection, self._location = memory, None
        with self._connection, collector_paused():
            fill(self._connection)
            self._connection.execute("INSERT INTO parts VALUES (?)", (name,))
        return True

    @property
    def kept(self) -> bool:
        """Whether the index is kept in its file (else in memory: its cache cannot be written,
        and what it builds is lost with it)."""
        return self._location is not None

    def make_searchable(self, progress: Progress | None = None) -> None:
        """Build the full-text part now where it is not built (by the first search of a
        catalogue: seconds at 100,000 materials), telling `progress` of it."""
        if not _has_part(self._connection, _TEXT):
            if progress is not None:
                progress("Building the full-text index")
            self._part(_TEXT, _fill_text)

    def rank_common_words(self, progress: Progress | None = None) -> None:
        """Make the rankings (`_ranked`) of the words that most materials hold, where they are
        not made: of those that RANKED_FROM hold, the most held first, for half of the
        RANKED_MOST kept (the rest for words asked for). What a server does before it answers,
        so that no page waits for their scoring (seconds in all at 100,000 materials). Nothing
        where the index is held in memory (its cache cannot be written): it would be lost."""
        if not self.kept:
            return
        self.make_searchable(progress)
        common = _common_words(self._connection)
        for done, match in enumerate(common):
            if not _has_part(self._connection, _ranking(match)):
                if progress is not None:
                    progress(f"Ranking the words most materials hold ({done} of {len(common)})")
                self._ranked(match)

    def _records(self, kind: str) -> Iterator[dict[str, Any]]:
        rows = self._connection.execute(
            "SELECT record FROM records WHERE kind = ? ORDER BY position", (kind,)
        )
        from json import loads

        return (loads(record) for (record,) in rows)

    def project(self) -> Project:
        from talenthub_cli.core.records import project_from_record

        return project_from_record(next(self._records("project")))

    def organisations(self) -> list[Organisation]:
        from talenthub_cli.core.records import organisation_from_record

        if self._organisations is None:
            records = self._records("organisations")
            self._organisations = [organisation_from_record(record) for record in records]
        return self._organisations

    def contacts(self) -> list[Contact]:
        from talenthub_cli.core.records import contact_from_record

        if self._contacts is None:
            self._contacts = [contact_from_record(record) for record in self._records("contacts")]
        return self._contacts

    def contacts_by_id(self) -> dict[str, Contact]:
        return {contact.id: contact for contact in self.contacts()}

    def organisations_by_id(self) -> dict[str, Organisation]:
        return {organisation.id: organisation for organisation in self.organisations()}

    def events(self) -> list[Event]:
        from talenthub_cli.core.records import event_from_record

        return [event_from_record(record) for record in self._records("events")]

    def _holding(self, kind: str, text: str) -> Iterator[dict[str, Any]]:
        """The records of `kind` whose JSON holds `text`: a few, read without the rest."""
        sql = "SELECT record FROM records WHERE kind = ? AND instr(record, ?) > 0 ORDER BY position"
        from json import loads

        return (loads(record) for (record,) in self._connection.execute(sql, (kind, text)))

    def _with_ids(self, kind: str, ids: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The records of `kind` ("contacts") whose id is one of `ids`, in the order of `ids`:
        a record's JSON holds its id as `"id":"…"`, written by the same encoder."""
        for record_id in dict.fromkeys(ids):
            for record in self._holding(kind, '"id":' + _dumps(record_id)):
                if record.get("id") == record_id:
                    yield record

    def with_id(self, kind: str, record_id: str) -> list[Event | Contact | Organisation | Project]:
        """The records of `kind` (event, contact, organisation, project) whose id is
        `record_id`, read without reading the others."""
        from talenthub_cli.core import records

        builders: dict[str, Callable[[Mapping[str, Any]], Event | Contact | Organisation | Project]]
        builders = {
            "event": records.event_from_record,
            "contact": records.contact_from_record,
            "organisation": records.organisation_from_record,
            "project": records.project_from_record,
        }
        build = builders[kind]
        table = kind if kind == "project" else f"{kind}s"
        return [build(record) for record in self._with_ids(table, [record_id])]

    def contacts_named(self, ids: Iterable[str]) -> dict[str, Contact]:
        """The contacts of `ids` (those that are), read without reading the others."""
        from talenthub_cli.core.records import contact_from_record

        found = map(contact_from_record, self._with_ids("contacts", ids))
        return {contact.id: contact for contact in found}

    def organisations_named(self, ids: Iterable[str]) -> dict[str, Organisation]:
        """The organisations of `ids` (those that are), read without reading the others."""
        from talenthub_cli.core.records import organisation_from_record

        found = map(organisation_from_record, self._with_ids("organisations", ids))
        return {organisation.id: organisation for organisation in found}

    def events_naming(self, record_id: str) -> list[Event]:
        """The events whose record holds `record_id` as a value: those that may name that
        record (the caller looks in which field), read without reading the others."""
        from talenthub_cli.core.records import event_from_record

        return [event_from_record(record) for record in self._holding("events", _dumps(record_id))]

    def _materials(self, sql: str, parameters: Iterable[object] = ()) -> list[Material]:
        from talenthub_cli.core.records import material_from_record

        rows = self._connection.execute(sql, tuple(parameters))
        from json import loads

        with collector_paused():
            return [material_from_record(loads(record)) for (record,) in rows]

    def filter_names(self) -> Names:
        """The contacts and organisations that filters and queries name, read when needed."""
        return Names(self.contacts, self.organisations)

    def _resolve(self, wanted: MaterialFilter) -> ResolvedFilter:
        return resolve_filter(wanted, self.filter_names())

    def _select_sql(self, query: ListQuery, skip: int = 0) -> tuple[str, list[object]]:
        where, parameters = _where(self._resolve(query.filter))
        sql = f"SELECT record FROM {_table(where)}{where} ORDER BY {_order(query)}"
        if query.limit is not None or skip:
            sql += " LIMIT ? OFFSET ?"
            parameters += [-1 if query.limit is None else query.limit, skip]
        return sql, parameters

    def select(self, query: ListQuery, skip: int = 0) -> list[Material]:
        """The materials `query` asks for, in its order (`tests/oracle.select` reads the same
        rules over a catalogue, and the tests hold the two to each other), the first `skip`
        left out (`query.limit` counts from there): a page reads that page's records alone."""
        return self._materials(*self._select_sql(query, skip))

    def stream(self, query: ListQuery) -> Iterable[Material]:
        """What `select` returns, one material at a time, read from the index anew on each
        pass: an export of 100,000 materials need not hold them all at once."""
        from talenthub_cli.core.records import material_from_record

        sql, parameters = self._select_sql(query)
        connection = self._connection

        class Stream:
            def __iter__(self) -> Iterator[Material]:
                from json import loads

                for (record,) in connection.execute(sql, parameters):
                    yield material_from_record(loads(record))

        return Stream()

    def select_plain(self, query: ListQuery, names: Sequence[str]) -> list[tuple[str, ...]]:
        """The `names` columns (of `PLAIN_COLUMNS`) of the materials `query` asks for, in its
        order, as a listing shows them: what `select` returns, read without their records."""
        sql, parameters = self._plain_sql(query, ", ".join(PLAIN_COLUMNS[name] for name in names))
        with collector_paused():
            return self._connection.execute(sql, parameters).fetchall()

    def plain_lines(self, query: ListQuery, names: Sequence[str], separator: str) -> Iterator[str]:
        """What `select_plain` returns, each material's columns joined by `separator` into one
        line by SQLite: a fifth less time than reading the columns one by one. The whole
        listing of every material as a listing shows it first (all of `PLAIN_COLUMNS`, newest
        first) is read from its lines kept in that order, a part made the first time it is
        asked for: half the time again."""
        chosen = " || ? || ".join(PLAIN_COLUMNS[name] for name in names)
        joins = [separator] * (len(names) - 1)
        resolved = self._resolve(query.filter)
        newest = query.sort is SortKey.DATE and not query.reverse
        if newest and _listed(names, separator) and not resolved.keys:
            lines: Iterator[str] | None = None
            if not resolved.dated:
                lines = self._listed_lines(separator, query.limit)
            elif query.limit is None:
                lines = self._dated_lines(resolved.first, resolved.last, separator)
            if lines is not None:
                return lines
        sql, parameters = self._plain_sql(query, chosen, joins)
        return map(itemgetter(0), self._connection.execute(sql, parameters))

    def _listing(self, separator: str) -> str | None:
        """The part that holds the line of each material in the whole listing (all of
        `PLAIN_COLUMNS`, joined by `separator`), by its place in the listing's own order (newest
        first); None where it cannot be made now."""
        table = f"listing_{ord(separator):x}"
        chosen = " || ? || ".join(PLAIN_COLUMNS.values())
        joins = [separator] * (len(PLAIN_COLUMNS) - 1)

        def fill(connection: sqlite3.Connection) -> None:
            connection.execute(
                f"CREATE TABLE {table} (rank INTEGER PRIMARY KEY, line TEXT NOT NULL)"
            )
            order = _order(ListQuery())
            connection.execute(
                f"INSERT INTO {table} "
                f"SELECT row_number() OVER (ORDER BY {order}), {chosen} FROM materials",
                joins,
            )

        return table if self._part(table, fill, in_memory=False) else None

    def _listed_lines(self, separator: str, limit: int | None) -> Iterator[str] | None:
        """The first `limit` (None: all) lines of the whole listing, read from `_listing`;
        None where it is not kept."""
        table = self._listing(separator)
        if table is None:
            return None
        sql = f"SELECT line FROM {table} ORDER BY rank"
        if limit is None:
            return self._kept(sql, [])
        return self._kept(sql + " LIMIT ?", [limit])

    def _dated_lines(
        self, first: int | None, last: int | None, separator: str
    ) -> Iterator[str] | None:
        """The lines of the whole listing (`_listing`) of the materials dated within
        `first`..`last` (None: unbounded), in the listing's order: the days of each dated
        material in that order (`_SPANS`) read in turn, and the lines of those within, where
        a walk of the listing's index reads every material's entry (about half the time).
        None where the parts are not kept."""
        table = self._listing(separator)
        if table is None or not self._part(_SPANS, _fill_spans, in_memory=False):
            return None
        overlap, bounds = _overlap(first, last)
        sql = f"SELECT line FROM {_SPANS} JOIN {table} USING (rank) WHERE rank >= ? AND {overlap}"
        try:
            start = 1 if last is None else self._first_starting_by(last)
        except sqlite3.OperationalError as error:
            if not _dropped(error):
                raise
            return None
        return self._kept(sql + " ORDER BY rank", [start, *bounds])

    def _first_starting_by(self, day: int) -> int:
        """The first place in `_SPANS` of a material that starts on or before `day`: those
        before it start later, and cannot overlap a period that ends on `day` (the places are
        the listing's order, latest first day first), so a period's lines are read from there."""
        at = f"SELECT first_day FROM {_SPANS} WHERE rank = ?"
        low, high = 1, self._connection.execute(f"SELECT max(rank) FROM {_SPANS}").fetchone()[0]
        high = 1 if high is None else high + 1
        while low < high:  # bisect: the first days never rise from one place to the next
            middle = (low + high) // 2
            if self._connection.execute(at, (middle,)).fetchone()[0] <= day:
                high = middle
            else:
                low = middle + 1
        return low

    def _kept(self, sql: str, parameters: Sequence[object]) -> Iterator[str] | None:
        """The lines that `sql` reads from kept parts (its first column); None where a write in
        another run dropped one of them since it was made, for the caller to read them anew."""
        try:
            rows = self._connection.execute(sql, parameters)
        except sqlite3.OperationalError as error:
            if not _dropped(error):
                raise
            return None
        return map(itemgetter(0), rows)

    def _plain_sql(
        self, query: ListQuery, chosen: str, chosen_parameters: Sequence[object] = ()
    ) -> tuple[str, list[object]]:
        resolved = self._resolve(query.filter)
        where, parameters = _where(resolved)
        table = _plain_table(resolved, query)
        sql = f"SELECT {chosen} FROM {table}{where} ORDER BY {_order(query)}"
        parameters[:0] = chosen_parameters
        if query.limit is not None:
            sql += " LIMIT ?"
            parameters.append(query.limit)
        return sql, parameters

    def lines(
        self, query: ListQuery, kind: str, make: Callable[[Iterable[Material]], Iterable[str]]
    ) -> Iterable[str]:
        """A line of text for each material `query` asks for, in its order, made by `make` (one
        line a material, for every material in catalogue order) the first time `kind` is asked
        for and kept in the index from then on; read anew on each pass."""
        from talenthub_cli.core.records import material_from_record

        assert kind.isidentifier()
        table = f"lines_{kind}"

        def fill(connection: sqlite3.Connection) -> None:
            # By each material's own position (a write that removed one leaves a gap), read
            # one at a time: line i is made once material i has been read.
            positions: list[int] = []

            def materials() -> Iterator[Material]:
                for position, record in _material_records(connection):
                    positions.append(position)
                    yield material_from_record(record)

            made = [(positions[i], line) for i, line in enumerate(make(materials()))]
            # Each line with its place in the listing's own order too, by which the lines are
            # kept: an export of every material in that order reads them in turn.
            newest = _order(ListQuery())
            ranks = dict(
                connection.execute(
                    f"SELECT position, row_number() OVER (ORDER BY {newest}) FROM materials"
                )
            )
            connection.execute(
                f"CREATE TABLE {table} (rank INTEGER PRIMARY KEY, "
                "position INTEGER NOT NULL UNIQUE, line TEXT NOT NULL)"
            )
            connection.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)",
                sorted((ranks[position], position, line) for position, line in made),
            )

        self._part(table, fill)
        resolved = self._resolve(query.filter)
        connection = self._connection
        parameters: list[object]
        if query.sort is SortKey.DATE and not query.reverse and _unfiltered(resolved):
            sql, parameters = f"SELECT line FROM {table} ORDER BY rank", []
        else:
            where, parameters = _where(resolved)
            line = f"(SELECT line FROM {table} WHERE {table}.position = materials.position)"
            sql = f"SELECT {line} FROM {_table(where)}{where} ORDER BY {_order(query)}"
            # A lookup a material, in the listing's order: a third of the time with the file
            # mapped into memory than with a copy of each page read (a scan gains nothing).
            connection.execute(f"PRAGMA mmap_size = {1 << 30}")
        if query.limit is not None:
            sql += " LIMIT ?"
            parameters.append(query.limit)

        class Lines:
            def __iter__(self) -> Iterator[str]:
                for (text,) in connection.execute(sql, parameters):
                    yield text

        return Lines()

    def materials_by_id(self, ids: Iterable[str]) -> dict[str, Material]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        sql = f"SELECT record FROM materials WHERE id IN ({_placeholders(len(wanted))})"
        return {material.id: material for material in self._materials(sql, wanted)}

    def materials_with_id_prefix(self, prefix: str, limit: int) -> list[Material]:
        # id >= prefix AND id < prefix + U+10FFFF uses the unique index on id, unlike LIKE.
        sql = "SELECT record FROM materials WHERE id >= ? AND id < ? ORDER BY id LIMIT ?"
        return self._materials(sql, (prefix, prefix + "\U0010ffff", limit))

    def materials_titled(self, title: str, limit: int) -> list[Material]:
        sql = "SELECT record FROM materials WHERE title_key = ? ORDER BY position LIMIT ?"
        return self._materials(sql, (fold(title), limit))

    def _searched(
        self,
        tree: Node,
        query: ListQuery,
        by_relevance: bool,
        names: Sequence[str] | None,
        skip: int = 0,
        separator: str | None = None,
    ) -> Iterable[tuple[Any, ...]]:
        """The rows (the `names` columns of `PLAIN_COLUMNS`, or None: the record; each row's
        columns joined into one by `separator` where it is given; then the relevance as FTS5's
        bm25() gives it) of the materials that match `tree` and `query`'s filters, in the order
        `search` says, the first `skip` left out."""
        from talenthub_cli.core.search import positive_text

        self._part(_TEXT, _fill_text)
        text, _ = _words_and_rest(tree)
        paged = by_relevance and not query.reverse and query.limit is not None
        terms = [] if text is None else positive_text(text)
        if (
            paged
            and len(terms) > 1
            and text is tree  # nothing but words
            and _words(tree) == _words(tree, excluding=False)  # none excluded
            and _unfiltered(self._resolve(query.filter))
        ):
            # Words together: each word's scores added up.
            best = self._combined(tree, query, names, skip, separator, terms)
            if best is not None:
                return best
        # One word or phrase looked for (with any excluded, or filters): many queries share its
        # ranking, which a page reads in turn.
        if paged and text is not None and len(terms) == 1:
            # The word's own ranking, whatever the query around it (`a -b`, `type:x a`): the
            # same matches and scores as the words looked for, in parentheses or not.
            table = self._ranked(_match(terms[0]))
            if table is not None:
                ranked = (table, str(_words(text, excluding=False)))
                try:
                    rows = self._search(tree, query, True, names, skip, separator, ranked)
                    page = rows.fetchall()
                    # The ranking keeps the best matches alone: a page that they do not fill
                    # (a filter lets few through) may hold materials ranked below them.
                    kept = f'SELECT COALESCE(max(place), 0) FROM "{table}"'
                    if (
                        len(page) == query.limit
                        or self._connection.execute(kept).fetchone()[0] < RANKED_KEPT
                    ):
                        return page
                except sqlite3.OperationalError as error:
                    # A write in another run (a change of the catalogue, or a newer ranking
                    # made where RANKED_MOST are kept) dropped it since: scored anew below.
                    if not _dropped(error):
                        raise
        try:
            return self._search(tree, query, by_relevance, names, skip, separator, None)
        except sqlite3.OperationalError as error:
            if not _dropped(error):
                raise
            # A write in another run dropped `_SIFTED` since: each match read from the table.
            return self._search(
                tree, query, by_relevance, names, skip, separator, None, sifting=False
            )

    def _scores_of(self, term: Word | Phrase) -> tuple[bytes, bytes] | None:
        """The score of each material that `term` alone finds, as a search for it scores it,
        packed (`_packed`): from its kept ranking, made now where many materials hold it;
        scored now where few do. None where many do and its ranking cannot be made now."""
        match = _match(term)
        table = self._ranked(match)
        if table is not None:
            try:
                sql = f'SELECT positions, scores FROM "{_every_score(table)}"'
                positions, scores = self._connection.execute(sql).fetchone()
            except sqlite3.OperationalError as error:
                if not _dropped(error):  # another run dropped it meanwhile: scored in full
                    raise
                return None
            return positions, scores
        if _ranking(match) in self._few:
            return _packed(_every_match(self._connection, match))
        return None

    def _combined(
        self,
        tree: Node,
        query: ListQuery,
        names: Sequence[str] | None,
        skip: int,
        separator: str | None,
        terms: Sequence[Word | Phrase],
    ) -> list[tuple[Any, ...]] | None:
        """A page of a query of several words or phrases (`terms`) joined by AND and OR, none
        excluded and no filter, added up from each word's own scores (`_scores_of`); or None
        (scored in full then) where no word is held by many materials (scoring them in full
        is quick), a word's scores cannot be had now, numpy (the web extra) is not there, or
        the page's ties take more values than a statement of SQL does.

        FTS5's bm25() of a query of words is the sum, phrase by phrase in the query's order, of
        each phrase's part, and a phrase a material lacks adds nought: each part is the score
        of a search for that phrase alone, turned round. The sums are added in the same order,
        so they are FTS5's own to the last bit, and the materials that score at least as well
        as the page's last (ties too) are put in the query's order by SQLite, as in full. The
        rankings are made first, then every score and the page read in one transaction: one
        version of the catalogue, though another run writes it meanwhile."""
        if not _numpy_installed():
            return None  # not a ranking made to be thrown away
        made = [self._ranked(_match(term)) for term in terms]  # each made now, not while reading
        if all(table is None for table in made):
            return None  # few materials hold each word: scored in full, quickly
        import numpy as np

        reading = not self._connection.in_transaction
        if reading:
            self._connection.execute("BEGIN")
        try:
            packed: dict[str, tuple[bytes, bytes]] = {}
            for term in terms:
                if _match(term) not in packed:
                    found = self._scores_of(term)
                    if found is None:
                        return None
                    packed[_match(term)] = found
            assert query.limit is not None
            page = _best_scored(np, tree, terms, packed, skip + query.limit)
            chosen, joins = _chosen(names, separator)
            # None: more tie than a statement takes: scored in full.
            return _in_order(
                self._connection, page, chosen, joins, query.limit, skip, query.reverse
            )
        finally:
            if reading:
                self._connection.execute("COMMIT")

    def _search(
        self,
        tree: Node,
        query: ListQuery,
        by_relevance: bool,
        names: Sequence[str] | None,
        skip: int,
        separator: str | None,
        ranked: tuple[str, str] | None,
        sifting: bool = True,
    ) -> sqlite3.Cursor:
        """`_searched`'s query, which reads a kept ranking where it is given (`ranked`: its
        table, and the FTS5 query of the words looked for, whose matches it ranks), and sifts
        the matches through `_SIFTED` where `sifting` and it can."""
        from talenthub_cli.core.search import positive_text

        chosen, joins = _chosen(names, separator)
        resolved = self._resolve(query.filter)
        filtered, parameters = _where(resolved)
        terms = positive_text(tree)
        text, rest = _words_and_rest(tree)
        words = None if text is None else _words(text)
        condition, condition_parameters = _predicate(rest) if rest is not None else ("", [])
        ranking_parameters: list[object]
        if ranked is not None:
            # A page of the results of words that many materials hold: their matches, kept in
            # this order, are read in turn until the page is full.
            table = f'"{ranked[0]}" JOIN materials USING (position)'
            score, ranking_parameters = "score", []
            if words != ranked[1]:  # and words it excludes
                condition = f"{condition} AND {_MATCHING}" if condition else _MATCHING
                condition_parameters = [*condition_parameters, words]
        elif words is not None:
            # Its words alone say which materials a query finds, among those the rest lets
            # through: FTS5 finds and scores them, and only they are read from the table. The
            # score is that of the words looked for, as below: those excluded add nought to it.
            score, ranking_parameters = "score", [words]
            table = f"({_scored()})"
            if (
                (filtered or condition)
                and _key_columns_only(resolved)
                and _indexed(rest, ids=False)
                and sifting
                and self._part(_SIFTED, _fill_sifted, in_memory=False)
            ):
                # Filters on dates and types alone: each match is looked up in the narrow
                # rows of `_SIFTED`, and only those that pass in `materials` (a third of the
                # time, where a common word matches thousands).
                sifted = " AND ".join(p for p in (filtered.removeprefix(" WHERE "), condition) if p)
                table = f"(SELECT position, score FROM {table} JOIN {_SIFTED} USING (position) "
                table += f"WHERE {sifted})"
                filtered = condition = ""
            table += " JOIN materials USING (position)"
        elif terms:
            # A material that holds none of the words may match (`a OR type:brief`): each is
            # scored where it holds one, else nought.
            table = f"materials LEFT JOIN ({_scored()}) USING (position)"
            score = "COALESCE(score, 0.0)"
            ranking_parameters = [" OR ".join(_match(term) for term in terms)]
        else:
            # Nothing to score: relevance is the listing's own order, which its index holds. A
            # page walks that index and stops; where that would look up every row (a column
            # it doesn't hold), the table is scanned and sorted, as `list` does.
            walk = query.limit is not None or (
                # The listing's index holds every plain column.
                names is not None and _indexed(rest) and _key_columns_only(resolved)
            )
            table = "materials" if walk else "materials NOT INDEXED"
            score, ranking_parameters = "0.0", []
        order = _order(query)
        if ranked is not None:
            order = "place"
        elif by_relevance:
            order = _by_relevance(score if terms else None, query.reverse)
        where = " AND ".join(part for part in (filtered.removeprefix(" WHERE "), condition) if part)
        sql = f"SELECT {chosen}, {score} FROM {table}"
        sql += f" WHERE {where}" if where else ""
        sql += f" ORDER BY {order}"
        paging: list[object] = []
        if query.limit is not None or skip:
            sql += " LIMIT ? OFFSET ?"
            paging = [-1 if query.limit is None else query.limit, skip]
        return self._connection.execute(
            sql,
            (*joins, *ranking_parameters, *parameters, *condition_parameters, *paging),
        )

    def _ranked(self, match: str) -> str | None:
        """The part that holds the best RANKED_KEPT materials that the FTS5 query `match` (a
        word or a phrase) finds, in the order of a search for them (best first, ties newest
        first), and beside them every match's score (`_every_score`): made the first time it
        is asked for where many materials match, for a page of them to read its own alone
        (scoring them all takes about 2 µs a match and a word), for a page of words together
        to add up (`_combined`), or ahead (`rank_common_words`). None where few match (scoring
        them is quick), or where it cannot be made now."""
        name = _ranking(match)
        if name in self._few or len(match) > RANKED_LONGEST:
            return None
        if time.monotonic() - self._unmade.get(name, -RANKED_AGAIN) < RANKED_AGAIN:
            return None
        if _has_part(self._connection, name):
            return name
        counted = "SELECT count(*) FROM material_text WHERE material_text MATCH ?"
        if name not in self._unmade and (
            self._connection.execute(counted, (match,)).fetchone()[0] < RANKED_FROM
        ):
            self._few.add(name)
            return None

        def fill(connection: sqlite3.Connection) -> None:
            # At most RANKED_MOST are kept: the oldest made go first, but not those of the words
            # most materials hold, made ahead (`rank_common_words`). A run that was about to
            # read one finds it gone and scores its words anew (`_searched`).
            kept = [old for (old,) in connection.execute(
                "SELECT name FROM parts WHERE name LIKE 'ranked\\_%' ESCAPE '\\' ORDER BY rowid"
            )]  # fmt: skip
            beyond = len(kept) - RANKED_MOST + 1
            if beyond > 0:
                ahead = {_ranking(match) for match in _common_words(connection)}
                for old in [old for old in kept if old not in ahead][:beyond]:
                    _drop_part(connection, old)
            connection.execute(
                f'CREATE TABLE "{name}" (place INTEGER PRIMARY KEY, '
                "position INTEGER NOT NULL, score REAL NOT NULL)"
            )
            # Every match scored once, by position: the scores are added up in place in arrays
            # of every material (`_combined`).
            every = _every_match(connection, match)
            # The best kept in order, as a page takes them: only the matches that score as well
            # as the last of them are put in order by their rows (not all, a row each).
            best = every
            if len(every) > RANKED_KEPT:
                last = sorted(map(itemgetter(1), every))[RANKED_KEPT - 1]
                best = [row for row in every if row[1] <= last]
            ordered = _in_order(connection, best, "position", [], RANKED_KEPT, 0)
            if ordered is None:  # more tie than a statement takes: every match put in order
                sql = (
                    f"SELECT position, score FROM ({_scored()}) JOIN materials "
                    f"USING (position) ORDER BY {_by_relevance('score')} LIMIT ?"
                )
                ordered = connection.execute(sql, (match, RANKED_KEPT)).fetchall()
            connection.executemany(
                f'INSERT INTO "{name}" VALUES (?, ?, ?)',
                ((place, *row) for place, row in enumerate(ordered, 1)),
            )
            connection.execute(
                f'CREATE TABLE "{_every_score(name)}" (positions BLOB NOT NULL, '
                "scores BLOB NOT NULL)"
            )
            connection.execute(f'INSERT INTO "{_every_score(name)}" VALUES (?, ?)', _packed(every))

        # Not made while another run writes the index; where others read it at the time (a
        # server's other pages), the write waits for their reads to end, as they wait for it.
        if not self._part(name, fill, in_memory=False, wait=1):
            # Tried again after a while (a server's other threads may be writing it, or
            # reading): scored anew meanwhile.
            self._unmade[name] = time.monotonic()
            return None
        return name

    def search(
        self, tree: Node, query: ListQuery, by_relevance: bool, skip: int = 0
    ) -> list[tuple[Material, float]]:
        """The materials that match `tree` and `query`'s filters, each with its relevance
        (BM25 over the words the query looks for, weighted by field), best first where
        `by_relevance`, ties newest first; otherwise in `query`'s order. The first `skip` are
        left out (`query.limit` counts from there): a page of results reads that page alone."""
        from talenthub_cli.core.records import material_from_record

        rows = self._searched(tree, query, by_relevance, None, skip)
        # FTS5's bm25() is lower for better matches: turn it round, so that more is better.
        from json import loads

        with collector_paused():
            return [(material_from_record(loads(record)), -rank) for record, rank in rows]

    def search_plain(
        self, tree: Node, query: ListQuery, by_relevance: bool, names: Sequence[str]
    ) -> list[tuple[str, ...]]:
        """The `names` columns (of `PLAIN_COLUMNS`) of the materials `search` returns, in its
        order, as a listing shows them: read without their records."""
        rows = self._searched(tree, query, by_relevance, names)
        with collector_paused():
            return [row[:-1] for row in rows]

    def search_lines(
        self,
        tree: Node,
        query: ListQuery,
        by_relevance: bool,
        names: Sequence[str],
        separator: str,
    ) -> Iterator[str]:
        """What `search_plain` returns, each material's columns joined by `separator` into one
        line by SQLite, as `plain_lines` reads a listing (a period alone, too: `_dated_lines`)."""
        from talenthub_cli.core.search import DateIn

        if (
            isinstance(tree, DateIn)
            and _listed(names, separator)
            and (by_relevance or query.sort is SortKey.DATE)
            and not query.reverse
            and query.limit is None
            and _unfiltered(self._resolve(query.filter))
        ):
            dated = self._dated_lines(tree.first, tree.last, separator)
            if dated is not None:
                return dated
        rows = self._searched(tree, query, by_relevance, names, separator=separator)
        return map(itemgetter(0), rows)

    def has_word_starting(self, prefix: str) -> bool:
        """Whether a word of the catalogue's text (folded) begins with `prefix`."""
        self._part(_TEXT, _fill_text)
        sql = "SELECT 1 FROM words WHERE term >= ? AND term < ? LIMIT 1"
        return self._connection.execute(sql, (prefix, prefix + "\U0010ffff")).fetchone() is not None

    def words_near(self, shortest: int, longest: int, pieces: Sequence[str]) -> list[str]:
        """The words of `shortest` to `longest` letters that hold one of `pieces` (any, where
        there are none): those that may be a few edits from a misspelt word."""
        self._part(_TEXT, _fill_text)
        sql = "SELECT term FROM words WHERE length(term) BETWEEN ? AND ?"
        if pieces:
            sql += " AND (" + " OR ".join("instr(term, ?) > 0" for _ in pieces) + ")"
        rows = self._connection.execute(sql, (shortest, longest, *pieces))
        return [term for (term,) in rows]

    def names(self) -> list[str]:
        """Every material's id and title, for suggesting what the user may have meant."""
        rows = self._connection.execute("SELECT id, title FROM materials")
        return [name for row in rows for name in row]

    def count(self, wanted: MaterialFilter | None = None) -> int:
        """How many materials there are, or how many pass `wanted`."""
        where, parameters = _where(self._resolve(wanted)) if wanted is not None else ("", [])
        sql = f"SELECT COUNT(*) FROM {_table(where)}{where}"
        (total,) = self._connection.execute(sql, parameters).fetchone()
        return int(total)


# Changing the index with the catalogue ------------------------------------------------------------
#
# A change to a catalogue that finds its index current (stamped with the file as it is) changes
# the index in the same locked step, in one transaction that also puts the stamp of the file as
# written: the next run finds it current and answers at once. Until that transaction commits,
# the index keeps the stamp of the file as it was, so a change cut short anywhere (the file
# renamed into place and the index not yet changed) leaves an index that the next run finds
# stale and rebuilds.


def stamp_of_written(catalogue: Path, status: os.stat_result) -> Stamp:
    """The stamp of the file at `catalogue` once the file whose status is `status` has been
    renamed into place (a rename keeps the size, the mtime and the inode)."""
    return Stamp(str(catalogue), status.st_size, status.st_mtime_ns, status.st_ino)


def _journal(location: Path) -> Path:
    """The rollback journal SQLite keeps beside the index while a change of it is under way."""
    return location.with_name(location.name + "-journal")


class _MaterialIds:
    """The ids of the materials in the index (but one), looked up as they are asked for."""

    def __init__(self, connection: sqlite3.Connection, without: str | None) -> None:
        self._connection = connection
        self._without = without

    def __contains__(self, item: object) -> bool:
        sql = "SELECT 1 FROM materials WHERE id = ?"
        found = self._connection.execute(sql, (item,)).fetchone() is not None
        return found and item != self._without

    def __iter__(self) -> Iterator[str]:
        rows = self._connection.execute("SELECT id FROM materials ORDER BY position")
        return (i for (i,) in rows if i != self._without)

    def __len__(self) -> int:
        (total,) = self._connection.execute("SELECT COUNT(*) FROM materials").fetchone()
        return int(total) - (self._without is not None and self._without in self)


class IndexChange:
    """The index of a catalogue, open for a change made under the catalogue's lock: what the
    change needs to know of the other records, and the change of its rows."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @classmethod
    def open(cls, catalogue: Path, cache_dir: Path, stamp: Stamp) -> IndexChange | None:
        """The index of `catalogue` if it is current for `stamp` and can be written, with its
        write lock taken; else None."""
        location = index_file(cache_dir, catalogue)
        # A journal is left by a change cut short (none other is at work: the catalogue is
        # locked). It may be of a file since replaced, so it is never rolled back here: a run
        # that reads the index finds it stale and rebuilds it, and the journal goes.
        if not location.is_file() or _journal(location).exists():
            return None
        connection = None
        try:
            uri = f"{location.as_uri()}?mode=rw"
            connection = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            if meta == stamp.meta():
                return cls(connection)
        except sqlite3.Error:
            pass  # not current, or not writable: the change reads the file whole
        if connection is not None:
            connection.close()
        return None

    def close(self) -> None:
        """Give up: nothing that was not committed is kept."""
        self._connection.close()

    def _records(self, kind: str) -> list[dict[str, Any]]:
        sql = "SELECT record FROM records WHERE kind = ? ORDER BY position"
        from json import loads

        return [loads(record) for (record,) in self._connection.execute(sql, (kind,))]

    def count(self, kind: str) -> int:
        """How many records of `kind` the catalogue has."""
        if kind == "materials":
            (total,) = self._connection.execute("SELECT COUNT(*) FROM materials").fetchone()
        else:
            sql = "SELECT COUNT(*) FROM records WHERE kind = ?"
            (total,) = self._connection.execute(sql, (kind,)).fetchone()
        return int(total)

    def ids(self, kind: str, without: str | None = None) -> Collection[str]:
        """The ids of the records of `kind` (but `without`); those of the materials are looked
        up one at a time, not read all."""
        if kind == "materials":
            return _MaterialIds(self._connection, without)
        if kind == "project":
            found = {self._records("project")[0]["id"]}
        else:
            found = {record["id"] for record in self._records(kind)}
        return found - {without}

    def material(self, record_id: str) -> tuple[int, dict[str, Any]] | None:
        """The material with this id: its index among the materials of the file, and its record
        as read."""
        sql = "SELECT position, record FROM materials WHERE id = ?"
        found = self._connection.execute(sql, (record_id,)).fetchone()
        if found is None:
            return None
        position, record = found
        sql = "SELECT COUNT(*) FROM materials WHERE position < ?"
        (before,) = self._connection.execute(sql, (position,)).fetchone()
        from json import loads

        return int(before), loads(record)

    def names(self) -> Names:
        """The contacts and organisations that a person's names of them are read against."""
        from talenthub_cli.core.records import contact_from_record, organisation_from_record

        return Names.of(
            [contact_from_record(record) for record in self._records("contacts")],
            [organisation_from_record(record) for record in self._records("organisations")],
        )

    def titled(self, title: str) -> list[str]:
        """The ids of the materials with this title (folded), in catalogue order."""
        sql = "SELECT id FROM materials WHERE title_key = ? ORDER BY position"
        return [i for (i,) in self._connection.execute(sql, (fold(title),))]

    def naming(self, kind: str, record_id: str) -> list[tuple[str, str]]:
        """The records that name the record `record_id` of `kind`, as ("material 'x'", the
        field that names it), read by `core.validate.naming` from those that may."""
        from talenthub_cli.core.validate import naming, referring

        records: dict[str, Any] = {}
        for other in referring(kind):
            if other == "materials":
                # A material's JSON holds the id in quotes where it names it, written by the
                # encoder that wrote the rows (`_dumps`): only those are read as records.
                sql = "SELECT record FROM materials WHERE instr(record, ?) > 0 ORDER BY position"
                rows = self._connection.execute(sql, (_dumps(record_id),))
                from json import loads

                records[other] = [loads(record) for (record,) in rows]
            elif other == "project":
                records[other] = self._records("project")[0]
            else:
                records[other] = self._records(other)
        return [(shown, field) for _, _, field, shown in naming(records, kind, record_id)]

    def change_material(
        self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, stamp: Stamp
    ) -> None:
        """Take the material `old` out, put `new` in (in `old`'s place, else after the last),
        and stamp the index with the file as written; all in one transaction, committed here.
        Where that fails, nothing of it is kept: the index keeps the old stamp, and the next
        run rebuilds it."""
        try:
            self._change_material(old, new, stamp)
            self._connection.execute("COMMIT")
        except sqlite3.Error:
            pass  # rolled back as the connection closes
        finally:
            self._connection.close()

    def _change_material(
        self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, stamp: Stamp
    ) -> None:
        connection = self._connection
        # The parts built so far follow the change: the full-text index row by row; every other
        # (the kept lines of the export and of the listing) is dropped, made anew when asked.
        text = _has_part(connection, _TEXT)
        for (name,) in connection.execute("SELECT name FROM parts").fetchall():
            if name != _TEXT:
                _drop_part(connection, name)
        position = None
        old_text: tuple[str, ...] = ()
        if old is not None:
            sql = "SELECT position FROM materials WHERE id = ?"
            (position,) = connection.execute(sql, (old["id"],)).fetchone()
            connection.execute("DELETE FROM materials WHERE position = ?", (position,))
            if text:
                old_text = connection.execute(
                    "SELECT title, topics, summary, other FROM material_text WHERE rowid = ?",
                    (position,),
                ).fetchone()
                connection.execute("DELETE FROM material_text WHERE rowid = ?", (position,))
        new_text: tuple[str, ...] = ()
        if new is not None:
            if position is None:
                sql = "SELECT COALESCE(MAX(position), -1) + 1 FROM materials"
                (position,) = connection.execute(sql).fetchone()
            connection.execute(
                f"INSERT INTO materials VALUES ({_placeholders(_COLUMNS)})",
                _material_row(position, new),
            )
            if text:
                contact_names = {c["id"]: c["name"] for c in self._records("contacts")}
                organisation_names = {
                    o["id"]: (o["name"], o.get("short_name"))
                    for o in self._records("organisations")
                }
                row = _text_row(position, new, contact_names, organisation_names)
                connection.execute(
                    "INSERT INTO material_text (rowid, title, topics, summary, other) "
                    "VALUES (?, ?, ?, ?, ?)",
                    row,
                )
                new_text = row[1:]
        if text:
            self._change_words(old_text, new_text)
        connection.executemany(
            "UPDATE meta SET value = ? WHERE key = ?",
            [(value, key) for key, value in stamp.meta().items()],
        )

    def _change_words(self, old: Sequence[str], new: Sequence[str]) -> None:
        """Keep `words` as a build makes it (every word of the full-text index once) after a
        material's text `old` became `new`: the words are read by SQLite's own tokenizer."""
        old_terms, new_terms = self._terms(old), self._terms(new)
        self._connection.executemany(
            "INSERT OR IGNORE INTO words VALUES (?)", ((term,) for term in new_terms)
        )
        for term in sorted(old_terms - new_terms):
            sql = "SELECT 1 FROM material_words WHERE term = ?"
            if self._connection.execute(sql, (term,)).fetchone() is None:
                self._connection.execute("DELETE FROM words WHERE term = ?", (term,))

    def _terms(self, text: Sequence[str]) -> set[str]:
        """The terms the full-text index makes of one material's text."""
        if not text:
            return set()
        connection = self._connection
        tokenize = "unicode61 remove_diacritics 0 tokenchars '~'"
        connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.one_text USING fts5("
            f'title, topics, summary, other, tokenize = "{tokenize}")'
        )
        connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.one_words "
            "USING fts5vocab(temp, one_text, 'row')"
        )
        connection.execute("DELETE FROM temp.one_text")
        connection.execute(
            "INSERT INTO temp.one_text (title, topics, summary, other) VALUES (?, ?, ?, ?)",
            tuple(text),
        )
        return {term for (term,) in connection.execute("SELECT term FROM temp.one_words")}
