"""The search query language: text → tree → evaluation. Pure: no I/O, no SQL.

Grammar, loosest binding first:

    query  := any EOF
    any    := all ("OR" all)*            # OR: either side may match
    all    := not not*                   # side by side: every part must match
    not    := "-" not | atom             # -x: x must not match
    atom   := WORD | "PHRASE" | FIELD:VALUE | FIELD:"PHRASE" | "(" any ")"

So `a b OR c` is `(a AND b) OR c`, and `-a b` is `(NOT a) AND b`. A query holds at most
MAX_TERMS words, phrases and field values, and nests parentheses and `-` at most MAX_NESTING deep:
far beyond what a person writes, and within what SQLite (an expression at most 1,000 deep, which
the index's one nested condition per node of the tree would pass) and Python's recursion take.

Fields: the facets of `core.query.FACETS` (type, topic, contact, org, lang, availability), and
date, title and id. `date:` takes an EDTF date or a range `2023-11..2024-02`, open on
either side (`2024..`, `..2023`), and matches by overlap, as `list --during` does.

Words match any text field of a material (title, topics, summary, notes, its type, the names of
its contacts and organisations) as a prefix of a word there: "nomad" finds "nomads". A phrase
matches its words in order, side by side, within one field. Every comparison is on folded text
(`core.text.fold`): case and accents do not matter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from talenthub_cli.core.errors import NotFoundError, UsageError
from talenthub_cli.core.frozen import frozen, replace
from talenthub_cli.core.query import FACETS, FACETS_BY_SEARCH_FIELD
from talenthub_cli.core.text import fold
from talenthub_cli.core.vocabulary import TYPES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from talenthub_cli.core.dates import Edtf
    from talenthub_cli.core.model import Contact, Material, Organisation
    from talenthub_cli.core.query import ListQuery, Names

FIELDS = (*(name for facet in FACETS for name in facet.search_fields), "date", "title", "id")

# The text fields a word is looked for in, heaviest first, with their weight in the ranking.
TEXT_FIELDS = ("title", "topics", "summary", "other")
WEIGHTS = {"title": 5.0, "topics": 3.0, "summary": 2.0, "other": 1.0}

_TOKEN = re.compile(r"[^\W_]+")  # letters and digits, as SQLite's unicode61 tokenizer splits


def words(text: str) -> list[str]:
    """The folded words of `text`, split where SQLite's full-text index splits them."""
    return _TOKEN.findall(fold(text))


# The size of a query, checked as it is read. The index makes one SQL condition of the tree, in
# which the parts of an AND or OR nest one per part (SQLite joins `a OR b OR c` as
# `(a OR b) OR c`), a `-` or a group one more, and a word two more (its full-text subquery).
# So a query's SQL is at most about MAX_TERMS + 2 * MAX_NESTING + 4 deep: 324, against SQLite's
# 1,000; and the parser's recursion, four calls per group, stays below 150 of Python's 1,000.
MAX_TERMS = 256  # words, phrases and field values; a contact: or org: value counts once per
# record it names, as each is one more condition
MAX_NESTING = 32  # parentheses and "-" inside one another


class QueryError(UsageError):
    """A query that cannot be read: the message points at the spot with a caret."""

    def __init__(self, query: str, position: int, message: str) -> None:
        self.query = query
        self.position = position
        self.reason = message
        caret = " " * position + "^"
        super().__init__(f"cannot read the query: {message}\n  {query}\n  {caret}")


# The tree ---------------------------------------------------------------------------------


@frozen
class Word:
    """A word that begins a word of a material's text (of one field, where `field` is given)."""

    text: str
    field: str | None = None  # "title" for title:word


@frozen
class Phrase:
    """Words side by side, in this order, within one field."""

    words: tuple[str, ...]
    field: str | None = None


@frozen
class DateIn:
    """Overlaps first..last (days; None: unbounded)."""

    first: int | None
    last: int | None
    text: str


@frozen
class Has:
    """A material whose keys of `facet` (a name in `core.query.FACETS`) hold one of `keys`."""

    facet: str
    keys: frozenset[str]
    text: str


@frozen
class IdStarts:
    prefix: str


@frozen
class Not:
    part: Node


@frozen
class AllOf:
    parts: tuple[Node, ...]


@frozen
class AnyOf:
    parts: tuple[Node, ...]


Node = Word | Phrase | DateIn | Has | IdStarts | Not | AllOf | AnyOf


