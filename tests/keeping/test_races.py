"""Writers that meet: one waits for the lock while another changes the file. Driven step by step
by holding the lock here, so that every run takes the same interleaving: whatever the waiting
writer decided before it got the lock must not make it change the wrong record."""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.blocks import appended, material_block, placed, removed
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import write_catalogue

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.slow

MATERIALS = [
    f'id = "{name}"\ntitle = "{name.capitalize()}"\ntype = "report"'
    for name in ("alpha", "bravo", "charlie", "delta")
]


@contextlib.contextmanager
def holding_the_lock(path: Path) -> Iterator[None]:
    """Hold the writers' lock on `path`, as a writer at work does."""
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def start(path: Path, home: Path, *args: str) -> subprocess.Popen[bytes]:
    """`talenthub -c path ARGS` in a process of its own, once it is waiting for the lock."""
    environment = {
        **os.environ,
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "talenthub_cli", "-c", str(path), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    lock = str(path.with_name(path.name + ".lock"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # it has the lock file open: it waits for the lock
        with contextlib.suppress(OSError):
            folder = f"/proc/{process.pid}/fd"
            if any(os.readlink(f"{folder}/{fd}") == lock for fd in os.listdir(folder)):
                time.sleep(0.05)
                return process
        if process.poll() is not None:
            _, errors = process.communicate()
            raise AssertionError(f"it ended before it waited for the lock: {errors.decode()}")
        time.sleep(0.01)
    process.kill()
    raise AssertionError("it never waited for the lock")


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str, str]:
    out, errors = process.communicate(timeout=60)
    return process.returncode, out.decode(), errors.decode()


def ids(path: Path) -> list[str]:
    return [material.id for material in load_catalogue(path).materials]


def remove_first(path: Path) -> None:
    """What another writer's `remove alpha` does, while the waiting one waits."""
    text = removed(path.read_text(encoding="utf-8"), "materials", 0)
    assert text is not None
    path.write_text(text, encoding="utf-8")


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")


@needs_proc
def test_a_remove_waiting_for_the_lock_removes_its_own_material(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    ids(path)  # the index is warm, as after any earlier command
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "remove", "bravo", "--yes")
        remove_first(path)  # alpha goes first: bravo and charlie move up one place
    code, _, errors = finish(waiting)
    assert (code, errors.splitlines()[-1][:15]) == (0, "Removed bravo f")
    assert ids(path) == ["charlie", "delta"]


@needs_proc
def test_an_update_waiting_for_the_lock_replaces_its_own_material(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,title,type\r\nbravo,Bravo again,report\r\n", encoding="utf-8")
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "import", str(sheet), "--update")
        remove_first(path)
    code, _, errors = finish(waiting)
    assert (code, errors) == (0, "Added 0 materials, updated 1, unchanged 0.\n")
    titles = {m.id: m.title for m in load_catalogue(path).materials}
    assert titles == {"bravo": "Bravo again", "charlie": "Charlie", "delta": "Delta"}


@needs_proc
def test_two_adds_of_one_id_both_land(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "add", "--title", "Echo", "--type", "brief")
        # another writer adds a material whose id is the one its title makes, meanwhile
        block = material_block({"id": "echo", "title": "Echo!", "type": "brief"})
        path.write_text(appended(path.read_text(), block), encoding="utf-8")
    code, out, errors = finish(waiting)
    assert (code, out) == (0, "echo-2\n"), errors
    assert ids(path) == ["alpha", "bravo", "charlie", "delta", "echo", "echo-2"]


@needs_proc
def test_an_add_of_a_title_another_writer_added_meanwhile_is_refused(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "add", "--title", "Echo", "--type", "brief")
        block = material_block({"id": "e", "title": "echo", "type": "brief"})
        path.write_text(appended(path.read_text(), block), encoding="utf-8")
    code, out, errors = finish(waiting)
    assert out == ""
    assert (code, errors) == (
        2,
        "talenthub: there is already a material titled 'Echo' (e); add "
        "--allow-duplicate-title to add another\n",
    )
    assert ids(path) == ["alpha", "bravo", "charlie", "delta", "e"]


@needs_proc
def test_a_material_removed_while_a_remove_waits_is_not_found(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    ids(path)
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "remove", "alpha", "--yes")
        remove_first(path)  # someone else removed alpha first
    code, _, errors = finish(waiting)
    assert (code, errors) == (1, "talenthub: no record 'alpha'.\n")
    assert ids(path) == ["bravo", "charlie", "delta"]


def _editor(tmp_path: Path, old: str, new: str) -> str:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text().replace({old!r}, {new!r}))\n"
    )
    return f"{sys.executable} {editor}"


