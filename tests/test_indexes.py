"""Index pages per language, generated from the models of the invented family and content/."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_versions import ADOPTED, DRAFT, NEXT, REVISION, family_models

from build_tools import collection_pages as collection_stage
from build_tools.cache import ConversionCache
from build_tools.collection import convert_collection
from build_tools.collection_pages import collection_pages
from build_tools.crossref import CitationGraph
from build_tools.indexes import committee_of, index_pages
from build_tools.languages import site_languages
from build_tools.library import Library, collection_view, view_key
from build_tools.model import Document
from build_tools.pages import Page
from build_tools.render import render_all
from build_tools.site.home import home_page

FAMILY = Path(__file__).parent / "fixtures" / "family"


@pytest.fixture(scope="module")
def models() -> dict[str, dict[str, Document]]:
    return family_models()


@pytest.fixture(scope="module")
def pages(models: dict[str, dict[str, Document]]) -> dict[tuple[str, str], str]:
    library = Library.of(models)
    graph = CitationGraph(library, site_languages())
    return {(p.lang, p.path): p.markdown for lang in site_languages() for p in index_pages(library, graph, lang)}


def headings(markdown: str) -> list[tuple[str, str]]:
    return re.findall(r"^## (.+) \{ #([\w-]+) \}$", markdown, re.M)


def linked(markdown: str, heading: str) -> list[str]:
    """Symbols linked in the table under ``## heading``."""
    part = markdown.split(f"## {heading} ")[1].split("\n## ")[0]
    return re.findall(r"^\| \[([^\]]+)\]", part, re.M)


def test_the_expected_index_pages_in_both_languages(pages: dict[tuple[str, str], str]) -> None:
    for lang in site_languages():
        paths = sorted(path for page_lang, path in pages if page_lang == lang)
        assert paths == sorted(
            [f"indexes/{n}.md" for n in ("index", "sessions", "committees", "agenda-items", "kinds",
                                          "sponsors", "treaties")]
            + [f"indexes/sponsors/{c}.md" for c in ("cl", "gh", "id", "ke", "mx", "no", "vn")])


def test_by_session_newest_first(pages: dict[tuple[str, str], str]) -> None:
    en = pages[("en", "indexes/sessions.md")]
    assert headings(en) == [("Eighty-second session", "session-82"), ("Eighty-first session", "session-81")]
    assert linked(en, "Eighty-first session") == ["A/C.1/81/L.7", "A/C.1/81/L.7/Rev.1", "A/RES/81/45"]
    assert "| [A/RES/82/31](../resolutions/a-res-82-31.md) | Voluntary notification" in en
    assert headings(pages[("zh", "indexes/sessions.md")])[0] == ("第八十二届会议", "session-82")


def test_by_committee_reads_a_resolution_s_committee_from_its_report(pages: dict[tuple[str, str], str]) -> None:
    en = pages[("en", "indexes/committees.md")]
    assert headings(en) == [("First Committee", "first")]
    assert linked(en, "First Committee") == ["A/C.1/81/L.7", "A/C.1/81/L.7/Rev.1", "A/RES/81/45", "A/RES/82/31"]


def test_committee_of(models: dict[str, dict[str, Document]]) -> None:
    resolution = models[ADOPTED]["zh"]
    assert resolution.committee is None and committee_of(resolution) == "first"
    plenary = dataclasses.replace(resolution, report="without reference to a Main Committee (A/81/L.3)")
    assert committee_of(plenary) == "plenary"
    assert committee_of(dataclasses.replace(resolution, report=None)) == "not-stated"
    sixth = dataclasses.replace(models[ADOPTED]["en"], report="on the report of the Sixth Committee (A/81/500)")
    assert committee_of(sixth) == "sixth"


def test_by_agenda_item_per_session(pages: dict[tuple[str, str], str]) -> None:
    en = pages[("en", "indexes/agenda-items.md")]
    assert headings(en) == [
        ("Eighty-second session, agenda item 99: General and complete disarmament", "session-82-item-99"),
        ("Eighty-first session, agenda item 97: General and complete disarmament", "session-81-item-97"),
    ]
    zh = pages[("zh", "indexes/agenda-items.md")]
    assert ("第八十一届会议议程项目97：全面彻底裁军", "session-81-item-97") in headings(zh)


def test_by_kind(pages: dict[tuple[str, str], str]) -> None:
    zh = pages[("zh", "indexes/kinds.md")]
    assert headings(zh) == [
        ("决议草案", "draft-resolution"), ("订正决议草案", "revised-draft-resolution"), ("决议", "resolution")]
    assert linked(zh, "决议") == ["A/RES/81/45", "A/RES/82/31"]


