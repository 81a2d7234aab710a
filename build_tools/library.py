"""The converted collection as the collection stage sees it, and where its pages live.

After every document has gone through the per-document pipeline, the collection stage
(:mod:`build_tools.collection_pages`) reads all the models at once: a :class:`Library` maps
each document's slug to its models per language. The paths and anchors of the pages that
stage generates (comparisons, indexes) are defined here, once, so that the document pages
(:mod:`build_tools.render`) and the generated pages link to each other the same way.

Every path is relative to a language's docs folder (``resolutions/x.md``); links between
pages are relative ``.md`` links (:func:`relative`), which MkDocs checks in a strict build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .languages import site_languages
from .model import Document, Footnote, FootnoteRef, FrontLine, Paragraph, Reference
from .symbols import UNSymbol

INDEXES = "indexes"
COMPARE = "compare"
VERSIONS = "versions"
CITED_BY = "cited-by"


@dataclass(frozen=True, slots=True)
class Entry:
    """One document of the collection: its models, by language (at least one)."""

    slug: str
    models: Mapping[str, Document]

    def shown(self, lang: str) -> Document:
        """The text the document's page in ``lang`` shows: its own, else the other language's
        (the same choice as :func:`build_tools.render.render_all`)."""
        own = self.models.get(lang)
        if own is not None:
            return own
        return next(self.models[code] for code in (*site_languages(), *self.models) if code in self.models)

    @property
    def any(self) -> Document:
        """A model for language-independent facts (symbol, session, sponsors' codes)."""
        return self.shown(site_languages()[0])

    @property
    def symbol(self) -> str:
        return self.any.symbol or self.slug


@dataclass(frozen=True, slots=True)
class Library:
    """Every document that got pages, by slug; and its symbols, to find cited documents."""

    entries: Mapping[str, Entry]
    _by_symbol: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    """Filled on the first :meth:`slug_of`: a library made for a few comparisons reads the
    models of those documents alone (the others' may be deferred: :mod:`build_tools.pickling`)."""

    @classmethod
    def of(cls, models: Mapping[str, Mapping[str, Document]]) -> Library:
        entries = {
            slug: Entry(slug, MappingProxyType(dict(by_lang)))
            for slug, by_lang in sorted(models.items()) if by_lang
        }
        return cls(MappingProxyType(entries))

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def slug_of(self, symbol: str) -> str | None:
        """The slug of the document with this symbol, if the collection holds it."""
        by_symbol = self._by_symbol
        if by_symbol is None:
            by_symbol = {symbol_key(model.symbol): slug for slug, entry in self.entries.items()
                         for model in entry.models.values() if model.symbol}
            object.__setattr__(self, "_by_symbol", by_symbol)
        return by_symbol.get(symbol_key(symbol))


def symbol_key(symbol: str) -> str:
    """``A/RES/77/96`` and ``a/res/77/96`` compare equal; so do spacing variants."""
    try:
        return UNSymbol.parse(symbol).slug
    except ValueError:
        return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


# ---- what the collection reads of a document --------------------------------------------


def collection_view(document: Document) -> Document:
    """``document`` as the collection stage reads it for everything but the comparisons of
    versions: without the wording of its paragraphs and footnotes, the places of its
    references and footnote markers in that wording (a marker keeps its rank in its
    paragraph, which orders the citations), the source lines, its diagnostics and its
    free-form notes. A change of wording leaves the view as it was, so the stage's other
    pages and the other documents' sections can be taken from the last build
    (:func:`build_tools.collection_pages.collection_pages`); that the stage reads nothing
    else is proven by its building from the views alone."""
    body = tuple(_paragraph_view(item) if isinstance(item, Paragraph) else _line_view(item)
                 for item in document.body)
    return dataclasses.replace(
        document, path="", front=tuple(_line_view(line) for line in document.front), body=body,
        footnotes=tuple(_footnote_view(note) for note in document.footnotes), notes={}, diagnostics=())


def view_key(views: Mapping[str, Document]) -> str:
    """A digest of a document's views by language: their ``repr``, which shows every field."""
    text = repr(sorted(views.items()))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _references(references: Sequence[Reference]) -> tuple[Reference, ...]:
    return tuple(dataclasses.replace(reference, start=0, end=0) for reference in references)


def _markers(markers: Sequence[FootnoteRef]) -> tuple[FootnoteRef, ...]:
    places = sorted({marker.offset for marker in markers})
    return tuple(dataclasses.replace(marker, offset=places.index(marker.offset)) for marker in markers)


def _paragraph_view(paragraph: Paragraph) -> Paragraph:
    return dataclasses.replace(paragraph, text="", source=0, footnotes=_markers(paragraph.footnotes),
                               references=_references(paragraph.references))


def _line_view(line: FrontLine) -> FrontLine:
    return dataclasses.replace(line, source=0, footnotes=_markers(line.footnotes),
                               references=_references(line.references))


def _footnote_view(note: Footnote) -> Footnote:
    return dataclasses.replace(note, text="", source=0, references=_references(note.references))


# ---- paths and anchors -----------------------------------------------------------------


def document_path(slug: str) -> str:
    return f"resolutions/{slug}.md"


def compare_path(older: str, newer: str) -> str:
    """The comparison of two consecutive versions: ``compare/<older>--<newer>.md``."""
    return f"{COMPARE}/{older}--{newer}.md"


def versions_path(first: str) -> str:
    """Every version of a text, on one page named after its oldest: ``versions/<slug>.md``."""
    return f"{VERSIONS}/{first}.md"


def cited_by_path(slug: str) -> str:
    """Every document that cites ``slug``, when its page cannot list them all: ``cited-by/<slug>.md``."""
    return f"{CITED_BY}/{slug}.md"


def index_path(name: str) -> str:
    """``sessions``, ``committees``, ``agenda-items``, ``kinds``, ``sponsors``, ``treaties``,
    or ``index`` (the list of indexes)."""
    return f"{INDEXES}/{name}.md"


def sponsor_path(code: str) -> str:
    """The page of one sponsoring State: ``indexes/sponsors/cn.md``."""
    return f"{INDEXES}/sponsors/{code.lower()}.md"


def session_anchor(session: int | None) -> str:
    return f"session-{session}" if session is not None else "no-session"


def agenda_anchor(session: int | None, item: str) -> str:
    """``session-79-item-106``; ``98 (b)`` gives ``…-item-98-b``."""
    slug = re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-") or "none"
    return f"{session_anchor(session)}-item-{slug}"


def relative(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative Markdown link from one page to another (``../indexes/kinds.md#x``)."""
    if to_path == from_path:
        link = ""
    else:
        here, there = from_path.split("/")[:-1], to_path.split("/")
        common = 0
        while common < min(len(here), len(there) - 1) and here[common] == there[common]:
            common += 1
        link = "/".join([".."] * (len(here) - common) + there[common:])
    return f"{link}#{anchor}" if anchor else link
