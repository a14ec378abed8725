"""What a hostile or unlucky machine does to a write: read-only files, odd file names, a data
folder that cannot be made, editors that mangle their draft, closed or narrow streams, bytes that
are not text. Each gets one clear message and its exit code, and no file is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.cli.errors import ExitCode
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from talenthub_cli.storage.paths import UserDirs

ONE = ['id = "one"\ntitle = "One"\ntype = "report"']


def test_a_read_only_catalogue_is_not_replaced(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", ONE)
    before = path.read_bytes()
    path.chmod(0o444)
    for args in (("add", "--title", "Two", "-t", "brief"), ("remove", "one", "--yes")):
        outcome = run("-c", str(path), *args)
        assert (outcome.code, outcome.stderr) == (
            ExitCode.USAGE,
            f"talenthub: {path} is read-only (mode 444); nothing was changed: add --force to "
            f"change it all the same, or make it writable (chmod u+w {path})\n",
        )
    assert path.read_bytes() == before
    assert path.stat().st_mode & 0o777 == 0o444
    assert not (tmp_path / "c.toml.bak").exists()
    assert run("-c", str(path), "add", "--title", "Two", "-t", "brief", "--force").code == 0
    assert run("-c", str(path), "remove", "one", "--yes", "--force").code == 0
    assert [m.id for m in load_catalogue(path).materials] == ["two"]
    assert path.stat().st_mode & 0o777 == 0o444  # still read-only, as it was


@pytest.mark.parametrize("name", ["*.toml", "c[1].toml"])
def test_a_catalogue_named_like_a_pattern_sweeps_only_its_own_leftovers(
    tmp_path: Path, name: str
) -> None:
    path = write_catalogue(tmp_path / name, ONE)
    other = tmp_path / ".other.toml.1234.tmp"  # another catalogue's write under way
    own = tmp_path / f".{name}.99.tmp"  # a killed writer's of this one
    other.write_text("x")
    own.write_text("x")
    assert run("-c", str(path), "add", "--title", "Two", "-t", "brief").code == 0
    assert other.exists()
    assert not own.exists()


def test_a_data_folder_that_cannot_be_made_is_said(user_dirs: UserDirs) -> None:
    user_dirs.data.parent.mkdir(parents=True, exist_ok=True)
    user_dirs.data.write_text("a file where the folder should be")
    outcome = run("init")
    assert (outcome.code, outcome.stderr) == (
        ExitCode.USAGE,
        f"talenthub: cannot make the folder {user_dirs.data}: a file has its name\n",
    )


def test_an_imported_count_that_is_a_digit_only_to_python_is_refused(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml")
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,title,type,responses\r\nx,X,survey,²\r\n", encoding="utf-8")
    outcome = run("-c", str(path), "import", str(sheet))
    assert outcome.code == ExitCode.USAGE
    assert "row 2, column 'responses': '²' is not a whole number" in outcome.stderr


def _editor(tmp_path: Path, script: str) -> dict[str, str]:
    editor = tmp_path / "editor.py"
    editor.write_text("import os, sys, pathlib\np = pathlib.Path(sys.argv[1])\n" + script)
    return {"EDITOR": f"{sys.executable} {editor}"}


@pytest.mark.parametrize(
    ("script", "said", "kept"),
    [
        (
            "p.write_bytes(p.read_bytes().replace(b'One', 'Øne'.encode('latin-1')))\n",
            "is not UTF-8 text (line 3); save it as UTF-8",
            True,
        ),
        ("p.unlink()\n", "was deleted before it was read", False),
        ("p.unlink()\np.mkdir()\n", "was replaced by a folder", False),
    ],
)
def test_an_editor_that_mangles_its_draft_is_said_and_loses_nothing(
    tmp_path: Path, script: str, said: str, kept: bool
) -> None:
    path = write_catalogue(tmp_path / "c.toml", ONE)
    before = path.read_bytes()
    outcome = run("-c", str(path), "edit", "one", env=_editor(tmp_path, script))
    assert outcome.code == ExitCode.GAVE_UP
    assert "Traceback" not in outcome.stderr
    lines = outcome.stderr.splitlines()
    assert lines[0] == "one was not saved:"
    assert said in lines[1]
    assert lines[-1].startswith(f"talenthub: one was not saved; {path} is as it was")
    assert ("your text is kept in" in lines[-1]) is kept
    assert path.read_bytes() == before
    if kept:  # the draft with the person's text is there, as said; tidy it away
        draft = Path(lines[-1].rsplit("your text is kept in ", 1)[1])
        assert "Øne".encode("latin-1") in draft.read_bytes()
        draft.unlink()


@pytest.mark.usefixtures("at_a_terminal")
def test_a_deleted_draft_can_be_edited_again(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", ONE)
    state = tmp_path / "count"
    script = (
        f"s = pathlib.Path({str(state)!r})\n"
        "n = int(s.read_text()) if s.exists() else 0\n"
        "s.write_text(str(n + 1))\n"
        "if n == 0:\n    p.unlink()\n"
        "else:\n    p.write_text(p.read_text().replace('One', 'One again'))\n"
    )
    outcome = run("-c", str(path), "edit", "one", env=_editor(tmp_path, script), input="edit\n")
    assert outcome.code == 0, outcome.stderr
    assert 'title = "One again"' in path.read_text()


@pytest.mark.parametrize(
    ("editor", "said"),
    [
        ("false", "the editor 'false' exited with status 1; nothing was saved"),
        ("no-such-editor-here", "the editor 'no-such-editor-here' is not installed"),
    ],
)
def test_an_editor_that_fails_says_what_to_set(tmp_path: Path, editor: str, said: str) -> None:
    path = write_catalogue(tmp_path / "c.toml", ONE)
    before = path.read_bytes()
    outcome = run("-c", str(path), "edit", "one", env={"EDITOR": editor})
    assert outcome.code == ExitCode.USAGE
    assert outcome.stderr.startswith(f"talenthub: {said}")
    assert "$EDITOR" in outcome.stderr
    assert path.read_bytes() == before


def _talenthub(
    *args: str | bytes,
    env: dict[str, str] | None = None,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "talenthub_cli", *args],
        capture_output=True,
        check=False,
        env=env,
        stdin=stdin,
    )


def test_bytes_that_are_not_text_in_an_argument_are_refused() -> None:
    for args in ((b"show", b"\xff"), (b"-c", b"c\xff.toml", b"list")):
        result = _talenthub(*args)
        assert result.returncode == ExitCode.USAGE
        assert b"is not UTF-8 text" in result.stderr
        assert b"Traceback" not in result.stderr


def test_closed_streams_get_a_message_not_a_traceback() -> None:
    closed_stdout = subprocess.run(
        [sys.executable, "-c", "import os, runpy, sys; os.close(1); sys.stdout = None; "
         "sys.argv = ['talenthub', 'list']; runpy.run_module('talenthub_cli', run_name='__main__')"],
        capture_output=False, stderr=subprocess.PIPE, check=False,
    )  # fmt: skip
    assert closed_stdout.returncode == ExitCode.USAGE
    assert (
        closed_stdout.stderr == b"talenthub: standard output is closed: there is nowhere to write\n"
    )
    closed_stdin = _talenthub("list", stdin=subprocess.DEVNULL)
    assert closed_stdin.returncode == 0


def test_a_stream_that_cannot_carry_the_text_gets_a_replacement(tmp_path: Path) -> None:
    environment = {
        **os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
        "PYTHONIOENCODING": "ascii", "XDG_CACHE_HOME": str(tmp_path),
    }  # fmt: skip
    result = _talenthub("show", "remote", env=environment)
    assert result.returncode == 0, result.stderr
    assert b"In the field: 9?22 Nov 2023" in result.stdout


@pytest.mark.usefixtures("at_a_terminal")
def test_the_end_of_input_at_a_question_declines(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", ONE)
    before = path.read_bytes()
    for args in (("add", "-i"), ("remove", "one")):
        outcome = run("-c", str(path), *args, input="")
        assert outcome.code == ExitCode.DECLINED
        assert outcome.stderr.endswith(
            "\ntalenthub: no answer (the input ended): nothing was changed\n"
        )
    assert path.read_bytes() == before


@pytest.mark.parametrize("epoch", ["²", "9" * 30])
def test_a_source_date_epoch_that_is_no_time_is_passed_over(epoch: str) -> None:
    outcome = run("export", "--format", "ics", env={"SOURCE_DATE_EPOCH": epoch})
    assert outcome.code == 0, outcome.stderr
    assert "DTSTAMP:" in outcome.stdout


def test_an_editor_command_that_cannot_be_read_is_said(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", ONE)
    outcome = run("-c", str(path), "edit", "one", env={"EDITOR": 'code "--wait'})
    assert (outcome.code, outcome.stderr) == (
        ExitCode.USAGE,
        "talenthub: $EDITOR cannot be read as a command: No closing quotation\n",
    )


def test_a_catalogue_with_crlf_line_ends_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(
        write_catalogue(tmp_path / "lf.toml", ONE).read_bytes().replace(b"\n", b"\r\n")
    )
    assert run("-c", str(path), "add", "--title", "Two", "-t", "brief").code == 0
    assert run("-c", str(path), "remove", "one", "--yes").code == 0
    data = path.read_bytes()
    assert b'title = "Two"' in data
    assert data.count(b"\n") == data.count(b"\r\n")  # no line end of another kind


def test_init_replaces_a_catalogue_only_with_force_and_keeps_it(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "mine.toml", ONE)
    before = path.read_bytes()
    refused = run("init", str(path))
    assert (refused.code, refused.stderr) == (
        ExitCode.USAGE,
        f"talenthub: {path} is there already; add --force to replace it (kept as .bak)\n",
    )
    assert run("init", "--empty", "--force", str(path)).code == 0
    assert (tmp_path / "mine.toml.bak").read_bytes() == before
    assert b'title = "My project"' in path.read_bytes()
