"""Where things are in a TOML text: the line of each table and of each key in it.

tomllib gives values without positions, so problems are placed by this small scan of the text.
It runs only when there is a problem to report, never on a good load.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

_KEY = re.compile(r"""\s*(?:"(?P<dq>[^"\\]*)"|'(?P<sq>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))\s*[.=]""")
_HEADER = re.compile(r"\s*(?P<open>\[\[?)\s*(?P<name>[A-Za-z0-9_.\"' -]+?)\s*\]\]?")

# What a line must hold to open or close an array, an inline table or a multi-line string.
_STATEFUL = re.compile(r"""[\[\]{}]|"{3}|'{3}""")

Place = tuple[str, int | None, str | None]  # table, index in its array (None: a plain table), key


class Locator:
    """Lines of tables and keys in a TOML text; 1-based, or None where the scan cannot tell.
    Where `only` names the records (table, index) whose lines are asked for, the scan keeps
    theirs alone, and ends after the last of them where each is an entry of an array of tables
    (whose lines are all between its header and the next): a few problems in a large file are
    placed without holding every line of it. Where `keys` names the keys asked for, the lines
    of no others are kept (a record's own line is kept all the same). `headers` needs the whole
    scan."""

    def __init__(
        self,
        text: str,
        only: Collection[tuple[str, int | None]] | None = None,
        keys: Collection[str] | None = None,
    ) -> None:
        self._text = text
        self._only = only
        self._keys = keys

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        """The line of `key` in the `index`-th `[[table]]` (or in `[table]`), else of the table."""
        places = self._places
        if key is not None and (table, index, key) in places:
            return places[(table, index, key)]
        return places.get((table, index, None))

    def headers(self) -> list[tuple[int, str, int | None]]:
        """Every table header: its line, its table's name and its index in an array of tables
        (None for a plain table), in the order of the text. Lines in multi-line strings and
        arrays are not headers."""
        assert self._only is None
        self._places  # noqa: B018 (the scan fills both)
        return self._headers

    @cached_property
    def _places(self) -> dict[Place, int]:
        self._headers: list[tuple[int, str, int | None]] = []
        places: dict[Place, int] = {}
        counts: dict[str, int] = {}
        current: tuple[str, int | None] = ("", None)
        depth = 0  # inside a multi-line array or inline table
        open_string: str | None = None  # the delimiter of a multi-line string we are in
        only = self._only
        keys = self._keys
        # The records still to be scanned, where the scan may end after the last of them.
        left = None
        if only is not None and all(index is not None for _, index in only):
            left = set(only)
        for number, line in _lines(self._text, keys):
            start = 0
            if open_string is not None:
                end = line.find(open_string)
                if end < 0:
                    continue
                start, open_string = end + 3, None
            elif depth == 0:
                # A header begins with a bracket, perhaps after spaces: most lines are keys.
                first = line[:1]
                header = _HEADER.match(line) if first == "[" or first.isspace() else None
                if header is not None:
                    name = header["name"].replace('"', "").replace("'", "").replace(" ", "")
                    index: int | None = None
                    if header["open"] == "[[":
                        index = counts.get(name, 0)
                        counts[name] = index + 1
                    if left is not None:
                        left.discard(current)
                        if not left:
                            break
                    current = (name, index)
                    if only is None:
                        self._headers.append((number, name, index))
                    parent, _, child = name.rpartition(".")
                    if only is None or current in only:
                        places.setdefault((name, index, None), number)
                    # [[project.titles]] is the key `titles` of [project]; [project] the key
                    # `project` of the top level
                    if (only is None or (parent, None) in only) and (keys is None or child in keys):
                        places.setdefault((parent, None, child), number)
                    continue
                key = _KEY.match(line)
                if key is not None:
                    if only is None or current in only:
                        name = key["dq"] or key["sq"] or key["bare"]
                        if keys is None or name in keys:
                            places.setdefault((current[0], current[1], name), number)
                    start = key.end()
                    if _ONE_LINE_VALUE.match(line, start) is not None:
                        continue  # a value that opens nothing it does not close: most of them
                    if line.endswith("[") and line[start:].strip() == "[":
                        depth = 1  # an array written a value a line, as tomli-w writes them
                        continue
            elif line.strip() in _CLOSING:
                depth -= 1
                continue
            if _STATEFUL.search(line, start) is not None:  # most lines change nothing
                depth, open_string = _scan_value(line, start, depth)
        return places


