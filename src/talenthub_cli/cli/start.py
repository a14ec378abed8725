"""The program as the `talenthub` script and `python -m talenthub_cli` start it."""

from __future__ import annotations

import gc


def run() -> None:
    """Load the command line and run it.

    Loading the command line (Typer, Rich's and Click's pieces, the commands) makes some hundred
    thousand objects and next to no garbage. Left to itself, the garbage collector would go
    through all of them several times while they are made, and again at each full collection
    while the command runs: a tenth of a listing's start-up. So it is paused while they are made,
    and what was made is then frozen (`gc.freeze`), kept out of every later collection, as it
    lives as long as the program does. The collector then runs as usual for the command's work.
    """
    gc.disable()
    try:
        from talenthub_cli.cli.app import main

        gc.freeze()
    finally:
        gc.enable()
    main()
