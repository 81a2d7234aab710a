"""The collection stage: what needs every document at once, after each has been converted.

:func:`collection_pages` takes the models of every document that got pages and the pages
themselves, and returns

* each document page with what only the collection knows: under its title, its life (what
  it revises, what it was adopted as, a banner on a superseded draft:
  :mod:`build_tools.life`); after its metadata, the versions of its text
  (:mod:`build_tools.versions`); after its text, what it cites and which documents cite it
  (:mod:`build_tools.crossref`), its footnotes placed before these sections. The page's
  ``info`` and ``document`` carry the relations too (home page, indexes, feeds, exports);
* a comparison page per language for each pair of consecutive versions;
* a page per language listing every version of a text, for the families too long to list
  on their members' pages (:func:`build_tools.versions.versions_page`), and one listing
  every document that cites a document, for those cited too often to list on its page
  (:func:`build_tools.crossref.cited_by_page`);
* the index pages per language (:mod:`build_tools.indexes`).

Every page it makes or changes is checked like the converter's own pages
(:func:`build_tools.verify.check_page`), and every relative link in them must lead to a page
of the same language and, with ``#anchor``, to an id on it. Problems are ``verify.markdown``
errors: they are bugs of this stage, not of the content.

Comparing two versions and checking a page are the stage's costly parts, and independent:
they run over the cores (:func:`build_tools.parallel.fork_map`), and with the build's cache
(:meth:`build_tools.cache.ConversionCache.memo`) a comparison is made again only when one of
its two documents changed, a check only for a page whose Markdown changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from . import cache as build_cache
from . import dialect as md
from .crossref import CitationGraph, cited_by_page, cited_by_section, cites_section
from .diagnostics import Diagnostic, Severity
from .indexes import index_pages
from .languages import site_languages
from .library import Library, collection_view, view_key
from .life import Lives, life_markdown, lives
from .model import Document, Relation
from .pages import Page
from .parallel import fork_map
from .pickling import deferred, deferred_replace
from .render import insert_after_metadata, insert_under_title
from .verify import check_page
from .versions import SHOWN_VERSIONS, Family, comparison_page, families, timeline_section, versions_page

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")



def collection_pages(
    models: Mapping[str, Mapping[str, Document]],
    pages: Sequence[Page],
    cache: build_cache.ConversionCache | None = None,
) -> tuple[list[Page], list[Diagnostic]]:
    """``pages`` with the documents' collection sections, plus comparisons and indexes.

    With ``cache``, comparisons and checks done by an earlier build are taken from it: a
    comparison is known by its two documents' folder keys (the pages' ``source``). What
    the stage makes besides comparisons (:class:`Collected`) is made from the documents'
    :func:`~build_tools.library.collection_view`, without their wording: when no view
    changed (a change of wording), it is taken from the cache whole."""
    keys = {page.info.slug: page.source for page in pages if page.info is not None and page.source is not None}
    comparisons = cache.memo("comparisons") if cache is not None else build_cache.Memo.open(None)
    checks = cache.memo("checks") if cache is not None else build_cache.Memo.open(None)
    kept = cache.memo("collection") if cache is not None else build_cache.Memo.open(None)
    seen = cache.memo("views") if cache is not None else build_cache.Memo.open(None)
    made_views: dict[str, dict[str, Document]] = {}
    whole = _collection_key(models, keys, seen, made_views)
    known, collected = kept.get(whole) if whole is not None else (False, None)
    if not known:
        collected = collect(Library.of({slug: made_views.get(slug) or view_of(by_lang)
                                        for slug, by_lang in models.items()}), pages)
        if whole is not None:
            kept.put(whole, collected)
    assert isinstance(collected, Collected)
    result: list[Page] = []
    added: list[Page] = []
    for page in pages:
        pieces = collected.pieces.get((page.info.slug, page.lang)) if page.info is not None else None
        if pieces is None:
            result.append(page)
            continue
        result.append(with_pieces(page, pieces, collected.relations[pieces.slug]))
        added.append(Page(page.lang, page.path, "\n".join(pieces.lines)))
    library = Library.of(models)  # comparisons read the wording
    made = _memoised(comparisons, collected.comparisons, _comparison, library, lambda w: (
        build_cache.digest("comparison", *w, keys[w[0]], keys[w[1]]) if w[0] in keys and w[1] in keys else None))
    generated = [page for page in made if page is not None]
    generated += collected.generated
    all_pages = [*result, *generated]
    diagnostics = _check([*added, *generated], all_pages, checks)
    for memo in (comparisons, checks, kept, seen):
        memo.save()
    if cache is not None:
        cache.stats.collection_reused += comparisons.hits + checks.hits + kept.hits + seen.hits
        cache.stats.collection_done += comparisons.made + checks.made + kept.made + seen.made
    return all_pages, diagnostics


@dataclasses.dataclass(frozen=True, slots=True)
class Pieces:
    """What the collection adds to one document page."""

    slug: str
    top: tuple[str, ...]
    """Under the title: its life (:func:`build_tools.life.life_markdown`)."""
    versions: tuple[str, ...]
    """After the metadata: the versions of its text."""
    sections: tuple[str, ...]
    """After the text: what it cites, which documents cite it."""

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.top, *self.versions, *self.sections)


@dataclasses.dataclass(frozen=True, slots=True)
class Collected:
    """What the collection stage makes from the documents' views: the pieces of each
    document page by ``(slug, lang)``, each document's relations, the comparisons to make
    (``(older, newer, lang)``) and every generated page that is not a comparison."""

    pieces: Mapping[tuple[str, str], Pieces]
    relations: Mapping[str, tuple[Relation, ...]]
    comparisons: tuple[tuple[str, str, str], ...]
    generated: tuple[Page, ...]


def collect(library: Library, pages: Sequence[Page]) -> Collected:
    """The stage's work on ``library`` (of the documents' views) for the document ``pages``."""
    graph = CitationGraph(library, site_languages())
    found = families(library)
    family_of = {slug: family for family in found for slug in family.members}
    life = lives(library, found)
    pieces: dict[tuple[str, str], Pieces] = {}
    for page in pages:
        slug = page.info.slug if page.info is not None else None
        if slug is None or slug not in library.entries:
            continue
        pieces[(slug, page.lang)] = _pieces(library, graph, life, family_of.get(slug), slug, page.lang)
    wanted = tuple((older, newer, lang) for family in found for older, newer in family.pairs()
                   for lang in site_languages())
    generated = [versions_page(library, family, lang) for family in found
                 if len(family.members) > SHOWN_VERSIONS for lang in site_languages()]
    generated += [listing for slug in library.entries for lang in site_languages()
                  if (listing := cited_by_page(graph, slug, lang)) is not None]
    for lang in site_languages():
        generated += index_pages(library, graph, lang, life)
    return Collected(pieces, {slug: life.get(slug, ()) for slug in library.entries}, wanted, tuple(generated))


def view_of(by_lang: Mapping[str, Document]) -> dict[str, Document]:
    """A document's :func:`~build_tools.library.collection_view` in each of its languages."""
    return {lang: collection_view(document) for lang, document in by_lang.items()}


