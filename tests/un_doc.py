"""The description of a UN-style fixture document (see :mod:`un_pdf`): its blocks, the
constructors that set them as the official PDFs do, and the markup of their text.

Text of a block is written with a little markup: ``_words_`` in italics, ``{4}`` a raised
footnote marker 4 (its note is ``Doc.footnotes["4"]``), ``{*}`` an asterisk mark (set in
the line's size, as the sponsors line sets it; its note is ``Doc.footnotes["*"]``),
``\\n`` a line break and ``{page}`` a page break inside a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

LETTER = (612.0, 792.0)
A4 = (595.3, 841.9)
MARGIN = 123.5
"""Where the body's lines start (points from the left edge)."""
INDENT = 147.0
"""First lines, and the numbers and letters hung before a paragraph's text."""
TAB = 171.0
"""Where the text after a number or a letter starts."""
RIGHT = 488.0
"""Where justified lines end."""
SIZE, PITCH, SPACE = 10.0, 12.0, 6.0
NOTE_SIZE, NOTE_PITCH = 8.5, 10.5
MARK_SIZE, MARK_RISE = 6.5, 3.4
NOTE_MARK_SIZE, NOTE_MARK_RISE = 5.5, 3.0
FONTS = {"": "Times-Roman", "i": "Times-Italic", "b": "Times-Bold", "bi": "Times-BoldItalic"}


@dataclass(frozen=True)
class Block:
    """One block of the description: a paragraph, a line (or lines) of its own, a break."""

    text: str = ""
    label: str = ""
    """``1.``, ``(a)``, ``(i)``: hung at the first line's start, the text at :data:`TAB`."""
    first: float = INDENT
    """Where the first line (or its label) starts."""
    left: float = MARGIN
    """Where the other lines start."""
    right: float = RIGHT
    style: str = ""
    """``""``, ``"i"`` (italic), ``"b"`` (bold), ``"bi"``."""
    size: float = SIZE
    pitch: float = PITCH
    gap: float = PITCH + SPACE
    """From the previous block's last baseline to this block's first."""
    justify: bool = True
    align: str = "left"
    """``left`` or ``right`` (closing lines)."""
    page_break: bool = False
    zone: str = "body"
    """``body``, or ``column`` (the heading lines under the masthead, at the left edge)."""
    role: str = "line"
    """What the block is to the reader, for the tests: ``front`` (before the body),
    ``para`` (a paragraph of the body) or ``line`` (a line among the paragraphs)."""


def para(text: str, label: str = "", level: int = 0, quoted: bool = False, hung: bool = False) -> Block:
    """A paragraph: level 0 (``1.`` or none), 1 (``(a)``), 2 (``(i)``, set in from the margin);
    ``quoted``: inset from the margin, as text an annex quotes; ``hung``: the number at the
    margin, as an amendment numbers its instructions."""
    inset = level == 2 or quoted
    return Block(text, label, first=MARGIN if hung else INDENT, left=INDENT if inset else MARGIN, role="para")


def heading(text: str, gap: float = PITCH + SPACE) -> Block:
    """A bold heading at the margin (part labels and titles, annex headings)."""
    return Block(text, first=MARGIN, style="b", justify=False, gap=gap)


def line(text: str, style: str = "", first: float = MARGIN, gap: float = PITCH + SPACE, role: str = "line") -> Block:
    """A block of its own lines, not justified (``role="front"`` before the body)."""
    return Block(text, first=first, style=style, justify=False, gap=gap, role=role)


def enacting(text: str = "The General Assembly,", gap: float = 24.0) -> Block:
    return Block(f"_{text}_", justify=False, gap=gap)


def closing(meeting: str, date: str) -> tuple[Block, Block]:
    """The meeting and the date, set right, in italics, under the last paragraph."""
    return (Block(f"_{meeting}_", align="right", justify=False, gap=PITCH),
            Block(f"_{date}_", align="right", justify=False, gap=PITCH))


def column(*lines: str) -> tuple[Block, ...]:
    """The heading lines under the masthead at the left edge: the session and the agenda
    title bold, the committee and agenda item plain (``*`` before a line sets it bold)."""
    blocks = []
    for index, text in enumerate(lines):
        bold = text.startswith("*")
        blocks.append(Block(text.lstrip("*"), first=60.0, left=60.0, right=330.0, style="b" if bold else "",
                            justify=False, gap=22.0 if index == 0 else PITCH, zone="column", role="front"))
    return tuple(blocks)


