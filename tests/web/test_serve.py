"""`talenthub serve` end to end: a real server on a free port, asked over HTTP as a browser or a
script would: searches and filters as the CLI answers them, pages, links, JSON, errors as pages,
a changed catalogue, and nothing but GET and HEAD."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import pytest

from talenthub_cli.web.app import create_app
from tests.conftest import run, write_catalogue
from tests.export.test_html import Page

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def page(self) -> Page:
        return Page(self.body)

    def json(self) -> object:
        assert self.headers["content-type"].startswith("application/json")
        return json.loads(self.body)

    @property
    def materials(self) -> list[str]:
        return [
            attrs["id"] or "" for attrs in self.page.all("li") if attrs.get("class") == "material"
        ]


@dataclass(frozen=True)
class Served:
    url: str
    catalogue: Path

    def ask(self, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> Answer:
        where = urlsplit(self.url)
        connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        connection.close()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


def start(catalogue: Path, cache: Path) -> Iterator[str]:
    """The app under uvicorn in a thread, on a free port of 127.0.0.1; its URL."""
    import uvicorn

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(create_app(catalogue, cache), log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    listener.close()


@pytest.fixture
def served(tmp_path: Path, bundled: Path) -> Iterator[Served]:
    catalogue = tmp_path / "catalogue.toml"
    shutil.copy(bundled, catalogue)
    for url in start(catalogue, tmp_path / "server-cache"):
        yield Served(url, catalogue)


def listed(*args: str) -> list[str]:
    return run("list", "--columns", "id", *args).stdout.split()


def found(query: str) -> list[str]:
    return run("search", "--columns", "id", "--", query).stdout.split()


def test_a_search_is_the_cli_search_with_its_reading(served: Served) -> None:
    for query in ("nomad", "type:brief date:2024..", "talent -type:survey", "guide OR survey"):
        answer = served.ask("/?q=" + quote(query))
        assert answer.status == 200
        assert answer.materials == found(query), query
    answer = served.ask("/?q=" + quote("type:brief date:2024.."))
    explained = json.loads(
        run("search", "type:brief date:2024..", "--explain", "-f", "json").stdout
    )
    for line in explained["reading"]:
        assert line.strip() in answer.page.text
    assert "How the query was read" in answer.page.text


@pytest.mark.parametrize(
    ("parameters", "options"),
    [
        ("type=survey", ["--type", "survey"]),
        ("organisation=iom-germany", ["--org", "iom-germany"]),
        ("contact=rand-al-ani", ["--contact", "rand-al-ani"]),
        ("availability=published", ["--availability", "published"]),
        ("during=2023", ["--during", "2023"]),
        ("during=May+2024&type=brief", ["--during", "May 2024", "--type", "brief"]),
        ("during=2023-11..2024-02", ["--during", "2023-11..2024-02"]),
        ("since=2024..", ["--since", "2024.."]),
        ("sort=title", ["--sort", "title"]),
    ],
)
def test_filters_list_what_the_cli_lists(
    served: Served, parameters: str, options: list[str]
) -> None:
    answer = served.ask("/?" + parameters)
    assert answer.status == 200
    assert answer.materials == listed(*options)


def test_pages_with_links_to_the_next_and_previous(tmp_path: Path) -> None:
    from talenthub_cli.web.app import PER_PAGE

    count = PER_PAGE * 2 + 7
    bodies = [
        f'id = "m{n:03d}"\ntitle = "Note {n}"\ntype = "document"\ndate = "2020"'
        for n in range(count)
    ]
    catalogue = write_catalogue(tmp_path / "many.toml", bodies)
    for url in start(catalogue, tmp_path / "cache"):
        served = Served(url, catalogue)
        first = served.ask("/")
        assert len(first.materials) == PER_PAGE
        assert f"1–{PER_PAGE} of more materials" in first.page.text
        following = [a["href"] for a in first.page.all("a") if a.get("rel") == "next"]
        assert following == ["/?page=2"]
        third = served.ask("/?page=3")
        assert len(third.materials) == 7
        assert f"{PER_PAGE * 2 + 1}–{count} of {count} materials" in third.page.text
        assert [a["href"] for a in third.page.all("a") if a.get("rel") == "prev"] == ["/?page=2"]
        everything = first.materials + served.ask("/?page=2").materials + third.materials
        assert everything == [f"m{n:03d}" for n in range(count)]
        searched = served.ask("/index.json?q=note&page=2").json()
        assert isinstance(searched, dict)
        assert (searched["total"], searched["next"]) == (None, "/index.json?q=note&page=3")
        assert len(searched["materials"]) == PER_PAGE
        last = served.ask("/index.json?q=note&page=3").json()
        assert isinstance(last, dict)
        assert (last["total"], last["next"], len(last["materials"])) == (count, None, 7)
        assert served.ask("/?page=x").status == 400


def test_the_pages_of_a_search_are_the_cli_search_in_turn(tmp_path: Path) -> None:
    """The first pages (kept together) and those after them (read on their own) are the CLI's
    search, page by page, in each order the site offers."""
    from talenthub_cli.web.app import KEPT_PAGES, PER_PAGE

    count = PER_PAGE * (KEPT_PAGES + 1) + 7
    bodies = [
        f'id = "m{n:03d}"\ntitle = "Note {n}{repeated}"\ntype = "document"\n'
        f'date = "{2000 + n % 11}"'
        for n in range(count)
        for repeated in [" note" * (n % 3)]  # three scores, each shared by many: ties
    ]
    catalogue = write_catalogue(tmp_path / "many.toml", bodies)
    for url in start(catalogue, tmp_path / "cache"):
        served = Served(url, catalogue)
        for sort, options in (("relevance", []), ("date", ["--sort", "date"])):
            pages = [served.ask(f"/?q=note&sort={sort}&page={n}") for n in range(1, KEPT_PAGES + 3)]
            assert [len(page.materials) for page in pages] == [PER_PAGE] * (KEPT_PAGES + 1) + [7]
            shown = [key for page in pages for key in page.materials]
            cli = run("--catalogue", str(catalogue), "search", "--columns", "id", *options, "note")
            assert shown == cli.stdout.split(), sort


def test_links_lead_to_the_page_of_each_record(served: Served) -> None:
    home = served.ask("/")
    hrefs = [a["href"] or "" for a in home.page.all("a")]
    assert "/materials/guidebook" in hrefs
    guidebook = served.ask("/materials/guidebook")
    assert guidebook.status == 200
    assert "Guidebook" in guidebook.page.text
    organisation = next(
        h
        for h in (a["href"] or "" for a in guidebook.page.all("a"))
        if h.startswith("/organisations/")
    )
    assert organisation == "/organisations/iom-germany"
    page = served.ask(organisation)
    assert page.status == 200 and "guidebook" in page.materials
    assert page.materials == listed("--org", "iom-germany")
    contact = served.ask("/contacts/rand-al-ani")
    assert contact.materials == listed("--contact", "rand-al-ani")
    assert "mailto:ralani@iom.int" in [a["href"] for a in contact.page.all("a")]
    event = served.ask("/events/project-end")
    assert event.status == 200
    assert "/materials/concept-note-coordination-mechanism" in [
        a["href"] for a in event.page.all("a")
    ]
    for listing in ("/contacts", "/organisations", "/events"):
        assert served.ask(listing).status == 200


def test_json_at_the_same_address(served: Served) -> None:
    expected = json.loads(run("search", "nomad", "--format", "json").stdout)
    searched = served.ask("/index.json?q=nomad").json()
    assert isinstance(searched, dict)
    assert searched["materials"] == expected
    assert searched["reading"] == ["word 'nomad' (or a word it begins)"]
    by_accept = served.ask("/?q=nomad", headers={"Accept": "application/json"}).json()
    assert by_accept == searched
    one = served.ask("/materials/guidebook.json").json()
    listed_json = json.loads(run("list", "--format", "json").stdout)
    assert one == {**next(m for m in listed_json if m["id"] == "guidebook"), "events": []}
    survey = served.ask("/materials/remote-work-digital-nomad-survey.json").json()
    assert isinstance(survey, dict) and survey["title"] == "Remote Work & Digital Nomad Survey"
    for kind in ("contacts", "organisations"):
        assert served.ask(f"/{kind}.json").json() == json.loads(
            run(kind, "--format", "json").stdout
        )


def test_unknown_addresses_are_pages_that_say_so(served: Served) -> None:
    for path in (
        "/materials/nope",
        "/nope",
        "/contacts/nope",
        "/../etc/passwd",
        "/materials/%2e%2e%2fx",
    ):
        answer = served.ask(path)
        assert answer.status == 404, path
        assert answer.headers["content-type"].startswith("text/html")
        assert "Traceback" not in answer.body
        assert answer.page.all("h1")
    assert served.ask("/materials/nope.json").json() == {
        "error": "There is no material 'nope'.",
        "status": 404,
    }


def test_a_query_that_cannot_be_read_is_a_page_with_the_reason(served: Served) -> None:
    answer = served.ask("/?q=" + quote("(nomad"))
    assert answer.status == 400
    assert run("search", "(nomad").stderr.removeprefix("talenthub: ").strip() in answer.page.text
    assert served.ask("/?organisation=nobody").status == 400
    assert served.ask("/?during=09/11/2023").status == 400


def test_only_get_and_head_are_answered(served: Served) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        for path in ("/", "/materials/guidebook", "/index.json"):
            answer = served.ask(path, method)
            assert answer.status == 405, (method, path)
            assert answer.headers["allow"] == "GET, HEAD"
    head = served.ask("/materials/guidebook", "HEAD")
    assert (head.status, head.body) == (200, "")


def test_a_page_asked_for_by_another_name_than_loopback_is_refused(served: Served) -> None:
    """DNS rebinding: a page elsewhere whose name now points at 127.0.0.1 reads nothing."""
    port = urlsplit(served.url).port
    for host in ("evil.example", f"evil.example:{port}", "192.168.1.9", "127.0.0.1.evil.example"):
        for path in ("/", "/index.json", "/materials/guidebook", "/nope"):
            answer = served.ask(path, headers={"Host": host})
            assert answer.status == 421, (host, path)
            assert "Talent Hub" not in answer.body and "guidebook" not in answer.body
    refused = served.ask("/", headers={"Host": "evil.example"})
    assert "served to this machine alone" in refused.body
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        assert served.ask("/materials/guidebook", headers={"Host": host}).status == 200, host


def test_a_shared_server_answers_the_host_names_it_is_given(
    tmp_path: Path, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TALENTHUB_SERVE_HOSTS", "catalogue.example.org, Other.example")
    for url in start(bundled, tmp_path / "cache"):
        shared = Served(url, bundled)
        for host in ("catalogue.example.org", "other.example:8000", "localhost"):
            assert shared.ask("/", headers={"Host": host}).status == 200, host
        assert shared.ask("/", headers={"Host": "evil.example"}).status == 421


def test_every_page_has_the_policy_and_no_framing(served: Served) -> None:
    answer = served.ask("/")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_changed_catalogue_shows_on_the_next_page(served: Served) -> None:
    assert served.ask("/materials/fresh").status == 404
    assert served.ask("/?q=freshly").materials == []  # a search whose results are then kept
    text = served.catalogue.read_text(encoding="utf-8")
    text += '\n[[materials]]\nid = "fresh"\ntitle = "Freshly added"\ntype = "brief"\n'
    served.catalogue.write_text(text, encoding="utf-8")
    assert served.ask("/materials/fresh").status == 200
    assert "fresh" in served.ask("/?q=freshly").materials
    # A material's item, kept once shown, is made anew when the material or a contact it
    # names changes.
    text = text.replace('type = "brief"\n', 'type = "brief"\ncontacts = ["rand-al-ani"]\n')
    served.catalogue.write_text(text, encoding="utf-8")
    assert "Rand Al-Ani" in served.ask("/?q=freshly").page.text
    text = text.replace("Freshly added", "Freshly renamed").replace("Rand Al-Ani", "Rand Al-Anī")
    served.catalogue.write_text(text, encoding="utf-8")
    shown = served.ask("/?q=freshly").page.text
    assert "Freshly renamed" in shown and "Rand Al-Anī" in shown and "Rand Al-Ani" not in shown
    served.catalogue.write_text(text + "\n[[materials]]\nid = 'broken'\n", encoding="utf-8")
    broken = served.ask("/")
    assert broken.status == 503
    assert "catalogue.toml:" in broken.page.text and "Traceback" not in broken.body


def _serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    environment = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "talenthub_cli", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line


def test_serve_listens_on_loopback_and_says_where(tmp_path: Path) -> None:
    process, line = _serve(tmp_path)
    try:
        assert line.startswith("Serving the bundled Talent Hub EU catalogue at http://127.0.0.1:")
        url = line.split(" at ")[1].split()[0]
        answer = Served(url.rstrip("/"), tmp_path).ask("/?q=nomad")
        assert answer.materials == found("nomad")
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=20)
    assert "warning" not in errors and "Traceback" not in errors


def test_serve_on_another_host_only_when_asked_and_with_a_warning(tmp_path: Path) -> None:
    process, line = _serve(tmp_path, "--host", "0.0.0.0")
    try:
        assert line.startswith("Serving the bundled Talent Hub EU catalogue at http://0.0.0.0:")
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=20)
    assert errors.startswith("talenthub: warning: listening on 0.0.0.0: the catalogue can be read")


def test_serve_refuses_an_address_it_cannot_listen_on(tmp_path: Path) -> None:
    outcome = run("serve", "--host", "192.0.2.1", "--port", "0")
    assert outcome.code == 2
    assert outcome.stderr.startswith("talenthub: cannot listen on 192.0.2.1:0:")


@pytest.mark.parametrize("command", [["list", "-n", "1"], ["search", "-n", "2", "nomad OR survey"]])
def test_the_other_commands_load_no_web_library(command: list[str]) -> None:
    """Nor numpy: a page of words together in a catalogue too small to keep rankings is scored
    by FTS5 alone."""
    code = (
        "import sys\n"
        "from talenthub_cli.cli.app import main\n"
        f"try:\n    main({command!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('jinja2', 'starlette', 'uvicorn', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    beyond = run("serve", "--port", "70000")
    assert (beyond.code, beyond.stderr) == (
        2,
        "talenthub: --port 70000: a port is a number from 0 to 65535\n",
    )


def test_each_version_of_the_catalogue_has_its_common_words_ranked_in_the_background(
    tmp_path: Path,
) -> None:
    """A change of the catalogue drops the rankings of its words: the app ranks the words most
    materials hold again, in a thread of its own, once for each version it serves."""
    import sqlite3
    from contextlib import closing
    from unittest import mock

    from talenthub_cli.storage import index as index_module
    from talenthub_cli.web.app import Catalogue

    bodies = [
        f'id = "m{n}"\ntitle = "Nomad{" housing" * (n % 2)}"\ntype = "brief"' for n in range(6)
    ]
    catalogue = write_catalogue(tmp_path / "c.toml", bodies)
    location = index_module.index_file(tmp_path / "cache", catalogue.resolve())

    def ranked() -> list[str]:
        with closing(sqlite3.connect(location)) as connection:
            names = connection.execute("SELECT name FROM parts WHERE name LIKE 'ranked%'")
            return [bytes.fromhex(name[len("ranked_") :]).decode() for (name,) in names]

    with mock.patch.object(index_module, "RANKED_FROM", 3):
        served = Catalogue(catalogue, tmp_path / "cache")
        served.current()
        first = served.ranking
        assert first is not None
        first.join(30)
        assert ranked() == ['"brief"*', '"nomad"*', '"housing"*']
        served.current()
        assert served.ranking is first  # the same version: ranked once
        write_catalogue(catalogue, [*bodies, 'id = "m6"\ntitle = "Survey"\ntype = "brief"'])
        served.current()  # the index built anew for the new version, without rankings
        assert served.ranking is not None and served.ranking is not first
        served.ranking.join(30)
        assert ranked() == ['"brief"*', '"nomad"*', '"housing"*']


def test_an_index_held_in_memory_has_no_words_ranked_in_the_background(tmp_path: Path) -> None:
    """Where the cache cannot be written, the index is built in memory by each thread: the app
    does not build another only to find that no ranking can be kept in it."""
    from unittest import mock

    from talenthub_cli.storage import index as index_module
    from talenthub_cli.web.app import Catalogue

    catalogue = write_catalogue(tmp_path / "c.toml", ['id = "m0"\ntitle = "Nomad"\ntype = "brief"'])
    with mock.patch.object(index_module.CatalogueIndex, "kept", False):
        served = Catalogue(catalogue, tmp_path / "cache")
        assert served.current().project.id
        assert served.ranking is None
    served = Catalogue(catalogue, tmp_path / "cache")
    served.current()
    assert served.ranking is not None  # kept in its file: ranked
    served.ranking.join(30)
