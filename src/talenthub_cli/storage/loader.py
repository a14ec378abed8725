"""Reading a catalogue file: bytes, TOML, then the catalogue's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    CheckedCatalogue,
    Findings,
    advise,
    build_catalogue,
    check_catalogue,
)
from talenthub_cli.storage.bulk import collector_paused

if TYPE_CHECKING:
    from pathlib import Path

    from talenthub_cli.core.model import Catalogue


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
    try:
        with collector_paused():
            return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message, line, column = toml_error_position(str(error), text)
        where = shown if line is None else f"{shown}:{line}:{column}"
        problem = Problem(f"invalid TOML: {message}", shown, line)
        raise TomlSyntaxError(f"{where}: invalid TOML: {message}", problem) from None


def load_catalogue(path: Path, shown: str | None = None) -> Catalogue:
    """The catalogue at `path`, checked; every problem is raised at once, with file:line."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name)
    with collector_paused():
        return build_catalogue(parse_toml(text, name), name, text)


def load_checked(path: Path, shown: str | None = None) -> CheckedCatalogue:
    """The records of the catalogue at `path` once they keep every rule, without building the
    catalogue's objects: what the index is made from. `shown` is how messages name the file."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name)
    with collector_paused():
        return check_catalogue(parse_toml(text, name), name, text)


def check_file(path: Path, shown: str | None = None) -> Findings:
    """Every problem of the catalogue at `path`, errors and (if there are none) warnings. A file
    that cannot be read at all is a CatalogueError, not a finding."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name)
    try:
        with collector_paused():
            checked = check_catalogue(parse_toml(text, name), name, text)
    except InvalidCatalogueError as error:
        return Findings(name, errors=error.problems)
    except TomlSyntaxError as error:
        return Findings(name, errors=(error.problem,))
    return Findings(
        name, warnings=tuple(advise(checked, name, text)), materials=len(checked.materials)
    )
