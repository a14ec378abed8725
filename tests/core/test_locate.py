"""The locator finds the line of each table and key, whatever the TOML around it."""

from __future__ import annotations

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
