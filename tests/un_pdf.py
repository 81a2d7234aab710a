"""UN-style PDFs for the tests, made from a compact description, and their text extractions.

A fixture is a :class:`Doc`: the masthead's facts (symbol, distribution, date, original
language, job number), a running title, and a sequence of blocks (heading lines, the
front lines, paragraphs, lines among them, page breaks). :func:`write_pdf` lays it out as
the official PDFs are set (Letter paper, Times 10 pt on a 12 pt pitch, 6 pt between
paragraphs, first lines indented, numbers and letters hung at the indent with the text at
a tab, italic opening phrases, bold headings; the masthead between two rules on page 1;
on later pages a running header of the symbol and the running title on alternating sides
above a rule, and a footer of the page number and job number; on page 1 the job number
and the barcode; footnotes under a line of underscores, in 8.5 pt, their numbers raised,
placed on the page of their marker) and draws it with reportlab.

Text of a block is written with a little markup: ``_words_`` in italics, ``{4}`` a raised
footnote marker 4 (its note is ``Doc.footnotes["4"]``), ``{*}`` an asterisk mark (set in
the line's size, as the sponsors line sets it; its note is ``Doc.footnotes["*"]``),
``\\n`` a line break and ``{page}`` a page break inside a paragraph.

:func:`write_pymupdf` writes the text PyMuPDF extracts from such a PDF, in PyMuPDF's form:
lines in the order the page draws them (masthead, footer, body, notes on page 1; header,
footer, body, notes later), most ending in a space, a line of one space between
paragraphs, a short number or letter on a line of its own before its text, markers glued
to the word before them, and an empty line between pages. :func:`write_layout` runs
``pdftotext -layout`` on the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

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
        return stringWidth(self.text, self.font, self.size)


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


def _width(word: Word) -> float:
    return sum(piece.width for piece in word)


# --- Layout ---------------------------------------------------------------------------------


@dataclass
class Run:
    """One text object, drawn from ``x`` on the baseline ``y`` (points from the top)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    word_space: float = 0.0


@dataclass
class Line:
    runs: list[Run]
    text: list[str]
    """The line as PyMuPDF gives it: one string, or two where a short label stands apart."""
    blank_before: bool = False
    """PyMuPDF's text has a line of one space before it (a new block)."""


@dataclass
class Page:
    number: int
    body: list[Line] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    """The footnotes whose markers stand on the page, in order."""


@dataclass(frozen=True)
class _Spec:
    words: tuple[Word, ...]
    forced: bool
    """The description ends the line here (``\\n`` or ``{page}``)."""
    page_after: bool


def _space(size: float) -> float:
    return stringWidth(" ", FONTS[""], size)


def _natural(items: Sequence[Word], size: float) -> float:
    return sum(_width(w) for w in items) + _space(size) * max(0, len(items) - 1)


def _wrap(found: Sequence[Word], first: float, rest: float, size: float) -> list[_Spec]:
    """Greedy line filling: ``first`` and ``rest`` are the measures of the first and the
    other lines."""
    specs: list[_Spec] = []
    current: list[Word] = []
    for word in found:
        if word is BREAK or word is PAGE:
            specs.append(_Spec(tuple(current), True, word is PAGE))
            current = []
            continue
        measure = first if not specs else rest
        if current and _natural([*current, word], size) > measure + 0.01:
            specs.append(_Spec(tuple(current), False, False))
            current = []
        current.append(word)
    if current:
        specs.append(_Spec(tuple(current), True, False))
    return [spec for spec in specs if spec.words]


