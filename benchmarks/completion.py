"""Time a shell's completion of talenthub, whole process, on the bundled catalogue.

    python benchmarks/completion.py               # 20 runs of each
    python benchmarks/completion.py --repeat 50

A shell runs `talenthub` once for each TAB, with the words typed so far in the environment
(`_TALENTHUB_COMPLETE=complete_bash COMP_WORDS=... COMP_CWORD=...`); the answer is read from the
catalogue's index, which the first call builds (not timed: a warm-up run comes first). Each call
is timed from the start of its process to its exit, with its CPU seconds, beside the floor that
every call pays: `talenthub --version` (Python, Typer and the command table). Medians are
printed, and the ratio to the floor's median. This reports figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# What a person may press TAB after: the words so far, the last one being completed.
CALLS = {
    "show gui<TAB>": "talenthub show gui",
    "edit br<TAB>": "talenthub edit br",
    "list --contact <TAB>": "talenthub list --contact ",
    "list --topic tal<TAB>": "talenthub list --topic tal",
    "list --columns id,t<TAB>": "talenthub list --columns id,t",
}


def _talenthub() -> str:
    script = Path(sys.executable).parent / "talenthub"
    return str(script) if script.exists() else "talenthub"


def _environment(words: str | None, home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TALENTHUB_")}
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    if words is not None:
        split = words.split(" ")
        env |= {
            "_TALENTHUB_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(split) - 1),
        }
    return env


def measure(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system) of `repeat` runs."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat + 1):  # the first is a warm-up: it may build the index
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if status != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {status}")
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    command = _talenthub()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        floor_wall, floor_cpu = measure(
            [command, "--version"], _environment(None, home), options.repeat
        )
        _row("call", "wall ms", "cpu ms", "wall/floor")
        _row("--version (the floor)", floor_wall * 1000, floor_cpu * 1000, 1.0)
        for name, words in CALLS.items():
            wall, cpu = measure([command], _environment(words, home), options.repeat)
            _row(name, wall * 1000, cpu * 1000, wall / floor_wall)


def _row(name: str, wall: float | str, cpu: float | str, ratio: float | str) -> None:
    def cell(value: float | str, digits: str) -> str:
        return value if isinstance(value, str) else format(value, digits)

    print(f"{name:<28}{cell(wall, '.0f'):>9}{cell(cpu, '.0f'):>9}{cell(ratio, '.2f'):>12}")


if __name__ == "__main__":
    main()
