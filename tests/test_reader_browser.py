"""Reading tools in Debian's chromium: parallel view, the other language, copying, print, axe.

The site is served on 127.0.0.1; every request to another host is refused and fails the
test. Screenshots (parallel view, narrow parallel view, dark mode, printed pages) are kept in
test-artifacts/ for people to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pdfplumber
import pytest
from conftest import BuiltSite, page_url
from PIL import Image, ImageOps

pytestmark = [pytest.mark.browser, pytest.mark.site]

FIRST = "resolutions/a-c-1-79-l-53-rev-1.md"
AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
STORE = "un-reader.parallel"
class Tab:
    """A browser tab that refuses (and records) every request leaving 127.0.0.1."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.refused: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


@pytest.fixture
def open_tab(browser: Any, built_site: BuiltSite) -> Iterator[Any]:
    contexts: list[Any] = []
    tabs: list[Tab] = []

    def make(width: int = 1280, scheme: str = "light", lang: str = "zh-CN") -> Tab:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale=lang)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=built_site.site_url.rstrip("/"))
        contexts.append(context)
        tabs.append(Tab(context))
        return tabs[-1]

    yield make
    for context in contexts:
        context.close()
    for tab in tabs:
        assert tab.refused == [], f"requests left the site: {tab.refused}"
        assert tab.errors == [], f"script errors: {tab.errors}"


def url(built_site: BuiltSite, lang: str, page: str = FIRST) -> str:
    return urljoin(built_site.site_url, page_url(page, lang))


def anchors(built_site: BuiltSite, lang: str) -> list[str]:
    page = next(p for p in built_site.pages if p.path == FIRST and p.lang == lang)
    return re.findall(r"\{: #((?:pp|op)[\w-]*) ", page.markdown)


def start_parallel(page: Any, ready: str = ".un-parallel .un-row[data-anchor='op3']") -> None:
    toggle = page.locator(".un-reader__toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    page.wait_for_selector(ready)
    assert toggle.get_attribute("aria-pressed") == "true"


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return dict(found)


# ---- parallel view ---------------------------------------------------------------------------


def test_parallel_view_pairs_paragraphs_and_remembers_the_choice(
    open_tab: Any, built_site: BuiltSite, artifacts: Path
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, "zh"))
    assert page.evaluate(f"localStorage.getItem('{STORE}')") is None
    assert page.locator(".un-parallel").count() == 0
    start_parallel(page)
    assert page.evaluate(f"localStorage.getItem('{STORE}')") == "1"

    # One row per unit of the text, each pairing the same anchor in both languages.
    expected = anchors(built_site, "zh")
    assert expected == anchors(built_site, "en")
    rows = page.locator(".un-parallel .un-row[data-anchor]")
    keys = rows.evaluate_all("rows => rows.map(r => r.dataset.anchor)")
    assert keys == ["enacting", *expected, "footnotes"]
    assert page.locator(".un-parallel").get_attribute("data-aligned") == "true"
    page.screenshot(path=str(artifacts / "parallel-zh.png"), full_page=True)
    for anchor in ("pp3", "op2"):
        own = page.locator(f".un-row[data-anchor='{anchor}'] .un-cell--own > p#{anchor}")
        other = page.locator(f".un-row[data-anchor='{anchor}'] .un-cell--other > p[data-anchor='{anchor}']")
        assert own.count() == 1 and other.count() == 1
        assert other.locator("xpath=..").get_attribute("lang") == "en"
        left, right = own.bounding_box(), other.bounding_box()
        assert left and right and right["x"] > left["x"] + left["width"]  # side by side
        assert abs(right["y"] - left["y"]) < 5  # starting on the same line
    english_op2 = page.locator(".un-row[data-anchor='op2'] .un-cell--other p").inner_text()
    assert english_op2.startswith("2.") and "Encourages all Member States" in english_op2
    # The editor's note stays with its paragraph, in each language.
    assert page.locator(".un-row[data-anchor='pp21'] .un-cell--own .un-note").count() == 1
    assert page.locator(".un-row[data-anchor='pp21'] .un-cell--other .un-note").inner_text().startswith("Editor")
    # The English column's footnote markers lead to the English footnotes, copied in.
    page.locator(".un-row[data-anchor='pp2'] .un-cell--other a.footnote-ref").first.click()
    assert page.url.endswith("#en-fn:1")
    assert page.locator('[id="en-fn:1"]').is_visible()
    assert "Treaty Series" in page.locator('[id="en-fn:1"]').inner_text()

    # Reloading keeps the parallel view; turning it off restores the single text in order.
    page.goto(url(built_site, "zh"))
    page.wait_for_selector(".un-parallel .un-row[data-anchor='op3']")
    assert page.locator(".un-reader__toggle").get_attribute("aria-pressed") == "true"
    page.locator(".un-reader__toggle").click()
    assert page.locator(".un-parallel").count() == 0
    order = page.locator("article > p.un-pp, article > p.un-op").evaluate_all("ps => ps.map(p => p.id)")
    assert order == expected
    assert page.evaluate(f"localStorage.getItem('{STORE}')") == "0"
    page.goto(url(built_site, "zh"))
    page.wait_for_timeout(300)
    assert page.locator(".un-parallel").count() == 0


