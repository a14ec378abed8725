"""Checking a parsed catalogue and building it: every problem is collected, not only the first.

`build_catalogue` takes what tomllib read and either returns a `Catalogue` or raises
`InvalidCatalogueError` with every problem, each placed at its file:line with the record and the
field it concerns. These are the catalogue's rules, in one place.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.dates import parse
from talenthub_cli.core.errors import DateError, InvalidCatalogueError, Problem
from talenthub_cli.core.locate import Locator
from talenthub_cli.core.model import (
    SCHEMA_VERSION,
    Availability,
    Catalogue,
    MaterialType,
)
from talenthub_cli.core.records import (
    contact_from_record,
    event_from_record,
    material_from_record,
    organisation_from_record,
    project_from_record,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
    from enum import StrEnum

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_TOPIC = re.compile(r"[^\x00-\x1f\x7f-\x9f]*[^\x00-\x20\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*")
_URL_PATTERN = re.compile(
    r"https?://[^\s/?#@\x00-\x1f\x7f-\x9f]+(?:[/?#][^\s\x00-\x1f\x7f-\x9f]*)?"
)


class _Invalid(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date | datetime.time):
        return "a TOML date"
    return "a string"


def _text(value: object) -> None:
    if not isinstance(value, str):
        raise _Invalid(f"must be a string, not {_type_name(value)}")
    if not value or value.isspace():
        raise _Invalid("must not be empty", "leave the field out instead")


# Control characters: C0, DEL and C1. A terminal runs them (ESC begins sequences that retitle the
# window, clear the screen or rewrite what is shown; BEL rings), so a catalogue may not hold them.
# Text may keep tabs and line breaks (LF, and CR, which TOML's "\r" writes): the bundled
# catalogue's summary runs over lines, and titles, names and roles with them are exported and
# read back (tests/strategies.py); renderers show them harmlessly on a terminal. Addresses and
# the like hold none at all.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control(value: str, pattern: re.Pattern[str], hint: str) -> None:
    found = pattern.search(value)
    if found is not None:
        raise _Invalid(
            f"holds the control character U+{ord(found[0]):04X} at character {found.start() + 1}",
            hint,
        )


def _shown_text(value: object) -> None:
    """Text shown to people: a title, a name, a summary."""
    if type(value) is str and value.isprintable() and value and not value.isspace():
        return  # the common case, in one call
    _text(value)
    assert isinstance(value, str)
    if value.isprintable():
        return
    _no_control(
        value, _CONTROL_IN_TEXT, "remove it: text may hold tabs and line breaks, no other controls"
    )


def _one_line(value: object) -> None:
    """An address: no control character at all."""
    _text(value)
    assert isinstance(value, str)
    _no_control(value, _CONTROL, "remove it: this field is one line, with no tabs or line breaks")


def _id(value: object) -> None:
    if type(value) is str and ID_PATTERN.fullmatch(value):
        return
    _text(value)
    assert isinstance(value, str)
    if ID_PATTERN.fullmatch(value) is None:
        raise _Invalid(
            f"{value!r} is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. 'final-workshop'",
        )


def _date(value: object) -> None:
    if type(value) is str:
        try:
            parse(value)
            return
        except DateError:
            pass  # explained below
    if isinstance(value, datetime.date | datetime.time):
        raise _Invalid(
            "is a TOML date, not an EDTF string", f'put it in quotes: "{value.isoformat()}"'
        )
    _text(value)
    assert isinstance(value, str)
    try:
        parse(value)
    except DateError as error:
        hint = error.hint[0].lower() + error.hint[1:] if error.hint else None
        raise _Invalid(f"{value!r} is not a valid EDTF date: {error.reason}", hint) from None


def _url(value: object) -> None:
    if type(value) is str and _URL_PATTERN.fullmatch(value):
        return
    _one_line(value)
    assert isinstance(value, str)
    if _URL_PATTERN.fullmatch(value) is None:
        raise _Invalid(f"{value!r} is not a web address", "write it in full, from https://")


def _email(value: object) -> None:
    _one_line(value)
    assert isinstance(value, str)
    if _EMAIL.fullmatch(value) is None:
        raise _Invalid(f"{value!r} is not an email address")


# The largest whole number that spreadsheets, JSON readers and SQLite all keep exactly (2**53 - 1):
# TOML's hexadecimal integers can be of any size, and Python cannot even write one of more than
# 4,300 digits.
MAX_COUNT = 9_007_199_254_740_991


def _number(value: int) -> str:
    """A whole number for a message, shortened where it is too long to be read (or written)."""
    if abs(value) < 10**30:
        return str(value)
    return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"


def _count(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"must be a whole number, not {_type_name(value)}")
    if value < 0:
        raise _Invalid(f"must not be negative, not {_number(value)}")
    if value > MAX_COUNT:
        raise _Invalid(f"must be at most {MAX_COUNT:,}, not {_number(value)}")


def _choice(enum: type[StrEnum]) -> Callable[[object], None]:
    values = [member.value for member in enum]
    known = frozenset(values)

    def check(value: object) -> None:
        if type(value) is str and value in known:  # a list or table cannot be looked up
            return
        _text(value)
        if value not in values:
            import difflib

            close = difflib.get_close_matches(str(value), values, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "one of: " + ", ".join(values)
            raise _Invalid(f"{value!r} is not one of the known values", hint)

    return check


def _list_of(
    item: Callable[[object], None], pattern: re.Pattern[str] | None = None
) -> Callable[[object], None]:
    """A list of values that each pass `item`; where `pattern` is given, a string it matches
    passes without a call (the common case, on every record of a large catalogue)."""

    fullmatch = pattern.fullmatch if pattern is not None else None

    def check(value: object) -> None:
        if fullmatch is not None and type(value) is list:
            try:
                if all(map(fullmatch, value)):  # the loop at C speed; anything else goes on below
                    if len(value) > 1 and len(set(value)) != len(value):
                        raise _Invalid("lists the same value twice")
                    return
            except TypeError:
                pass  # an item that is not a string, told below
        if not isinstance(value, list):
            raise _Invalid(f"must be a list, not {_type_name(value)}", 'write ["…", "…"]')
        for position, element in enumerate(value, start=1):
            if fullmatch is not None and type(element) is str and fullmatch(element):
                continue
            try:
                item(element)
            except _Invalid as error:
                raise _Invalid(f"item {position}: {error.message}", error.hint) from None
        # Every item is a string now: each check of an item takes strings alone.
        if len(value) > 1 and len(set(value)) != len(value):
            raise _Invalid("lists the same value twice")

    return check


def _topic(value: object) -> None:
    _text(value)
    assert isinstance(value, str)
    if _TOPIC.fullmatch(value) is None:
        raise _Invalid(
            f"{value!r} is not one line of text", "write a topic without line breaks or tabs"
        )


def _language(value: object) -> None:
    _text(value)
    assert isinstance(value, str)
    if _LANGUAGE.fullmatch(value) is None:
        raise _Invalid(f"{value!r} is not a language code", "use a code such as 'en' or 'de'")


def _titles(value: object) -> None:
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of tables, not {_type_name(value)}")
    for position, title in enumerate(value, start=1):
        if not isinstance(title, dict):
            raise _Invalid(f"item {position} must be a table with text, lang and source")
        for key in title:
            if key not in ("text", "lang", "source"):
                raise _Invalid(f"item {position}: unknown field {key!r}", "use text, lang, source")
        if "text" not in title:
            raise _Invalid(f"item {position}: missing field 'text'")
        try:
            _shown_text(title["text"])
            if "lang" in title:
                _language(title["lang"])
            if "source" in title:
                _url(title["source"])
        except _Invalid as error:
            raise _Invalid(f"item {position}: {error.message}", error.hint) from None


@dataclass(frozen=True, slots=True)
class _Field:
    check: Callable[[object], None]
    required: bool = False
    refers_to: str | None = None  # the kind of record the ids in this field name


_TEXT = _Field(_shown_text)
_URL = _Field(_url)


def _refs(kind: str) -> _Field:
    return _Field(_list_of(_id, ID_PATTERN), refers_to=kind)


SCHEMA: dict[str, dict[str, _Field]] = {
    "project": {
        "id": _Field(_id, required=True),
        "title": _Field(_shown_text, required=True),
        "short_title": _TEXT,
        "titles": _Field(_titles),
        "period": _Field(_date),
        "summary": _TEXT,
        "background": _TEXT,
        "funding": _TEXT,
        "homepages": _Field(_list_of(_url)),
        "implementers": _refs("organisations"),
        "partners": _refs("organisations"),
        "sources": _Field(_list_of(_url)),
    },
    "organisations": {
        "id": _Field(_id, required=True),
        "name": _Field(_shown_text, required=True),
        "short_name": _TEXT,
        "description": _TEXT,
        "url": _URL,
        "parent": _Field(_id, refers_to="organisations"),
        "source": _URL,
    },
    "contacts": {
        "id": _Field(_id, required=True),
        "name": _Field(_shown_text, required=True),
        "email": _Field(_email),
        "organisation": _Field(_id, refers_to="organisations"),
        "role": _TEXT,
        "source": _URL,
    },
    "materials": {
        "id": _Field(_id, required=True),
        "title": _Field(_shown_text, required=True),
        "type": _Field(_choice(MaterialType), required=True),
        "date": _Field(_date),
        "summary": _TEXT,
        "topics": _Field(_list_of(_topic, _TOPIC)),
        "languages": _Field(_list_of(_language, _LANGUAGE)),
        "organisations": _refs("organisations"),
        "contacts": _refs("contacts"),
        "url": _URL,
        "availability": _Field(_choice(Availability)),
        "parts": _refs("materials"),
        "related": _refs("materials"),
        "responses": _Field(_count),
        "notes": _TEXT,
        "source": _URL,
    },
    "events": {
        "id": _Field(_id, required=True),
        "title": _Field(_shown_text, required=True),
        "date": _Field(_date, required=True),
        "description": _TEXT,
        "location": _TEXT,
        "materials": _refs("materials"),
        "organisations": _refs("organisations"),
        "contacts": _refs("contacts"),
        "source": _URL,
    },
}
TOP_LEVEL = ("schema", "project", "organisations", "contacts", "materials", "events")
SINGULAR = {
    "project": "project",
    "organisations": "organisation",
    "contacts": "contact",
    "materials": "material",
    "events": "event",
}


def referring(kind: str) -> dict[str, tuple[str, ...]]:
    """The fields that name a record of `kind`, by the kind of record that has them."""
    found = {}
    for other, fields in SCHEMA.items():
        names = tuple(name for name, rule in fields.items() if rule.refers_to == kind)
        if names:
            found[other] = names
    return found


def naming(
    data: Mapping[str, Any], kind: str, record_id: str
) -> list[tuple[str, int | None, str, str]]:
    """The records that name the record `record_id` of `kind`: (their kind, index, field,
    "material 'x'"), the project's index None."""
    found = []
    for other, names in referring(kind).items():
        records = data.get(other)
        listed = [(None, records)] if other == "project" else enumerate(records or [])
        for index, record in listed:
            if not isinstance(record, dict):
                continue
            for field in names:
                value = record.get(field)
                if value == record_id or (isinstance(value, list) and record_id in value):
                    shown = (
                        "the project"
                        if other == "project"
                        else f"{SINGULAR[other]} {record['id']!r}"
                    )
                    found.append((other, index, field, shown))
    return found


