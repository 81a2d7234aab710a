"""The header search in Debian's chromium, against the built site on a local server.

Every query of the lists below is typed into the header search box of a page of its
language; the passages it must find are derived from the document model by substring
search (a record is the title with the symbol, the sponsors, a paragraph or a footnote),
never copied from the results. Each query must find all of them (recall 100% on the list),
nothing from the other language, and, in Chinese, nothing that does not contain the query
(punctuation and spaces aside). Clicking a result opens the page at its paragraph.

Any request to another host fails the test; the screenshots of a Chinese and an English
result list are kept in test-artifacts/.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import BuiltSite, LocalServer, _QuietHandler, make_project, page_url

from build_tools.pages import LANGUAGES, Page
from build_tools.site import build_site
from build_tools.site.porter import porter
from build_tools.site.search import STOP_WORDS, fold, indexed_document, terms, tokens
from build_tools.states import load_states

pytestmark = [pytest.mark.browser, pytest.mark.site]

ZH_QUERIES = (
    # Treaties: short names and full titles, with and without the book-title marks.
    "不扩散核武器条约", "《不扩散核武器条约》", "联合国宪章", "条约汇编",
    "关于禁止发展、生产和储存细菌(生物)及毒素武器和销毁此种武器的公约",
    "关于禁止发展、生产、储存和使用化学武器及销毁此种武器的公约",
    # Words and phrases.
    "国际合作", "和平利用", "发展中国家", "会员国", "化学武器", "生物武器", "大规模毁灭性武器",
    "运载工具", "可持续发展", "能力建设", "秘书长", "单方面胁迫性措施", "主权平等",
    "科学、技术和创新", "国际原子能机构", "技术合作方案", "不扩散管制安排", "无歧视", "核", "扩散",
    # Sponsors.
    "俄罗斯联邦", "委内瑞拉玻利瓦尔共和国", "老挝人民民主共和国", "阿拉伯叙利亚共和国", "中国",
    # Symbols, sessions, citations.
    "76/234", "A/77/96", "第77/96号", "A/C.1/79/L.53/Rev.1", "第七十七届会议", "第八十一届会议",
    "第729卷", "10485",
)
EN_QUERIES = (
    # Treaties.
    "Treaty on the Non-Proliferation of Nuclear Weapons", "Charter of the United Nations",
    "Convention on the Prohibition of the Development, Production, Stockpiling and Use of "
    "Chemical Weapons and on Their Destruction",
    "Bacteriological (Biological) and Toxin Weapons", "Treaty Series", "nuclear weapons",
    # Words and phrases.
    "international cooperation", "peaceful uses", "peaceful purposes", "developing countries",
    "Member States", "weapons of mass destruction", "means of delivery", "sustainable development",
    "capacity-building", "Secretary-General", "unilateral coercive measures", "sovereign equality",
    "science, technology and innovation", "International Atomic Energy Agency",
    "technical cooperation programme", "non-proliferation control arrangements", "article XI",
    # Sponsors.
    "Russian Federation", "Venezuela (Bolivarian Republic of)", "Lao People’s Democratic Republic",
    # Symbols and sessions.
    "76/234", "A/77/96", "A/C.1/79/L.53/Rev.1", "seventy-seventh session", "10485",
)
QUERIES = {"zh": ZH_QUERIES, "en": EN_QUERIES}

Hit = tuple[str, str, str]
"""A result: page URL, anchor, record kind (``title``, ``sponsors``, ``pp``, ``op``, ``fn``)."""


# ---- what each query must find, from the document model ----------------------------------


def model_records(page: Page, base: str) -> list[tuple[Hit, str]]:
    """The records of a document page, as the model has them, with their text."""
    document, info = page.document, page.info
    assert document is not None and info is not None and document.lang == page.lang
    url = urljoin(base, page_url(page.path, page.lang))
    states = load_states()
    names = [states.by_code(s.code).name(page.lang) for s in document.sponsors]
    assert names == [s.name for s in document.sponsors]  # the names as the text prints them
    records = [((url, "title", "title"), f"{info.symbol} {document.title}"),
               ((url, "title", "sponsors"), ("、" if page.lang == "zh" else ", ").join(names))]
    for paragraph in document.paragraphs:
        kind = "op" if paragraph.anchor.startswith("op") else "pp"
        records.append(((url, paragraph.anchor, kind), paragraph.text))
    records += [((url, f"fn:{n.number}", "fn"), n.text) for n in document.footnotes]
    return records


def records_of(built_site: BuiltSite, lang: str) -> list[tuple[Hit, str]]:
    pages = [p for p in built_site.pages if p.lang == lang and p.info is not None]
    return [record for page in pages for record in model_records(page, built_site.site_url)]


def expected(records: list[tuple[Hit, str]], query: str, lang: str) -> set[Hit]:
    """Records containing the query: exactly in Chinese, ignoring case in English."""
    if lang == "zh":
        return {hit for hit, text in records if query in text}
    return {hit for hit, text in records if query.lower() in text.lower()}


def loose(text: str) -> str:
    """Folded, without punctuation or spaces."""
    return re.sub(r"[\W_]", "", fold(text))


def holds_every_word(text: str, query: str) -> bool:
    words = tokens(text)
    stems = {porter(w) for w in words}
    wanted = [w for w in tokens(query) if w not in STOP_WORDS]
    return all(porter(w) in stems or any(t.startswith(w) for t in words) for w in wanted[:-1]) and (
        not wanted or any(t.startswith(wanted[-1]) or porter(t) == porter(wanted[-1]) for t in words))


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


def home(built_site: BuiltSite, lang: str) -> str:
    return urljoin(built_site.site_url, page_url("index.md", lang))


def search(page: Any, query: str) -> None:
    """Type ``query`` into the header search box and wait for its results."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)


