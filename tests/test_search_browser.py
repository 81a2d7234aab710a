"""The header search in Debian's chromium, against the built site on a local server.

Two kinds of checks, both in each language:

* the rows of the table of what readers type (issue 15): typed into the header search box,
  the results read from the page (what a reader sees: the records shown, the status line,
  the pointer to the other language, the highlighted landing paragraph);
* a query set derived from the document model, never from the results: for each paragraph
  and footnote a quoted phrase of it (the paragraph must be found and ranked first) and two
  of its words in the other order, in Chinese the phrase in traditional characters too; the
  symbols and treaties its references cite; each sponsor's name (the sponsors first). The set
  runs through ``window.unSearch.query`` (search.js on the built index, in the page); its pass
  rate is printed and written to test-artifacts/, and must be 100 %; every result must be
  explained by a matched term.

Any request to another host fails the test; screenshots are kept in test-artifacts/.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from conftest import BuiltSite, LocalServer, _QuietHandler, make_project, page_url

from build_tools.labels import label
from build_tools.languages import site_languages
from build_tools.model import Document, Reference
from build_tools.pages import Page
from build_tools.site import build_site
from build_tools.site.porter import porter
from build_tools.site.search_records import indexed_document
from build_tools.site.search_text import STOP_WORDS, fold, han_table, record_terms
from build_tools.states import load_states
from build_tools.treaties import load_treaties

pytestmark = [pytest.mark.browser, pytest.mark.site]

Hit = tuple[str, str]
"""A result as the page shows it: (anchor, record kind)."""


# ---- the browser ------------------------------------------------------------------------


class Requests:
    """Every request the page makes; any to another host is refused and recorded."""

    def __init__(self) -> None:
        self.refused: list[str] = []
        self.urls: list[str] = []

    def route(self, route: Any) -> None:
        url = route.request.url
        self.urls.append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, Requests]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests = Requests()
    context.route("**/*", requests.route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page, requests
    finally:
        context.close()
    assert requests.refused == []
    assert errors == []


def home(base: str, lang: str) -> str:
    return urljoin(base, page_url("index.md", lang))


def search(page: Any, query: str) -> None:
    """Type ``query`` into the header search box and wait for its results."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)


def shown(page: Any) -> list[Hit]:
    """Every result in the list, in order, after showing every document and passage."""
    while page.locator(".un-search__more:visible").count():
        before = page.locator(".un-search__doc").count()
        page.locator(".un-search__more").click()
        page.wait_for_function(
            "n => document.querySelectorAll('.un-search__doc').length > n"
            " || document.querySelector('.un-search__more').hidden", arg=before)
    for button in page.locator(".un-search__expand").all():
        button.click()
    found = page.eval_on_selector_all("a.un-search__hit", "links => links.map(a => [a.dataset.anchor, a.dataset.kind])")
    return [tuple(hit) for hit in found]


def status(page: Any) -> str:
    return str(page.locator(".un-search__status").inner_text())


# ---- the model ---------------------------------------------------------------------------


def own_document(built_site: BuiltSite, lang: str) -> Document:
    documents = [p.document for p in built_site.pages if p.lang == lang and p.document is not None
                 and p.document.lang == lang]
    assert len(documents) == 1, "the content has one document; the cases below are written for it"
    return documents[0]


def passages(document: Document) -> list[tuple[Hit, str, tuple[Reference, ...]]]:
    """The paragraphs and footnotes as the model has them: (anchor, kind), text, references."""
    out = [((p.anchor, "op" if p.anchor.startswith("op") else "pp"), p.text, p.references)
           for p in document.paragraphs]
    return out + [((f"fn:{n.number}", "fn"), n.text, n.references) for n in document.footnotes]


def citing(document: Document, kind: str, target: str) -> set[Hit]:
    return {hit for hit, _, refs in passages(document) if any(r.kind == kind and r.target == target for r in refs)}


def containing(document: Document, text: str) -> set[Hit]:
    return {hit for hit, body, _ in passages(document) if fold(text) in fold(body)}


def notes(built_site: BuiltSite, lang: str, text: str) -> set[Hit]:
    pages = [p for p in built_site.pages if p.lang == lang and p.info is not None]
    found = set()
    for page in pages:
        indexed = indexed_document(page)
        assert indexed is not None
        found |= {(r.anchor, r.kind) for r in indexed.records if r.kind == "note" and text in r.text}
    assert found, f"no editor's note of the {lang} content holds {text!r}"
    return found


