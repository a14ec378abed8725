"""Folding: case and accents do not matter when words are compared."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenthub_cli.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("København", "kobenhavn"),
        ("KØBENHAVN", "kobenhavn"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Æble", "aeble"),
        ("Đakovo", "dakovo"),
        ("Crème Brûlée", "creme brulee"),
        ("Ǿresund", "oresund"),  # a letter with a stroke and an accent
        ("Talent Hub", "talent hub"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_folds_to_lower_case(text: str) -> None:
    assert fold(text) == text.lower() == fold(text.upper())


@pytest.mark.slow
def test_the_folding_tables_hold_every_code_point() -> None:
    from talenthub_cli.core.text import folding_tables

    assert folding_tables() == folding_tables(0x110000)


# Letters with marks above and below, compatibility forms, final sigma, the Greek iota subscript
# (a mark that case-folds to a letter), Hangul syllables: where folding the text a character at a
# time could differ from folding it whole.
_HARD = "AaİıßẞΣσςͅᾳᾼǾøÆﬁ𝕬ǅ가각\u0301\u0323\u0345\u0308\u20dd\u1dc0ÅÅ Ω"


@given(st.text() | st.text(alphabet=_HARD))
def test_folding_a_character_at_a_time_is_folding_the_whole_text(text: str) -> None:
    from talenthub_cli.core.text import _fold_whole

    assert fold(text) == _fold_whole(text)
    assert fold(text) == "".join(_fold_whole(char) for char in text)
