"""Time whole talenthub commands, as a user runs them, beside the floors they cannot beat.

    python benchmarks/run.py                      # the bundled catalogue, 10,000 and 100,000
    python benchmarks/run.py --quick              # under a minute: the bundled one and 10,000
    python benchmarks/run.py --sizes 100000 --repeat 10

Each command runs as its own process with stdout piped (so tables are plain lines). The runs are
interleaved: each round runs every command once, in turn, so that a machine that slows down or
speeds up during the run moves every figure alike. A figure is the median wall time of the rounds
(and the median processor time, user and system, which a machine busy with other work disturbs
less), the largest peak resident memory, and its ratio to the floor it is measured against in the
same run: `python -c "import typer"` for a warm command (one that finds the index of an
unchanged catalogue), and for a cold run (no index, in a cache of its own) `tomli.load` of the
same file. The peers (papis, pubs, buku) are timed where they are installed, listing the library
they are set up with; `benchmarks/peers.md` keeps their last figures and how they were measured.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

HERE = Path(__file__).resolve().parent
TYPER = "floor: python -c 'import typer'"

# The peers' commands that list a whole library, as their users run them.
PEERS: dict[str, list[str]] = {
    "papis": ["papis", "list", "--all"],
    "pubs": ["pubs", "list"],
    "buku": ["buku", "--print", "--nc"],
}


@dataclass
class Command:
    name: str
    size: str
    argv: Sequence[str]
    floor: str | None  # the name of the command it is a ratio to
    before: Callable[[], None] | None = None  # run before each run: a cold start clears the cache
    cold: bool = False  # runs with a cache of its own, so that warm runs keep theirs
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds
    peak: float = 0.0  # MiB

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def _talenthub() -> list[str]:
    script = Path(sys.executable).parent / "talenthub"
    return [str(script)] if script.exists() else [sys.executable, "-m", "talenthub_cli"]


def run_once(command: Command, env: dict[str, str]) -> None:
    """One run of `command`: its wall time and its peak memory."""
    if command.before is not None:
        command.before()
    start = time.perf_counter()
    if command.cold:
        env = {**env, "XDG_CACHE_HOME": env["XDG_CACHE_HOME"] + "-cold"}
    process = subprocess.Popen(
        command.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    command.seconds.append(time.perf_counter() - start)
    command.cpu.append(usage.ru_utime + usage.ru_stime)
    assert process.stderr is not None
    errors = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: a search that finds nothing
        raise SystemExit(f"{' '.join(command.argv)} failed: {errors}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) / 2**20
    command.peak = max(command.peak, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="catalogue sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of runs (the median)")
    parser.add_argument(
        "--quick", action="store_true", help="3 rounds, the bundled catalogue and 10,000 materials"
    )
    parser.add_argument("--workdir", type=Path, help="where to keep generated catalogues")
    arguments = parser.parse_args()
    sizes = [10_000] if arguments.quick else [int(part) for part in arguments.sizes.split(",")]
    repeat = 3 if arguments.quick else arguments.repeat
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="talenthub-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cache = workdir / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_CONFIG_HOME": str(workdir / "config")}
    env["XDG_DATA_HOME"] = str(workdir / "data")
    env.pop("TALENTHUB_CATALOGUE", None)
    # As an installed program runs: with its bytecode cached (pip compiles it at install time;
    # an editable install writes it on first import, unless this is set).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    talenthub = _talenthub()
    python = sys.executable

    def clear_cache() -> None:
        shutil.rmtree(f"{cache}-cold", ignore_errors=True)

    commands = [
        Command("floor: python -c pass", "-", [python, "-c", "pass"], None),
        Command(TYPER, "-", [python, "-c", "import typer"], None),
        Command("talenthub --version", "-", [*talenthub, "--version"], TYPER),
        Command("list", "bundled", [*talenthub, "list"], TYPER),
        Command("search nomad", "bundled", [*talenthub, "search", "nomad"], TYPER),
        Command("show guidebook", "bundled", [*talenthub, "show", "guidebook"], TYPER),
    ]
    for argv in PEERS.values():
        if shutil.which(argv[0]):
            commands.append(Command(f"peer: {' '.join(argv)}", "its own", argv, TYPER))

    for size in sizes:
        path = workdir / f"catalogue-{size}.toml"
        if not path.exists():
            subprocess.run([python, str(HERE / "generate.py"), str(size), str(path)], check=True)
        label = f"{size:,}"
        tomli = f"floor: tomli.load ({label})"
        load = f"import tomli; tomli.load(open({str(path)!r}, 'rb'))"
        catalogue = [*talenthub, "-c", str(path)]
        commands += [
            Command(tomli, label, [python, "-c", load], None),
            Command(
                "list --type brief (cold)",
                label,
                [*catalogue, "list", "--type", "brief"],
                tomli,
                clear_cache,
                cold=True,
            ),
            Command("list --type brief", label, [*catalogue, "list", "--type", "brief"], TYPER),
            Command("list", label, [*catalogue, "list"], TYPER),
            Command("export --format csv", label, [*catalogue, "export", "--format", "csv"], TYPER),
            Command("show material-000050", label, [*catalogue, "show", "material-000050"], TYPER),
            Command("search kestrel", label, [*catalogue, "search", "kestrel"], TYPER),
            Command(
                "search 'type:brief retention'",
                label,
                [*catalogue, "search", "type:brief retention"],
                TYPER,
            ),
            Command(
                "search 'date:2020-01..2020-06'",
                label,
                [*catalogue, "search", "date:2020-01..2020-06"],
                TYPER,
            ),
        ]

    # A first run of each, not counted: bytecode written, the index of each catalogue built and
    # its parts (the full-text index, the export's lines) made, the files in the page cache.
    for command in commands:
        run_once(command, env)
        command.seconds.clear()
        command.cpu.clear()
        command.peak = 0.0
    for round_number in range(1, repeat + 1):
        print(f"round {round_number} of {repeat}", file=sys.stderr)
        for command in commands:
            run_once(command, env)

    floors = {command.name: command for command in commands if command.floor is None}
    print(
        "| command | materials | median wall time | ratio to its floor | median cpu time "
        "| ratio (cpu) | peak memory |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for command in commands:
        floor = floors.get(command.floor) if command.floor else None
        ratio = cpu_ratio = ""
        if floor is not None:
            ratio = f"{command.median / floor.median:.2f}× {floor.name[7:]}"
            cpu_ratio = f"{command.median_cpu / floor.median_cpu:.2f}×"
        print(
            f"| {command.name} | {command.size} | {command.median:.3f} s | {ratio} "
            f"| {command.median_cpu:.3f} s | {cpu_ratio} | {command.peak:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