# ---- the rows of the table -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    lang: str
    queries: tuple[str, ...]
    check: Callable[[BuiltSite, Document, list[Hit]], None]
    """Raises when the results (as shown) are not what the row expects."""


def _all_of(wanted: Callable[[Document], set[Hit]]) -> Callable[[BuiltSite, Document, list[Hit]], None]:
    def check(site: BuiltSite, document: Document, found: list[Hit]) -> None:
        expected = wanted(document)
        assert expected, "the row expects passages the content does not have"
        assert expected <= set(found), sorted(expected - set(found))
    return check


def _words_together(*words: str) -> Callable[[BuiltSite, Document, list[Hit]], None]:
    def check(site: BuiltSite, document: Document, found: list[Hit]) -> None:
        texts = {hit: body for hit, body, _ in passages(document)}
        both = {hit for hit, body in texts.items() if all(_holds(body, w) for w in words)}
        assert both and both <= set(found)
        assert all(all(_holds(texts[h], w) for w in words) for h in found if h in texts), found
    return check


def _holds(text: str, word: str) -> bool:
    if re.search(r"[\u4e00-\u9fff]", word):
        return fold(word) in fold(text)
    stems = {porter(w) for w in re.findall(r"[a-z]+", fold(text).replace("-", ""))}
    return porter(word) in stems or porter(word) in {porter(w) for w in re.findall(r"[a-z]+", fold(text))}


def _kind(kind: str) -> Callable[[BuiltSite, Document, list[Hit]], None]:
    def check(site: BuiltSite, document: Document, found: list[Hit]) -> None:
        assert (("title", kind)) in found, found
    return check


def _report_only(site: BuiltSite, document: Document, found: list[Hit]) -> None:
    report = citing(document, "document", "A/77/96")
    resolution = citing(document, "resolution", "A/RES/77/96") - report
    assert report and report <= set(found)
    assert not resolution & set(found), sorted(resolution & set(found))  # pp1, resolution 77/96


def _sponsor_first(site: BuiltSite, document: Document, found: list[Hit]) -> None:
    assert found and found[0] == ("title", "sponsors"), found


def _the_note(lang: str, text: str) -> Callable[[BuiltSite, Document, list[Hit]], None]:
    def check(site: BuiltSite, document: Document, found: list[Hit]) -> None:
        assert notes(site, lang, text) <= set(found), found
    return check


def _symbol(target: str, kind: str) -> Callable[[BuiltSite, Document, list[Hit]], None]:
    def check(site: BuiltSite, document: Document, found: list[Hit]) -> None:
        expected = citing(document, kind, target)
        assert expected and expected <= set(found), found
        assert ("cites", "cites") in found, found
    return check


def _same_as(other: str) -> Callable[[BuiltSite, Document, list[Hit]], None]:
    """Checked by :func:`test_each_row_of_the_table`: the same results as ``other``."""
    def check(site: BuiltSite, document: Document, found: list[Hit]) -> None:
        raise AssertionError(other)  # never called
    check.same_as = other  # type: ignore[attr-defined]
    return check