def test_parallel_view_interleaves_on_narrow_screens(open_tab: Any, built_site: BuiltSite, artifacts: Path) -> None:
    tab = open_tab(width=400, lang="en-GB")
    page = tab.page
    page.goto(url(built_site, "en"))
    start_parallel(page)
    own = box(page, ".un-row[data-anchor='op1'] .un-cell--own")
    other = box(page, ".un-row[data-anchor='op1'] .un-cell--other")
    # The Chinese paragraph under the English one (its cell overlaps the English paragraph's
    # bottom margin a little), then the next English paragraph.
    assert own["y"] + own["height"] - 10 < other["y"] and other["y"] > own["y"] + own["height"] / 2
    assert abs(other["x"] - own["x"]) < 2
    after = box(page, ".un-row[data-anchor='op2'] .un-cell--own")
    assert after["y"] >= other["y"] + other["height"] - 1
    assert page.locator(".un-row[data-anchor='op1'] .un-cell--other").get_attribute("lang") == "zh"
    page.locator("#op1").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "parallel-en-narrow.png"), full_page=False)


def test_parallel_view_in_dark_mode(open_tab: Any, built_site: BuiltSite, artifacts: Path) -> None:
    tab = open_tab(scheme="dark", lang="en-GB")
    page = tab.page
    page.goto(url(built_site, "en") + "#pp21")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    start_parallel(page)
    page.screenshot(path=str(artifacts / "parallel-en-dark.png"), full_page=False)
    colour = page.locator("#pp21 + .un-note, .un-cell--own .un-note").first.evaluate(
        "e => getComputedStyle(e.querySelector('.admonition-title')).color")
    assert colour == "rgb(255, 196, 107)"  # the light amber of the dark scheme


def test_texts_that_do_not_align_are_shown_whole_not_paired(open_tab: Any, built_site: BuiltSite) -> None:
    """The English page as if it lacked pp22: both texts whole, side by side, and a notice."""
    tab = open_tab()
    page = tab.page
    english = url(built_site, "en")

    def without_pp22(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'<p class="un-pp" id="pp22"[^>]*>.*?</p>', "", response.text(), count=1, flags=re.S)
        route.fulfill(response=response, body=body)

    page.route(english, without_pp22)
    page.goto(url(built_site, "zh"))
    start_parallel(page, ready=".un-parallel")
    view = page.locator(".un-parallel")
    assert view.get_attribute("data-aligned") == "false"
    assert page.locator(".un-parallel__notice").inner_text() == "两种文本的段落不同，未逐段对齐。"
    assert page.locator(".un-parallel .un-row[data-anchor]").count() == 0  # nothing paired
    own = page.locator(".un-cell--own > p.un-pp, .un-cell--own > p.un-op").evaluate_all("ps => ps.map(p => p.id)")
    other = page.locator(".un-cell--other > p.un-pp, .un-cell--other > p.un-op").evaluate_all(
        "ps => ps.map(p => p.dataset.anchor)")
    assert own == anchors(built_site, "zh")
    assert other == [a for a in anchors(built_site, "en") if a != "pp22"]