def views(models: Mapping[str, Mapping[str, Document]]) -> dict[str, dict[str, Document]]:
    return {slug: view_of(by_lang) for slug, by_lang in models.items()}


def _collection_key(models: Mapping[str, Mapping[str, Document]], keys: Mapping[str, str],
                    memo: build_cache.Memo, made: dict[str, dict[str, Document]]) -> str | None:
    """A digest of every document's view (None when a document has no folder key: no
    cache). A view's digest is kept in ``memo`` by its folder's key; the views it had to
    make for their digests are put in ``made``, by slug."""
    parts = [",".join(site_languages())]
    for slug in sorted(models):
        key = keys.get(slug)
        if key is None:
            return None
        memo_key = build_cache.digest("view", key)
        known, view_digest = memo.get(memo_key)
        if not known:
            made[slug] = view_of(models[slug])
            view_digest = view_key(made[slug])
            memo.put(memo_key, view_digest)
        parts.append(f"{slug} {view_digest}")
    return build_cache.digest("collection", *parts)


def _comparison(library: Library, wanted: tuple[str, str, str]) -> Page | None:
    return comparison_page(library, *wanted)


def _memoised(memo: build_cache.Memo, items: Sequence[T], function: Callable[[C, T], R], context: C,
              key_of: Callable[[T], str | None]) -> list[R]:
    """``function(context, item)`` for every item: from ``memo`` where it has the item's key,
    the others computed over the cores and added to it."""
    keys = [key_of(item) for item in items]
    results: list[R | None] = [None] * len(items)
    missing = []
    for index, key in enumerate(keys):
        found, value = memo.get(key) if key is not None else (False, None)
        if found:
            results[index] = value
        else:
            missing.append(index)
    for index, value in zip(missing, fork_map(function, [items[i] for i in missing], context), strict=True):
        results[index] = value
        key = keys[index]
        if key is not None:
            memo.put(key, value)
    return results  # type: ignore[return-value]  # every place is filled


def _pieces(library: Library, graph: CitationGraph, life: Lives, family: Family | None,
            slug: str, lang: str) -> Pieces:
    top = life_markdown(library, life, slug, lang)
    versions = timeline_section(library, family, slug, lang) if family is not None else []
    return Pieces(slug, tuple(top), tuple(versions), tuple(document_sections(graph, slug, lang)))


