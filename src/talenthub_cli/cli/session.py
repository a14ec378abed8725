"""What a command works with: the terminal, the user's dirs and which catalogue to open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Mapping
    from contextlib import AbstractContextManager
    from pathlib import Path

    from talenthub_cli.core.progress import Progress
    from talenthub_cli.render.terminal import Terminal
    from talenthub_cli.storage.index import CatalogueIndex
    from talenthub_cli.storage.paths import UserDirs
    from talenthub_cli.storage.resolve import CatalogueSource


@frozen
class Given:
    """What a run is handed from outside instead of finding it itself: a test gives its own user
    folders and says whether stdout and stdin count as terminals, and how wide."""

    dirs: UserDirs | None = None
    is_terminal: bool | None = None  # None: stdout says
    interactive: bool | None = None  # None: stdin says
    width: int | None = None  # None: the terminal's own


@frozen
class OpenCatalogue:
    source: CatalogueSource
    index: CatalogueIndex

    def describe(self) -> str:
        """The catalogue in a few words, for a table's caption."""
        from talenthub_cli.storage.resolve import Origin

        if self.source.origin is Origin.BUNDLED:
            return "the bundled Talent Hub EU catalogue"
        return str(self.source.path)


@frozen
class Session:
    terminal: Terminal
    dirs: UserDirs
    catalogue_option: str | None
    environ: Mapping[str, str]

    def source(self) -> CatalogueSource:
        from talenthub_cli.storage.resolve import resolve_catalogue

        return resolve_catalogue(self.catalogue_option, self.environ, self.dirs)

    def open(self, *, searching: bool = False, ranking: bool = False) -> OpenCatalogue:
        """The catalogue in use, its index current; `searching`: its full-text index too (the
        first search builds it); `ranking`: and the rankings of the words most materials hold
        (a server makes them before it answers); with the same display of progress as the rest
        of a build."""
        from talenthub_cli.storage.index import open_index

        source = self.source()
        with self.progress(source.path) as progress:
            index = open_index(source.path, self.dirs.cache, progress)
            if ranking:
                index.rank_common_words(progress)
            elif searching:
                index.make_searchable(progress)
            return OpenCatalogue(source, index)

    def progress(self, path: Path) -> AbstractContextManager[Progress | None]:
        """What long work on the catalogue at `path` tells of its steps: a display on stderr
        where it is a terminal (and no --quiet), else nothing (and Rich is not imported)."""
        if not self.terminal.shows_progress:
            import contextlib

            return contextlib.nullcontext()
        from talenthub_cli.render.progress import progress_display

        return progress_display(self.terminal, path, self.environ)

    def paged(self) -> AbstractContextManager[Terminal]:
        """The terminal to write long output to: through a pager where stdout is a terminal
        (and no --no-pager), else the terminal itself (and the pager's module is not loaded)."""
        if not self.terminal.pages:
            import contextlib

            return contextlib.nullcontext(self.terminal)
        from talenthub_cli.cli.paging import paged

        return paged(self.terminal, self.environ)
