"""BibTeX, for biblatex and classic BibTeX alike: one entry per material, keyed by its id.

Each material type has an entry type (`TypeInfo.bibtex`); the organisations are the authors, each
in double braces so that a style takes it as one corporate name. `date` is the EDTF text, which
biblatex reads (ISO 8601-2 levels 0 and 1); `year` and `month` are there for classic styles.
LaTeX's special characters in text are escaped; URLs are written as they are, braces encoded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from talenthub_cli.core.dates import Precision
from talenthub_cli.core.text import counted
from talenthub_cli.core.vocabulary import AVAILABILITY_LABELS, TYPES, Availability
from talenthub_cli.export.common import first_point, plain

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.core.model import Material
    from talenthub_cli.export.common import ExportOptions, Selection

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    '"': '{"}',  # babel's German and Danish make " a shorthand
}
# Pairs that TeX's fonts join into one character: -- and --- (dashes), `` and '' (quotes),
# << and >> (guillemets), ,, (a low quote), !` and ?` (inverted marks).
_LIGATURE = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=<)(?=<)|(?<=>)(?=>)|(?<=,)(?=,)|(?<=[!?])(?=`)"
)
_ESCAPES = str.maketrans(_LATEX)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# The field that names the organisations behind each entry type, where the type has one.
_PUBLISHED_BY = {"techreport": "institution", "book": "publisher", "manual": "organization"}


def latex(text: str) -> str:
    """Text as LaTeX prints it: special characters escaped, ligatures ("--" as a dash, "``" as
    a quote) broken with {}, on one line."""
    return _LIGATURE.sub("{}", plain(text).translate(_ESCAPES))


def url(address: str) -> str:
    """A web address as a BibTeX field holds it: braces would unbalance the field."""
    return address.replace("{", "%7B").replace("}", "%7D")


def fields(material: Material, selection: Selection) -> list[tuple[str, str]]:
    info = TYPES[material.type]
    names = selection.names(material.organisations)
    found: list[tuple[str, str]] = []
    if names:
        found.append(("author", " and ".join("{" + latex(name) + "}" for name in names)))
    found.append(("title", "{" + latex(material.title) + "}"))  # its capitals kept
    if material.date is not None:
        found.append(("date", material.date.text))
        point = first_point(material.date)
        if point is not None and point.precision >= Precision.YEAR:
            found.append(("year", str(point.year)))
            if point.month is not None:
                found.append(("month", MONTHS[point.month - 1]))  # a macro: no braces
    if names and info.bibtex in _PUBLISHED_BY:
        found.append((_PUBLISHED_BY[info.bibtex], " and ".join(latex(n) for n in names)))
    if info.bibtex == "misc":
        found.append(("howpublished", latex(info.label)))
    elif info.bibtex == "techreport":
        found.append(("type", latex(info.label)))  # "Brief" rather than "Technical report"
    if material.summary:
        found.append(("abstract", latex(material.summary)))
    if material.topics:
        found.append(("keywords", ", ".join(latex(topic) for topic in material.topics)))
    if material.languages:
        found.append(("language", ", ".join(material.languages)))
    if material.url:
        found.append(("url", url(material.url)))
    notes = []
    if material.availability not in (None, Availability.PUBLISHED):
        notes.append(AVAILABILITY_LABELS[material.availability])
    if material.responses is not None:
        notes.append(f"{material.responses} responses")
    if material.notes:
        notes.append(material.notes)
    if notes:
        found.append(("note", latex(". ".join(note.rstrip(".") for note in notes) + ".")))
    return found


def entry(material: Material, selection: Selection) -> str:
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields(material, selection)
    )
    return f"@{TYPES[material.type].bibtex}{{{material.id},\n{body},\n}}\n"


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    count = 0
    for count, material in enumerate(selection.materials, 1):
        out.write(("\n" if count > 1 else "") + entry(material, selection))
    return counted(count, "entry", "entries")
