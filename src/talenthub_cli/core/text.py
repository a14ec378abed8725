"""Text folding (how the catalogue compares words, whatever their case and accents), and
counting things in words."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark, written as a reader
# without them would type them: "Kobenhavn" must find "København", "Lodz" must find "Łódź".
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
        "ŋ": "n",
        "ĸ": "k",
    }
)


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents, so that equal words compare equal.

    >>> fold("København") == fold("KOBENHAVN")
    True
    """
    if text.isascii():
        return text.lower()
    # Decomposed first, so that compatibility letters ("𝕬", "ﬁ") are cased as the letters they
    # stand for, and again after casefolding, which can compose ("İ" → "i̇").
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(
        char for char in decomposed.translate(_LETTERS) if not unicodedata.combining(char)
    )


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 material", "10 materials"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
