"""Long output on a terminal through a pager, as git and gh do: TALENTHUB_PAGER, else PAGER,
else `less -FRX` where there is a less. Imported only when stdout is a terminal."""

from __future__ import annotations

import contextlib
import io
import shlex
import shutil
import subprocess
from typing import TYPE_CHECKING

from talenthub_cli.core.frozen import replace

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from talenthub_cli.render.terminal import Terminal

# less: quit at once if the text fits one screen (-F), show colours (-R), leave the text on the
# screen when it quits (-X). Given to a pager the user chose too, in LESS, unless they set LESS.
LESS_OPTIONS = "FRX"


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager to run, as its words, or None for none: TALENTHUB_PAGER, else PAGER, else
    `less -FRX` if there is a less. A pager set to nothing or to `cat` means no pager."""
    for variable in ("TALENTHUB_PAGER", "PAGER"):
        if variable in environ:
            try:
                words = shlex.split(environ[variable])
            except ValueError:  # an unclosed quote: no pager rather than a failure
                return None
            return None if not words or words == ["cat"] else words
    less = shutil.which("less")
    return [less, f"-{LESS_OPTIONS}"] if less is not None else None


@contextlib.contextmanager
def paged(terminal: Terminal, environ: Mapping[str, str]) -> Iterator[Terminal]:
    """A terminal whose stdout goes through the pager while the block runs, with the width and
    colours of the real one. A pager that cannot be started is no pager; a pager the reader
    quits before the end ends the output quietly."""
    words = pager_command(environ)
    if words is None:
        yield terminal
        return
    with contextlib.suppress(OSError, ValueError):
        terminal.out.flush()
    env = dict(environ)
    env.setdefault("LESS", LESS_OPTIONS)
    env.setdefault("LV", "-c")  # lv, as git sets it: colours shown
    try:
        pager = subprocess.Popen(words, stdin=subprocess.PIPE, env=env)
    except OSError:
        yield terminal
        return
    assert pager.stdin is not None
    stream = io.TextIOWrapper(pager.stdin, encoding="utf-8", errors="replace")
    width = terminal.width or shutil.get_terminal_size().columns
    try:
        yield replace(terminal, out=stream, width=width)
        stream.flush()
    except BrokenPipeError:
        pass  # the reader quit the pager (q) before the end: nothing more to show
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.close()
        _wait(pager)


def _wait(pager: subprocess.Popen[bytes]) -> None:
    """Wait for the reader to leave the pager. Ctrl-C is the pager's to handle (less ignores
    it), so it does not end talenthub under the pager's screen."""
    while True:
        try:
            pager.wait()
        except KeyboardInterrupt:
            continue
        return
