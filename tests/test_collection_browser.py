"""Versions, comparisons, cites and cited by, and indexes in Debian's chromium.

The invented family of tests/fixtures/family is converted and built (strict) into a site of
its own, served on 127.0.0.1; the committed content is checked on the shared built site.
Screenshots of a comparison in both languages are kept in test-artifacts/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import BuiltSite, make_project, page_url, serving

from build_tools.collection import convert_collection
from build_tools.site import build_site

pytestmark = [pytest.mark.browser, pytest.mark.site]

FAMILY = Path(__file__).parent / "fixtures" / "family"
DRAFT, REVISION, ADOPTED, NEXT = "a-c-1-81-l-7", "a-c-1-81-l-7-rev-1", "a-res-81-45", "a-res-82-31"


@pytest.fixture(scope="module")
def family_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The family's site, built strictly, served; yields its base URL."""
    root = tmp_path_factory.mktemp("family")
    # A copy: the conversion cache lives next to content/, and must not land in tests/.
    shutil.copytree(FAMILY / "resolutions", root / "content" / "resolutions")
    pages, diagnostics = convert_collection(root / "content")
    assert diagnostics == []
    with serving(root / "site") as base:
        build_site(pages, make_project(root / "project"), root / "site", strict=True, site_url=base)
        yield base


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that may load only from 127.0.0.1; other requests are refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused: list[str] = []

    def route(request_route: Any) -> None:
        if urlsplit(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page, refused
    finally:
        context.close()


def url(base: str, path: str, lang: str) -> str:
    return urljoin(base, page_url(path, lang))


def style(page: Any, selector: str, prop: str) -> str:
    return str(page.locator(selector).first.evaluate(f"e => getComputedStyle(e)['{prop}']"))


def test_comparison_page_marks_the_changes(
    tab: tuple[Any, list[str]], family_site: str, artifacts: Path
) -> None:
    page, refused = tab
    # From the revision's page, the timeline leads to what changed since the draft.
    page.goto(url(family_site, f"resolutions/{REVISION}.md", "en"))
    versions = page.locator("h2#versions ~ * table, h2#versions + table").first
    assert versions.locator("strong").inner_text() == "A/C.1/81/L.7/Rev.1"
    with page.expect_navigation():
        versions.get_by_role("link", name="Changes since A/C.1/81/L.7", exact=True).click()
    assert page.url == url(family_site, f"compare/{DRAFT}--{REVISION}.md", "en")

    summary = page.locator(".un-cmp-summary")
    assert summary.inner_text() == ("Since A/C.1/81/L.7, paragraphs: 2 changed, 1 moved, 1 added, 1 removed, "
                                    "5 unchanged. Footnotes: 1 changed, 1 unchanged.")
    inserted = page.locator("p.un-cmp.un-cmp-changed ins.un-ins")
    assert inserted.all_inner_texts()[:2] == ["with concern", "and that most launches are not notified in advance,"]
    assert style(page, "ins.un-ins", "textDecorationLine") == "underline"
    assert style(page, "ins.un-ins", "backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    removed = page.locator("p.un-cmp.un-cmp-removed")
    assert removed.inner_text().startswith("2. Invites States")
    assert style(page, "p.un-cmp.un-cmp-removed", "textDecorationLine") == "line-through"
    assert page.locator("p.un-cmp.un-cmp-moved").inner_text().startswith("Welcoming the report")
    assert page.locator("p.un-cmp.un-cmp-added").inner_text().startswith("Mindful of the need")
    assert page.locator("p.un-cmp-note ins.un-ins").inner_text() == "and A/80/151"
    page.screenshot(path=str(artifacts / "compare-en.png"), full_page=True)

    # Each label links both versions' paragraphs: the moved one lands on the revision's pp4.
    label = page.locator("p.un-cmp-label.un-cmp-moved")
    with page.expect_navigation():
        label.get_by_role("link", name="A/C.1/81/L.7/Rev.1 preambular para. 4").click()
    assert page.url == url(family_site, f"resolutions/{REVISION}.md", "en") + "#pp4"
    assert page.locator("#pp4").inner_text().startswith("Welcoming")

    page.goto(url(family_site, f"compare/{DRAFT}--{REVISION}.md", "zh"))
    assert page.locator("html").get_attribute("lang") == "zh"
    deleted = page.locator("p.un-cmp.un-cmp-changed del.un-del").all_inner_texts()
    assert deleted == ["在", "之前"]
    inserted_zh = page.locator("p.un-cmp.un-cmp-changed ins.un-ins").all_inner_texts()
    assert inserted_zh == ["关切地", "而且大多数发射没有事先通报，", "至少提前24小时将", "的", "和A/80/151"]
    assert style(page, "del.un-del", "textDecorationLine") == "line-through"
    page.screenshot(path=str(artifacts / "compare-zh.png"), full_page=True)
    assert refused == []


def test_cited_by_links_lead_to_the_citing_paragraph(tab: tuple[Any, list[str]], family_site: str) -> None:
    page, refused = tab
    for lang, opening in (("en", "Recalling"), ("zh", "回顾其")):
        page.goto(url(family_site, f"resolutions/{ADOPTED}.md", lang))
        cited_by = page.locator("#cited-by + ul")
        assert cited_by.locator("li").count() == 1
        assert cited_by.get_by_role("link", name="A/RES/82/31", exact=True).is_visible()
        with page.expect_navigation():
            cited_by.get_by_role("link", name=opening, exact=True).click()
        assert page.url == url(family_site, f"resolutions/{NEXT}.md", lang) + "#pp1"
        target = page.locator("#pp1")
        assert target.inner_text().startswith(opening)
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < page.evaluate("window.innerHeight")
        # Back the other way: the citing page's Cites list leads to the cited page on this site.
        with page.expect_navigation():
            page.locator("#cites ~ ul").get_by_role("link", name="A/RES/81/45", exact=True).first.click()
        assert page.url == url(family_site, f"resolutions/{ADOPTED}.md", lang)
    official = page.locator('#cites ~ ul a[href="https://undocs.org/ch/A/RES/80/56"]')
    assert official.count() == 1
    # The versions stand near the top, before the text; the footnotes between the text and
    # the collection sections.
    order = page.evaluate("""() => ['#versions', '#pp1', '.footnote', '#cites', '#cited-by'].map(
        s => document.querySelector(s).getBoundingClientRect().top + window.scrollY)""")
    assert order == sorted(order)
    assert refused == []


def test_sponsor_links_lead_to_the_state_s_page(tab: tuple[Any, list[str]], family_site: str) -> None:
    page, refused = tab
    page.goto(url(family_site, f"resolutions/{REVISION}.md", "zh"))
    with page.expect_navigation():
        page.get_by_role("link", name="肯尼亚", exact=True).click()
    assert page.url == url(family_site, "indexes/sponsors/ke.md", "zh")
    assert page.locator("h1").inner_text().startswith("肯尼亚提案的文件")
    assert page.locator("table a").all_inner_texts() == ["A/C.1/81/L.7/Rev.1"]
    page.goto(url(family_site, "index.md", "en"))
    with page.expect_navigation():
        page.locator(".un-home-indexes").get_by_role("link", name="By sponsoring State").click()
    assert page.locator("table a").count() == 7
    assert refused == []


def test_committed_content_shows_cites_and_cited_by(tab: tuple[Any, list[str]], built_site: BuiltSite) -> None:
    page, refused = tab
    documents = [p for p in built_site.pages if p.info is not None]
    for doc in documents:
        page.goto(urljoin(built_site.site_url, page_url(doc.path, doc.lang)))
        assert page.locator("h2#cites").is_visible() and page.locator("h2#cited-by").is_visible()
        for link in page.locator("#cites ~ ul a").all():
            href = link.get_attribute("href") or ""
            assert href.startswith(("https://undocs.org/", "https://treaties.un.org/", "https://www.un.org/",
                                    "#", "../resolutions/")) or href.endswith("/"), href
    first = next(p for p in documents if p.lang == "zh" and p.path == "resolutions/a-c-1-79-l-53-rev-1.md")
    page.goto(urljoin(built_site.site_url, page_url(first.path, "zh")))
    assert page.locator('#cites ~ ul a[href="https://undocs.org/ch/A/RES/76/234"]').count() == 1
    assert refused == []
