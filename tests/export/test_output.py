"""`export --output`: the extension rule, no overwriting without --force, whole files only."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.export.formats import Format, format_for
from talenthub_cli.render import views
from tests.conftest import run

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("m.csv", b"id,title,type,date,"),
        ("m.json", b'[\n  {\n    "id": "guiding-principles"'),
        ("m.jsonl", b'{"id": "guiding-principles"'),
        ("m.md", b"# Talent Hub EU: 10 materials\n"),
        ("m.bib", b"@manual{guiding-principles,\n"),
        ("m.ris", b"TY  - GEN\r\n"),
        ("m.csl.json", b'[\n  {\n    "id": "guiding-principles",\n    "type": "document"'),
        ("m.toml", b"# 10 materials of the catalogue of Talent Hub EU"),
        ("m.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        ("m.vcf", b"BEGIN:VCARD\r\nVERSION:4.0\r\n"),
        ("m.CSV", b"id,title,type,date,"),
        ("materials", b"id,title,type,date,"),  # no extension: CSV
    ],
)
def test_the_extension_picks_the_format(tmp_path: Path, name: str, start: bytes) -> None:
    target = tmp_path / name
    outcome = run("export", "--output", str(target))
    assert outcome.code == 0, outcome.stderr
    assert target.read_bytes().startswith(start)
    assert outcome.stdout == ""
    assert outcome.stderr.startswith("Wrote ")


def test_the_message_says_what_was_written_where(tmp_path: Path) -> None:
    target = tmp_path / "people.vcf"
    assert run("export", "-o", str(target)).stderr == f"Wrote 4 contacts to {target}.\n"
    calendar = tmp_path / "dates.ics"
    assert run("export", "-o", str(calendar)).stderr == (
        f"Wrote 4 events and 9 materials (1 undated material left out) to {calendar}.\n"
    )


def test_format_beats_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "list.txt"
    assert run("export", "--format", "jsonl", "-o", str(target)).code == 0
    assert target.read_text().startswith('{"id": ')
    assert format_for("-") is Format.CSV
    assert format_for(None) is Format.CSV


def test_an_existing_file_is_left_alone_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "materials.csv"
    target.write_text("my own work\n")
    outcome = run("export", "-o", str(target))
    assert outcome.code == 2
    assert outcome.stderr == f"talenthub: {target} already exists; add --force to replace it\n"
    assert target.read_text() == "my own work\n"
    assert os.listdir(folder) == ["materials.csv"]


def test_force_replaces_it_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "materials.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    assert run("export", "-o", str(target), "--force").code == 0
    assert target.read_text().startswith("id,title")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "materials.csv"
    umask = os.umask(0o022)
    try:
        assert run("export", "-o", str(target)).code == 0
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer fails half way (a full disk, a bug): nothing is left, not even a temporary."""
    original = views.join_items  # type: ignore[attr-defined]
    calls = []

    def failing(items: Sequence[str]) -> str:
        calls.append(1)
        if len(calls) == 25:
            raise OSError(28, "No space left on device")
        return original(items)

    monkeypatch.setattr(views, "join_items", failing)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "materials.csv"
    outcome = run("export", "-o", str(target))
    assert outcome.code == 2
    assert outcome.stderr == f"talenthub: cannot write {target}: No space left on device\n"
    assert os.listdir(folder) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_gets_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        outcome = run("export", "-o", str(folder / "m.csv"))
    finally:
        folder.chmod(0o700)
    assert outcome.code == 2
    assert outcome.stderr == f"talenthub: cannot write to {folder}: Permission denied\n"


def test_a_missing_folder_gets_a_clear_message(tmp_path: Path) -> None:
    outcome = run("export", "-o", str(tmp_path / "no" / "m.csv"))
    assert outcome.code == 2
    assert outcome.stderr == (
        f"talenthub: cannot write to {tmp_path / 'no'}: No such file or directory\n"
    )


def test_an_extension_that_names_no_format_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "materials.xls"
    outcome = run("export", "-o", str(target))
    assert outcome.code == 2
    assert outcome.stderr == (
        f"talenthub: {str(target)!r}: the extension names no format (known: .csv, .json, .jsonl, "
        ".md, .bib, .ris, .csl.json, .toml, .ics, .vcf, .xlsx, .html); give --format, or name the "
        "file with one of these\n"
    )
    assert not target.exists()


def test_a_query_that_finds_nothing_writes_an_empty_export_and_exits_1(tmp_path: Path) -> None:
    target = tmp_path / "m.csv"
    outcome = run("export", "kestrel", "-o", str(target))
    assert outcome.code == 1
    assert outcome.stderr == (
        f"Wrote 0 materials to {target}.\ntalenthub: no materials match 'kestrel'.\n"
    )
    assert target.read_text(encoding="utf-8").count("\n") == 1  # the header alone
    outcome = run("export", "kestrel", "--format", "json")
    assert (outcome.code, outcome.stdout) == (1, "[]\n")


def test_the_query_and_filters_choose_as_search_does() -> None:
    found = run("export", "nomad", "--format", "jsonl").stdout.splitlines()
    searched = run("search", "nomad", "--format", "jsonl").stdout.splitlines()
    assert found == searched
    assert len(found) == 2
    by_title = run("export", "--type", "brief", "--sort", "title", "--reverse", "-f", "jsonl")
    assert [line[:30] for line in by_title.stdout.splitlines()] == [
        '{"id": "briefs-2024-05", "titl', '{"id": "briefs-2023-06", "titl',
    ]  # fmt: skip


def test_an_unknown_format_lists_the_formats() -> None:
    outcome = run("export", "--format", "xls")
    assert outcome.code == 2
    assert "'xls' is not one of" in outcome.stderr
    assert all(f"'{name}'" in outcome.stderr for name in Format if name is not Format.TABLE)
    assert "'table'" not in outcome.stderr  # `list` shows a table; export writes files
