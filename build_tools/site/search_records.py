"""What the search indexes of a document page: its records, facets and filter values.

A record is a passage a result points at, with the anchor it opens:

* ``title``: the symbol and the title (``#title``);
* ``sponsors``: the sponsors' names, each a State term (``#title``; the names are in the
  metadata list under the title);
* ``meta``: the metadata as the page states them: kind, session, committee, agenda item
  (number and title), date and year (``#title``);
* ``pp`` and ``op``: each paragraph of the text in the page's language (``#pp3``, ``#op2a``);
* ``fn``: each footnote (``#fn:4``);
* ``note``: each editor's note, with the anchor of the paragraph it stands under;
* ``cites``: each entry of the page's Cites section (what the document cites, with the
  paragraphs citing it: ``#cites``), which the collection stage adds to the page.

Each record has its entities (:class:`Entity`): the States and bodies it names
(:func:`build_tools.site.search_names.find_names`), and what its references cite (the
model's references for paragraphs and footnotes; the converter's finder for the rest):
resolutions and documents by symbol, treaties by id.

A page showing the other language's text (none in its own yet) has its symbol, sponsors,
metadata and notes indexed, not that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import assert_never

from markdown_it import MarkdownIt

from build_tools import dialect as md
from build_tools.annotate import find_references
from build_tools.labels import label
from build_tools.languages import language
from build_tools.lexicon import committee_id, lexicon
from build_tools.model import Document, Reference
from build_tools.pages import Page
from build_tools.pickling import quick_pickle
from build_tools.render import format_iso_date, session_name
from build_tools.site.citations import citation_year
from build_tools.site.search_names import find_names
from build_tools.site.search_text import fold, symbol_terms
from build_tools.states import load_states
from build_tools.treaties import load_treaties

FACETS = ("kind", "session", "committee", "item", "year", "sponsor")
"""The filters, in the order the search box shows them; a document's value of each is a
term ``name=value`` (``sponsor=cn``), looked up when the filter is chosen."""


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    """Range in the record's text."""
    term: str
    """``state:cn``, ``body:iaea``, ``treaty:npt`` or a symbol's term (``a/res/77/96``)."""


@dataclass(frozen=True, slots=True)
class Record:
    """A passage a result points at."""

    anchor: str
    """``title``, ``pp3``, ``op2a``, ``fn:4``: the element id the result opens."""
    kind: str
    """``title`` | ``sponsors`` | ``meta`` | ``pp`` | ``op`` | ``fn`` | ``note`` | ``cites``."""
    text: str
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    url: str
    """Address of the page relative to its language's root (``resolutions/x/``)."""
    symbol: str
    title: str | None
    """None when the page shows no text in its own language (the title would be the other's)."""
    facets: dict[str, tuple[str, ...]]
    """Per filter of :data:`FACETS`, the document's values (ids; several sponsors)."""
    records: tuple[Record, ...]
    agenda: str = ""
    """The agenda item's title, for the agenda item filter's label."""


quick_pickle(Entity, Record, IndexedDocument)


def page_url(page: Page) -> str:
    """``resolutions/x.md`` → ``resolutions/x/`` (MkDocs' directory URLs)."""
    stem = page.path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def indexed_document(page: Page) -> IndexedDocument | None:
    """The records of a document page in its own language; None for other pages."""
    info = page.info
    if info is None:
        return None
    document = page.document
    text = document if document is not None and document.lang == page.lang else None
    title = info.title if text is not None or document is None else None
    lang = page.lang
    records = [_record("title", "title", f"{info.symbol} {title}" if title else info.symbol, lang)]
    if document is not None and document.sponsors:
        records.append(_sponsors(document, lang))
    if document is not None:
        committee = document.committee
    else:  # a page made by hand: its committee's name
        committee = committee_id(info.committee, lang) if info.committee else None
    agenda = (text.agenda_title if text is not None else None) or ""
    year = citation_year({"date": info.date, "session": info.session, "committee": committee})
    facts = _facts(info.kind, info.session, committee, info.agenda_item, agenda, info.date, year, lang)
    records.append(_record("title", "meta", facts, lang))
    if text is not None:
        for paragraph in text.paragraphs:
            kind = "op" if paragraph.anchor.startswith("op") else "pp"
            records.append(_record(paragraph.anchor, kind, paragraph.text, lang, paragraph.references))
        records += [_record(f"fn:{n.number}", "fn", n.text, lang, n.references) for n in text.footnotes]
    records += [_record(anchor, "note", body, lang) for anchor, body in editorial_notes(page.markdown)]
    records += [_record("cites", "cites", entry, lang) for entry in cites_entries(page.markdown)]
    facets = {
        "kind": (info.kind,),
        "session": (str(info.session or ""),),
        "committee": (committee or "",),
        "item": (f"{info.session or ''}-{info.agenda_item}",) if info.agenda_item else (),
        "year": (str(year),) if year else (),
        "sponsor": tuple(s.code.lower() for s in document.sponsors) if document is not None else (),
    }
    return IndexedDocument(page_url(page), info.symbol, title, facets, tuple(records), agenda)


