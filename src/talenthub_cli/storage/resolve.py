"""Which catalogue to use, and why: the first of --catalogue, TALENTHUB_CATALOGUE, the config
file's `catalogue` key, the user's own catalogue made by `init`, and the bundled one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from talenthub_cli.core.errors import CatalogueError
from talenthub_cli.storage.paths import UserDirs, bundled_catalogue

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping

ENVIRONMENT_VARIABLE = "TALENTHUB_CATALOGUE"
CONFIG_KEYS = ("catalogue",)


class Origin(Enum):
    OPTION = "the --catalogue option"
    ENVIRONMENT = f"the {ENVIRONMENT_VARIABLE} environment variable"
    CONFIG = "the config file"
    USER_DATA = "the user's catalogue (made by `talenthub init`)"
    BUNDLED = "the bundled Talent Hub EU catalogue"


@dataclass(frozen=True, slots=True)
class CatalogueSource:
    path: Path
    origin: Origin
    config_file: Path | None = None

    @property
    def shown(self) -> str:
        """How messages name the file: as the user wrote it where they did, else in full."""
        return str(self.path)

    def revised(self, environ: Mapping[str, str]) -> datetime.datetime:
        """When the catalogue was last changed, or SOURCE_DATE_EPOCH where it is set (for output
        that is the same on every run, as reproducible builds do)."""
        import datetime

        epoch = environ.get("SOURCE_DATE_EPOCH", "")
        seconds = int(epoch) if epoch.isdigit() else int(self.path.stat().st_mtime)
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)

    @property
    def why(self) -> str:
        if self.origin is Origin.CONFIG:
            return f"from the `catalogue` key in {self.config_file}"
        if self.origin is Origin.BUNDLED:
            return (
                "the bundled Talent Hub EU catalogue: no --catalogue, TALENTHUB_CATALOGUE, "
                "config key or user catalogue"
            )
        return f"from {self.origin.value}"


def read_config(config_file: Path) -> dict[str, object]:
    if not config_file.is_file():
        return {}
    from talenthub_cli.storage.loader import parse_toml, read_text

    shown = str(config_file)
    config = parse_toml(read_text(config_file, shown), shown)
    for key in config:
        if key not in CONFIG_KEYS:
            known = ", ".join(CONFIG_KEYS)
            raise CatalogueError(f"{shown}: unknown setting {key!r} (known settings: {known})")
    return config


def _expand(text: str, base: Path | None = None) -> Path:
    path = Path(text).expanduser()
    return base / path if base is not None and not path.is_absolute() else path


def resolve_catalogue(
    option: str | None, environ: Mapping[str, str], dirs: UserDirs
) -> CatalogueSource:
    if option:
        return _existing(CatalogueSource(_expand(option), Origin.OPTION))
    if environ.get(ENVIRONMENT_VARIABLE):
        return _existing(
            CatalogueSource(_expand(environ[ENVIRONMENT_VARIABLE]), Origin.ENVIRONMENT)
        )
    configured = read_config(dirs.config_file).get("catalogue")
    if configured is not None:
        if not isinstance(configured, str) or not configured:
            raise CatalogueError(f"{dirs.config_file}: `catalogue` must be a path, as a string")
        path = _expand(configured, dirs.config_file.parent)
        return _existing(CatalogueSource(path, Origin.CONFIG, dirs.config_file))
    if dirs.user_catalogue.is_file():
        return CatalogueSource(dirs.user_catalogue, Origin.USER_DATA)
    return CatalogueSource(bundled_catalogue(), Origin.BUNDLED)


def _existing(source: CatalogueSource) -> CatalogueSource:
    if not source.path.exists():
        raise CatalogueError(f"{source.path}: no such catalogue file ({source.why})")
    return source
