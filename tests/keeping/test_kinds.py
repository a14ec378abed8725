"""add, edit and remove of contacts, organisations and events (and the project, for edit), end to
end: the command shape, the record's text placed among its kind, references refused or taken
out, and every other byte left as it was."""

from __future__ import annotations

import json
import shlex
from typing import TYPE_CHECKING

import pytest

from talenthub_cli.cli.errors import ExitCode
from talenthub_cli.cli.options import KIND_FIELD_OPTIONS
from talenthub_cli.core.records import FIELDS_OF
from talenthub_cli.storage.loader import load_catalogue
from tests.conftest import run
from tests.keeping.test_edit import _editor

if TYPE_CHECKING:
    from pathlib import Path

KEPT = """\
schema = 1

[project]
id = "demo"
title = "Demo"
implementers = ["iom"]

# who we work with
[[organisations]]
id = "iom"
name = "International Organization for Migration"
short_name = "IOM"

[[organisations]]
id = "iom-germany"
name = "IOM Germany"
parent = "iom"   # a country office

[[contacts]]
id = "jana"
name = "Jana Grebe"
email = "jana@example.org"
organisation = "iom"

# Materials ---
[[materials]]
id = "brief"
title = "Brief"
type = "brief"
contacts = ["jana"]
organisations = [ "iom" ]

[[events]]
id = "launch"
title = "Launch"
date = "2024-05-01"
contacts = ["jana"]
"""


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    path = tmp_path / "kept.toml"
    path.write_text(KEPT, encoding="utf-8")
    return path


def test_every_field_of_every_kind_has_an_option() -> None:
    for kind, options in KIND_FIELD_OPTIONS.items():
        assert list(options) == [name for name in FIELDS_OF[kind] if name != "id"], kind


def test_add_contact_goes_after_the_last_contact_and_changes_no_other_byte(kept: Path) -> None:
    outcome = run(
        "-c", str(kept), "add", "contact", "--name", "Rand Al-Ani", "--email", "rand@example.org",
        "--org", "IOM Germany", "--role", "Analyst",
    )  # fmt: skip
    assert (outcome.code, outcome.stdout) == (0, "rand-al-ani\n")
    assert outcome.stderr == f"Added contact rand-al-ani to {kept}.\n"
    new = (
        '\n[[contacts]]\nid = "rand-al-ani"\nname = "Rand Al-Ani"\nemail = "rand@example.org"\n'
        'organisation = "iom-germany"\nrole = "Analyst"\n'
    )
    at = KEPT.index('organisation = "iom"\n') + len('organisation = "iom"\n')
    assert kept.read_text() == KEPT[:at] + new + KEPT[at:]


def test_add_organisation_and_event_where_there_are_none_of_their_kind(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    assert run("init", "--empty", str(path)).code == 0
    org = run("-c", str(path), "add", "organisation", "--name", "Migration Lab", "--id", "lab")
    assert (org.code, org.stdout, org.stderr) == (
        0,
        "lab\n",
        f"Added organisation lab to {path}.\n",
    )
    event = run(
        "-c", str(path), "add", "event", "--title", "Final workshop", "--date", "12 June 2025",
        "--org", "Migration Lab", "--location", "Copenhagen",
    )  # fmt: skip
    assert (event.code, event.stdout) == (0, "final-workshop\n")
    assert event.stderr == (
        f"Read --date '12 June 2025' as 2025-06-12.\nAdded event final-workshop to {path}.\n"
    )
    catalogue = load_catalogue(path)
    assert [o.name for o in catalogue.organisations] == ["Migration Lab"]
    (found,) = catalogue.events
    assert (found.date.text, found.organisations, found.location) == (
        "2025-06-12", ("lab",), "Copenhagen",
    )  # fmt: skip


def test_a_contact_before_the_materials_when_it_is_the_first(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('schema = 1\n\n[project]\nid = "d"\ntitle = "D"\n\n[[materials]]\nid = "a"\n'
                    'title = "A"\ntype = "brief"\n')  # fmt: skip
    assert run("-c", str(path), "add", "contact", "--name", "Ann").code == 0
    assert path.read_text() == (
        'schema = 1\n\n[project]\nid = "d"\ntitle = "D"\n\n[[contacts]]\nid = "ann"\n'
        'name = "Ann"\n\n[[materials]]\nid = "a"\ntitle = "A"\ntype = "brief"\n'
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["add", "contact", "--email", "a@b.org"], "add contact needs --name (or -i to be "
         "asked for each field)"),
        (["add", "event", "--title", "X"], "add event needs --date (or -i to be asked for "
         "each field)"),
        (["add", "contact", "--name", "A", "--org", "nowhere"], "no organisation matches "
         "'nowhere'."),
        (["add", "contact", "--name", "A", "--email", "not-an-email"], None),
        (["add", "--title", "X", "contact", "--name", "A"], "a material's options go after "
         "`add` alone; a contact's after `add contact`"),
        (["add", "contact", "--name", "A", "--id", "jana"], "there is already a contact "
         "'jana'; choose another --id"),
        (["add", "event", "--title", "X", "--date", "09/11/2023"], None),
    ],
)  # fmt: skip
def test_add_of_a_wrong_record_writes_nothing(
    kept: Path, arguments: list[str], message: str | None
) -> None:
    outcome = run("-c", str(kept), *arguments)
    assert outcome.code == ExitCode.USAGE, outcome.stderr
    if message is not None:
        assert outcome.stderr == f"talenthub: {message}\n"
    assert kept.read_text() == KEPT


