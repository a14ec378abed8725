"""The one error hierarchy. Every message is ready to be read by a person as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Sequence


class TalenthubError(Exception):
    """Base of every error the program expects; `str(error)` is the message for the user."""


class UsageError(TalenthubError):
    """An option or argument the user gave cannot be used (unknown type, bad column, bad date)."""


class DateError(UsageError):
    """A string that is not a valid EDTF date."""

    def __init__(self, text: str, reason: str, hint: str | None = None) -> None:
        self.text = text
        self.reason = reason
        self.hint = hint
        message = f"{text!r} is not a valid EDTF date: {reason}"
        super().__init__(f"{message}. {hint}" if hint else message)


class DateRangeError(DateError):
    """A range of dates `a..b` that is not one: no date on either side, or an end before its
    start. Its message is the reason alone: a range is not an EDTF date."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        self.hint = None
        UsageError.__init__(self, reason)


class CatalogueError(TalenthubError):
    """The catalogue cannot be read: missing file, TOML syntax error, unreadable config."""


class WriteError(TalenthubError):
    """A file cannot be written: it exists and may not be replaced, or the folder refuses it."""


class TomlSyntaxError(CatalogueError):
    """A file that is not TOML; `problem` says where (the line) and what."""

    def __init__(self, message: str, problem: Problem) -> None:
        super().__init__(message)
        self.problem = problem


class CheckFailedError(TalenthubError):
    """`talenthub check` found errors in a catalogue (they were printed as the findings)."""


class DeclinedError(TalenthubError):
    """The user answered no to a confirmation: nothing was changed."""


class GaveUpError(TalenthubError):
    """The user gave up an edit that did not validate: nothing was changed."""


class NotFoundError(TalenthubError):
    """Nothing matches what the user asked for (an unknown id)."""


class AmbiguousError(NotFoundError):
    """What the user asked for matches more than one record."""


@frozen
class Problem:
    """One thing wrong in a catalogue, with where it is and, where we can tell, how to fix it."""

    message: str
    file: str
    line: int | None = None
    record: str | None = None  # "material 'guidebook'"
    field: str | None = None
    hint: str | None = None

    def explained(self) -> str:
        """What is wrong and how to fix it, without where: "material 'x', field 'url': ..."."""
        subject = ", ".join(
            part for part in (self.record, f"field {self.field!r}" if self.field else None) if part
        )
        text = f"{subject}: {self.message}" if subject else self.message
        return f"{text} ({self.hint})" if self.hint else text

    def located(self, severity: str | None = None) -> str:
        """The problem after its file:line, and its severity if given: "f.toml:3: error: ..."."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {severity + ': ' if severity else ''}{self.explained()}"

    def __str__(self) -> str:
        return self.located()


class InvalidCatalogueError(CatalogueError):
    """A catalogue that parses as TOML but breaks the catalogue's rules; holds every problem."""

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = tuple(problems)
        count = len(self.problems)
        if count == 1:
            message = str(self.problems[0])
        else:
            lines = "\n".join(f"  {problem}" for problem in self.problems)
            message = f"{file} is not a valid catalogue ({count} problems):\n{lines}"
        super().__init__(message)
