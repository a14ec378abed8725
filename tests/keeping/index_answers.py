"""What a catalogue's index answers, to hold an index kept current by writes to one built afresh."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from talenthub_cli.core.dates import parse
from talenthub_cli.core.query import ListQuery, MaterialFilter
from talenthub_cli.core.search import AllOf, Has, Word
from talenthub_cli.storage.index import PLAIN_COLUMNS, open_index


def answers(path: Path, cache: Path) -> dict[str, Any]:
    """What the index of `path` in `cache` answers: every material in order (and as the lines
    of a piped listing, and those of a period), the contacts, organisations, events and
    project, the words, and a search for each word (and for each word in reports of 2024)."""
    index = open_index(path, cache)
    during_2024 = ListQuery(MaterialFilter({}, during=parse("2024")))
    report = Has("type", frozenset({"report"}), "report")
    index.has_word_starting("")  # the full-text part, built here if no search built it yet
    words = [term for (term,) in index._connection.execute("SELECT term FROM words ORDER BY 1")]
    return {
        "materials": index.select(ListQuery()),
        # The lines of the whole listing, kept in the index once asked for, as `list` reads them.
        "listing": list(index.plain_lines(ListQuery(), list(PLAIN_COLUMNS), "\x1f")),
        # Read through the days kept in the index once asked for (`_dated_lines`).
        "period": list(index.plain_lines(during_2024, list(PLAIN_COLUMNS), "\x1f")),
        "count": index.count(),
        "contacts": index.contacts(),
        "organisations": index.organisations(),
        "events": index.events(),
        "project": index.project(),
        "words": words,
        "search": {
            word: [
                (material.id, round(score, 9))
                for material, score in index.search(Word(word), ListQuery(), by_relevance=True)
            ]
            for word in words
        },
        # Filtered through the types and days kept in the index once asked for (`_SIFTED`).
        "sifted": {
            word: [
                material.id
                for material, _ in index.search(
                    AllOf((Word(word), report)), during_2024, by_relevance=True
                )
            ]
            for word in words
        },
    }


def fresh_answers(path: Path) -> dict[str, Any]:
    """What an index built afresh from the file answers."""
    with tempfile.TemporaryDirectory() as folder:
        return answers(path, Path(folder))
