"""The second reading of a PDF: poppler's words, and where each printed line stands.

:mod:`build_tools.second_reading` holds the published text against a reading of the PDF
that owes nothing to the converter's: poppler's ``pdftotext -bbox-layout`` (not PDFium),
its words grouped into printed lines here, and each line's zone decided here, by its
position on the page, with rules learnt from the document itself (no page size is
assumed):

* **rows**: poppler's lines that share a height on the page form one printed line (the
  cells of a two-column masthead or table, a footnote number beside its note);
* **markers**: a word of digits or asterisks set smaller than its line and raised above
  its foot is a footnote marker, not a word of the text;
* **masthead** (first page): the rows at the top of the page down to the first wide gap,
  when they hold the organ's name in type larger than the body's;
* **footer**: what stands at or below the highest row of the page's foot that is only a
  job number (``25-17796 (E) 071125``), a barcode (``*2517796*``) or a page number
  (``2/5``); on a page with none, from the height the other pages' footers start at;
* **running header** (later pages): what stands no lower than the line that prints the
  document's symbol above the body-size text of later pages; with no such line, what
  stands wholly above the highest top of body-size text on any later page;
* **footnote separator**: a run of underscores; the rows under it are the **notes**.
  Where poppler prints none (a drawn rule), the notes are the rows in type smaller than the
  body's at the foot of the page, from one that opens with an asterisk or a raised number
  (a table's notes, marked with raised letters, are body).

Everything else is **body**.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

TOOL = "pdftotext"
PACKAGE = "poppler-utils"
TIMEOUT = 60.0
"""Seconds a reading may take (the longest of the 400 development PDFs takes a tenth of one)."""

MASTHEAD, HEADER, FOOTER, BODY, SEPARATOR, NOTES = "masthead", "header", "footer", "body", "separator", "notes"
FURNITURE = frozenset({HEADER, FOOTER, SEPARATOR})
"""Zones whose words are never published as text."""


class ReadingError(Exception):
    """The PDF could not be read a second time (no poppler, or poppler failed)."""


class Word(NamedTuple):
    """One of poppler's words and its box (points, y downwards from the top of the page;
    a named tuple: a document has tens of thousands)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Row:
    """One printed line of a page, its words from left to right."""

    number: int
    """1-based, counted from the top of the page (furniture included)."""
    words: tuple[Word, ...]
    markers: tuple[bool, ...]
    """Per word: a footnote marker (small raised digits or asterisks)."""
    top: float
    bottom: float
    size: float
    """The height of the row's own type (of most of its characters, markers aside)."""

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    rows: tuple[Row, ...]
    zones: tuple[str, ...]
    """Per row: one of masthead, header, footer, body, separator, notes."""


# --- poppler ------------------------------------------------------------------------------


def available() -> bool:
    return shutil.which(TOOL) is not None