def _set(items: Sequence[Word], x: float, y: float, size: float, stretch: float) -> tuple[list[Run], str, list[str]]:
    """The runs of one line: a run per stretch of one font, size and rise; a space goes
    with the run before it; ``stretch`` is added to every space (justified lines)."""
    runs: list[Run] = []
    marks: list[str] = []
    text, position = "", x
    for index, word in enumerate(items):
        for piece in word:
            marks += [piece.mark] if piece.mark else []
            last = runs[-1] if runs else None
            if last is not None and (last.font, last.size, last.y) == (piece.font, piece.size, y - piece.rise):
                last.text += piece.text
            else:
                runs.append(Run(position, y - piece.rise, piece.text, piece.font, piece.size, stretch))
            position += piece.width
            text += piece.text
        if index < len(items) - 1:
            runs[-1].text += " "
            text += " "
            position += _space(size) + stretch
    return runs, text, marks


@dataclass
class _Layout:
    doc: Doc
    pages: list[Page] = field(default_factory=list)
    y: float = 200.3
    """The last baseline set."""
    fresh: bool = False
    """Nothing is set on the page yet (a later page)."""

    def new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1))
        self.fresh = True

    def notes_bottom(self, page: int) -> float:
        height = self.doc.size[1]
        return height - (88.0 if page == 1 else 59.5)

    def limit(self, marks: Sequence[str]) -> float:
        """The lowest baseline the body may use with the notes of ``marks`` on the page."""
        page = self.pages[-1]
        notes = [m for m in dict.fromkeys([*page.marks, *marks]) if m in self.doc.footnotes]
        bottom = self.notes_bottom(page.number)
        if not notes:
            return bottom - 4.0
        count = sum(len(note_lines(self.doc, m)) for m in notes)
        return bottom - (count - 1) * NOTE_PITCH - 26.0

    def place(self, block: Block) -> None:
        if block.page_break:
            self.new_page()
            return
        found = words(block.text, block.style, block.size)
        label = words(block.label, block.style, block.size)
        label_end = block.first + _natural(label, block.size)
        if label and block.first < MARGIN:
            text_x = MARGIN  # a resolution's number, hung left of the margin
        elif label:
            text_x = max(block.first + TAB - INDENT, label_end + 6.0)
        else:
            text_x = block.first
        if block.align == "right":
            text_x = block.right - _natural(found, block.size)
        specs = _wrap(found, block.right - text_x, block.right - block.left, block.size)
        for index, spec in enumerate(specs):
            self.set_line(block, spec, index, text_x if index == 0 else block.left, label, label_end)
            if spec.page_after:
                self.new_page()

    def set_line(self, block: Block, spec: _Spec, index: int, x: float, label: list[Word],
                 label_end: float) -> None:
        marks = [p.mark for w in spec.words for p in w if p.mark]
        y = 82.3 if self.fresh else self.y + (block.gap if index == 0 else block.pitch)
        if block.zone == "body" and not self.fresh and y > self.limit(marks):
            self.new_page()
            y = 82.3
        measure = block.right - x
        natural = _natural(spec.words, block.size)
        justify = block.justify and len(spec.words) > 1 and (not spec.forced or natural > 0.85 * measure)
        stretch = (measure - natural) / (len(spec.words) - 1) if justify else 0.0
        runs, text, line_marks = _set(spec.words, x, y, block.size, stretch)
        shown = [text + " "]
        if index == 0 and label:
            label_runs, label_text, _ = _set(label, block.first, y, block.size, 0.0)
            label_runs[-1].text += " "
            runs = label_runs + runs
            apart = x - label_end >= 10.5 and block.first >= MARGIN
            shown = [label_text + " ", text + " "] if apart else [f"{label_text} {text} "]
        page = self.pages[-1]
        page.body.append(Line(runs, shown, blank_before=index == 0 and block.gap > block.pitch and not self.fresh))
        page.marks += [m for m in line_marks if m not in page.marks]
        self.y, self.fresh = y, False


def note_lines(doc: Doc, mark: str) -> list[_Spec]:
    measure = RIGHT - 124.0
    return _wrap(words(doc.footnotes[mark], "", NOTE_SIZE, note=True), measure, measure, NOTE_SIZE)


