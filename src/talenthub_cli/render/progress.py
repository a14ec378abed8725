"""Progress of long work (building the index, checking a catalogue) drawn on stderr with Rich: a
spinner, what is under way and the time it has taken, shown only once the work has taken longer
than a moment, and gone when the work is done."""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from types import TracebackType

    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from talenthub_cli.render.terminal import Terminal


# Work that ends sooner than this shows nothing. TALENTHUB_PROGRESS_AFTER (seconds) sets another
# threshold: it is there for testing, to see the display without a catalogue big enough to wait
# for.
AFTER_SECONDS = 0.5
# About how fast a catalogue is read (parsed as TOML), in bytes a second: from the size of a file,
# whether reading it alone will take longer than the threshold.
READ_BYTES_PER_SECOND = 10_000_000


def progress_display(terminal: Terminal, path: Path, environ: Mapping[str, str]) -> ProgressDisplay:
    """The display of long work on the catalogue at `path`."""
    after = AFTER_SECONDS
    with contextlib.suppress(ValueError):
        after = float(environ.get("TALENTHUB_PROGRESS_AFTER", after))
    try:
        expected = path.stat().st_size / READ_BYTES_PER_SECOND
    except OSError:
        expected = 0.0
    return ProgressDisplay(terminal, after=after, expected=expected)


class ProgressDisplay:
    """A `core.progress.Progress` that draws on the terminal's stderr. Nothing is drawn for work
    that ends within `after` seconds; work that is known to be long from the start (`expected`
    seconds or more) shows at once, since a step such as reading the TOML runs without a pause in
    which a clock could be drawn."""

    def __init__(self, terminal: Terminal, *, after: float, expected: float = 0.0) -> None:
        self._terminal = terminal
        self._after = after
        self._shown_at_once = expected >= after
        self._began = time.monotonic()
        self._progress: RichProgress | None = None
        self._task: TaskID | None = None
        self._step = ""

    def __enter__(self) -> ProgressDisplay:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()  # transient: the lines are taken away
            self._progress = None

    def __call__(self, step: str) -> None:
        self._step = step
        if self._progress is None:
            if not self._shown_at_once and time.monotonic() - self._began < self._after:
                return
            self._start()
        assert self._progress is not None and self._task is not None
        self._progress.update(self._task, description=step)
        self._progress.refresh()

    def _start(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=self._terminal.err_console(),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self._step, total=None)
        # The clock counts from when the work began, not from when it was first drawn.
        self._progress.tasks[0].start_time = self._progress.get_time() - (
            time.monotonic() - self._began
        )
