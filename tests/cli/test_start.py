"""The program as its script starts it: the collector is paused while the command line loads,
what loading made is kept out of later collections, and the collector runs for the command."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

SCRIPT = """
import gc, sys
from talenthub_cli.cli import start

loading = []  # at each collection: whether the command line was still loading


def watch(phase, info):
    if phase == "start":
        app = sys.modules.get("talenthub_cli.cli.app")
        loading.append(app is None or not hasattr(app, "main"))


gc.callbacks.append(watch)
sys.argv = ["talenthub", "list"]
try:
    start.run()
except SystemExit:
    pass
print(loading.count(True), loading.count(False) > 0, gc.isenabled(), gc.get_freeze_count() > 0,
      file=sys.stderr)
"""


def test_the_command_line_loads_without_collections_and_then_collects(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TALENTHUB")}
    env |= {f"XDG_{kind}_HOME": str(tmp_path / kind) for kind in ("CONFIG", "DATA", "CACHE")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.startswith("guiding-principles\t"), done.stderr
    # No collection while it loaded; collections after, as usual; what loading made is frozen.
    assert done.stderr.strip().splitlines()[-1] == "0 True True True"


def test_python_m_runs_the_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "talenthub_cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout.startswith("talenthub ")) == (0, True)
