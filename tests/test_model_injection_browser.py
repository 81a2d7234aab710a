"""Every field of the model is data: payloads in the title, the agenda item's title, the
dates, a paragraph, a footnote, the symbol note and the editor's notes (tests/hostile_content.py)
are built into a real site and opened in chromium, in both languages: on every page, in
every head tag and attribute, in the feeds and exports and in the search's results they
show as the characters they are, and none of them runs.

The documents whose sponsors line or meta.yml date carry a payload, and the one whose notes
take a javascript: address from each other, are refused, and nothing of them is published.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import CHROMIUM, _QuietHandler, make_project
from hostile_content import (
    PAYLOAD,
    PAYLOADS,
    REFUSED,
    SPONSORS_NOTE,
    SYMBOL_NOTE,
    TITLE_EN,
    write_hostile_content,
)
from lxml import etree

from build_tools.collection import convert_collection
from build_tools.diagnostics import errors

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = pytest.mark.browser

RESOLUTION, DRAFT, CHINESE_ONLY = "a-res-82-31", "a-c-1-81-l-7", "a-res-81-45"

# Whether anything of a payload made it into the DOM as markup, or ran.
DOM_CHECK = """() => {
  const attribute = [...document.querySelectorAll('*')].some(element =>
    [...element.attributes].some(a => a.name.startsWith('on') && a.value.includes('__pwned')));
  const script = [...document.querySelectorAll('script')].some(s => s.textContent.includes('__pwned'));
  const elements = document.querySelectorAll('svg[onload], img[onerror], [onmouseover], [onfocus]').length;
  const foreign = document.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', 'script');
  const injected = [...foreign].some(s => s.textContent.includes('__pwned'));
  return {attribute, script, elements, injected, pwned: typeof window.__pwned};
}"""
HARMLESS = {"attribute": False, "script": False, "elements": 0, "injected": False, "pwned": "undefined"}
PROVOKE = """() => {
  for (const element of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'focus', 'click']) {
      if (type === 'click' && element.closest('a[href], button, label, input')) continue;
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""


@dataclass(frozen=True)
class HostileSite:
    root: Path
    url: str
    diagnostics: tuple[str, ...]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileSite]:
    from build_tools.site import build_site

    project = make_project(tmp_path_factory.mktemp("hostile"))
    (project / "content").unlink()
    write_hostile_content(project / "content")
    pages, diagnostics = convert_collection(project / "content")
    site = project / "site"
    site.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(pages, project, site, strict=False, site_url=url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield HostileSite(site, url, tuple(str(d) for d in errors(diagnostics)))
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed")
    page = browser.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page, dialogs
    page.close()


def _landed(site: Path, suffix: str) -> list[str]:
    """The site's files of that suffix that hold a payload (by its marker ``__pwned``)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob(f"*{suffix}")
                  if "__pwned" in p.read_text(encoding="utf-8", errors="replace"))


def _strings(value: Any) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [text for item in items for text in _strings(item)]


def _harmless(page: Any, dialogs: list[str], where: str) -> None:
    page.evaluate(PROVOKE)
    assert page.evaluate(DOM_CHECK) == HARMLESS, where
    assert dialogs == [], where


def test_only_the_clean_documents_are_published(hostile_site: HostileSite) -> None:
    for folder, code in REFUSED.items():
        assert any(f"content/resolutions/{folder}/" in d and f"[{code}]" in d for d in hostile_site.diagnostics), (
            folder, hostile_site.diagnostics)
        assert not list(hostile_site.root.rglob(f"*{folder}*")), folder
    assert "definition" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                       for p in hostile_site.root.rglob("*.html"))


def test_no_payload_runs_on_any_page_in_either_language(hostile_site: HostileSite, tab: tuple[Any, list[str]]) -> None:
    page, dialogs = tab
    landed = _landed(hostile_site.root, ".html")
    expected = {f"{prefix}resolutions/{slug}/index.html" for prefix in ("", "en/")
                for slug in (RESOLUTION, DRAFT, CHINESE_ONLY)}
    assert expected <= set(landed)  # and the indexes, the home pages, the versions pages
    assert any(name.startswith("indexes/") for name in landed) and "index.html" in landed
    for name in landed:
        page.goto(hostile_site.url + name.removesuffix("index.html"))
        page.wait_for_load_state("load")
        _harmless(page, dialogs, name)


@pytest.mark.parametrize(("path", "title"), [
    (f"en/resolutions/{RESOLUTION}/", TITLE_EN),
    (f"resolutions/{RESOLUTION}/", f"自愿{PAYLOAD}通报空间发射作为建立信任措施"),
    (f"resolutions/{DRAFT}/", f"自愿通报{PAYLOAD}空间发射作为建立信任措施"),
    (f"en/resolutions/{DRAFT}/", TITLE_EN),
    (f"resolutions/{CHINESE_ONLY}/", f"自愿通报{PAYLOAD}空间发射作为建立信任措施"),
    (f"en/resolutions/{CHINESE_ONLY}/", f"自愿通报{PAYLOAD}空间发射作为建立信任措施"),  # no English text
])
def test_the_title_shows_as_text_in_the_head_the_header_and_the_page(
        hostile_site: HostileSite, tab: tuple[Any, list[str]], path: str, title: str) -> None:
    page, dialogs = tab
    page.goto(hostile_site.url + path)
    page.wait_for_load_state("load")
    assert page.title().startswith(title + " - ")
    head = page.evaluate("""() => ({
      description: document.querySelector('meta[name=description]').content,
      ogTitle: document.querySelector('meta[property="og:title"]').content,
      ogDescription: document.querySelector('meta[property="og:description"]').content,
      canonical: document.querySelector('link[rel=canonical]').href,
    })""")
    assert head["ogTitle"] == title
    assert title in head["description"] and head["ogDescription"] == head["description"]
    assert head["canonical"] == hostile_site.url + path
    assert page.inner_text("[data-md-component=header-topic]").strip() == title
    assert page.inner_text("h1#title").replace("¶", "").strip() == title
    citation = page.inner_text(".un-reader__citation")
    assert title in citation
    _harmless(page, dialogs, path)


def test_agenda_title_dates_paragraph_footnote_and_notes_show_as_text(
        hostile_site: HostileSite, tab: tuple[Any, list[str]]) -> None:
    page, dialogs = tab
    page.goto(hostile_site.url + f"en/resolutions/{RESOLUTION}/")
    page.wait_for_load_state("load")
    text = page.inner_text("article")
    assert f"General and complete {PAYLOAD} disarmament" in text  # the agenda item's title
    assert f"7 December 2027 {PAYLOADS[2]}" in text  # a masthead date that is not one
    assert f"2 December 2027 {PAYLOADS[3]}" in text  # a closing line that is not a date
    assert f"Noting with concern {PAYLOAD} that the number" in text
    assert f"A/82/160. {PAYLOAD}" in page.inner_text(".footnote")
    note = page.inner_text(".un-note")
    assert "A note <script>window.__pwned='note'</script> with a link" in note
    assert "onmouseover=\\\"window.__pwned='title'" in page.get_attribute(".un-note a", "title")  # text, no markup
    page.hover(".un-note a")
    _harmless(page, dialogs, "English page")
    page.goto(hostile_site.url + f"resolutions/{RESOLUTION}/")
    page.wait_for_load_state("load")
    assert "编者注 <img src=x onerror=window.__pwned=true>" in page.inner_text(".un-note")
    page.focus(".un-note a")
    _harmless(page, dialogs, "Chinese page")
    page.goto(hostile_site.url + f"en/resolutions/{DRAFT}/")
    page.wait_for_load_state("load")
    assert page.inner_text(".un-mark-note").strip() == f"* {SPONSORS_NOTE}"  # the note on the sponsors
    _harmless(page, dialogs, "English page of the draft")


def test_the_indexes_and_the_home_page_show_the_titles_as_text(
        hostile_site: HostileSite, tab: tuple[Any, list[str]]) -> None:
    page, dialogs = tab
    for path, shown in (("en/", TITLE_EN), ("en/indexes/agenda-items/", f"General and complete {PAYLOAD} disarmament"),
                        ("indexes/agenda-items/", f"全面{PAYLOAD}彻底裁军")):
        page.goto(hostile_site.url + path)
        page.wait_for_load_state("load")
        assert shown in page.inner_text("article"), path
        _harmless(page, dialogs, path)


@pytest.mark.parametrize("name", ["feed.xml", "en/feed.xml", f"resolutions/{RESOLUTION}/{RESOLUTION}.zh.akn.xml",
                                  f"en/resolutions/{RESOLUTION}/{RESOLUTION}.en.akn.xml",
                                  f"resolutions/{DRAFT}/{DRAFT}.zh.akn.xml",
                                  f"en/resolutions/{DRAFT}/{DRAFT}.en.akn.xml",
                                  f"resolutions/{CHINESE_ONLY}/{CHINESE_ONLY}.zh.akn.xml"])
def test_feeds_and_akoma_ntoso_are_well_formed_and_run_nothing(
        hostile_site: HostileSite, tab: tuple[Any, list[str]], name: str) -> None:
    tree = etree.fromstring((hostile_site.root / name).read_bytes())  # raises on XML that is not well-formed
    texts = "".join(tree.itertext())
    assert PAYLOAD in texts or PAYLOAD in " ".join(texts.split()), name
    page, dialogs = tab
    page.goto(hostile_site.url + name)
    page.wait_for_load_state("load")
    assert page.locator("parsererror").count() == 0
    _harmless(page, dialogs, name)


def test_json_and_markdown_exports_hold_the_payloads_as_data(
        hostile_site: HostileSite, tab: tuple[Any, list[str]]) -> None:
    model = json.loads((hostile_site.root / "en" / "resolutions" / RESOLUTION / f"{RESOLUTION}.en.json")
                       .read_text(encoding="utf-8"))
    assert model["title"] == TITLE_EN
    assert SYMBOL_NOTE in _strings(model)
    page, dialogs = tab
    for name in sorted({*_landed(hostile_site.root, ".json"), *_landed(hostile_site.root, ".md")}):
        if "/search/" in f"/{name}":
            continue
        page.goto(hostile_site.url + name)
        page.wait_for_load_state("load")
        _harmless(page, dialogs, name)


def test_search_results_show_the_payloads_as_text(hostile_site: HostileSite, tab: tuple[Any, list[str]]) -> None:
    page, dialogs = tab
    for path, query in (("en/", "voluntary notification"), ("", "自愿通报")):
        page.goto(hostile_site.url + path)
        page.wait_for_load_state("load")
        box = page.locator(".md-search__input")
        box.click()
        page.keyboard.type(query)
        page.wait_for_function(
            "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)
        results = page.inner_text(".un-search__list")
        assert "window.__pwned" in results, (path, results)
        _harmless(page, dialogs, f"search {query}")