# A value on one line that leaves the scan's state as it was: a string of one line, an array of
# such strings, or anything else without quotes, brackets or braces; then perhaps a comment.
_ONE_LINE_VALUE = re.compile(
    r"""[ \t]*(?:"(?:[^"\\]|\\.)*"|\[(?:[ \t]*"(?:[^"\\]|\\.)*"[ \t]*,?)*[ \t]*\]"""
    r"""|[^"'\[\]{}#]*)[ \t]*(?:#.*)?\Z"""
)

# A line that closes an array or inline table and holds nothing else.
_CLOSING = frozenset(("]", "],", "}", "},"))

_CHUNK = 1 << 20  # characters of text split into lines at a time


def _lines(text: str, keys: Collection[str] | None) -> Iterator[tuple[int, str]]:
    """The lines of `text` that a scan for the lines of `keys` (None: of every key) needs, each
    with its number: every line, else (where lines end in line feeds alone) only those that
    may hold a header, one of `keys` or a change of the scan's state."""
    if keys is None or _OTHER_BREAKS.search(text) is not None:
        return enumerate(_every_line(text), start=1)
    return _lines_needed(text, keys)


def _every_line(text: str) -> Iterator[str]:
    """The lines of `text`, as `str.splitlines` gives them, without holding a list of them all:
    split a piece at a time, each piece ending just after a line feed (which ends a line
    whatever comes before or after it)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _CHUNK)
        end = len(text) if end < 0 else end + 1
        yield from text[start:end].splitlines()
        start = end


# What `str.splitlines` ends a line at, but for the line feed.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

_SPACE = r"[^\S\n]*"
_BASIC_STRING = r'"(?:[^"\\\n]++|\\.)*+"'


def _skipped(keys: Collection[str]) -> re.Pattern[str]:
    """The lines a scan for `keys` passes over unchanged, as many as follow one another: a line
    with no bracket, brace or triple quote that is not a key of `keys`; an array of one-line
    strings written an item a line (as tomli-w writes them) under a key not of `keys`."""
    names = "|".join(
        f"\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)}" for key in sorted(keys)
    )
    not_asked = f"(?!{_SPACE}(?:{names}){_SPACE}[.=])" if keys else ""
    line = rf"""{not_asked}(?:[^\[\]{{}}"'\n]++|"(?!"")|'(?!''))*+\n"""
    array = (
        rf"{not_asked}{_SPACE}[A-Za-z0-9_-]+{_SPACE}={_SPACE}\[{_SPACE}\n"
        rf"(?:{_SPACE}{_BASIC_STRING}{_SPACE},?{_SPACE}\n)*{_SPACE}\]{_SPACE}\n"
    )
    return re.compile(f"(?:{array}|{line})*")


def _lines_needed(text: str, keys: Collection[str]) -> Iterator[tuple[int, str]]:
    skip = _skipped(keys).match
    count = text.count
    number, at = 1, 0
    while True:
        skipped = skip(text, at)  # a pattern of `*`: it matches, if only nothing
        assert skipped is not None
        start = skipped.end()
        if start >= len(text):
            return
        number += count("\n", at, start)
        end = text.find("\n", start)
        if end < 0:
            yield number, text[start:]
            return
        yield number, text[start:end]
        number, at = number + 1, end + 1


# What changes the state of a scan: a comment, a triple quote, a one-line string (skipped, to
# the end of the line if it is not closed), a bracket or a brace; found by the regex engine
# rather than a character at a time.
_TOKEN = re.compile(r'''"""|\'\'\'|"(?:[^"\\]|\\.)*(?:"|\\?$)|'[^']*(?:'|$)|[#\[\]{}]''')


def _scan_value(line: str, position: int, depth: int) -> tuple[int, str | None]:
    """Follow brackets and strings from `position` to the end of the line."""
    search = _TOKEN.search
    while (token := search(line, position)) is not None:
        found = token.group()
        position = token.end()
        if found == "#":
            break
        if found in ('"""', "'''"):
            end = line.find(found, position)
            if end < 0:
                return depth, found
            position = end + 3
        elif found in "[{":
            depth += 1
        elif found in "]}":
            depth = max(depth - 1, 0)
    return depth, None


_TOML_POSITION = re.compile(r"\(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_END = re.compile(r"\(at end of document\)$")


def toml_error_position(message: str, text: str) -> tuple[str, int | None, int | None]:
    """Split tomllib's "msg (at line L, column C)" into the message and its position."""
    match = _TOML_POSITION.search(message)
    if match is not None:
        return message[: match.start()].rstrip(), int(match["line"]), int(match["column"])
    if _TOML_END.search(message):
        lines = text.splitlines() or [""]
        return _TOML_END.sub("", message).rstrip(), len(lines), len(lines[-1]) + 1
    return message, None, None