def run_poppler(path: Path, timeout: float = TIMEOUT) -> str:
    """``pdftotext -bbox-layout``'s XHTML for the PDF at ``path``."""
    if not available():
        raise ReadingError(f"{TOOL} is not installed (Debian's {PACKAGE})")
    try:
        done = subprocess.run([TOOL, "-q", "-bbox-layout", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ReadingError(f"{TOOL} took more than {timeout:.0f} s") from None
    except OSError as error:
        raise ReadingError(f"{TOOL} could not be run: {error.strerror}") from None
    if done.returncode != 0:
        raise ReadingError(f"{TOOL} failed (exit status {done.returncode})")
    return done.stdout.decode("utf-8", errors="replace")


_ELEMENT = re.compile(
    r'<(?:page width="([\d.]+)" height="([\d.]+)"|(line) '
    r'|word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">([^<]*)</word>)'
)
"""The three elements read from poppler's XHTML (its fixed form: pages, lines, words)."""

Lines = list[list[Word]]


def parse(xhtml: str) -> list[tuple[float, float, Lines]]:
    """Every page's width, height and poppler lines of words, in poppler's order."""
    pages: list[tuple[float, float, Lines]] = []
    lines: Lines = []
    words: list[Word] | None = None
    for width, height, line, x0, top, x1, bottom, text in _ELEMENT.findall(xhtml):
        if width:
            lines = []
            words = None
            pages.append((float(width), float(height), lines))
        elif line:
            if pages:
                words = []
                lines.append(words)
        elif words is not None:
            word = html.unescape(text) if "&" in text else text
            if word.strip():
                words.append(Word(word, float(x0), float(top), float(x1), float(bottom)))
    return pages


# --- rows and markers --------------------------------------------------------------------


def _main_size(words: Sequence[Word]) -> float:
    """The height most of the characters of ``words`` are set in."""
    weights: dict[float, int] = {}
    for word in words:
        size = round(word.bottom - word.top, 1)
        weights[size] = weights.get(size, 0) + len(word.text)
    return max(weights, key=lambda size: (weights[size], size))


def rows_of(lines: Lines) -> list[Row]:
    """Poppler's lines of a page as printed rows: lines whose boxes overlap by half the
    smaller height share a row; rows run from the top of the page down."""
    boxes = sorted(((min(w.top for w in ws), max(w.bottom for w in ws), ws) for ws in lines if ws),
                   key=lambda box: (box[0] + box[1]) / 2)
    groups: list[tuple[float, float, list[Word]]] = []
    for top, bottom, words in boxes:
        if groups:
            g_top, g_bottom, g_words = groups[-1]
            overlap = min(bottom, g_bottom) - max(top, g_top)
            if overlap >= 0.5 * min(bottom - top, g_bottom - g_top):
                groups[-1] = (min(top, g_top), max(bottom, g_bottom), g_words + words)
                continue
        groups.append((top, bottom, list(words)))
    rows = []
    for number, (_, _, words) in enumerate(groups, start=1):
        words.sort(key=lambda w: w.x0)
        sizes = {round(w.bottom - w.top, 1) for w in words}
        if len(sizes) == 1:  # most rows: one size of type, so no smaller raised markers
            markers = (False,) * len(words)
            own, size = words, sizes.pop()
        else:
            markers = _markers(words)
            own = [w for w, marker in zip(words, markers, strict=True) if not marker] or words
            size = _main_size(own)
        rows.append(Row(number, tuple(words), markers, min(w.top for w in own), max(w.bottom for w in own), size))
    return rows


_MARKER_TEXT = re.compile(r"\d{1,3}(?:,\d{1,3})*|\*{1,3}|[a-z]")
"""Digits (``4``, ``4,5``), asterisks, or the letter of a table's note (``a``)."""


def _markers(words: Sequence[Word]) -> tuple[bool, ...]:
    """Which words are footnote markers: digits (or asterisks) set smaller than the row's
    type and standing raised above its foot."""
    size = _main_size(words)
    normal = [w for w in words if abs(w.height - size) < 0.1 * size] or list(words)
    foot = max(w.bottom for w in normal)
    return tuple(
        word.height < 0.85 * size and word.bottom < foot - 0.12 * size
        and _MARKER_TEXT.fullmatch(word.text) is not None
        for word in words
    )


# --- zones ---------------------------------------------------------------------------------


_FURNITURE_WORD = re.compile(r"\d{2}-\d{5}|\([A-Z]\)|\d{6}|\*\d{6,8}\*|\d{1,3}/\d{1,3}|\d{7}")
"""The words of a footer: job number, language letter, date of issue, barcode, page number."""
_SYMBOL = re.compile(r"[A-Z]{1,2}/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d[A-Z0-9.\-]*(?:/[A-Z][a-z]*\.\d+)?")
"""A document symbol as a running header prints it (``A/RES/78/28``, ``A/C.3/80/L.10/Rev.1``)."""
_UNDERSCORES = re.compile(r"_{5,}")
_OPENS_NOTE = re.compile(r"\*{1,3}")


def read(path: Path, timeout: float = TIMEOUT) -> list[Page]:
    """The PDF at ``path`` read by poppler, every printed line in its zone."""
    return zone(parse(run_poppler(path, timeout)))


def zone(pages: Sequence[tuple[float, float, Lines]]) -> list[Page]:
    """Each page's rows and each row's zone."""
    rows = [rows_of(lines) for _, _, lines in pages]
    body = _body_size(rows)
    footers = [_footer_top(page_rows, height) for (_, height, _), page_rows in zip(pages, rows, strict=True)]
    fractions = [top / height for ((_, height, _), top) in zip(pages, footers, strict=True) if top is not None]
    header = _header_bottom(rows[1:], [h for _, h, _ in pages[1:]], body, footers[1:])
    result = []
    for index, ((width, height, _), page_rows) in enumerate(zip(pages, rows, strict=True)):
        footer = footers[index]
        if footer is None:
            footer = min(fractions) * height if fractions else float("inf")
        zones = [FOOTER if row.top >= footer - 0.5 else BODY for row in page_rows]
        if index == 0:
            for i in range(_masthead_length(page_rows, height, body)):
                zones[i] = MASTHEAD
        else:
            for i, row in enumerate(page_rows):
                if zones[i] == BODY and row.bottom <= header + 1.0:
                    zones[i] = HEADER
        _notes(page_rows, zones, body)
        result.append(Page(index + 1, width, height, tuple(page_rows), tuple(zones)))
    return result


def _body_size(pages: Sequence[Sequence[Row]]) -> float:
    """The height of the commonest type of the document (by characters)."""
    sizes: Counter[float] = Counter()
    for rows in pages:
        for row in rows:
            sizes[round(row.size, 1)] += sum(len(w.text) for w in row.words)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _is_furniture(row: Row) -> bool:
    return all(_FURNITURE_WORD.fullmatch(word.text) for word in row.words)


def _footer_top(rows: Sequence[Row], height: float) -> float | None:
    """The top of the page's footer: of the highest row of the furniture rows that end the
    page in its bottom fifth."""
    top = None
    for row in reversed(rows):
        if row.top < 0.8 * height or not _is_furniture(row):
            break
        top = row.top
    return top


def _header_bottom(rows: Sequence[Sequence[Row]], heights: Sequence[float], body: float,
                   footers: Sequence[float | None]) -> float:
    """Rows of later pages that end no lower than this are running header: the foot of the
    lowest row printing the symbol above the body-size text, else the top of that text."""
    tops = [row.top for page_rows, footer in zip(rows, footers, strict=True) for row in page_rows
            if row.size >= 0.95 * body and (footer is None or row.top < footer - 0.5)]
    text_top = min(tops) if tops else 0.0
    symbols = [row.bottom for page_rows, height in zip(rows, heights, strict=True) for row in page_rows
               if row.bottom <= text_top + 1.0 and row.top < 0.15 * height
               and any(_SYMBOL.fullmatch(word.text) for word in row.words)]
    return max(symbols) if symbols else text_top - 1.0


def _masthead_length(rows: Sequence[Row], height: float, body: float) -> int:
    """How many rows at the top of the first page are its masthead: those above the first
    gap of more than two and a half body lines, in the top third of the page, when they hold
    type larger than the body's (the organ's name)."""
    for index in range(1, len(rows)):
        gap = rows[index].top - rows[index - 1].bottom
        if rows[index - 1].bottom > height / 3:
            return 0
        if gap > 2.5 * body:
            large = any(row.size > 1.25 * body for row in rows[:index])
            return index if large else 0
    return 0


def _notes(rows: Sequence[Row], zones: list[str], body: float) -> None:
    """Mark the footnote separator and the notes under it (or, with no separator printed,
    the notes in smaller type at the foot of the page)."""
    inside = [i for i, zone in enumerate(zones) if zone == BODY]
    for i in inside:
        if all(_UNDERSCORES.fullmatch(word.text) for word in rows[i].words):
            zones[i] = SEPARATOR
            for j in inside:
                if j > i:
                    zones[j] = NOTES
            return
    start = None
    for i in reversed(inside):
        row = rows[i]
        if row.size >= 0.92 * body:
            break
        first = row.words[0].text
        if _OPENS_NOTE.fullmatch(first) or (row.markers[0] and first[0].isdigit()):
            start = i
    if start is not None:
        for j in inside:
            if j >= start:
                zones[j] = NOTES
