"""The collection stage: what needs every document at once, after each has been converted.

:func:`collection_pages` takes the models of every document that got pages and the pages
themselves, and returns

* each document page with its collection sections appended: the versions of its text
  (:mod:`build_tools.versions`), what it cites and which documents cite it
  (:mod:`build_tools.crossref`); the page's footnotes are placed before these sections;
* a comparison page per language for each pair of consecutive versions;
* the index pages per language (:mod:`build_tools.indexes`).

Every page it makes or changes is checked like the converter's own pages
(:func:`build_tools.verify.check_page`), and every relative link in them must lead to a page
of the same language and, with ``#anchor``, to an id on it. Problems are ``verify.markdown``
errors: they are bugs of this stage, not of the content.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence

from .crossref import CitationGraph, cited_by_section, cites_section
from .diagnostics import Diagnostic, Severity
from .indexes import index_pages
from .library import Library
from .model import Document
from .pages import LANGUAGES, Page
from .verify import check_page
from .versions import Family, comparison_page, families, timeline_section

FOOTNOTES_HERE = "///Footnotes Go Here///"
"""Python-Markdown's footnotes extension puts the footnotes where this line stands (its
``PLACE_MARKER``): at the end of the text, before the collection sections."""

_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\n]+\]:", re.MULTILINE)
_ID = re.compile(r"[{]:?[^{}\n]*#([\w:-]+)[^{}\n]*[}]\s*$", re.MULTILINE)
_LINK = re.compile(r'(?<!\\)\]\(((?:[^\s()]|\([^\s()]*\))+)(?:\s+"(?:[^"\\]|\\.)*")?\)')
"""The target of an inline link ``[text](target "title")`` (the stage writes no other kind)."""


def collection_pages(
    models: Mapping[str, Mapping[str, Document]], pages: Sequence[Page]
) -> tuple[list[Page], list[Diagnostic]]:
    """``pages`` with the documents' collection sections, plus comparisons and indexes."""
    library = Library.of(models)
    graph = CitationGraph(library, LANGUAGES)
    found = families(library)
    family_of = {slug: family for family in found for slug in family.members}
    result: list[Page] = []
    added: list[Page] = []
    for page in pages:
        slug = page.info.slug if page.info is not None else None
        if slug is None or slug not in library.entries:
            result.append(page)
            continue
        sections = document_sections(library, graph, family_of.get(slug), slug, page.lang)
        result.append(dataclasses.replace(page, markdown=append_sections(page.markdown, sections)))
        added.append(Page(page.lang, page.path, "\n".join(sections)))
    generated: list[Page] = []
    for family in found:
        for older, newer in family.pairs():
            for lang in LANGUAGES:
                comparison = comparison_page(library, older, newer, lang)
                if comparison is not None:
                    generated.append(comparison)
    for lang in LANGUAGES:
        generated += index_pages(library, graph, lang)
    all_pages = [*result, *generated]
    return all_pages, _check([*added, *generated], all_pages)


def document_sections(
    library: Library, graph: CitationGraph, family: Family | None, slug: str, lang: str
) -> list[str]:
    """The Markdown added to a document's page in ``lang``."""
    lines: list[str] = []
    if family is not None:
        lines += timeline_section(library, family, slug, lang)
    lines += cites_section(graph, slug, lang)
    lines += cited_by_section(graph, slug, lang)
    return lines


def append_sections(markdown: str, sections: Sequence[str]) -> str:
    """The page with ``sections`` after its text, its footnotes placed before them."""
    body = markdown.rstrip("\n") + "\n\n"
    if _FOOTNOTE_DEFINITION.search(markdown):
        body += FOOTNOTES_HERE + "\n\n"
    return body + "\n".join(sections).rstrip("\n") + "\n"


def _check(pages: Iterable[Page], everything: Sequence[Page]) -> list[Diagnostic]:
    """Check what this stage wrote: the generated pages, and the sections it added to the
    document pages (whose text the converter has checked already). Anchors are looked up
    on the whole page."""
    ids = {(page.lang, page.path): _ids(page.markdown) for page in everything}
    diagnostics = []
    for page in pages:
        problems = [p for p in check_page(page) if not p.startswith("link to missing anchor")]
        problems += _link_problems(page, ids)
        diagnostics += [
            Diagnostic("verify.markdown", Severity.ERROR, f"{page.lang}/{page.path}", 1, 1,
                       "sound generated Markdown", problem, "this is a bug in the collection stage")
            for problem in problems
        ]
    return diagnostics


def _ids(markdown: str) -> set[str]:
    found = set(_ID.findall(markdown))
    found |= {f"fn:{m}" for m in re.findall(r"^\[\^([^\]\n]+)\]:", markdown, re.MULTILINE)}
    return found


def _link_problems(page: Page, ids: Mapping[tuple[str, str], set[str]]) -> list[str]:
    """Relative links that lead to no page of the same language, or to a missing id."""
    problems = []
    for href in _LINK.findall(page.markdown):
        if re.match(r"[a-z]+:", href):
            continue
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path)) if path else page.path
        if (page.lang, target) not in ids:
            problems.append(f"link to {href!r}: no page {target} in {page.lang}")
        elif anchor and anchor not in ids[(page.lang, target)]:
            problems.append(f"link to {href!r}: {target} has no id {anchor!r}")
    return problems

