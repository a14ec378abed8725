"""The web face, measured: the html export's size and time, and `talenthub serve`'s latency
under a small concurrent load from a bounded local client.

    python benchmarks/web.py     # export: bundled and 10,000 materials; serve: 100,000
    python benchmarks/web.py --serve-size 10000 --requests 200
    python benchmarks/web.py --only serve --requests 300   # serve alone
    python benchmarks/web.py --only serve --mix fixed      # the eight queries, over and over

The export figures are the median of --repeat whole processes. For serve, the server runs as
its own process (`talenthub serve --port 0`) on 127.0.0.1, its index built first; then
--clients threads, each with its own keep-alive connection, ask for search pages until
--requests have been answered; each request's time is from sending to the last byte.

The load (`--mix browse`, the default) is people browsing: each client runs sessions, one after
another. A session picks a query, asks for its first page (as HTML, or one time in seven as
JSON, `/index.json?q=…`), then one time in three follows the page's `next` link to page 2, and
from there two times in five to page 3. The queries are drawn (a seeded generator: every run
asks the same) from a pool of --pool different queries made from the catalogue's own text,
which the benchmark reads itself (rtoml in pieces, as the index does): a material is picked at
random and its words (titles, summaries, topics; three letters or more) give a query, so that a
word is asked about as often as it occurs. A query is one word or two from one material (half
the pool), `a OR b`, `a -b`, `a -type:x`, `type:x a`, `date:2021.. a`, or a word with a letter
dropped or two swapped that no word begins with (no match: the "did you mean" path); the eight
queries of the fixed mix are in the pool too. So a query seldom comes back within a run, and a
server that keeps the results of recent queries is measured on the pages people turn, not on
the same few queries asked again. `--mix fixed` is the earlier load, for comparison: the eight
queries and page 3 of one of them, in turn, each asked once by every client before the clock.

Besides the figures of every page, the first pages of sessions (a query not asked before, or
seldom) and the later pages are reported apart, with the number of distinct queries. On a
machine shared with other work the times wait on it too: the server's processor time per page
(user+sys, from /proc, where there is one) says what the pages themselves cost. That time
cannot be told apart between requests that run at once, so the same requests, in the order they
were answered, are asked again one at a time of a server started afresh (its caches as empty
as the first one's were), and its processor time around each says what first and later pages
cost. This reports figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import bisect
import html
import http.client
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator

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


# ------------------------------------------------------------------------------ the load


STOP_WORDS = frozenset({"the", "and", "for", "from", "with", "into", "that", "this", "its"})
_WORD = re.compile(r"[^\W\d_]{3,}")  # letters, three or more: what people type as a word
_YEAR = re.compile(r"\d{4}")
_NEXT = re.compile(r'<a href="([^"]*)" rel="next">')
SEED = 12


@dataclass(frozen=True, slots=True)
class Sample:
    """A material as the queries are made of it: its words (each as often as it occurs), its
    type and the year it begins."""

    words: tuple[str, ...]
    type: str
    year: str | None


def read_samples(catalogue: Path) -> list[Sample]:
    """The materials of the catalogue file, read as the index reads it (rtoml in pieces, or
    tomllib where that cannot be sure)."""
    import tomllib

    from talenthub_cli.storage.loader import read_in_pieces

    text = catalogue.read_text(encoding="utf-8")
    parsed = read_in_pieces(text) or tomllib.loads(text)
    samples = []
    for material in parsed.get("materials", []):
        written = " ".join(
            [material.get("title", ""), material.get("summary", ""), *material.get("topics", ())]
        )
        found = tuple(w for w in (m.lower() for m in _WORD.findall(written)) if w not in STOP_WORDS)
        year = _YEAR.match(str(material.get("date", "")))
        samples.append(Sample(found, str(material.get("type", "")), year and year.group()))
    return [sample for sample in samples if sample.words]


def _absent(word: str, rng: random.Random, vocabulary: list[str]) -> str | None:
    """`word` with a letter dropped or two swapped, where no word of the catalogue begins
    with it (a search matches word prefixes): a search that finds nothing."""
    if len(word) < 5:
        return None
    at = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        typo = word[:at] + word[at + 1 :]
    else:
        typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    following = bisect.bisect_left(vocabulary, typo)
    if following < len(vocabulary) and vocabulary[following].startswith(typo):
        return None
    return typo


def query_pool(samples: list[Sample], size: int, rng: random.Random) -> list[str]:
    """`size` different queries (or as many as the text allows), the fixed mix's among them."""
    vocabulary = sorted({word for sample in samples for word in sample.words})
    types = sorted({sample.type for sample in samples})

    def other(sample: Sample) -> str | None:  # a word of another material, not of this one
        word = rng.choice(rng.choice(samples).words)
        return None if word in sample.words else word

    def make(kind: str, sample: Sample) -> str | None:
        word = rng.choice(sample.words)
        if kind == "word":
            return word
        if kind == "two words":
            second = rng.choice(sample.words)
            return None if second == word else f"{word} {second}"
        if kind == "or":
            return f"{word} OR {rng.choice(rng.choice(samples).words)}"
        if kind == "not":
            excluded = other(sample)
            return excluded and f"{word} -{excluded}"
        if kind == "not type":
            kind_of = rng.choice(types)
            return None if kind_of == sample.type else f"{word} -type:{kind_of}"
        if kind == "type":
            return f"type:{sample.type} {word}"
        if kind == "date":
            since = rng.random() < 0.5
            return sample.year and f"date:{sample.year}{'..' if since else ''} {word}"
        return _absent(word, rng, vocabulary)

    kinds = {"word": 20, "two words": 30, "or": 8, "not": 7, "not type": 6, "type": 10}
    kinds |= {"date": 10, "absent": 9}
    pool = dict.fromkeys(QUERIES)
    for _ in range(size * 20):  # a small catalogue's text may not give `size`
        if len(pool) >= size:
            break
        kind = rng.choices(list(kinds), list(kinds.values()))[0]
        query = make(kind, rng.choice(samples))
        if query:
            pool.setdefault(query)
    return list(pool)


