"""Reading a catalogue file: bytes, TOML, then the catalogue's rules."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

# tomli is the standard library's tomllib as its own package, released with compiled wheels:
# it reads the same TOML to the same values about twice as fast (3.3 s against 6.3 s for a
# catalogue of 100,000 materials here), and reading is most of a cold run.
import tomli

from talenthub_cli.core.errors import (
    CatalogueError,
    InvalidCatalogueError,
    Problem,
    TomlSyntaxError,
)
from talenthub_cli.core.locate import toml_error_position
from talenthub_cli.core.validate import (
    Advice,
    CheckedCatalogue,
    Findings,
    RulesKept,
    advise,
    build_catalogue,
    check_catalogue,
    keeping_every_rule,
)
from talenthub_cli.storage.bulk import collector_paused

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from talenthub_cli.core.model import Catalogue
    from talenthub_cli.core.progress import Progress


def read_text(path: Path, shown: str) -> str:
    """The file's text; `shown` is how messages name it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogueError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise CatalogueError(f"{shown}: is a folder, not a catalogue file") from None
    except OSError as error:
        raise CatalogueError(f"{shown}: cannot read it: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogueError(f"{shown}:{line}: not UTF-8 text (TOML files are UTF-8)") from None


def parse_toml(text: str, shown: str) -> dict[str, object]:
    """The TOML in `text`, or a TomlSyntaxError that says where (`shown`:line) and what."""
    try:
        with collector_paused():
            return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message, line, column = toml_error_position(str(error), text)
        where = shown if line is None else f"{shown}:{line}:{column}"
        problem = Problem(f"invalid TOML: {message}", shown, line)
        raise TomlSyntaxError(f"{where}: invalid TOML: {message}", problem) from None
    except RecursionError:
        # tomli refuses arrays and inline tables nested past 400 levels and keys of more parts
        # than the recursion limit with a RecursionError, and says nowhere where.
        line = _first_failing_line(text, RecursionError, _deep)
        message = "arrays, inline tables or dotted keys nested too deeply to read"
    except ValueError:
        # Python refuses to read an integer of more digits than sys.get_int_max_str_digits()
        # (4,300), against a denial of service; tomli lets that ValueError through as it is.
        import sys

        line = _first_failing_line(text, ValueError, _long_number)
        limit = sys.get_int_max_str_digits()
        message = f"a whole number too long to read (more than {limit:,} digits)"
    where = shown if line is None else f"{shown}:{line}"
    problem = Problem(f"invalid TOML: {message}", shown, line)
    raise TomlSyntaxError(f"{where}: invalid TOML: {message}", problem) from None


def _deep(line: str) -> bool:
    """Whether `line` may be where tomli found too much nesting: what it is tried at first."""
    return sum(map(line.count, "[{.")) >= 400


def _long_number(line: str) -> bool:
    """Whether `line` may hold an integer too long to read: what it is tried at first."""
    return _DIGITS.search(line) is not None


_DIGITS = re.compile(r"[0-9][0-9_]{4299}")


def _first_failing_line(
    text: str, error: type[Exception], likely: Callable[[str], bool]
) -> int | None:
    """The line at which reading `text` first raises `error` (and not TOMLDecodeError), found
    by reading its beginnings: tomli reads from the start, so if the first N lines raise it,
    so do the first N + 1. Only on an error path, so the few extra reads do not matter."""

    def fails(lines: int) -> bool:
        cut = ends[lines - 1] if lines > 0 else 0
        try:
            with collector_paused():
                tomli.loads(text[:cut])
        except error as raised:
            return not isinstance(raised, tomli.TOMLDecodeError)
        except (RecursionError, ValueError):
            return False
        return False

    ends = [match.end() for match in re.finditer(r"\n|\Z", text)]
    if not ends or not fails(len(ends)):
        return None
    guess = next((n for n, line in enumerate(text.split("\n"), 1) if likely(line)), None)
    if guess is not None and fails(guess) and not fails(guess - 1):
        return guess
    low, high = 0, len(ends)  # the first `low` lines do not fail, the first `high` do
    while high - low > 1:
        middle = (low + high) // 2
        if fails(middle):
            high = middle
        else:
            low = middle
    return high


def load_catalogue(path: Path, shown: str | None = None) -> Catalogue:
    """The catalogue at `path`, checked; every problem is raised at once, with file:line."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name)
    with collector_paused():
        return build_catalogue(parse_toml(text, name), name, text)


def load_checked(
    path: Path, shown: str | None = None, progress: Progress | None = None
) -> CheckedCatalogue:
    """The records of the catalogue at `path` once they keep every rule, without building the
    catalogue's objects: what the index is made from. `shown` is how messages name the file;
    `progress` is told of each step."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name)
    with collector_paused():
        return _checked(text, name, progress)


def _checked(text: str, name: str, progress: Progress | None) -> CheckedCatalogue:
    """The records in `text` once they keep every rule, else every problem: read in pieces by
    rtoml where that is sure to read what tomli reads, by tomli where it is not and wherever
    there is something to tell (a TOML error or a rule broken), so that every message is the
    same whichever read the file first."""
    _step(progress, f"Reading {name}")
    pieces = read_in_pieces(text)
    if pieces is not None:
        _step(progress, "Checking the rules")
        checked = keeping_every_rule(pieces)
        if checked is not None:
            return checked
        # A rule is broken: told as tomli reads the file, with every problem and its line.
        del pieces  # let go before the file is read again
    return _checked_by_tomli(text, name, progress)


def _checked_by_tomli(text: str, name: str, progress: Progress | None) -> CheckedCatalogue:
    parsed = parse_toml(text, name)
    _step(progress, "Checking the rules")
    return check_catalogue(parsed, name, text)


def check_file(path: Path, shown: str | None = None, progress: Progress | None = None) -> Findings:
    """Every problem of the catalogue at `path`, errors and (if there are none) warnings. A file
    that cannot be read at all is a CatalogueError, not a finding. `progress` is told of each
    step."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name)
    try:
        with collector_paused():
            _step(progress, f"Reading {name}")
            advice = _advised_in_pieces(text, name)
            if advice is None:  # told as tomli reads the file
                advice = advise(_checked_by_tomli(text, name, progress), name, text)
    except InvalidCatalogueError as error:
        return Findings(name, errors=error.problems)
    except TomlSyntaxError as error:
        return Findings(name, errors=(error.problem,))
    _step(progress, "Looking for what is missing")
    return Findings(name, warnings=tuple(advice.placed()), materials=advice.materials)


def _advised_in_pieces(text: str, name: str) -> Advice | None:
    """The advice on the catalogue in `text`, read and checked a piece at a time (none of them
    held once it is checked): None where it is not sure to read as tomli reads it, or breaks a
    rule (tomli then reads it, to tell every problem)."""
    rules = RulesKept()
    advice = Advice(name, text)
    try:
        for piece in _pieces(text):
            if not rules.add(piece):
                return None
            advice.add(piece)
    except _NotSure:
        return None
    return advice if rules.end() else None


# The line that begins a material as talenthub (and tomli-w) writes it: where a catalogue's
# text is cut into pieces that are read one at a time.
_MATERIAL = "\n[[materials]]\n"
_PIECE = 1000  # materials in each piece
_LARGEST_PIECE = 4_000_000  # characters: a file that cannot be cut smaller is read by tomli


def read_in_pieces(text: str) -> dict[str, Any] | None:
    """What tomli reads in `text`, read by rtoml a thousand materials at a time; None where
    it cannot be sure of reading the same (tomli then reads the file, and tells any error).

    rtoml reads a large catalogue in a third of tomli's time, but holds the whole document in
    its own form as it builds Python's, 2.7 times tomli's memory: read in pieces, it holds one
    piece at a time. A piece ends where a line `[[materials]]` begins the next. Where that line
    is not a header (it is inside a multi-line string or array), the piece before it ends inside
    that string or array and is no TOML: so where every piece reads, each cut is between two
    statements, and each piece after the first is materials (tables that begin where it begins)
    and, in the last, whatever follows them. The pieces read as the whole file reads where
    the first (read by tomli) does not define `materials` and the others define nothing else
    but arrays of tables (`[[events]]`), no two the same.

    rtoml and tomli read every valid document of the toml-test suite to the same values, but
    for a byte-order mark (tomli refuses it) and a line break written CR LF in a multi-line
    string (tomli makes it LF): tomli reads those files. Where a table is named (`[a.b]`)
    before it is defined (`[a]`), rtoml puts it among its neighbours where it is defined,
    tomli where it is named: in a material or an event that holds a table, which no catalogue
    that keeps the rules has, its keys may come in another order. A catalogue that breaks a
    rule is read again by tomli before its problems are told (`_checked`)."""
    pieces = _pieces(text)
    try:
        parsed = next(pieces)
        for piece in pieces:
            # The materials in their place, after the tables before them.
            materials = parsed.setdefault("materials", [])
            materials.extend(piece.pop("materials"))
            parsed.update(piece)
    except _NotSure:
        return None
    return parsed


class _NotSure(Exception):
    """Reading in pieces may not read what tomli reads: tomli reads the file."""


def _pieces(text: str) -> Iterator[dict[str, Any]]:
    """The pieces of `text` as `read_in_pieces` reads them, one at a time: the first (what comes
    before the materials), then a thousand materials at a time (and, in the last, whatever
    follows them). Raises _NotSure, even after some pieces, where the pieces may not read as
    the whole file reads."""
    if text.startswith("\ufeff") or "\r" in text:
        raise _NotSure
    try:
        import rtoml
    except ImportError:  # a platform it has no wheel for
        raise _NotSure from None
    cuts = [0]
    count = 0
    at = text.find(_MATERIAL)
    while at >= 0:
        if count % _PIECE == 0:
            cuts.append(at + 1)
        count += 1
        at = text.find(_MATERIAL, at + len(_MATERIAL) - 1)
    cuts.append(len(text))
    defined: set[str] = set()  # the keys of the pieces so far but "materials"
    for start, end in itertools.pairwise(cuts):
        if end - start > _LARGEST_PIECE:
            raise _NotSure
        try:
            # The first piece (the project, organisations and contacts) by tomli, so that keys
            # come in tomli's order where tables are named before the table that holds them.
            piece = tomli.loads(text[:end]) if start == 0 else rtoml.loads(text[start:end])
        except Exception:  # whatever is refused, tomli reads again and explains
            raise _NotSure from None
        keys = set(piece)
        if start > 0:
            if "materials" not in piece or not all(type(v) is list for v in piece.values()):
                raise _NotSure
            keys.discard("materials")
        elif len(cuts) > 2 and "materials" in piece:
            raise _NotSure
        if not keys.isdisjoint(defined):
            raise _NotSure
        defined |= keys
        yield piece


def _step(progress: Progress | None, step: str) -> None:
    if progress is not None:
        progress(step)