def with_pieces(page: Page, pieces: Pieces, relations: tuple[Relation, ...]) -> Page:
    """The document's page with its life, versions and citations, and its relations."""
    assert page.info is not None
    markdown = insert_after_metadata(insert_under_title(page.markdown, list(pieces.top)), list(pieces.versions))
    document = page.document
    if document is not None and (deferred(document) or document.relations != relations):
        document = deferred_replace(document, relations=relations)  # an unchanged document's model stays unread
    return dataclasses.replace(page, markdown=append_sections(markdown, pieces.sections), document=document,
                               info=dataclasses.replace(page.info, relations=relations))


def document_sections(graph: CitationGraph, slug: str, lang: str) -> list[str]:
    """The Markdown added after the text of a document's page in ``lang``: cites, cited by."""
    return [*cites_section(graph, slug, lang), *cited_by_section(graph, slug, lang)]


def append_sections(markdown: str, sections: Sequence[str]) -> str:
    """The page with ``sections`` after its text, its footnotes placed before them."""
    body = markdown.rstrip("\n") + "\n\n"
    if md.has_footnotes(markdown):  # the footnotes at the end of the text, before the sections
        body += md.FOOTNOTES_HERE + "\n\n"
    return body + "\n".join(sections).rstrip("\n") + "\n"


def _check(pages: Sequence[Page], everything: Sequence[Page], memo: build_cache.Memo) -> list[Diagnostic]:
    """Check what this stage wrote: the generated pages, and the sections it added to the
    document pages (whose text the converter has checked already). Anchors are looked up
    on the whole page."""
    # What a page's Markdown holds (its ids, its links) is read once and then kept with
    # the checks, by the Markdown's digest: a rebuild reads only the pages that changed.
    # A page's links are checked again only when it changed or the ids of the collection did
    # (``every_id``): a rebuild after a change of wording checks the changed pages alone.
    digests = {id(page): page.digest for page in (*everything, *pages)}
    ids: dict[tuple[str, str], frozenset[str]] = {}
    id_digests = []
    for page in everything:
        ids[(page.lang, page.path)], id_digest = _remembered(memo, "ids", digests[id(page)], _ids, page.markdown)
        id_digests.append(f"{page.lang}/{page.path} {id_digest}")
    every_id = build_cache.digest("every-id", *sorted(id_digests))
    found = _memoised(memo, pages, _page_problems, None,
                      lambda page: build_cache.digest("check", page.lang, page.path, digests[id(page)]))
    diagnostics = []
    for page, problems in zip(pages, found, strict=True):
        links = _remembered(memo, "links", digests[id(page)], _links, page.markdown)
        key = build_cache.digest("link-problems", page.lang, page.path, digests[id(page)], every_id)
        known, linked = memo.get(key)
        if not known:
            linked = _link_problems(page, links, ids)
            memo.put(key, linked)
        problems = problems + linked
        diagnostics += [
            Diagnostic("verify.markdown", Severity.ERROR, f"{page.lang}/{page.path}", 1, 1,
                       "sound generated Markdown", problem, "this is a bug in the collection stage")
            for problem in problems
        ]
    return diagnostics


def _page_problems(_: None, page: Page) -> list[str]:
    return [p for p in check_page(page) if not p.startswith("link to missing anchor")]


def _remembered(memo: build_cache.Memo, kind: str, digest: str, function: Callable[[str], T], markdown: str) -> T:
    """``function(markdown)``, from ``memo`` when a build read the same Markdown before."""
    key = build_cache.digest(kind, digest)  # with the code version: a change of the reading reads again
    known, value = memo.get(key)
    if not known:
        value = function(markdown)
        memo.put(key, value)
    return value  # type: ignore[no-any-return]


def _ids(markdown: str) -> tuple[frozenset[str], str]:
    """The ids of a page, and a digest of them."""
    found = md.ids(markdown)
    return found, hashlib.sha256("\n".join(sorted(found)).encode("utf-8", "surrogatepass")).hexdigest()


def _links(markdown: str) -> tuple[str, ...]:
    """The relative links of a page (no scheme), in order."""
    return tuple(href for href in md.link_targets(markdown) if not re.match(r"[a-z]+:", href))


def _link_problems(page: Page, links: Sequence[str], ids: Mapping[tuple[str, str], frozenset[str]]) -> list[str]:
    """Relative links that lead to no page of the same language, or to a missing id."""
    problems = []
    for href in links:
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path)) if path else page.path
        if (page.lang, target) not in ids:
            problems.append(f"link to {href!r}: no page {target} in {page.lang}")
        elif anchor and anchor not in ids[(page.lang, target)]:
            problems.append(f"link to {href!r}: {target} has no id {anchor!r}")
    return problems