def layout(doc: Doc) -> list[Page]:
    """The pages of a description, lines placed and footnotes assigned to their pages."""
    work = _Layout(doc)
    work.new_page()
    work.fresh = False
    for block in doc.blocks:
        work.place(block)
    return [page for page in work.pages if page.body or page.number == 1]


# --- Furniture --------------------------------------------------------------------------------


def _text_line(x: float, y: float, text: str, font: str, size: float, align: str = "left") -> Run:
    if align == "right":
        x -= stringWidth(text, font, size)
    return Run(x, y, text, font, size)


def masthead(doc: Doc) -> list[Line]:
    """Page 1 above the lower rule: the organ, the symbol, the distribution, the date."""
    head, rest = doc.symbol[0], doc.symbol[1:]
    symbol_x = 551.7 - stringWidth(head, FONTS[""], 20.0) - stringWidth(rest, FONTS[""], SIZE)
    lines = [
        Line([Run(123.4, 57.8, "United Nations ", FONTS[""], 14.0)], ["United Nations "]),
        Line([Run(symbol_x, 56.5, head, FONTS[""], 20.0),
              Run(symbol_x + stringWidth(head, FONTS[""], 20.0), 56.5, rest, FONTS[""], SIZE)], [doc.symbol]),
        Line([Run(124.2, 86.4, "General Assembly ", FONTS["b"], 20.0)], ["General Assembly "], True),
        Line([Run(397.2, 86.7, f"Distr.: {doc.distribution}", FONTS[""], SIZE)], [f"Distr.: {doc.distribution} "]),
        Line([Run(397.5, 98.4, doc.date, FONTS[""], SIZE)], [doc.date + " "]),
    ]
    if doc.original:
        lines.append(Line([Run(397.1, 122.4, f"Original: {doc.original}", FONTS[""], SIZE)],
                          [f"Original: {doc.original} "]))
    return lines


def _stamp(doc: Doc) -> str:
    return "141223"


def footer(doc: Doc, page: int, pages: int) -> list[Line]:
    height = doc.size[1]
    if page == 1:
        job = f"{doc.job} (E)    {_stamp(doc)}"
        code = "*" + doc.job.replace("-", "") + "*"
        return [Line([Run(65.6, height - 44.4, job, FONTS[""], SIZE)], [job + " "], True),
                Line([Run(65.3, height - 29.8, code, FONTS["b"], 12.0)], [code + " "])]
    number = f"{page}/{pages}"
    y = height - 36.7
    if page % 2 == 0:
        runs = [_text_line(60.2, y, number, FONTS["b"], NOTE_SIZE), _text_line(551.7, y, doc.job, FONTS[""], 7.0, "right")]
        return [Line(runs, [doc.job, number + " "], True)]
    runs = [_text_line(60.2, y, doc.job, FONTS[""], 7.0), _text_line(551.7, y, number, FONTS["b"], NOTE_SIZE, "right")]
    return [Line(runs, [number, doc.job + " "], True)]


def header(doc: Doc, page: int) -> list[Line]:
    """The running header: on even pages the symbol left and the title right, on odd pages
    the title left and the symbol right; a title of two lines stands beside the symbol by its
    second line."""
    bold, even = FONTS["b"], page % 2 == 0
    titles = list(doc.running_title) or [""]
    lines: list[Line] = []
    for index, text in enumerate(titles):
        y = 60.0 - 9.8 * (len(titles) - 1 - index)
        runs = [_text_line(551.9 if even else 60.2, y, text, bold, NOTE_SIZE, "right" if even else "left")] if text else []
        last = index == len(titles) - 1
        shown = [text + (" " if not last or not even else "")] if text else []
        if last:
            runs.append(_text_line(60.1 if even else 551.9, y, doc.symbol, bold, NOTE_SIZE, "left" if even else "right"))
            shown = [doc.symbol + " ", *shown] if even else [*shown, doc.symbol]
        lines.append(Line(runs, shown))
    if even and len(titles) > 1:  # PyMuPDF gives the symbol before the title
        lines[0].text, lines[-1].text = [lines[-1].text[0]] + lines[0].text, lines[-1].text[1:]
    return lines


