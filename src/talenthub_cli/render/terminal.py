"""The terminal a command writes to, passed to renderers rather than looked up globally."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console


@dataclass(frozen=True, slots=True)
class Terminal:
    out: TextIO
    err: TextIO
    is_terminal: bool  # stdout is a terminal: draw tables; otherwise write plain lines
    color: bool
    width: int | None = None  # None: the terminal's own width

    @classmethod
    def from_streams(
        cls, out: TextIO, err: TextIO, *, no_color: bool, environ: Mapping[str, str]
    ) -> Terminal:
        is_terminal = out.isatty()
        # https://no-color.org: a NO_COLOR that is set and not empty turns colour off.
        color = is_terminal and not no_color and not environ.get("NO_COLOR")
        return cls(out, err, is_terminal, color)

    def console(self) -> Console:
        """A Rich console on stdout; Rich is imported only when something is drawn."""
        from rich.console import Console

        return Console(
            file=self.out,
            width=self.width,
            no_color=not self.color,
            color_system="auto" if self.color else None,
            force_terminal=self.is_terminal,
            highlight=False,
            soft_wrap=False,
        )