def test_a_failed_load_says_so_and_leaves_the_single_text(open_tab: Any, built_site: BuiltSite) -> None:
    tab = open_tab()
    page = tab.page
    page.route(url(built_site, "en"), lambda route: route.fulfill(status=500, body="down"))
    page.goto(url(built_site, "zh"))
    page.locator(".un-reader__toggle").click()
    page.wait_for_function("document.querySelector('.un-toast') && document.querySelector('.un-toast').textContent")
    assert page.locator(".un-toast").inner_text() == "无法载入英文本。"
    assert page.locator(".un-reader__toggle").get_attribute("aria-pressed") == "false"
    assert page.locator(".un-parallel").count() == 0


# ---- the other language, one click away -------------------------------------------------------


def test_jump_to_the_same_paragraph_in_the_other_language(open_tab: Any, built_site: BuiltSite) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, "zh"))
    page.locator("#op2").hover()
    link = page.locator("#op2 a.un-alt")
    assert link.inner_text() == "EN非正式"  # the English is an unofficial translation
    page.wait_for_function("getComputedStyle(document.querySelector('#op2 .un-alt')).opacity === '1'")
    link.click()
    page.wait_for_url(url(built_site, "en") + "#op2")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.evaluate("document.querySelector(':target').id") == "op2"
    target = box(page, "#op2")
    assert 0 <= target["y"] < 900
    assert page.locator("#op2").inner_text().startswith("2.")
    # And back, by keyboard: Tab reaches the link, Enter follows it.
    page.locator("#pp21 a.un-permalink").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('un-alt')")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("#pp21")
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_url(url(built_site, "zh") + "#pp21")


# ---- citing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "anchor", "expected"),
    [
        ("zh", "op2", "A/C.1/79/L.53/Rev.1号文件第2段，{url}#op2"),
        ("zh", "pp3", "A/C.1/79/L.53/Rev.1号文件序言部分第3段，{url}#pp3"),
        # The English of the first document is an unofficial translation: its citations say so.
        ("en", "op2", "A/C.1/79/L.53/Rev.1, para. 2 (unofficial translation), {url}#op2"),
        ("en", "pp3", "A/C.1/79/L.53/Rev.1, preambular para. 3 (unofficial translation), {url}#pp3"),
    ],
)
def test_copy_button_gives_the_paragraph_citation(
    open_tab: Any, built_site: BuiltSite, lang: str, anchor: str, expected: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, lang))
    expected = expected.format(url=url(built_site, lang))
    button = page.locator(f"#{anchor} button.un-copy--para")
    page.locator(f"#{anchor}").hover()
    assert button.get_attribute("aria-label").endswith(f"({anchor})")
    size = button.bounding_box()
    assert size and size["width"] >= 12 and size["height"] >= 12, f"the copy icon is {size}"
    button.click()
    page.wait_for_function("document.querySelector('.un-toast') && document.querySelector('.un-toast').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.locator(".un-toast").get_attribute("role") == "status"
    assert page.locator(".un-toast").inner_text().endswith(expected)
    # The second choice: the paragraph's text, quoted, with its citation and address.
    page.locator(f"#{anchor} button.un-copy--quote").click()
    page.wait_for_function(f"document.querySelector('#{anchor} .un-copy--quote').classList.contains('un-copied')")
    quoted = page.evaluate("navigator.clipboard.readText()")
    text = page.evaluate(f"document.querySelector('#{anchor}').textContent")
    words = re.sub(r"^\d+\.\s*", "", text.strip())[:12]
    assert quoted.startswith("“" + words), quoted
    assert quoted.endswith(("（" + expected + "）") if lang == "zh" else (" (" + expected + ")")), quoted


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "大会，订正决议草案A/C.1/79/L.53/Rev.1，《在国际安全领域促进和平利用国际合作》，2024年"),
        ("en", "General Assembly, revised draft resolution A/C.1/79/L.53/Rev.1, Promoting international "
               "cooperation on peaceful uses in the context of international security, 2024 (unofficial translation)"),
    ],
)
def test_copy_button_gives_the_document_citation(
    open_tab: Any, built_site: BuiltSite, lang: str, expected: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, lang))
    assert page.locator(".un-reader__citation").inner_text() == expected
    page.locator(".un-reader__copy").click()
    page.wait_for_function("document.querySelector('.un-reader__copy').classList.contains('un-copied')")
    separator = "，" if lang == "zh" else ", "
    assert page.evaluate("navigator.clipboard.readText()") == expected + separator + url(built_site, lang)


