"""init, check, add and remove, end to end: success and failure, and no byte lost."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.cli.errors import ExitCode
from talenthub_cli.cli.keeping import EMPTY_CATALOGUE
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run

if TYPE_CHECKING:
    from pathlib import Path

    from talenthub_cli.storage.paths import UserDirs

# A catalogue with comments, blank lines and unusual but valid formatting, which every change
# must leave as it was outside the record it touches.
QUIRKY = """\
# My catalogue   (a comment with trailing spaces)\x20\x20\x20
schema = 1

[project]
id = "demo"
title = 'Demo'   # a literal string

# Materials ---
[[materials]]
id = "first"
title = "First"
type = "brief"
date = "2024-05"
topics = [ "a",
   "b" ]   # an array over two lines
related = ["second"]


# about the second
[[materials]]
  id="second"
  title = \"\"\"Second,
on two lines\"\"\"
  type = "report"

[[events]]
id = "launch"
title = "Launch"
date = "2024-05-01"
materials = ["first", "second"]
"""


@pytest.fixture
def quirky(tmp_path: Path) -> Path:
    path = tmp_path / "quirky.toml"
    path.write_text(QUIRKY, encoding="utf-8")
    return path


def test_init_copies_the_bundled_catalogue_where_talenthub_then_reads_it(
    user_dirs: UserDirs, bundled: Path
) -> None:
    outcome = run("init")
    assert outcome.code == 0
    assert user_dirs.user_catalogue.read_bytes() == bundled.read_bytes()
    assert outcome.stderr == (
        f"Wrote the Talent Hub EU catalogue to {user_dirs.user_catalogue}; "
        "talenthub reads it from now on.\n"
    )
    assert json.loads(run("config", "--format", "json").stdout)["catalogue"] == str(
        user_dirs.user_catalogue
    )
    again = run("init")  # never over a user's own file
    assert again.code == 2
    assert again.stderr == (
        f"talenthub: {user_dirs.user_catalogue} is there already; add --force to replace it "
        "(kept as .bak)\n"
    )


def test_init_empty_writes_a_valid_catalogue_to_fill_in(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    assert run("init", "--empty", str(target)).code == 0
    assert target.read_text() == EMPTY_CATALOGUE
    assert load_catalogue(target).project.title == "My project"


def test_writes_to_the_bundled_catalogue_are_refused() -> None:
    for arguments in (["add", "--title", "X", "--type", "brief"], ["remove", "guidebook"]):
        outcome = run(*arguments)
        assert outcome.code == 2
        assert outcome.stderr.startswith(
            "talenthub: the bundled Talent Hub EU catalogue cannot be changed; run `talenthub init`"
        )


def test_check_of_the_bundled_catalogue_warns_of_what_is_weak() -> None:
    outcome = run("check")
    assert outcome.code == 0
    lines = outcome.stdout.splitlines()
    assert lines[-1].endswith(": valid, 10 materials; 0 errors, 9 warnings")
    assert any(
        line.endswith(
            "catalogue.toml:263: warning: material 'concept-note-coordination-mechanism': has "
            'no date (add the EDTF date it appeared, e.g. date = "2024-05")'
        )
        for line in lines
    )


def test_check_reports_every_error_with_its_line_and_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(QUIRKY.replace('type = "report"', 'type = "reprot"').replace(
        'date = "2024-05-01"', 'date = "2024-13"'))  # fmt: skip
    outcome = run("check", str(path))
    assert outcome.code == 3
    assert outcome.stderr == f"talenthub: {path} is not a valid catalogue: 2 errors\n"
    assert outcome.stdout.splitlines() == [  # warnings come once there are no errors
        f"{path}:24: error: material 'second', field 'type': 'reprot' is not one of the known "
        "values (did you mean 'report'?)",
        f"{path}:29: error: event 'launch', field 'date': '2024-13' is not a valid EDTF date: "
        "month 13 does not exist (months are 01 to 12, seasons 21 to 24)",
        f"{path}: not valid; 2 errors, 0 warnings",
    ]


def test_check_json_is_for_ci(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema = 1\n[project\nid = "x"\n')
    outcome = run("check", str(path), "--format", "json")
    assert outcome.code == ExitCode.CHECK_FAILED
    report = json.loads(outcome.stdout)
    assert report["valid"] is False
    assert [(p["severity"], p["line"]) for p in report["problems"]] == [("error", 2)]
    assert run("check", str(tmp_path / "missing.toml")).code == 2


def test_add_appends_and_leaves_every_other_byte(quirky: Path) -> None:
    outcome = run(
        "-c", str(quirky), "add", "--title", "Third: a brief", "--type", "brief",
        "--date", "9-22 November 2023", "--topic", "retention", "--related", "first",
    )  # fmt: skip
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == "third-a-brief\n"
    text = quirky.read_text()
    assert text.startswith(QUIRKY)
    assert text[len(QUIRKY) :] == (
        '\n[[materials]]\nid = "third-a-brief"\ntitle = "Third: a brief"\ntype = "brief"\n'
        'date = "2023-11-09/2023-11-22"\ntopics = [\n    "retention",\n]\n'
        'related = [\n    "first",\n]\n'
    )
    assert (quirky.parent / "quirky.toml.bak").read_text() == QUIRKY
    assert [m.id for m in load_catalogue(quirky).materials] == ["first", "second", "third-a-brief"]


def test_add_refuses_what_would_break_the_catalogue_and_writes_nothing(quirky: Path) -> None:
    outcome = run("-c", str(quirky), "add", "--title", "X", "--type", "brief", "--url", "web")
    assert outcome.code == 2
    assert outcome.stderr == (
        f"talenthub: {quirky}:36: material 'x', field 'url': 'web' is not a web address "
        "(write it in full, from https://)\n"
    )
    assert quirky.read_text() == QUIRKY
    unknown = run("-c", str(quirky), "add", "--title", "X", "--type", "brief", "--contact", "Bob")
    assert (unknown.code, unknown.stderr) == (2, "talenthub: no contact matches 'Bob'.\n")
    taken = run("-c", str(quirky), "add", "--title", "X", "--type", "brief", "--id", "first")
    assert taken.stderr == "talenthub: there is already a material 'first'; choose another --id\n"
    missing = run("-c", str(quirky), "add", "--title", "X")
    assert (missing.code, missing.stderr) == (
        2, "talenthub: add needs --type (or -i to be asked for each field)\n",
    )  # fmt: skip
    assert quirky.read_text() == QUIRKY


def test_add_asks_and_asks_again_after_a_wrong_answer(quirky: Path) -> None:
    answers = "\n".join([
        "A survey of nomads", "survey", "09/11/2023", "Nov-Dec 2023", "", "nomads, remote work",
        "", "", "not a url", "https://example.org/s", "y",
    ]) + "\n"  # fmt: skip
    outcome = run("-c", str(quirky), "add", "-i", input=answers)
    assert outcome.code == 0, outcome.stderr
    assert "day and month are ambiguous" in outcome.stderr
    assert "Read as 2023-11/2023-12 (Nov–Dec 2023)." in outcome.stderr
    assert "'not a url' is not a web address" in outcome.stderr
    added = load_catalogue(quirky).materials[-1]
    assert (added.id, added.title, added.date.text if added.date else None) == (
        "a-survey-of-nomads", "A survey of nomads", "2023-11/2023-12",
    )  # fmt: skip
    assert added.topics == ("nomads", "remote work")
    assert added.url == "https://example.org/s"


def test_remove_takes_out_the_record_and_only_it(quirky: Path) -> None:
    run("-c", str(quirky), "add", "--title", "Third", "--type", "brief")
    before = quirky.read_text()
    outcome = run("-c", str(quirky), "remove", "third")
    assert outcome.code == 0, outcome.stderr
    assert quirky.read_text() == QUIRKY
    assert (quirky.parent / "quirky.toml.bak").read_text() == before


def test_remove_refuses_while_others_name_it_and_force_takes_the_names_out(quirky: Path) -> None:
    outcome = run("-c", str(quirky), "remove", "second")
    assert outcome.code == 2
    assert outcome.stderr == (
        "talenthub: 'second' is named by material 'first' (related); event 'launch' "
        "(materials); take it out of those first, or add --force to remove the names too\n"
    )
    assert quirky.read_text() == QUIRKY
    assert run("-c", str(quirky), "remove", "second", "--force").code == 0
    expected = QUIRKY.replace('related = ["second"]\n', "").replace(
        'materials = ["first", "second"]', 'materials = [\n    "first",\n]'
    )
    start = expected.index("# about the second")
    end = expected.index("[[events]]")
    assert quirky.read_text() == expected[:start] + expected[end:]


def test_remove_of_an_unknown_id_suggests_the_nearest(quirky: Path) -> None:
    outcome = run("-c", str(quirky), "remove", "frist")
    assert (outcome.code, outcome.stderr) == (
        1, "talenthub: no record 'frist'. Did you mean 'First'?\n",
    )  # fmt: skip


@pytest.mark.usefixtures("at_a_terminal")
def test_remove_asks_first_on_a_terminal(quirky: Path) -> None:
    run("-c", str(quirky), "add", "--title", "Third", "--type", "brief")
    kept = quirky.read_text()
    outcome = run("-c", str(quirky), "remove", "third", input="n\n")
    assert outcome.code == 4
    assert (
        outcome.stderr
        == "Remove material 'third' (Third)? [y/n] (n): talenthub: nothing was changed\n"
    )
    assert quirky.read_text() == kept
    assert run("-c", str(quirky), "remove", "third", input="y\n").code == 0
    assert quirky.read_text() == QUIRKY


@pytest.mark.usefixtures("at_a_terminal")
def test_add_asks_on_a_terminal_when_the_title_or_type_is_missing(quirky: Path) -> None:
    outcome = run("-c", str(quirky), "add", "--type", "brief", input="Asked\n\n\n\n\n\n\ny\n")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == "asked\n"
    assert "Title: " in outcome.stderr


def test_a_change_keeps_the_files_permissions_and_its_link(quirky: Path, tmp_path: Path) -> None:
    quirky.chmod(0o600)
    link = tmp_path / "link.toml"
    link.symlink_to(quirky)
    assert run("-c", str(link), "add", "--title", "Third", "--type", "brief").code == 0
    assert link.is_symlink()
    assert quirky.stat().st_mode & 0o777 == 0o600
    assert quirky.read_text().startswith(QUIRKY)