def describe(node: Node, indent: str = "") -> list[str]:
    """The tree as indented lines, for --explain."""
    if isinstance(node, AllOf | AnyOf):
        lines = [indent + ("all of" if isinstance(node, AllOf) else "any of")]
        for part in node.parts:
            lines.extend(describe(part, indent + "  "))
        return lines
    if isinstance(node, Not):
        return [indent + "not", *describe(node.part, indent + "  ")]
    where = f" in {node.field}" if isinstance(node, Word | Phrase) and node.field else ""
    if isinstance(node, Word):
        return [f"{indent}word {node.text!r}{where} (or a word it begins)"]
    if isinstance(node, Phrase):
        return [f"{indent}phrase {' '.join(node.words)!r}{where}"]
    if isinstance(node, DateIn):
        return [f"{indent}date overlaps {node.text}"]
    if isinstance(node, Has):
        keys = ", ".join(sorted(node.keys))
        return [
            f"{indent}{node.facet} is {keys}" + ("" if keys == node.text else f" ({node.text})")
        ]
    return [f"{indent}id begins {node.prefix!r}"]


# Reading a query ----------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_FIELD = re.compile(r"([A-Za-z]+):")


@frozen
class _Token:
    kind: str  # "word", "phrase", "field", "or", "not", "(", ")"
    text: str  # the word, the phrase, or the field's value
    position: int
    field: str | None = None
    quoted: bool = False  # a field's value written in quotes


@frozen
class Lookup:
    """What the parser needs to know of the catalogue to read contact:, org: and date:."""

    names: Names
    parse_date: Callable[[str], Edtf]


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, length = 0, len(query)
    while position < length:
        space = _SPACE.match(query, position)
        if space:
            position = space.end()
            continue
        char = query[position]
        if char in "()":
            tokens.append(_Token(char, char, position))
            position += 1
            continue
        if char == "-":
            tokens.append(_Token("not", "-", position))
            position += 1
            continue
        if char == '"':
            end = query.find('"', position + 1)
            if end < 0:
                raise QueryError(query, position, "this quote is not closed (expected '\"')")
            tokens.append(_Token("phrase", query[position + 1 : end], position))
            position = end + 1
            continue
        field = _FIELD.match(query, position)
        if field:
            name, start = field[1], field.end()
            if start < length and query[start] == '"':
                end = query.find('"', start + 1)
                if end < 0:
                    raise QueryError(query, start, "this quote is not closed (expected '\"')")
                tokens.append(_Token("field", query[start + 1 : end], position, name, True))
                position = end + 1
                continue
            end = start
            while end < length and not query[end].isspace() and query[end] not in '()"':
                end += 1
            tokens.append(_Token("field", query[start:end], position, name))
            position = end
            continue
        end = position
        while end < length and not query[end].isspace() and query[end] not in '()"':
            end += 1
        text = query[position:end]
        tokens.append(_Token("or" if text == "OR" else "word", text, position))
        position = end
    return tokens


