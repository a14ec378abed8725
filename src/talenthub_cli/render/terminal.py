"""The terminal a command writes to, passed to renderers rather than looked up globally."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TextIO

from talenthub_cli.core.frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console


def _isatty(stream: TextIO | None) -> bool:
    """Whether `stream` is a terminal; a closed or missing stream is not."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@frozen
class Terminal:
    out: TextIO
    err: TextIO
    is_terminal: bool  # stdout is a terminal: draw tables; otherwise write plain lines
    color: bool
    width: int | None = None  # None: the terminal's own width
    interactive: bool = False  # stdin is a terminal: a person can answer questions
    watched: bool = False  # stderr is a terminal: long work shows its progress there
    pager: bool = True  # long output on a terminal may go through a pager (not --no-pager)
    quiet: bool = False  # --quiet: no progress on stderr

    @classmethod
    def from_streams(
        cls,
        out: TextIO,
        err: TextIO,
        *,
        no_color: bool,
        environ: Mapping[str, str],
        stdin: TextIO | None = None,
        is_terminal: bool | None = None,
        interactive: bool | None = None,
        width: int | None = None,
    ) -> Terminal:
        """The terminal of these streams; what is given (not None) in place of what they say."""
        shown = _isatty(out) if is_terminal is None else is_terminal
        # https://no-color.org: a NO_COLOR that is set and not empty turns colour off.
        color = shown and not no_color and not environ.get("NO_COLOR")
        asks = _isatty(stdin) if interactive is None else interactive
        return cls(out, err, shown, color, width, asks, watched=_isatty(err))

    @property
    def shows_progress(self) -> bool:
        """Whether long work draws its progress on stderr: a terminal, and no --quiet."""
        return self.watched and not self.quiet

    @property
    def pages(self) -> bool:
        """Whether long output may go through a pager: stdout is a real terminal (not one a test
        pretends), and no --no-pager."""
        return self.pager and self.is_terminal and _isatty(self.out)

    def err_console(self) -> Console:
        """A Rich console on stderr, for questions and progress: the same width and colour."""
        from rich.console import Console

        return Console(
            file=self.err,
            width=self.width,
            no_color=not self.color,
            color_system="auto" if self.color else None,
            highlight=False,
            soft_wrap=True,  # a message is one line, whatever the width: a terminal wraps it
        )

    def console(self) -> Console:
        """A Rich console on stdout; Rich is imported only when something is drawn."""
        return _console_class()(
            file=self.out,
            width=self.width,
            no_color=not self.color,
            color_system=self._color_system(),
            force_terminal=self.is_terminal,
            highlight=False,
            soft_wrap=False,
        )

    def _color_system(self) -> Literal["auto", "standard"] | None:
        """Colour where it is on; with it off, still bold and underline on a terminal, as
        https://no-color.org asks (no colour, not no emphasis); nothing at all when piped."""
        if self.color:
            return "auto"
        return "standard" if self.is_terminal else None

    @property
    def highlight(self) -> str:
        """The style of a searched word where it is found: yellow, or underlined without colour."""
        return "bold yellow" if self.color else "bold underline"


def _console_class() -> type[Console]:
    """Rich's console, but a reader gone from the pipe (a pager quit before the end) is the
    BrokenPipeError that the command's caller handles: Rich's own way points stdout at
    /dev/null and exits 1, and stdout is the terminal while a pager reads the pipe."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return PipeConsole
