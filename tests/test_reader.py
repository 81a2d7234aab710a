"""Citations, paragraph tools, pairing of the two languages: the HTML and Markdown side."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from conftest import BuiltSite, html_file, page_url

from build_tools.collection import convert_folder
from build_tools.diagnostics import Severity
from build_tools.numerals import roman_value
from build_tools.render import anchor_difference
from build_tools.site.citations import citation_year, document_citation, paragraph_citation
from build_tools.site.reader import OtherLanguage, add_reader_tools, other_language, reader_data

ROOT = Path(__file__).resolve().parent.parent
FIRST_DIR = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
DRAFT = {
    "symbol": "A/C.1/79/L.53/Rev.1",
    "kind": "revised-draft-resolution",
    "session": 79,
    "committee": "first",
    "date": None,
    "text_status": "official",
    "languages": {"zh": "official", "en": "unofficial-translation"},
}
RESOLUTION = {**DRAFT, "symbol": "A/RES/79/80", "kind": "resolution", "committee": None, "date": "2024-12-02"}
TITLES = {
    "zh": "在国际安全领域促进和平利用国际合作",
    "en": "Promoting international cooperation on peaceful uses in the context of international security",
}


# ---- citations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "lang", "anchor", "expected"),
    [
        (DRAFT, "en", "op2", "A/C.1/79/L.53/Rev.1, para. 2"),
        (DRAFT, "zh", "op2", "A/C.1/79/L.53/Rev.1号文件第2段"),
        (DRAFT, "en", "pp3", "A/C.1/79/L.53/Rev.1, preambular para. 3"),
        (DRAFT, "zh", "pp3", "A/C.1/79/L.53/Rev.1号文件序言部分第3段"),
        (RESOLUTION, "en", "op2", "A/RES/79/80, para. 2"),
        (RESOLUTION, "zh", "op2", "第79/80号决议第2段"),
        (RESOLUTION, "en", "pp3", "A/RES/79/80, preambular para. 3"),
        (RESOLUTION, "zh", "pp3", "第79/80号决议序言部分第3段"),
        (RESOLUTION, "en", "op3a", "A/RES/79/80, para. 3 (a)"),
        (RESOLUTION, "zh", "op3a", "第79/80号决议第3(a)段"),
        (RESOLUTION, "en", "op3a-ii", "A/RES/79/80, para. 3 (a) (ii)"),
        (RESOLUTION, "zh", "op3a-ii", "第79/80号决议第3(a)(ii)段"),
        (RESOLUTION, "zh", "pp2b", "第79/80号决议序言部分第2(b)段"),
        ({**DRAFT, "symbol": "A/ES-11/L.1", "kind": "draft-resolution"}, "zh", "op1", "A/ES-11/L.1号文件第1段"),
        ({**DRAFT, "symbol": "A/RES/ES-11/1", "kind": "resolution"}, "zh", "op1", "第ES-11/1号决议第1段"),
        (RESOLUTION, "en", "ii-op1", "A/RES/79/80, sect. II, para. 1"),
        (RESOLUTION, "zh", "ii-op1", "第79/80号决议第二节第1段"),
        (RESOLUTION, "zh", "xiv-op1", "第79/80号决议第十四节第1段"),
        (RESOLUTION, "en", "xiv-op1", "A/RES/79/80, sect. XIV, para. 1"),
        (RESOLUTION, "zh", "annex-ix-op1", "第79/80号决议附件九第1段"),
        (RESOLUTION, "en", "b-op2", "A/RES/79/80 B, para. 2"),
        (RESOLUTION, "zh", "b-op2", "第79/80 B号决议第2段"),
        (RESOLUTION, "en", "annex-op3", "A/RES/79/80, annex, para. 3"),
        (RESOLUTION, "zh", "annex-op3", "第79/80号决议附件第3段"),
        (RESOLUTION, "en", "annex-ii-op1", "A/RES/79/80, annex II, para. 1"),
        (RESOLUTION, "zh", "annex-ii-op1", "第79/80号决议附件二第1段"),
        (RESOLUTION, "en", "annex-p2", "A/RES/79/80, annex"),
        ({**DRAFT, "text_status": "unofficial-translation"}, "en", "op2",
         "A/C.1/79/L.53/Rev.1, para. 2 (unofficial translation)"),
        ({**RESOLUTION, "text_status": "unofficial-translation"}, "zh", "op2", "第79/80号决议第2段（非正式译文）"),
    ],
)
def test_paragraph_citations(meta: dict[str, Any], lang: str, anchor: str, expected: str) -> None:
    assert paragraph_citation(meta, lang, anchor) == expected


@pytest.mark.parametrize(("roman", "value"), [("i", 1), ("iv", 4), ("ix", 9), ("XIV", 14), ("xl", 40), ("xc", 90)])
def test_roman_numerals_of_sections_and_annexes(roman: str, value: int) -> None:
    assert roman_value(roman) == value


@pytest.mark.parametrize("text", ["", "iz", "2"])
def test_what_is_not_a_roman_numeral_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a Roman numeral"):
        roman_value(text)


def test_anchors_that_are_not_paragraphs_have_no_citation() -> None:
    assert paragraph_citation(DRAFT, "en", "enacting") is None
    assert paragraph_citation(DRAFT, "en", "fn:1") is None


def test_bibliographic_citation_of_the_first_document() -> None:
    assert document_citation({**DRAFT, "title": TITLES["en"]}, "en") == (
        "General Assembly, revised draft resolution A/C.1/79/L.53/Rev.1, "
        "Promoting international cooperation on peaceful uses in the context of international security, 2024"
    )
    assert document_citation({**DRAFT, "title": TITLES["zh"]}, "zh") == (
        "大会，订正决议草案A/C.1/79/L.53/Rev.1，《在国际安全领域促进和平利用国际合作》，2024年"
    )


def test_bibliographic_citation_of_a_resolution() -> None:
    meta = {**RESOLUTION, "title": "Title"}
    assert document_citation(meta, "en") == "General Assembly resolution 79/80 of 2 December 2024, Title, A/RES/79/80"
    assert document_citation({**meta, "title": "标题"}, "zh") == "大会2024年12月2日第79/80号决议，《标题》，A/RES/79/80"


def test_bibliographic_citation_of_an_unofficial_translation_says_so() -> None:
    meta = {**DRAFT, "title": "T", "text_status": "unofficial-translation"}
    assert document_citation(meta, "en").endswith(", T, 2024 (unofficial translation)")
    assert document_citation({**meta, "date": "2024-10-30"}, "zh").endswith("《T》，2024年10月30日（非正式译文）")


def test_citation_year() -> None:
    assert citation_year(DRAFT) == 2024  # a First Committee draft of the 79th session
    assert citation_year({**DRAFT, "date": "2025-03-01"}) == 2025
    assert citation_year({**DRAFT, "committee": None}) is None  # plenary: could be either year
    assert document_citation({**DRAFT, "committee": None, "title": "T"}, "en").endswith(", T")


# ---- pairing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("pp1 pp2 op1", "pp1 pp2 op1", None),
        ("pp1 pp2 op1", "pp1 pp2 pp3 op1", "pp3"),
        ("pp1 pp2 pp3 op1", "pp1 pp2 op1", "pp3"),
        ("pp1 op1 op2", "pp1 op1", "op2"),
        ("pp1 op1", "pp1 op1 op2", "op2"),
        ("pp1 op1 op1a", "pp1 op1 op2", "op1a"),
        ("pp2 pp1", "pp1 pp2", "pp2"),
    ],
)
def test_anchor_difference_names_the_first_anchor_that_differs(first: str, second: str, expected: str | None) -> None:
    assert anchor_difference(first.split(), second.split()) == expected


def test_texts_that_do_not_align_are_reported_and_marked(tmp_path: Path) -> None:
    """One English preambular paragraph too many: a warning naming it, and a notice on both pages."""
    folder = tmp_path / "content" / "resolutions" / FIRST_DIR.name
    shutil.copytree(FIRST_DIR, folder)
    english = (folder / "en.txt").read_text(encoding="utf-8")
    extra = "Noting also the importance of this test,"
    anchor_line = next(line for line in english.splitlines() if line.lstrip().startswith("Underlining "))
    (folder / "en.txt").write_text(english.replace(anchor_line, f" {extra} \n\n{anchor_line}", 1), encoding="utf-8")
    pages, diagnostics, documents = convert_folder(folder, tmp_path)
    assert len(documents["en"].preamble) == 23, "the fixture did not add a paragraph"
    warnings = [str(d) for d in diagnostics if d.code == "content.languages-disagree"]
    assert len(warnings) == 1
    assert "first differing anchor: pp23 (only in en)" in warnings[0]
    assert all(d.severity is not Severity.ERROR for d in diagnostics)
    zh, en = (next(p for p in pages if p.lang == lang) for lang in ("zh", "en"))
    assert '!!! warning un-not-aligned "中英文本段落不一致"' in zh.markdown
    assert "第一处不同：pp23" in zh.markdown
    assert "(first difference: pp23)" in en.markdown
    assert "\nunpaired:\n- pp23\n" in en.markdown
    assert "unpaired" not in zh.markdown


def test_aligned_texts_have_no_notice(collection: tuple[Any, ...]) -> None:
    for page in collection:
        if page.info is not None:
            assert "un-not-aligned" not in page.markdown, page.path
            assert "\nlanguages:\n  zh: official\n" in page.markdown


# ---- the HTML side ---------------------------------------------------------------------------

PAGE = (
    '<h1 id="title">T</h1>\n<dl><dt>x</dt><dd>y</dd></dl>\n'
    '<p class="un-pp" id="pp1"><em>Recalling</em> a<a class="un-permalink" href="#pp1">¶</a></p>\n'
    '<p class="un-op" data-num="1" id="op1">1&#46; <em>Urges</em> b<a class="un-permalink" href="#op1">¶</a></p>\n'
    '<p class="un-pp un-sub1" id="op1a">(a) c<a class="un-permalink" href="#op1a">¶</a></p>\n'
    '<p class="un-closing">closing</p>\n'
)
EN = OtherLanguage("en", "../../en/resolutions/x/", has_text=True)


def test_tools_hang_numbers_and_link_the_other_language() -> None:
    html = add_reader_tools(PAGE, {**DRAFT, "title": "T"}, "zh", EN)
    assert ('<p class="un-op" data-num="1" id="op1" data-cite="A/C.1/79/L.53/Rev.1号文件第1段">'
            '<span class="un-num">1&#46; </span><em>Urges</em>') in html
    assert ('<p class="un-pp un-sub1" id="op1a" data-cite="A/C.1/79/L.53/Rev.1号文件第1(a)段">'
            '<span class="un-num">(a) </span>c') in html
    assert '<em>Recalling</em> a<span class="un-tools"><a class="un-permalink" href="#pp1">¶</a>' in html
    links = re.findall(r'<a class="un-alt" href="([^"]+)" target="_self" aria-label="EN 本段英文 \(([\w-]+)\)"', html)
    assert links == [(f"../../en/resolutions/x/#{a}", a) for a in ("pp1", "op1", "op1a")]
    assert "closing</p>" in html and html.count("un-tools") == 3
    assert "un-alt__mark" not in html  # the English of this test is official


def test_links_to_an_unofficial_translation_say_so_and_so_do_its_citations() -> None:
    unofficial = OtherLanguage("en", "../../en/resolutions/x/", True, "unofficial-translation")
    html = add_reader_tools(PAGE, {**DRAFT, "title": "T"}, "zh", unofficial)
    assert html.count('EN<span class="un-alt__mark">非正式</span></a>') == 3
    assert 'aria-label="EN非正式 本段英文（非正式译文） (op1)"' in html
    data = reader_data(DRAFT, "zh", unofficial)
    assert data["other"]["mark"] == "（非正式译文）" and data["mark"] == ""
    english = add_reader_tools(PAGE, {**DRAFT, "title": "T", "text_status": "unofficial-translation"}, "en",
                               OtherLanguage("zh", "../x/", True))
    assert 'data-cite="A/C.1/79/L.53/Rev.1, para. 1 (unofficial translation)"' in english
    assert "T, 2024 (unofficial translation)</span>" in english


def test_no_links_to_a_language_without_text_or_to_unpaired_anchors() -> None:
    assert "un-alt" not in add_reader_tools(PAGE, DRAFT, "zh", OtherLanguage("en", "x/", has_text=False))
    assert "un-alt" not in add_reader_tools(PAGE, {**DRAFT, "text_status": "missing"}, "zh", EN)
    html = add_reader_tools(PAGE, {**DRAFT, "unpaired": ["op1a"]}, "zh", EN)
    assert re.findall(r'class="un-alt" href="[^"]+#([\w-]+)"', html) == ["pp1", "op1"]


def test_pages_without_a_symbol_are_left_alone() -> None:
    assert add_reader_tools(PAGE, {"title": "首页"}, "zh", EN) == PAGE


def test_reader_bar_follows_the_metadata_and_carries_the_data() -> None:
    html = add_reader_tools(PAGE, {**DRAFT, "title": "T"}, "en", OtherLanguage("zh", "../../../r/x/", True))
    bar = re.search(r"</dl>(<div class=\"un-reader\" id=\"cite\" data-reader='([^']*)'.*?</div>)\n<p", html)
    assert bar, html
    data = json.loads(bar.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    assert data["other"] == {"lang": "zh", "url": "../../../r/x/", "name": "中文", "mark": ""}
    assert data["labels"]["copied"] == "Copied"
    assert data["labels"]["cite_with_link"] == "{cite}, {url}"
    citation = "General Assembly, revised draft resolution A/C.1/79/L.53/Rev.1, T, 2024"
    assert f'<span class="un-reader__citation">{citation}</span>' in bar.group(1)
    assert 'class="un-reader__toggle" aria-pressed="false"' in bar.group(1) and " hidden>" in bar.group(1)


def test_no_parallel_view_when_either_text_is_missing() -> None:
    assert "other" not in reader_data(DRAFT, "zh", OtherLanguage("en", "x/", has_text=False))
    assert "other" not in reader_data({**DRAFT, "text_status": "missing"}, "zh", EN)
    assert "un-reader__toggle" not in add_reader_tools(PAGE, {**DRAFT, "text_status": "missing"}, "zh", EN)


def test_other_language_comes_from_the_alternates_and_the_front_matter() -> None:
    alternates = {"zh": "./", "en": "../../en/resolutions/x/"}
    assert other_language(DRAFT, "zh", alternates) == OtherLanguage("en", EN.url, True, "unofficial-translation")
    missing = {**DRAFT, "languages": {"zh": "official", "en": "missing"}}
    assert other_language(missing, "zh", alternates) == OtherLanguage("en", EN.url, False, "missing")
    assert other_language({"symbol": "A/1"}, "zh", alternates) is None
    assert other_language(DRAFT, "zh", {"zh": "./"}) is None


# ---- the built site --------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every start tag with its attributes and the text up to the next tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def elements(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def document_pages(built_site: BuiltSite) -> list[Any]:
    return [p for p in built_site.pages if p.info is not None]


@pytest.mark.site
def test_every_paragraph_links_the_same_paragraph_in_the_other_language(built_site: BuiltSite) -> None:
    checked = 0
    for page in document_pages(built_site):
        other = "en" if page.lang == "zh" else "zh"
        here = urljoin(built_site.site_url, page_url(page.path, page.lang))
        tags = elements(built_site.site_dir / html_file(page.path, page.lang))
        ids = [a["id"] for t, a in tags if t == "p" and re.match(r"(pp|op)\d", a.get("id", ""))]
        links = [a for t, a in tags if t == "a" and "un-alt" in a.get("class", "")]
        target_ids = {a["id"] for t, a in elements(built_site.site_dir / html_file(page.path, other)) if "id" in a}
        assert [link["href"].rsplit("#", 1)[1] for link in links] == ids
        for link in links:
            target = urljoin(here, link["href"])
            assert target == urljoin(built_site.site_url, page_url(page.path, other)) + "#" + target.split("#")[1]
            assert link["target"] == "_self"  # else Material routes the click through its switcher
            assert target.split("#")[1] in target_ids
            checked += 1
    assert checked >= 50


@pytest.mark.site
def test_document_pages_carry_the_reader_bar_and_the_note(built_site: BuiltSite) -> None:
    for page in document_pages(built_site):
        path = built_site.site_dir / html_file(page.path, page.lang)
        html = path.read_text(encoding="utf-8")
        bars = re.findall(r"<div class=\"un-reader\" id=\"cite\" data-reader='([^']*)'", html)
        assert len(bars) == 1, path
        data = json.loads(bars[0].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
        assert data["lang"] == page.lang and "{cite}" in data["labels"]["cite_with_link"]
        assert re.search(r"<p class=\"un-(?:pp|op)[^>]* data-cite=\"[^\"]+\"", html), path
        assert '<script src="' in html and 'assets/javascripts/reader.js" defer></script>' in html
        assert re.search(r'<link rel="stylesheet" href="[./]*assets/stylesheets/print.css" media="print">', html)
    first = built_site.site_dir / "resolutions/a-c-1-79-l-53-rev-1/index.html"
    html = first.read_text(encoding="utf-8")
    # The editor's note is plain HTML right under its paragraph (searchable, no script needed).
    note = re.search(r'id="pp21"[^>]*>.*?</p>\s*<div class="admonition un-note">\s*'
                     r'<p class="admonition-title">编者注</p>\s*<p>(.*?)</p>', html, re.S)
    assert note and "A/77/96" in note.group(1) and 'href="#pp1"' in note.group(1)


@pytest.mark.site
def test_reading_tools_keep_pages_small(built_site: BuiltSite) -> None:
    """What this feature adds (bar, links, number spans) stays a small part of a page."""
    for page in document_pages(built_site):
        html = (built_site.site_dir / html_file(page.path, page.lang)).read_text(encoding="utf-8")
        ours = r'<div class="un-reader".*?</div>|<a class="un-alt".*?</a>|<span class="un-num">|<span class="un-tools">'
        added = sum(len(m.encode()) for m in re.findall(ours, html, re.S))
        paragraphs = len(re.findall(r'<p class="un-(?:pp|op)', html))
        assert added < 2500 + 200 * paragraphs, (page.path, added)
        assert added < len(html.encode()) / 4