def sponsors(text: str) -> Block:
    """The sponsors line (``Italy:{*} draft resolution``), bold, the asterisk plain."""
    return Block(text, first=MARGIN, style="b", justify=False, gap=30.0, role="front")


def title(text: str, number: str = "", gap: float = 25.0) -> Block:
    """The title, 12 pt bold; a resolution's number (``78/20.``) hangs left of the margin."""
    return Block(text, label=number, first=MARGIN - 44.0 if number else MARGIN, style="b", size=12.0,
                 pitch=13.5, justify=False, gap=gap, role="front")


def adoption(date: str) -> Block:
    """``Resolution adopted by the General Assembly on <date>``: 14 pt bold, on two lines."""
    return Block("Resolution adopted by the General Assembly\non " + date, first=MARGIN, style="b", size=14.0,
                 pitch=15.0, justify=False, gap=34.0, role="front")


def report(text: str) -> Block:
    return Block(f"[_{text}_]", first=MARGIN, justify=False, gap=24.6, role="front")


def page_break() -> Block:
    return Block(page_break=True, role="")


def plain(text: str) -> str:
    """A block's text as the document reads it: no markup, no markers, breaks as spaces."""
    text = re.sub(r"\{(?:\d{1,3}|\*)\}", "", text).replace("{page}", " ").replace("\n", " ").replace("_", "")
    return " ".join(text.split())


@dataclass(frozen=True)
class Doc:
    symbol: str
    blocks: tuple[Block, ...]
    footnotes: Mapping[str, str] = field(default_factory=dict)
    date: str = "6 December 2023"
    distribution: str = "General"
    original: str = ""
    """``English`` for drafts; adopted resolutions print none."""
    job: str = "23-24507"
    running_title: tuple[str, ...] = ()
    """The running header's title, as its lines (one or two)."""
    size: tuple[float, float] = LETTER
    drawn: Mapping[int, tuple[tuple[float, float, float], ...]] = field(default_factory=dict)
    """Rules drawn on a page besides the furniture's, ``(top, x0, x1)`` by page (a table's)."""


# --- Text with markup -----------------------------------------------------------------------

_TOKEN = re.compile(r"\{(\d{1,3}|\*|page)\}|(_)|(\n)|( )|([^_{\n ]+|\{)")


@dataclass(frozen=True)
class Piece:
    """A stretch of one word in one style: text, font, size, rise above the baseline."""

    text: str
    font: str
    size: float
    rise: float = 0.0
    mark: str = ""
    """The footnote a raised marker (or an asterisk) refers to."""

    @property
    def width(self) -> float:
        return float(stringWidth(self.text, self.font, self.size))


Word = tuple[Piece, ...]
BREAK, PAGE = (Piece("\n", "", 0),), (Piece("\f", "", 0),)


def words(text: str, style: str, size: float, note: bool = False) -> list[Word]:
    """The words of a marked-up text, each a tuple of pieces; line and page breaks as words
    of their own."""
    found: list[Word] = []
    current: list[Piece] = []
    italic = False
    mark_size, rise = (NOTE_MARK_SIZE, NOTE_MARK_RISE) if note else (MARK_SIZE, MARK_RISE)

    def flush() -> None:
        if current:
            found.append(tuple(current))
            current.clear()

    for match in _TOKEN.finditer(text):
        mark, underscore, newline, space, plain = match.groups()
        if underscore:
            italic = not italic
        elif newline or space or mark == "page":
            flush()
            if newline or mark == "page":
                found.append(BREAK if newline else PAGE)
        elif mark == "*":
            current.append(Piece("*", FONTS[""], size, mark="*"))
        elif mark:
            current.append(Piece(mark, FONTS[""], mark_size, rise, mark=mark))
        else:
            face = "".join(sorted(set(style + ("i" if italic else "")), key="bi".index))
            current.append(Piece(plain, FONTS[face], size))
    flush()
    return found


def width(word: Word) -> float:
    """The printed width of a word, in points."""
    return sum(piece.width for piece in word)