ROWS = {
    "two words": Row("zh", ("核武器 扩散", "扩散 核武器"), _words_together("核武器", "扩散")),
    "two words en": Row("en", ("nuclear proliferation", "proliferation nuclear"),
                        _words_together("nuclear", "proliferation")),
    "resolution symbol": Row("zh", ("A/RES/77/96", "a/res/77/96", "77/96"), _symbol("A/RES/77/96", "resolution")),
    "resolution number": Row("zh", ("第77/96号决议", "第 77/96 号"),
                             _all_of(lambda d: citing(d, "resolution", "A/RES/77/96"))),
    # 第76/234号和第77/96号决议: the text does not print 第76/234号决议 as one string.
    "resolution number apart": Row("zh", ("第76/234号决议",),
                                   _all_of(lambda d: citing(d, "resolution", "A/RES/76/234"))),
    "resolution symbol en": Row("en", ("A/RES/77/96", "a/res/77/96", "77/96"), _symbol("A/RES/77/96", "resolution")),
    "report symbol": Row("zh", ("A/77/96", "a/77/96"), _report_only),
    "report symbol en": Row("en", ("A/77/96", "a/77/96"), _report_only),
    "draft symbol": Row("zh", ("A/C.1/79/L.53/Rev.1", "L.53", "l.53/rev.1"), _kind("title")),
    "draft symbol en": Row("en", ("A/C.1/79/L.53/Rev.1", "L.53", "a/c.1/79/l.53"), _kind("title")),
    "traditional": Row("zh", ("國際合作",), _same_as("国际合作")),
    "traditional body": Row("zh", ("國際原子能機構",), _same_as("国际原子能机构")),
    "sponsor": Row("zh", ("中国", "巴基斯坦"), _sponsor_first),
    "sponsor en": Row("en", ("China", "Pakistan"), _sponsor_first),
    "metadata": Row("zh", ("第一委员会", "订正决议草案", "议程项目106", "2024", "第七十九届会议"), _kind("meta")),
    "metadata en": Row("en", ("first committee", "agenda item 106", "2024", "revised draft resolution",
                              "seventy-ninth session"), _kind("meta")),
    "treaty": Row("zh", ("NPT", "不扩散条约", "《不扩散核武器条约》"), _all_of(lambda d: citing(d, "treaty", "npt"))),
    "treaty en": Row("en", ("NPT", "Treaty on the Non-Proliferation of Nuclear Weapons"),
                     _all_of(lambda d: citing(d, "treaty", "npt"))),
    "agency": Row("zh", ("IAEA", "国际原子能机构"), _all_of(lambda d: containing(d, "国际原子能机构"))),
    "agency en": Row("en", ("IAEA",), _all_of(lambda d: containing(d, "International Atomic Energy Agency"))),
    "hyphen": Row("en", ("nonproliferation",), _same_as("non-proliferation")),
    "note": Row("zh", ("不是同一份文件",), _the_note("zh", "不是同一份文件")),
    "note en": Row("en", ('"shares its number"', "shares its number"), _the_note("en", "shares its number")),
}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_each_row_of_the_table(tab: tuple[Any, Requests], built_site: BuiltSite, name: str) -> None:
    page, _ = tab
    row = ROWS[name]
    document = own_document(built_site, row.lang)
    page.goto(home(built_site.site_url, row.lang))
    for query in row.queries:
        search(page, query)
        found = shown(page)
        assert found, (name, query, status(page))
        same = getattr(row.check, "same_as", None)
        if same is None:
            row.check(built_site, document, found)
        else:
            search(page, same)
            assert shown(page) == found, (query, same)
        explained = page.eval_on_selector_all("a.un-search__hit", "a => a.map(x => JSON.parse(x.dataset.matched))")
        assert all(any(m) for m in explained), (query, explained)


def test_a_state_inside_a_longer_word_is_not_that_state(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, _ = tab
    document = own_document(built_site, "zh")
    assert containing(document, "发展中国家")  # the trap is there
    page.goto(home(built_site.site_url, "zh"))
    search(page, "中国")
    assert shown(page) == [("title", "sponsors")]


@pytest.mark.parametrize(("lang", "query"), [("en", "the"), ("en", "of the"), ("en", '"of the"'), ("zh", "the")])
def test_a_query_of_stop_words_says_they_are_too_common(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, query: str
) -> None:
    page, _ = tab
    assert all(w in STOP_WORDS for w in query.strip('"').split())
    page.goto(home(built_site.site_url, lang))
    search(page, query)
    assert shown(page) == []
    assert status(page) == label("search.common", lang)


@pytest.mark.parametrize(("lang", "query", "other"), [
    ("en", "中国", "zh"), ("en", "国际合作", "zh"),
    ("zh", "Pakistan", "en"), ("zh", "nuclear weapons", "en")])
def test_nothing_here_points_at_the_results_in_the_other_language(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, query: str, other: str, artifacts: Path
) -> None:
    page, _ = tab
    page.goto(home(built_site.site_url, lang))
    search(page, query)
    assert shown(page) == []
    assert status(page) == label("search.none", lang)
    assert int(page.locator("[data-un-search]").get_attribute("data-un-elsewhere")) >= 1
    link = page.locator("a.un-search__elsewhere")
    href = link.get_attribute("href")
    assert href and link.get_attribute("data-lang") == other
    assert parse_qs(urlsplit(href).query)["q"] == [query]
    assert urlsplit(href).path == urlsplit(home(built_site.site_url, other)).path
    if query == "中国":
        page.screenshot(path=str(artifacts / "search-elsewhere-en.png"))
    # Material's language selector reads the sitemaps, then takes clicks on links into the
    # other language's root: wait until it has, so that the link is followed with it armed.
    page.wait_for_load_state("networkidle")
    link.click()  # the other language's home page opens with the query's results
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(href).path)
    page.wait_for_function("q => { const root = document.querySelector('[data-un-search]');"
                           " return root !== null && root.getAttribute('data-un-results') === q; }", arg=query)
    assert shown(page)


