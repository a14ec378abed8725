"""On a terminal: Rich tables and panels, colour unless --no-color or NO_COLOR says otherwise."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.usefixtures("terminal")
def test_list_draws_a_table_with_dates_written_out() -> None:
    outcome = run("--no-color", "list", "--type", "survey")
    assert outcome.code == 0
    lines = [line.rstrip() for line in outcome.plain.splitlines()]
    assert lines == [
        "ID                                   Date            Type     Title",
        "─" * 100,
        "talent-attraction-retention-survey   5–19 Dec 2023   Survey   International Talent Attraction &",
        "                                                              Retention Survey",
        "remote-work-digital-nomad-survey     9–22 Nov 2023   Survey   Remote Work & Digital Nomad Survey",
        "2 of 10 materials · the bundled Talent Hub EU catalogue",
    ]


@pytest.mark.usefixtures("terminal")
def test_nothing_found_is_said_on_a_terminal() -> None:
    outcome = run("--no-color", "list", "--topic", "astronomy")
    assert (outcome.code, outcome.plain.strip()) == (0, "No materials match.")


@pytest.mark.usefixtures("terminal")
def test_show_draws_a_panel() -> None:
    outcome = run("--no-color", "show", "guidebook")
    lines = [line.rstrip() for line in outcome.plain.splitlines()]
    assert lines[0].startswith("╭─ Guidebook ─")
    assert "│ Date           May 2024 (2024-05)" in lines[3]
    assert lines[-1].startswith("╰─")


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    ("arguments", "environ", "coloured"),
    [
        ((), {}, True),
        (("--no-color",), {}, False),
        ((), {"NO_COLOR": "1"}, False),
        ((), {"NO_COLOR": ""}, True),  # https://no-color.org: set and not empty
    ],
)
def test_colour_follows_no_color_and_emphasis_stays(
    arguments: tuple[str, ...], environ: dict[str, str], coloured: bool
) -> None:
    outcome = run(*arguments, "search", "modular", env=environ)
    codes = set(re.findall(r"\x1b\[([0-9;]*)m", outcome.stdout))
    colours = {code for code in codes if re.search(r"(^|;)(3[0-9]|9[0-7])(;|$)", code)}
    assert bool(colours) is coloured
    assert "1" in codes  # bold, in colour or not
    if not coloured:
        assert "1;4" in codes  # the searched word is underlined instead of yellow


def test_piped_output_has_no_colour_or_box_drawing() -> None:
    outcome = run("list")
    assert "\x1b[" not in outcome.stdout
    assert "─" not in outcome.stdout


@pytest.mark.usefixtures("terminal")
def test_text_that_looks_like_markup_is_shown_as_written(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml", ['id = "plan"\ntitle = "[draft] Plan [/] [bold]x"\ntype = "report"']
    )
    outcome = run("--no-color", "-c", str(path), "list", "--columns", "id,title")
    assert outcome.code == 0
    assert "plan   [draft] Plan [/] [bold]x" in outcome.plain


@pytest.mark.usefixtures("terminal")
def test_a_limited_listing_says_how_many_matched() -> None:
    outcome = run("--no-color", "list", "--type", "survey", "--limit", "1")
    assert outcome.plain.splitlines()[-1].rstrip() == (
        "1 shown of 2 matching · 10 in the catalogue · the bundled Talent Hub EU catalogue"
    )
