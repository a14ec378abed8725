"""A command's help on a narrow terminal: Rich's panels (Typer's help) give each option's text a
column or two below about 50 columns, and split its words and metavars. Here each option stands
on its own line, its text below it, wrapped at words across the whole width."""

from __future__ import annotations

from typing import Any

# Below this many columns the help is written this way; at and above it, Typer's panels.
NARROW = 50


def print_narrow_help(command: Any, ctx: Any, width: int) -> None:
    """The help of a click command (or group) in `ctx`, for a terminal `width` columns wide."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    console = Console(width=width, highlight=False)
    pieces = command.collect_usage_pieces(ctx)
    console.print(Text(f"Usage: {ctx.command_path} {' '.join(pieces)}".rstrip(), style="bold"))
    for paragraph in (command.help or "").split("\n\n"):
        console.print()
        indented = paragraph.startswith(" ")
        console.print(Padding(Text(paragraph.strip()), (0, 0, 0, 4 if indented else 1)))
    panels: dict[str, list[tuple[str, str]]] = {}
    for parameter in command.get_params(ctx):
        if getattr(parameter, "hidden", False):
            continue
        names = ", ".join([*parameter.opts, *parameter.secondary_opts])
        is_flag = getattr(parameter, "is_flag", False)
        if parameter.param_type_name == "argument":
            names = parameter.make_metavar(ctx)
        elif not is_flag:
            names += " " + parameter.make_metavar(ctx)
        kind = "Arguments" if parameter.param_type_name == "argument" else "Options"
        panel = getattr(parameter, "rich_help_panel", None) or kind
        panels.setdefault(panel, []).append((names, getattr(parameter, "help", None) or ""))
    subcommands = getattr(command, "list_commands", None)
    if subcommands is not None:
        for name in subcommands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                panels.setdefault("Commands", []).append((name, sub.get_short_help_str(limit=200)))
    for panel, entries in panels.items():
        console.print()
        console.print(Text(panel + ":", style="bold"))
        for names, said in entries:
            console.print(Padding(Text(names, style="bold"), (0, 0, 0, 1)))
            if said:
                console.print(Padding(Text(said), (0, 0, 0, 3)))
