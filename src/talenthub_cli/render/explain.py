"""`search --explain`: how the query was read, and why each material matched."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from talenthub_cli.core.model import Contact, Organisation
    from talenthub_cli.core.search import Results
    from talenthub_cli.render.terminal import Terminal


def render_explanation(
    results: Results,
    contacts: Mapping[str, Contact],
    organisations: Mapping[str, Organisation],
    terminal: Terminal,
) -> None:
    from talenthub_cli.core.search import candidate, describe, matched_fields

    lines = [f"query: {results.text}", *describe(results.tree, "  ")]
    count = len(results.hits)
    lines.append(f"{count} material{'' if count == 1 else 's'}, best first:")
    for hit in results.hits:
        found = matched_fields(results.terms, candidate(hit.material, contacts, organisations))
        where = "; ".join(f"{field}: {', '.join(words)}" for field, words in found.items())
        lines.append(f"  {hit.material.id}  relevance {hit.relevance:.3f}  {where}".rstrip())
    terminal.out.write("\n".join(lines) + "\n")