def all_hits(page: Any) -> list[Hit]:
    """Every result, after showing every document and every paragraph of each."""
    while page.locator(".un-search__more:visible").count():
        before = page.locator(".un-search__doc").count()
        page.locator(".un-search__more").click()
        page.wait_for_function(
            "n => document.querySelectorAll('.un-search__doc').length > n"
            " || document.querySelector('.un-search__more').hidden", arg=before)
    for button in page.locator(".un-search__expand").all():
        button.click()
    assert page.locator(".un-search__entry[hidden]").count() == 0
    found = page.eval_on_selector_all(
        "a.un-search__hit", "links => links.map(a => [a.href.split('#')[0], a.dataset.anchor, a.dataset.kind])")
    return [tuple(hit) for hit in found]


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return bool(0 <= box["y"] < page.evaluate("window.innerHeight"))


# ---- tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_query_finds_its_passages_and_nothing_from_the_other_language(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, artifacts: Path
) -> None:
    page, _ = tab
    records = records_of(built_site, lang)
    texts = dict(records)
    own = urljoin(built_site.site_url, "en/" if lang == "en" else "")
    page.goto(home(built_site, lang))
    assert len(QUERIES[lang]) >= (30 if lang == "zh" else 20)
    missed = {}
    for query in QUERIES[lang]:
        wanted = expected(records, query, lang)
        assert wanted, f"{query!r} is not in the {lang} content: fix the query list"
        search(page, query)
        if query == ("国际合作" if lang == "zh" else "international cooperation"):
            page.mouse.move(5, 890)  # no hover effect in the picture
            page.screenshot(path=str(artifacts / f"search-{lang}.png"))
        found = all_hits(page)
        assert len(found) == len(set(found)), query
        assert all(url.startswith(own) and (lang == "en" or "/en/" not in url) for url, _, _ in found), query
        if wanted - set(found):
            missed[query] = sorted(wanted - set(found))
        for hit in found:
            assert hit in texts, (query, hit)
            if lang == "zh":
                assert loose(query) in loose(texts[hit]), (query, hit)
            else:
                assert holds_every_word(texts[hit], query), (query, hit)
    assert missed == {}


@pytest.mark.parametrize(("lang", "query"), [("zh", "nuclear weapons"), ("zh", "cooperation"),
                                             ("en", "不扩散核武器条约"), ("en", "国际合作")])
def test_a_query_in_the_other_language_finds_nothing(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, query: str
) -> None:
    page, requests = tab
    page.goto(home(built_site, lang))
    search(page, query)
    assert all_hits(page) == []
    assert page.locator(".un-search__status").inner_text() == (
        "没有找到包含这些字词的段落" if lang == "zh" else "No passage contains these words")
    other = "search/" if lang == "en" else "en/search/"
    assert not [url for url in requests.urls if urlsplit(url).path.startswith("/" + other)]


