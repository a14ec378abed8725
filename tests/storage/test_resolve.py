"""Which catalogue is used: --catalogue, then TALENTHUB_CATALOGUE, then the config file, then
the user's own, then the bundled one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from talenthub_cli.core.errors import CatalogueError
from talenthub_cli.storage.paths import UserDirs, bundled_catalogue
from talenthub_cli.storage.resolve import Origin, resolve_catalogue
from tests.conftest import write_catalogue

if TYPE_CHECKING:
    from pathlib import Path


def test_each_source_in_order(tmp_path: Path, user_dirs: UserDirs) -> None:
    assert resolve_catalogue(None, {}, user_dirs).origin is Origin.BUNDLED
    assert resolve_catalogue(None, {}, user_dirs).path == bundled_catalogue()

    user_dirs.data.mkdir(parents=True)
    write_catalogue(user_dirs.user_catalogue)
    assert resolve_catalogue(None, {}, user_dirs).origin is Origin.USER_DATA

    configured = write_catalogue(tmp_path / "configured.toml")
    user_dirs.config.mkdir(parents=True)
    user_dirs.config_file.write_text('catalogue = "../configured.toml"\n')
    source = resolve_catalogue(None, {}, user_dirs)
    assert (source.origin, source.path.resolve()) == (Origin.CONFIG, configured)
    assert source.why == f"from the `catalogue` key in {user_dirs.config_file}"

    from_environment = write_catalogue(tmp_path / "env.toml")
    environ = {"TALENTHUB_CATALOGUE": str(from_environment)}
    assert resolve_catalogue(None, environ, user_dirs).origin is Origin.ENVIRONMENT

    given = write_catalogue(tmp_path / "given.toml")
    source = resolve_catalogue(str(given), environ, user_dirs)
    assert (source.origin, source.path) == (Origin.OPTION, given)


def test_a_named_catalogue_that_is_missing_is_an_error(tmp_path: Path, user_dirs: UserDirs) -> None:
    with pytest.raises(
        CatalogueError, match=r"no such catalogue file \(from the TALENTHUB_CATALOGUE"
    ):
        resolve_catalogue(None, {"TALENTHUB_CATALOGUE": str(tmp_path / "gone.toml")}, user_dirs)


def test_an_unknown_setting_is_an_error(user_dirs: UserDirs) -> None:
    user_dirs.config.mkdir(parents=True)
    user_dirs.config_file.write_text('catalog = "x.toml"\n')
    with pytest.raises(
        CatalogueError, match=r"unknown setting 'catalog' \(known settings: catalogue\)"
    ):
        resolve_catalogue(None, {}, user_dirs)
