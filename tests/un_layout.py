"""Where every line of a fixture document stands (see :mod:`un_pdf`): the body's lines
wrapped, justified and paginated with room for the footnotes of their markers, and the page
furniture (masthead, running header, footer, footnote block) placed as the official PDFs
place it. Coordinates are points, y downwards from the top of the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from un_doc import (
    BREAK,
    FONTS,
    INDENT,
    MARGIN,
    NOTE_MARK_RISE,
    NOTE_MARK_SIZE,
    NOTE_PITCH,
    NOTE_SIZE,
    PAGE,
    RIGHT,
    SIZE,
    TAB,
    Block,
    Doc,
    Word,
    width,
    words,
)

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
    last: bool = False
    """The paragraph's last line (never justified)."""


def _space(size: float) -> float:
    return float(stringWidth(" ", FONTS[""], size))


def _natural(items: Sequence[Word], size: float) -> float:
    return sum(width(w) for w in items) + _space(size) * max(0, len(items) - 1)


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
        specs.append(_Spec(tuple(current), True, False, last=True))
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
        justify = block.justify and len(spec.words) > 1 and not spec.last and \
            (not spec.forced or natural > 0.85 * measure)
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


def footer(doc: Doc, page: int, pages: int) -> list[Line]:
    height = doc.size[1]
    if page == 1:
        job = f"{doc.job} (E)    141223"
        code = "*" + doc.job.replace("-", "") + "*"
        return [Line([Run(65.6, height - 44.4, job, FONTS[""], SIZE)], [job + " "], True),
                Line([Run(65.3, height - 29.8, code, FONTS["b"], 12.0)], [code + " "])]
    number = f"{page}/{pages}"
    y = height - 36.7
    if page % 2 == 0:
        runs = [_text_line(60.2, y, number, FONTS["b"], NOTE_SIZE),
                _text_line(551.7, y, doc.job, FONTS[""], 7.0, "right")]
        return [Line(runs, [doc.job, number + " "], True)]
    runs = [_text_line(60.2, y, doc.job, FONTS[""], 7.0),
            _text_line(551.7, y, number, FONTS["b"], NOTE_SIZE, "right")]
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
        side = "right" if even else "left"
        runs = [_text_line(551.9 if even else 60.2, y, text, bold, NOTE_SIZE, side)] if text else []
        last = index == len(titles) - 1
        shown = [text + (" " if not last or not even else "")] if text else []
        if last:
            other = "left" if even else "right"
            runs.append(_text_line(60.1 if even else 551.9, y, doc.symbol, bold, NOTE_SIZE, other))
            shown = [doc.symbol + " ", *shown] if even else [*shown, doc.symbol]
        lines.append(Line(runs, shown))
    if even and len(titles) > 1:  # PyMuPDF gives the symbol before the title
        lines[0].text, lines[-1].text = [lines[-1].text[0], *lines[0].text], lines[-1].text[1:]
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


def rules(page: int) -> list[tuple[float, float, float]]:
    if page == 1:
        return [(64.8, 60.0, 551.8), (208.9, 59.3, 384.8), (208.9, 397.8, 551.8)]
    return [(64.8, 59.3, 552.1)]