class _Parser:
    def __init__(self, query: str, lookup: Lookup) -> None:
        self.query = query
        self.lookup = lookup
        self.tokens = _tokens(query)
        self.index = 0
        self.nesting = 0  # groups and negations open around the token being read
        self.terms = 0  # conditions read so far, as the index counts them

    def enter(self, token: _Token) -> None:
        """A group or negation opens at `token`: refuse it past MAX_NESTING, before the
        recursion that reads it goes deeper."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self.error(
                token.position,
                f"the query nests parentheses and '-' more than {MAX_NESTING} deep",
            )

    def count(self, token: _Token, node: Node) -> Node:
        """`node`, read at `token`, counted towards MAX_TERMS."""
        self.terms += len(node.keys) if isinstance(node, Has) else 1
        if self.terms > MAX_TERMS:
            raise self.error(
                token.position,
                f"the query has more than {MAX_TERMS} words, phrases and fields; search with fewer",
            )
        return node

    def error(self, position: int, message: str) -> QueryError:
        return QueryError(self.query, position, message)

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise self.error(0, "there is nothing to search for (expected a word)")
        node = self.any()
        token = self.peek()
        if token is not None:  # only a stray ")" stops `any` early
            raise self.error(token.position, "this ')' has no '(' before it")
        return node

    def any(self) -> Node:
        parts = [self.all()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.index += 1
            following = self.peek()
            if following is None or following.kind in ("or", ")"):
                where = following.position if following else len(self.query)
                raise self.error(where, "expected a word after OR")
            parts.append(self.all())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def all(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "or":
            raise self.error(token.position, "expected a word before OR")
        parts = [self.negated()]
        while (token := self.peek()) is not None and token.kind not in ("or", ")"):
            parts.append(self.negated())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def negated(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "not":
            self.index += 1
            following = self.peek()
            if (
                following is None
                or following.kind in ("or", ")")
                or following.position != token.position + 1
            ):
                raise self.error(token.position + 1, "expected a word right after '-'")
            self.enter(token)
            node = Not(self.negated())
            self.nesting -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.error(len(self.query), "expected a word")
        self.index += 1
        if token.kind == "(":
            following = self.peek()
            if following is not None and following.kind == ")":
                raise self.error(following.position, "expected a word inside the parentheses")
            self.enter(token)
            node = self.any()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise self.error(len(self.query), "expected ')' to close the '(' before")
            self.index += 1
            self.nesting -= 1
            return node
        if token.kind == ")":
            raise self.error(token.position, "this ')' has no '(' before it")
        if token.kind == "field":
            return self.count(token, self.field(token))
        return self.count(
            token, self.text(token.text, token.position, None, token.kind == "phrase")
        )

    def text(self, text: str, position: int, field: str | None, quoted: bool) -> Node:
        found = words(text)
        if not found:
            raise self.error(position, f"{text!r} has no letters or digits to search for")
        if len(found) == 1 and not quoted:
            return Word(found[0], field)
        return Phrase(tuple(found), field)

    def field(self, token: _Token) -> Node:
        name, value = token.field, token.text
        assert name is not None
        at = token.position + len(name) + 1
        if name not in FIELDS:
            raise self.error(
                token.position, f"unknown field {name + ':'!r}; the fields are: {', '.join(FIELDS)}"
            )
        if not value:
            raise self.error(at, f"expected a value after '{name}:'")
        if name == "title":
            return self.text(value, at, "title", token.quoted)
        if name == "date":
            return self.date(value, at)
        if name == "id":
            return IdStarts(value.lower())
        return self.facet(name, value, at)

    def date(self, value: str, at: int) -> DateIn:
        from talenthub_cli.core.dates import span
        from talenthub_cli.core.errors import DateError

        try:
            date = span(value, self.lookup.parse_date)
        except DateError as error:
            raise self.error(at, str(error)) from None
        return DateIn(date.first, date.last, value)

    def facet(self, name: str, value: str, at: int) -> Has:
        facet = FACETS_BY_SEARCH_FIELD[name]
        try:
            keys = facet.resolve(value, self.lookup.names)
        except UsageError as error:
            raise self.error(at, str(error)) from None
        return Has(facet.name, keys, value)


def parse_query(query: str, lookup: Lookup) -> Node:
    """The tree of `query`, or a QueryError that points at what is wrong."""
    return _Parser(query, lookup).parse()


# Evaluating a query on one material: the reference the index is held to ---------------------


# Between the items of a list (two topics, two names) the text holds this word, which no query
# can hold (a query's words are letters and digits), so that no phrase runs from one to the next.
BOUNDARY = "~"


_TOKEN_OR_BOUNDARY = re.compile(rf"[^\W_]+|{re.escape(BOUNDARY)}")


@lru_cache(maxsize=4096)
def _folded(value: str) -> str:
    """Folded text with no boundary word of its own; cached, as names and topics recur."""
    return fold(value).replace(BOUNDARY, " ")


def _items(values: Iterable[str | None]) -> str:
    return f" {BOUNDARY} ".join(_folded(value) for value in values if value)


_LABELS = {kind.value: info.label for kind, info in TYPES.items()}


def texts(
    title: str,
    topics: Iterable[str],
    summary: str | None,
    notes: str | None,
    type: str,
    contact_names: Iterable[str],
    organisation_names: Iterable[tuple[str, str | None]],
) -> dict[str, str]:
    """The searchable text of a material by field, as the index keeps it: folded, with a
    boundary between the items of a list. SQLite's tokenizer splits it as `tokens` does.
    "other" holds the notes, the type's label and the names (and short names) of the
    material's contacts and organisations."""
    others: list[str | None] = [notes, _LABELS[type], *contact_names]
    for name, short_name in organisation_names:
        others.extend((name, short_name))
    return {
        "title": fold(title).replace(BOUNDARY, " "),
        "topics": _items(topics),
        "summary": fold(summary or "").replace(BOUNDARY, " "),
        "other": _items(others),
    }