class _Broken(Exception):
    """A problem, found by a check that asks only whether there is one."""


class _Checker:
    def __init__(self, file: str, text: str, *, whether: bool = False) -> None:
        self.file = file
        self.text = text
        # Only whether there is a problem: the first ends the check, unplaced and unexplained.
        self.whether = whether
        # Lines are looked up only once there is something to report, and only theirs.
        self.pending: list[
            tuple[str, int | None, str | None, str, str | None, str | None, str | None, int | None]
        ] = []

    def found(self) -> None:
        """A problem is found, before its message is made (which may take a search of the text
        or of every id): a check that asks only whether there is one ends here."""
        if self.whether:
            raise _Broken

    def add(
        self,
        kind: str,
        index: int | None,
        field: str | None,
        message: str,
        hint: str | None = None,
        record: str | None = None,
        key: str | None = None,
        first: int | None = None,
    ) -> None:
        """A problem in `field` of the `index`-th record of `kind`; `key` (else `field`) is
        what to look for in the text to place it. `first`: the index of the record of `kind`
        that the message says (with its line) came first with the same `key`."""
        self.found()
        self.pending.append((kind, index, field, message, hint, record, key or field, first))

    def result(self) -> list[Problem]:
        records = {(kind, index) for kind, index, *_ in self.pending}
        records |= {(kind, first) for kind, *_, first in self.pending if first is not None}
        keys = {key for *_, key, _ in self.pending if key is not None}
        locator = Locator(self.text, only=records, keys=keys)
        problems = []
        for kind, index, field, message, hint, record, key, first in self.pending:
            if first is not None:
                line = locator.line(kind, first, key)
                message += f" (first at {self.file}:{line})" if line else ""
            line = locator.line(kind, index, key)
            problems.append(Problem(message, self.file, line, record, field, hint))
        return sorted(problems, key=lambda problem: (problem.line is None, problem.line or 0))


