"""`search --explain`: how the query was read, and why each material matched; as lines, or as
one JSON object with `--format json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from talenthub_cli.core.model import Contact, Organisation
    from talenthub_cli.core.search import Results
    from talenthub_cli.render.terminal import Terminal


def explanation(
    results: Results,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
) -> dict[str, Any]:
    """The query, its reading (one line a part of the tree) and, for each material found, best
    first, its relevance and the words found in each field."""
    from talenthub_cli.core.search import candidate, describe, matched_fields

    return {
        "query": results.text,
        "reading": [line.rstrip() for line in describe(results.tree)],
        "materials": [
            {
                "id": hit.material.id,
                "relevance": round(hit.relevance, 3),
                "found": matched_fields(
                    results.terms, candidate(hit.material, contacts, organisations)
                ),
            }
            for hit in results.hits
        ],
    }


def render_explanation(explained: Mapping[str, Any], terminal: Terminal) -> None:
    lines = [f"query: {explained['query']}", *(f"  {line}" for line in explained["reading"])]
    count = len(explained["materials"])
    lines.append(f"{count} material{'' if count == 1 else 's'}, best first:")
    for material in explained["materials"]:
        where = "; ".join(
            f"{field}: {', '.join(words)}" for field, words in material["found"].items()
        )
        lines.append(f"  {material['id']}  relevance {material['relevance']:.3f}  {where}".rstrip())
    terminal.out.write("\n".join(lines) + "\n")
