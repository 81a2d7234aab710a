"""The built site in Debian's chromium: footnotes, references, paragraph links, languages.

The site is served by a local HTTP server on 127.0.0.1; the test fails if the page asks
any other host for anything, except the one external link it follows on purpose, which a
route answers with a stub so that nothing leaves the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import BuiltSite, page_url

pytestmark = [pytest.mark.browser, pytest.mark.site]

SYMBOL = "A/C.1/79/L.53/Rev.1"
RESOLUTION_76_234 = "https://undocs.org/ch/A/RES/76/234"
STUB = "<!doctype html><title>stub</title><p id='stub'>undocs.org stub</p>"


class Requests:
    """Every request the page makes; outside links answered by a stub, the rest refused."""

    def __init__(self, stubbed: tuple[str, ...]) -> None:
        self.stubbed = stubbed
        self.seen: list[str] = []
        self.refused: list[str] = []

    def record(self, request: Any) -> None:
        self.seen.append(request.url)

    def route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        elif url in self.stubbed:
            route.fulfill(status=200, content_type="text/html", body=STUB)
        else:
            self.refused.append(url)
            route.abort()

    def off_host(self) -> list[str]:
        return [url for url in self.seen if urlsplit(url).hostname != "127.0.0.1"]


@pytest.fixture
def tab(browser: Any, built_site: BuiltSite) -> Iterator[tuple[Any, Requests]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    requests = Requests(stubbed=(RESOLUTION_76_234,))
    context.route("**/*", requests.route)
    page = context.new_page()
    page.on("request", requests.record)
    try:
        yield page, requests
    finally:
        context.close()


def document_url(built_site: BuiltSite, lang: str) -> str:
    pages = [p for p in built_site.pages if p.info and p.info.symbol == SYMBOL and p.lang == lang]
    assert len(pages) == 1
    return urljoin(built_site.site_url, page_url(pages[0].path, lang))


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    height = page.evaluate("window.innerHeight")
    return bool(box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height)


def test_reading_a_document_in_both_languages(
    tab: tuple[Any, Requests], built_site: BuiltSite, artifacts: Path
) -> None:
    page, requests = tab
    zh_url, en_url = document_url(built_site, "zh"), document_url(built_site, "en")
    page.goto(zh_url)
    assert page.locator("html").get_attribute("lang") == "zh"
    page.screenshot(path=str(artifacts / "document-zh.png"), full_page=True)

    # Footnote 2: the marker leads to the note, the note's back-link to the marker.
    page.locator('[id="fnref:2"] a.footnote-ref').click()
    page.wait_for_url(zh_url + "#fn:2")
    assert in_view(page, '[id="fn:2"]')
    assert not in_view(page, '[id="fnref:2"]')
    page.locator('[id="fn:2"] a.footnote-backref').click()
    page.wait_for_url(zh_url + "#fnref:2")
    assert in_view(page, '[id="fnref:2"]')

    # The permalink of a paragraph shows on hover and points at the paragraph's anchor.
    permalink = page.locator("#pp1 a.un-permalink")
    page.locator("#pp1").hover()
    page.wait_for_function("getComputedStyle(document.querySelector('#pp1 .un-permalink')).opacity === '1'")
    permalink.click()
    page.wait_for_url(zh_url + "#pp1")

    # Resolution 76/234 is linked to its official Chinese text; follow it (to a stub).
    link = page.locator(f'#pp1 a[href="{RESOLUTION_76_234}"]')
    assert link.is_visible()
    assert "76/234" in link.inner_text()
    link.click()
    page.wait_for_url(RESOLUTION_76_234)
    assert page.locator("#stub").is_visible()
    page.go_back()
    page.wait_for_url(zh_url + "#pp1")

    # The language switcher lands on the same paragraph of the document in English.
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator('a.md-select__link[hreflang="en"]').click()
    assert page.url == en_url + "#pp1"
    assert page.locator("html").get_attribute("lang") == "en"
    english = next(p for p in built_site.pages if p.info and p.info.symbol == SYMBOL and p.lang == "en")
    title = page.locator("h1#title").evaluate("h1 => h1.firstChild.textContent")
    assert english.info is not None and title.strip() == english.info.title
    page.screenshot(path=str(artifacts / "document-en.png"), full_page=True)

    assert requests.refused == []
    assert requests.off_host() == [RESOLUTION_76_234]  # answered by the stub, never sent
