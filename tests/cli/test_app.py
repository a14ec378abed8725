"""The program as a whole: version, help, exit codes, bad catalogues, pipes and interrupts."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from talenthub_cli import __version__
from talenthub_cli.cli.errors import ExitCode
from talenthub_cli.cli.session import Session
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_version() -> None:
    outcome = run("--version")
    assert (outcome.code, outcome.stdout, outcome.stderr) == (0, f"talenthub {__version__}\n", "")


def test_no_arguments_shows_help() -> None:
    outcome = run()
    assert "Usage: talenthub" in outcome.stdout + outcome.stderr
    assert "list" in outcome.stdout + outcome.stderr


def test_unknown_command_is_bad_usage() -> None:
    outcome = run("lst")
    assert outcome.code == ExitCode.USAGE
    assert "No such command 'lst'" in outcome.stderr


def test_missing_catalogue_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    outcome = run("-c", str(missing), "list")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr == (
        f"talenthub: {missing}: no such catalogue file (from the --catalogue option)\n"
    )


def test_toml_syntax_error_says_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\n[project]\nid = "p"\ntitle = \n', encoding="utf-8")
    outcome = run("-c", str(path), "list")
    assert outcome.code == 2
    assert outcome.stderr == f"talenthub: {path}:4:9: invalid TOML: Invalid value\n"


def test_invalid_catalogue_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "bad.toml",
        [
            'id = "one"\ntitle = "One"\ntype = "breif"\ndate = "2024-13"',
            'id = "two"\ntitle = "Two"\ntype = "report"\ndate = "09/11/2023"\ncontacts = ["ghost"]',
        ],
    )
    outcome = run("-c", str(path), "list")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr == (
        f"talenthub: {path} is not a valid catalogue (4 problems):\n"
        f"  {path}:10: material 'one', field 'type': 'breif' is not one of the known values "
        "(did you mean 'brief'?)\n"
        f"  {path}:11: material 'one', field 'date': '2024-13' is not a valid EDTF date: "
        "month 13 does not exist (months are 01 to 12, seasons 21 to 24)\n"
        f"  {path}:17: material 'two', field 'date': '09/11/2023' is not a valid EDTF date: "
        "day and month are ambiguous (9 November or 11 September 2023?) "
        "(write it year first, as YYYY-MM-DD: 2023-11-09 or 2023-09-11)\n"
        f"  {path}:18: material 'two', field 'contacts': unknown contact 'ghost'\n"
    )


def test_broken_config_file_is_reported_with_its_position(user_dirs: object) -> None:
    from talenthub_cli.storage.paths import UserDirs

    assert isinstance(user_dirs, UserDirs)
    user_dirs.config.mkdir(parents=True)
    user_dirs.config_file.write_text("catalogue = \n", encoding="utf-8")
    outcome = run("list")
    assert outcome.code == 2
    assert (
        outcome.stderr == f"talenthub: {user_dirs.config_file}:1:13: invalid TOML: Invalid value\n"
    )


def test_interrupt_exits_130_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: Session) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Session, "open", interrupted)
    outcome = run("list")
    assert (outcome.code, outcome.stdout) == (ExitCode.INTERRUPTED, "")
    assert "Traceback" not in outcome.stderr


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`talenthub list | head -1`, with more output than a pipe buffers."""
    materials = [
        f'id = "m{number}"\ntitle = "Material {number} {"x" * 200}"\ntype = "report"'
        for number in range(2000)
    ]
    path = write_catalogue(tmp_path / "big.toml", materials)
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "talenthub_cli", "-c", str(path), "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # the reader goes away, as head does
    stderr = process.stderr.read()
    code = process.wait(timeout=60)
    assert first.startswith(b"m0\t")
    assert stderr == b""
    assert code == ExitCode.BROKEN_PIPE


def test_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "talenthub_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"talenthub {__version__}\n")


def test_catalogue_and_quiet_go_before_or_after_the_command(tmp_path: Path) -> None:
    """`-c`/`--catalogue` and `-q`/`--quiet`, like --no-color, after the command as before it;
    after it, the last one given wins, and completion reads the catalogue it names."""
    path = write_catalogue(tmp_path / "mine.toml", ['id = "only"\ntitle = "Only"\ntype = "brief"'])
    expected = (0, "only\t\tbrief\tOnly\n", "")
    for arguments in (
        ("-c", str(path), "list"),
        ("list", "-c", str(path)),
        ("list", "--catalogue", str(path), "-q"),
        ("-q", "-c", "elsewhere.toml", "list", "--quiet", "-c", str(path)),
    ):
        outcome = run(*arguments)
        assert (outcome.code, outcome.stdout, outcome.stderr) == expected, arguments
    assert run("show", "only", "-c", str(path), "--format", "json").stdout.startswith("{")
    assert run("add", "contact", "--name", "X", "-c", str(path), "--yes").code == 2
    outcome = run("init", "-c", str(path))  # init writes where its PATH says
    assert (outcome.code, outcome.stderr) == (
        2,
        "talenthub: No such option: -c; see talenthub init --help\n",
    )
