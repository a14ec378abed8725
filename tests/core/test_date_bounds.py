"""Long EDTF years (`Y…`) are held up to MAX_YEAR either side of year 0, and refused beyond with
a message, wherever a date is read: the catalogue, the date options, the query's `date:`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.dates import MAX_YEAR, from_ordinal, parse
from talenthub_cli.core.errors import DateError
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

BEYOND = f"talenthub holds years from -{MAX_YEAR:,} to {MAX_YEAR:,}, no further"


def test_the_furthest_years_are_held_to_the_day() -> None:
    assert MAX_YEAR == 999_999_999
    latest = parse(f"Y{MAX_YEAR}")
    earliest = parse(f"Y-{MAX_YEAR}")
    assert from_ordinal(latest.last) == (MAX_YEAR, 12, 31)  # type: ignore[arg-type]
    assert from_ordinal(earliest.first) == (-MAX_YEAR, 1, 1)  # type: ignore[arg-type]
    assert latest.last < 2**62 and earliest.first > -(2**62)  # type: ignore[operator]


@pytest.mark.parametrize(
    "text", ["Y1000000000", "Y-1000000000", "Y99999999999999999999", "Y" + "9" * 5000]
)
def test_a_year_beyond_is_refused_with_the_bound(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.reason == BEYOND
    assert str(caught.value) == f"{text!r} is not a valid EDTF date: {BEYOND}"


def test_a_catalogue_date_beyond_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        ['id = "s"\ntitle = "S"\ntype = "report"\ndate = "Y99999999999999999999"'],
    )
    outcome = run("-c", str(path), "list")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr == (
        f"talenthub: {path}:11: material 's', field 'date': "
        f"'Y99999999999999999999' is not a valid EDTF date: {BEYOND}\n"
    )


def test_a_catalogue_date_at_the_bound_is_listed(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.toml",
        [
            f'id = "far"\ntitle = "Far"\ntype = "report"\ndate = "Y{MAX_YEAR}"',
            f'id = "early"\ntitle = "Early"\ntype = "report"\ndate = "Y-{MAX_YEAR}/2024"',
        ],
    )
    outcome = run("-c", str(path), "list", "--columns", "id,date")
    assert (outcome.code, outcome.stdout, outcome.stderr) == (
        0,
        f"far\tY{MAX_YEAR}\nearly\tY-{MAX_YEAR}/2024\n",
        "",
    )
    during = run("-c", str(path), "list", "--during", f"Y{MAX_YEAR}", "--columns", "id")
    assert (during.code, during.stdout) == (0, "far\n")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--during", "Y999999999999999999999"),
        ("--since", "Y" + "9" * 5000),
        ("--until", "Y-1000000000"),
    ],
)
def test_a_date_option_beyond_is_bad_usage(option: str, value: str) -> None:
    outcome = run("list", option, value)
    assert (outcome.code, outcome.stdout) == (2, "")
    assert "Traceback" not in outcome.stderr
    assert BEYOND in " ".join(outcome.stderr.replace("│", " ").split())


def test_a_query_date_beyond_is_a_query_error_at_its_spot() -> None:
    outcome = run("search", "guidebook date:Y9999999999999999999999")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr == (
        "talenthub: cannot read the query: "
        f"'Y9999999999999999999999' is not a valid EDTF date: {BEYOND}\n"
        "  guidebook date:Y9999999999999999999999\n"
        "                 ^\n"
    )
