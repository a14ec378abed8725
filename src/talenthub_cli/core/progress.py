"""How long work says how far it has got: a callback that storage calls between its steps, and
that the terminal draws (or nothing, when no one is watching)."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Called as each step of long work begins (the one before it is then done): `step` says
    what is under way, for a person ("Reading catalogue.toml")."""

    def __call__(self, step: str) -> None: ...
