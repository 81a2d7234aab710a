"""The document model: what a resolution says, independent of any output format.

Every text field holds the text exactly as the clean source has it (see ``ingest``);
structure (paragraph numbers, footnote markers) is kept beside the text, never inside it,
so :meth:`Document.printed_blocks` can give back the clean text block for block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Reference:
    """A span of text that refers to something with a link (set by ``annotate``)."""

    start: int
    end: int
    kind: str
    """``resolution`` | ``decision`` | ``document`` | ``treaty`` | ``treaty-series``."""
    target: str
    """What it refers to: a UN symbol (``A/RES/76/234``), a treaty id, or ``UNTS 729/10485``."""
    url: str
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


@dataclass(frozen=True, slots=True)
class Paragraph:
    anchor: str
    """Stable id, the same in every language: ``pp1``…, ``op1``…"""
    kind: str
    """``preambular`` | ``operative``."""
    number: int
    """1-based position within its part (the printed number for operative paragraphs)."""
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


@dataclass(frozen=True, slots=True)
class Sponsor:
    name: str
    """As printed."""
    code: str
    """ISO 3166-1 alpha-2 code from the Member States table."""


@dataclass(frozen=True, slots=True)
class FrontLine:
    """A block before the first paragraph, as printed, with the role parse gave it."""

    role: str
    """``session`` | ``committee`` | ``agenda-item`` | ``agenda-title`` | ``sponsors`` |
    ``title`` | ``enacting`` | ``closing`` | ``other``."""
    text: str
    source: int = 0
    footnotes: tuple[FootnoteRef, ...] = ()
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    """Source file, for messages."""
    lang: str
    slug: str
    symbol: str | None
    kind: str
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
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    closing: tuple[FrontLine, ...]
    footnotes: tuple[Footnote, ...]
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
    text_status: str = "official"
    """``official`` | ``unofficial-translation``."""
    notes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Free-form metadata from ``meta.yml`` (e.g. ``symbol_note``)."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """Warnings found on the way (errors stop the pipeline instead)."""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.preamble + self.operative

    def printed_blocks(self) -> tuple[str, ...]:
        """The clean text of every body block, in order, rebuilt from the model."""
        body = [line.text for line in self.front]
        body += [p.label + p.text for p in self.paragraphs]
        body += [line.text for line in self.closing]
        return tuple(body)
