"""Changing a catalogue file safely: one writer at a time, nothing written that does not validate,
the previous version kept, and the change confined to the record it concerns.

Every change goes through `change_catalogue`: under an OS lock on a side file
(`catalogue.toml.lock`), it reads the file as it is now, makes the new text, checks that the new
text parses to exactly the data intended and passes every rule of the catalogue, copies the
current file to `catalogue.toml.bak`, and puts the new text in place atomically (temporary file,
fsync, rename), keeping the file's permissions.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import os
import sys
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.blocks import (
    appended,
    appendix,
    change_span,
    leading_comments,
    material_block,
    placed,
    record_block,
    removed,
    replaced,
    text_of,
    window,
    without_item,
    without_key,
)
from talenthub_cli.core.errors import (
    AmbiguousError,
    CatalogueError,
    NotFoundError,
    TomlSyntaxError,
    UsageError,
    WriteError,
)
from talenthub_cli.core.ids import slug
from talenthub_cli.core.query import Names
from talenthub_cli.core.records import (
    MATERIAL_FIELDS,
    contact_from_record,
    material_from_record,
    new_record,
    organisation_from_record,
)
from talenthub_cli.core.text import fold
from talenthub_cli.core.validate import (
    SINGULAR,
    check_catalogue,
    check_changed,
    naming,
)
from talenthub_cli.storage.atomic import write_atomically
from talenthub_cli.storage.loader import parse_toml, read_text

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterator, Mapping, Sequence
    from pathlib import Path

    from talenthub_cli.core.records import Record
    from talenthub_cli.storage.importing import Missing, Rows
    from talenthub_cli.storage.index import IndexChange

    Change = Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]]]
    Fast = Callable[["Materials"], "Delta | None"]


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path`'s side file `<name>.lock` (waiting for it if another
    process holds it). The lock goes with the process: a killed writer leaves none behind."""
    lock_file = path.with_name(path.name + ".lock")
    try:
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise WriteError(f"cannot lock {path}: {error.strerror}") from None
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _sweep(path: Path) -> None:
    """Remove the temporary files of writers that were killed half way (under the lock, no
    other writer of this file is at work)."""
    for name in (path.name, backup_of(path).name):
        # The name as it is, not as a pattern: "*.toml" or "c[1].toml" are file names too.
        for stale in path.parent.glob(f".{glob.escape(name)}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


@dataclasses.dataclass(frozen=True, slots=True)
class Delta:
    """A change of one material, made against what the index knows: the text from `start` to
    `end` becomes `replacement`; `old` (the record there, as the index has it) goes, `new` comes
    in its place (or after the last material), as the `index`-th material of the new text."""

    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    start: int
    end: int
    replacement: str
    index: int


class Materials:
    """The materials of a catalogue's text as the index knows them, where the two agree: as
    many `[[materials]]` in the text as the index has materials."""

    def __init__(self, text: str, known: IndexChange) -> None:
        self.text = text
        self.known = known
        self.count = text.count("[[materials]]")

    def agree(self) -> bool:
        # No materials, or a table written other than plainly, is left to the whole reading.
        return self.count > 0 and self.count == self.known.count("materials")

    def block(self, record_id: str) -> tuple[int, int, str] | None:
        """The text of the material with this id: (start, end, its text), found in the few
        lines around it."""
        span = self.changed(record_id, "")
        return None if span is None else (span[0], span[1], self.text[span[0] : span[1]])

    def changed(self, record_id: str, new: str | None) -> tuple[int, int, str] | None:
        """Where the block of the material with this id is replaced by `new` (taken out, where
        None): (start, end, what comes in its place)."""
        around = window(self.text, "materials", record_id)
        if around is None:
            return None
        first, last, local = around
        span = change_span(self.text[first:last], "materials", local, new)
        return None if span is None else (first + span[0], first + span[1], span[2])


def _parsed_alone(text: str, shown: str) -> dict[str, Any]:
    data: dict[str, Any] = parse_toml(text, shown)
    return data


def _fast_change(
    path: Path, name: str, text: str, known: IndexChange, fast: Fast
) -> tuple[str, Delta] | None:
    """The new text of a change of one material made against what the index knows, checked as
    the whole reading checks it: the text outside the change is the same, the text changed is
    one material's block whole (it parses alone to exactly the record the index has, or adds
    nothing), the new block parses alone to exactly the record intended, and that record keeps
    every rule, its id and its references held to the ids the index knows. None where the
    change cannot be made so (the whole file is then read)."""
    materials = Materials(text, known)
    if not materials.agree():
        return None
    delta = fast(materials)
    if delta is None:
        return None
    before = _parsed_alone(text[delta.start : delta.end], name)
    if before != ({"materials": [delta.old]} if delta.old is not None else {}):
        return None  # not the block the index says it is: read the whole file
    new_text = text[: delta.start] + delta.replacement + text[delta.end :]
    after = _parsed_alone(delta.replacement, name)
    if after != ({"materials": [delta.new]} if delta.new is not None else {}):
        raise CatalogueError(
            f"{name}: the change could not be confined to its record's text, so nothing "
            "was written; make it by hand with an editor"
        )
    if delta.new is not None:
        others = {kind: known.ids(kind) for kind in SINGULAR}
        if delta.old is not None:
            others["materials"] = known.ids("materials", without=delta.old["id"])
        check_changed("materials", [(delta.index, delta.new)], others, name, new_text)
    return new_text, delta


def change_catalogue(
    path: Path,
    change: Change,
    *,
    shown: str | None = None,
    write: bool = True,
    read_only_too: bool = False,
    cache_dir: Path | None = None,
    fast: Fast | None = None,
) -> None:
    """Apply `change` to the catalogue at `path`, whole or not at all.

    `change` gets the current text and its data and returns the new text and the data it must
    parse to. If the new text parses to other data (the change reached beyond its record), or the
    data breaks a rule, nothing is written and the error says why. Without `write`, everything
    is checked and nothing written (a dry run). A file no one may write (mode 444) is refused,
    as `rm` and editors refuse it, unless `read_only_too` (a user's --force); it keeps its mode.

    Where the catalogue's index in `cache_dir` is current for the file as it is, a change of one
    material (`fast`, the same change made against what the index knows) is made without
    reading the whole file, and the index is changed with it, in the same locked step; where
    `fast` returns None, or the index is not current, `change` is made on the whole file.
    """
    from talenthub_cli.storage.index import IndexChange, Stamp, stamp_of_written

    name = shown if shown is not None else str(path)
    path = path.resolve()  # a symbolic link stays one: the file it points to is changed
    with locked(path):
        _sweep(path)
        stamp = Stamp.of(path)
        old_text = read_text(path, name)
        known = None
        if fast is not None and cache_dir is not None and write and Stamp.of(path) == stamp:
            known = IndexChange.open(path, cache_dir, stamp)
        try:
            done = None
            if known is not None and fast is not None:
                done = _fast_change(path, name, old_text, known, fast)
            if done is None:
                new_text = _whole_change(name, old_text, change)
                delta = None
            else:
                new_text, delta = done
            if not write or new_text == old_text:  # a dry run, or nothing to change
                return
            mode = path.stat().st_mode & 0o7777
            if not mode & 0o222 and not read_only_too:
                raise WriteError(
                    f"{name} is read-only (mode {mode:o}); nothing was changed: add --force to "
                    f"change it all the same, or make it writable (chmod u+w {name})"
                )
            written: list[os.stat_result] = []
            _keep_backup(path, old_text, mode)
            write_atomically(
                path,
                lambda out: out.write(new_text),
                replace=True,
                mode=mode,
                written=written.append,
            )
            if known is not None and delta is not None:
                known.change_material(delta.old, delta.new, stamp_of_written(path, written[0]))
                known = None
        finally:
            if known is not None:
                known.close()


def _keep_backup(path: Path, old_text: str, mode: int) -> None:
    """Keep the file as it is as NAME.bak: a second name of the file itself, which the change
    replaces (a rename) and never writes; where a file system has no such names, a copy."""
    backup = backup_of(path)
    temporary = path.with_name(f".{backup.name}.{os.getpid()}.tmp")
    try:
        temporary.unlink(missing_ok=True)
        os.link(path, temporary)
        temporary.replace(backup)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        write_atomically(backup, lambda out: out.write(old_text), replace=True, mode=mode)


def _whole_change(name: str, old_text: str, change: Change) -> str:
    """The new text of `change` made on the whole file, checked whole."""
    old_data = parse_toml(old_text, name)
    try:
        new_text, intended = change(old_text, old_data)
    except (KeyError, TypeError, AttributeError, ValueError):
        # The change reads the records as the rules have them; a file that no longer keeps
        # the rules (changed by hand since it was read) cannot be changed safely.
        raise CatalogueError(
            f"{name} no longer keeps the catalogue's rules, so nothing was changed: run "
            f"`talenthub check {name}` and put it right"
        ) from None
    try:
        new_data = parse_toml(new_text, name)
    except TomlSyntaxError:
        inline = [
            k for k, v in old_data.items() if isinstance(v, list) and f"[[{k}]]" not in old_text
        ]
        layout = (
            f"writes its {inline[0]} as an inline array ({inline[0]} = [...]), to which a "
            f"record cannot be added as a [[{inline[0]}]] table"
            if inline
            else "is laid out so that the change cannot be written in it"
        )
        raise CatalogueError(
            f"{name} {layout}; nothing was changed: make the change by hand with an editor"
        ) from None
    if new_data != intended:
        raise CatalogueError(
            f"{name}: the change could not be confined to its record's text, so nothing "
            "was written; make it by hand with an editor"
        )
    check_catalogue(new_data, name, new_text)  # raises with every problem
    return new_text


# The changes the keeping commands make. Each decides everything (which record, which id,
# whether it is named elsewhere) inside `change_catalogue`'s lock, against the file as it is
# then: a record located before the lock could be another record by the time it is changed.


KEPT_ORDER = ("organisations", "contacts", "materials", "events")  # their order in a file
_NAMING = ("contacts", "organisations")  # the fields of a material a spreadsheet names by name


def _position(data: Mapping[str, Any], kind: str, record_id: str, shown: str) -> int:
    """Where the record of `kind` with this id is in the file as it is now."""
    for position, record in enumerate(data.get(kind, [])):
        if record.get("id") == record_id:
            return position
    raise NotFoundError(f"{shown} has no {SINGULAR[kind]} {record_id!r} (any more)")


def _names(data: Mapping[str, Any]) -> Names:
    return Names.of(
        [contact_from_record(c) for c in data.get("contacts", [])],
        [organisation_from_record(o) for o in data.get("organisations", [])],
    )


def _made(
    kind: str,
    record: Mapping[str, Any],
    taken: Container[str],
    twins: Callable[[str], list[str]] | None,
    record_id: str | None,
) -> dict[str, Any]:
    """The record to add: its id is `record_id`, or one made from its title or name that none
    of its kind has (`taken`); where `twins` is given (the ids of the materials with a title),
    a material whose title another has already is refused, naming it."""
    if twins is not None and kind == "materials":
        found = twins(record["title"])
        if found:
            raise UsageError(
                f"there is already a material titled {record['title']!r} ({found[0]}); "
                "add --allow-duplicate-title to add another"
            )
    new_id = record_id or slug(record.get("title") or record["name"], taken, SINGULAR[kind])
    if new_id in taken:
        raise UsageError(f"there is already a {SINGULAR[kind]} {new_id!r}; choose another --id")
    return {"id": new_id, **record}


def add_record(
    path: Path,
    kind: str,
    given: Mapping[str, Any],
    *,
    record_id: str | None,
    force: bool = False,
    same_title: bool = True,
    cache_dir: Path | None = None,
) -> str:
    """Add a record of `kind` made from what a person gave (`core.records.new_record`: names of
    contacts and organisations read against the file as it is now), after the last of its kind
    (a material at the end of the file); its id is `record_id`, or one made from its title or
    name that none of its kind has now. Without `same_title`, a material whose title another
    has already is refused, naming it. Returns the id. The index in `cache_dir`, where it is
    current, answers for the file and is kept current."""
    added: list[str] = []

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        record = new_record(given, _names(data), kind)
        records = data.get(kind, [])

        def twins(title: str) -> list[str]:
            folded = fold(title)  # once, not once a record
            return [r["id"] for r in records if fold(r.get("title", "")) == folded]

        taken = {r["id"] for r in records}
        new = _made(kind, record, taken, None if same_title else twins, record_id)
        added.append(new["id"])
        if kind == "materials":  # the most numerous, and the last but events: at the end
            new_text = appended(text, record_block(kind, new))
        else:  # among its kind, else before the kinds that come after it in a file
            later = KEPT_ORDER[KEPT_ORDER.index(kind) + 1 :]
            new_text = placed(text, kind, record_block(kind, new), later)
        return new_text, {**data, kind: [*records, new]}

    def fast(materials: Materials) -> Delta | None:
        if kind != "materials":
            return None
        known = materials.known
        record = new_record(given, known.names(), kind)
        twins = None if same_title else known.titled
        new = _made(kind, record, known.ids(kind), twins, record_id)
        added.append(new["id"])
        end = len(materials.text)
        added_text = appendix(materials.text, record_block(kind, new))
        return Delta(None, new, end, end, added_text, materials.count)

    change_catalogue(path, change, read_only_too=force, cache_dir=cache_dir, fast=fast)
    return added[-1]


def _one_kind(having: Sequence[str], record_id: str, kinds: Sequence[str]) -> str:
    """The one kind of `kinds` that has a record with this id (`having`: those that have)."""
    if not having:
        what = SINGULAR[kinds[0]] if len(kinds) == 1 else "record"
        raise NotFoundError(f"no {what} {record_id!r}.")
    if len(having) > 1:
        choices = ", ".join(f"{SINGULAR[kind]}:{record_id}" for kind in having)
        raise AmbiguousError(
            f"{record_id!r} is the id of more than one record; say which: {choices}"
        )
    return having[0]


def kind_of_id(data: Mapping[str, Any], record_id: str, kinds: Sequence[str], shown: str) -> str:
    """The one kind of `kinds` that has a record with this id in the file as it is now."""
    having = [kind for kind in kinds if any(r.get("id") == record_id for r in data.get(kind, []))]
    return _one_kind(having, record_id, kinds)


def _refuse_named(record_id: str, named: Sequence[tuple[str, str]]) -> None:
    """Refuse to remove a record that others name: (the record, the field that names it)."""
    names = "; ".join(f"{name} ({field})" for name, field in named)
    raise UsageError(
        f"{record_id!r} is named by {names}; take it out of those first, or add "
        "--force to remove the names too"
    )


def remove_record(
    path: Path,
    kinds: Sequence[str],
    record_id: str,
    *,
    force: bool,
    cache_dir: Path | None = None,
) -> tuple[str, list[str]]:
    """Take the record with this id (of the one kind of `kinds` that has it) out of the file;
    refused while other records name it, or the file is read-only, unless `force`, which takes
    those names out too. Returns its kind and the records whose names of it were taken out.
    The index in `cache_dir`, where it is current, answers for the file and is kept current."""
    shown = str(path)
    done: list[tuple[str, list[str]]] = []

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        kind = kind_of_id(data, record_id, kinds, shown)
        position = _position(data, kind, record_id, shown)
        named = naming(data, kind, record_id)
        if named and not force:
            _refuse_named(record_id, [(name, field) for _, _, field, name in named])
        intended = dict(data)  # the lists and records changed are copies; the rest shared
        # Names of it in other records first: the positions of records do not change until
        # the record itself goes.
        for other, index, field, _ in named:
            if index is None:
                record = intended[other] = dict(intended[other])
            else:
                intended[other] = list(intended[other])
                record = intended[other][index] = dict(intended[other][index])
            block = text_of(text, other, index)
            kept = [key for key in record[field] if key != record_id]
            if isinstance(record[field], list) and kept:
                record[field] = kept
                new_block = None if block is None else without_item(block, field, record_id)
            else:  # a single name, or the last of a list: the field goes
                del record[field]
                new_block = None if block is None else without_key(block, field)
            new_text = None if new_block is None else replaced(text, other, index, new_block)
            if new_text is None:
                raise UsageError(
                    f"could not find where {SINGULAR[other]} #{(index or 0) + 1} names it"
                )
            text = new_text
        new_text = removed(text, kind, position)
        if new_text is None:
            raise UsageError(f"could not find the text of {record_id!r} in {shown}")
        intended[kind] = [r for at, r in enumerate(intended[kind]) if at != position]
        if not intended[kind]:  # the last [[kind]] gone: the file has no such key
            del intended[kind]
        done.append((kind, [name for _, _, _, name in named]))
        return new_text, intended

    def fast(materials: Materials) -> Delta | None:
        known = materials.known
        having = [kind for kind in kinds if record_id in known.ids(kind)]
        if _one_kind(having, record_id, kinds) != "materials":
            return None
        named = known.naming("materials", record_id)
        if named and not force:
            _refuse_named(record_id, named)
        found = known.material(record_id)
        if named or found is None or materials.count == 1:  # names to take out too
            return None
        index, old = found
        span = materials.changed(record_id, None)
        if span is None:
            return None
        done.append(("materials", []))
        return Delta(old, None, span[0], span[1], span[2], index)

    change_catalogue(path, change, read_only_too=force, cache_dir=cache_dir, fast=fast)
    return done[-1]


def _index(data: Mapping[str, Any], kind: str, record_id: str, shown: str) -> int | None:
    """Where the record is: its position in its array, None for the project."""
    if kind == "project":
        if not isinstance(data.get("project"), dict) or data["project"].get("id") != record_id:
            raise NotFoundError(f"{shown} has no project {record_id!r} (any more)")
        return None
    return _position(data, kind, record_id, shown)


def _known_block(path: Path, record_id: str, cache_dir: Path) -> str | None:
    """The text of the material with this id, found through the index where it is current for
    the file as it is (and the text there is the material the index has); else None."""
    from talenthub_cli.storage.index import IndexChange, Stamp

    stamp = Stamp.of(path)
    text = read_text(path, str(path))
    if Stamp.of(path) != stamp:
        return None
    known = IndexChange.open(path, cache_dir, stamp)
    if known is None:
        return None
    try:
        materials = Materials(text, known)
        found = known.material(record_id) if materials.agree() else None
        block = None if found is None else materials.block(record_id)
        if found is None or block is None:
            return None
        if _parsed_alone(block[2], str(path)) != {"materials": [found[1]]}:
            return None
        return block[2]
    finally:
        known.close()


def record_text(path: Path, kind: str, record_id: str, *, cache_dir: Path | None = None) -> str:
    """The text of a record in the file as it is now: what an edit starts from. A material is
    found through the index in `cache_dir` where it is current."""
    path = path.resolve()
    if kind == "materials" and cache_dir is not None:
        block = _known_block(path, record_id, cache_dir)
        if block is not None:
            return block
    text = read_text(path, str(path))
    data = parse_toml(text, str(path))
    found = text_of(text, kind, _index(data, kind, record_id, str(path)))
    if found is None:
        raise UsageError(f"could not find the text of {record_id!r} in {path}")
    return found


def replace_record(
    path: Path,
    kind: str,
    record_id: str,
    original: str,
    edited: str,
    *,
    cache_dir: Path | None = None,
) -> None:
    """Put `edited` (one [[kind]] table, or the [project] table) in place of the record, if its
    text is still `original`, as it was when the edit began (others may have changed other
    records). The index in `cache_dir`, where it is current, answers for the file and is kept
    current."""
    parsed = parse_toml(edited, "the edited text")
    records = parsed.get(kind)
    header = "[project]" if kind == "project" else f"[[{kind}]]"
    if kind == "project":
        ok = set(parsed) == {"project"} and isinstance(records, dict)
    else:
        ok = set(parsed) == {kind} and isinstance(records, list) and len(records) == 1
    if not ok:
        raise UsageError(f"the text must be one {header} table, as it was")
    if not edited.endswith("\n"):
        edited += "\n"

    def changed_meanwhile() -> UsageError:
        return UsageError(
            f"{record_id} was changed in {path} while you were editing it; your text was "
            "not saved over it"
        )

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        index = _index(data, kind, record_id, str(path))
        if text_of(text, kind, index) != original:
            raise changed_meanwhile()
        new_text = replaced(text, kind, index, edited)
        if new_text is None:
            raise UsageError(f"could not find the text of {record_id!r} in {path}")
        if index is None:
            return new_text, {**data, "project": records}
        assert isinstance(records, list)
        changed = list(data[kind])
        changed[index] = records[0]
        return new_text, {**data, kind: changed}

    def fast(materials: Materials) -> Delta | None:
        known = materials.known
        found = known.material(record_id) if kind == "materials" else None
        if found is None:
            return None
        index, old = found
        block = materials.block(record_id)
        if block is None:
            return None
        if block[2] != original:
            raise changed_meanwhile()
        assert isinstance(records, list)
        new = records[0]
        if new.get("id") != record_id and known.naming(kind, record_id):
            return None  # its names elsewhere would name nothing: said as a whole check says it
        span = materials.changed(record_id, edited)
        if span is None:
            return None
        return Delta(old, new, span[0], span[1], span[2], index)

    change_catalogue(path, change, cache_dir=cache_dir, fast=fast)


@dataclasses.dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import adds, changes and leaves, decided against the file under the lock."""

    added: list[Mapping[str, Any]] = dataclasses.field(default_factory=list)
    updated: list[Mapping[str, Any]] = dataclasses.field(default_factory=list)
    unchanged: list[Mapping[str, Any]] = dataclasses.field(default_factory=list)
    skipped: list[Mapping[str, Any]] = dataclasses.field(default_factory=list)
    created: list[tuple[str, Mapping[str, Any]]] = dataclasses.field(default_factory=list)


def _merged(record: Mapping[str, Any], row: Mapping[str, Any], fields: frozenset[str]) -> Record:
    """A record with a row's fields in place of its own: where the row has a column, its cell
    (an empty cell clears the field); where it has none, the record's own value. In the
    catalogue's field order."""
    merged = {k: v for k, v in record.items() if k not in fields} | dict(row)
    return {name: merged[name] for name in MATERIAL_FIELDS if name in merged}


def _create_missing(
    text: str, data: dict[str, Any], missing: Sequence[Missing], plan: ImportPlan
) -> tuple[str, dict[str, Any], dict[Missing, str]]:
    """The contacts and organisations a spreadsheet names that the file has not, made (each
    after the last of its kind) unless the file has them now; their ids, by what named them."""
    from talenthub_cli.core.query import match_contacts, match_organisations

    ids: dict[Missing, str] = {}
    for wanted in missing:
        records = data.get(wanted.kind, [])
        names = _names(data)
        try:  # another writer may have made it meanwhile
            if wanted.kind == "contacts":
                found = match_contacts(wanted.email or wanted.name, names.contacts())
            else:
                found = match_organisations(wanted.name, names.organisations())
        except UsageError:
            found = []
        if len(found) == 1:
            ids[wanted] = found[0]
            continue
        new_id = slug(wanted.name, {r.get("id") for r in records}, SINGULAR[wanted.kind])
        record = {"id": new_id, "name": wanted.name}
        if wanted.email:
            record["email"] = wanted.email
        later = KEPT_ORDER[KEPT_ORDER.index(wanted.kind) + 1 :]
        text = placed(text, wanted.kind, record_block(wanted.kind, record), later)
        data = {**data, wanted.kind: [*records, record]}
        ids[wanted] = new_id
        plan.created.append((wanted.kind, record))
    return text, data, ids


def import_materials(
    path: Path, rows: Rows, *, update: bool, write: bool, create_missing: bool = False
) -> ImportPlan:
    """Add the materials whose ids are new (a row without an id gets one made from its title,
    here, where no other writer can take it meanwhile); with `update`, change those already
    there where the row changes them (field by field, the comments above the record kept),
    else leave them. With `create_missing`, the contacts and organisations the rows name that
    the file has not are made in the same change. Without `write`, everything is checked and
    nothing written."""
    plans: list[ImportPlan] = []
    if rows.missing and not create_missing:
        raise UsageError("the spreadsheet names contacts or organisations the catalogue has not")

    def change(text: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        plan = ImportPlan()
        text, data, made = _create_missing(text, data, rows.missing, plan)
        materials = list(data.get("materials", []))
        position = {m.get("id"): index for index, m in enumerate(materials)}
        new_blocks: list[str] = []
        for given in rows.records:
            row: dict[str, Any] = {
                key: [made.get(item, item) for item in value] if key in _NAMING else value
                for key, value in given.items()
            }
            index = position.get(row.get("id"))
            if index is None:
                record = dict(row)
                lacking = [name for name in ("title", "type") if name not in record]
                if lacking:
                    raise UsageError(
                        f"{record.get('id', 'a row')!r} is not in {path.name}, and a new "
                        f"material needs a {' and a '.join(lacking)}: add the column"
                    )
                if "id" not in record:
                    taken = set(position) | {m.get("id") for m in materials}
                    record = {"id": slug(record["title"], taken), **record}
                new_blocks.append(material_block(record))
                position[record["id"]] = len(materials)
                materials.append(record)
                plan.added.append(record)
            elif not update:
                plan.skipped.append(row)
            else:
                record = _merged(materials[index], row, rows.fields)
                # Equal as materials: an empty list written out (`contacts = []`) and an empty
                # cell are the same nothing.
                if material_from_record(record) == material_from_record(materials[index]):
                    plan.unchanged.append(record)
                    continue
                block = text_of(text, "materials", index)
                found = None
                if block is not None:
                    new_block = leading_comments(block) + material_block(record)
                    found = replaced(text, "materials", index, new_block)
                if found is None:
                    raise UsageError(f"could not find the text of {record['id']!r}")
                text, materials[index] = found, record
                plan.updated.append(record)
        if new_blocks:  # at the end, at once: a text rebuilt for each row would take n² time
            text = appended(text, "\n".join(new_blocks))
        plans.append(plan)
        return text, ({**data, "materials": materials} if materials else data)

    change_catalogue(path, change, write=write)
    return plans[-1]
