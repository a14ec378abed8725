"""Completion that knows the catalogue, through Click's completion protocol as a shell asks it:
`_TALENTHUB_COMPLETE=complete_bash COMP_WORDS=... COMP_CWORD=...` (zsh and fish alike)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tests.conftest as conftest
from talenthub_cli.cli.app import app
from talenthub_cli.core.query import FACETS_BY_NAME
from tests.conftest import write_catalogue


def _bash(line: str) -> list[str]:
    """What bash is offered for the last word of `line` (a line ending in a space completes a
    new word)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    env = {
        "_TALENTHUB_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(words),
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="talenthub", obj=conftest._given[0])
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def _zsh(line: str) -> str:
    env = {"_TALENTHUB_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    result = CliRunner().invoke(app, [], env=env, prog_name="talenthub", obj=conftest._given[0])
    return result.stdout


def test_show_completes_ids_of_every_kind() -> None:
    assert _bash("talenthub show gui") == ["guidebook", "guiding-principles"]
    assert _bash("talenthub show jana") == ["jana-grebe"]
    assert _bash("talenthub show iom") == ["iom", "iom-germany", "iom-denmark"]
    assert _bash("talenthub show talent-hub") == ["talent-hub-eu"]


def test_show_completes_a_kind_written_first() -> None:
    assert _bash("talenthub show contact:") == [
        "contact:rand-al-ani", "contact:jana-grebe", "contact:barbara-rijks",
        "contact:nikolaj-lubanski",
    ]  # fmt: skip
    assert _bash("talenthub show org:iom-") == ["org:iom-germany", "org:iom-denmark"]


def test_edit_and_remove_complete_ids_of_every_kind() -> None:
    """They find any record as `show` does, so they offer what `show` offers."""
    for command in ("edit", "remove"):
        assert _bash(f"talenthub {command} briefs") == ["briefs-2023-06", "briefs-2024-05"]
        assert _bash(f"talenthub {command} jana") == ["jana-grebe"]
        assert _bash(f"talenthub {command} org:iom-") == ["org:iom-germany", "org:iom-denmark"]


def test_zsh_and_fish_see_each_id_with_its_title() -> None:
    assert _zsh("talenthub show gui") == (
        '_arguments \'*: :(("guidebook":"Guidebook"\n'
        '"guiding-principles":"Guiding Principles"))\'\n'
    )


def test_filters_complete_from_the_catalogue() -> None:
    assert _bash("talenthub list --contact ") == ["jana-grebe", "rand-al-ani"]
    assert _bash("talenthub search x --org iom-") == ["iom-denmark", "iom-germany"]
    assert _bash("talenthub list --topic talent ") == []
    assert _bash("talenthub timeline --topic remote") == ["remote work"]


def test_filters_of_a_vocabulary_complete_from_the_facet() -> None:
    """Types and availability are the facet's own choices (`core.query.FACETS`)."""
    types = [key for key, _ in FACETS_BY_NAME["type"].choices]
    assert _bash("talenthub list --type ") == types
    assert _bash("talenthub list -t con") == ["concept-note"]
    assert _bash("talenthub stats --availability ") == ["published", "on-request", "internal"]


def test_languages_complete_from_the_catalogue(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        ['id = "a"\ntitle = "A"\ntype = "report"\nlanguages = ["en-GB", "da"]'],
    )
    assert _bash(f"talenthub -c {path} list --lang ") == ["da", "en", "en-gb"]
    assert _bash(f"talenthub list -c {path} --lang ") == ["da", "en", "en-gb"]
    assert _bash(f"talenthub show --catalogue {path} ") == ["a", "demo"]


def test_columns_complete_one_name_after_another() -> None:
    assert _bash("talenthub list --columns ti") == ["title"]
    assert _bash("talenthub list --columns id,t") == ["id,title", "id,type", "id,topics"]
    assert _bash("talenthub contacts --columns ") == [
        "id", "name", "email", "organisation", "role", "source",
    ]  # fmt: skip
    assert _bash("talenthub timeline --columns date,kind,") == [
        "date,kind,id", "date,kind,title", "date,kind,type", "date,kind,location",
        "date,kind,description",
    ]  # fmt: skip


def test_a_catalogue_that_cannot_be_read_completes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[project\n")
    assert _bash(f"talenthub -c {broken} show gui") == []
    assert _bash(f"talenthub -c {tmp_path / 'none.toml'} list --contact ") == []


@pytest.mark.parametrize("command", ["list", "search", "export", "timeline", "stats"])
def test_every_filtering_command_completes_filters(command: str) -> None:
    assert _bash(f"talenthub {command} --type gui") == ["guidebook", "guidelines"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_readme_s_install_lines_write_a_script_for_each_shell(shell: str) -> None:
    """`_TALENTHUB_COMPLETE=source_<shell> talenthub`, as the README installs it."""
    env = {"_TALENTHUB_COMPLETE": f"source_{shell}"}
    result = CliRunner().invoke(app, [], env=env, prog_name="talenthub", obj=conftest._given[0])
    assert result.exit_code == 0
    assert f"_TALENTHUB_COMPLETE=complete_{shell}" in result.stdout
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"_TALENTHUB_COMPLETE=source_{shell} talenthub >" in readme