def test_add_contact_asks_for_each_field_at_a_terminal(kept: Path, at_a_terminal: None) -> None:
    answers = "\nAnn Lee\nnot an email\nann@example.org\nnowhere\nIOM\n\n\ny\n"
    outcome = run("-c", str(kept), "add", "contact", input=answers)
    assert (outcome.code, outcome.stdout) == (0, "ann-lee\n"), outcome.stderr
    assert "It is needed." in outcome.stderr
    assert "'not an email' is not an email address" in outcome.stderr
    assert "no organisation matches 'nowhere'" in outcome.stderr
    (ann,) = [c for c in load_catalogue(kept).contacts if c.id == "ann-lee"]
    assert (ann.name, ann.email, ann.organisation) == ("Ann Lee", "ann@example.org", "iom")


def test_add_help_shows_every_kind_with_examples() -> None:
    outcome = run("add", "--help")
    assert outcome.code == 0
    assert "talenthub add contact --name" in outcome.stdout
    commands = outcome.stdout.split("Commands")[1]
    assert [line.split()[1] for line in commands.splitlines()[1:5]] == [
        "material", "contact", "organisation", "event",
    ]  # fmt: skip
    contact = run("add", "contact", "--help").stdout
    assert "--email" in contact
    assert "--title" not in contact
    assert "talenthub add contact --name" in contact


def test_add_material_is_add_alone(kept: Path) -> None:
    outcome = run("-c", str(kept), "add", "material", "--title", "Guide", "-t", "guidebook")
    assert (outcome.code, outcome.stdout, outcome.stderr) == (
        0, "guide\n", f"Added guide to {kept}.\n",
    )  # fmt: skip
    assert (
        kept.read_text()
        == KEPT + '\n[[materials]]\nid = "guide"\ntitle = "Guide"\ntype = "guidebook"\n'
    )


# A title that is there already ---------------------------------------------------------------


def test_add_of_a_title_that_is_there_is_refused_off_a_terminal(kept: Path) -> None:
    outcome = run("-c", str(kept), "add", "--title", "brief", "--type", "report")
    assert (outcome.code, outcome.stderr) == (
        ExitCode.USAGE,
        "talenthub: there is already a material titled 'brief' (brief); add "
        "--allow-duplicate-title to add another\n",
    )
    assert kept.read_text() == KEPT
    allowed = run("-c", str(kept), "add", "--title", "Brief", "-t", "brief",
                  "--allow-duplicate-title")  # fmt: skip
    assert (allowed.code, allowed.stdout) == (0, "brief-2\n")


@pytest.mark.parametrize(("answer", "code"), [("y", 0), ("n", ExitCode.DECLINED)])
def test_add_of_a_title_that_is_there_asks_at_a_terminal(
    kept: Path, at_a_terminal: None, answer: str, code: int
) -> None:
    outcome = run("-c", str(kept), "add", "--title", "Brief", "-t", "brief", input=answer + "\n")
    assert outcome.code == code
    assert outcome.stderr.startswith(
        "There is already a material titled 'Brief' (brief); add another? [y/n] (n): "
    )
    assert len(load_catalogue(kept).materials) == (2 if answer == "y" else 1)


# remove ----------------------------------------------------------------------------------------


def test_remove_of_a_named_contact_is_refused_naming_every_referrer(kept: Path) -> None:
    outcome = run("-c", str(kept), "remove", "contact:jana")
    assert (outcome.code, outcome.stderr) == (
        ExitCode.USAGE,
        "talenthub: 'jana' is named by material 'brief' (contacts); event 'launch' (contacts); "
        "take it out of those first, or add --force to remove the names too\n",
    )
    assert kept.read_text() == KEPT


def test_remove_force_takes_the_names_out_in_the_same_change(kept: Path) -> None:
    outcome = run("-c", str(kept), "remove", "Jana Grebe", "--force")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr == (
        f"Removed contact jana from {kept}; took it out of material 'brief', event 'launch' "
        "(the previous version is in kept.toml.bak).\n"
    )
    expected = KEPT.replace(
        '[[contacts]]\nid = "jana"\nname = "Jana Grebe"\nemail = "jana@example.org"\n'
        'organisation = "iom"\n\n',
        "",
    ).replace('contacts = ["jana"]\n', "")  # the last name of a list takes the list with it
    assert kept.read_text() == expected
    assert (kept.parent / "kept.toml.bak").read_text() == KEPT