@pytest.mark.parametrize(("lang", "query", "anchor", "words"), [
    ("zh", "核武器 扩散", "pp4", ("核武器", "扩散")),
    ("zh", "國際原子能機構", "pp16", ("国际原子能机构",)),
    ("en", "International Atomic Energy Agency", "pp16", ("International Atomic Energy Agency",)),
    ("en", "weapons nuclear", "pp4", ("nuclear", "weapons")),
])
def test_the_landing_paragraph_highlights_the_words_that_matched(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, query: str, anchor: str, words: tuple[str, ...],
    artifacts: Path,
) -> None:
    page, _ = tab
    page.goto(home(built_site.site_url, lang))
    search(page, query)
    link = page.locator(f'a.un-search__hit[data-anchor="{anchor}"]').first
    target = link.get_attribute("href")
    assert target and urlsplit(target).fragment == anchor
    link.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    page.wait_for_selector(f'[id="{anchor}"][data-un-highlighted]')
    marked = page.eval_on_selector_all(f'[id="{anchor}"] mark.un-search-mark', "m => m.map(x => x.textContent)")
    assert marked
    for word in words:
        assert any(word.lower() in m.lower() or m.lower() in word.lower() for m in marked), (word, marked)
    box = page.locator(f'[id="{anchor}"]').bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.screenshot(path=str(artifacts / f"search-landing-{lang}.png"))


