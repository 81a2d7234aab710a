"""Cites and cited by: the citation graph of the collection, from the documents' references.

Every reference that annotate found (resolutions, decisions, document symbols, treaties,
Treaty Series citations) is a :class:`Citation` from a paragraph of one document: the
paragraph that holds it, or, for a reference inside a footnote, the paragraph that holds the
footnote's marker. Its label is that paragraph's opening phrase (Recalling / 回顾其).

A document page lists what the document cites, grouped by kind, and which documents of the
collection cite it, each linked to the citing paragraph. In the text itself a reference
keeps the link annotate gave it (the official text on undocs.org, as the source prints it);
the "Cites" list links a document that the collection holds both to its page on this site
and to its official text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import assert_never

from . import dialect as md
from .dialect import escape, escape_inner
from .labels import label
from .languages import language
from .library import Library, cited_by_path, document_path, relative
from .model import Document, Footnote, Paragraph, Reference, ReferenceKind
from .pages import Page
from .render import format_iso_date, mark_anchor
from .symbols import UNSymbol
from .treaties import TreatyRegistry, load_treaties

GROUPS = ("resolutions", "documents", "treaties")
"""Groups of the "Cites" list, in order."""

_ANCHOR = re.compile(r"(pp|op)(\d+)([a-z]+)?(?:-([ivxl]+))?")


@dataclass(frozen=True, slots=True)
class Target:
    """What a citation points at, the same in every language."""

    kind: ReferenceKind
    key: str
    """A UN symbol (``A/RES/76/234``), a treaty id (``npt``), ``UNTS 729/10485`` for a
    Treaty Series record that is not in the treaties table, or an external text as cited
    (``IAEA GC(69)/RES/7``)."""

    @property
    def group(self) -> str:
        kind = self.kind
        if kind == "resolution" or kind == "decision":
            return "resolutions"
        if kind == "document" or kind == "external":
            return "documents"
        if kind == "treaty" or kind == "treaty-series":
            return "treaties"
        assert_never(kind)


@dataclass(frozen=True, slots=True)
class Citation:
    citing: str
    """Slug of the citing document."""
    lang: str
    """Language of the citing text."""
    paragraph: Paragraph | None
    """The paragraph that cites (or holds the footnote that cites); None for a front line."""
    footnote: int | None
    """Number of the footnote the reference stands in, if it stands in one."""
    reference: Reference
    target: Target
    mark: str = ""
    """The printed mark (``*``) of that footnote when it is not numbered (a sponsors line's
    ``* On behalf of …``, whose number is 0): its id and its name come from the mark."""

    @property
    def anchor(self) -> str | None:
        return self.paragraph.anchor if self.paragraph else None


def target_of(reference: Reference, registry: TreatyRegistry) -> Target:
    """A Treaty Series citation of a treaty in the table counts as citing that treaty."""
    if reference.kind == "treaty-series":
        volume, number = (int(n) for n in reference.target.removeprefix("UNTS ").split("/"))
        treaty = registry.by_unts(volume, number)
        return Target("treaty", treaty.id) if treaty else Target("treaty-series", reference.target)
    if reference.kind in ("resolution", "decision", "document"):
        try:
            return Target(reference.kind, str(UNSymbol.parse(reference.target)))
        except ValueError:
            pass
    return Target(reference.kind, reference.target)


def citations(document: Document, slug: str, registry: TreatyRegistry | None = None) -> tuple[Citation, ...]:
    """Every reference in ``document`` as a citation, in reading order."""
    registry = registry or load_treaties()
    holders: dict[tuple[int, str], Paragraph] = {}  # a note by its number and mark (* and ** are both 0)
    for paragraph in document.paragraphs:
        for marker in paragraph.footnotes:
            holders.setdefault((marker.number, marker.mark), paragraph)
    notes = {(note.number, note.mark): note for note in document.footnotes}
    found: list[Citation] = []
    for paragraph in document.paragraphs:
        places: list[tuple[Footnote | None, Reference]] = [(None, r) for r in paragraph.references]
        for marker in sorted(paragraph.footnotes, key=lambda m: m.offset):
            key = (marker.number, marker.mark)
            note = notes.get(key)
            if note is not None and holders.get(key) is paragraph:
                places += [(note, r) for r in note.references]
        found += [Citation(slug, document.lang, paragraph, note.number if note else None, ref,
                           target_of(ref, registry), note.mark if note else "")
                  for note, ref in places]
    for note in document.footnotes:
        if (note.number, note.mark) not in holders:  # a footnote of a heading line (the sponsors' *)
            found += [Citation(slug, document.lang, None, note.number, ref, target_of(ref, registry), note.mark)
                      for ref in note.references]
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Cited:
    """One thing a document cites, with every place that cites it."""

    target: Target
    places: tuple[Citation, ...]

    @property
    def date(self) -> str | None:
        return next((c.reference.date for c in self.places if c.reference.date), None)


class CitationGraph:
    """All citations of the collection, per document and language of the page."""

    def __init__(self, library: Library, languages: Sequence[str]) -> None:
        self.library = library
        registry = load_treaties()
        self._by_page: dict[tuple[str, str], tuple[Citation, ...]] = {}
        self._incoming: dict[tuple[str, str], list[Citation]] = defaultdict(list)
        for entry in library:
            for lang in languages:
                found = citations(entry.shown(lang), entry.slug, registry)
                self._by_page[(entry.slug, lang)] = found
                for citation in found:
                    cited = self.slug_of(citation.target)
                    if cited is not None and cited != entry.slug:
                        self._incoming[(cited, lang)].append(citation)

    def slug_of(self, target: Target) -> str | None:
        """The document of the collection a target is, if any."""
        if target.kind not in ("resolution", "decision", "document"):
            return None
        return self.library.slug_of(target.key)

    def citations(self, slug: str, lang: str) -> tuple[Citation, ...]:
        return self._by_page.get((slug, lang), ())

    def cites(self, slug: str, lang: str) -> tuple[Cited, ...]:
        """What the document cites, each target once, in order of first citation."""
        grouped: dict[Target, list[Citation]] = {}
        for citation in self.citations(slug, lang):
            grouped.setdefault(citation.target, []).append(citation)
        return tuple(Cited(target, tuple(places)) for target, places in grouped.items())

    def cited_by(self, slug: str, lang: str) -> tuple[tuple[str, tuple[Citation, ...]], ...]:
        """Documents of the collection that cite this one, with the citing places."""
        by_document: dict[str, list[Citation]] = {}
        for citation in self._incoming.get((slug, lang), ()):
            by_document.setdefault(citation.citing, []).append(citation)
        return tuple(sorted(((s, tuple(c)) for s, c in by_document.items()),
                            key=lambda item: _natural(self.library.entries[item[0]].symbol)))

    def treaty_citations(self, lang: str) -> dict[Target, list[Citation]]:
        """Every citation of a treaty or Treaty Series record, by target."""
        found: dict[Target, list[Citation]] = defaultdict(list)
        for (_, page_lang), places in sorted(self._by_page.items()):
            if page_lang == lang:
                for citation in places:
                    if citation.target.group == "treaties":
                        found[citation.target].append(citation)
        return found


def _natural(symbol: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", symbol))


# ---- Markdown -------------------------------------------------------------------------


def inner(text: str) -> str:
    """Text escaped for the middle of a line."""
    return escape_inner(text, False)


def per_paragraph(places: Sequence[Citation]) -> list[Citation]:
    """One citation per citing paragraph: a treaty named in the text and again in the
    paragraph's footnote is one place, not two."""
    seen: dict[tuple[str, str | None, int | None], Citation] = {}
    for citation in places:
        key = (citation.citing, citation.anchor, None if citation.anchor else citation.footnote)
        seen.setdefault(key, citation)
    return list(seen.values())


