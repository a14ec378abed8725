"""The one place where errors become a message on stderr and an exit code."""

from __future__ import annotations

from enum import IntEnum

from talenthub_cli.core.errors import (
    CatalogueError,
    CheckFailedError,
    DeclinedError,
    GaveUpError,
    NotFoundError,
    TalenthubError,
    UsageError,
    WriteError,
)


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # nothing matches, as grep does
    USAGE = 2  # bad option, argument, date or catalogue
    CHECK_FAILED = 3  # `check` found errors in the catalogue
    DECLINED = 4  # the user said no to a confirmation: nothing changed
    GAVE_UP = 5  # the user gave up an edit that did not validate: nothing changed
    INTERRUPTED = 130  # Ctrl-C
    BROKEN_PIPE = 141  # the reader went away (`talenthub list | head -1`), as after SIGPIPE


_CODES: dict[type[TalenthubError], ExitCode] = {
    NotFoundError: ExitCode.NOT_FOUND,
    UsageError: ExitCode.USAGE,
    CatalogueError: ExitCode.USAGE,
    WriteError: ExitCode.USAGE,
    CheckFailedError: ExitCode.CHECK_FAILED,
    DeclinedError: ExitCode.DECLINED,
    GaveUpError: ExitCode.GAVE_UP,
}


def exit_code(error: TalenthubError) -> ExitCode:
    for kind in type(error).__mro__:
        if kind in _CODES:
            return _CODES[kind]
    return ExitCode.USAGE


def message(error: TalenthubError) -> str:
    return f"talenthub: {error}"
