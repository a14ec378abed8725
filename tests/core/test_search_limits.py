"""The size of a query: at most MAX_TERMS words, phrases and field values, nested at most
MAX_NESTING deep. The largest query allowed runs on the index; one more is a message with a
caret at the term or the bracket that goes too far."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.search import MAX_NESTING, MAX_TERMS
from tests.conftest import run, write_catalogue

if TYPE_CHECKING:
    from pathlib import Path

NESTED = f"cannot read the query: the query nests parentheses and '-' more than {MAX_NESTING} deep"
TOO_MANY = (
    f"cannot read the query: the query has more than {MAX_TERMS} words, phrases and fields; "
    "search with fewer"
)


def test_the_limits_are_far_beyond_what_a_person_writes() -> None:
    assert (MAX_TERMS, MAX_NESTING) == (256, 32)


def _refused(query: str) -> list[str]:
    """The lines of the message for `query`, which must be a usage error and nothing else."""
    outcome = run("search", "--", query)
    assert (outcome.code, outcome.stdout) == (2, "")
    assert "Traceback" not in outcome.stderr
    return outcome.stderr.splitlines()


def _runs(query: str, path: Path | None = None) -> int:
    """The exit code of searching `query`: it must be read and run, found or not."""
    catalogue = () if path is None else ("-c", str(path))
    outcome = run(*catalogue, "search", "--limit", "1", "--", query)
    assert outcome.code in (0, 1), outcome.stderr
    assert outcome.stderr == "" or outcome.stderr.startswith("talenthub: no materials match")
    return outcome.code


def _caret_at(lines: list[str]) -> int:
    return lines[2].index("^") - 2


@pytest.mark.parametrize("opening", ["(", "-"])
def test_a_thousand_nested_groups_or_negations_are_refused_at_the_first_too_deep(
    opening: str,
) -> None:
    query = opening * 1000 + "nomad" + (")" * 1000 if opening == "(" else "")
    lines = _refused(query)
    assert lines[0] == f"talenthub: {NESTED}"
    assert lines[1] == f"  {query}"
    assert _caret_at(lines) == MAX_NESTING  # the 33rd, counted from 0


def test_eleven_hundred_ors_are_refused_at_the_first_term_too_many() -> None:
    query = " OR ".join(["nomad"] * 1100)
    lines = _refused(query)
    assert lines[0] == f"talenthub: {TOO_MANY}"
    assert _caret_at(lines) == len("nomad OR ") * MAX_TERMS


def test_the_largest_flat_queries_run_and_one_more_term_is_refused() -> None:
    any_of = " OR ".join(["nomad"] * MAX_TERMS)
    all_of = " ".join(["nomad"] * MAX_TERMS)
    assert _runs(any_of) == 0
    assert _runs(all_of) == 0
    assert _refused(any_of + " OR nomad")[0] == f"talenthub: {TOO_MANY}"
    assert _refused(all_of + " -type:survey")[0] == f"talenthub: {TOO_MANY}"


def _deepest(levels: int, terms: int) -> str:
    """A query as deep in SQL as the limits allow: every group is the first part of an OR (the
    left of SQLite's chain, its deepest side), nested in a negation, `terms` words in all."""
    per_level = 7
    inner = " OR ".join(["nomad"] * (terms - per_level * levels))
    query = inner
    for _ in range(levels):
        query = f"-({query} OR {' OR '.join(['zzz'] * per_level)})"
    return query


def test_the_deepest_query_allowed_runs() -> None:
    query = _deepest(MAX_NESTING // 2, MAX_TERMS)  # "-(" nests twice per level
    assert query.count("(") + query.count("-") == MAX_NESTING
    assert len(query.split()) - query.count("OR") == MAX_TERMS
    assert _runs(query) == 0
    assert _refused("(" + query + ")")[0] == f"talenthub: {NESTED}"
    assert _refused(query.replace("-(nomad", "-(nomad OR nomad", 1))[0] == f"talenthub: {TOO_MANY}"


def test_a_contact_value_counts_once_for_every_contact_it_names(tmp_path: Path) -> None:
    def catalogue(count: int) -> Path:
        contacts = "".join(
            f'\n[[contacts]]\nid = "ann-{n}"\nname = "Ann Lee"\n' for n in range(count)
        )
        return write_catalogue(
            tmp_path / f"c{count}.toml",
            ['id = "m"\ntitle = "Nomads"\ntype = "report"\ncontacts = ["ann-0"]'],
            extra=contacts,
        )

    assert _runs('contact:"Ann Lee"', catalogue(MAX_TERMS)) == 0
    outcome = run("-c", str(catalogue(MAX_TERMS + 1)), "search", 'contact:"Ann Lee"')
    assert outcome.code == 2
    assert outcome.stderr == f'talenthub: {TOO_MANY}\n  contact:"Ann Lee"\n  ^\n'