def _record_name(kind: str, index: int | None, record: Mapping[str, Any]) -> str:
    identifier = record.get("id")
    if isinstance(identifier, str) and identifier:
        return f"{SINGULAR[kind]} {identifier!r}"
    return SINGULAR[kind] if index is None else f"{SINGULAR[kind]} #{index + 1}"


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else None


@dataclass(frozen=True, slots=True)
class CheckedCatalogue:
    """The records of a catalogue that keeps every rule, as they were read: each a dict of the
    fields it has, in the shape the `*_from_record` functions take."""

    project: Mapping[str, Any]
    organisations: list[Mapping[str, Any]]
    contacts: list[Mapping[str, Any]]
    materials: list[Mapping[str, Any]]
    events: list[Mapping[str, Any]]


def build_catalogue(data: Mapping[str, Any], file: str, text: str) -> Catalogue:
    """The catalogue in `data` (as tomllib read it from `text`), or every problem it has."""
    checked = check_catalogue(data, file, text)
    return Catalogue(
        schema=SCHEMA_VERSION,
        project=project_from_record(checked.project),
        organisations=tuple(map(organisation_from_record, checked.organisations)),
        contacts=tuple(map(contact_from_record, checked.contacts)),
        materials=tuple(map(material_from_record, checked.materials)),
        events=tuple(map(event_from_record, checked.events)),
    )


