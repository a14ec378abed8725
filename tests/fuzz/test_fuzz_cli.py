"""Fuzzing the command line: mutated catalogues, random queries and random dates. Whatever the
input, the program answers with an exit code of 0, 1 or 2 and, when it is not 0, a message
that says what is wrong (`talenthub: …`, or `file:line: …`), never a traceback.

Each run is in-process (`tests.conftest.run`, which lets any exception through, so a traceback
fails the test). TALENTHUB_FUZZ_EXAMPLES sets the examples per test for a longer local run:

    TALENTHUB_FUZZ_EXAMPLES=2000 pytest tests/fuzz -m slow --hypothesis-seed=1
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.storage.paths import bundled_catalogue
from tests.conftest import Outcome, run

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("TALENTHUB_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BUNDLED = bundled_catalogue().read_bytes()
_LOCATION = re.compile(r"\S.*:\d+:")
COMMANDS = [
    ("check",),
    ("list",),
    ("show", "guidebook"),
    ("search", "nomad"),
    ("export", "--format", "csv"),
]


def assert_answered(outcome: Outcome) -> None:
    """A documented exit code (0, 1, 2, or 3 from `check` that found errors), no traceback, and
    a message for anything but success."""
    assert outcome.code in (0, 1, 2, 3), (outcome.code, outcome.stderr)
    assert "Traceback" not in outcome.stderr
    if outcome.code == 0:
        return
    # `check` reports what it finds on stdout; everything else on stderr.
    message = outcome.stderr or outcome.stdout
    first = message.splitlines()[0] if message.strip() else ""
    assert first.startswith(("talenthub:", "Usage:")) or _LOCATION.match(first) is not None, message


# Mutations of the bundled catalogue's text ------------------------------------------------------

TOML_VALUES = st.one_of(
    st.integers().map(str),
    st.sampled_from(["0x" + "F" * 600, "1" * 5000, "inf", "nan", "-0.0", "1e400", "true"]),
    st.sampled_from(["[]", "{}", "[[]]", "[" * 450 + "]" * 450, "{a = {b = {c = 1}}}"]),
    st.sampled_from(["1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", '""', "''"]),
    st.text(max_size=20).map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"')
                              .encode("unicode_escape").decode().replace("\\x", "\\u00") + '"'),
    st.sampled_from(['"Y99999999999999999999"', '"2024-13"', '"\\u001b[2J"', '"=1+1"', '"\\n"']),
)  # fmt: skip


@st.composite
def mutated_catalogues(draw: st.DrawFn) -> bytes:
    data = BUNDLED
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "delete", "duplicate", "splice", "splice"]))
        lines = data.split(b"\n")
        if kind == "flip":
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "delete":
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = b"\n".join(lines)
        elif kind == "duplicate":
            at = draw(st.integers(0, len(lines) - 1))
            lines.insert(at, lines[at])
            data = b"\n".join(lines)
        else:  # a random TOML value in the place of a field's
            fields = [n for n, line in enumerate(lines) if re.match(rb"[a-z_]+ = ", line)]
            at = draw(st.sampled_from(fields))
            key = lines[at].split(b" = ", 1)[0]
            lines[at] = key + b" = " + draw(TOML_VALUES).encode("utf-8", "surrogatepass")
            data = b"\n".join(lines)
    return data


@FUZZ
@given(mutated_catalogues(), st.sampled_from(COMMANDS))
def test_a_mutated_catalogue_is_read_or_refused_with_a_message(
    data: bytes, command: tuple[str, ...]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.toml"
        path.write_bytes(data)
        assert_answered(run("-c", str(path), *command))


# Random queries and dates -------------------------------------------------------------------

QUERY_PARTS = st.sampled_from(
    ["nomad", "survey", "OR", "-", "(", ")", '"', ":", "type:", "date:", "topic:", "contact:",
     "org:", "lang:", "title:", "id:", "2024", "..", "2023-11..2024-02", "Kobenhavn", "ø", " ",
     "\t", "\x1b", "Y9999999999", "guid", "*", "'", "\\", "NOT", "AND"]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=40),
    # long ones: nested past what recursion and SQLite take, and more terms than SQL nests
    st.integers(0, 1200).map(lambda n: "(" * n + "nomad" + ")" * n),
    st.integers(0, 1200).map(lambda n: "-" * n + "nomad"),
    st.integers(1, 1200).map(lambda n: " OR ".join(["nomad"] * n)),
    st.lists(QUERY_PARTS, min_size=1, max_size=20).map("".join),
    st.lists(QUERY_PARTS, min_size=1, max_size=20).map(" ".join),
)


@FUZZ
@given(QUERIES)
def test_any_query_is_answered_or_refused_with_a_message(query: str) -> None:
    assert_answered(run("search", "--", query))


DATE_PARTS = st.sampled_from(
    ["2024", "-", "05", "/", "..", "?", "~", "%", "X", "Y", "9" * 30, "May", " ", "T10:00:00Z",
     "21", "24", "00", "13", "31", "-0044", "e", ",", "to"]
)  # fmt: skip
DATES = st.one_of(
    st.text(max_size=25),
    st.lists(DATE_PARTS, min_size=1, max_size=8).map("".join),
    st.integers(5, 5000).map(lambda n: "Y" + "9" * n),  # long years, past SQLite and int()
)


@FUZZ
@given(st.sampled_from(["--since", "--until", "--during"]), DATES)
def test_any_date_option_is_answered_or_refused_with_a_message(option: str, date: str) -> None:
    assert_answered(run("list", f"{option}={date}"))
