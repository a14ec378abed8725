"""The exported page in Chromium: search and filters as the CLI would choose, links, the state
in the address, print, dark mode, no JavaScript, accessibility (axe-core) and hostile text."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenthub_cli.core.search import words
from talenthub_cli.export.formats import Format
from tests.conftest import run
from tests.export.helpers import selection_of, written
from tests.export.test_html import hostile_catalogues

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from talenthub_cli.core.model import Catalogue

AXE = Path(__file__).parent / "fixtures" / "axe.min.js"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled catalogue as a page, by its file: URL."""
    target = tmp_path_factory.mktemp("html") / "catalogue.html"
    target.write_text(run("export", "--format", "html").stdout, encoding="utf-8")
    return target.as_uri()


def visible(page: Page) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        "li.material", "items => items.filter(item => !item.hidden).map(item => item.id)"
    )
    return found


def ids(*args: str) -> list[str]:
    """What `talenthub list ARGS` lists: the page must show the same, in the same order."""
    return run("list", "--columns", "id", *args).stdout.split()


def found(typed: str) -> list[str]:
    """What `talenthub search TYPED` finds, in the page's order (the list's)."""
    hits = set(run("search", "--columns", "id", "--", typed).stdout.split())
    return [key for key in ids() if key in hits]


def test_typing_keeps_exactly_the_materials_whose_words_start_so(page: Page, exported: str) -> None:
    page.goto(exported)
    assert len(visible(page)) == 10
    for typed in ("nomad", "NÓMAD", "nom remote", "Nomad  "):
        page.fill("#find-q", typed)
        assert visible(page) == ["digital-nomads-remote-work", "remote-work-digital-nomad-survey"]
    for typed in ("digital nomads", "guid", "survey", "iom", "københavn", "retention talent"):
        page.fill("#find-q", typed)
        assert visible(page) == found(typed), typed
    page.fill("#find-q", "zzzz")
    assert visible(page) == []
    assert page.is_visible("#none-found")
    assert page.text_content("#find-count") == "0 of 10 materials"


@pytest.mark.parametrize(
    ("facet", "value", "option"),
    [
        ("type", "survey", ["--type", "survey"]),
        ("year", "2023", ["--during", "2023"]),
        ("organisation", "iom", ["--org", "iom"]),  # with its parts: every material
        ("organisation", "iom-germany", ["--org", "iom-germany"]),
        ("organisation", "iom-denmark", ["--org", "iom-denmark"]),
        ("contact", "rand-al-ani", ["--contact", "rand-al-ani"]),
        ("availability", "published", ["--availability", "published"]),
    ],
)
def test_each_filter_shows_what_the_cli_lists(
    page: Page, exported: str, facet: str, value: str, option: list[str]
) -> None:
    page.goto(exported)
    page.select_option(f"#find-{facet}", value)
    expected = ids(*option)
    assert expected
    assert visible(page) == expected
    shown = f"{len(expected)} of 10 materials" if len(expected) < 10 else "10 materials"
    assert page.text_content("#find-count") == shown


def test_the_address_keeps_the_view_and_gives_it_back(page: Page, exported: str) -> None:
    page.goto(exported)
    page.fill("#find-q", "remote work")
    page.select_option("#find-type", "survey")
    # The page changes its address with history.replaceState; Playwright learns of it by an
    # event that may come after the call returns, so wait for it rather than read it once.
    page.wait_for_url(exported + "#q=remote%20work&type=survey")
    shown = visible(page)
    assert shown == ["remote-work-digital-nomad-survey"]
    other = page.context.new_page()
    other.goto(page.url)
    assert other.input_value("#find-q") == "remote work"
    assert other.input_value("#find-type") == "survey"
    assert visible(other) == shown
    other.click("button[type=reset]")
    other.wait_for_function("document.querySelectorAll('li.material:not([hidden])').length == 10")
    other.wait_for_url(exported)


def test_a_link_in_the_page_goes_to_its_record(page: Page, exported: str) -> None:
    page.goto(exported)
    page.click("#all-events a[href='#concept-note-coordination-mechanism']")
    assert page.url.endswith("#concept-note-coordination-mechanism")
    assert page.evaluate("document.querySelector(':target').id") == (
        "concept-note-coordination-mechanism"
    )
    box = page.locator("#concept-note-coordination-mechanism").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.click("#guidebook a[href='#org-iom-germany']")
    assert page.evaluate("document.querySelector(':target').id") == "org-iom-germany"


