"""The installed `talenthub` run in a pseudo-terminal of a given size, and its screen read back
with a terminal emulator (pyte): what a person at that terminal sees."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyte
import wcwidth
from ptyprocess import PtyProcessUnicode

from talenthub_cli.storage.paths import bundled_catalogue

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def talenthub() -> str:
    """The installed command, beside the Python that runs the tests."""
    found = Path(sys.executable).with_name("talenthub")
    return str(found) if found.exists() else shutil.which("talenthub") or "talenthub"


@dataclass(frozen=True)
class Screen:
    lines: list[str]  # the screen's rows, without trailing blanks, blank rows at the end dropped
    raw: str  # everything the program wrote to the terminal
    code: int | None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def written_lines(self) -> list[str]:
        """The lines the program wrote, escapes taken out: what a terminal would have to fit."""
        return _ESCAPE.sub("", self.raw).replace("\r", "").split("\n")


def environment(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment with its own user folders (XDG), so that no run reads the user's."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "TALENTHUB_PAGER": "",
    }
    env.update(extra or {})
    return env


def run_in_terminal(
    arguments: Sequence[str],
    *,
    columns: int,
    rows: int = 300,
    env: Mapping[str, str],
    keys: Iterable[tuple[float, str]] = (),
    timeout: float = 60.0,
) -> Screen:
    """Run `talenthub ARGUMENTS` in a pseudo-terminal `columns` wide and `rows` high; `keys` are
    typed after the given number of seconds each. Returns the screen once the program ends."""
    process = PtyProcessUnicode.spawn(
        [talenthub(), *arguments], dimensions=(rows, columns), env=dict(env)
    )
    screen = pyte.Screen(columns, rows)
    stream = pyte.Stream(screen)
    pending = list(keys)
    written: list[str] = []
    began = time.monotonic()
    while True:
        if pending and time.monotonic() - began >= pending[0][0]:
            process.write(pending.pop(0)[1])
        if time.monotonic() - began > timeout:
            process.terminate(force=True)
            raise TimeoutError(f"talenthub {' '.join(arguments)} did not end: {''.join(written)}")
        try:
            if not process.isalive() and not _readable(process):
                break
            if _readable(process):
                chunk = process.read(65536)
                written.append(chunk)
                stream.feed(chunk)
            else:
                time.sleep(0.02)
        except EOFError:
            break
    process.wait()
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return Screen(lines, "".join(written), process.exitstatus)


def _readable(process: PtyProcessUnicode) -> bool:
    import select

    try:
        ready, _, _ = select.select([process.fd], [], [], 0.05)
    except (OSError, ValueError):
        return False
    return bool(ready)


def words_of(lines: Iterable[str]) -> set[str]:
    """The words of a screen's text (to check a narrower screen of the same text against)."""
    found = set()
    for line in lines:
        for word in re.split(r"[\s│╭╮╰╯─]+", line):
            word = word.strip(".,;:()\"'`")
            if len(word) >= 3:
                found.add(word)
    return found


def display_width(text: str) -> int:
    return max(wcwidth.wcswidth(text), 0)


def whole_words() -> set[str]:
    """The words, ids, names and emails of the bundled catalogue that a screen must not split:
    every word of every text in it, but web addresses (folded where they do not fit)."""
    data = tomllib.loads(bundled_catalogue().read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            for word in value.split():
                word = word.strip(".,;:()\"'`")
                if len(word) >= 3 and "://" not in word and not word.startswith("www."):
                    found.add(word)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found


_EDGE = " │┃|╭╮╰╯─"
_SHORT_WORDS = {
    "a",
    "an",
    "as",
    "at",
    "be",
    "by",
    "do",
    "go",
    "if",
    "in",
    "is",
    "it",
    "no",
    "of",
    "on",
    "or",
    "so",
    "to",
    "up",
    "we",
}


def split_words(lines: Sequence[str], words: Iterable[str]) -> list[tuple[str, int]]:
    """The words that the screen shows split over lines: a word's beginning ends a line's cell,
    and its rest goes on at the same column on the lines below (as a table or a panel folds a
    word too long for its column, a character a line at worst). Each with the screen line it
    starts on."""
    wanted = set(words)
    prefixes = {word[:cut] for word in wanted for cut in range(1, len(word))}
    found = []
    for number, line in enumerate(lines):
        for column in range(len(line)):
            if line[column] in _EDGE or (column and line[column - 1] not in _EDGE):
                continue
            piece = _segment(line, column)
            if piece in wanted or piece.lower() in _SHORT_WORDS or piece not in prefixes:
                continue  # whole, or a word of its own ("with" before "in" is no split)
            joined, below = piece, number + 1
            while joined in prefixes and below < len(lines):
                more = _segment(lines[below], column)
                if not more or (column and lines[below][column - 1] not in _EDGE):
                    break
                joined, below = joined + more, below + 1
            if joined in wanted:
                found.append((joined, number))
    return found


def _segment(line: str, column: int) -> str:
    """The characters of `line` from `column` up to the next space or border."""
    end = column
    while end < len(line) and line[end] not in _EDGE:
        end += 1
    return line[column:end]
