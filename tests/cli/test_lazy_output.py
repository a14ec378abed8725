"""What only a terminal needs is not loaded when the output is piped: `talenthub list` into
another program imports neither the pager, nor the progress display, nor completion, nor Rich."""

from __future__ import annotations

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


def test_a_piped_listing_loads_nothing_for_the_terminal(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from talenthub_cli.cli.app import main\n"
        "try:\n"
        "    main(['list'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print([name for name in {NOT_LOADED!r} if name in sys.modules], file=sys.stderr)\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("TALENTHUB")}
    env |= {f"XDG_{kind}_HOME": str(tmp_path / kind) for kind in ("CONFIG", "DATA", "CACHE")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
    assert done.stdout.startswith("guiding-principles\t")