def paragraph_name(anchor: str, lang: str) -> str:
    """``pp3`` → preambular para. 3 / 序言部分第3段; ``op2a-i`` → para. 2 (a) (i) / 第2(a)(i)段."""
    match = _ANCHOR.fullmatch(anchor)
    if not match:
        return anchor
    part, number, letter, roman = match.groups()
    if part == "pp":
        return label("para.preambular", lang).format(n=number)
    subs = [s for s in (letter, roman) if s]
    return label("para.operative", lang).format(n=language(lang).word_space.join([number, *(f"({s})" for s in subs)]))


def place_link(citation: Citation, page: str, target_page: str, lang: str) -> str:
    """``[Recalling](x.md#pp1) (preambular para. 1)``: the opening phrase, linked."""
    paragraph = citation.paragraph
    note = label("para.footnote", lang).format(n=citation.mark or citation.footnote)
    if paragraph is None:
        anchor = mark_anchor(citation.mark) if citation.mark else f"fn:{citation.footnote}"
        return md.link(inner(note), relative(page, target_page, anchor))
    name = paragraph_name(paragraph.anchor, lang)
    if citation.footnote is not None:
        name += label("para.separator", lang) + note
    text = paragraph.opening.strip() or name
    link = md.link(inner(text), relative(page, target_page, paragraph.anchor))
    if citation.lang != lang:
        link = md.span(link, pairs=[("lang", citation.lang)])
    return link if text == name else link + inner(label("cites.paren", lang).format(name=name))


def places_markdown(places: Sequence[Citation], page: str, target_page: str, lang: str) -> str:
    """The citing paragraphs, one link each, in order."""
    links = (place_link(c, page, target_page, lang) for c in per_paragraph(places))
    return inner(label("cites.separator", lang)).join(links)