def test_a_page_per_sponsoring_state_in_the_page_language(pages: dict[tuple[str, str], str]) -> None:
    en = pages[("en", "indexes/sponsors.md")]
    states = re.findall(r"^\| \[([^\]]+)\]\(sponsors/([a-z]+)\.md\) \| (\d+) \|$", en, re.M)
    assert states == [("Chile", "cl", "2"), ("Ghana", "gh", "2"), ("Indonesia", "id", "2"), ("Kenya", "ke", "1"),
                      ("Mexico", "mx", "2"), ("Norway", "no", "2"), ("Viet Nam", "vn", "1")]
    kenya = pages[("zh", "indexes/sponsors/ke.md")]
    assert kenya.startswith('---\ntitle: "肯尼亚提案的文件"\n---\n\n# 肯尼亚提案的文件 { #title }')
    assert re.findall(r"^\| \[([^\]]+)\]\(\.\./\.\./resolutions/", kenya, re.M) == ["A/C.1/81/L.7/Rev.1"]
    assert "[按提案国](../sponsors.md)" in kenya
    # Sorted by English name in both languages, as UN documents list States.
    zh = pages[("zh", "indexes/sponsors.md")]
    names = ["智利", "加纳", "印度尼西亚", "肯尼亚", "墨西哥", "挪威", "越南"]
    assert re.findall(r"^\| \[([^\]]+)\]", zh, re.M) == names


def test_treaties_cited_with_the_citing_paragraphs(pages: dict[tuple[str, str], str]) -> None:
    en = pages[("en", "indexes/treaties.md")]
    assert headings(en) == [("Treaty on Principles Governing the Activities of States in the Exploration and Use "
                             "of Outer Space, including the Moon and Other Celestial Bodies", "outer-space")]
    citing = re.findall(r"^- \[([^\]]+)\]\(\.\./resolutions/([\w-]+)\.md\): (.+)$", en, re.M)
    assert [(symbol, slug) for symbol, slug, _ in citing] == [
        ("A/C.1/81/L.7", DRAFT), ("A/C.1/81/L.7/Rev.1", REVISION), ("A/RES/81/45", ADOPTED), ("A/RES/82/31", NEXT)]
    assert citing[0][2] == "[Reaffirming](../resolutions/a-c-1-81-l-7.md#pp2) (preambular para. 2)"
    zh = pages[("zh", "indexes/treaties.md")]
    assert "## 关于各国探索和利用包括月球和其他天体在内外层空间活动的原则条约 { #outer-space }" in zh
    assert "[重申](../resolutions/a-c-1-81-l-7.md#pp2)（序言部分第2段）" in zh


def test_the_list_of_indexes_and_the_home_page_link_every_index(pages: dict[tuple[str, str], str]) -> None:
    listing = pages[("en", "indexes/index.md")]
    assert re.findall(r"^- \[([^\]]+)\]\(([\w-]+\.md)\)$", listing, re.M) == [
        ("By session", "sessions.md"), ("By committee", "committees.md"), ("By agenda item", "agenda-items.md"),
        ("By document type", "kinds.md"), ("By sponsoring State", "sponsors.md"), ("Treaties cited", "treaties.md")]
    generated = [Page("zh", path, markdown) for (lang, path), markdown in pages.items() if lang == "zh"]
    home = home_page(generated, "zh")
    assert "[索引](indexes/index.md)：[按届会](indexes/sessions.md) · [按委员会](indexes/committees.md)" in home
    assert "共 0 份文件。" in home  # no document pages given: none listed
    assert "indexes/sponsors/" not in home


def test_document_metadata_links_to_the_indexes(models: dict[str, dict[str, Document]]) -> None:
    page = render_all(list(models[REVISION].values()), site_languages())[1]
    assert page.lang == "en"
    assert "[revised draft resolution](../indexes/kinds.md#revised-draft-resolution)" in page.markdown
    assert "[Eighty-first session](../indexes/sessions.md#session-81)" in page.markdown
    assert "[First Committee](../indexes/committees.md#first)" in page.markdown
    assert "[97 General and complete disarmament](../indexes/agenda-items.md#session-81-item-97)" in page.markdown
    assert "[Kenya](../indexes/sponsors/ke.md), [Mexico](../indexes/sponsors/mx.md)" in page.markdown