@dataclass(frozen=True, slots=True)
class Session:
    """A person's visit: a query's first page, and as many after it as they mean to read."""

    query: str
    path: str
    pages: int
    json: bool
    page: int = 1  # the page that `path` asks for


def browsing(pool: list[str], rng: random.Random) -> Iterator[Session]:
    while True:
        query = rng.choice(pool)
        pages = 1
        if rng.random() < 1 / 3:
            pages += 1 + (rng.random() < 2 / 5)
        as_json = rng.random() < 1 / 7
        yield Session(
            query, ("/index.json" if as_json else "/") + f"?q={quote(query)}", pages, as_json
        )


def fixed_mix() -> list[Session]:
    """The eight queries' first pages, and page 3 of one."""
    mix = [Session(q, f"/?q={quote(q)}", 1, False) for q in QUERIES]
    return [*mix, Session(QUERIES[1], f"/?q={quote(QUERIES[1])}&page=3", 1, False, 3)]


def following(body: bytes, as_json: bool) -> str | None:
    """The address of the next page, as the page links it."""
    if as_json:
        found: str | None = json.loads(body)["next"]
        return found
    link = _NEXT.search(body.decode("utf-8"))
    return None if link is None else html.unescape(link.group(1))


@dataclass(frozen=True, slots=True)
class Asked:
    """One request of the run: where, which page of its session, and how long it took."""

    path: str
    query: str
    page: int  # 1: the first page of a session; with --mix fixed, the page the path asks
    seconds: float


# ------------------------------------------------------------------------------ the server


