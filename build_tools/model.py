"""The document model: what a resolution says, independent of any output format.

Every text field holds the text exactly as the clean source has it (see ``ingest``);
structure (paragraph numbers, footnote markers) is kept beside the text, never inside it,
so :meth:`Document.printed_blocks` can give back the clean text block for block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from .diagnostics import Diagnostic
from .pickling import deferred_pickle, quick_pickle

ReferenceKind = Literal["resolution", "decision", "document", "external", "treaty", "treaty-series"]
"""What a reference cites: a resolution or a decision (of any UN body, by its symbol), another
UN document, a text of a body outside the UN's document symbols (``external``: the IAEA's
``GC(69)/RES/7``, a resolution of the Commission on Narcotic Drugs; linked only where an
address is known), a treaty of the registry, a Treaty Series record."""
ParagraphKind = Literal["preambular", "operative", "subparagraph", "paragraph"]
"""What a paragraph is (:attr:`Paragraph.kind`)."""
DocumentKind = Literal["draft-resolution", "revised-draft-resolution", "resolution", "draft-decision",
                       "revised-draft-decision", "decision", "amendment", "note"]
"""What a document is (:attr:`Document.kind`)."""
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)


def document_kind(text: str | None) -> DocumentKind | None:
    """``text`` as a kind of document, None when it is not one."""
    return next((kind for kind in DOCUMENT_KINDS if kind == text), None)


TextStatus = Literal["official", "unofficial-translation"]
"""Whose text a document is (:attr:`Document.text_status`)."""
FrontRole = Literal[
    "symbol", "distribution", "date", "original", "session", "committee", "agenda-item", "agenda-title",
    "adoption", "report", "resolution-number", "sponsors", "submitted", "kind", "title", "other",
    "enacting", "part", "part-title", "annex", "annex-title", "heading", "meeting", "separator",
]
"""What a line before (or among) the paragraphs is (:attr:`FrontLine.role`)."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A span of text that refers to something with a link (set by ``annotate``)."""

    start: int
    end: int
    kind: ReferenceKind
    target: str
    """What it refers to: a UN symbol (``A/RES/76/234``), a treaty id, ``UNTS 729/10485``, or
    an external text as cited (``IAEA GC(69)/RES/7``)."""
    url: str
    """The link; empty for an external text with no known address (shown without a link)."""
    title: str
    """Tooltip and accessible name: symbol, treaty title, or Treaty Series citation."""
    date: str | None = None
    """ISO date printed with a resolution (``2021-12-24``)."""
    url_printed: bool = False
    """Whether the source printed this URL at the foot of its page."""
    ibid: bool = False
    """An ``Ibid.`` / ``同上`` citation, resolved to the source it repeats."""


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    offset: int
    """Offset in the paragraph's ``text`` where the marker stood."""
    number: int
    mark: str = ""
    """The printed mark of a note that is not numbered (``*``); ``number`` is then 0."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    anchor: str
    """Stable id, the same in every language: ``pp1``…, ``op1``…"""
    kind: ParagraphKind
    """``preambular`` | ``operative`` | ``subparagraph`` | ``paragraph`` (an unnumbered
    paragraph that belongs to the numbered paragraph before it, such as text an amendment
    inserts, or a paragraph of an annex that is neither numbered nor preambular)."""
    number: int
    """1-based position within its part (the printed number for numbered paragraphs)."""
    label: str
    """The number as printed before the text (``1.``), empty for preambular paragraphs."""
    opening: str
    """The opening phrase or operative verb: a prefix of ``text`` (may be empty)."""
    text: str
    footnotes: tuple[FootnoteRef, ...] = ()
    references: tuple[Reference, ...] = ()
    source: int = 0
    """Source offset of the paragraph's first character."""
    level: int = 0
    """0 for a numbered paragraph, 1 for a sub-paragraph ``(a)``, 2 for ``(i)`` within it."""


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    text: str
    references: tuple[Reference, ...] = ()
    source: int = 0
    mark: str = ""
    """The printed mark of a note that is not numbered (``*``, ``**``), such as the notes on
    a sponsors line (``* On behalf of …``); ``number`` is then 0."""


@dataclass(frozen=True, slots=True)
class Sponsor:
    name: str
    """As printed."""
    code: str
    """ISO 3166-1 alpha-2 code from the Member States table."""


@dataclass(frozen=True, slots=True)
class FrontLine:
    """A block before the first paragraph, as printed, with the role parse gave it."""

    role: FrontRole
    """Before the paragraphs: ``symbol`` | ``distribution`` | ``date`` | ``original`` |
    ``session`` | ``committee`` | ``agenda-item`` | ``agenda-title`` | ``adoption`` |
    ``report`` | ``resolution-number`` | ``sponsors`` | ``submitted`` | ``kind`` |
    ``title`` | ``other``. Among them: ``enacting`` | ``part`` (a part's label, ``I``,
    ``A``) | ``part-title`` | ``annex`` | ``annex-title`` | ``heading`` | ``meeting`` and
    ``date`` (the closing lines) | ``separator`` (a rule of underscores or asterisks)."""
    text: str
    source: int = 0
    footnotes: tuple[FootnoteRef, ...] = ()
    references: tuple[Reference, ...] = ()
    anchor: str = ""
    """The id of a heading among the paragraphs (``part-ii``, ``annex``), else empty."""