def test_copy_in_the_other_column_cites_in_that_language(open_tab: Any, built_site: BuiltSite) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, "zh"))
    start_parallel(page)
    page.locator(".un-row[data-anchor='op3'] .un-cell--other button.un-copy--para").click()
    page.wait_for_function("document.querySelector('.un-toast') && document.querySelector('.un-toast').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"A/C.1/79/L.53/Rev.1, para. 3 (unofficial translation), {url(built_site, 'en')}#op3")


# ---- print -----------------------------------------------------------------------------------


def pdf_to_png(pdf: Path, prefix: Path) -> list[Path]:
    """Pages of ``pdf`` as PNG: with Debian's pdftoppm (poppler-utils), else with pdfplumber."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True)
        return sorted(prefix.parent.glob(prefix.name + "-*.png"))
    with pdfplumber.open(pdf) as document:  # pypdfium2 renders; no system package needed
        paths = []
        for number, sheet in enumerate(document.pages, 1):
            path = prefix.with_name(f"{prefix.name}-{number}.png")
            sheet.to_image(resolution=80).save(path)
            paths.append(path)
        return paths


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_shows_the_text_and_hides_the_interface(
    open_tab: Any, built_site: BuiltSite, artifacts: Path, lang: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, lang))
    page.wait_for_selector(".un-reader__toggle:not([hidden])")
    interface = [".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".un-reader__toggle",
                 ".un-reader__copy", "#pp1 .un-permalink", "#pp1 .un-alt", "#pp1 .un-copy", ".md-top"]
    text = ["h1#title", "#enacting", "#pp1", "#op3", '[id="fn:4"]', ".un-note", ".un-reader__citation"]
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for selector in interface:
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    for selector in text:
        assert page.locator(selector).first.is_visible(), f"{selector} is not printed"

    pdf = artifacts / f"print-{lang}.pdf"
    for old in artifacts.glob(f"print-{lang}-*.png"):
        old.unlink()
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    with pdfplumber.open(pdf) as document:
        sizes = {(round(p.width), round(p.height)) for p in document.pages}
        sheets = [p.extract_text() or "" for p in document.pages]
        printed = "\n".join(sheets)
    assert sizes == {(595, 842)}, "not A4"
    blank = [number for number, sheet in enumerate(sheets, 1) if not sheet.strip()]
    assert not blank, f"printed pages {blank} carry no text"
    # NFKC: the PDF's CJK fonts map some characters to Kangxi radicals (⽂ for 文).
    flat = unicodedata.normalize("NFKC", "".join(printed.split()))
    wanted = {
        "zh": ["第八十一届会议临时议程", "编者注", "第1974卷", "引用本文件"],  # op3, the note, a footnote
        "en": ["eighty-firstsession", "Editor'snote", "vol.1974", "Citethisdocument"],
    }
    for needle in wanted[lang]:
        assert needle in flat, f"{needle!r} is not printed"
    for absent in ("搜索", "Search", "中英对照", "Sidebyside", "复制引文", "Copycitation", "MadewithMaterial"):
        assert absent not in flat, f"{absent!r} is printed"
    pngs = pdf_to_png(pdf, artifacts / f"print-{lang}")  # kept for review beside the other artefacts
    assert len(pngs) == len(sheets)
    for png in pngs:
        with Image.open(png) as image:  # ink on the paper: some pixel is not white
            assert ImageOps.invert(image.convert("L")).getbbox() is not None, f"{png.name} prints blank"


def test_parallel_view_prints_side_by_side(open_tab: Any, built_site: BuiltSite, artifacts: Path) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, "zh"))
    start_parallel(page)
    page.emulate_media(media="print")
    own = box(page, ".un-row[data-anchor='op1'] .un-cell--own")
    other = box(page, ".un-row[data-anchor='op1'] .un-cell--other")
    assert other["x"] > own["x"] + own["width"] - 1
    pdf = artifacts / "print-parallel-zh.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    for old in artifacts.glob("print-parallel-zh-*.png"):
        old.unlink()
    assert pdf_to_png(pdf, artifacts / "print-parallel-zh")


# ---- accessibility -------------------------------------------------------------------------


def audit(page: Any) -> list[str]:
    """Serious and critical axe violations, as ``rule target`` strings (none left out)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            found.append(f"{violation['id']} {target}: {node.get('failureSummary', '')[:160]}")
    return found


def open_search(page: Any, query: str) -> None:
    """The search box opened with "/" and ``query`` typed, its results shown and settled."""
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type(query)
    page.wait_for_function("/\\d/.test(document.querySelector('.un-search__status')?.textContent || '')")
    page.wait_for_function(SETTLED, arg=".un-search__status")


# Every kind of page: home, document (with a target, so the paragraph's controls show and are
# checked too), parallel view, an index, the About page, search with results open, the 404.
PAGE_KINDS = ("home", "document", "parallel", "index", "about", "search", "404")


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 390)])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violation(
    open_tab: Any, built_site: BuiltSite, kind: str, lang: str, scheme: str, width: int
) -> None:
    tab = open_tab(scheme=scheme, width=width)
    page = tab.page
    where = {"home": "index.md", "index": "indexes/sessions.md", "about": "about.md"}.get(kind, FIRST)
    if kind == "404":
        page.goto(urljoin(built_site.site_url, ("en/" if lang == "en" else "") + "404.html"))
        assert page.locator("article h1").is_visible()
    else:
        page.goto(url(built_site, lang, where) + ("#pp3" if where == FIRST else ""))
    if kind == "parallel":
        start_parallel(page)
    if kind == "search":
        open_search(page, "国际合作" if lang == "zh" else "cooperation")
    assert audit(page) == []


