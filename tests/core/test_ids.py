"""Ids made from titles."""

from __future__ import annotations

from talenthub_cli.core.ids import slug


def test_slugs_are_ascii_unique_and_short() -> None:
    assert slug("Kobenhavn & København: Übersicht", set()) == "kobenhavn-kobenhavn-ubersicht"
    assert slug("Briefs", {"briefs", "briefs-2"}) == "briefs-3"
    assert len(slug("word " * 40, set())) <= 48
