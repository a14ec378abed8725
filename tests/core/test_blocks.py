"""A record's own text in a file: found, replaced, removed and appended without touching another
byte."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from talenthub_cli.core.blocks import (
    appended,
    change_span,
    material_block,
    removed,
    replaced,
    text_of,
    window,
    without_item,
)
from tests.strategies import catalogues, write_toml

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue

TEXT = """\
schema = 1

[project]
id = "p"
title = "P"

# about the first
[[materials]]
id = "first"
title = "First"
type = "report"
related = ["second"]

# about the second
[[materials]]
id = "second"
title = "Second"
type = "report"
# still the second's

# closing the file
"""


def test_a_record_is_its_header_the_comments_above_it_and_its_lines() -> None:
    assert text_of(TEXT, "materials", 0) == (
        '# about the first\n[[materials]]\nid = "first"\ntitle = "First"\ntype = "report"\n'
        'related = ["second"]\n'
    )
    assert text_of(TEXT, "materials", 1) == (
        '# about the second\n[[materials]]\nid = "second"\ntitle = "Second"\ntype = "report"\n'
        "# still the second's\n"
    )
    assert text_of(TEXT, "materials", 2) is None


def test_removing_the_last_record_keeps_the_comment_that_closes_the_file() -> None:
    assert removed(TEXT, "materials", 1) == TEXT.replace(
        '\n# about the second\n[[materials]]\nid = "second"\ntitle = "Second"\ntype = "report"\n'
        "# still the second's\n",
        "",
    )
    assert removed(TEXT, "materials", 1).endswith('related = ["second"]\n\n# closing the file\n')  # type: ignore[union-attr]


def test_replacing_a_record_touches_its_lines_alone() -> None:
    new = '[[materials]]\nid = "first"\ntitle = "First, again"\ntype = "report"\n'
    changed = replaced(TEXT, "materials", 0, new)
    assert changed == TEXT.replace(text_of(TEXT, "materials", 0) or "", new)


def test_an_item_is_taken_out_of_a_list() -> None:
    block = text_of(TEXT, "materials", 0) or ""
    assert without_item(block, "related", "second") == block.replace('["second"]', "[]")
    assert without_item(block, "parts", "second") is None  # no such list: the change is refused


@given(
    st.dictionaries(
        st.sampled_from(["title", "summary", "notes"]),
        st.text(min_size=1),
        min_size=1,
    )
)
def test_an_appended_block_reads_back_as_its_record(fields: dict[str, str]) -> None:
    record = {"id": "new", "type": "report", **fields}
    text = appended(TEXT, material_block(record))
    assert text.startswith(TEXT)
    assert tomli.loads(text)["materials"][-1] == record


def test_without_key_takes_out_a_one_line_value_or_a_list_over_lines() -> None:
    from talenthub_cli.core.blocks import without_key

    block = (
        '[[contacts]]\nid = "a"\norganisation = "iom"   # the office\nrole = "x"\n'
        'events = [\n  "e1",\n  "e2",\n]\n'
    )
    assert without_key(block, "organisation") == (
        '[[contacts]]\nid = "a"\nrole = "x"\nevents = [\n  "e1",\n  "e2",\n]\n'
    )
    assert without_key(block, "events") == (
        '[[contacts]]\nid = "a"\norganisation = "iom"   # the office\nrole = "x"\n'
    )
    assert without_key('id = "a"\nparent = "b"', "parent") == 'id = "a"\n'
    assert without_key(block, "parent") is None
    assert without_key('notes = """a\nb"""\n', "notes") is None  # not a form it can change


def test_placed_puts_a_record_among_its_kind_or_before_the_later_kinds() -> None:
    from talenthub_cli.core.blocks import placed

    text = '[[contacts]]\nid = "a"\n\n# materials\n[[materials]]\nid = "m"\n'
    new = '[[contacts]]\nid = "b"\n'
    assert placed(text, "contacts", new) == (
        '[[contacts]]\nid = "a"\n\n[[contacts]]\nid = "b"\n\n# materials\n[[materials]]\nid = "m"\n'
    )
    assert placed(text, "organisations", '[[organisations]]\nid = "o"\n', ["contacts"]) == (
        '[[organisations]]\nid = "o"\n\n' + text
    )
    assert placed(text, "events", '[[events]]\nid = "e"\n') == text + '\n[[events]]\nid = "e"\n'


WINDOWED = """schema = 1
[project]
id = "p"

[[materials]]
id = "a"
title = "A"

# about b
[[materials]]
id = "b"  # the second
title = "B"

[[events]]
id = "a"
title = "An event named as a material is"

# about c
[[materials]]
id = "c"
title = "C"
# closing words

# at the end
"""


@pytest.mark.parametrize(
    "text",
    [
        WINDOWED,
        WINDOWED.replace("\n", "\r\n"),
        WINDOWED.rstrip(),
        WINDOWED[WINDOWED.index("[[materials]]") :],  # a record first of all
    ],
)
@pytest.mark.parametrize(("index", "record_id"), [(0, "a"), (1, "b"), (2, "c")])
@pytest.mark.parametrize("new", [None, '[[materials]]\nid = "z"\ntitle = "Z"\n'])
def test_a_change_in_the_window_around_a_record_is_the_change_in_the_whole_text(
    text: str, index: int, record_id: str, new: str | None
) -> None:
    around = window(text, "materials", record_id)
    assert around is not None
    start, end, local = around
    span = change_span(text[start:end], "materials", local, new)
    assert span is not None
    assert (start + span[0], start + span[1], span[2]) == change_span(text, "materials", index, new)


@settings(max_examples=50, deadline=None)
@given(catalogues(awkward=True))
def test_the_window_finds_each_material_of_a_written_catalogue(catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = write_toml(catalogue, Path(folder) / "c.toml").read_text(encoding="utf-8")
    for index, material in enumerate(catalogue.materials):
        around = window(text, "materials", material.id)
        if f'\nid = "{material.id}"' not in text:
            # Written as inline tables (tomli_w writes an array of short tables so): no window
            # to find, and the caller reads the whole file.
            assert around is None
            continue
        assert around is not None
        start, end, local = around
        span = change_span(text[start:end], "materials", local, None)
        assert span is not None
        assert (start + span[0], start + span[1], "") == change_span(text, "materials", index, None)
