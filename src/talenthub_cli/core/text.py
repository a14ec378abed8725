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
    return text.translate(_FOLDED)


def _fold_whole(text: str) -> str:
    """`fold`, step by step, for a whole text."""
    # Decomposed first, so that compatibility letters ("𝕬", "ﬁ") are cased as the letters they
    # stand for, and again after casefolding, which can compose ("İ" → "i̇").
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(
        char for char in decomposed.translate(_LETTERS) if not unicodedata.combining(char)
    )


class _Folded(dict[int, str]):
    """Each character's fold, worked out the first time it is met: a text folds by one
    `str.translate`. Folding is character by character (case folding has no context, and
    decomposing reorders only combining marks, which are dropped), so a text's fold is the
    folds of its characters in turn; tests hold this to `_fold_whole`."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_whole(chr(code))
        return folded


_FOLDED = _Folded()


# Every letter that case-folds apart from its lower case, and every combining mark, is in the
# first two planes (the others hold CJK ideographs, tags and variation selectors, which have
# neither); a test holds this to a scan of all of Unicode.
FOLDING_PLANES = 0x20000


def folding_tables(end: int = FOLDING_PLANES) -> dict[str, object]:
    """`fold` as tables, for a program in another language to fold as this one does (the html
    export's script): the characters whose case folding is not their lower case ("ß": "ss"),
    `_LETTERS`, and the combining marks that `fold` drops, as [first, last] code point ranges.
    The rest is NFKD and lower-casing, which every language has."""
    chars = [chr(code) for code in range(end) if not 0xD800 <= code <= 0xDFFF]
    casefold = {char: folded for char in chars if (folded := char.casefold()) != char.lower()}
    marks: list[list[int]] = []
    for code in (ord(char) for char in chars if unicodedata.combining(char)):
        if marks and marks[-1][1] == code - 1:
            marks[-1][1] = code
        else:
            marks.append([code, code])
    letters = {chr(code): text for code, text in _LETTERS.items()}
    return {"casefold": casefold, "letters": letters, "marks": marks}


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 material", "10 materials", "8,508 materials"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


# Control characters as a terminal can show them without running them: C0 and DEL in caret
# notation, as `cat -v`, `less` and git do (ESC as "^["), C1 as the escape Python writes
# ("\u009b"). Tabs and line breaks are left to the renderer, which lays them out.
_VISIBLE = {code: f"^{chr(code + 64)}" for code in range(0x20) if chr(code) not in "\t\n"}
_VISIBLE[0x7F] = "^?"
_VISIBLE.update({code: f"\\u{code:04x}" for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """`text` with every control character but tab and line feed written out visibly, so that
    text from a catalogue cannot move the cursor, retitle the window or clear the screen when
    it is shown on a terminal. One character in, one or more out, in order: the part of the
    result for `text[:n]` is `visible(text[:n])`.

    >>> visible("Guidebook\\x1b]0;PWNED\\x07")
    'Guidebook^[]0;PWNED^G'
    """
    if text.isprintable():  # the common case, at C speed
        return text
    return text.translate(_VISIBLE)
