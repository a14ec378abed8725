"""The html export read back by the standard library's HTML parser: every material in order,
every value as written, links only to http, https and mailto, and a Content-Security-Policy whose
hashes are those of the page's one script and one stylesheet. (The page in a browser:
tests/web/.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from talenthub_cli.core.model import Catalogue, Contact, Material, MaterialType, Project
from talenthub_cli.export.formats import Format, format_for
from talenthub_cli.web.page import link, script_json
from tests.conftest import run
from tests.export.helpers import selection_of, written

if TYPE_CHECKING:
    from pathlib import Path


class Page(HTMLParser):
    """What a browser would build of the page, as far as the tests need it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.texts: list[str] = []
        self._open: list[str] = []
        self._raw: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open.append(tag)
            self._raw = []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[-1]:
            self._open.pop()
            body = "".join(self._raw)
            if tag == "script":
                self.scripts.append((self.elements[-1][1], body))
            else:
                self.styles.append(body)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._raw.append(data)
        else:
            self.texts.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]

    @property
    def text(self) -> str:
        return "".join(self.texts)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_export_html_writes_every_material_newest_first_with_its_anchor(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.html"
    outcome = run("export", "-o", str(target))
    assert (outcome.code, outcome.stderr) == (0, f"Wrote 10 materials to {target}.\n")
    page = Page(target.read_text(encoding="utf-8"))
    anchors = [attrs["id"] for attrs in page.all("li") if attrs.get("class") == "material"]
    listed = run("list", "--columns", "id").stdout.split()
    assert anchors == listed  # the list's order: newest first
    assert "guidebook" in anchors
    assert "9–22 Nov 2023" in page.text  # the survey's date, written out
    assert {a["href"] for a in page.all("a")} >= {"#guidebook", "mailto:ralani@iom.int"}


def test_format_html_follows_the_extension_and_the_option() -> None:
    assert format_for("catalogue.html") is Format.HTML
    assert format_for("page.htm") is Format.HTML
    outcome = run("export", "type:survey", "--format", "html")
    assert outcome.code == 0
    page = Page(outcome.stdout)
    assert [a["id"] for a in page.all("li") if a.get("data-type")] == [
        "talent-attraction-retention-survey",
        "remote-work-digital-nomad-survey",
    ]


def test_the_policy_allows_only_the_pages_own_script_and_style() -> None:
    page = Page(run("export", "--format", "html").stdout)
    (policy,) = [
        attrs["content"]
        for attrs in page.all("meta")
        if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    assert rules["default-src"] == "'none'"
    code = [body for attrs, body in page.scripts if "type" not in attrs]
    assert len(code) == 1 and len(page.styles) == 1
    assert rules["script-src"] == _sha256(code[0])
    assert rules["style-src"] == _sha256(page.styles[0])
    assert "unsafe-inline" not in policy
    # Nothing to fetch: no src, no stylesheet link, no URL in the style.
    assert not [attrs for _, attrs in page.elements if "src" in attrs]
    assert not page.all("link")
    assert "url(" not in page.styles[0]


HOSTILE = st.sampled_from(
    [
        "<script>window.__pwned=1</script>",
        '"><img src=x onerror="window.__pwned=1">',
        "javascript:window.__pwned=1",
        "</script><script>window.__pwned=1</script>",
        "a\u2028b\u2029c",
        "' onmouseover='window.__pwned=1",
        "{{ 7*7 }}",
        "&amp; &lt;",
    ]
)


# Web addresses that a catalogue's check lets through, with hostile text in them.
HOSTILE_URLS = st.sampled_from(
    [
        'https://example.org/"><img/src=x/onerror=window.__pwned=1>',
        "https://example.org/?a=</script><script>window.__pwned=1</script>",
        "https://example.org/#'onmouseover='window.__pwned=1",
    ]
)


@st.composite
def hostile_catalogues(draw: st.DrawFn, *, checked: bool = False) -> Catalogue:
    """A catalogue with hostile text in every field. `checked`: one that passes the
    catalogue's check (no control characters, web addresses from https://, real emails)."""
    # No lone surrogate even unchecked: a catalogue is read from UTF-8, which cannot hold one.
    plain = st.characters(blacklist_categories=("Cc", "Cs") if checked else ["Cs"])
    text = st.one_of(HOSTILE, st.text(plain, min_size=1, max_size=10).filter(str.strip))
    urls = (
        HOSTILE_URLS
        if checked
        else st.one_of(HOSTILE, st.sampled_from(["javascript:alert(1)", " JavaScript:x", "data:x"]))
    )
    emails = ["a@b.org"] if checked else ["a@b.org", "x\"@y'<z>"]
    contact = Contact("c", draw(text), email=draw(st.sampled_from(emails)))
    material = Material(
        "m",
        draw(text),
        MaterialType.BRIEF,
        summary=draw(text),
        topics=(draw(text),),
        contacts=("c",),
        url=draw(urls),
        notes=draw(text),
    )
    return Catalogue(1, Project("p", draw(text), summary=draw(text)), (), (contact,), (material,))


@settings(max_examples=60, deadline=None)
@given(hostile_catalogues())
def test_hostile_text_is_text_and_no_link_leaves_http_https_mailto(catalogue: Catalogue) -> None:
    page = Page(written(Format.HTML, selection_of(catalogue)))
    material = catalogue.materials[0]
    visible = re.sub(r"\s+", " ", page.text)
    for value in (material.title, catalogue.contacts[0].name):
        assert re.sub(r"\s+", " ", value).strip() in visible
    assert [attrs for attrs, _ in page.scripts if "type" not in attrs].__len__() == 1
    for _, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")]
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"(#|https?:|mailto:)", href, re.IGNORECASE), href


def test_only_http_https_and_mailto_become_links() -> None:
    assert link("https://example.org/a") == "https://example.org/a"
    assert link("mailto:a@b.org") == "mailto:a@b.org"
    for url in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x",
                "java\tscript:x", "/relative", "file:///etc/passwd", ""):  # fmt: skip
        assert link(url) is None, url


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_script_json_reads_back_and_cannot_end_its_element(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert "<" not in text and ">" not in text and "\u2028" not in text and "\u2029" not in text


def test_a_query_chooses_what_goes_in() -> None:
    page = Page(run("export", "nomad", "--format", "html").stdout)
    assert [a["id"] for a in page.all("li") if a.get("data-type")] == [
        "digital-nomads-remote-work",
        "remote-work-digital-nomad-survey",
    ]
