"""The user's directories and the bundled catalogue's file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from talenthub_cli.core.frozen import frozen

APP_NAME = "talenthub"


@frozen
class UserDirs:
    """Where talenthub keeps the user's config, data (a catalogue made by `init`) and cache."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def from_platform(cls) -> UserDirs:
        if sys.platform == "linux":  # the XDG folders, read without importing platformdirs
            return cls(
                config=_xdg("XDG_CONFIG_HOME", ".config"),
                data=_xdg("XDG_DATA_HOME", ".local/share"),
                cache=_xdg("XDG_CACHE_HOME", ".cache"),
            )
        import platformdirs

        return cls(
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def user_catalogue(self) -> Path:
        return self.data / "catalogue.toml"


def _xdg(variable: str, default: str) -> Path:
    """talenthub's folder of an XDG base directory, as platformdirs finds it on Linux (a blank or
    relative path counts as unset, as the XDG specification says): a start-up without
    platformdirs' imports (tempfile, random)."""
    given = Path(os.environ.get(variable, "").strip())
    return (given if given.is_absolute() else Path(f"~/{default}").expanduser()) / APP_NAME


def bundled_catalogue() -> Path:
    """The Talent Hub EU catalogue that ships with talenthub."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "catalogue.toml"  # where the wheel build puts the top-level file
    if installed.is_file():
        return installed
    # An editable install or a source checkout runs the package from src/: the one file in the
    # repository is the catalogue, so that an edit to it is seen at once.
    return package.parent.parent / "catalogue.toml"