def test_english_words_are_found_by_their_stem(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, _ = tab
    page.goto(home(built_site, "en"))
    records = records_of(built_site, "en")
    for query, stem in (("cooperate", "cooper"), ("proliferating", "prolifer"), ("weapon", "weapon")):
        search(page, query)
        found = set(all_hits(page))
        wanted = {hit for hit, text in records if stem in {porter(w) for w in tokens(text)}}
        assert wanted and found == wanted, query


@pytest.mark.parametrize(("lang", "query", "anchor"), [
    ("zh", "不扩散核武器条约", "pp2"),
    ("zh", "A/77/96", "fn:4"),
    ("en", "International Atomic Energy Agency", "pp16"),
])
def test_clicking_a_result_opens_the_page_at_its_paragraph(
    tab: tuple[Any, Requests], built_site: BuiltSite, lang: str, query: str, anchor: str
) -> None:
    page, _ = tab
    page.goto(home(built_site, lang))
    search(page, query)
    link = page.locator(f'a.un-search__hit[data-anchor="{anchor}"]').first
    target = link.get_attribute("href")
    assert target and target.endswith("#" + anchor)
    link.click()
    page.wait_for_url(urljoin(page.url, target))
    selector = f'[id="{anchor}"]'
    assert in_view(page, selector)
    assert page.evaluate("s => document.querySelector(s).matches(':target')", selector)
    assert not page.locator("#__search").is_checked()


def test_the_keyboard_opens_the_search_and_a_result(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, _ = tab
    page.goto(home(built_site, "zh"))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("联合国宪章")
    page.wait_for_function(
        "document.querySelector('[data-un-search]').getAttribute('data-un-results') === '联合国宪章'")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.anchor") == "pp3"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#pp3$"))
    assert in_view(page, '[id="pp3"]')


def test_the_index_is_downloaded_in_parts(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, requests = tab
    page.goto(home(built_site, "zh"))
    search(page, "不扩散核武器条约")
    fetched = [urlsplit(url).path for url in requests.urls if "/search/" in urlsplit(url).path]
    chunks = [path for path in fetched if "/terms/" in path]
    total = len(list((built_site.site_dir / "search" / "terms").iterdir()))
    assert "/search/meta.json.gz" in fetched and "/search/docs/0.json.gz" in fetched
    assert 0 < len(chunks) < total or total == 1


# ---- filters, on a site with a second document -----------------------------------------------


@dataclass(frozen=True)
class TwoDocuments:
    base: str
    pages: tuple[Page, ...]


def variant(page: Page) -> Page:
    """The page of another document: a resolution of the Second Committee, 78th session."""
    assert page.document is not None and page.info is not None
    slug, symbol = "a-res-78-12", "A/RES/78/12"
    document = dataclasses.replace(page.document, slug=slug, symbol=symbol, kind="resolution", session=78,
                                   committee="second")
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
    return page.eval_on_selector_all(".un-search__doc .un-search__symbol", "s => s.map(e => e.textContent)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filters_keep_the_documents_of_a_kind_session_or_committee(
    tab: tuple[Any, Requests], two_documents: TwoDocuments, lang: str
) -> None:
    page, _ = tab
    page.goto(urljoin(two_documents.base, page_url("index.md", lang)))
    query = "国际合作" if lang == "zh" else "international cooperation"
    search(page, query)
    assert sorted(symbols_shown(page)) == ["A/C.1/79/L.53/Rev.1", "A/RES/78/12"]
    choices = {
        "kind": ("resolution", "A/RES/78/12"),
        "session": ("78", "A/RES/78/12"),
        "committee": ("first", "A/C.1/79/L.53/Rev.1"),
    }
    for name, (value, symbol) in choices.items():
        select = page.locator(f'.un-search__filters select[name="{name}"]')
        labels = select.locator("option").all_inner_texts()
        assert len(labels) == 3  # all, and the two documents' values
        index = page.evaluate(
            "([n, v]) => window.unSearch.box.index.meta.filters"
            ".find(f => f.name === n).values.findIndex(x => x[0] === v)", [name, value])
        select.select_option(str(index))
        page.wait_for_function(
            "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)
        assert symbols_shown(page) == [symbol], name
        select.select_option("")
        page.wait_for_function(
            "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg=query)
    assert len(symbols_shown(page)) == 2


# ---- the same terms in the browser as in the index -----------------------------------------


def test_the_browser_makes_the_same_terms_as_the_index(tab: tuple[Any, Requests], built_site: BuiltSite) -> None:
    page, _ = tab
    page.goto(home(built_site, "zh"))
    page.wait_for_function("window.unSearch")
    for lang in LANGUAGES:
        texts = [record.text for p in built_site.pages if p.lang == lang
                 for record in (indexed_document(p).records if indexed_document(p) else ())]
        texts += [*QUERIES[lang], "７６／２３４ Côte d’Ivoire ＡＢＣ 〇 𠀀𠀁 ﬁnance Ⅻ"]
        found = page.evaluate(
            "([texts, lang, stop]) => texts.map(t => window.unSearch.terms(t, lang, new Set(stop)))",
            [texts, lang, list(STOP_WORDS)])
        for text, result in zip(texts, found, strict=True):
            counted, length = terms(text, lang)
            assert (result["terms"], result["length"]) == (dict(counted), length), text
    words = sorted({w for p in built_site.pages if p.lang == "en" and p.document is not None
                    for para in p.document.paragraphs for w in tokens(para.text) if w.isascii() and w.isalpha()})
    stems = page.evaluate("words => words.map(w => window.unSearch.porter(w))", words)
    assert stems == [porter(w) for w in words]