def check_catalogue(data: Mapping[str, Any], file: str, text: str) -> CheckedCatalogue:
    """The records in `data` once they keep every rule; else every problem, at once."""
    return _check(data, _Checker(file, text))


def keeping_every_rule(data: Mapping[str, Any]) -> CheckedCatalogue | None:
    """The records in `data` where they keep every rule, else None: `check_catalogue` stopped
    at the first problem, which it neither places nor explains. For a file whose problems are
    told as another reading of it finds them."""
    try:
        return _check(data, _Checker("", "", whether=True))
    except _Broken:
        return None


class RulesKept:
    """Whether a catalogue read a piece at a time keeps every rule, as `keeping_every_rule` tells
    of the whole, without holding the pieces: each is held to the rules as it comes (the first
    is the whole file's but for the materials; each after it holds arrays of tables alone, and
    no two the same kind but materials), and of the others only the ids are kept. An id that a
    piece names before a piece that has it is checked at the `end`."""

    def __init__(self) -> None:
        self._checker = _Checker("", "", whether=True)
        self._ids: dict[str, dict[str, int | None]] = {kind: {} for kind in SCHEMA}
        self._named_early: dict[str, set[str]] = {kind: set() for kind in SCHEMA}
        self._first = True

    def add(self, piece: Mapping[str, Any]) -> bool:
        """Whether `piece` keeps every rule so far."""
        checker = self._checker
        try:
            tables = _tables(piece, checker, whole=self._first)
            self._first = False
            for kind, rows in tables.items():
                seen = _check_records(checker, kind, rows)
                if not self._ids[kind].keys().isdisjoint(seen):
                    checker.found()  # an id of an earlier piece
                self._ids[kind].update(seen)
            ids = {kind: _Known(self._ids[kind], self._named_early[kind]) for kind in SCHEMA}
            for kind, rows in tables.items():
                _check_references(checker, kind, rows, ids)
        except _Broken:
            return False
        return True

    def end(self) -> bool:
        """Whether every id that a piece named is one that some piece has."""
        return all(self._named_early[kind] <= self._ids[kind].keys() for kind in SCHEMA)


