"""The editor round trip of `talenthub edit`: a record's text in a draft file, the user's editor
run on it, and the edited text read back without the lines talenthub put at its top."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from talenthub_cli.core.errors import (
    GaveUpError,
    InvalidCatalogueError,
    TalenthubError,
    UsageError,
)


class DraftError(UsageError):
    """The draft could not be read back after the editor ran: gone, a folder, not UTF-8."""


if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

MARK = "#! "  # the lines talenthub puts at the top of the draft; they are not part of the record


def editor_command(environ: Mapping[str, str], *, at_a_terminal: bool) -> list[str]:
    """$VISUAL, else $EDITOR, else an editor that is there: nano or vi where stdin and stdout
    are a terminal (`at_a_terminal`: elsewhere they would only write screen codes), notepad
    on Windows."""
    import shlex
    import shutil

    for variable in ("VISUAL", "EDITOR"):
        if environ.get(variable):
            try:
                words = shlex.split(environ[variable], posix=sys.platform != "win32")
            except ValueError as error:  # an unclosed quote
                raise UsageError(f"${variable} cannot be read as a command: {error}") from None
            # Windows keeps the quotes around a path with spaces: they are not part of it.
            return [word.strip('"') for word in words] if sys.platform == "win32" else words
    if sys.platform != "win32" and not at_a_terminal:
        raise UsageError(
            "no editor: set $EDITOR (or $VISUAL), e.g. export EDITOR=nano; nano or vi is "
            "started only where stdin and stdout are a terminal"
        )
    for candidate in ("notepad",) if sys.platform == "win32" else ("nano", "vi"):
        if shutil.which(candidate):
            return [candidate]
    raise UsageError("no editor found: set $EDITOR (or $VISUAL), e.g. export EDITOR=nano")


class Draft:
    """A temporary file holding the text being edited."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.keep = False  # leave the file when done: it holds text that could not be saved

    def write(self, text: str, notes: Sequence[str] = ()) -> None:
        """The text, with `notes` above it as #! lines."""
        header = "".join(f"{MARK}{note}\n" for note in notes)
        self.path.write_text(header + text, encoding="utf-8", newline="")

    def edit(self, command: Sequence[str]) -> str:
        """Run the editor on the draft and return what it saved, without the #! lines."""
        try:
            subprocess.run([*command, str(self.path)], check=True)
        except FileNotFoundError:
            raise UsageError(
                f"the editor {command[0]!r} is not installed; set $VISUAL or $EDITOR to one "
                "that is (e.g. export EDITOR=nano)"
            ) from None
        except subprocess.CalledProcessError as error:
            raise UsageError(
                f"the editor {command[0]!r} exited with status {error.returncode}; nothing was "
                "saved (set $VISUAL or $EDITOR to choose another)"
            ) from None
        except OSError as error:
            raise UsageError(
                f"the editor {command[0]!r} could not be run: {error.strerror}"
            ) from None
        text = self._read()
        return "".join(
            line for line in text.splitlines(keepends=True) if not line.startswith(MARK.rstrip())
        )

    def _read(self) -> str:
        try:
            data = self.path.read_bytes()
        except IsADirectoryError:
            raise DraftError(f"the draft {self.path} was replaced by a folder") from None
        except FileNotFoundError:
            raise DraftError(f"the draft {self.path} was deleted before it was read") from None
        except OSError as error:
            raise DraftError(f"the draft {self.path} cannot be read: {error.strerror}") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.keep = True  # the person's text is in it, in another encoding: never lose it
            line = data[: error.start].count(b"\n") + 1
            raise DraftError(
                f"the draft {self.path} is not UTF-8 text (line {line}); save it as UTF-8"
            ) from None

    def restore(self, text: str) -> None:
        """Put `text` back where the editor deleted the draft or left something else."""
        with contextlib.suppress(OSError):
            if self.path.is_dir():
                self.path.rmdir()
        self.write(text)


@contextlib.contextmanager
def draft(name: str, text: str) -> Iterator[Draft]:
    """A draft holding `text`, removed afterwards."""
    handle, path = tempfile.mkstemp(prefix=f"talenthub-{name}-", suffix=".toml")
    os.close(handle)
    found = Draft(Path(path))
    try:
        found.write(text)
        yield found
    finally:
        left = Path(path)  # the draft, or what the editor left in its place
        with contextlib.suppress(OSError):
            if found.keep:
                pass  # it holds the person's text, which could not be saved
            elif left.is_dir():
                left.rmdir()
            else:
                left.unlink(missing_ok=True)


def edit_until_valid(
    name: str,
    file: Path,
    text: str,
    command: Sequence[str],
    save: Callable[[str], None],
    again: Callable[[list[str]], bool],
) -> bool:
    """The visudo loop, for record `name` of `file`: open `command` on `text`; hand what it
    saved to `save`, which raises
    where it cannot be saved; then `again` gets the problems and says whether to edit once more
    (the problems at the top of the draft). Returns whether anything was saved (False: no
    change); GaveUpError when `again` says no. An editor that fails ends it (UsageError)."""
    with draft(name, text) as document:
        edited = text
        while True:
            problem: TalenthubError
            try:
                edited = document.edit(command)
            except DraftError as error:
                problem = error
            else:
                if edited == text:
                    return False
                try:
                    save(edited)
                except TalenthubError as error:
                    problem = error
                else:
                    return True
            problems = _lines(problem)
            if not again(problems):
                if not isinstance(problem, DraftError):
                    document.keep = True  # what the person wrote, not saved: never thrown away
                kept = f"; your text is kept in {document.path}" if document.keep else ""
                raise GaveUpError(f"{name} was not saved; {file} is as it was{kept}")
            if not isinstance(problem, DraftError):
                notes = [f"{name} was not saved:", *(f"  {line}" for line in problems)]
                notes.append("Put it right and save; lines starting #! are ignored.")
                document.write(edited, notes)
            elif not document.keep:
                document.restore(edited)  # the editor took the draft away: start from the last


def _lines(error: TalenthubError) -> list[str]:
    """What is wrong, a line a problem, without where (the draft is not the file)."""
    if isinstance(error, InvalidCatalogueError):
        return [problem.explained() for problem in error.problems]
    return [str(error)]
