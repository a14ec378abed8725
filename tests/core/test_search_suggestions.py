"""What a misspelt query is told it may have meant: the nearest word of the catalogue, found
without comparing the query with every word (a catalogue may have millions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st

from talenthub_cli.core.search import closest, edit_distance

if TYPE_CHECKING:
    import pytest


def _closest_by_comparing_every_word(word: str, vocabulary: list[str]) -> str | None:
    """The definition `closest` is held to: every word compared, nearest first, then the first
    in alphabetical order; one edit in four letters, at most two."""
    limit = min(2, max(1, len(word) // 4))
    near = [
        (edit_distance(word, other), other)
        for other in vocabulary
        if other != word and edit_distance(word, other) <= limit
    ]
    return min(near)[1] if near else None


# Few letters, so that near words are common and every length of piece is exercised.
WORDS = st.text("abcdeé", min_size=1, max_size=13)


@given(WORDS, st.lists(WORDS, max_size=60, unique=True))
@example("a", ["b", "ab", "bb", "abc"])
@example("ab", ["ba", "b", "abab"])
@example("guidbook", ["guidebook", "guide", "book"])
@example("abcdefghijkl", ["abcdefghijkk", "abcdxfghijkl", "bcdefghijklm"])
def test_the_nearest_word_is_the_one_comparing_every_word_finds(
    word: str, vocabulary: list[str]
) -> None:
    assert closest(word, vocabulary) == _closest_by_comparing_every_word(word, vocabulary)


def test_words_far_from_the_query_are_not_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    import talenthub_cli.core.search as search

    compared: list[str] = []

    def counting(a: str, b: str) -> int:
        compared.append(b)
        return edit_distance(a, b)

    monkeypatch.setattr(search, "edit_distance", counting)
    vocabulary = [f"{n:07d}" for n in range(20_000)] + ["zzzzqqa"]
    assert closest("zzzzqqq", vocabulary) == "zzzzqqa"
    assert compared == ["zzzzqqa"]
