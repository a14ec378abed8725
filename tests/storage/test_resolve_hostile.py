"""Catalogue paths that cannot name a file: `~user` of no such user, a NUL character, a name
longer than the system allows. Each is a message that says where the path came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import run

if TYPE_CHECKING:
    from talenthub_cli.storage.paths import UserDirs

NO_USER = "cannot tell which folder '~nosuchuser' is: there is no user 'nosuchuser'"


def _one_line_error(args: tuple[str, ...], env: dict[str, str] | None = None) -> str:
    outcome = run(*args, env=env)
    assert (outcome.code, outcome.stdout) == (2, "")
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.count("\n") == 1
    return outcome.stderr


def test_home_of_an_unknown_user_in_the_option() -> None:
    assert _one_line_error(("-c", "~nosuchuser/c.toml", "list")) == (
        f"talenthub: ~nosuchuser/c.toml: {NO_USER} (from the --catalogue option)\n"
    )


def test_home_of_an_unknown_user_in_the_environment() -> None:
    stderr = _one_line_error(("list",), env={"TALENTHUB_CATALOGUE": "~nosuchuser/x"})
    assert stderr == (
        f"talenthub: ~nosuchuser/x: {NO_USER} (from the TALENTHUB_CATALOGUE environment variable)\n"
    )


def test_home_of_an_unknown_user_in_the_config_file(user_dirs: UserDirs) -> None:
    user_dirs.config.mkdir(parents=True)
    user_dirs.config_file.write_text('catalogue = "~nosuchuser/c.toml"\n', encoding="utf-8")
    assert _one_line_error(("list",)) == (
        f"talenthub: ~nosuchuser/c.toml: {NO_USER} "
        f"(from the `catalogue` key in {user_dirs.config_file})\n"
    )


def test_a_nul_character_in_the_config_file(user_dirs: UserDirs) -> None:
    user_dirs.config.mkdir(parents=True)
    user_dirs.config_file.write_text('catalogue = "/tmp/a\\u0000b"\n', encoding="utf-8")
    assert _one_line_error(("list",)) == (
        "talenthub: '/tmp/a\\x00b': not a file name: it holds a NUL character "
        f"(from the `catalogue` key in {user_dirs.config_file})\n"
    )


@pytest.mark.parametrize("name", ["a" * 5000, "a/" * 3000])
def test_a_name_longer_than_the_system_allows(name: str) -> None:
    assert _one_line_error(("-c", name, "list")) == (
        f"talenthub: {name.rstrip('/')}: cannot use it: File name too long (from the --catalogue option)\n"
    )
