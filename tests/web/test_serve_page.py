"""The pages of `serve` in Chromium: the search form, links, accessibility and hostile text."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.export.test_html import hostile_catalogues
from tests.strategies import write_toml
from tests.web.test_export_page import _axe
from tests.web.test_serve import Served, found, served, start

__all__ = ["served"]  # the fixture, from the end-to-end tests

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

    from talenthub_cli.core.model import Catalogue


def shown(page: Page) -> list[str]:
    found_ids: list[str] = page.eval_on_selector_all("li.material", "items => items.map(i => i.id)")
    return found_ids


def test_the_search_form_asks_the_server(page: Page, served: Served) -> None:
    page.goto(served.url + "/")
    page.fill("#find-q", "nomad")
    page.select_option("#find-type", "survey")
    page.press("#find-q", "Enter")
    page.wait_for_url("**/?q=nomad*")
    assert shown(page) == found("nomad type:survey")
    assert page.input_value("#find-q") == "nomad"
    page.click("li.material h3 a")
    page.wait_for_url("**/materials/remote-work-digital-nomad-survey")
    page.click("text=Jana Grebe")  # a mailto: link: the page stays
    page.go_back()
    page.wait_for_url("**/?q=nomad*")


@pytest.mark.slow
def test_serve_pages_pass_axe(page: Page, served: Served) -> None:
    for path in ("/", "/?q=" + quote("type:brief"), "/materials/guidebook", "/contacts",
                 "/organisations/iom", "/events", "/nope"):  # fmt: skip
        page.goto(served.url + path)
        assert _axe(page) == [], path


@pytest.mark.slow
@settings(
    max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalogue=st.one_of(hostile_catalogues(checked=True), hostile_catalogues()))
def test_hostile_text_served_runs_nothing_and_shows_as_typed(
    browser: Browser, tmp_path: Path, catalogue: Catalogue
) -> None:
    """The catalogue's own check refuses some of it (a javascript: URL is not a web address),
    and then the error page must run nothing either; with the policy off (bypass_csp)."""
    from talenthub_cli.core.errors import TalenthubError
    from talenthub_cli.storage.loader import load_checked

    target = tmp_path / "hostile.toml"
    write_toml(catalogue, target)
    try:
        load_checked(target, str(target))
        valid = True
        event("valid")
    except TalenthubError:
        valid = False
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(5000)
    for url in start(target, tmp_path / "cache"):
        for path in (
            "/",
            "/materials/m",
            "/contacts/c",
            "/?q=" + quote(catalogue.materials[0].title),
        ):
            page.goto(url + path)
            page.dispatch_event("main", "mouseover")
            assert page.evaluate("window.__pwned") is None, path
        page.goto(url + "/materials/m")
        if valid:
            assert page.text_content("#title-m") == catalogue.materials[0].title
            assert page.text_content("#m .url") == catalogue.materials[0].url
        else:
            assert page.text_content("h1") == "The catalogue cannot be read"
    context.close()
