"""A record's own text in a catalogue file, so that a change touches that text and no other byte.

A record's block runs from its `[[kind]]` header to the next header, with the comment lines
right above its header (they describe it) and without the comments and blank lines right above
the next header (they describe the next). Everything here is text in, text out; the storage
checks that the result parses to exactly the intended data before it writes anything.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from talenthub_cli.core.locate import Locator

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _before_closing_comments(lines: list[str], header: int, end: int) -> int:
    """Where the last record of a file ends: comments set apart from it by a blank line close
    the file and are not the record's (a change to the record leaves them)."""
    first = end
    while first > header and _is_comment_or_blank(lines[first - 1]):
        first -= 1
    for position in range(first, end):
        if not lines[position].strip():
            return position
    return end


def block(text: str, kind: str, index: int | None) -> tuple[int, int] | None:
    """The lines [start, end) (0-based) of the `index`-th `[[kind]]` record (index None: the
    `[kind]` table), or None."""
    headers = Locator(text).headers()
    lines = text.splitlines(keepends=True)
    for position, (number, name, found) in enumerate(headers):
        if (name, found) != (kind, index):
            continue
        start = number - 1
        while start > 0 and lines[start - 1].strip().startswith("#"):
            start -= 1
        end = headers[position + 1][0] - 1 if position + 1 < len(headers) else len(lines)
        following = headers[position + 1][0] - 1 if position + 1 < len(headers) else None
        if following is not None:
            while end > number and _is_comment_or_blank(lines[end - 1]):
                end -= 1
        else:
            while end > number and not lines[end - 1].strip():
                end -= 1
            end = _before_closing_comments(lines, number, end)
        return start, end
    return None


def text_of(text: str, kind: str, index: int | None) -> str | None:
    """The record's block as text."""
    span = block(text, kind, index)
    if span is None:
        return None
    return "".join(text.splitlines(keepends=True)[span[0] : span[1]])


def _ending_as(text: str, new: str) -> str:
    """`new` with the line ends of `text`: a file written with CRLF stays all CRLF."""
    if "\r\n" not in text:
        return new
    return new.replace("\r\n", "\n").replace("\n", "\r\n")


def change_span(
    text: str, kind: str, index: int | None, new: str | None
) -> tuple[int, int, str] | None:
    """Where a change of the record falls, in characters: (start, end, replacement), such that
    `text[:start] + replacement + text[end:]` is the text with the record's block replaced by
    `new` (which ends with a line break), or, where `new` is None, without the block and the
    blank lines that set it apart."""
    span = block(text, kind, index)
    if span is None:
        return None
    lines = text.splitlines(keepends=True)
    start, end = span
    if new is None:
        new = ""
        while end < len(lines) and not lines[end].strip():  # the blank lines after it go too
            end += 1
        if end == len(lines):  # the last record: take the blank lines before it instead
            while start > 0 and not lines[start - 1].strip():
                start -= 1
    else:
        new = _ending_as(text, new)
        if end == len(lines) and lines and not lines[-1].endswith("\n"):
            new = new.rstrip("\n")
    before = sum(map(len, lines[:start]))
    return before, before + sum(map(len, lines[start:end])), new


def replaced(text: str, kind: str, index: int | None, new: str) -> str | None:
    """The text with the record's block replaced by `new` (which ends with a line break)."""
    span = change_span(text, kind, index, new)
    return None if span is None else text[: span[0]] + span[2] + text[span[1] :]


def removed(text: str, kind: str, index: int) -> str | None:
    """The text without the record's block, and without the blank lines that set it apart."""
    span = change_span(text, kind, index, None)
    return None if span is None else text[: span[0]] + text[span[1] :]


