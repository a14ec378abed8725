"""What only a terminal needs is not loaded when the output is piped: `talenthub list` into
another program imports neither the pager, nor the progress display, nor completion, nor Rich.
Nor, once the index is built, what only reading the catalogue or building its records needs: a
piped listing is read from the index's columns."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

NOT_LOADED = [
    "talenthub_cli.cli.paging",
    "talenthub_cli.cli.completion",
    "talenthub_cli.render.progress",
    "talenthub_cli.render.help",
    "rich",
]


# What a listing from a built index does without: the catalogue's file, its checks, the
# records' classes and dates (a piped listing is the index's columns), the other commands.
NOT_LOADED_WARM = [
    *NOT_LOADED,
    "tomli",
    "orjson",
    "talenthub_cli.storage.loader",
    "talenthub_cli.core.validate",
    "talenthub_cli.core.model",
    "talenthub_cli.core.records",
    "talenthub_cli.core.dates",
    "talenthub_cli.cli.keeping",
]


def _piped_listing(tmp_path: Path, not_loaded: list[str]) -> list[str]:
    """Run `talenthub list` piped, in its own process; the modules of `not_loaded` it loaded."""
    script = (
        "import sys\n"
        "from talenthub_cli.cli.app import main\n"
        "try:\n"
        "    main(['list'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print([name for name in {not_loaded!r} if name in sys.modules], file=sys.stderr)\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("TALENTHUB")}
    env |= {f"XDG_{kind}_HOME": str(tmp_path / kind) for kind in ("CONFIG", "DATA", "CACHE")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.startswith("guiding-principles\t"), done.stderr
    loaded: list[str] = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    return loaded


def test_a_piped_listing_loads_nothing_for_the_terminal(tmp_path: Path) -> None:
    assert _piped_listing(tmp_path, NOT_LOADED) == []


def test_a_piped_listing_from_a_built_index_loads_no_records(tmp_path: Path) -> None:
    assert "talenthub_cli.core.model" in _piped_listing(tmp_path, NOT_LOADED_WARM)  # the build
    assert _piped_listing(tmp_path, NOT_LOADED_WARM) == []
