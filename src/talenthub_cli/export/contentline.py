"""Content lines, as iCalendar (RFC 5545, 3.1 and 3.3.11) and vCard (RFC 6350, 3.2 and 3.4) write
them: text values escaped, lines folded at 75 octets, CRLF line ends."""

from __future__ import annotations

import re
import uuid

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not allowed in a text value (tab is)
_NAMESPACE = uuid.UUID("0f1c4b9e-6a7d-5c1e-9b8a-3d2f1e0c4a5b")  # talenthub's, for uuid5


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, a line break as \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded so that no physical line is longer than 75 octets (CRLF aside):
    each continuation starts with a space, and no UTF-8 character is split."""
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # inside a character: break before it
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, 74  # the leading space of a continuation counts
    pieces.append(data[start:])
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces) + "\r\n"


def stable_uid(*parts: str) -> str:
    """A UUID that is the same each time for the same record, so that a calendar or address book
    importing again updates rather than duplicates."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))
