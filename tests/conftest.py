"""Shared fixtures: every test runs with its own user dirs, so none reads or writes the real home."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

import pytest
from typer.testing import CliRunner

from talenthub_cli.cli.app import app
from talenthub_cli.render.terminal import Terminal
from talenthub_cli.storage.paths import UserDirs, bundled_catalogue

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from pathlib import Path


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserDirs]:
    dirs = UserDirs(config=tmp_path / "config", data=tmp_path / "data", cache=tmp_path / "cache")
    monkeypatch.setattr(UserDirs, "from_platform", classmethod(lambda cls: dirs))
    for variable in ("TALENTHUB_CATALOGUE", "NO_COLOR", "EDITOR", "VISUAL"):
        monkeypatch.delenv(variable, raising=False)
    yield dirs


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make stdout count as a terminal 100 columns wide; colour as the options and NO_COLOR say."""

    def on_a_terminal(
        cls: type[Terminal], out: TextIO, err: TextIO, *, no_color: bool, environ: Mapping[str, str]
    ) -> Terminal:
        color = not no_color and not environ.get("NO_COLOR")
        return Terminal(out, err, is_terminal=True, color=color, width=100)

    monkeypatch.setattr(Terminal, "from_streams", classmethod(on_a_terminal))


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str  # as click's runner gives it, with line ends turned into "\n"
    stderr: str
    raw: bytes  # stdout byte for byte


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Outcome:
    """Run `talenthub ARGS` in-process, as a pipe would (stdout is not a terminal)."""
    result = CliRunner().invoke(app, list(args), env=env, input=input, catch_exceptions=False)
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
