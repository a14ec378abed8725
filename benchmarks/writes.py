"""Time the write path as a user meets it: add, remove and edit in a large catalogue, and the
listing that follows a write.

    python benchmarks/writes.py                      # N = 100,000
    python benchmarks/writes.py --sizes 10000,100000 --repeat 5

Each command runs as its own process with stdout piped, with the median wall time of --repeat
runs and the peak resident memory of the largest. The catalogue's index is built once first (as
any listing builds it); every write then finds it current, and the listing after a write shows
whether the write left it so. `edit` runs a scripted editor that changes the material's title:
"edit: editor opens" is how long after the command started the editor was running, "edit" the
whole command, the save included; `talenthub --version` is the floor, start-up alone, measured
in the same run. This reports figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The editor: marks when it started, then changes the title of the record it is given.
EDITOR = """
import re, sys, time
with open(sys.argv[1] + ".opened", "a") as marks:
    marks.write(f"{time.time()}\\n")
path = sys.argv[2]
with open(path, encoding="utf-8") as file:
    text = file.read()
text = re.sub(r'(?m)^title = "(Edited )*', 'title = "Edited ', text, count=1)
with open(path, "w", encoding="utf-8") as file:
    file.write(text)
"""


def _talenthub() -> list[str]:
    script = Path(sys.executable).parent / "talenthub"
    return [str(script)] if script.exists() else [sys.executable, "-m", "talenthub_cli"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak MiB and the start time of one run of `argv`."""
    started = time.time()
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {errors.decode()}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return seconds, peak, started


def bench(size: int, repeat: int, folder: Path) -> list[tuple[str, float, float]]:
    catalogue = folder / f"catalogue-{size}.toml"
    generator = [sys.executable, str(HERE / "generate.py"), str(size), str(catalogue)]
    subprocess.run(generator, check=True, stdout=subprocess.DEVNULL)
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "TERM": "dumb"}
    editor = folder / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    marks = folder / "edit"
    env["EDITOR"] = f"{sys.executable} {editor} {marks}"
    base = [*_talenthub(), "-c", str(catalogue)]
    figures: dict[str, list[tuple[float, float]]] = {}

    def record(name: str, argv: list[str]) -> float:
        seconds, peak, started = run(argv, env)
        figures.setdefault(name, []).append((seconds, peak))
        return started

    for _ in range(repeat):  # the floor: start-up alone, in the same run
        record("talenthub --version", [*_talenthub(), "--version"])
    record("list (builds the index)", [*base, "list", "-n", "10"])
    record("list (index current)", [*base, "list", "-n", "10"])
    opened: list[float] = []
    for number in range(repeat):
        record("add", [*base, "add", "--title", f"Written {number}", "--type", "brief"])
        record("list after add", [*base, "list", "-n", "10"])
        started = record("edit", [*base, "edit", f"material-{number * 7:06d}"])
        opened.append(float(marks.with_suffix(".opened").read_text().split()[-1]) - started)
        record("list after edit", [*base, "list", "-n", "10"])
        record("remove", [*base, "remove", f"written-{number}", "--yes"])
        record("list after remove", [*base, "list", "-n", "10"])
    record("list, every material, after writes", [*base, "list"])
    rows = [
        (name, statistics.median(s for s, _ in runs), max(p for _, p in runs))
        for name, runs in figures.items()
    ]
    rows.insert(5, ("edit: editor opens", statistics.median(opened), 0.0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated catalogue sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each write (median)")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="talenthub-writes-"))
    try:
        print(f"{'command':<26}{'size':>9}{'seconds':>10}{'peak MiB':>10}")
        for size in (int(part) for part in arguments.sizes.split(",")):
            for name, seconds, peak in bench(size, arguments.repeat, folder):
                shown = f"{peak:10.0f}" if peak else f"{'':>10}"
                print(f"{name:<26}{size:>9,}{seconds:>10.2f}{shown}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
