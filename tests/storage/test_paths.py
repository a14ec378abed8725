"""The user's folders are where platformdirs says they are."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from talenthub_cli.storage.paths import APP_NAME, UserDirs

VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


@pytest.mark.parametrize(
    "given",
    [{}, {"XDG_CONFIG_HOME": "/x/config", "XDG_DATA_HOME": "  ", "XDG_CACHE_HOME": "relative"}],
)
def test_the_user_folders_are_platformdirs_own(
    given: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in given.items():
        monkeypatch.setenv(variable, value)
    assert UserDirs.from_platform() == UserDirs(
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


@pytest.mark.skipif(sys.platform != "linux", reason="read without platformdirs on Linux only")
def test_a_listing_does_not_import_platformdirs() -> None:
    import subprocess

    code = (
        "import sys; from talenthub_cli.storage.paths import UserDirs; UserDirs.from_platform();"
        "print('platformdirs' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.stdout == "False\n"
