"""Index pages per language, generated from the document models (none is written by hand).

``indexes/index.md`` lists the indexes: documents by session, by committee, by agenda item
(per session: item numbers change every session), by document type, by sponsoring State
(``indexes/sponsors.md`` and one page per State that sponsored something,
``indexes/sponsors/<code>.md``, names from ``data/member_states.yml`` in the page's
language), and the treaties cited (``data/treaties.yml``), each with the paragraphs that
cite it. Anchors are those of :mod:`build_tools.library`, which the document pages'
metadata links to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import dialect as md
from .crossref import Citation, CitationGraph, inner, places_markdown
from .dialect import escape
from .labels import label
from .lexicon import COMMITTEE_IDS, LEXICONS, lexicon
from .library import (
    Entry,
    Library,
    agenda_anchor,
    document_path,
    index_path,
    relative,
    session_anchor,
    sponsor_path,
)
from .life import Lives, date_cell
from .model import Document
from .pages import Page
from .render import session_name, status_mark
from .states import ORDER, load_states
from .treaties import load_treaties

INDEXES = ("sessions", "committees", "agenda-items", "kinds", "sponsors", "treaties")
"""The index pages, in the order the list of indexes and the home page give them."""

KIND_ORDER = ("draft-resolution", "revised-draft-resolution", "resolution", "draft-decision", "decision")
_NO_COMMITTEE = ("plenary", "not-stated")


@dataclass(frozen=True, slots=True)
class Group:
    anchor: str
    heading: str
    entries: tuple[Entry, ...]


def committee_of(document: Document) -> str:
    """The committee id (``first`` …), from the masthead or, for a resolution, from its
    report line (``on the report of the First Committee``); ``plenary`` for a resolution
    adopted without reference to a Main Committee; else ``not-stated``."""
    if document.committee:
        return document.committee
    report = re.sub(r"[\s（）()]", "", document.report or "").lower()
    for key in COMMITTEE_IDS:
        names = (words.committees[key] for words in LEXICONS.values())
        if any(re.sub(r"[\s（）()]", "", name).lower() in report for name in names):
            return key
    if "maincommittee" in report or "主要委员会" in report:
        return "plenary"
    return "not-stated"


def index_pages(library: Library, graph: CitationGraph, lang: str, lives: Lives | None = None) -> list[Page]:
    """Every index page in ``lang`` (all of them, also when a list is empty). ``lives``
    (:func:`build_tools.life.lives`) dates the drafts that bear no date by their adoption."""
    dates = lives or {}
    pages = [
        _listing(lang, "sessions", _by_session(library, lang), dates),
        _listing(lang, "committees", _by_committee(library, lang), dates),
        _listing(lang, "agenda-items", _by_agenda_item(library, lang), dates),
        _listing(lang, "kinds", _by_kind(library, lang), dates),
        _sponsors(library, lang),
        _treaties(graph, lang),
    ]
    pages += _sponsor_pages(library, lang, dates)
    pages.append(_index_of_indexes(lang))
    return pages


def _page(lang: str, path: str, title: str, body: list[str]) -> Page:
    lines = [*md.front_matter_title(title), md.heading(1, escape(title), "title"), "", *body]
    return Page(lang, path, "\n".join(lines).rstrip("\n") + "\n")


def _back(path: str, lang: str) -> list[str]:
    return md.styled(md.link(escape(label("index.all", lang)), relative(path, index_path("index"))), ["un-index-back"])


def _table(entries: Sequence[Entry], page: str, lang: str, lives: Lives) -> list[str]:
    columns = ("symbol", "title", "kind", "date")
    header = [escape(label(f"home.column.{c}", lang)) for c in columns]
    rows = []
    for entry in entries:
        model = entry.shown(lang)
        rows.append([md.link(escape(entry.symbol), relative(page, document_path(entry.slug))),
                     escape(model.title) + status_tag(entry, lang), escape(label(f"kind.{model.kind}", lang)),
                     date_cell(entry, lives.get(entry.slug, ()), lang)])
    return [*md.table(header, rows), ""]


def status_tag(entry: Entry, lang: str) -> str:
    """`` *unofficial translation*{: .un-status }`` after the title of a document whose text
    in ``lang`` is not official (or is the other language's), as on the home page."""
    own = entry.models.get(lang)
    return status_mark(own.text_status if own is not None else "missing", entry.symbol, lang)


def _listing(lang: str, name: str, groups: Sequence[Group], lives: Lives) -> Page:
    path = index_path(name)
    body = _back(path, lang)
    if not groups:
        body += [escape(label("index.empty", lang)), ""]
    for group in groups:
        body += [md.heading(2, escape(group.heading), group.anchor), ""]
        body += _table(group.entries, path, lang, lives)
    return _page(lang, path, label(f"index.{name}", lang), body)


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", text))


def _grouped(library: Library, key: Callable[[Entry], object]) -> dict[object, list[Entry]]:
    groups: dict[object, list[Entry]] = {}
    for entry in sorted(library, key=lambda e: _natural(e.symbol)):
        groups.setdefault(key(entry), []).append(entry)
    return groups


def _by_session(library: Library, lang: str) -> list[Group]:
    groups = _grouped(library, lambda e: e.any.session)
    order = sorted(groups, key=lambda s: (s is None, -(s if isinstance(s, int) else 0)))
    return [Group(session_anchor(s if isinstance(s, int) else None),
                  session_name(s, lang) if isinstance(s, int) else label("home.no_session", lang),
                  tuple(groups[s])) for s in order]


def _by_committee(library: Library, lang: str) -> list[Group]:
    groups = _grouped(library, lambda e: committee_of(e.any))
    order = [k for k in (*COMMITTEE_IDS, *_NO_COMMITTEE) if k in groups]
    committees = lexicon(lang).committees
    return [Group(str(k), committees[k] if k in committees else label(f"index.committee.{k}", lang),
                  tuple(groups[k])) for k in order]


def _by_agenda_item(library: Library, lang: str) -> list[Group]:
    groups = _grouped(library, lambda e: (e.any.session, e.any.agenda_item))
    keys = [k for k in groups if isinstance(k, tuple)]
    keys.sort(key=lambda k: (k[0] is None, -(k[0] or 0), _natural(k[1] or "")))
    result = []
    for session, item in keys:
        entries = tuple(groups[(session, item)])
        where = session_name(session, lang) if session is not None else label("home.no_session", lang)
        if item is None:
            heading = label("index.agenda.none", lang).format(session=where)
        else:
            title = next((e.shown(lang).agenda_title for e in entries if e.shown(lang).agenda_title), None)
            heading = label("index.agenda.item", lang).format(session=where, item=item)
            heading += (label("cites.colon", lang) + title) if title else ""
        result.append(Group(agenda_anchor(session, item or "none"), heading, entries))
    return result


def _by_kind(library: Library, lang: str) -> list[Group]:
    groups = _grouped(library, lambda e: e.any.kind)
    order = [k for k in KIND_ORDER if k in groups] + sorted(str(k) for k in groups if k not in KIND_ORDER)
    return [Group(k, label(f"kind.{k}", lang), tuple(groups[k])) for k in order]


def sponsoring(library: Library) -> dict[str, list[Entry]]:
    """Per State code, the documents it sponsored (States that sponsored something only)."""
    found: dict[str, list[Entry]] = {}
    for entry in sorted(library, key=lambda e: _natural(e.symbol)):
        for code in dict.fromkeys(s.code for s in entry.any.sponsors):
            found.setdefault(code, []).append(entry)
    return found


def _sponsors(library: Library, lang: str) -> Page:
    path = index_path("sponsors")
    states = load_states()
    found = sponsoring(library)
    body = _back(path, lang)
    if not found:
        return _page(lang, path, label("index.sponsors", lang), [*body, escape(label("index.empty", lang)), ""])
    columns = (label("index.column.state", lang), label("index.column.count", lang))
    codes = sorted(found, key=lambda c: states.by_code(c).name(ORDER))
    rows = [[md.link(escape(states.by_code(code).name(lang)), relative(path, sponsor_path(code))),
             str(len(found[code]))] for code in codes]
    body += md.table([escape(column) for column in columns], rows)
    return _page(lang, path, label("index.sponsors", lang), [*body, ""])


def _sponsor_pages(library: Library, lang: str, lives: Lives) -> list[Page]:
    states = load_states()
    pages = []
    for code, entries in sorted(sponsoring(library).items()):
        path = sponsor_path(code)
        title = label("index.sponsor_title", lang).format(state=states.by_code(code).name(lang))
        body = md.styled(md.link(escape(label("index.sponsors", lang)), relative(path, index_path("sponsors"))),
                         ["un-index-back"])
        pages.append(_page(lang, path, title, body + _table(entries, path, lang, lives)))
    return pages


def _treaties(graph: CitationGraph, lang: str) -> Page:
    path = index_path("treaties")
    registry = load_treaties()
    cited = graph.treaty_citations(lang)
    body = _back(path, lang)
    treaties = sorted((t for t in cited if t.kind == "treaty"), key=lambda t: registry.by_id(t.key).title(ORDER))
    others = sorted((t for t in cited if t.kind != "treaty"), key=lambda t: _natural(t.key))
    if not cited:
        body += [escape(label("index.empty", lang)), ""]
    for target in treaties:
        treaty = registry.by_id(target.key)
        body += [md.heading(2, escape(treaty.title(lang)), treaty.id), "",
                 md.link(escape(label("index.treaty_text", lang)), treaty.url(lang)), ""]
        body += _citing_list(graph, cited[target], path, lang)
    if others:
        body += [md.heading(2, escape(label("index.unts_other", lang)), "unts"), ""]
        for target in others:
            first = cited[target][0].reference
            body += md.styled(md.link(escape(first.title), first.url), ["un-index-unts"])
            body += _citing_list(graph, cited[target], path, lang)
    return _page(lang, path, label("index.treaties", lang), body)


def _citing_list(graph: CitationGraph, places: Sequence[Citation], page: str, lang: str) -> list[str]:
    by_document: dict[str, list[Citation]] = {}
    for citation in places:
        by_document.setdefault(citation.citing, []).append(citation)
    lines = []
    for slug in sorted(by_document, key=lambda s: _natural(graph.library.entries[s].symbol)):
        target = document_path(slug)
        links = places_markdown(by_document[slug], page, target, lang)
        symbol = inner(graph.library.entries[slug].symbol)
        lines.append(md.item(f"{md.link(symbol, relative(page, target))}{inner(label('cites.colon', lang))}{links}"))
    return [*lines, ""]


def _index_of_indexes(lang: str) -> Page:
    path = index_path("index")
    body = [md.item(md.link(escape(label(f"index.{name}", lang)), relative(path, index_path(name))))
            for name in INDEXES]
    return _page(lang, path, label("index.title", lang), [*body, ""])