def test_every_link_of_the_collection_stage_resolves(
    models: dict[str, dict[str, Document]], monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = [p for docs in models.values() for p in render_all(list(docs.values()), site_languages())]
    _, diagnostics = collection_pages(models, rendered)
    assert diagnostics == []
    sections = collection_stage.document_sections

    def broken(*args: object) -> list[str]:
        lines = sections(*args)  # type: ignore[arg-type]
        slug, lang = args[1], args[2]
        if slug == DRAFT:
            lines += ["[a](../indexes/missing.md) [b](a-res-81-45.md#pp99) [c](#op9) [d](#pp1)", ""]
            lines += ["<b>raw</b>", ""] if lang == "zh" else []
        return lines

    monkeypatch.setattr(collection_stage, "document_sections", broken)
    _, found = collection_pages(models, rendered)
    assert {(d.code, d.path) for d in found} == {("verify.markdown", f"{lang}/resolutions/{DRAFT}.md")
                                                 for lang in site_languages()}
    assert sorted(d.found for d in found if d.path.startswith("en/")) == [
        "link to '#op9': resolutions/a-c-1-81-l-7.md has no id 'op9'",
        "link to '../indexes/missing.md': no page indexes/missing.md in en",
        "link to 'a-res-81-45.md#pp99': resolutions/a-res-81-45.md has no id 'pp99'",
    ]
    assert "raw HTML '<b>'" in [d.found for d in found if d.path.startswith("zh/")]


def test_with_the_cache_a_rebuild_finds_the_same_broken_links_and_new_ones(
    models: dict[str, dict[str, Document]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = ConversionCache(tmp_path / "cache")
    rendered = [p for docs in models.values() for p in render_all(list(docs.values()), site_languages())]
    assert collection_pages(models, rendered, cache)[1] == []
    sections = collection_stage.document_sections

    def linking(*args: object) -> list[str]:
        lines = sections(*args)  # type: ignore[arg-type]
        return [*lines, "[a](a-res-81-45.md#pp2) [b](../indexes/missing.md)", ""] if args[1] == DRAFT else lines

    monkeypatch.setattr(collection_stage, "document_sections", linking)
    first = sorted(d.found for d in collection_pages(models, rendered, cache)[1] if d.path.startswith("en/"))
    assert first == ["link to '../indexes/missing.md': no page indexes/missing.md in en"]
    # The same pages again, from the cache: the same problem.
    again = sorted(d.found for d in collection_pages(models, rendered, cache)[1] if d.path.startswith("en/"))
    assert again == first
    # The page linked to loses the anchor; the linking page is unchanged, and the link is caught.
    target = next(p for p in rendered if p.lang == "en" and p.path == "resolutions/a-res-81-45.md")
    assert "{: #pp2 " in target.markdown
    lost = [dataclasses.replace(p, markdown=p.markdown.replace("{: #pp2 ", "{: #pp2-gone ")) if p is target else p
            for p in rendered]
    found = collection_pages(models, lost, cache)[1]
    assert sorted(d.found for d in found if d.path == f"en/resolutions/{DRAFT}.md") == [
        "link to '../indexes/missing.md': no page indexes/missing.md in en",
        "link to 'a-res-81-45.md#pp2': resolutions/a-res-81-45.md has no id 'pp2'"]
    assert "link to '#pp2': resolutions/a-res-81-45.md has no id 'pp2'" in [d.found for d in found]


def test_with_the_cache_a_change_of_wording_checks_the_links_of_the_changed_page_only(
    models: dict[str, dict[str, Document]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = ConversionCache(tmp_path / "cache")
    rendered = [p for docs in models.values() for p in render_all(list(docs.values()), site_languages())]
    checked: list[str] = []
    real_check, real_sections = collection_stage._link_problems, collection_stage.document_sections
    added = {"line": ""}

    def counted(page: Page, *args: Any) -> list[str]:
        checked.append(f"{page.lang}/{page.path}")
        return real_check(page, *args)

    def sections(*args: Any) -> list[str]:
        lines = real_sections(*args)
        return [*lines, added["line"], ""] if args[1] == DRAFT and added["line"] else lines

    monkeypatch.setattr(collection_stage, "_link_problems", counted)
    monkeypatch.setattr(collection_stage, "document_sections", sections)
    assert collection_pages(models, rendered, cache)[1] == []
    everything = len(checked)
    assert everything > 10
    checked.clear()
    added["line"] = "Changed wording, and a link: [a](a-res-81-45.md#pp2)."
    assert collection_pages(models, rendered, cache)[1] == []
    assert sorted(checked) == [f"{lang}/resolutions/{DRAFT}.md" for lang in sorted(site_languages())]
    # An id that changes anywhere checks every page's links again: here the one linked to.
    checked.clear()
    target = next(p for p in rendered if p.lang == "en" and p.path == "resolutions/a-res-81-45.md")
    renamed = [dataclasses.replace(p, markdown=p.markdown.replace("{: #pp2 ", "{: #pp2-new ", 1)) if p is target
               else p for p in rendered]
    found = [d.found for d in collection_pages(models, renamed, cache)[1]]
    assert "link to 'a-res-81-45.md#pp2': resolutions/a-res-81-45.md has no id 'pp2'" in found
    assert len(checked) == everything


def test_the_fixture_collection_converts_without_diagnostics(tmp_path: Path) -> None:
    # A copy: the conversion cache lives next to content/, and must not land in tests/.
    shutil.copytree(FAMILY / "resolutions", tmp_path / "content" / "resolutions")
    pages, diagnostics = convert_collection(tmp_path / "content")
    assert diagnostics == []
    assert len([p for p in pages if p.info is not None]) == 8
    assert len([p for p in pages if p.path.startswith("compare/")]) == 6


@pytest.mark.site
def test_a_document_without_chinese_text_is_listed_on_the_chinese_site_with_its_official_text(
    tmp_path: Path,
) -> None:
    """An English-only document stands in the Chinese home page and indexes, marked as having
    no Chinese text here, with a link to its official Chinese text on undocs.org (built with
    MkDocs: the link must come out as an ``<a>`` with its class and ``hreflang``)."""
    from conftest import make_project

    from build_tools.diagnostics import errors
    from build_tools.site import build_site

    content = tmp_path / "content"
    shutil.copytree(FAMILY, content)
    (content / "resolutions" / "a-res-82-31" / "zh.txt").unlink()
    pages, diagnostics = convert_collection(content)
    assert not errors(diagnostics), diagnostics
    site = tmp_path / "site"
    build_site(pages, make_project(tmp_path / "project"), site, strict=True)
    link = ('<a class="un-official" href="https://undocs.org/ch/A/RES/82/31" hreflang="zh">'
            "正式中文文本</a>")
    for page in ("index.html", "indexes/sessions/index.html", "indexes/kinds/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        row = next(r.split("</tr>")[0] for r in html.split("<tr>") if "a-res-82-31/" in r)
        assert "暂无中文文本" in row and link in row, (page, row)
    # the documents with a Chinese text, and every English page, carry no such link
    zh_home = (site / "index.html").read_text(encoding="utf-8")
    assert zh_home.count('class="un-official"') == 1
    assert 'class="un-official"' not in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_the_collection_stage_reads_nothing_of_the_wording(models: dict[str, dict[str, Document]]) -> None:
    """What the stage makes besides comparisons is the same from the documents' views
    (:func:`build_tools.library.collection_view`) as from the documents; a change of
    wording (every paragraph and footnote reworded, references and markers moved in it)
    leaves the views equal, and a change of what a reference cites does not."""
    rendered = [p for docs in models.values() for p in render_all(list(docs.values()), site_languages())]
    whole = collection_stage.collect(Library.of(models), rendered)
    assert whole.pieces and whole.generated
    assert collection_stage.collect(Library.of(collection_stage.views(models)), rendered) == whole

    def reworded(document: Document) -> Document:
        def moved(item: Any) -> Any:
            references = tuple(dataclasses.replace(r, start=r.start + 3, end=r.end + 3) for r in item.references)
            markers = tuple(dataclasses.replace(m, offset=m.offset + 3) for m in item.footnotes)
            return dataclasses.replace(item, text="Not " + item.text, references=references, footnotes=markers)

        body = tuple(moved(item) if hasattr(item, "opening") else item for item in document.body)
        notes = tuple(dataclasses.replace(note, text="Not " + note.text) for note in document.footnotes)
        return dataclasses.replace(document, body=body, footnotes=notes)

    citing = 0
    for by_lang in models.values():
        for document in by_lang.values():
            view = collection_view(document)
            assert all(p.text == "" for p in view.paragraphs) and all(n.text == "" for n in view.footnotes)
            assert collection_view(reworded(document)) == view
            cited = [p for p in document.paragraphs if p.references]
            if cited:
                citing += 1
                first = cited[0]
                other = dataclasses.replace(first, references=(
                    dataclasses.replace(first.references[0], target="A/RES/1/1"), *first.references[1:]))
                changed = dataclasses.replace(document, body=tuple(other if i is first else i for i in document.body))
                assert view_key({"en": collection_view(changed)}) != view_key({"en": view})
    assert citing
