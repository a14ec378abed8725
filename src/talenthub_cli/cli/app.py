"""The `talenthub` command: global options, the commands, and the one error handler."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from talenthub_cli import __version__
from talenthub_cli.cli import commands, keeping
from talenthub_cli.cli.errors import ExitCode, exit_code, message
from talenthub_cli.cli.session import Session
from talenthub_cli.core.errors import TalenthubError
from talenthub_cli.render.terminal import Terminal
from talenthub_cli.storage.paths import UserDirs


class _Group(TyperGroup):
    """Turns the program's own errors into one line on stderr and an exit code; ends quietly
    when the reader of a pipe goes away."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
        except TalenthubError as error:
            typer.echo(message(error), err=True)
            raise typer.Exit(exit_code(error)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitCode.BROKEN_PIPE) from None
        return result


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test's capture): nothing to flush


app = typer.Typer(
    name="talenthub",
    cls=_Group,
    help=(
        "A catalogue of a project's materials, dates and contacts: list, show and export them.\n\n"
        "Without --catalogue it reads TALENTHUB_CATALOGUE, then the config file, then the "
        "catalogue made by `talenthub init`, then the bundled Talent Hub EU catalogue "
        "(`talenthub config` says which and why).\n\n"
        "Examples:\n\n"
        "  talenthub list --type brief\n\n"
        "  talenthub show guidebook\n\n"
        "  talenthub -c my-project.toml timeline"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"talenthub {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    catalogue: Annotated[
        str | None,
        typer.Option(
            "--catalogue",
            "-c",
            metavar="PATH",
            help="The catalogue file to read.",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (as does a non-empty NO_COLOR).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    terminal = Terminal.from_streams(sys.stdout, sys.stderr, no_color=no_color, environ=os.environ)
    ctx.obj = Session(terminal, UserDirs.from_platform(), catalogue, os.environ)


app.command("list")(commands.list_materials)
app.command()(commands.search)
app.command()(commands.show)
app.command()(commands.export)
app.command()(commands.contacts)
app.command()(commands.organisations)
app.command()(commands.timeline)
app.command()(commands.about)
app.command()(commands.config)
app.command()(keeping.init)
app.command()(keeping.check)
app.command()(keeping.add)
app.command()(keeping.edit)
app.command()(keeping.remove)
app.command("import")(keeping.import_materials)


def main() -> None:
    app(prog_name="talenthub")