def window(text: str, kind: str, record_id: str) -> tuple[int, int, int] | None:
    """The part of the text around the `[[kind]]` record whose id line reads `id = "record_id"`:
    from the previous record's header (or the start of the text) to the header after the next
    (or the end), as (start, end, the record's index in that part); None where its id line is
    not written so. The record's block and a change of it (`block`, `change_span`) are the same
    in that part as in the whole text (where the headers found are the file's: the caller
    checks that the block found is the record meant), and are found without reading the rest."""
    header = f"\n[[{kind}]]"
    line = f'\nid = "{record_id}"'
    first = text.startswith(header[1:])
    at = text.find(line, 0 if first else max(text.find(header), 0))  # after its kind begins
    while at >= 0 and text[at + len(line) : at + len(line) + 1] not in ("", "\n", "\r", " ", "#"):
        at = text.find(line, at + 1)
    if at < 0:
        return None
    own = text.rfind(header, 0, at) + 1
    if own == 0 and not first:
        return None
    previous = text.rfind(header, 0, own) + 1 if own else 0
    start, local = (previous, 1) if previous or (own and first) else (0, 0)
    following = text.find(header, own)
    after = -1 if following < 0 else text.find(header, following + 1)
    return start, (len(text) if after < 0 else after + 1), local


def appended(text: str, new: str) -> str:
    """The text with a record's block added at the end, after one blank line."""
    return text + appendix(text, new)


def appendix(text: str, new: str) -> str:
    """What `appended` adds at the end of the text."""
    if not text:
        return new
    newline = "\r\n" if "\r\n" in text else "\n"
    added = "" if text.endswith("\n") else newline
    if not (text[-2 * len(newline) :] + added).endswith(newline * 2):
        added += newline
    return added + _ending_as(text, new)


def leading_comments(block: str) -> str:
    """The comment lines at the top of a record's block, above its header: what describes it."""
    lines = block.splitlines(keepends=True)
    kept = []
    for line in lines:
        if not line.strip().startswith("#"):
            break
        kept.append(line)
    return "".join(kept)


def record_block(kind: str, record: Mapping[str, Any]) -> str:
    """A record as a [[kind]] table (tomli-w would write a small one inline)."""
    import tomli_w

    return f"[[{kind}]]\n" + tomli_w.dumps(dict(record))


def material_block(record: Mapping[str, Any]) -> str:
    """A material's record as a [[materials]] table."""
    return record_block("materials", record)


def placed(text: str, kind: str, new: str, later: Sequence[str] = ()) -> str:
    """The text with a new `[[kind]]` record after the last of its kind (after one blank line);
    where there is none, before the first record of the `later` kinds, else at the end:
    contacts stay among contacts, and come before materials."""
    headers = Locator(text).headers()
    last = sum(1 for _, name, index in headers if name == kind and index is not None)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    new = _ending_as(text, new)
    if not last:
        following = next((h for h in headers if h[1] in later and h[2] is not None), None)
        span = None if following is None else block(text, following[1], following[2])
        if span is None:
            return appended(text, new)
        return "".join(lines[: span[0]]) + new + newline + "".join(lines[span[0] :])
    span = block(text, kind, last - 1)
    if span is None or span[1] == len(lines) or not lines[span[1] - 1].endswith("\n"):
        return appended(text, new)
    head, tail = "".join(lines[: span[1]]), "".join(lines[span[1] :])
    if not tail.startswith(("\n", "\r\n")):
        tail = newline + tail
    return head + newline + new + tail


def without_key(block: str, field: str) -> str | None:
    """A record's text without its `field = "..."` or `field = [...]` (with a comment after it
    on its line), or None where it is not written so (the caller then refuses the change)."""
    pattern = re.compile(
        rf"""(?m)^[ \t]*{re.escape(field)}[ \t]*=[ \t]*("[^"\n]*"|'[^'\n]*'|\[[^\]]*\])"""
        r"[ \t]*(#[^\n]*)?(\r?\n|\Z)"
    )
    match = pattern.search(block)
    if match is None:
        return None
    return block[: match.start()] + block[match.end() :]


def without_item(block: str, field: str, item: str) -> str | None:
    """A record's text with `item` taken out of its `field = [...]` list, or None where the list
    is not written in a form this can change (the caller then refuses the change)."""
    import tomli_w

    pattern = re.compile(
        rf"(?ms)^(?P<key>[ \t]*{re.escape(field)}[ \t]*=[ \t]*)\[(?P<items>[^\]]*)\]"
    )
    match = pattern.search(block)
    if match is None:
        return None
    items = re.findall(r'"([^"]*)"|\'([^\']*)\'', match["items"])
    kept = [double or single for double, single in items if (double or single) != item]
    value = tomli_w.dumps({"x": kept}).partition("=")[2].strip()
    return block[: match.start()] + match["key"] + value + block[match.end() :]