def test_remove_force_of_an_organisation_takes_out_single_names_and_the_projects(
    kept: Path,
) -> None:
    refused = run("-c", str(kept), "remove", "iom")
    assert refused.stderr == (
        "talenthub: 'iom' is named by the project (implementers); organisation 'iom-germany' "
        "(parent); contact 'jana' (organisation); material 'brief' (organisations); take it "
        "out of those first, or add --force to remove the names too\n"
    )
    outcome = run("-c", str(kept), "remove", "iom", "--force")
    assert outcome.code == 0, outcome.stderr
    text = kept.read_text()
    assert "parent" not in text
    assert 'organisation = "iom"' not in text
    assert "implementers" not in text
    assert "organisations = " not in text
    assert "# who we work with\n" not in text  # the comment above it went with it
    catalogue = load_catalogue(kept)
    assert [o.id for o in catalogue.organisations] == ["iom-germany"]
    assert catalogue.contacts[0].organisation is None


def test_remove_of_an_event_needs_no_force(kept: Path) -> None:
    outcome = run("-c", str(kept), "remove", "event:launch")
    assert outcome.code == 0, outcome.stderr
    assert kept.read_text() == KEPT[: KEPT.index("\n[[events]]")]


def test_remove_of_an_id_two_kinds_share_asks_which(tmp_path: Path, kept: Path) -> None:
    kept.write_text(KEPT + '\n[[events]]\nid = "brief"\ntitle = "A briefing"\ndate = "2024"\n')
    outcome = run("-c", str(kept), "remove", "brief")
    assert (outcome.code, outcome.stderr) == (
        ExitCode.NOT_FOUND,
        "talenthub: 'brief' is the id of more than one record; say which by its id, with its "
        "kind before it where ids are shared:\n  material:brief  Brief\n"
        "  event:brief  A briefing\n",
    )
    assert run("-c", str(kept), "remove", "event:brief").code == 0
    assert [e.id for e in load_catalogue(kept).events] == ["launch"]


def test_remove_of_the_project_is_refused(kept: Path) -> None:
    outcome = run("-c", str(kept), "remove", "project:demo")
    assert (outcome.code, outcome.stderr) == (
        ExitCode.USAGE,
        "talenthub: projects are not among the records this command takes\n",
    )


# edit ------------------------------------------------------------------------------------------


def test_edit_a_contact_found_by_kind_and_name(kept: Path, tmp_path: Path) -> None:
    environment, _ = _editor(tmp_path, [('email = "jana@example.org"', 'email = "j@iom.int"')])
    outcome = run("-c", str(kept), "edit", "contact:Jana Grebe", env=environment)
    assert (outcome.code, outcome.stderr) == (0, f"Saved jana in {kept}.\n")
    assert kept.read_text() == KEPT.replace("jana@example.org", "j@iom.int")


def test_edit_an_organisation_that_breaks_a_reference_is_given_up_and_kept(
    kept: Path, tmp_path: Path
) -> None:
    environment, _ = _editor(tmp_path, [('parent = "iom"', 'parent = "nowhere"')])
    outcome = run("-c", str(kept), "edit", "iom-germany", env=environment)
    assert outcome.code == ExitCode.GAVE_UP
    assert outcome.stderr.startswith("iom-germany was not saved:\n")
    assert kept.read_text() == KEPT


def test_edit_the_project(kept: Path, tmp_path: Path) -> None:
    environment, state = _editor(tmp_path, [('title = "Demo"', 'title = "Demo, renamed"')])
    outcome = run("-c", str(kept), "edit", "project:demo", env=environment)
    assert (outcome.code, outcome.stderr) == (0, f"Saved demo in {kept}.\n")
    assert kept.read_text() == KEPT.replace('title = "Demo"', 'title = "Demo, renamed"')
    assert json.loads(state.read_text())["seen"][0].startswith('[project]\nid = "demo"\n')


@pytest.mark.parametrize(
    ("kind", "answers"),
    [
        ("contact", "Ann Lee\nann@example.org\niom\n\n\ny\n"),
        ("organisation", "Migration Lab\n\n\n\n\n\ny\n"),
        ("event", "Kick-off\nMay 2024\n\n\n\n\n\n\ny\n"),
    ],
)
def test_the_examples_of_each_kind_run(
    kind: str, answers: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").code == 0
    help_text = run("add", kind, "--help").stdout
    examples = [line.strip(" │") for line in help_text.splitlines()]
    examples = [line for line in examples if line.startswith(f"talenthub add {kind}")]
    assert len(examples) == 2
    for example in examples:
        outcome = run(*shlex.split(example)[1:], input=answers)
        assert outcome.code == 0, f"{example}: {outcome.stderr}"
        assert outcome.stderr.endswith(f"to {tmp_path / 'data' / 'catalogue.toml'}.\n")
