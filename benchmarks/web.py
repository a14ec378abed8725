"""The web face, measured: the html export's size and time, and `talenthub serve`'s latency
under a small concurrent load from a bounded local client.

    python benchmarks/web.py     # export: bundled and 10,000 materials; serve: 100,000
    python benchmarks/web.py --serve-size 10000 --requests 200
    python benchmarks/web.py --only serve --requests 300   # serve alone

The export figures are the median of --repeat whole processes. For serve, the server runs as
its own process (`talenthub serve --port 0`) on 127.0.0.1, its index built first; then
--clients threads, each with its own keep-alive connection, ask for search pages (a fixed mix of
queries, page 1 and beyond) until --requests have been answered; each request's time is from
sending to the last byte. On a machine shared with other work the times wait on it too: the
server's processor time per page (user+sys, from /proc, where there is one) says what the
pages themselves cost. This reports figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent

QUERIES = [
    "kestrel",
    "talent retention",
    "type:brief date:2024..",
    "remote -type:survey",
    "københavn",
    "digital nomad",
    "skills OR housing",
    "lessons",
]


def _talenthub() -> list[str]:
    script = Path(sys.executable).parent / "talenthub"
    return [str(script)] if script.exists() else [sys.executable, "-m", "talenthub_cli"]


def _environment(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_CACHE_HOME": str(folder / "cache"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
    }


def _catalogue(size: int, folder: Path) -> Path:
    target = folder / f"catalogue-{size}.toml"
    if not target.exists():
        generate = [sys.executable, str(HERE / "generate.py"), str(size), str(target)]
        subprocess.run(generate, check=True, stdout=subprocess.DEVNULL)
    return target


def export(
    catalogue: Path | None, env: dict[str, str], repeat: int, folder: Path, name: str
) -> tuple[int, float]:
    """Bytes of the file, and the median seconds of `talenthub export -o NAME`."""
    target = folder / name
    chosen = [] if catalogue is None else ["--catalogue", str(catalogue)]
    command = [*_talenthub(), *chosen, "export", "--force", "-o", str(target)]
    subprocess.run(command, env=env, check=True, capture_output=True)  # the index, built once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return target.stat().st_size, statistics.median(times)


def _processor_seconds(pid: int) -> float | None:
    """User and system time of the process `pid` so far, where /proc says it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve(
    catalogue: Path, env: dict[str, str], clients: int, requests: int
) -> tuple[list[float], float | None]:
    """Seconds of each request of a search page, at `clients` at once, and the server's
    processor seconds a page (None where it cannot be read)."""
    subprocess.run(
        [*_talenthub(), "--catalogue", str(catalogue), "list", "-n", "1"],
        env=env,
        check=True,
        capture_output=True,
    )  # the index, built before the clock starts
    server = subprocess.Popen(
        [*_talenthub(), "--catalogue", str(catalogue), "serve", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # "… at http://127.0.0.1:PORT/ …"
        if " at " not in first:  # it said why on stderr (the web extra not installed, …)
            raise SystemExit("web.py: talenthub serve did not start; its message is above")
        url = urlsplit(first.split(" at ")[1].split()[0])
        paths = [f"/?q={quote(q)}" for q in QUERIES] + [f"/?q={quote(QUERIES[1])}&page=3"]
        times: list[float] = []
        lock = threading.Lock()
        taken = iter(range(requests + len(paths) * clients))

        def client(number: int) -> None:
            connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=60)
            for turn in range(len(paths)):  # a first look at each page, not counted
                connection.request("GET", paths[(number + turn) % len(paths)])
                connection.getresponse().read()
            warm.wait()  # every client at once, the server's processor time read
            # Anew: a connection idle while the others warmed up may have timed out.
            connection.close()
            connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=60)
            turn = number
            while True:
                with lock:
                    if next(taken, None) is None or len(times) >= requests:
                        break
                path = paths[turn % len(paths)]
                turn += 1
                start = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - start
                assert response.status == 200, (path, response.status)
                with lock:
                    times.append(elapsed)
            connection.close()

        warm = threading.Barrier(clients + 1)
        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        warm.wait()
        before = _processor_seconds(server.pid)
        for thread in threads:
            thread.join()
        after = _processor_seconds(server.pid)
        # Over every counted page (a few more than --requests may have been under way).
        per_page = None if before is None or after is None else (after - before) / len(times)
        return times[:requests], per_page
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export-size", type=int, default=10_000)
    parser.add_argument("--serve-size", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="a folder to keep the generated catalogues in")
    parser.add_argument("--only", choices=("export", "serve"), help="measure this part alone")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        store = arguments.keep or folder
        store.mkdir(parents=True, exist_ok=True)
        env = _environment(folder)
        print("| what | materials | figure |\n|---|---:|---|")
        for size in [] if arguments.only == "serve" else [10, arguments.export_size]:
            catalogue = None if size == 10 else _catalogue(size, store)
            for name in ("page.csv", "page.html"):  # CSV: the floor, the same selection
                size_bytes, seconds = export(catalogue, env, arguments.repeat, folder, name)
                print(f"| export -o {name} | {size:,} | {size_bytes:,} bytes, {seconds:.3f} s |")
        if arguments.only == "export":
            return
        catalogue = _catalogue(arguments.serve_size, store)
        times, per_page = serve(catalogue, env, arguments.clients, arguments.requests)
        counted = len(times)
        times.sort()
        median = statistics.median(times) * 1000
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)] * 1000
        cpu = "" if per_page is None else f", server cpu {per_page * 1000:.0f} ms a page"
        print(
            f"| serve: a search page, {arguments.clients} clients, {counted} requests "
            f"| {arguments.serve_size:,} | median {median:.0f} ms, p95 {p95:.0f} ms, "
            f"max {times[-1] * 1000:.0f} ms{cpu} |"
        )


if __name__ == "__main__":
    main()