@needs_proc
def test_an_edit_saved_after_another_writer_removed_another_record_lands_on_its_own(
    tmp_path: Path,
) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    os.environ["EDITOR"] = _editor(tmp_path, "Charlie", "Charlie edited")
    try:
        with holding_the_lock(path):
            waiting = start(path, tmp_path, "edit", "charlie")
            remove_first(path)  # alpha goes while charlie is being edited
    finally:
        del os.environ["EDITOR"]
    code, _, errors = finish(waiting)
    assert (code, errors) == (0, f"Saved charlie in {path}.\n")
    assert [m.title for m in load_catalogue(path).materials] == ["Bravo", "Charlie edited", "Delta"]


@needs_proc
def test_an_edit_of_a_record_another_writer_changed_meanwhile_is_refused_and_kept(
    tmp_path: Path,
) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    os.environ["EDITOR"] = _editor(tmp_path, "Charlie", "Charlie edited")
    try:
        with holding_the_lock(path):
            waiting = start(path, tmp_path, "edit", "charlie")
            path.write_text(path.read_text().replace('"Charlie"', '"Charlie, by another"'))
    finally:
        del os.environ["EDITOR"]
    code, _, errors = finish(waiting)
    assert code == 5  # told, and no one at the terminal to ask: given up
    assert "charlie was changed in" in errors
    kept = Path(errors.rsplit("your text is kept in ", 1)[1].strip())
    assert 'title = "Charlie edited"' in kept.read_text()
    kept.unlink()
    assert [m.title for m in load_catalogue(path).materials][2] == "Charlie, by another"


@needs_proc
def test_an_import_waiting_for_the_lock_makes_its_new_ids_then(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("title,type\r\nEcho,report\r\n", encoding="utf-8")
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "import", str(sheet), "--update")
        text = appended(
            path.read_text(), material_block({"id": "echo", "title": "Echo", "type": "brief"})
        )
        path.write_text(text, encoding="utf-8")  # another writer takes the id meanwhile
    code, _, errors = finish(waiting)
    assert (code, errors) == (0, "Added 1 material, updated 0, unchanged 0.\n")
    kinds = {m.id: m.type.value for m in load_catalogue(path).materials}
    assert (kinds["echo"], kinds["echo-2"]) == ("brief", "report")  # the colleague's kept


CONTACTS = """
[[contacts]]
id = "ann"
name = "Ann"

[[contacts]]
id = "bob"
name = "Bob"
email = "bob@example.org"
"""


@needs_proc
def test_a_contact_remove_waiting_for_the_lock_removes_its_own_contact(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS, extra=CONTACTS)
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "remove", "contact:bob", "--yes")
        text = removed(path.read_text(encoding="utf-8"), "contacts", 0)  # ann goes first
        assert text is not None
        path.write_text(text, encoding="utf-8")
    code, _, errors = finish(waiting)
    assert (code, errors.splitlines()[-1][:23]) == (0, "Removed contact bob fro")
    catalogue = load_catalogue(path)
    assert (catalogue.contacts, len(catalogue.materials)) == ((), 4)


@needs_proc
def test_two_adds_of_one_contact_name_both_land(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS, extra=CONTACTS)
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "add", "contact", "--name", "Cy")
        text = placed(path.read_text(), "contacts", '[[contacts]]\nid = "cy"\nname = "Cy"\n')
        path.write_text(text, encoding="utf-8")  # another writer takes the id meanwhile
    code, out, errors = finish(waiting)
    assert (code, out) == (0, "cy-2\n"), errors
    assert [c.id for c in load_catalogue(path).contacts] == ["ann", "bob", "cy", "cy-2"]


@needs_proc
def test_an_import_waiting_for_the_lock_takes_the_contact_another_writer_made(
    tmp_path: Path,
) -> None:
    path = write_catalogue(tmp_path / "c.toml", MATERIALS, extra=CONTACTS)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("title,type,contacts\r\nEcho,report,Dee <dee@example.org>\r\n")
    with holding_the_lock(path):
        waiting = start(path, tmp_path, "import", str(sheet), "--create-missing")
        text = placed(
            path.read_text(),
            "contacts",
            '[[contacts]]\nid = "d"\nname = "Dee"\nemail = "dee@example.org"\n',
        )
        path.write_text(text, encoding="utf-8")  # another writer adds her meanwhile
    code, _, errors = finish(waiting)
    assert (code, errors) == (0, "Added 1 material, updated 0, skipped 0.\n")
    catalogue = load_catalogue(path)
    assert [c.id for c in catalogue.contacts] == ["ann", "bob", "d"]
    assert catalogue.materials[-1].contacts == ("d",)
