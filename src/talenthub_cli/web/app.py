"""`talenthub serve`: the catalogue as a read-only web site, an ASGI app (Starlette).

Every page is the html export's templates, and every page's JSON is at the same URL with `.json`
(or `Accept: application/json`). Searches, filters and paging are the index's: the query
language of `search`, with its reading shown as `--explain` shows it. The app answers GET and
HEAD only, reads nothing but the catalogue it was given, and checks on each request whether the
file changed (the index's stamp), so an edit shows on the next page.

`create_app` is what a production server runs (`uvicorn --factory`, see the README); `serve`
runs it under uvicorn.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from talenthub_cli import __version__
from talenthub_cli.core.errors import CatalogueError, TalenthubError, UsageError
from talenthub_cli.core.query import FACETS, ListQuery, MaterialFilter
from talenthub_cli.core.vocabulary import SortKey
from talenthub_cli.web import page

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping
    from pathlib import Path

    from markupsafe import Markup
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from talenthub_cli.core.model import Contact, Event, Material, Organisation, Project
    from talenthub_cli.core.search import Results
    from talenthub_cli.storage.index import CatalogueIndex, Stamp

PER_PAGE = 20
# A search's first pages are kept for the latest searches of a catalogue's version: paging
# through the results, or a search asked again, reads them from memory. Beyond these pages a
# page is read on its own (a skip in SQL).
KEPT_PAGES = 3
KEPT_SEARCHES = 128
LOOPBACK_NAMES = frozenset({"localhost", "localhost."})
DATE_PARAMETERS = ("since", "until", "during")
SORTS = ("relevance", "date", "title", "type")


class Links(page.Links):
    """Where the site links each record: a page of its own."""

    def material(self, key: str) -> str:
        return "/materials/" + _quote(key)

    def contact(self, key: str) -> str:
        return "/contacts/" + _quote(key)

    def organisation(self, key: str) -> str:
        return "/organisations/" + _quote(key)

    def event(self, key: str) -> str:
        return "/events/" + _quote(key)


def _quote(key: str) -> str:
    from urllib.parse import quote

    return quote(key, safe="")


LINKS = Links()


@dataclass(frozen=True, slots=True)
class Loaded:
    """One version of the catalogue, as the pages need it."""

    stamp: Stamp
    index: CatalogueIndex
    project: Project
    contacts: Mapping[str, Contact]
    organisations: Mapping[str, Organisation]
    events: list[Event]


class Catalogue:
    """The catalogue a server shows: its index, opened again when the file has changed. SQLite
    connections stay in the thread that made them, so each thread keeps its own."""

    def __init__(self, path: Path, cache: Path) -> None:
        self.path = path.resolve()
        self.cache = cache
        self._local = threading.local()
        self._kept: OrderedDict[tuple[object, ...], Results] = OrderedDict()
        self._keeping = threading.Lock()
        # The version of the catalogue whose common words were last ranked, and the thread
        # that ranks them (`_rank_common_words`).
        self._ranked_for: Stamp | None = None
        self.ranking: threading.Thread | None = None

    def search(self, key: tuple[object, ...], find: Callable[[], Results]) -> Results:
        """The results `find` gives for `key` (the catalogue's stamp first, then what the
        request asks for), kept for the latest KEPT_SEARCHES keys of the newest stamp."""
        with self._keeping:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        found = find()  # outside the lock: other threads' searches go on meanwhile
        with self._keeping:
            if self._kept and next(reversed(self._kept))[0] != key[0]:
                self._kept.clear()  # the catalogue changed: what was kept is of another version
            self._kept[key] = found
            while len(self._kept) > KEPT_SEARCHES:
                self._kept.popitem(last=False)
        return found

    def current(self) -> Loaded:
        from talenthub_cli.storage.index import Stamp, open_index

        stamp = Stamp.of(self.path)
        loaded: Loaded | None = getattr(self._local, "loaded", None)
        if loaded is None or loaded.stamp != stamp:
            index = open_index(self.path, self.cache)
            loaded = Loaded(
                stamp,
                index,
                index.project(),
                index.contacts_by_id(),
                index.organisations_by_id(),
                index.events(),
            )
            self._local.loaded = loaded
            if index.kept:  # else none can be kept: not an index built again for nothing
                self._rank_common_words(stamp)
        return loaded

    def _rank_common_words(self, stamp: Stamp) -> None:
        """Rank the words that most materials hold for the version `stamp` of the catalogue, in
        a thread of its own, once: a change of the catalogue drops the rankings (`serve` made
        the first version's before it answered), and pages meanwhile score their words."""
        from talenthub_cli.storage.index import open_index

        with self._keeping:
            if self._ranked_for == stamp:
                return
            self._ranked_for = stamp

        def rank() -> None:
            import sqlite3

            # Another change meanwhile, or a catalogue that cannot be read: the pages say so.
            with contextlib.suppress(TalenthubError, sqlite3.Error, OSError):
                open_index(self.path, self.cache).rank_common_words()

        self.ranking = threading.Thread(target=rank, name="ranking", daemon=True)
        self.ranking.start()


class Problem(Exception):
    """A request that has no page: its status and what to tell the reader."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message


def _wants_json(request: Request, key: str | None = None) -> tuple[bool, str | None]:
    """Whether JSON was asked for (`.json` on the path, or Accept), and the key without `.json`."""
    if key is not None and key.endswith(".json"):
        return True, key[: -len(".json")]
    if request.url.path.endswith(".json"):
        return True, key
    accept = request.headers.get("accept", "")
    wanted = [part.split(";")[0].strip() for part in accept.split(",")]
    return bool(wanted) and wanted[0] == "application/json", key


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": page.content_security_policy(form_action="'self'")
        + "; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


def _json(value: object, status: int = 200) -> Response:
    from starlette.responses import Response

    body = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return Response(body, status, _headers(), media_type="application/json")


def _html(template: str, loaded: Loaded | None, status: int = 200, **values: Any) -> Response:
    from starlette.responses import HTMLResponse

    project = None if loaded is None else page.project_view(loaded.project, loaded.organisations)
    text = page.render(
        template,
        csp=page.content_security_policy(form_action="'self'"),
        version=__version__,
        project=project,
        links=LINKS,
        serving=True,
        **values,
    )
    return HTMLResponse(text, status, _headers())


def _view(loaded: Loaded, material: Material) -> page.MaterialView:
    return page.material_view(material, loaded.contacts, loaded.organisations, searchable=False)


class Items:
    """Each material as an item of a list of materials, in HTML, made once for a version of
    the catalogue (its stamp) and kept, the most recently shown `size` of them: a material
    that another search or page shows again is not made again. An item is a function of the
    material, the contacts and organisations it names and the links of the site: all of them
    the same while the stamp is."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[Stamp, str], Markup] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, loaded: Loaded, materials: list[Material]) -> list[Markup]:
        items = []
        for material in materials:
            key = (loaded.stamp, material.id)
            with self._lock:
                item = self._kept.get(key)
                if item is not None:
                    self._kept.move_to_end(key)
            if item is None:
                m = _view(loaded, material)
                item = page.fragment("_material.html", m=m, links=LINKS, serving=True)
                with self._lock:
                    self._kept[key] = item
                    if len(self._kept) > self.size:
                        self._kept.popitem(last=False)
            items.append(item)
        return items


_views = Items(4096)  # about 6 MB of HTML at most


def _record(material: Material) -> dict[str, Any]:
    from talenthub_cli.core.records import material_record

    return material_record(material)


def _read_filter(request: Request) -> MaterialFilter:
    from talenthub_cli.cli.options import option_date

    values = {
        facet.name: tuple(v for v in request.query_params.getlist(facet.name) if v.strip())
        for facet in FACETS
    }
    dates: dict[str, Any] = {}
    for name in DATE_PARAMETERS:
        text = request.query_params.get(name, "").strip()
        if text:  # as the options of the same names read it: a date, or a range `a..b`
            dates[name] = option_date(name, text)
    return MaterialFilter({k: v for k, v in values.items() if v}, **dates)


def _page_number(request: Request) -> int:
    text = request.query_params.get("page", "1")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 10**6:
        raise Problem(400, "No such page", f"page={text!r}: give a page number, 1 or more")
    return int(text)


def _url(request: Request, **changed: Any) -> str:
    """This listing's address with some parameters changed (None: left out)."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k not in changed]
    pairs.extend((k, str(v)) for k, v in changed.items() if v is not None)
    query = urlencode([(k, v) for k, v in pairs if v != ""])
    return request.url.path + (f"?{query}" if query else "")


def materials(catalogue: Catalogue) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        from talenthub_cli.core.dates import parse
        from talenthub_cli.core.frozen import replace
        from talenthub_cli.core.search import describe
        from talenthub_cli.core.search import search as run_search

        wants_json, _ = _wants_json(request)
        loaded = catalogue.current()
        index = loaded.index
        text = request.query_params.get("q", "").strip()
        sort = request.query_params.get("sort", "relevance" if text else "date")
        number = _page_number(request)
        error = reading = suggestion = None
        found: list[Material] = []
        more = False
        try:
            if sort not in SORTS:
                raise UsageError(f"sort={sort!r}: sort by {', '.join(SORTS)}")
            chosen = _read_filter(request)
            order = SortKey.DATE if sort == "relevance" else SortKey(sort)
            reverse = request.query_params.get("reverse", "") not in ("", "0", "no")
            skip = (number - 1) * PER_PAGE  # the pages before are not read
            # One more than the page holds says whether there is a next page, without counting
            # every match, which on a large catalogue costs as much as the search itself.
            paged = ListQuery(chosen, order, reverse, PER_PAGE + 1)
            if text:
                by_relevance = sort == "relevance"
                if number <= KEPT_PAGES:  # the first pages, kept together
                    first = replace(paged, limit=KEPT_PAGES * PER_PAGE + 1)
                    asked = tuple(sorted(p for p in request.query_params.multi_items()
                                         if p[0] != "page"))  # fmt: skip
                    results = catalogue.search(
                        (loaded.stamp, asked),
                        lambda: run_search(text, index, first, by_relevance, parse),
                    )
                    hits = results.hits[skip : skip + PER_PAGE + 1]
                else:
                    results = run_search(text, index, paged, by_relevance, parse, skip)
                    hits = results.hits
                found = [hit.material for hit in hits]
                reading = [line.rstrip() for line in describe(results.tree)]
                suggestion = results.suggestion.strip() or None
            else:
                found = index.select(paged, skip)
            more = len(found) > PER_PAGE
            found = found[:PER_PAGE]
        except TalenthubError as problem:  # a query or a filter that cannot be read
            error = str(problem)
        total = None if more else (number - 1) * PER_PAGE + len(found)
        following = _url(request, page=number + 1) if more else None
        previous = _url(request, page=number - 1 if number > 2 else None) if number > 1 else None
        status = 400 if error else 200
        if wants_json:
            return _json(
                {
                    "query": text,
                    "reading": reading,
                    "error": error,
                    "suggestion": suggestion,
                    "total": total,  # null: more than this page and those before it
                    "page": number,
                    "next": following,
                    "previous": previous,
                    "materials": [_record(m) for m in found],
                },
                status,
            )
        form = {key: request.query_params.get(key, "") for key in ("q", "sort", *DATE_PARAMETERS)}
        for facet in FACETS:
            form[facet.name] = request.query_params.get(facet.name, "")
        return _html(
            "listing.html",
            loaded,
            status,
            materials=_views(loaded, found),
            total=total,
            number=number,
            following=following,
            previous=previous,
            error=error,
            reading=reading,
            suggestion=suggestion,
            form=form,
            choices=CHOICES,
            json_url=_json_url(request),
            first=(number - 1) * PER_PAGE + 1,
        )

    return endpoint


def _json_url(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/index"
    query = request.url.query
    return path + ".json" + (f"?{query}" if query else "")


# The filters whose values are a vocabulary, as the search form offers them.
CHOICES = {facet.name: list(facet.choices) for facet in FACETS if facet.choices}


def _naming(loaded: Loaded, facet: str, key: str) -> tuple[list[Material], int]:
    chosen = MaterialFilter({facet: (key,)})
    found = loaded.index.select(ListQuery(chosen, limit=PER_PAGE))
    total = len(found) if len(found) < PER_PAGE else loaded.index.count(chosen)
    return found, total


def material(catalogue: Catalogue) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        wants_json, key = _wants_json(request, request.path_params["key"])
        loaded = catalogue.current()
        assert key is not None
        found = loaded.index.materials_by_id([key]).get(key)
        if found is None:
            raise Problem(404, "No such material", f"There is no material {key!r}.")
        events = [event for event in loaded.events if key in event.materials]
        linked = loaded.index.materials_by_id(found.parts + found.related)
        if wants_json:
            return _json({**_record(found), "events": [event.id for event in events]})
        return _html(
            "material.html",
            loaded,
            m=_view(loaded, found),
            events=[page.event_view(event) for event in events],
            titles={k: m.title for k, m in linked.items()},
            json_url=request.url.path + ".json",
        )

    return endpoint


def _listing_of(kind: str) -> Callable[[Catalogue], Callable[[Request], Response]]:
    def make(catalogue: Catalogue) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            from talenthub_cli.core.records import to_record

            wants_json, _ = _wants_json(request)
            loaded = catalogue.current()
            records: list[Any]
            if kind == "contacts":
                records = list(loaded.contacts.values())
            elif kind == "organisations":
                records = list(loaded.organisations.values())
            else:
                records = list[Any](loaded.events)
            if wants_json:
                return _json([to_record(record) for record in records])
            values: dict[str, Any] = {"contacts": [], "organisations": [], "events": []}
            if kind == "contacts":
                values["contacts"] = [page.contact_view(c, loaded.organisations) for c in records]
            elif kind == "organisations":
                values["organisations"] = [
                    page.organisation_view(o, loaded.organisations) for o in records
                ]
            else:
                values["events"] = [page.event_view(e) for e in records]
                keys = {key for event in records for key in event.materials}
                found = loaded.index.materials_by_id(keys)
                values["titles"] = {key: m.title for key, m in found.items()}
                values["chart"] = page.timeline(
                    ("event", e.id, e.date, e.title, LINKS.event(e.id)) for e in records
                )
            return _html(
                "records.html", loaded, kind=kind, json_url=request.url.path + ".json", **values
            )

        return endpoint

    return make


def record(kind: str) -> Callable[[Catalogue], Callable[[Request], Response]]:
    """The page of one contact, organisation or event: the record, and the materials that name
    it (for an organisation, it or one of its parts)."""

    def make(catalogue: Catalogue) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            from talenthub_cli.core.records import to_record

            wants_json, key = _wants_json(request, request.path_params["key"])
            assert key is not None
            loaded = catalogue.current()
            values: dict[str, Any] = {"contacts": [], "organisations": [], "events": []}
            found: Any
            if kind == "contact":
                found = loaded.contacts.get(key)
                if found is not None:
                    values["contacts"] = [page.contact_view(found, loaded.organisations)]
            elif kind == "organisation":
                found = loaded.organisations.get(key)
                if found is not None:
                    values["organisations"] = [page.organisation_view(found, loaded.organisations)]
                    values["contacts"] = [
                        page.contact_view(c, loaded.organisations)
                        for c in loaded.contacts.values()
                        if c.organisation == key
                    ]
            else:
                found = next((e for e in loaded.events if e.id == key), None)
                if found is not None:
                    values["events"] = [page.event_view(found)]
            if found is None:
                raise Problem(404, f"No such {kind}", f"There is no {kind} {key!r}.")
            if kind == "event":
                named = list(loaded.index.materials_by_id(found.materials).values())
                total = len(named)
            else:
                named, total = _naming(loaded, kind, key)
            if wants_json:
                return _json(
                    {**to_record(found), "materials": [m.id for m in named], "total": total}
                )
            title = getattr(found, "title", None) or found.name
            more = None
            if kind != "event" and total > len(named):
                more = f"/?{urlencode({kind: key})}"
            values["titles"] = {m.id: m.title for m in named}
            return _html(
                "record.html",
                loaded,
                kind=kind,
                title=title,
                materials=_views(loaded, named),
                total=total,
                more=more,
                json_url=request.url.path + ".json",
                **values,
            )

        return endpoint

    return make


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, IPv6 with or without brackets) is this machine's
    loopback: 127.0.0.1 and the rest of 127/8, ::1, localhost."""
    import ipaddress

    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_of(header: str) -> str:
    """The host of a Host header, without its port: `[::1]:8000` → `::1`."""
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


HOSTS_VARIABLE = "TALENTHUB_SERVE_HOSTS"


def create_app(
    catalogue_path: Path | None = None, cache: Path | None = None, *, any_host: bool = False
) -> Starlette:
    """The app, for the catalogue at `catalogue_path` (by default the one that talenthub would
    use: TALENTHUB_CATALOGUE, the config file, the user's own, the bundled one), its index kept
    in `cache` (by default the user's cache folder).

    Unless `any_host` (a server put on the network on purpose), a request must name this
    machine's loopback as its Host: a web page elsewhere whose name was pointed at 127.0.0.1
    (DNS rebinding) gets a refusal, not the catalogue. A production server sharing it names
    the host names it is reached by in TALENTHUB_SERVE_HOSTS (comma-separated; `*` for any)."""
    import os

    from starlette.applications import Starlette
    from starlette.routing import Route

    if catalogue_path is None or cache is None:
        from talenthub_cli.storage.paths import UserDirs
        from talenthub_cli.storage.resolve import resolve_catalogue

        dirs = UserDirs.from_platform()
        catalogue_path = catalogue_path or resolve_catalogue(None, os.environ, dirs).path
        cache = cache or dirs.cache
    catalogue = Catalogue(catalogue_path, cache)
    with contextlib.suppress(ImportError):
        # Imported now, not by the first page of words together (`CatalogueIndex._combined`),
        # which would wait a tenth of a second for it.
        import numpy  # noqa: F401
    named = {h.strip().lower() for h in os.environ.get(HOSTS_VARIABLE, "").split(",") if h.strip()}
    any_host = any_host or "*" in named

    def route(path: str, make: Callable[[Catalogue], Callable[[Request], Response]]) -> Route:
        return Route(path, make(catalogue), methods=["GET"])  # HEAD comes with GET

    routes = [
        route("/", materials),
        route("/index.json", materials),
        route("/materials", materials),
        route("/materials.json", materials),
        route("/materials/{key}", material),
        route("/contacts", _listing_of("contacts")),
        route("/contacts.json", _listing_of("contacts")),
        route("/contacts/{key}", record("contact")),
        route("/organisations", _listing_of("organisations")),
        route("/organisations.json", _listing_of("organisations")),
        route("/organisations/{key}", record("organisation")),
        route("/events", _listing_of("events")),
        route("/events.json", _listing_of("events")),
        route("/events/{key}", record("event")),
    ]

    def loaded_or_none() -> Loaded | None:
        try:
            return catalogue.current()
        except TalenthubError:
            return None

    def problem(request: Request, status: int, title: str, message: str) -> Response:
        wants_json, _ = _wants_json(request)
        if wants_json:
            response = _json({"error": message, "status": status}, status)
        else:
            loaded = None if status in (421, 503) else loaded_or_none()
            response = _html("error.html", loaded, status, title=title, message=message)
        if status == 405:
            response.headers["Allow"] = "GET, HEAD"
        return response

    async def on_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        return problem(request, error.status, error.title, error.message)

    async def on_http(request: Request, error: Exception) -> Response:
        from starlette.exceptions import HTTPException

        assert isinstance(error, HTTPException)
        if error.status_code == 404:
            return problem(request, 404, "Not found", f"There is no page {request.url.path!r}.")
        if error.status_code == 405:
            return problem(
                request, 405, "Read only", "This catalogue is read-only: it answers GET and HEAD."
            )
        return problem(request, error.status_code, "Not answered", str(error.detail))

    async def on_catalogue(request: Request, error: Exception) -> Response:
        title = "The catalogue cannot be read" if isinstance(error, CatalogueError) else "Error"
        return problem(request, 503, title, str(error))

    async def on_anything(request: Request, error: Exception) -> Response:
        return problem(request, 500, "Something went wrong", "The page could not be made.")

    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware

    return Starlette(
        routes=routes,
        exception_handlers={
            Problem: on_problem,
            HTTPException: on_http,
            TalenthubError: on_catalogue,
            Exception: on_anything,
        },
        middleware=[] if any_host else [Middleware(_HostsOnly, named=named, refuse=problem)],
    )


class _HostsOnly:
    """ASGI middleware: a request whose Host is neither this machine's loopback nor one of the
    `named` is answered 421 (Misdirected Request) with an error page, and never reaches the
    catalogue."""

    def __init__(
        self,
        app: Any,
        named: Collection[str],
        refuse: Callable[[Request, int, str, str], Response],
    ) -> None:
        self.app = app
        self.named = named
        self.refuse = refuse

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            host = host_of(header).lower()
            if not is_loopback(host) and host not in self.named:
                from starlette.requests import Request

                response = self.refuse(
                    Request(scope),
                    421,
                    "Not this address",
                    "This catalogue is served to this machine alone: open it at "
                    "http://127.0.0.1 or http://localhost with its port.",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
