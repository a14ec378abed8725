"""What a command works with: the terminal, the user's dirs and which catalogue to open."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from talenthub_cli.render.terminal import Terminal
    from talenthub_cli.storage.index import CatalogueIndex
    from talenthub_cli.storage.paths import UserDirs
    from talenthub_cli.storage.resolve import CatalogueSource


@dataclass(frozen=True, slots=True)
class Given:
    """What a run is handed from outside instead of finding it itself: a test gives its own user
    folders and says whether stdout and stdin count as terminals, and how wide."""

    dirs: UserDirs | None = None
    is_terminal: bool | None = None  # None: stdout says
    interactive: bool | None = None  # None: stdin says
    width: int | None = None  # None: the terminal's own


@dataclass(frozen=True, slots=True)
class OpenCatalogue:
    source: CatalogueSource
    index: CatalogueIndex

    def describe(self) -> str:
        """The catalogue in a few words, for a table's caption."""
        from talenthub_cli.storage.resolve import Origin

        if self.source.origin is Origin.BUNDLED:
            return "the bundled Talent Hub EU catalogue"
        return str(self.source.path)


@dataclass(frozen=True, slots=True)
class Session:
    terminal: Terminal
    dirs: UserDirs
    catalogue_option: str | None
    environ: Mapping[str, str]

    def without_color(self) -> Session:
        return replace(self, terminal=replace(self.terminal, color=False))

    def source(self) -> CatalogueSource:
        from talenthub_cli.storage.resolve import resolve_catalogue

        return resolve_catalogue(self.catalogue_option, self.environ, self.dirs)

    def open(self) -> OpenCatalogue:
        from talenthub_cli.storage.index import open_index

        source = self.source()
        return OpenCatalogue(source, open_index(source.path, self.dirs.cache))
