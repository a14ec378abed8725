"""Which catalogue to use, and why: the first of --catalogue, TALENTHUB_CATALOGUE, the config
file's `catalogue` key, the user's own catalogue made by `init`, and the bundled one."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from talenthub_cli.core.errors import CatalogueError
from talenthub_cli.core.frozen import frozen
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


@frozen
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
        seconds = int(self.path.stat().st_mtime)
        if epoch.isascii() and epoch.isdigit() and len(epoch) <= 11:  # until the year 5138
            seconds = int(epoch)
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


def _expand(text: str, origin: Origin, config_file: Path | None = None) -> Path:
    """The path `text` names, with a leading `~` or `~user` made the home folder it stands for,
    and relative to the config file's folder where it comes from there."""
    try:
        path = Path(text).expanduser()
    except RuntimeError:
        # Path.expanduser raises RuntimeError where it cannot tell the home folder: `~user` of no
        # such user, or `~` with neither HOME nor an entry in the password database.
        head = text.replace("\\", "/").split("/", 1)[0]
        user = head[1:]
        reason = f"there is no user {user!r}" if user else "the home folder is not known"
        why = CatalogueSource(Path(), origin, config_file).why
        raise CatalogueError(
            f"{text}: cannot tell which folder {head!r} is: {reason} ({why})"
        ) from None
    if config_file is not None and not path.is_absolute():
        return config_file.parent / path
    return path


def resolve_catalogue(
    option: str | None, environ: Mapping[str, str], dirs: UserDirs
) -> CatalogueSource:
    if option:
        return _existing(CatalogueSource(_expand(option, Origin.OPTION), Origin.OPTION))
    if environ.get(ENVIRONMENT_VARIABLE):
        path = _expand(environ[ENVIRONMENT_VARIABLE], Origin.ENVIRONMENT)
        return _existing(CatalogueSource(path, Origin.ENVIRONMENT))
    configured = read_config(dirs.config_file).get("catalogue")
    if configured is not None:
        if not isinstance(configured, str) or not configured:
            raise CatalogueError(f"{dirs.config_file}: `catalogue` must be a path, as a string")
        path = _expand(configured, Origin.CONFIG, dirs.config_file)
        return _existing(CatalogueSource(path, Origin.CONFIG, dirs.config_file))
    if dirs.user_catalogue.is_file():
        return CatalogueSource(dirs.user_catalogue, Origin.USER_DATA)
    return CatalogueSource(bundled_catalogue(), Origin.BUNDLED)


def _existing(source: CatalogueSource) -> CatalogueSource:
    if "\0" in str(source.path):  # no file name holds one; exists() would only say False
        raise CatalogueError(
            f"{str(source.path)!r}: not a file name: it holds a NUL character ({source.why})"
        )
    try:
        exists = source.path.exists()
    except OSError as error:  # a name too long, a folder that may not be entered
        raise CatalogueError(
            f"{source.path}: cannot use it: {error.strerror} ({source.why})"
        ) from None
    if not exists:
        raise CatalogueError(f"{source.path}: no such catalogue file ({source.why})")
    return source