def test_the_audit_finds_violations(open_tab: Any, built_site: BuiltSite) -> None:
    """The audit can fail: a link without a name and grey on grey are reported."""
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, "zh", FIRST))
    page.evaluate("""() => {
        const p = document.querySelector('#pp1');
        p.style.color = '#aaa'; p.style.background = '#bbb';
        const a = document.createElement('a'); a.href = '#x'; p.appendChild(a);
    }""")
    rules = {line.split()[0] for line in audit(page)}
    assert {"color-contrast", "link-name"} <= rules


# ---- what is official, where the reader is, the details ------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_chinese_readers_are_told_the_english_is_unofficial(
    open_tab: Any, built_site: BuiltSite, artifacts: Path, width: int
) -> None:
    tab = open_tab(width=width)
    page = tab.page
    page.goto(url(built_site, "zh") + "#op2")
    assert page.locator("#op2 a.un-alt .un-alt__mark").inner_text() == "非正式"
    menu = page.locator('a.md-select__link[hreflang="en"]').evaluate("a => a.textContent")
    assert "English" in menu and "（非正式译文）" in menu
    start_parallel(page)
    heads = page.locator(".un-row--head .un-cell").evaluate_all("cells => cells.map(c => c.textContent)")
    assert heads == ["中文", "English（非正式译文）"]
    page.screenshot(path=str(artifacts / f"unofficial-zh-{width}.png"))


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_the_header_language_switch_keeps_the_paragraph_being_read(
    open_tab: Any, built_site: BuiltSite, lang: str, other: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, lang))
    link = page.locator(f'a.md-select__link[hreflang="{other}"]')
    assert "#" not in link.get_attribute("href")  # at the top of the page: the page itself
    page.evaluate("document.querySelector('#op2').scrollIntoView({block: 'start'}); window.scrollBy(0, -80)")
    page.wait_for_function(f"document.querySelector('a.md-select__link[hreflang={other}]').href.endsWith('#op2')")
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        link.click()
    assert page.url == url(built_site, other) + "#op2"
    assert 0 <= box(page, "#op2")["y"] < 900


