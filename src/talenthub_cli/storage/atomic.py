"""Writing a file so that it is either whole or not there: the text goes to a temporary file in
the same folder, is flushed and fsynced, and is then renamed into place in one step. A failure or
an interruption on the way leaves the folder as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from talenthub_cli.core.errors import WriteError

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

T = TypeVar("T")


def _default_mode() -> int:
    """The permissions a new file gets from open(): 0o666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def write_atomically(
    path: Path,
    fill: Callable[[TextIO], T],
    *,
    replace: bool,
    mode: int | None = None,
    written: Callable[[os.stat_result], None] | None = None,
) -> T:
    """Write the text that `fill` writes to a stream into `path`, whole or not at all.

    Without `replace`, an existing file is refused (WriteError) and never touched, even if it
    appears while the text is being written. `mode` is the new file's permissions; by default an
    existing file's are kept and a new file gets the usual ones. `written` is given the status
    of the new file as written, before it takes the name `path` (a change that lands on `path`
    after that is not this one).
    """
    folder = path.parent
    if path.is_dir():
        raise WriteError(f"{path} is a folder; name a file to write")
    if not replace and path.exists():
        raise WriteError(f"{path} already exists; add --force to replace it")
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot write to {folder}: {_reason(error)}") from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            result = fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
            if written is not None:
                written(os.fstat(stream.fileno()))
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o7777
            except OSError:
                mode = _default_mode()
        temporary.chmod(mode)
        if replace:
            temporary.replace(path)
        else:
            _place_new(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise WriteError(f"cannot write {path}: {_reason(error)}") from None
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(folder)
    return result


def _place_new(temporary: Path, path: Path) -> None:
    """Move the finished file to `path` unless something is there by now: a hard link fails if
    the name exists, where a rename would silently replace it."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise WriteError(f"{path} already exists; add --force to replace it") from None
    except OSError:
        # A file system without hard links: check, then rename (a narrow race, but no other way).
        if path.exists():
            raise WriteError(f"{path} already exists; add --force to replace it") from None
        temporary.replace(path)
        return
    temporary.unlink()


def make_folder(folder: Path) -> None:
    """Make `folder` and its parents where they are missing; WriteError, saying why, where one
    cannot be made (no permission, or a file where a folder should be)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(f"cannot make the folder {folder}: a file has its name") from None
    except OSError as error:
        raise WriteError(f"cannot make the folder {folder}: {_reason(error)}") from None
