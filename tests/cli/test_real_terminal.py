"""The installed command in a real (pseudo-)terminal of a given size, its screen read back with a
terminal emulator: nothing split, nothing past the right edge; the pager and the progress display
where a person is watching, and neither when the output is piped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.screens import (
    display_width,
    environment,
    run_in_terminal,
    split_words,
    talenthub,
    whole_words,
    words_of,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

WIDTHS = [20, 40, 80, 120]
SHOWN = [
    ("list",),
    ("list", "--columns", "id,title,contacts"),
    ("show", "guidebook"),
    ("show", "rand-al-ani"),
    ("timeline",),
    ("stats",),
    ("contacts",),
    ("--help",),
    ("list", "--help"),
]
FAKE_PAGER = "sh -c 'echo PAGER-WAS-HERE; cat'"


def _piped(arguments: tuple[str, ...], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [talenthub(), *arguments], capture_output=True, text=True, env=dict(env), timeout=120
    )


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("arguments", SHOWN, ids=" ".join)
def test_nothing_is_split_and_nothing_runs_past_the_edge(
    arguments: tuple[str, ...], width: int, tmp_path: Path
) -> None:
    """No word, id or email of the catalogue (nor of the help, as a wide terminal shows it) is
    cut over two lines; no line the program writes is wider than the terminal. A word wider
    than the whole line cannot be kept whole and is not asked to be."""
    env = environment(tmp_path)
    screen = run_in_terminal(arguments, columns=width, env=env)
    assert screen.code == 0, screen.text
    words = whole_words()
    if "--help" in arguments:
        words |= words_of(run_in_terminal(arguments, columns=200, env=env).lines)
    fitting = {word for word in words if len(word) <= width - 4}
    assert split_words(screen.lines, fitting) == [], screen.text
    too_wide = [line for line in screen.written_lines() if display_width(line) > width]
    assert too_wide == [], screen.text


def test_a_split_word_is_found(tmp_path: Path) -> None:
    """The check above finds a word folded in its column, as tables drew emails before."""
    lines = ["│ Rand Al-Ani   ralani@iom.in │", "│               t             │"]
    assert split_words(lines, {"ralani@iom.int"}) == [("ralani@iom.int", 0)]


def test_list_on_a_terminal_fits_80_columns_with_whole_titles(tmp_path: Path) -> None:
    screen = run_in_terminal(("list",), columns=80, env=environment(tmp_path))
    assert (
        screen.lines[2]
        == "guiding-principles                    July 2024       Guiding Principles"
    )
    assert "multi-situational-report              May 2024        Multi-Situational Report" in (
        screen.lines
    )
    assert split_words(screen.lines, whole_words()) == []


def test_whom_to_ask_about_the_surveys_shows_names_and_emails(tmp_path: Path) -> None:
    """ "Whom do I ask about the survey data?": the contacts column shows names and emails on a
    terminal, each email whole."""
    arguments = ("search", "survey", "--columns", "title,contacts")
    screen = run_in_terminal(arguments, columns=80, env=environment(tmp_path))
    assert screen.lines[2:4] == [
        "International Talent Attraction &       Rand Al-Ani <ralani@iom.int>; Jana Grebe",
        "Retention Survey                        <jgrebe@iom.int>",
    ]


# The pager -----------------------------------------------------------------------------------


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    env = environment(tmp_path, {"TALENTHUB_PAGER": FAKE_PAGER})
    screen = run_in_terminal(("list",), columns=80, env=env)
    assert screen.code == 0
    assert screen.lines[0] == "PAGER-WAS-HERE"
    assert screen.lines[1].startswith("ID ")


@pytest.mark.slow
def test_pager_falls_back_to_PAGER(tmp_path: Path) -> None:
    env = environment(tmp_path, {"PAGER": FAKE_PAGER})
    del env["TALENTHUB_PAGER"]
    assert run_in_terminal(("contacts",), columns=80, env=env).lines[0] == "PAGER-WAS-HERE"


@pytest.mark.slow
@pytest.mark.parametrize(
    "arguments", [("--no-pager", "list"), ("list", "--no-pager"), ("show", "iom", "--no-pager")]
)
def test_no_pager_writes_to_the_terminal_itself(arguments: tuple[str, ...], tmp_path: Path) -> None:
    env = environment(tmp_path, {"TALENTHUB_PAGER": FAKE_PAGER})
    screen = run_in_terminal(arguments, columns=80, env=env)
    assert screen.code == 0
    assert "PAGER-WAS-HERE" not in screen.text
    assert screen.lines


def test_piped_output_never_goes_through_the_pager(tmp_path: Path) -> None:
    env = environment(tmp_path, {"TALENTHUB_PAGER": FAKE_PAGER, "PAGER": FAKE_PAGER})
    piped = _piped(("list",), env)
    assert piped.returncode == 0
    assert "PAGER-WAS-HERE" not in piped.stdout
    assert piped.stdout.startswith("guiding-principles\t")


@pytest.mark.slow
def test_less_pages_until_the_reader_quits(tmp_path: Path) -> None:
    """The default pager, less -FRX, where there is a less: a listing longer than the screen
    waits for the reader; q ends it, and talenthub with it (exit 0), the page left on screen."""
    if subprocess.run(["sh", "-c", "command -v less"], capture_output=True).returncode:
        pytest.skip("no less here")
    env = environment(tmp_path)
    del env["TALENTHUB_PAGER"]
    screen = run_in_terminal(("list",), columns=80, rows=10, env=env, keys=[(3.0, "q")])
    assert screen.code == 0
    assert any(line.startswith("guiding-principles") for line in screen.lines)


@pytest.fixture(scope="module")
def big_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated catalogue of 3,000 materials: its listing is far more than a pipe holds."""
    path = tmp_path_factory.mktemp("big") / "catalogue.toml"
    generate = Path(__file__).parents[2] / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generate), "3000", str(path)], check=True)
    return path


