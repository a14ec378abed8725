"""The `talenthub` command: global options, the commands, and the one error handler."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from talenthub_cli import __version__
from talenthub_cli.cli.errors import ExitCode, exit_code, message
from talenthub_cli.cli.session import Given, Session
from talenthub_cli.core.errors import DeclinedError, TalenthubError
from talenthub_cli.core.frozen import replace
from talenthub_cli.render.terminal import Terminal
from talenthub_cli.storage.paths import UserDirs

if TYPE_CHECKING:
    from collections.abc import Callable

# Each command's module and function. A command is built (its options read from its signature)
# only when it is asked for: building all fifteen would take 12 ms, and `talenthub list` needs
# one, `--version` none.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("commands", "list_materials"),
    "search": ("commands", "search"),
    "show": ("commands", "show"),
    "export": ("commands", "export"),
    "contacts": ("commands", "contacts"),
    "organisations": ("commands", "organisations"),
    "timeline": ("commands", "timeline"),
    "stats": ("commands", "stats"),
    "about": ("commands", "about"),
    "config": ("commands", "config"),
    "init": ("keeping", "init"),
    "check": ("keeping", "check"),
    "add": ("keeping", "add"),
    "edit": ("keeping", "edit"),
    "remove": ("keeping", "remove"),
    "import": ("keeping", "import_materials"),
    "serve": ("serving", "serve"),
}


class _Group(TyperGroup):
    """Builds each command when it is asked for; turns the program's own errors into one line
    on stderr and an exit code; ends quietly when the reader of a pipe goes away."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _narrow_aware(super().format_help, self)(ctx, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Typer's, with its suggestion for a mistyped command made from every command's
        name (Typer makes it from the commands built so far)."""
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            import difflib

            close = difflib.get_close_matches(args[0], COMMANDS) if args else []
            if close and "Did you mean" not in error.message:
                names = ", ".join(repr(name) for name in close)
                error.message = f"{error.message.rstrip('.')}. Did you mean {names}?"
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            from typer.main import get_command_from_info
            from typer.models import CommandInfo

            module, function = COMMANDS[cmd_name]
            callback = getattr(importlib.import_module(f"talenthub_cli.cli.{module}"), function)
            command: Any
            if isinstance(callback, typer.Typer):  # a command with commands: `add contact`
                command = typer.main.get_group(callback)
                for subcommand in command.commands.values():
                    _dress(subcommand, pages=False, reads=True)
            else:
                command = get_command_from_info(
                    CommandInfo(name=cmd_name, callback=callback),
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )
            # `cli.options.pages` and `cli.options.own_catalogue` mark the commands
            _dress(
                command,
                pages=getattr(callback, "pages", False),
                reads=getattr(callback, "reads_catalogue", True),
            )
            self.commands[cmd_name] = command
        return self.commands.get(cmd_name)

    def make_context(self, info_name: str | None, args: list[str], *a: Any, **kw: Any) -> Any:
        from typer._click.exceptions import UsageError

        try:
            return super().make_context(info_name, args, *a, **kw)
        except UsageError as error:
            _usage_error(error)

    def invoke(self, ctx: Any) -> Any:
        from typer._click.exceptions import UsageError

        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
        except UsageError as error:
            _usage_error(error, f"{ctx.command_path} {ctx.invoked_subcommand or ''}".strip())
        except TalenthubError as error:
            typer.echo(message(error), err=True)
            raise typer.Exit(exit_code(error)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitCode.BROKEN_PIPE) from None
        except KeyboardInterrupt:
            _interrupted()
        except EOFError:  # Ctrl-D, or the end of piped input, where a question waited
            typer.echo("", err=True)
            declined = DeclinedError("no answer (the input ended): nothing was changed")
            typer.echo(message(declined), err=True)
            raise typer.Exit(exit_code(declined)) from None
        return result


def _usage_error(error: Any, command: str = "talenthub") -> None:
    """A mistake in the command line (an unknown option, a missing argument, a value that is not
    one of the choices): one line on stderr that says it and where the help is (that of the
    `command` run, where the error does not say), and exit 2. The request for help that a bare
    `talenthub` is passes on, to print the help."""
    if type(error).__name__ == "NoArgsIsHelpError":
        raise error
    where = error.ctx.command_path if error.ctx is not None else command
    said = error.format_message().rstrip(".")
    see = " See" if said.endswith("?") else "; see"  # after "Did you mean 'list'?"
    typer.echo(f"talenthub: {said}{see} {where} --help", err=True)
    raise typer.Exit(ExitCode.USAGE) from None


def _narrow_aware(wide: Any, command: Any) -> Any:
    """A command's help drawn by `wide` (Typer's panels), or on a narrow terminal as lines that
    split no word (`render.help`)."""

    def format_help(ctx: Any, formatter: Any) -> None:
        import shutil

        from talenthub_cli.render.help import NARROW, print_narrow_help

        width = shutil.get_terminal_size().columns
        if width < NARROW:
            print_narrow_help(command, ctx, width)
        else:
            wide(ctx, formatter)

    return format_help


def paragraphs(text: str) -> str:
    """A command's help as paragraphs for Rich to wrap at the terminal's width: the lines of each
    paragraph of a docstring joined into one, and paragraphs indented as a whole (examples) kept
    line for line. A docstring wrapped at the source's width would be wrapped twice."""
    import inspect

    kept = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines = paragraph.splitlines()
        if all(line.startswith(" ") for line in lines):
            kept.append(paragraph)
        else:
            kept.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(kept)