def notes(doc: Doc, page: Page) -> list[Line]:
    """The footnotes of the page's markers under the separator, set to end at the foot."""
    marks = [m for m in page.marks if m in doc.footnotes]
    if not marks:
        return []
    specs = {m: note_lines(doc, m) for m in marks}
    count = sum(len(s) for s in specs.values())
    bottom = doc.size[1] - (88.0 if page.number == 1 else 59.5)
    y = bottom - (count - 1) * NOTE_PITCH
    lines = [Line([Run(99.6, y - 12.0, "_" * 18, FONTS["b"], 8.0)], ["_" * 18 + " "])]
    for mark in marks:
        for index, spec in enumerate(specs[mark]):
            runs, text, _ = _set(spec.words, 123.9, y, NOTE_SIZE, 0.0)
            shown = text + " "
            if index == 0:
                raised = mark != "*"
                runs.insert(0, Run(117.3 if raised else 115.5, y - (NOTE_MARK_RISE if raised else 0.0), mark + " ",
                                   FONTS[""], NOTE_MARK_SIZE if raised else NOTE_SIZE))
                shown = f"{mark}{'  ' if raised else ' '}{text} "
            lines.append(Line(runs, [shown], index == 0))
            y += NOTE_PITCH
    return lines


def _rules(page: int) -> list[tuple[float, float, float]]:
    if page == 1:
        return [(64.8, 60.0, 551.8), (208.9, 59.3, 384.8), (208.9, 397.8, 551.8)]
    return [(64.8, 59.3, 552.1)]


# --- Writers ----------------------------------------------------------------------------------


def write_pdf(doc: Doc, path: Path) -> Path:
    """The PDF of a description."""
    pages = layout(doc)
    width, height = doc.size
    canvas = Canvas(str(path), pagesize=doc.size, invariant=True)
    for page in pages:
        furniture = masthead(doc) if page.number == 1 else header(doc, page.number)
        for line_ in [*furniture, *page.body, *notes(doc, page), *footer(doc, page.number, len(pages))]:
            for run in line_.runs:
                text = canvas.beginText(run.x, height - run.y)
                text.setFont(run.font, run.size)
                text.setWordSpace(run.word_space)  # the text state outlives the text object: always set it
                text.textOut(run.text)
                canvas.drawText(text)
        canvas.setLineWidth(0.5)
        for top, x0, x1 in _rules(page.number):
            canvas.line(x0, height - top, x1, height - top)
        canvas.showPage()
    canvas.save()
    del width
    return path


def pymupdf_text(doc: Doc) -> str:
    """The text PyMuPDF extracts from :func:`write_pdf`'s PDF, in its form."""
    pages = layout(doc)
    out: list[str] = []
    for page in pages:
        if page.number == 1:
            head = masthead(doc)
            lines = [*head[:2], Line([], [" "]), *head[2:]]
        else:
            lines = header(doc, page.number)
        lines += [*footer(doc, page.number, len(pages)), Line([], [" "], True), *page.body, *notes(doc, page)]
        text: list[str] = []
        for item in lines:
            if item.blank_before:
                text.append(" ")
            text += item.text
        out.append("\n".join(text) + "\n")
    return "\n".join(out)


def write_pymupdf(doc: Doc, path: Path) -> Path:
    path.write_text(pymupdf_text(doc), encoding="utf-8")
    return path


def write_layout(pdf: Path, path: Path) -> Path | None:
    """``pdftotext -layout`` of the PDF (None where poppler's pdftotext is not installed)."""
    if shutil.which("pdftotext") is None:
        return None
    subprocess.run(["pdftotext", "-layout", str(pdf), str(path)], check=True, capture_output=True, timeout=60)
    return path