def tokens(text: str) -> tuple[str, ...]:
    """The words of a field's text (from `texts`), and its boundaries, in order."""
    return tuple(_TOKEN_OR_BOUNDARY.findall(text))


def material_texts(
    material: Material,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
) -> dict[str, str]:
    """`texts` of a material, with its contacts' and organisations' names from these maps."""
    return texts(
        material.title,
        material.topics,
        material.summary,
        material.notes,
        material.type.value,
        [contacts[c].name for c in material.contacts if c in contacts],
        [
            (organisations[o].name, organisations[o].short_name)
            for o in material.organisations
            if o in organisations
        ],
    )


@frozen
class Candidate:
    """A material as a query sees it."""

    material: Material
    words: Mapping[str, tuple[str, ...]]  # field → its folded words


def candidate(
    material: Material,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
) -> Candidate:
    found = material_texts(material, contacts, organisations)
    return Candidate(material, {field: tokens(text) for field, text in found.items()})


def _fields(node: Word | Phrase) -> tuple[str, ...]:
    return (node.field,) if node.field else TEXT_FIELDS


def _phrase_in(phrase: tuple[str, ...], found: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(found[i : i + size] == phrase for i in range(len(found) - size + 1))


def positive_text(node: Node) -> list[Word | Phrase]:
    """The words and phrases the query looks for (not those it excludes): what ranks and what
    is highlighted."""
    if isinstance(node, Word | Phrase):
        return [node]
    if isinstance(node, AllOf | AnyOf):
        return [leaf for part in node.parts for leaf in positive_text(part)]
    return []


def matched_fields(terms: Sequence[Word | Phrase], item: Candidate) -> dict[str, list[str]]:
    """For each text field, heaviest first, the words of `terms` found in it: what --explain
    reports."""
    found: dict[str, list[str]] = {field: [] for field in TEXT_FIELDS}
    for term in terms:
        label = term.text if isinstance(term, Word) else " ".join(term.words)
        for field in _fields(term):
            hit = (
                any(w.startswith(term.text) for w in item.words[field])
                if isinstance(term, Word)
                else _phrase_in(term.words, item.words[field])
            )
            if hit:
                found[field].append(label)
    return {field: labels for field, labels in found.items() if labels}


# Showing why a material matched --------------------------------------------------------------


def highlights(text: str, terms: Sequence[Word | Phrase]) -> list[tuple[int, int]]:
    """Spans of `text` (start, end) that hold a searched word, for highlighting."""
    prefixes = {t.text for t in terms if isinstance(t, Word)}
    exact = {w for t in terms if isinstance(t, Phrase) for w in t.words}
    spans = []
    for match in _TOKEN.finditer(text):
        folded = fold(match[0])
        if folded in exact or any(folded.startswith(prefix) for prefix in prefixes):
            spans.append((match.start(), match.end()))
    return spans


def snippet(text: str, terms: Sequence[Word | Phrase], width: int = 80) -> str:
    """About `width` characters of `text` around its first searched word, with … where cut."""
    spans = highlights(text, terms)
    if len(text) <= width:
        return text
    start = max(0, (spans[0][0] if spans else 0) - width // 4)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


# When nothing is found ------------------------------------------------------------------------


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def closest(word: str, vocabulary: Iterable[str]) -> str | None:
    """The word of `vocabulary` nearest to `word` by edit distance, if it is near enough: one
    edit in four letters, at most two."""
    return _Words(vocabulary).closest(word)


def edits_allowed(word: str) -> int:
    """How far a suggestion may be from `word`: one edit in four letters, at most two."""
    return min(2, max(1, len(word) // 4))


def near_shape(word: str, limit: int) -> tuple[int, int, list[str]]:
    """What a word within `limit` edits of `word` must be like: a length from the first to the
    second number, and (where `word` can be cut into `limit` + 1 pieces) holding one of the
    pieces unchanged, since `limit` edits touch at most `limit` of them. No pieces: any word of
    such a length may be near. This lets a catalogue of millions of words compare only a few."""
    shortest, longest = max(1, len(word) - limit), len(word) + limit
    if len(word) <= limit:
        return shortest, longest, []
    size, extra = divmod(len(word), limit + 1)
    pieces, start = [], 0
    for number in range(limit + 1):
        end = start + size + (number < extra)
        pieces.append(word[start:end])
        start = end
    return shortest, longest, sorted(set(pieces))


def nearest(word: str, candidates: Iterable[str], limit: int) -> str | None:
    """The candidate fewest edits from `word` (then the first alphabetically), within `limit`."""
    best: tuple[int, str] | None = None
    for candidate_word in candidates:
        if candidate_word == word:
            continue
        distance = edit_distance(word, candidate_word)
        if distance <= limit and (best is None or (distance, candidate_word) < best):
            best = (distance, candidate_word)
    return None if best is None else best[1]


class _Words:
    """A vocabulary held in memory as one text, one word a line, so that what is looked for in
    it is looked for at the speed of `str.find`. (The index answers the same from SQLite.)"""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.text = "\n" + "\n".join(vocabulary) + "\n"

    def closest(self, word: str) -> str | None:
        limit = edits_allowed(word)
        return nearest(word, self._near(*near_shape(word, limit)), limit)

    def _near(self, shortest: int, longest: int, pieces: list[str]) -> set[str]:
        text = self.text
        if not pieces:  # too short to cut: every word of a near length
            import re

            return set(re.findall(rf"(?m)^[^\n]{{{shortest},{longest}}}$", text))
        near: set[str] = set()
        for piece in pieces:
            at = text.find(piece)
            while at >= 0:
                begin = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at)
                if shortest <= end - begin <= longest:
                    near.add(text[begin:end])
                at = text.find(piece, end)  # on the next word: one look at each
        return near


# A search from start to end ---------------------------------------------------------------------


class Searchable(Protocol):
    """What a search needs of a catalogue: the storage's index provides it."""

    def filter_names(self) -> Names: ...
    def has_word_starting(self, prefix: str) -> bool: ...
    def words_near(self, shortest: int, longest: int, pieces: Sequence[str]) -> list[str]: ...
    def search(
        self, tree: Node, query: ListQuery, by_relevance: bool, skip: int = 0
    ) -> list[tuple[Material, float]]: ...


@frozen
class Hit:
    material: Material
    relevance: float


@frozen
class Results:
    text: str
    tree: Node
    hits: list[Hit]
    suggestion: str = ""  # where nothing matched: what the user may have meant

    @property
    def terms(self) -> list[Word | Phrase]:
        return positive_text(self.tree)

    def nothing_found(self) -> NotFoundError:
        """The error of a search that found nothing, with what the user may have meant."""
        return nothing_found(self.text, self.suggestion)


def nothing_found(text: str, suggestion: str) -> NotFoundError:
    """The error of a search for `text` that found nothing (`suggestion`: see `did_you_mean`)."""
    return NotFoundError(f"no materials match {text!r}.{suggestion}")


def read_query(text: str, catalogue: Searchable, parse_date: Callable[[str], Edtf]) -> Node:
    """The tree of the query `text`, its names looked up in `catalogue`. Raises QueryError for
    a query that cannot be read."""
    return parse_query(text, Lookup(catalogue.filter_names(), parse_date))


def search(
    text: str,
    catalogue: Searchable,
    query: ListQuery,
    by_relevance: bool,
    parse_date: Callable[[str], Edtf],
    skip: int = 0,
) -> Results:
    """The materials that match `text` and `query`'s filters, the first `skip` left out (none
    is an answer too: the caller prints an empty listing and then `nothing_found()`). Raises
    QueryError for a query that cannot be read."""
    tree = read_query(text, catalogue, parse_date)
    found = catalogue.search(tree, query, by_relevance, skip)
    hits = [Hit(m, relevance) for m, relevance in found]
    suggestion = ""
    # Past the last match, a suggestion only where nothing matches at all.
    if not hits and (not skip or not catalogue.search(tree, replace(query, limit=1), False)):
        suggestion = did_you_mean(text, tree, catalogue)
    return Results(text, tree, hits, suggestion)


def did_you_mean(text: str, tree: Node, catalogue: Searchable) -> str:
    """Where a search found nothing: the query with each word that begins no word of the
    catalogue put right, if that can be (" Did you mean ...?"), else ""."""
    corrected = text
    for term in positive_text(tree):
        if not isinstance(term, Word) or catalogue.has_word_starting(term.text):
            continue
        limit = edits_allowed(term.text)
        found = nearest(term.text, catalogue.words_near(*near_shape(term.text, limit)), limit)
        if found is not None:
            corrected = re.sub(
                rf"(?<![\w]){re.escape(term.text)}(?![\w])", found, corrected, flags=re.I
            )
    if corrected == text:
        return ""
    return f" Did you mean {corrected!r}?"