@pytest.mark.slow
def test_a_pager_that_quits_early_ends_the_command_quietly(
    big_catalogue: Path, tmp_path: Path
) -> None:
    env = environment(tmp_path, {"TALENTHUB_PAGER": "head -n 3"})
    screen = run_in_terminal(("-c", str(big_catalogue), "list"), columns=80, env=env)
    assert screen.code == 0
    assert "Error" not in screen.raw and "Traceback" not in screen.raw
    assert len([line for line in screen.lines if line]) == 3


# Progress ------------------------------------------------------------------------------------

TESTING_THRESHOLD = {"TALENTHUB_PROGRESS_AFTER": "0"}  # for testing: show it for any work


def test_building_the_index_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    env = environment(tmp_path, TESTING_THRESHOLD)
    screen = run_in_terminal(("list",), columns=80, env=env)
    assert screen.code == 0
    assert "Building the index" in screen.raw
    assert "Checking the rules" in screen.raw
    assert "Building the index" not in screen.text  # taken away when the work is done
    again = run_in_terminal(("list",), columns=80, env=env)  # the index is there: no work
    assert "Building the index" not in again.raw


def test_the_first_search_shows_progress_while_it_builds_the_full_text_index(
    tmp_path: Path,
) -> None:
    env = environment(tmp_path, TESTING_THRESHOLD)
    assert run_in_terminal(("list",), columns=80, env=env).code == 0  # the index, not the text
    screen = run_in_terminal(("search", "nomad"), columns=80, env=env)
    assert screen.code == 0
    assert "Building the full-text index" in screen.raw
    assert "Building the full-text index" not in screen.text  # taken away when it is built
    again = run_in_terminal(("search", "nomad"), columns=80, env=env)  # built: no work
    assert "Building the full-text index" not in again.raw


@pytest.mark.slow
def test_quiet_shows_no_progress(tmp_path: Path) -> None:
    env = environment(tmp_path, TESTING_THRESHOLD)
    screen = run_in_terminal(("--quiet", "list"), columns=80, env=env)
    assert screen.code == 0
    assert "Building the index" not in screen.raw


@pytest.mark.slow
def test_check_shows_progress_on_a_terminal_and_none_when_piped(tmp_path: Path) -> None:
    env = environment(tmp_path, TESTING_THRESHOLD)
    screen = run_in_terminal(("check",), columns=80, env=env)
    assert "Looking for what is missing" in screen.raw
    piped = _piped(("check",), env)
    assert piped.returncode == 0
    assert piped.stderr == ""
    assert "Looking for" not in piped.stdout


@pytest.mark.slow
def test_a_big_catalogue_shows_progress_at_once(tmp_path: Path) -> None:
    """Without the testing threshold: a catalogue that takes longer than half a second to read
    shows its progress from the start (reading it leaves no pause in which to draw a clock)."""
    path = tmp_path / "catalogue.toml"
    generate = Path(__file__).parents[2] / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generate), "20000", str(path)], check=True)
    env = environment(tmp_path)
    screen = run_in_terminal(("-c", str(path), "list", "-n", "1"), columns=80, env=env)
    assert screen.code == 0
    assert "Reading " in screen.raw  # the name is cut to fit the line
    piped = _piped(("-c", str(path), "list", "-n", "1"), env)
    assert piped.stderr == ""