def _record(anchor: str, kind: str, text: str, lang: str, references: Sequence[Reference] | None = None) -> Record:
    found = find_references(text, lang) if references is None and kind != "meta" else references or ()
    entities = [Entity(r.start, r.end, term) for r in found for term in reference_terms(r)]
    entities += [Entity(start, end, term) for start, end, term in find_names(text, lang)]
    if kind not in ("meta", "pp", "op", "fn"):  # references give the treaties of the text
        entities += [Entity(s, e, f"treaty:{t.id}") for s, e, t in load_treaties().find_all(text, lang)]
    unique = sorted(set(entities), key=lambda e: (e.start, e.end, e.term))
    return Record(anchor, kind, text, tuple(unique))


def reference_terms(reference: Reference) -> tuple[str, ...]:
    """The terms of what a reference cites: a treaty's id, a symbol's terms (an external
    text and a Treaty Series record have none beyond their words)."""
    kind = reference.kind
    if kind == "treaty":
        return (f"treaty:{reference.target}",)
    if kind == "resolution" or kind == "decision" or kind == "document":
        return symbol_terms(fold(reference.target).replace(" ", ""))
    if kind == "external" or kind == "treaty-series":
        return ()
    assert_never(kind)


def _sponsors(document: Document, lang: str) -> Record:
    states = load_states()
    separator = language(lang).list_separator
    text, entities = "", []
    for sponsor in document.sponsors:
        if text:
            text += separator
        name = states.by_code(sponsor.code).name(lang)
        entities.append(Entity(len(text), len(text) + len(name), f"state:{sponsor.code.lower()}"))
        text += name
    return Record("title", "sponsors", text, tuple(entities))


def _facts(kind: str, session: int | None, committee: str | None, item: str | None, agenda: str,
           date: str | None, year: int | None, lang: str) -> str:
    """The metadata as one text: 订正决议草案　第七十九届会议　第一委员会　议程项目106 …"""
    facts = [label(f"kind.{kind}", lang)]
    if session:
        facts.append(session_name(session, lang))
        facts += lexicon(lang).session_aliases(session)
    named = lexicon(lang).committees.get(committee) if committee is not None else None
    if named is not None:
        facts.append(named)
    elif committee == "plenary":
        facts.append(label("search.plenary", lang))
    if item:
        facts.append(label("describe.agenda_item", lang).format(item=item))
    if agenda:
        facts.append(agenda)
    if date:
        facts.append(format_iso_date(date, lang))
    if year:
        facts.append(label("describe.year", lang).format(year=year))
    return language(lang).facts_separator.join(facts)


# ---- editorial notes ------------------------------------------------------------------------

_PARSER = MarkdownIt("commonmark")


def editorial_notes(markdown: str) -> Iterator[tuple[str, str]]:
    """The editor's notes of a page's Markdown (``!!! un-note`` blocks, see
    :func:`build_tools.notes.note_markdown`), as plain text, with the anchor of the
    paragraph each stands under."""
    lines = markdown.split("\n")
    anchor = None
    for number, line in enumerate(lines):
        anchor = md.block_anchor(line) or anchor
        if md.admonition_kind(line) != "un-note" or anchor is None:
            continue
        body: list[str] = []
        for following in lines[number + 1 :]:
            if following.strip() and not following.startswith("    "):
                break
            body.append(following[4:])
        yield anchor, plain_text("\n".join(body).strip("\n"))


def cites_entries(markdown: str) -> Iterator[str]:
    """The entries of a page's Cites section (``## … { #cites }``, see
    :mod:`build_tools.collection_pages`) as plain text, one per list item."""
    lines = markdown.split("\n")
    start = next((i for i, line in enumerate(lines) if md.is_heading(line.rstrip(), 2, "cites")), None)
    if start is None:
        return
    for line in lines[start + 1 :]:
        if md.is_any_heading(line, 2):
            break
        text = md.item_text(line)
        if text is not None:
            yield plain_text(text)


def plain_text(markdown: str) -> str:
    """The text of a note's Markdown as a reader sees it: paragraphs one line each."""
    paragraphs: list[str] = []
    for token in _PARSER.parse(markdown):
        if token.type == "inline" and token.children is not None:
            parts = [child.content if child.type in ("text", "code_inline") else " "
                     for child in token.children if child.type in ("text", "code_inline", "softbreak")]
            paragraphs.append(re.sub(r"\s+", " ", "".join(parts)).strip())
    return "\n".join(p for p in paragraphs if p)