def test_the_keyboard_opens_the_search_and_a_result(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, _ = tab
    page.goto(home(built_site.site_url, "zh"))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("联合国宪章")
    page.wait_for_function(
        "document.querySelector('[data-un-search]').getAttribute('data-un-results') === '联合国宪章'")
    page.keyboard.press("ArrowDown")
    anchor = page.evaluate("document.activeElement.dataset.anchor")
    assert anchor
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{re.escape(anchor)}$"))


def test_the_index_is_downloaded_in_parts(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, requests = tab
    page.goto(home(built_site.site_url, "zh"))
    search(page, "不扩散核武器条约")
    fetched = [urlsplit(url).path for url in requests.urls if "/search/" in urlsplit(url).path]
    chunks = [path for path in fetched if "/terms/" in path]
    total = len(list((built_site.site_dir / "search" / "terms").iterdir()))
    assert "/search/meta.json.gz" in fetched and "/search/docs/0.json.gz" in fetched
    assert 0 < len(chunks) < total or total == 1


# ---- the query set, derived from the model ---------------------------------------------------


@dataclass(frozen=True)
class Case:
    query: str
    wanted: frozenset[Hit]
    first: bool = False
    """The first of ``wanted`` must be the first result (a quoted phrase of one passage)."""


def _simplified_to_traditional() -> dict[str, str]:
    """A traditional form of each simplified character that has exactly one in the table."""
    forms: dict[str, set[str]] = {}
    for traditional, simplified in han_table().items():
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
            forms.setdefault(simplified, set()).add(traditional)
    return {s: next(iter(t)) for s, t in forms.items() if len(t) == 1}


def _phrase(text: str, lang: str, others: list[str]) -> str | None:
    """A stretch of ``text`` found in no other passage: 6 Han characters or 4 words."""
    if lang == "zh":
        runs = [m.group() for m in re.finditer(r"[\u4e00-\u9fff]{6,}", text)]
        pieces = [run[i : i + 6] for run in runs for i in range(0, len(run) - 5, 3)]
    else:
        words = text.split(" ")
        pieces = [" ".join(words[i : i + 4]) for i in range(0, max(0, len(words) - 3), 2)
                  if all(re.fullmatch("[A-Za-z]+", w) for w in words[i : i + 4])]
    for piece in pieces[len(pieces) // 2 :] + pieces[: len(pieces) // 2]:
        if lang == "en" and all(w.lower() in STOP_WORDS for w in piece.split()):
            continue
        if not any(fold(piece) in fold(other) for other in others):
            return piece
    return None


def _two_words(text: str, lang: str) -> tuple[str, str] | None:
    if lang == "zh":
        runs = [m.group() for m in re.finditer(r"[\u4e00-\u9fff]{8,}", text)]
        return (runs[0][4:6], runs[0][0:2]) if runs else None
    words = [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in STOP_WORDS]
    return (words[-1], words[0]) if len(words) >= 2 and words[0] != words[-1] else None


def query_set(built_site: BuiltSite, lang: str) -> list[Case]:
    """The queries of one language with what each must find, from the model."""
    document = own_document(built_site, lang)
    items = passages(document)
    texts = [body for _, body, _ in items]
    traditional = _simplified_to_traditional()
    cases: list[Case] = []
    for hit, body, references in items:
        others = [t for t in texts if t is not body]
        phrase = _phrase(body, lang, others)
        if phrase:
            cases.append(Case(f'"{phrase}"', frozenset({hit}), first=True))
            if lang == "zh" and any(c in traditional for c in phrase):
                cases.append(Case("".join(traditional.get(c, c) for c in phrase), frozenset({hit})))
        words = _two_words(body, lang)
        if words:
            cases.append(Case(" ".join(words), frozenset({hit})))
        for reference in references:
            if reference.kind in ("resolution", "document"):
                cases.append(Case(reference.target, frozenset({hit})))
                cases.append(Case(reference.target.lower(), frozenset({hit})))
            elif reference.kind == "treaty":
                treaty = load_treaties().by_id(reference.target)
                acronyms = [n for n in treaty.short("en") if re.fullmatch("[A-Z]{2,}", n)]
                for name in dict.fromkeys((treaty.title(lang), *treaty.short(lang), *acronyms)):
                    cases.append(Case(name, frozenset({hit})))
    states = load_states()
    for sponsor in document.sponsors:
        cases.append(Case(states.by_code(sponsor.code).name(lang), frozenset({("title", "sponsors")}), first=True))
    return list({(c.query, c.wanted): c for c in cases}.values())


def run_queries(page: Any, queries: list[str]) -> list[list[dict[str, Any]]]:
    return list(page.evaluate("async qs => { const out = []; for (const q of qs)"
                              " out.push(await window.unSearch.query(q)); return out; }", queries))


@pytest.mark.parametrize("lang", site_languages())
def test_the_query_set_finds_every_passage_it_is_made_from(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, artifacts: Path
) -> None:
    page, _ = tab
    cases = query_set(built_site, lang)
    assert len(cases) >= 80, len(cases)
    page.goto(home(built_site.site_url, lang))
    page.wait_for_function("window.unSearch")
    results = run_queries(page, [c.query for c in cases])
    failed, lines = [], []
    for case, hits in zip(cases, results, strict=True):
        found = [(h["anchor"], h["kind"]) for h in hits]
        missing = set(case.wanted) - set(found)
        wrong_first = case.first and (not found or found[0] not in case.wanted)
        unexplained = [h["anchor"] for h in hits if not any(h["matched"])]
        ok = not missing and not wrong_first and not unexplained
        lines.append(f"{'pass' if ok else 'FAIL'}\t{case.query}\t{sorted(case.wanted)}\t{found[:5]}")
        if not ok:
            failed.append((case.query, sorted(missing), found[:3], unexplained))
    rate = 100 * (len(cases) - len(failed)) / len(cases)
    summary = f"{lang}: {len(cases) - len(failed)} of {len(cases)} queries pass ({rate:.1f} %)"
    (artifacts / f"search-queryset-{lang}.tsv").write_text("\n".join([summary, *lines]) + "\n", encoding="utf-8")
    print(summary)
    assert failed == [], summary


# ---- filters, on a site with a second document -----------------------------------------------


@dataclass(frozen=True)
class TwoDocuments:
    base: str
    pages: tuple[Page, ...]


def variant(page: Page) -> Page:
    """The page of another document: a resolution of the Second Committee, 78th session,
    with no sponsors."""
    assert page.document is not None and page.info is not None
    slug, symbol = "a-res-78-12", "A/RES/78/12"
    document = dataclasses.replace(page.document, slug=slug, symbol=symbol, kind="resolution", session=78,
                                   committee="second", sponsors=())
    info = dataclasses.replace(page.info, slug=slug, symbol=symbol, kind="resolution",
                               kind_label="决议" if page.lang == "zh" else "resolution", session=78)
    return dataclasses.replace(page, path=f"resolutions/{slug}.md", document=document, info=info)


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory: pytest.TempPathFactory, collection: tuple[Page, ...]) -> Iterator[TwoDocuments]:
    root = tmp_path_factory.mktemp("two") / "site"
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served = LocalServer(f"http://127.0.0.1:{server.server_address[1]}/", root)
    pages = (*collection, *(variant(p) for p in collection if p.info is not None))
    try:
        build_site(pages, make_project(tmp_path_factory.mktemp("project")), root, site_url=served.base_url)
        yield TwoDocuments(served.base_url, pages)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def symbols_shown(page: Any) -> list[str]:
    return list(page.eval_on_selector_all(".un-search__doc .un-search__symbol", "s => s.map(e => e.textContent)"))


@pytest.mark.parametrize("lang", site_languages())
def test_filters_keep_the_documents_of_a_kind_session_committee_or_sponsor(
    tab: tuple[Any, Requests], two_documents: TwoDocuments, lang: str
) -> None:
    page, _ = tab
    page.goto(home(two_documents.base, lang))
    query = "国际合作" if lang == "zh" else "international cooperation"
    search(page, query)
    assert sorted(symbols_shown(page)) == ["A/C.1/79/L.53/Rev.1", "A/RES/78/12"]
    page.locator(".un-search__filter-toggle").click()
    choices = {"kind": ("resolution", "A/RES/78/12"), "session": ("78", "A/RES/78/12"),
               "committee": ("first", "A/C.1/79/L.53/Rev.1"), "sponsor": ("cn", "A/C.1/79/L.53/Rev.1")}
    for name, (value, symbol) in choices.items():
        select = page.locator(f'.un-search__filters select[name="{name}"]')
        select.select_option(value)
        page.wait_for_function(
            "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)
        assert symbols_shown(page) == [symbol], name
        select.select_option("")
        page.wait_for_function(
            "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)
    assert len(symbols_shown(page)) == 2


def test_china_s_document_comes_first_for_china(tab: tuple[Any, Requests], two_documents: TwoDocuments) -> None:
    page, _ = tab
    page.goto(home(two_documents.base, "zh"))
    search(page, "中国")
    assert symbols_shown(page) == ["A/C.1/79/L.53/Rev.1"]  # the other one has no sponsors


# ---- the same terms in the browser as in the index -----------------------------------------


def test_the_browser_makes_the_same_terms_as_the_index(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, _ = tab
    page.goto(home(built_site.site_url, "zh"))
    page.wait_for_function("window.unSearch")
    for lang in site_languages():
        indexed = [indexed_document(p) for p in built_site.pages if p.lang == lang]
        records = [r for i in indexed if i is not None for r in i.records]
        texts: list[tuple[str, list[str]]] = [(r.text, [e.term for e in r.entities]) for r in records]
        texts += [(t, []) for t in ("７６／２３４ Côte d’Ivoire ＡＢＣ 〇 𠀀𠀁 ﬁnance Ⅻ", "國際合作 non-proliferation",
                                    "A/RES/77/96 a/77/96 第77/96号决议 L.53/Rev.1")]
        found = page.evaluate("([texts, lang]) => window.unSearch.terms(texts, lang)", [texts, lang])
        for (text, entities), result in zip(texts, found, strict=True):
            counted, length = record_terms(text, lang, entities)
            assert (result["terms"], result["length"]) == (dict(counted), length), text
    words = sorted({w for p in built_site.pages if p.lang == "en" and p.document is not None
                    for para in p.document.paragraphs for w in re.findall(r"[a-z]+", para.text.lower())})
    stems = page.evaluate("words => words.map(w => window.unSearch.porter(w))", words)
    assert stems == [porter(w) for w in words]
