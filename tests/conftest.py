"""Shared fixtures: every test runs with its own user dirs, so none reads or writes the real home."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from talenthub_cli.cli.app import app
from talenthub_cli.cli.session import Given
from talenthub_cli.core.frozen import replace
from talenthub_cli.storage.paths import UserDirs, bundled_catalogue

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

# What the program is given in place of the user's folders and the terminal's own: the fixtures
# below set it for each test, and `run` hands it to the program.
_given = [Given()]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserDirs]:
    """Every test has its own user folders: none reads or writes the real home."""
    dirs = UserDirs(config=tmp_path / "config", data=tmp_path / "data", cache=tmp_path / "cache")
    for variable in ("TALENTHUB_CATALOGUE", "NO_COLOR", "EDITOR", "VISUAL"):
        monkeypatch.delenv(variable, raising=False)
    _given[0] = Given(dirs=dirs, is_terminal=False, interactive=False)
    yield dirs
    _given[0] = Given()


@pytest.fixture
def terminal(user_dirs: UserDirs) -> None:
    """Make stdout count as a terminal 100 columns wide; colour as the options and NO_COLOR say."""
    _given[0] = replace(_given[0], is_terminal=True, width=100)


@pytest.fixture
def at_a_terminal(user_dirs: UserDirs) -> None:
    """Make stdin count as a terminal: a person is there to answer questions."""
    _given[0] = replace(_given[0], interactive=True)


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str  # as click's runner gives it, with line ends turned into "\n"
    stderr: str
    raw: bytes  # stdout byte for byte

    @property
    def plain(self) -> str:
        """stdout as a screen shows its text: without the escapes of bold and underline."""
        return re.sub(r"\x1b\[[0-9;]*m", "", self.stdout)


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Outcome:
    """Run `talenthub ARGS` in-process, as a pipe would (stdout is not a terminal)."""
    result = CliRunner().invoke(
        app, list(args), env=env, input=input, catch_exceptions=False, obj=_given[0]
    )
    return Outcome(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


@pytest.fixture
def bundled() -> Path:
    return bundled_catalogue()


def write_catalogue(path: Path, materials: Sequence[str] = (), extra: str = "") -> Path:
    """A small valid catalogue with the given [[materials]] bodies."""
    parts = ['schema = 1\n\n[project]\nid = "demo"\ntitle = "Demo"\n', extra]
    parts.extend(f"\n[[materials]]\n{body.strip()}\n" for body in materials)
    path.write_text("".join(parts), encoding="utf-8")
    return path


def screen(width: int, *args: str) -> str:
    """`talenthub ARGS` as a terminal `width` columns wide shows it, without colour: its lines
    without trailing blanks."""
    given_before = _given[0]
    _given[0] = replace(given_before, is_terminal=True, width=width)
    try:
        outcome = run("--no-color", *args)
    finally:
        _given[0] = given_before
    return "\n".join(line.rstrip() for line in outcome.plain.rstrip("\n").splitlines())
