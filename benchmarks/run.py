"""Time whole talenthub commands, as a user runs them, beside the floors they cannot beat.

    python benchmarks/run.py                      # N = 100, 10,000 and 100,000
    python benchmarks/run.py --sizes 100,10000 --repeat 3

Each command runs as its own process with stdout piped (so tables are plain lines), with the
median wall time of --repeat runs and the peak resident memory of the largest. "cold" runs start
with no index in the cache; "warm" runs find the index of an unchanged catalogue. The floors:
`python -c pass`, `python -c "import typer"`, and `tomllib.load` of the same catalogue.
This reports figures; it asserts nothing.
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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Figure:
    name: str
    size: str
    seconds: float
    mebibytes: float


def _talenthub() -> list[str]:
    script = Path(sys.executable).parent / "talenthub"
    return [str(script)] if script.exists() else [sys.executable, "-m", "talenthub_cli"]


def measure(
    argv: Sequence[str],
    env: dict[str, str],
    repeat: int,
    before: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """Median seconds and peak MiB of `repeat` runs of `argv`."""
    times: list[float] = []
    peak = 0
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        assert process.stderr is not None
        errors = process.stderr.read().decode()
        process.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {errors}")
        # ru_maxrss is in KiB on Linux, in bytes on macOS
        peak = max(peak, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="100,10000,100000", help="catalogue sizes, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (median)")
    parser.add_argument("--workdir", type=Path, help="where to keep generated catalogues")
    arguments = parser.parse_args()
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="talenthub-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cache = workdir / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_CONFIG_HOME": str(workdir / "config")}
    env.pop("TALENTHUB_CATALOGUE", None)
    # As an installed program runs: with its bytecode cached (pip compiles it at install time;
    # an editable install writes it on first import, unless this is set).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    talenthub = _talenthub()
    repeat = arguments.repeat
    figures: list[Figure] = []

    def add(
        name: str, size: str, argv: Sequence[str], before: Callable[[], None] | None = None
    ) -> None:
        seconds, mebibytes = measure(argv, env, repeat, before)
        figures.append(Figure(name, size, seconds, mebibytes))
        print(f"{name:<42} {size:>8} {seconds:8.3f} s {mebibytes:8.1f} MiB", file=sys.stderr)

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    add("floor: python -c pass", "-", [sys.executable, "-c", "pass"])
    add("floor: python -c 'import typer'", "-", [sys.executable, "-c", "import typer"])
    add("talenthub --version", "-", [*talenthub, "--version"])
    add("talenthub list (bundled, cold)", "10", [*talenthub, "list"], clear_cache)
    add("talenthub list (bundled, warm)", "10", [*talenthub, "list"])
    add("talenthub show guidebook (bundled, warm)", "10", [*talenthub, "show", "guidebook"])
    add("talenthub search nomad (bundled, warm)", "10", [*talenthub, "search", "nomad"])

    for size in (int(part) for part in arguments.sizes.split(",")):
        path = workdir / f"catalogue-{size}.toml"
        if not path.exists():
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(size), str(path)], check=True
            )
        label = f"{size:,}"
        catalogue = [*talenthub, "-c", str(path)]
        load = f"import tomllib; tomllib.load(open({str(path)!r}, 'rb'))"
        add("floor: tomllib.load", label, [sys.executable, "-c", load])
        add("list --type brief (cold)", label, [*catalogue, "list", "--type", "brief"], clear_cache)
        add("list --type brief (warm)", label, [*catalogue, "list", "--type", "brief"])
        add("list (warm)", label, [*catalogue, "list"])
        add("show material-000050 (warm)", label, [*catalogue, "show", "material-000050"])
        add("search kestrel (warm)", label, [*catalogue, "search", "kestrel"])
        add("export --format csv (warm)", label, [*catalogue, "export", "--format", "csv"])
        add(
            "search 'type:brief retention' (warm)",
            label,
            [*catalogue, "search", "type:brief retention"],
        )
        add(
            "search 'date:2020-01..2020-06' (warm)",
            label,
            [*catalogue, "search", "date:2020-01..2020-06"],
        )

    print("| command | materials | median wall time | peak memory |")
    print("|---|---:|---:|---:|")
    for figure in figures:
        seconds, mebibytes = f"{figure.seconds:.3f} s", f"{figure.mebibytes:.0f} MiB"
        print(f"| {figure.name} | {figure.size} | {seconds} | {mebibytes} |")


if __name__ == "__main__":
    main()