def _interrupted() -> None:
    """Ctrl-C: end the line the terminal echoed ^C on, and exit 130 as shells expect."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write("\n")
        sys.stderr.flush()
    raise typer.Exit(ExitCode.INTERRUPTED) from None


_NO_COLOR_HELP = "No colour, emphasis only (as does a non-empty NO_COLOR)."
_NO_PAGER_HELP = "Write to the terminal itself, not through a pager (TALENTHUB_PAGER, PAGER)."
_QUIET_HELP = "No progress display on stderr during long work."
_CATALOGUE_HELP = "The catalogue file to read."


def _colourless(session: Session, value: bool) -> Session:
    return replace(session, terminal=replace(session.terminal, color=False))


def _unpaged(session: Session, value: bool) -> Session:
    return replace(session, terminal=replace(session.terminal, pager=False))


def _quiet(session: Session, value: bool) -> Session:
    return replace(session, terminal=replace(session.terminal, quiet=True))


def _catalogue(session: Session, path: str) -> Session:
    return replace(session, catalogue_option=path)


def _dress(command: Any, *, pages: bool, reads: bool) -> None:
    """What every command has: help in paragraphs that Rich wraps (stacked on a narrow
    terminal), and the global options after it as before it: --catalogue and --quiet where it
    reads the catalogue in use, --no-color, and --no-pager where its output can be paged."""
    command.help = paragraphs(command.help or "")
    command.format_help = _narrow_aware(command.format_help, command)
    if reads:
        catalogue = _after_command(("--catalogue", "-c"), _CATALOGUE_HELP, _catalogue, "PATH")
        command.params += [catalogue, _after_command(("--quiet", "-q"), _QUIET_HELP, _quiet)]
    command.params.append(_after_command(("--no-color",), _NO_COLOR_HELP, _colourless))
    if pages:
        command.params.append(_after_command(("--no-pager",), _NO_PAGER_HELP, _unpaged))


def _after_command(
    names: tuple[str, ...],
    help_text: str,
    turn: Callable[[Session, Any], Session],
    metavar: str | None = None,
) -> Any:
    """A global option after a command too (`talenthub list -c mine.toml --no-color`), as
    before it: a flag, or an option that takes a value where it has a `metavar`. Given after
    the command, it is the group's option as if given before it (completion reads the catalogue
    there) and changes the command's session by `turn`."""
    from typer.core import TyperOption

    name = names[0].lstrip("-")

    def given_after(ctx: Any, parameter: Any, value: Any) -> None:
        if value is None or value is False:
            return
        root = ctx.find_root()
        root.params[name.replace("-", "_")] = value
        if isinstance(root.obj, Session):
            root.obj = turn(root.obj, value)

    return TyperOption(
        param_decls=list(names),
        is_flag=metavar is None,
        metavar=metavar,
        expose_value=False,
        callback=given_after,
        help=help_text,
    )


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


# The global options, declared as `cli.options` declares the shared ones: Typer reads a
# callback's annotations on every run, and a name is read faster than an `Annotated[...]` written
# out in the signature (each a string to compile and evaluate).
CatalogueOption = Annotated[
    str | None,
    typer.Option(
        "--catalogue",
        "-c",
        metavar="PATH",
        help=_CATALOGUE_HELP,
        show_default=False,
    ),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help=_NO_COLOR_HELP)]
NoPagerOption = Annotated[bool, typer.Option("--no-pager", help=_NO_PAGER_HELP)]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)]
VersionOption = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
]


@app.callback()
def _global(
    ctx: typer.Context,
    catalogue: CatalogueOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    quiet: QuietOption = False,
    version: VersionOption = False,
) -> None:
    given = ctx.obj if isinstance(ctx.obj, Given) else Given()
    terminal = Terminal.from_streams(
        sys.stdout,
        sys.stderr,
        no_color=no_color,
        environ=os.environ,
        stdin=sys.stdin,
        is_terminal=given.is_terminal,
        interactive=given.interactive,
        width=given.width,
    )
    if no_pager or quiet:
        terminal = replace(terminal, pager=not no_pager, quiet=quiet)
    dirs = given.dirs or UserDirs.from_platform()
    ctx.obj = Session(terminal, dirs, catalogue, os.environ)


def main(args: list[str] | None = None, given: Given | None = None) -> None:
    """The program: `args` as on the command line (else sys.argv), with `given` settings in
    place of the user's folders and the terminal's own (tests give their own)."""
    _usable_streams()
    arguments = sys.argv[1:] if args is None else args
    for position, argument in enumerate(arguments, 1):
        if not _is_text(argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            sys.stderr.write(
                f"talenthub: argument {position} ({shown!r}) is not UTF-8 text, which talenthub "
                "needs for the names of records and files\n"
            )
            sys.exit(ExitCode.USAGE)
    try:
        app(args=arguments, prog_name="talenthub", obj=given)
    except KeyboardInterrupt:  # before or after a command runs: parsing, start-up, exit
        _interrupted()


def _is_text(argument: str) -> bool:
    """Whether an argument is text: the shell hands bytes that are not UTF-8 over as lone
    surrogates, which neither SQLite nor a UTF-8 file can hold."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _usable_streams() -> None:
    """Standard streams the program can always write to and read from: a closed stdin or
    stderr (`<&-`, `2>&-`) reads and writes nothing; a closed stdout is said and ends the run;
    and text a stream's encoding cannot carry (LC_ALL=C) is written as `?` rather than failing."""
    if sys.stdin is None:
        sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 (for the whole run)
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (the whole run)
    if sys.stdout is None:
        sys.stderr.write("talenthub: standard output is closed: there is nowhere to write\n")
        sys.exit(ExitCode.USAGE)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