def cites_section(graph: CitationGraph, slug: str, lang: str) -> list[str]:
    page = document_path(slug)
    lines = [md.heading(2, escape(label("section.cites", lang)), "cites"), ""]
    cited = graph.cites(slug, lang)
    if not cited:
        return [*lines, escape(label("cites.none", lang)), ""]
    registry = load_treaties()
    for group in GROUPS:
        items = [c for c in cited if c.target.group == group]
        if not items:
            continue
        lines += md.styled(escape(label(f"cites.{group}", lang)), ["un-cites-group"])
        lines += [md.item(_cited_item(graph, item, page, lang, registry)) for item in items]
        lines.append("")
    return lines


def _cited_item(graph: CitationGraph, item: Cited, page: str, lang: str, registry: TreatyRegistry) -> str:
    target = item.target
    places = places_markdown(item.places, page, page, lang)
    kind = target.kind
    if kind == "treaty":
        treaty = registry.by_id(target.key)
        name = md.link(inner(treaty.title(lang)), treaty.url(lang))
    elif kind == "treaty-series":
        ref = item.places[0].reference
        name = md.link(inner(ref.title), ref.url)
    elif kind == "external":
        ref = item.places[0].reference
        name = md.link(inner(ref.title), ref.url) if ref.url else inner(ref.title)
    elif kind == "resolution" or kind == "decision" or kind == "document":
        name = _symbol_item(graph, item, page, lang)
    else:
        assert_never(kind)
    return f"{name}{inner(label('cites.colon', lang))}{places}"


def _symbol_item(graph: CitationGraph, item: Cited, page: str, lang: str) -> str:
    """A UN document cited by its symbol: its page here when the collection holds it, and
    its official text."""
    target = item.target
    official = UNSymbol.parse(target.key).url(lang)
    slug = graph.slug_of(target)
    if slug is not None:
        here = relative(page, document_path(slug))
        name = (md.link(inner(target.key), here, inner(label("cites.on_site", lang)))
                + f" ({md.link(inner(label('official_text', lang)), official)})")
    else:
        name = md.link(inner(target.key), official, inner(label("official_text", lang)))
    if item.date:
        date = label("cites.of_date", lang).format(date=format_iso_date(item.date, lang))
        name += language(lang).word_space + inner(date)
    return name


CITED_BY_SHOWN = 25
"""A document's page lists at most this many citing documents; :func:`cited_by_page` lists
them all (a resolution that every later one recalls must not make its page grow)."""


def cited_by_section(graph: CitationGraph, slug: str, lang: str) -> list[str]:
    page = document_path(slug)
    lines = [md.heading(2, escape(label("section.cited_by", lang)), "cited-by"), ""]
    citing = graph.cited_by(slug, lang)
    if not citing:
        return [*lines, escape(label("cited_by.none", lang)), ""]
    lines += _citing_lines(graph, citing[:CITED_BY_SHOWN], page, slug, lang)
    if len(citing) > CITED_BY_SHOWN:
        text = label("cited_by.all", lang).format(count=len(citing))
        return [*lines, "", *md.styled(md.link(escape(text), relative(page, cited_by_path(slug))), ["un-cited-by-all"])]
    return [*lines, ""]


def cited_by_page(graph: CitationGraph, slug: str, lang: str) -> Page | None:
    """Every document that cites ``slug``, when there are more than its page lists."""
    citing = graph.cited_by(slug, lang)
    if len(citing) <= CITED_BY_SHOWN:
        return None
    path = cited_by_path(slug)
    entry = graph.library.entries[slug]
    title = label("cited_by.page_title", lang).format(symbol=entry.symbol)
    lines = [*md.front_matter_title(title), md.heading(1, escape(title), "title"), "",
             md.link(inner(entry.symbol), relative(path, document_path(slug))) + f" {inner(entry.shown(lang).title)}",
             ""]
    lines += _citing_lines(graph, citing, path, slug, lang)
    return Page(lang, path, "\n".join(lines).rstrip("\n") + "\n")


def _citing_lines(graph: CitationGraph, citing: Sequence[tuple[str, tuple[Citation, ...]]], page: str,
                  slug: str, lang: str) -> list[str]:
    """A list item per citing document, with links to the places that cite ``slug``."""
    lines = []
    for other, places in citing:
        entry = graph.library.entries[other]
        target = document_path(other)
        links = places_markdown(places, page, target, lang)
        title = inner(entry.shown(lang).title)
        lines.append(md.item(f"{md.link(inner(entry.symbol), relative(page, target))} {title}"
                             f"{inner(label('cites.colon', lang))}{links}"))
    return lines


def all_citations(graph: CitationGraph, lang: str) -> Iterator[Citation]:
    for entry in graph.library:
        yield from graph.citations(entry.slug, lang)
