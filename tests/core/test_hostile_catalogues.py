"""Catalogues written to break the reader: nesting past what TOML readers allow, numbers past
what Python reads, lists and tables where text is due. Each gets one message with its line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.core.errors import InvalidCatalogueError
from talenthub_cli.core.validate import SCHEMA, build_catalogue, check_catalogue
from tests.conftest import run

if TYPE_CHECKING:
    from pathlib import Path

HEAD = 'schema = 1\n\n[project]\nid = "demo"\ntitle = "Demo"\n'
MATERIAL = '\n[[materials]]\nid = "s"\ntitle = "S"\n'  # lines 7 to 9


def _refused(path: Path, text: str) -> str:
    """The one line of stderr with which `list` refuses the catalogue `text`."""
    path.write_text(text, encoding="utf-8")
    outcome = run("-c", str(path), "list")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.count("\n") == 1
    return outcome.stderr


NESTED = f"{HEAD}x = {'[' * 100_000}\n"
DOTTED = f"{HEAD}{'.'.join(['a'] * 5000)} = 1\n"
HEADER = f"{HEAD}\n[{'.'.join(['a'] * 1500)}]\n"
NESTED_OVER_LINES = HEAD + "x = [\n" + "[\n" * 500


@pytest.mark.parametrize(
    ("text", "line"),
    [(NESTED, 6), (DOTTED, 6), (HEADER, 7), (NESTED_OVER_LINES, 6 + 400)],
    ids=["nested-arrays", "dotted-key", "dotted-header", "nested-over-lines"],
)
def test_toml_nested_deeper_than_the_reader_allows_is_refused_at_its_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "deep.toml"
    assert _refused(path, text) == (
        f"talenthub: {path}:{line}: invalid TOML: "
        "arrays, inline tables or dotted keys nested too deeply to read\n"
    )


def test_an_integer_too_long_for_python_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    text = f'{HEAD}{MATERIAL}type = "survey"\nresponses = {"1" * 5000}\n'
    assert _refused(path, text) == (
        f"talenthub: {path}:11: invalid TOML: "
        "a whole number too long to read (more than 4,300 digits)\n"
    )


def test_a_long_integer_in_a_string_does_not_mislead_the_line(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    text = f'{HEAD}{MATERIAL}type = "survey"\nnotes = "{"2" * 5000}"\nresponses = {"1" * 5000}\n'
    assert _refused(path, text) == (
        f"talenthub: {path}:12: invalid TOML: "
        "a whole number too long to read (more than 4,300 digits)\n"
    )


def test_check_reports_what_cannot_be_read_as_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(NESTED, encoding="utf-8")
    outcome = run("check", str(path))
    assert outcome.code == 3  # check found errors
    assert outcome.stdout.splitlines()[0] == (
        f"{path}:6: error: invalid TOML: "
        "arrays, inline tables or dotted keys nested too deeply to read"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('responses = 0x' + "F" * 4000 + '\ntype = "survey"',
         "material 's', field 'responses': must be at most 9,007,199,254,740,991, "
         "not a number of about 4,817 digits"),
        ('responses = -1' + "0" * 40 + '\ntype = "survey"',
         "material 's', field 'responses': must not be negative, not a number of about 41 digits"),
        ('responses = 9_007_199_254_740_992\ntype = "survey"',
         "material 's', field 'responses': must be at most 9,007,199,254,740,991, "
         "not 9007199254740992"),
        ("type = []", "material 's', field 'type': must be a string, not a list"),
        ('availability = {}\ntype = "report"',
         "material 's', field 'availability': must be a string, not a table"),
        ("type = " + "[" * 399 + "]" * 399,
         "material 's', field 'type': must be a string, not a list"),
        (".".join(["notes"] + ["a"] * 990) + ' = 1\ntype = "report"',
         "material 's', field 'notes': must be a string, not a table"),
    ],
    ids=["huge-hex", "huge-negative", "past-2**53", "type-list", "availability-table",
         "deep-list", "deep-table"],
)  # fmt: skip
def test_values_that_parse_but_cannot_be_held_are_problems_at_their_line(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "c.toml"
    assert _refused(path, f"{HEAD}{MATERIAL}{body}\n") == f"talenthub: {path}:10: {message}\n"


def test_a_list_or_table_for_an_id_or_date_is_a_problem_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        f'{HEAD}\n[[materials]]\nid = []\ntitle = "S"\ntype = "report"\ndate = {{}}\n',
        encoding="utf-8",
    )
    outcome = run("-c", str(path), "list")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr == (
        f"talenthub: {path} is not a valid catalogue (2 problems):\n"
        f"  {path}:8: material #1, field 'id': must be a string, not a list\n"
        f"  {path}:11: material #1, field 'date': must be a string, not a table\n"
    )


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (".".join(["schema"] + ["a"] * 990) + " = 1",
         "field 'schema': must be a whole number, not a table (write schema = 1)"),
        ("schema = " + "[" * 399 + "]" * 399,
         "field 'schema': must be a whole number, not a list (write schema = 1)"),
        ("schema = 0x" + "F" * 4000,
         "field 'schema': schema a number of about 4,817 digits is not supported "
         "(this version of talenthub reads schema 1)"),
    ],
    ids=["deep-table", "deep-list", "huge"],
)  # fmt: skip
def test_a_schema_of_any_shape_is_a_problem_at_its_line(
    tmp_path: Path, schema: str, message: str
) -> None:
    path = tmp_path / "c.toml"
    text = HEAD.replace("schema = 1", schema)
    assert _refused(path, text) == f"talenthub: {path}:1: {message}\n"


# Every field of every kind, with every kind of TOML value ----------------------------------------

_LEAVES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "report", "survey", "published", "2024-05", "https://x.org", "a-b"]),
    st.integers(),
    st.integers(min_value=2**60, max_value=2**20000),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def _deep(draw: st.DrawFn) -> object:
    """A value nested as deep as TOML readers allow: lists and tables in turn."""
    value: object = draw(_LEAVES)
    for depth in range(draw(st.integers(1, 399))):
        value = [value] if depth % 2 else {"a": value}
    return value


_ANY_VALUE = st.one_of(_VALUES, _deep())

# A valid record of each kind, that the drawn value is put into.
_RECORDS: dict[str, dict[str, Any]] = {
    "project": {"id": "demo", "title": "Demo"},
    "organisations": {"id": "org", "name": "Org"},
    "contacts": {"id": "someone", "name": "Someone"},
    "materials": {"id": "m", "title": "M", "type": "survey"},
    "events": {"id": "e", "title": "E", "date": "2024"},
}
_FIELDS = [(kind, field) for kind, fields in SCHEMA.items() for field in fields]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FIELDS), _ANY_VALUE)
def test_any_toml_value_in_any_field_is_either_valid_or_a_problem(
    where: tuple[str, str], value: object
) -> None:
    kind, field = where
    data: dict[str, Any] = {"schema": 1, "project": dict(_RECORDS["project"])}
    for other in ("organisations", "contacts", "materials", "events"):
        data[other] = [dict(_RECORDS[other])]
    record = data[kind] if kind == "project" else data[kind][0]
    record[field] = value
    lines = [f"[{kind}]" if kind == "project" else f"[[{kind}]]", f"{field} = …"]
    text = "schema = 1\n" + "\n".join(lines) + "\n"
    try:
        check_catalogue(data, "c.toml", text)
        catalogue = build_catalogue(data, "c.toml", text)
    except InvalidCatalogueError as error:
        assert str(error).startswith("c.toml")
        assert all(problem.file == "c.toml" for problem in error.problems)
    else:
        assert len(catalogue.materials) == 1