def _processor_seconds(pid: int) -> float | None:
    """User and system time of the process `pid` so far, where /proc says it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _threads_seconds(pid: int) -> dict[str, float] | None:
    """Each thread's time on a processor so far, in nanoseconds' precision (/proc's schedstat;
    /proc/PID/stat counts in ticks of 10 ms, too coarse for one request)."""
    times = {}
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                times[task.name] = int((task / "schedstat").read_text().split()[0]) / 1e9
            except (OSError, ValueError, IndexError):
                continue  # a thread that ended meanwhile
    except OSError:
        return None
    return times or None


def _start(catalogue: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], Any]:
    server = subprocess.Popen(
        [*_talenthub(), "--catalogue", str(catalogue), "serve", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    first = server.stdout.readline()  # "… at http://127.0.0.1:PORT/ …"
    if " at " not in first:  # it said why on stderr (the web extra not installed, …)
        server.wait()
        raise SystemExit("web.py: talenthub serve did not start; its message is above")
    return server, urlsplit(first.split(" at ")[1].split()[0])


def _ask(connection: http.client.HTTPConnection, path: str) -> bytes:
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status)
    return body


# Not searches, so that no query of the run is answered before the clock: each thread of the
# server opens the index on its first request.
WARM_UP = ("/", "/?page=2", "/index.json", "/?sort=title")


def serve(
    catalogue: Path,
    env: dict[str, str],
    clients: int,
    requests: int,
    sessions: Iterator[Session],
    warm_up: tuple[str, ...] = (),
) -> tuple[list[Asked], float | None]:
    """Each request of a search page, `requests` of them at `clients` at once, in the order
    they were answered, and the server's processor seconds a page (None where it cannot be
    read)."""
    server, url = _start(catalogue, env)
    try:
        asked: list[Asked] = []
        lock = threading.Lock()
        issued = 0

        def connect() -> http.client.HTTPConnection:
            return http.client.HTTPConnection(url.hostname or "", url.port, timeout=120)

        def client() -> None:
            nonlocal issued
            connection = connect()
            for first_look in (*WARM_UP, *warm_up):  # not counted
                _ask(connection, first_look)
            warm.wait()  # every client at once, the server's processor time read
            # Anew: a connection idle while the others warmed up may have timed out.
            connection.close()
            connection = connect()
            while True:
                with lock:
                    session = next(sessions)
                path: str | None = session.path
                for page in range(session.page, session.page + session.pages):
                    if path is None:  # the last page: no next link
                        break
                    with lock:
                        if issued >= requests:
                            connection.close()
                            return
                        issued += 1
                    start = time.perf_counter()
                    body = _ask(connection, path)
                    elapsed = time.perf_counter() - start
                    with lock:
                        asked.append(Asked(path, session.query, page, elapsed))
                    path = following(body, session.json)

        warm = threading.Barrier(clients + 1)
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        warm.wait()
        before = _processor_seconds(server.pid)
        for thread in threads:
            thread.join()
        after = _processor_seconds(server.pid)
        per_page = None if before is None or after is None else (after - before) / len(asked)
        return asked, per_page
    finally:
        server.terminate()
        server.wait()


def replay(
    catalogue: Path, env: dict[str, str], asked: list[Asked], warm_up: tuple[str, ...] = ()
) -> list[float] | None:
    """The server's processor seconds for each of `asked`, asked again one at a time and in
    the same order of a server started afresh (None where /proc cannot say)."""
    server, url = _start(catalogue, env)
    try:
        connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=120)
        for path in (*WARM_UP, *warm_up):
            _ask(connection, path)
        costs = []
        for request in asked:
            before = _threads_seconds(server.pid)
            _ask(connection, request.path)
            after = _threads_seconds(server.pid)
            if before is None or after is None:
                return None
            # A thread that ended meanwhile was idle; one that began counts from its start.
            costs.append(sum(after.values()) - sum(before.get(t, 0.0) for t in after))
        connection.close()
        return costs
    finally:
        server.terminate()
        server.wait()


def _figures(times: list[float]) -> str:
    ordered = sorted(times)
    median = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)] * 1000
    return f"median {median:.0f} ms, p95 {p95:.0f} ms, max {ordered[-1] * 1000:.0f} ms"


def report(
    asked: list[Asked], per_page: float | None, costs: list[float] | None, what: str, size: int
) -> None:
    """The table's rows of a run of serve: every page, then first and later pages apart."""
    cpu = (
        "" if per_page is None else f"; the server's processor time {per_page * 1000:.0f} ms a page"
    )
    queries = len({request.query for request in asked})
    print(
        f"| serve: search pages, {what}, {len(asked)} requests, {queries} distinct queries "
        f"| {size:,} | {_figures([request.seconds for request in asked])}{cpu} |"
    )
    for name, first in (
        ("first pages (page 1 of a query)", True),
        ("later pages (2 and on)", False),
    ):
        chosen = [n for n, request in enumerate(asked) if (request.page == 1) == first]
        if not chosen:
            continue
        alone = ""
        if costs is not None:
            cost = statistics.fmean(costs[n] for n in chosen) * 1000
            alone = f"; processor time {cost:.0f} ms a page, asked one at a time"
        times = [asked[n].seconds for n in chosen]
        print(f"| … {name}: {len(chosen)} | {size:,} | {_figures(times)}{alone} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export-size", type=int, default=10_000)
    parser.add_argument("--serve-size", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument(
        "--mix",
        choices=("browse", "fixed"),
        default="browse",
        help="browse: sessions of queries from the catalogue's text (default); fixed: 8 queries",
    )
    parser.add_argument("--pool", type=int, default=5000, help="how many different queries")
    parser.add_argument("--seed", type=int, default=SEED, help="of the queries and sessions")
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
        # The index and its full-text part, built before the clock starts, while the queries
        # are made: a search by date ranks nothing, so no query's ranking is made before.
        search = ["search", "-n", "1", "--sort", "date", "organisation"]
        indexing = subprocess.Popen(
            [*_talenthub(), "--catalogue", str(catalogue), *search],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        warm_up: tuple[str, ...] = ()
        if arguments.mix == "fixed":
            mix = fixed_mix()
            sessions: Iterator[Session] = (mix[n % len(mix)] for n in itertools.count())
            warm_up = tuple(session.path for session in mix)
            what = f"the fixed mix, {arguments.clients} clients"
        else:
            rng = random.Random(arguments.seed)
            pool = query_pool(read_samples(catalogue), arguments.pool, rng)
            sessions = browsing(pool, rng)
            what = f"people browsing, {arguments.clients} clients, a pool of {len(pool):,} queries"
        if indexing.wait() != 0:
            raise SystemExit("web.py: the index could not be built; its message is above")
        asked, per_page = serve(
            catalogue, env, arguments.clients, arguments.requests, sessions, warm_up
        )
        costs = replay(catalogue, env, asked, warm_up)
        report(asked, per_page, costs, what, arguments.serve_size)


if __name__ == "__main__":
    main()