def test_english_is_never_set_in_a_chinese_font(open_tab: Any, built_site: BuiltSite) -> None:
    """An apostrophe in a CJK font is a full em wide ("People’ s"); in a Latin font, under half."""
    tab = open_tab()
    page = tab.page
    measure = """sel => {
        const host = document.querySelector(sel);
        const probe = document.createElement('span');
        probe.textContent = '\u2019\u201d';
        host.appendChild(probe);
        const em = parseFloat(getComputedStyle(probe).fontSize);
        const width = probe.getBoundingClientRect().width / em;
        probe.remove();
        return width;
    }"""
    page.goto(url(built_site, "en"))
    assert page.evaluate(measure, "#op2") < 1.0  # two marks, each well under half an em
    page.goto(url(built_site, "zh"))
    assert page.evaluate(measure, "#op2") > 1.5  # Chinese sets them full-width, as it should
    start_parallel(page)
    assert page.evaluate(measure, ".un-row[data-anchor='op2'] .un-cell--other p") < 1.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paper_carries_the_address_and_no_tooltip_or_download_page(
    open_tab: Any, built_site: BuiltSite, lang: str, tmp_path: Path
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, lang))
    start_parallel(page)
    page.locator(".un-reader__toggle").hover()
    page.emulate_media(media="print")
    assert page.evaluate("[...document.querySelectorAll('.md-tooltip2, .md-tooltip, .un-downloads')]"
                         ".every(e => getComputedStyle(e).display === 'none')")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    with pdfplumber.open(pdf) as document:
        texts = [sheet.extract_text() or "" for sheet in document.pages]
    flat = [re.sub(r"\s+", "", text) for text in texts]
    assert url(built_site, lang) in flat[0]  # the address, at the head of the first sheet
    year = str(__import__("datetime").date.today().year)
    assert year in flat[0]
    assert not any("中英文逐段对照阅读" in text for text in flat)
    # Every sheet carries text of the document (no sheet of only a download list).
    assert all(len(text) > 200 for text in flat[:-1]) and len(flat[-1]) > 20, [len(t) for t in flat]


def test_no_request_for_a_missing_sitemap(open_tab: Any, built_site: BuiltSite) -> None:
    tab = open_tab()
    page = tab.page
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    for lang in ("zh", "en"):
        page.goto(url(built_site, lang))
        page.wait_for_load_state("networkidle")
    assert missing == []