RelationKind = Literal["revises", "revised-as", "adopted-from", "adopted-as", "amends", "amended-by", "report",
                       "meeting"]
"""What another document is in this one's life (:attr:`Relation.kind`)."""
RELATION_KINDS: tuple[RelationKind, ...] = get_args(RelationKind)
"""The steps of a document's life, in the order a page names them."""


@dataclass(frozen=True, slots=True)
class Relation:
    """Another document in this one's life: one its text does not print, stated in
    ``meta.yml`` (:mod:`build_tools.relations`), or one the collection shows
    (:mod:`build_tools.life`)."""

    kind: RelationKind
    """``revises`` (this is a revision of ``symbol``) | ``revised-as`` | ``adopted-as`` (this
    draft became resolution or decision ``symbol``) | ``adopted-from`` | ``amended-by``
    (``symbol`` amends this draft) | ``amends`` | ``report`` (the committee report it was
    adopted on) | ``meeting`` (the record of the meeting that adopted it)."""
    symbol: str
    date: str | None = None
    """ISO date of that step: the related document's date (its adoption, for ``adopted-as``)."""
    source: str = ""
    """Where the fact comes from, in the editor's words (``source:`` in ``meta.yml``) or, for
    an inferred relation, how the collection shows it."""
    inferred: bool = False
    """Read from the collection (symbols, versions of one text), not stated in ``meta.yml``."""


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Document:
    """One language's text of a document. The build cache holds it deferred
    (:func:`build_tools.pickling.deferred_pickle`): loaded from the cache, its fields are
    read from their pickle when first used."""

    path: str
    """Source file, for messages."""
    lang: str
    slug: str
    symbol: str | None
    kind: DocumentKind
    session: int | None
    committee: str | None
    """Committee id: ``first`` … ``sixth``, ``plenary``; None when not stated."""
    agenda_item: str | None
    """As printed: ``106``, ``98 (b)``."""
    agenda_title: str | None
    title: str
    enacting: str
    sponsors: tuple[Sponsor, ...]
    front: tuple[FrontLine, ...]
    body: tuple[Paragraph | FrontLine, ...]
    """Everything after the front, in order: paragraphs, and the lines among them (the
    enacting formula, part and annex headings, the closing lines)."""
    footnotes: tuple[Footnote, ...]
    """Numbered footnotes, then the notes marked with asterisks."""
    printed_urls: tuple[str, ...] = ()
    date: str | None = None
    """ISO date: adoption date of a resolution, else the date the document bears."""
    distribution: str | None = None
    """``General`` | ``Limited`` | ``Restricted``, as the masthead prints it."""
    original_language: str | None = None
    adopted: str | None = None
    """ISO date of adoption, from ``Resolution adopted by the General Assembly on …``."""
    report: str | None = None
    """The report line of an adopted resolution, e.g. ``on the report of the First Committee (A/79/416, para. 6)``."""
    relations: tuple[Relation, ...] = ()
    """The documents in this one's life that its text does not name (``meta.yml``); on the
    site, with those the collection shows (:func:`build_tools.life.lives`)."""
    text_status: TextStatus = "official"
    """``official`` | ``unofficial-translation``."""
    notes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Free-form metadata from ``meta.yml`` (e.g. ``symbol_note``)."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """Warnings found on the way (errors stop the pipeline instead)."""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph, in order."""
        return tuple(item for item in self.body if isinstance(item, Paragraph))

    @property
    def preamble(self) -> tuple[Paragraph, ...]:
        """The preambular paragraphs (of every part), with their sub-paragraphs."""
        return tuple(p for p in self.paragraphs if _preambular(p))

    @property
    def operative(self) -> tuple[Paragraph, ...]:
        """Every other paragraph: numbered ones, their sub-paragraphs, annex paragraphs."""
        return tuple(p for p in self.paragraphs if not _preambular(p))

    @property
    def lines(self) -> tuple[FrontLine, ...]:
        """The lines among the paragraphs (headings, enacting formulas, closing lines)."""
        return tuple(item for item in self.body if isinstance(item, FrontLine))

    @property
    def closing(self) -> tuple[FrontLine, ...]:
        """The lines among the paragraphs that are not headings or enacting formulas."""
        return tuple(line for line in self.lines if line.role in ("meeting", "date"))

    @property
    def numbered_notes(self) -> tuple[Footnote, ...]:
        return tuple(note for note in self.footnotes if not note.mark)

    @property
    def marked_notes(self) -> tuple[Footnote, ...]:
        """The notes marked with asterisks (``*``)."""
        return tuple(note for note in self.footnotes if note.mark)

    def printed_blocks(self) -> tuple[str, ...]:
        """The clean text of every block, in order, rebuilt from the model."""
        blocks = [line.text for line in self.front]
        blocks += [item.label + item.text if isinstance(item, Paragraph) else item.text for item in self.body]
        return tuple(blocks)


_PREAMBULAR_ANCHOR = re.compile(r"(?:^|-)pp\d")


def _preambular(paragraph: Paragraph) -> bool:
    """A preambular paragraph, or a sub-paragraph under one (``pp3a``, ``ii-pp3a-i``)."""
    return paragraph.kind == "preambular" or (
        paragraph.kind == "subparagraph" and _PREAMBULAR_ANCHOR.search(paragraph.anchor) is not None)


quick_pickle(Reference, FootnoteRef, Paragraph, Footnote, Sponsor, FrontLine, Relation)
deferred_pickle(Document)