def test_print_gives_every_material_on_a4(page: Page, exported: str) -> None:
    from pypdf import PdfReader

    page.goto(exported)
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    titles = run("list", "--columns", "title").stdout.splitlines()
    for title in titles:
        assert re.sub(r"\s+", " ", title) in text
    assert "Every type" not in text  # the filters are not printed
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)


def _colour(page: Page, selector: str, prop: str) -> tuple[int, ...]:
    value: str = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
    return tuple(int(part) for part in re.findall(r"\d+", value)[:3])


def test_dark_mode_follows_the_system(page: Page, exported: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(exported)
    assert _colour(page, "body", "backgroundColor") == (255, 255, 255)
    page.emulate_media(color_scheme="dark")
    background = _colour(page, "body", "backgroundColor")
    text = _colour(page, "body", "color")
    assert max(background) < 40 and min(text) > 200


def test_without_javascript_everything_is_listed_and_no_filter_shows(
    browser: Browser, exported: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(exported)
    assert len(visible(page)) == 10
    assert not page.is_visible("#find-form")
    assert page.is_visible("#guidebook")
    context.close()


def _axe(page: Page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # by the browser's debugger: no policy applies
    violations: list[dict[str, object]] = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 390)])
def test_axe_finds_nothing_serious(page: Page, exported: str, scheme: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(exported)
    assert _axe(page) == []
    page.fill("#find-q", "nomad")  # and with a view chosen
    assert _axe(page) == []


def test_the_keyboard_reaches_the_search_with_a_visible_focus(page: Page, exported: str) -> None:
    page.goto(exported)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.is_visible(".skip")
    outline = page.eval_on_selector(".skip", "e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    page.focus("#find-q")
    page.keyboard.type("nomad")
    assert len(visible(page)) == 2


# The words of a text, folded, as the page's script reads them and as the CLI does: the same for
# any text, hostile or not. Unassigned code points are left out: this Python's Unicode tables and
# the browser's may be of different versions.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cn")) | st.sampled_from("ßİıøØæŁłﬁ𝕬ÅÅ\u0301\u2028"),
    max_size=20,
)


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(TEXT, min_size=1, max_size=20))
def test_the_page_folds_words_as_the_cli_does(page: Page, exported: str, texts: list[str]) -> None:
    if page.url != exported:
        page.goto(exported)
    assert page.evaluate("texts => texts.map(window.talenthubWords)", texts) == [
        words(text) for text in texts
    ]


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalogue=st.one_of(hostile_catalogues(checked=True), hostile_catalogues()))
def test_hostile_text_runs_nothing_and_shows_as_typed(
    browser: Browser, tmp_path: Path, catalogue: Catalogue
) -> None:
    """With the policy off (bypass_csp), so that escaping alone must hold."""
    target = tmp_path / "hostile.html"
    target.write_text(written(Format.HTML, selection_of(catalogue)), encoding="utf-8")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(target.as_uri())
    material = catalogue.materials[0]
    page.dispatch_event("li.material h3", "mouseover")
    page.fill("#find-q", material.title[:5])
    assert page.evaluate("window.__pwned") is None
    texts = (material.title, catalogue.project.title, material.summary or "")
    if not any(unicodedata.category(char) == "Cc" for text in texts for char in text):
        # As typed, where a catalogue can hold it (its check refuses control characters, which
        # HTML drops or changes: NUL, CR)
        assert page.text_content("#title-m") == material.title
        assert page.text_content("#about-project-title") == catalogue.project.title
        summary = page.eval_on_selector_all(
            "li.material .summary", "ps => ps.map(p => p.textContent)"
        )
        assert "\n\n".join(summary) == "\n\n".join(
            part.strip() for part in (material.summary or "").split("\n\n") if part.strip()
        )
    hrefs: list[str] = page.eval_on_selector_all("a", "links => links.map(a => a.protocol)")
    assert set(hrefs) <= {"http:", "https:", "mailto:", "file:"}
    context.close()
