"""One record in full: a Rich panel on a terminal, plain "Label: value" lines when piped."""

from __future__ import annotations

from talenthub_cli.render.terminal import Terminal
from talenthub_cli.render.views import Details


def render_details(details: Details, terminal: Terminal) -> None:
    if not terminal.is_terminal:
        lines = [details.title]
        for label, value in details.fields:
            first, *rest = value.splitlines() or [""]
            lines.append(f"{label}: {first}")
            lines.extend(f"  {line}" if line else "" for line in rest)
        terminal.out.write("\n".join(lines) + "\n")
        return
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in details.fields:
        grid.add_row(label, Text(value))
    panel = Panel(grid, title=Text(details.title, style="bold"), title_align="left", expand=False)
    terminal.console().print(panel)
