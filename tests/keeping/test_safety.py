"""Data safety under pressure: two writers at once, and writers killed at random moments."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.cli.keeping import EMPTY_CATALOGUE
from talenthub_cli.storage import index as index_module
from talenthub_cli.storage.index import open_index
from talenthub_cli.storage.loader import load_catalogue
from tests.keeping.index_answers import answers, fresh_answers

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

# A writer: adds materials (or contacts) prefix-0, prefix-1, ... in one process, as `talenthub
# add` (`talenthub add contact`) does.
WRITER = """
import sys
from talenthub_cli.cli.app import app

path, prefix, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
kind = sys.argv[5]
for number in range(first, first + count):
    title = f"{prefix} {number}"
    if kind == "contact":
        fields = ["contact", "--name", title, "--email", f"{prefix}{number}@example.org"]
    else:
        fields = ["--title", title, "--type", "brief"]
    try:
        app(["-c", path, "add", *fields, "--id", f"{prefix}-{number}"], prog_name="talenthub")
    except SystemExit as exit:
        if exit.code:
            raise
"""


def _writer(
    path: Path, prefix: str, first: int, count: int, home: Path, kind: str = "material"
) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(first), str(count), kind],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text(EMPTY_CATALOGUE)
    writers = [_writer(path, prefix, 0, 50, tmp_path) for prefix in ("left", "right")]
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors.decode()
    ids = [material.id for material in load_catalogue(path).materials]
    assert len(ids) == 100
    for prefix in ("left", "right"):  # each writer's materials, all there, in its order
        assert [i for i in ids if i.startswith(prefix)] == [f"{prefix}-{n}" for n in range(50)]


def test_two_writers_at_once_keep_the_index_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the index current, each write changes it with the file: after 100 writes from two
    processes in turn, it answers as one built afresh does, without being rebuilt."""
    path = tmp_path / "catalogue.toml"
    path.write_text(EMPTY_CATALOGUE + '\n[[materials]]\nid = "x"\ntitle = "X"\ntype = "brief"\n')
    cache = tmp_path / "cache" / "talenthub"  # the writers' user cache dir
    open_index(path, cache)
    writers = [_writer(path, prefix, 0, 50, tmp_path) for prefix in ("left", "right")]
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors.decode()
    assert len(load_catalogue(path).materials) == 101
    expected = fresh_answers(path)

    def rebuilt(*args: object) -> None:
        raise AssertionError("the index was not current")

    monkeypatch.setattr(index_module, "_build", rebuilt)
    assert answers(path, cache) == expected


def test_a_writer_of_contacts_and_one_of_materials_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text(EMPTY_CATALOGUE)
    writers = [
        _writer(path, "person", 0, 40, tmp_path, "contact"),
        _writer(path, "paper", 0, 40, tmp_path, "material"),
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors.decode()
    catalogue = load_catalogue(path)
    assert [c.id for c in catalogue.contacts] == [f"person-{n}" for n in range(40)]
    assert [m.id for m in catalogue.materials] == [f"paper-{n}" for n in range(40)]
    text = path.read_text()
    assert text.rindex("[[contacts]]") < text.index("[[materials]]")  # contacts kept together


def _at_work(writer: subprocess.Popen[bytes], path: Path) -> None:
    """Wait until the writer takes the writers' lock for the first time (where /proc tells)."""
    lock = str(path.with_name(path.name + ".lock"))
    folder = f"/proc/{writer.pid}/fd"
    deadline = time.monotonic() + 60
    while os.path.isdir("/proc/self/fd") and time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if any(os.readlink(f"{folder}/{fd}") == lock for fd in os.listdir(folder)):
                return
        if writer.poll() is not None:
            return
        time.sleep(0.005)


@pytest.mark.parametrize("kind", ["material", "contact"])
def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_catalogue(
    tmp_path: Path, kind: str
) -> None:
    """... and the next read of its index answers as an index built afresh does: the writes of
    materials find the index current (it is read after each kill) and change it with the file."""
    path = tmp_path / "catalogue.toml"
    path.write_text(EMPTY_CATALOGUE + '\n[[materials]]\nid = "x"\ntitle = "X"\ntype = "brief"\n')
    cache = tmp_path / "cache" / "talenthub"  # the writers' user cache dir
    randomness = random.Random(20240515)
    done = 0
    kills = 0
    for _ in range(25):
        writer = _writer(path, "m", done, 1000, tmp_path, kind)
        _at_work(writer, path)  # started: a slow start on a busy machine is not counted
        time.sleep(randomness.uniform(0.0, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        kills += writer.returncode == -signal.SIGKILL
        records = load_catalogue(path)  # valid, whole
        ids = [r.id for r in (records.contacts if kind == "contact" else records.materials[1:])]
        assert ids == [f"m-{n}" for n in range(len(ids))]  # an earlier version, never a mix
        assert len(ids) >= done
        assert answers(path, cache) == fresh_answers(path)
        done = len(ids)
    assert kills >= 20  # most were killed while still at work
    assert done > 0
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 2  # at most the last kill's, swept by the next write
