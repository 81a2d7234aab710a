"""Cites and cited by: on the invented family (tests/fixtures/family) and on content/.

In the family, A/RES/82/31 recalls A/RES/81/45 (pp1: Recalling / 回顾其) and welcomes the
report submitted pursuant to it (pp4: Welcoming / 欢迎); every member cites the Outer Space
Treaty in its text and by its Treaty Series record in a footnote; documents outside the
collection (A/RES/80/56, A/80/150) are cited too.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from test_versions import ADOPTED, DRAFT, NEXT, family_models

from build_tools.annotate import all_references
from build_tools.crossref import (
    CITED_BY_SHOWN,
    CitationGraph,
    Target,
    citations,
    cited_by_page,
    cited_by_section,
    cites_section,
    paragraph_name,
    target_of,
)
from build_tools.languages import site_languages
from build_tools.library import Library
from build_tools.model import Document
from build_tools.pages import Page
from build_tools.treaties import load_treaties

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def models() -> dict[str, dict[str, Document]]:
    return family_models()


@pytest.fixture(scope="module")
def graph(models: dict[str, dict[str, Document]]) -> CitationGraph:
    return CitationGraph(Library.of(models), site_languages())


def section(markdown: list[str]) -> str:
    return "\n".join(markdown)


def test_citations_carry_the_citing_paragraph_and_its_opening(models: dict[str, dict[str, Document]]) -> None:
    found = citations(models[NEXT]["zh"], NEXT)
    resolution = [c for c in found if c.target == Target("resolution", "A/RES/81/45")]
    assert [(c.anchor, c.paragraph.opening if c.paragraph else None) for c in resolution] == [
        ("pp1", "回顾其"), ("pp4", "欢迎")]
    # The footnote's Treaty Series record is the treaty the text names: one target.
    treaty = [c for c in found if c.target.group == "treaties"]
    assert {c.target for c in treaty} == {Target("treaty", "outer-space")}
    assert [(c.anchor, c.footnote) for c in treaty] == [("pp2", None), ("pp2", 1)]
    report = [c for c in found if c.target == Target("document", "A/82/160")]
    assert [(c.anchor, c.footnote) for c in report] == [("pp4", 2)]


def test_cited_by_across_the_collection(graph: CitationGraph) -> None:
    for lang, openings in (("en", ["Recalling", "Welcoming"]), ("zh", ["回顾其", "欢迎"])):
        citing = graph.cited_by(ADOPTED, lang)
        assert [slug for slug, _ in citing] == [NEXT]
        places = citing[0][1]
        assert [c.anchor for c in places] == ["pp1", "pp4"]
        assert [c.paragraph.opening for c in places if c.paragraph] == openings
    assert graph.cited_by(NEXT, "en") == ()  # nothing cites the newest one
    assert graph.cited_by(DRAFT, "en") == ()


def test_cited_by_section_links_each_citing_paragraph(graph: CitationGraph) -> None:
    en = section(cited_by_section(graph, ADOPTED, "en"))
    assert en.startswith("## Cited by { #cited-by }")
    assert ("- [A/RES/82/31](a-res-82-31.md) Voluntary notification of space launches as a "
            "confidence-building measure: [Recalling](a-res-82-31.md#pp1) (preambular para. 1); "
            "[Welcoming](a-res-82-31.md#pp4) (preambular para. 4)") in en
    zh = section(cited_by_section(graph, ADOPTED, "zh"))
    assert "[回顾其](a-res-82-31.md#pp1)（序言部分第1段）；[欢迎](a-res-82-31.md#pp4)（序言部分第4段）" in zh
    assert "本网站收录的文件均未引用本文件。" in section(cited_by_section(graph, NEXT, "zh"))


def test_a_document_cited_by_many_lists_some_and_links_a_page_of_all(
    models: dict[str, dict[str, Document]],
) -> None:
    """Thirty resolutions recall A/RES/81/45: its page lists the first 25 and links the page
    that lists all thirty, so that its size does not grow with the collection."""
    from build_tools.collection_pages import collection_pages
    from build_tools.render import render_all
    from build_tools.verify import check_page

    many = {slug: docs for slug, docs in models.items() if slug != NEXT}
    for number in range(1, 31):
        slug = f"a-res-82-{number}"
        many[slug] = {lang: dataclasses.replace(doc, slug=slug, symbol=f"A/RES/82/{number}")
                      for lang, doc in models[NEXT].items()}
    graph = CitationGraph(Library.of(many), site_languages())
    assert len(graph.cited_by(ADOPTED, "en")) == 30 and CITED_BY_SHOWN == 25
    en = cited_by_section(graph, ADOPTED, "en")
    assert len([line for line in en if line.startswith("- [A/RES/82/")]) == 25
    assert "[All 30 documents that cite this one](../cited-by/a-res-81-45.md)" in en
    page = cited_by_page(graph, ADOPTED, "zh")
    assert page is not None and page.path == "cited-by/a-res-81-45.md"
    assert "# 引用A/RES/81/45的文件 { #title }" in page.markdown
    assert len([line for line in page.markdown.splitlines() if line.startswith("- [A/RES/82/")]) == 30
    assert "[回顾其](../resolutions/a-res-82-30.md#pp1)" in page.markdown
    assert check_page(page) == []
    assert cited_by_page(graph, NEXT, "en") is None and cited_by_page(graph, DRAFT, "en") is None
    rendered = [p for docs in many.values() for p in render_all(list(docs.values()), ("zh", "en"))]
    pages, diagnostics = collection_pages(many, rendered)
    assert [str(d) for d in diagnostics] == []
    assert sorted((p.lang, p.path) for p in pages if p.path.startswith("cited-by/")) == [
        ("en", "cited-by/a-res-81-45.md"), ("zh", "cited-by/a-res-81-45.md")]


def test_cites_section_links_collection_documents_to_both_pages(graph: CitationGraph) -> None:
    en = section(cites_section(graph, NEXT, "en"))
    assert ('[A/RES/81/45](a-res-81-45.md "The text on this site") '
            "([Official text](https://undocs.org/en/A/RES/81/45)) of 3 December 2026: "
            "[Recalling](#pp1) (preambular para. 1); [Welcoming](#pp4) (preambular para. 4)") in en
    assert ('[A/82/160](https://undocs.org/en/A/82/160 "Official text"): '
            "[Welcoming](#pp4) (preambular para. 4, footnote 2)") in en
    # The treaty named in pp2 and cited again in its footnote: one place.
    treaty = next(line for line in en.splitlines() if "Outer Space" in line)
    assert treaty.endswith(": [Reaffirming](#pp2) (preambular para. 2)")
    assert "https://treaties.un.org/doc/Publication/UNTS/Volume%20610/volume-610-I-8843-English.pdf" in treaty
    groups = re.findall(r"^(.+)\n\{: \.un-cites-group \}$", en, re.M)
    assert groups == ["Resolutions and decisions", "Documents", "Treaties"]
    zh = section(cites_section(graph, ADOPTED, "zh"))
    assert ('[A/RES/80/56](https://undocs.org/ch/A/RES/80/56 "正式文本")（2025年12月4日）：'
            "[回顾其](#pp1)（序言部分第1段）") in zh


def test_a_page_without_its_own_text_labels_citations_in_the_text_language(
    models: dict[str, dict[str, Document]]
) -> None:
    only_zh = {**models, NEXT: {"zh": models[NEXT]["zh"]}}
    graph = CitationGraph(Library.of(only_zh), site_languages())
    en = section(cited_by_section(graph, ADOPTED, "en"))
    assert '[回顾其](a-res-82-31.md#pp1){: lang="zh" } (preambular para. 1)' in en


def test_paragraph_names() -> None:
    assert paragraph_name("pp3", "en") == "preambular para. 3"
    assert paragraph_name("op2a-ii", "en") == "para. 2 (a) (ii)"
    assert paragraph_name("op12", "zh") == "第12段"
    assert paragraph_name("op2a", "zh") == "第2(a)段"
    assert paragraph_name("pp1", "zh") == "序言部分第1段"
    assert paragraph_name("enacting", "en") == "enacting"


def test_a_citation_in_a_footnote_of_a_heading_has_no_paragraph(models: dict[str, dict[str, Document]]) -> None:
    document = models[DRAFT]["en"]
    # Move footnote 2's marker from pp5 to nowhere (as if it stood in the title).
    body = [dataclasses.replace(p, footnotes=()) if getattr(p, "anchor", "") == "pp5" else p for p in document.body]
    orphan = dataclasses.replace(document, body=tuple(body))
    found = [c for c in citations(orphan, DRAFT) if c.footnote == 2]
    assert [(c.anchor, c.target.key) for c in found] == [(None, "A/80/150")]


# ---- the committed content ----------------------------------------------------------------


def test_every_reference_of_the_collection_is_listed_under_cites(collection: tuple[Page, ...]) -> None:
    """Whatever content/ holds: each document page's Cites list names every reference of the
    text it shows, and each document cited by another lists that one under Cited by."""
    documents = [p for p in collection if p.info is not None]
    assert documents
    symbols = {p.info.symbol: p for p in documents if p.info is not None}
    registry = load_treaties()
    for page in documents:
        assert page.document is not None
        cites = page.markdown[page.markdown.index("{ #cites }"):page.markdown.index("{ #cited-by }")]
        assert "///Footnotes Go Here///" in page.markdown or not page.document.footnotes
        for reference in all_references(page.document):
            target = target_of(reference, registry)
            if target.kind == "treaty":
                shown = registry.by_id(target.key).url(page.lang)
            else:
                shown = reference.url if target.kind == "treaty-series" else target.key
            assert shown in cites, (page.lang, page.path, reference.target)
            if reference.kind in ("resolution", "document") and reference.target in symbols:
                cited = next(p for p in documents if p.info is not None and p.info.symbol == reference.target
                             and p.lang == page.lang)
                assert f"{page.path.split('/')[-1]}#" in cited.markdown.split("{ #cited-by }")[1]


def test_the_first_document_cites_earlier_resolutions_on_undocs(collection: tuple[Page, ...]) -> None:
    first = next(p for p in collection if p.lang == "zh" and p.path == "resolutions/a-c-1-79-l-53-rev-1.md")
    cites = first.markdown[first.markdown.index("{ #cites }"):]
    assert '[A/RES/76/234](https://undocs.org/ch/A/RES/76/234 "正式文本")（2021年12月24日）：[回顾其](#pp1)' in cites
    assert "[不扩散核武器条约](https://treaties.un.org/" in cites


def test_a_reference_in_the_sponsors_asterisk_note_links_to_that_note(
    models: dict[str, dict[str, Document]],
) -> None:
    """``* On behalf of the Group of 77 and China, taking into account also … resolution
    ES-10/23``: the note is marked, not numbered (its number is 0), so its place in the cites
    list is the mark's id (``#mark-1``, named ``footnote *``), not ``#fn:0``, which no page
    has; the collection stage's check of every link agrees."""
    from build_tools.collection_pages import collection_pages
    from build_tools.model import Footnote, FootnoteRef, Reference
    from build_tools.render import render_all

    changed = {slug: dict(docs) for slug, docs in models.items()}
    for lang, document in models[DRAFT].items():
        text = "taking into account also resolution ES-10/23"
        start = text.index("ES-10/23")
        ref = Reference(start, start + 8, "resolution", "A/RES/ES-10/23", "https://undocs.org/en/A/RES/ES-10/23",
                        "A/RES/ES-10/23")
        note = Footnote(0, text, (ref,), mark="*")
        line = next(i for i, item in enumerate(document.front) if item.role == "sponsors")
        front = document.front[line]
        marked = dataclasses.replace(front, footnotes=(FootnoteRef(len(front.text), 0, "*"),))
        lines = (*document.front[:line], marked, *document.front[line + 1:])
        changed[DRAFT][lang] = dataclasses.replace(document, front=lines, footnotes=(*document.footnotes, note))
    found = [c for c in citations(changed[DRAFT]["en"], DRAFT) if c.target.key == "A/RES/ES-10/23"]
    assert [(c.anchor, c.footnote, c.mark) for c in found] == [(None, 0, "*")]
    rendered = [p for docs in changed.values() for p in render_all(list(docs.values()), site_languages())]
    pages, diagnostics = collection_pages(changed, rendered)
    assert diagnostics == []
    en = next(p.markdown for p in pages if p.lang == "en" and p.path == f"resolutions/{DRAFT}.md")
    assert "[footnote \\*](#mark-1)" in en and "#fn:0" not in en
