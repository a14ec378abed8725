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
import os
import sys
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.errors import CatalogueError, WriteError
from talenthub_cli.core.validate import check_catalogue
from talenthub_cli.storage.atomic import write_atomically
from talenthub_cli.storage.loader import parse_toml, read_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from talenthub_cli.core.validate import CheckedCatalogue


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
        for stale in path.parent.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def change_catalogue(
    path: Path,
    change: Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]]],
    *,
    shown: str | None = None,
    write: bool = True,
) -> CheckedCatalogue:
    """Apply `change` to the catalogue at `path`, whole or not at all.

    `change` gets the current text and its data and returns the new text and the data it must
    parse to. If the new text parses to other data (the change reached beyond its record), or the
    data breaks a rule, nothing is written and the error says why. Without `write`, everything
    is checked and nothing written (a dry run).
    """
    name = shown if shown is not None else str(path)
    path = path.resolve()  # a symbolic link stays one: the file it points to is changed
    with locked(path):
        _sweep(path)
        old_text = read_text(path, name)
        old_data = parse_toml(old_text, name)
        new_text, intended = change(old_text, old_data)
        new_data = parse_toml(new_text, name)
        if new_data != intended:
            raise CatalogueError(
                f"{name}: the change could not be confined to its record's text, so nothing "
                "was written; make it by hand with an editor"
            )
        checked = check_catalogue(new_data, name, new_text)  # raises with every problem
        if not write:
            return checked
        mode = path.stat().st_mode & 0o7777
        write_atomically(backup_of(path), lambda out: out.write(old_text), replace=True, mode=mode)
        write_atomically(path, lambda out: out.write(new_text), replace=True, mode=mode)
    return checked