# The contrast of an element's text on what is painted under it: translucent backgrounds
# (Material's tints are black or white at a few percent) composited over the first opaque
# one, the text's own alpha over that.
CONTRAST = """sel => {
    const rgba = c => { const v = c.match(/[\\d.]+/g).map(Number);
        return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
    const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
    const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const element = document.querySelector(sel);
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
    }
    let paint = [255, 255, 255, 1];
    for (const layer of layers.reverse()) paint = over(layer, paint);
    const text = over(rgba(getComputedStyle(element).color), paint);
    const [a, b] = [lum(text), lum(paint)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""
SETTLED = """sel => { for (let e = document.querySelector(sel); e; e = e.parentElement)
    if (getComputedStyle(e).opacity !== '1') return false; return true; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_slash_opens_search_and_the_status_line_reads_at_4_5(
    open_tab: Any, built_site: BuiltSite, scheme: str
) -> None:
    tab = open_tab(scheme=scheme)
    page = tab.page
    page.goto(url(built_site, "zh"))
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type("国际合作")
    page.keyboard.press("End")
    status = ".un-search__status"
    page.wait_for_function(f"/\\d/.test(document.querySelector('{status}')?.textContent || '')")
    page.wait_for_function(SETTLED, arg=status)  # the search box's fade-in is over
    ratio = page.evaluate(CONTRAST, status)
    assert ratio >= 4.5, ratio
    # The measure can fail: the grey Material gives the line is under 4.5:1 on its tint.
    page.evaluate(f"document.querySelector('{status}').style.color = 'var(--md-default-fg-color--light)'")
    assert page.evaluate(CONTRAST, status) < 4.5


def test_chinese_heading_permalinks_and_no_tooltip_outside_landmarks(open_tab: Any, built_site: BuiltSite) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(url(built_site, "zh", "about.md"))
    titles = page.locator("h2 a.headerlink").evaluate_all("links => links.map(a => a.title)")
    assert titles and set(titles) == {"本节链接"}
    page.goto(url(built_site, "en", "about.md"))
    assert set(page.locator("h2 a.headerlink").evaluate_all("ls => ls.map(a => a.title)")) == {"Link to this heading"}
    page.goto(url(built_site, "zh"))
    start_parallel(page)
    page.locator(".un-reader__toggle").hover()
    page.locator(".un-reader__toggle").focus()
    outside = page.evaluate("""[...document.querySelectorAll('.md-tooltip2, .md-tooltip, .un-toast')]
        .filter(e => !e.closest('main, header, footer, nav, [role=main], [role=banner], [role=contentinfo]'))
        .map(e => e.className)""")
    assert outside == []


@pytest.mark.parametrize(
    ("lang", "day"), [("zh", "2024年12月2日"), ("en", "2 December 2024")]
)
def test_the_document_date_heads_the_page_and_fills_the_indexes(
    open_tab: Any, built_site: BuiltSite, lang: str, day: str
) -> None:
    """The seed bears no date of issue; meta.yml gives its adoption as A/RES/79/80 on
    2 December 2024: the line under the title and every index's date column say so, in the
    reader's language and UN style."""
    tab = open_tab(width=390)
    page = tab.page
    page.goto(url(built_site, lang))
    life = page.locator("article .un-life")
    assert life.is_visible()
    top = "e => e.getBoundingClientRect().top"
    assert life.evaluate(top) < page.locator("article dl").first.evaluate(top)  # above the metadata, near the title
    assert day in life.inner_text() and "A/RES/79/80" in life.inner_text()
    for index in ("sessions", "committees", "agenda-items", "kinds"):
        page.goto(url(built_site, lang, f"indexes/{index}.md"))
        heads = page.locator("article table thead th").all_inner_texts()
        column = heads.index("日期" if lang == "zh" else "Date")
        row = page.locator("article table tbody tr", has=page.locator('a[href*="a-c-1-79-l-53-rev-1"]')).first
        cell = row.locator("td").nth(column).inner_text()
        assert cell.startswith(day) and "A/RES/79/80" in cell, (index, cell)
