"""Ids made from titles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from talenthub_cli.core.text import fold

if TYPE_CHECKING:
    from collections.abc import Container

MAX_LENGTH = 48


def slug(title: str, taken: Container[str], empty: str = "material") -> str:
    """An id from a title: folded to ASCII letters and digits joined by single hyphens, at most
    48 characters at a word's end (`empty` where there are none), and made unique with -2, -3,
    ..."""
    words = re.findall(r"[a-z0-9]+", fold(title))
    base = ""
    for word in words:
        if base and len(base) + 1 + len(word) > MAX_LENGTH:
            break
        base = f"{base}-{word}" if base else word[:MAX_LENGTH]
    base = base or empty
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
