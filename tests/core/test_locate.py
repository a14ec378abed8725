"""The locator finds the line of each table and key, whatever the TOML around it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenthub_cli.core import locate
from talenthub_cli.core.locate import Locator, toml_error_position

TEXT = '''\
schema = 1

[project]
id = "p"
summary = """
[[materials]]
id = "not a key"
"""

[[project.titles]]
text = "T"

[[materials]]
id = "one"
topics = [
  "a",
  "b",
]
"title" = "One" # a quoted key
type = 'brief'

[[materials]]
id = "two" # [[materials]] in a comment
inline = { date = "2024" }
date = "2024"
'''


def test_lines_of_tables_and_keys() -> None:
    locator = Locator(TEXT)
    assert locator.line("project") == 3
    assert locator.line("project", None, "summary") == 5
    assert locator.line("project", None, "titles") == 10
    assert locator.line("materials", 0) == 13
    assert locator.line("materials", 0, "id") == 14
    assert locator.line("materials", 0, "title") == 19
    assert locator.line("materials", 0, "type") == 20
    assert locator.line("materials", 1, "id") == 23
    assert locator.line("materials", 1, "date") == 25
    assert locator.line("materials", 1, "missing") == 22  # the table, where the key is not there
    assert locator.line("materials", 2) is None
    assert locator.line("", None, "schema") == 1


PLACES = [
    (table, index, key)
    for table, index in [("project", None), ("", None), ("materials", 0), ("materials", 1)]
    for key in [None, "id", "summary", "titles", "schema", "title", "type", "date", "missing"]
]


def test_lines_of_some_records_are_those_of_the_whole_scan() -> None:
    whole = Locator(TEXT)
    records: list[set[tuple[str, int | None]]] = [
        {("materials", 0)},
        {("materials", 1)},
        {("materials", 0), ("materials", 1)},
        {("project", None)},
        {("", None), ("materials", 0)},
    ]
    for only in records:
        some = Locator(TEXT, only=only)
        for table, index, key in PLACES:
            if (table, index) in only:
                assert some.line(table, index, key) == whole.line(table, index, key)


def test_toml_error_positions() -> None:
    assert toml_error_position("Invalid value (at line 4, column 9)", "") == ("Invalid value", 4, 9)
    assert toml_error_position("Unclosed array (at end of document)", "a = [\n1,\n") == (
        "Unclosed array",
        2,
        3,
    )
    assert toml_error_position("Something else", "") == ("Something else", None, None)


def test_lines_of_some_keys_are_those_of_the_whole_scan() -> None:
    whole = Locator(TEXT)
    for keys in [{"id"}, {"date", "title"}, {"summary", "titles", "schema"}, set()]:
        only = {("", None), ("project", None), ("materials", 0), ("materials", 1)}
        some = Locator(TEXT, only=only, keys=keys)
        for table, index, key in PLACES:
            if key is None or key in keys:
                assert some.line(table, index, key) == whole.line(table, index, key), key


# Lines of every sort a scan must follow: headers, keys asked for and not, arrays written an item
# a line, multi-line strings (holding what looks like headers and keys), comments, and line
# breaks other than the line feed (which `str.splitlines` ends lines at too).
_LINES = [
    "[[materials]]", "[project]", "[[project.titles]]", "  [[ materials ]]", "id = 'x'",
    'id = "x"', '"id" = 1', " id.x = 1", "idx = 1", "title = \"[a]\"", "topics = [", "]", "],",
    '  "a",', '  "b" ,', "  1,", 'summary = """', '"""', "x = '''", "'''", '"""  id = 2',
    "# [[materials]]", "t = { a = 1 }", "t = {", "}", "a = [1, [2,", "3]]", "", "  ",
    'date = "2024" # [', "x = \"a\\\"[\"", "[[events]]", "a\rb = 1", "id\u2028= 1", "\x0c",
]  # fmt: skip


@given(st.lists(st.sampled_from(_LINES), max_size=40), st.sampled_from(["\n", ""]))
def test_lines_of_some_keys_in_any_text_are_those_of_the_whole_scan(
    lines: list[str], end: str
) -> None:
    text = "\n".join(lines) + end
    whole = Locator(text)
    records = {(name, index) for _, name, index in whole.headers()} | {("", None)}
    for keys in [{"id"}, {"title", "x"}]:
        some = Locator(text, only=records, keys=keys)
        for table, index in records:
            for key in [*keys, None]:
                assert some.line(table, index, key) == whole.line(table, index, key)


@given(st.text(alphabet="ab\n\r\u2028\x0c", max_size=60), st.integers(1, 8))
def test_a_text_is_split_into_the_lines_splitlines_gives(text: str, chunk: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(locate, "_CHUNK", chunk)
        assert list(locate._every_line(text)) == text.splitlines()
