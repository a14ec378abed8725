"""The query language read directly: trees, errors with their caret, folding, suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenthub_cli.core.dates import parse
from talenthub_cli.core.model import Contact, Organisation
from talenthub_cli.core.query import Names
from talenthub_cli.core.search import (
    FIELDS,
    AllOf,
    AnyOf,
    DateIn,
    Has,
    IdStarts,
    Lookup,
    Node,
    Not,
    Phrase,
    QueryError,
    Word,
    closest,
    describe,
    edit_distance,
    highlights,
    parse_query,
    snippet,
)

LOOKUP = Lookup(
    Names.of(
        (Contact("jana-grebe", "Jana Grebe", "jgrebe@iom.int"),),
        (
            Organisation("iom", "International Organization for Migration", "IOM"),
            Organisation("iom-germany", "IOM Germany", parent="iom"),
        ),
    ),
    parse_date=parse,
)


def read(query: str) -> Node:
    return parse_query(query, LOOKUP)


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("nomad", Word("nomad")),
        ("Digital NOMADS", AllOf((Word("digital"), Word("nomads")))),
        ('"remote work"', Phrase(("remote", "work"))),
        ("cross-border", Phrase(("cross", "border"))),  # one word of the query, two of the index
        ("København", Word("kobenhavn")),
        ("a b OR c", AnyOf((AllOf((Word("a"), Word("b"))), Word("c")))),
        ("a (b OR c)", AllOf((Word("a"), AnyOf((Word("b"), Word("c")))))),
        ("-a b", AllOf((Not(Word("a")), Word("b")))),
        ("--a", Not(Not(Word("a")))),
        ("-type:survey", Not(Has("type", frozenset({"survey"}), "survey"))),
        ("type:Brief", Has("type", frozenset({"brief"}), "Brief")),
        ("type:concept-note", Has("type", frozenset({"concept-note"}), "concept-note")),
        ("title:guide", Word("guide", "title")),
        ('title:"remote work"', Phrase(("remote", "work"), "title")),
        ("id:briefs", IdStarts("briefs")),
        ("topic:Remote", Has("topic", frozenset({"remote"}), "Remote")),
        ('topic:"remote work"', Has("topic", frozenset({"remote work"}), "remote work")),
        ("lang:EN", Has("language", frozenset({"en"}), "EN")),
        ("contact:jgrebe@iom.int", Has("contact", frozenset({"jana-grebe"}), "jgrebe@iom.int")),
        ("org:IOM", Has("organisation", frozenset({"iom", "iom-germany"}), "IOM")),
        ("date:2024", DateIn(parse("2024").first, parse("2024").last, "2024")),
        (
            "date:2023-11..2024-02",
            DateIn(parse("2023-11").first, parse("2024-02").last, "2023-11..2024-02"),
        ),
        ("date:2024..", DateIn(parse("2024").first, None, "2024..")),
        ("date:..2023", DateIn(None, parse("2023").last, "..2023")),
    ],
)
def test_reading(query: str, tree: object) -> None:
    assert read(query) == tree


@pytest.mark.parametrize(
    ("query", "message", "caret"),
    [
        ('digital "remote work', "this quote is not closed (expected '\"')", 8),
        ('title:"remote', "this quote is not closed (expected '\"')", 6),
        ("nomad OR", "expected a word after OR", 8),
        ("OR nomad", "expected a word before OR", 0),
        ("a OR OR b", "expected a word after OR", 5),
        ("a ()", "expected a word inside the parentheses", 3),
        ("(a", "expected ')' to close the '(' before", 2),
        ("a)", "this ')' has no '(' before it", 1),
        ("a -", "expected a word right after '-'", 3),
        ("a - b", "expected a word right after '-'", 3),
        ("-)", "expected a word right after '-'", 1),
        ("", "there is nothing to search for (expected a word)", 0),
        ("&&", "'&&' has no letters or digits to search for", 0),
        ("colour:red", f"unknown field 'colour:'; the fields are: {', '.join(FIELDS)}", 0),
        ("type:", "expected a value after 'type:'", 5),
        ("type:memo", "unknown type 'memo'; the types are: article, brief, concept-note, dataset, document, guidebook, guidelines, presentation, report, survey, video, webpage", 5),
        ("date:2024-13", "'2024-13' is not a valid EDTF date: month 13 does not exist. Months are 01 to 12, seasons 21 to 24", 5),
        ("date:2024..2023", "the range '2024..2023' ends before it starts", 5),
        ("date:..", "a date range needs a date on at least one side of '..'", 5),
        ("contact:jana-grebbe", "no contact matches 'jana-grebbe'. Did you mean 'Jana Grebe'?", 8),
    ],
)  # fmt: skip
def test_errors_point_at_the_spot(query: str, message: str, caret: int) -> None:
    with pytest.raises(QueryError) as caught:
        read(query)
    assert caught.value.reason == message
    assert caught.value.position == caret
    assert str(caught.value) == (f"cannot read the query: {message}\n  {query}\n  {' ' * caret}^")


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_query_error(query: str) -> None:
    try:
        tree = read(query)
    except QueryError as error:
        assert 0 <= error.position <= len(query)
    else:
        assert describe(tree)


@given(st.text(alphabet='ab -()"OR:typedlgx', max_size=25))
def test_the_grammar_characters_in_any_order_never_break_the_parser(query: str) -> None:
    try:
        read(query)
    except QueryError as error:
        assert 0 <= error.position <= len(query)


def test_describe_shows_the_tree() -> None:
    assert describe(read('nomad -type:survey OR "remote work"')) == [
        "any of",
        "  all of",
        "    word 'nomad' (or a word it begins)",
        "    not",
        "      type is survey",
        "  phrase 'remote work'",
    ]


def test_edit_distance_and_the_closest_word() -> None:
    assert edit_distance("nomds", "nomads") == 1
    assert edit_distance("kitten", "sitting") == 3
    vocabulary = ["guidebook", "guiding", "nomads", "nomadism", "report"]
    assert closest("guidbook", vocabulary) == "guidebook"
    assert closest("nomds", vocabulary) == "nomads"
    assert closest("zzzz", vocabulary) is None


def test_highlights_and_snippets() -> None:
    terms: list[Word | Phrase] = [Word("nomad"), Phrase(("remote", "work"))]
    text = "Digital Nomads & Cross-Border Remote Work"
    assert [text[s:e] for s, e in highlights(text, terms)] == ["Nomads", "Remote", "Work"]
    long = " ".join(["word"] * 30) + " digital nomads " + " ".join(["more"] * 30)
    cut = snippet(long, terms, width=40)
    assert cut.startswith("…") and cut.endswith("…")
    assert "nomads" in cut
    assert len(cut) <= 42