class _Known:
    """The ids read so far, of which any other is taken on trust and noted in `early`, to be
    checked once every piece is read."""

    def __init__(self, ids: Collection[str], early: set[str]) -> None:
        self._ids, self._early = ids, early

    def __contains__(self, item: object) -> bool:
        if item not in self._ids:
            self._early.add(str(item))
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _tables(
    data: Mapping[str, Any], checker: _Checker, *, whole: bool = True
) -> dict[str, list[tuple[int | None, Mapping[str, Any]]]]:
    """The records of `data` by kind, each with its index, once its keys are known and its tables
    are of the kind they must be. `whole`: `data` is the whole file, which must have a schema and
    a project; else a piece of it after the first, which may hold arrays of tables alone."""
    for key in data:
        if key not in TOP_LEVEL:
            hint = _suggest(key, TOP_LEVEL) or "the file holds " + ", ".join(TOP_LEVEL)
            checker.add("", None, None, f"unknown table or key {key!r}", hint, key=key)
    schema = data.get("schema")
    if schema is None and not whole:
        pass  # the piece that holds the schema tells whether it is right
    elif schema is None:
        checker.add("", None, None, "missing 'schema'", f"add schema = {SCHEMA_VERSION} at the top")
    elif isinstance(schema, bool) or not isinstance(schema, int | float):
        checker.add(
            "", None, "schema", f"must be a whole number, not {_type_name(schema)}",
            f"write schema = {SCHEMA_VERSION}",
        )  # fmt: skip
    elif schema != SCHEMA_VERSION:
        shown = _number(schema) if isinstance(schema, int) else repr(schema)
        checker.add(
            "", None, "schema", f"schema {shown} is not supported",
            f"this version of talenthub reads schema {SCHEMA_VERSION}",
        )  # fmt: skip

    tables: dict[str, list[tuple[int | None, Mapping[str, Any]]]] = {}
    project = data.get("project")
    if project is None and not whole:
        pass  # the piece that holds the project checks it
    elif not isinstance(project, dict):
        checker.add(
            "project", None, None, "missing [project] table", "add [project] with id and title"
        )
        tables["project"] = []
    else:
        tables["project"] = [(None, project)]
    for kind in ("organisations", "contacts", "materials", "events"):
        if kind not in data and not whole:
            continue
        rows = data.get(kind, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            checker.add(
                kind, None, None, f"{kind!r} must be an array of tables", f"write [[{kind}]]"
            )
            rows = []
        tables[kind] = list(enumerate(rows))

    return tables


def _check(data: Mapping[str, Any], checker: _Checker) -> CheckedCatalogue:
    tables = _tables(data, checker)
    ids: dict[str, Collection[str]] = {}
    for kind, rows in tables.items():
        ids[kind] = _check_records(checker, kind, rows)
    for kind, rows in tables.items():
        _check_references(checker, kind, rows, ids)

    problems = checker.result()
    if problems:
        raise InvalidCatalogueError(checker.file, problems)
    return CheckedCatalogue(
        project=tables["project"][0][1],
        organisations=[row for _, row in tables["organisations"]],
        contacts=[row for _, row in tables["contacts"]],
        materials=[row for _, row in tables["materials"]],
        events=[row for _, row in tables["events"]],
    )


def check_changed(
    kind: str,
    rows: list[tuple[int, Mapping[str, Any]]],
    others: Mapping[str, Collection[str]],
    file: str,
    text: str,
) -> None:
    """The records of `kind` that a change writes (each with its index among its kind in the new
    `text`), held to the rules every record keeps (the same checks as `check_catalogue`), their
    ids to being unique and their references to naming records that exist: `others` holds, by
    kind, the ids of the catalogue's other records (which are known to keep the rules).
    Raises InvalidCatalogueError with every problem."""
    checker = _Checker(file, text)
    seen = _check_records(checker, kind, list(rows))
    for identifier, index in seen.items():
        if identifier in others.get(kind, ()):
            record = next(record for at, record in rows if at == index)
            name = _record_name(kind, index, record)
            checker.add(kind, index, "id", f"duplicate id {identifier!r}", None, name)
    ids: dict[str, Collection[str]] = {target: others.get(target, ()) for target in SINGULAR}
    ids[kind] = _Union(ids[kind], seen)
    _check_references(checker, kind, list(rows), ids)
    problems = checker.result()
    if problems:
        raise InvalidCatalogueError(file, problems)


class _Union:
    """Two collections of ids read as one, without copying either (a catalogue's ids may be
    many)."""

    def __init__(self, first: Collection[str], second: Collection[str]) -> None:
        self._first, self._second = first, second

    def __contains__(self, item: object) -> bool:
        return item in self._first or item in self._second

    def __iter__(self) -> Iterator[str]:
        yield from self._first
        yield from self._second

    def __len__(self) -> int:
        return len(self._first) + len(self._second)


def _check_records(
    checker: _Checker, kind: str, rows: list[tuple[int | None, Mapping[str, Any]]]
) -> dict[str, int | None]:
    spec = SCHEMA[kind]
    checks = {key: field.check for key, field in spec.items()}
    required = [key for key, field in spec.items() if field.required]
    seen: dict[str, int | None] = {}
    for index, record in rows:
        for key, value in record.items():
            check = checks.get(key)
            if check is None:
                hint = _suggest(key, spec) or "known fields: " + ", ".join(spec)
                name = _record_name(kind, index, record)
                checker.add(kind, index, key, f"unknown field {key!r}", hint, name)
                continue
            try:
                check(value)
            except _Invalid as error:
                name = _record_name(kind, index, record)
                checker.add(kind, index, key, error.message, error.hint, name)
        if not all(map(record.__contains__, required)):
            for key in required:
                if key not in record:
                    name = _record_name(kind, index, record)
                    checker.add(kind, index, None, f"missing required field {key!r}", None, name)
        if kind == "materials" and "responses" in record and record.get("type") != "survey":
            name = _record_name(kind, index, record)
            checker.add(kind, index, "responses", "only a survey has a response count", None, name)
        identifier = record.get("id")
        if isinstance(identifier, str):
            if identifier in seen:
                name = _record_name(kind, index, record)
                message = f"duplicate id {identifier!r}"
                checker.add(kind, index, "id", message, None, name, first=seen[identifier])
            else:
                seen[identifier] = index
    return seen


def _check_references(
    checker: _Checker,
    kind: str,
    rows: list[tuple[int | None, Mapping[str, Any]]],
    ids: Mapping[str, Collection[str]],
) -> None:
    references = [(key, field.refers_to) for key, field in SCHEMA[kind].items() if field.refers_to]
    for index, record in rows:
        for key, target in references:
            value = record.get(key)
            if value is None:
                continue
            assert target is not None
            values = value if isinstance(value, list) else [value]
            # The common case, at C speed: every id a string, known, and none the record's own.
            if (
                all(map(isinstance, values, itertools.repeat(str)))
                and all(map(ids[target].__contains__, values))
                and (target != kind or record.get("id") not in values)
            ):
                continue
            for identifier in values:
                if not isinstance(identifier, str):
                    continue
                if identifier == record.get("id") and target == kind:
                    message = f"a {SINGULAR[kind]} cannot refer to itself"
                    checker.add(kind, index, key, message, None, _record_name(kind, index, record))
                elif identifier not in ids[target]:
                    checker.found()
                    checker.add(
                        kind, index, key, f"unknown {SINGULAR[target]} {identifier!r}",
                        _suggest(identifier, ids[target]), _record_name(kind, index, record),
                    )  # fmt: skip


class Advice:
    """What is valid but weak in a catalogue that keeps every rule: a material with no date, no
    contact or no source, and a contact that no record names. `talenthub check` shows them as
    warnings. Told the records a piece at a time (each kind but materials in one piece, the
    materials in the order of the file), it keeps of them only what it will say."""

    def __init__(self, file: str, text: str) -> None:
        self._checker = _Checker(file, text)
        self.materials = 0  # told so far
        self._contacts: list[tuple[int, str]] = []
        self._named: set[str] = set()

    def add(self, records: Mapping[str, Any]) -> None:
        """The records of a piece, by kind (as a catalogue's TOML holds them)."""
        checker = self._checker
        materials: list[Mapping[str, Any]] = records.get("materials", [])
        for index, material in enumerate(materials, start=self.materials):
            name = _record_name("materials", index, material)
            for field, message, hint in (
                ("date", "has no date", 'add the EDTF date it appeared, e.g. date = "2024-05"'),
                ("contacts", "has no contact", 'name whom to ask about it: contacts = ["…"]'),
                ("source", "has no source", "add the web address where its facts come from"),
            ):
                if not material.get(field):
                    checker.add("materials", index, None, message, hint, record=name, key="id")
        self.materials += len(materials)
        for kind in ("materials", "events"):
            for record in records.get(kind, []):
                self._named.update(record.get("contacts", []))
        self._contacts += [(index, c["id"]) for index, c in enumerate(records.get("contacts", []))]

    def placed(self) -> list[Problem]:
        """What was found, each at its line, in the order of the file: a scan of the text, best
        run once the records (a large catalogue's values) have been let go."""
        for index, identifier in self._contacts:
            if identifier not in self._named:
                self._checker.add(
                    "contacts", index, None, "is named by no material or event",
                    "add it to the contacts of what it is about, or remove it",
                    record=_record_name("contacts", index, {"id": identifier}), key="id",
                )  # fmt: skip
        return self._checker.result()


def advise(checked: CheckedCatalogue, file: str, text: str) -> Advice:
    """The `Advice` on the records of a catalogue that keeps every rule, read whole."""
    advice = Advice(file, text)
    advice.add(
        {"contacts": checked.contacts, "materials": checked.materials, "events": checked.events}
    )
    return advice


@dataclass(frozen=True, slots=True)
class Findings:
    """What `talenthub check` found in a file: its errors (rules broken) and, in a file that
    keeps every rule, its warnings (what is valid but weak)."""

    file: str
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    materials: int = 0  # in a valid file

    def in_order(self) -> list[tuple[str, Problem]]:
        """(severity, problem), by line: where a reader of the file meets them."""
        found = [("error", p) for p in self.errors] + [("warning", p) for p in self.warnings]
        return sorted(found, key=lambda item: (item[1].line is None, item[1].line or 0))


def field_problem(kind: str, field: str, value: object) -> str | None:
    """Why `value` cannot be the `field` of a record of `kind` (with how to fix it), or None: the
    same rule that checking the file applies, for asking again on the spot."""
    try:
        SCHEMA[kind][field].check(value)
    except _Invalid as invalid:
        return f"{invalid.message} ({invalid.hint})" if invalid.hint else invalid.message
    return None
