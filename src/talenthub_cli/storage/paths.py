"""The user's directories and the bundled catalogue's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "talenthub"


@dataclass(frozen=True, slots=True)
class UserDirs:
    """Where talenthub keeps the user's config, data (a catalogue made by `init`) and cache."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def from_platform(cls) -> UserDirs:
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


def bundled_catalogue() -> Path:
    """The Talent Hub EU catalogue that ships with talenthub."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "catalogue.toml"  # where the wheel build puts the top-level file
    if installed.is_file():
        return installed
    # An editable install or a source checkout runs the package from src/: the one file in the
    # repository is the catalogue, so that an edit to it is seen at once.
    return package.parent.parent / "catalogue.toml"
