"""Where each printed line stands on its page: masthead, running header, footer, body, notes.

A UN document's pages carry furniture around the text: the masthead on the first page
(``United Nations``, the symbol, ``Distr.: General``, the date, ``Original: English``, between
two rules), a running header on later pages (the symbol and the running title), a footer on
every page (the job number ``24-23039 (E) 291224``, the barcode ``*2423039*``, the page
number ``2/5``) and the footnotes under a separator line at the foot of the page.

In a PDF every line has a place, and furniture is told by **where it stands**:

* the masthead is what stands above the lowest full-width rule at the top of page 1;
* the running header of a later page is what stands above the highest line set in the
  body's type size on any later page;
* the footer is what stands at or below the highest line of the document's footer (found
  by its form: job number, barcode or page number in the bottom part of a page);
* the notes are what stands under the separator (a run of underscores, or a short rule).

Text extractions have no positions, so there furniture is told by its **exact form**: a line
that is only a job number, barcode or page number; a page's first lines when they are the
symbol and the running title, the same on every later page (or the document's title when
there is only one later page). A line of body text is never removed for resembling them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .layout_line import LayoutLine

SEPARATOR = re.compile(r"_{5,}")
URL = re.compile(r"https?://\S+")

Drop = Callable[[str, LayoutLine], None]
"""Records a line (or a cell of one) as an artefact of the given kind."""


@dataclass(slots=True)
class Page:
    """One page's lines by zone."""

    masthead: list[LayoutLine]
    body: list[LayoutLine]
    notes: list[LayoutLine]


_FURNITURE_TOKEN = re.compile(r"\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{6,}\*|\d{1,3}/\d{1,3}|\d{6,7}")
_REISSUED_JOB = re.compile(r"(\d{2}-\d{5})\*(?=\s*\([A-Z]\))")
_FURNITURE_KEY = re.compile(r"\d{2}-\d{5}|\*\d{6,}\*|^\d{1,3}/\d{1,3}$|\d{1,3}/\d{1,3}\s+\d{7}|\d{7}\s+\d{1,3}/\d{1,3}")


def is_furniture(text: str, reissue: bool = False) -> bool:
    """Whether a line is only footer furniture: a job number (``25-16533 (E) 211025``; with
    ``reissue``, also ``25-17755* (E)``, the asterisk of a reissue's note, which a text form
    prints on the line), a barcode (``*2516533*``), a page number (``2/5``, ``2/5 2516006``),
    or several of them."""
    if reissue:
        text = _REISSUED_JOB.sub(r"\1", text)
    tokens = text.split()
    joined = " ".join(tokens)
    rest = _FURNITURE_TOKEN.sub("", joined).strip()
    return bool(tokens) and not rest and _FURNITURE_KEY.search(joined) is not None


def cells(line: LayoutLine) -> list[LayoutLine]:
    """Split a line at runs of 3+ spaces: the columns of a two-column layout."""
    found: list[LayoutLine] = []
    for match in re.finditer(r"\S+(?: {1,2}\S+)*", line.text.text):
        piece = line.text.slice(match.start(), match.end())
        found.append(line.cell(piece, match.start()))
    return found


# --- PDF: by position ------------------------------------------------------------------


def pdf_zones(pages: Sequence[Sequence[LayoutLine]], drop: Drop) -> list[Page]:
    body_size = _body_size(pages)
    footer = _footer_top(pages)
    header = _header_bottom(pages, body_size)
    result: list[Page] = []
    for number, lines in enumerate(pages, start=1):
        masthead_end = _masthead_rule(lines) if number == 1 else None
        page = Page([], [], [])
        separator = _separator_rule(lines, body_size)
        in_notes = False
        for line in lines:
            if line.top >= footer - 0.5:
                drop("page-furniture", line)
            elif masthead_end is not None and line.bottom <= masthead_end:
                page.masthead.append(line)
            elif number > 1 and line.bottom <= header:
                drop("running-header", line)
            elif not in_notes and SEPARATOR.fullmatch(line.text.text):
                drop("footnote-separator", line)
                in_notes = True
            elif in_notes or (separator is not None and line.top > separator):
                page.notes.append(line)
            else:
                page.body.append(line)
        result.append(page)
    return result


def _body_size(pages: Sequence[Sequence[LayoutLine]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _footer_top(pages: Sequence[Sequence[LayoutLine]]) -> float:
    """The top of the document's footer: the highest furniture line in the bottom part of a
    page; without one, the bottom seventh of the page."""
    tops = [line.top for lines in pages for line in lines
            if line.geometry is not None and line.top > 0.85 * line.geometry.height
            and is_furniture(line.text.text)]
    if tops:
        return min(tops)
    heights = [line.geometry.height for lines in pages for line in lines if line.geometry is not None]
    return 0.93 * max(heights) if heights else float("inf")


def _header_bottom(pages: Sequence[Sequence[LayoutLine]], body_size: float) -> float:
    """Lines of later pages standing wholly above this are running header: the highest top of
    a line in the body's type size on any later page."""
    tops = [line.top for lines in pages[1:] for line in lines if line.size >= 0.95 * body_size]
    return min(tops) if tops else 0.0


def _masthead_rule(lines: Sequence[LayoutLine]) -> float | None:
    """The lowest full-width rule in the top part of the first page: the masthead ends there."""
    geometry = next((line.geometry for line in lines if line.geometry is not None), None)
    if geometry is None:
        return None
    spans: dict[float, tuple[float, float]] = {}
    for top, x0, x1 in geometry.rules:  # segments at one height (a rule broken between columns)
        if top < 0.4 * geometry.height:
            key = round(top)
            low, high = spans.get(key, (x0, x1))
            spans[key] = (min(low, x0), max(high, x1))
    rules = [top for top, (x0, x1) in spans.items() if x1 - x0 > 0.6 * geometry.width]
    return max(rules) + 1 if rules else None


def _separator_rule(lines: Sequence[LayoutLine], body_size: float) -> float | None:
    """A drawn footnote separator: a short rule in the lower part of the page, alone at its
    height (a table's rules come in rows of cells), with only text smaller than the body's
    under it, the first line of which opens a note (an asterisk or a note's number; a
    table's notes, marked ``a``, ``b``, belong to the table). Used where no line of
    underscores stands."""
    geometry = next((line.geometry for line in lines if line.geometry is not None), None)
    if geometry is None or any(SEPARATOR.fullmatch(line.text.text) for line in lines):
        return None
    for top, x0, x1 in geometry.rules:
        alone = sum(1 for other, _, _ in geometry.rules if abs(other - top) < 1.0) == 1
        if alone and top > 0.3 * geometry.height and 30 < x1 - x0 < 0.45 * geometry.width:
            under = [line for line in lines if line.top > top and line.top < 0.93 * geometry.height]
            if (under and all(line.size < 0.95 * body_size for line in under)
                    and _NOTE_OPENING.match(min(under, key=lambda line: line.top).text.text)):
                return top
    return None


_NOTE_OPENING = re.compile(r"\*|\d")
"""How the first note under a separator begins: ``*`` or its number."""


# --- Text extractions: by exact form ---------------------------------------------------


def text_zones(pages: Sequence[Sequence[LayoutLine]], symbol: str | None, drop: Drop,
               is_heading: Callable[[str], bool], opens_text: Callable[[str], bool]) -> list[Page]:
    """The zones of a text extraction's pages. ``is_heading`` tells the line that ends the
    first page's masthead; ``opens_text`` the line that opens the document's text (its
    enacting formula), above which the first page prints the title a running header repeats."""
    kept_pages = []
    for lines in pages:
        kept: list[LayoutLine] = []
        for line in lines:
            if is_furniture(line.text.text, reissue=True):
                drop("page-furniture", line)
            else:
                kept.append(line)
        kept_pages.append(kept)
    titles = _titles(kept_pages, symbol, opens_text)
    result: list[Page] = []
    for number, kept in enumerate(kept_pages, start=1):
        page = Page([], [], [])
        if number == 1:
            end = next((i for i, line in enumerate(kept) if is_heading(line.text.text)), 0) if symbol else 0
            page.masthead, kept = kept[:end], kept[end:]
        else:
            header = _header_length(kept, symbol, titles)
            for line in kept[:header]:
                drop("running-header", line)
            kept = kept[header:]
        in_notes = False
        marks = _marks_in(kept)
        for line in kept:
            if not in_notes and SEPARATOR.fullmatch(line.text.text):
                drop("footnote-separator", line)
                in_notes = True
            elif not in_notes and _opens_marked_note(line.text.text, marks):
                in_notes = True  # a note marked * whose separator the extraction left out
                page.notes.append(line)
            elif in_notes:
                page.notes.append(line)
            else:
                page.body.append(line)
        result.append(page)
    return result


_MARK_IN_TEXT = re.compile(r"(?<=\S)(\*{1,3})(?=[\s:,;.)]|$)")
_MARKED_NOTE = re.compile(r"(\*{1,3})\s+\S")


def _marks_in(lines: Sequence[LayoutLine]) -> set[str]:
    return {m.group(1) for line in lines for m in _MARK_IN_TEXT.finditer(line.text.text)}


def _opens_marked_note(text: str, marks: set[str]) -> bool:
    """A line that begins with a mark (``* On behalf of …``) which the page's text carries."""
    match = _MARKED_NOTE.match(text)
    return match is not None and match.group(1) in marks


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).lower()


_HEADER_LINES = 6
"""A running header takes at most this many lines (the symbol and a long running title)."""


def _header_texts(lines: Sequence[LayoutLine], symbol: str) -> list[tuple[int, str]]:
    """For each first-lines prefix that holds the symbol: its length and its other text."""
    found: list[tuple[int, str]] = []
    texts: list[str] = []
    has_symbol = False
    for length, line in enumerate(lines[:_HEADER_LINES], start=1):
        parts = [c.text.text for c in cells(line)]
        has_symbol = has_symbol or symbol in parts
        texts += [p for p in parts if p != symbol]
        if has_symbol:
            found.append((length, _normal(" ".join(texts))))
    return found


def _titles(pages: Sequence[Sequence[LayoutLine]], symbol: str | None, opens_text: Callable[[str], bool]) -> set[str]:
    """What a running header may print beside the symbol: the text that the first lines of
    every later page share (with two later pages or more), else a title as the first page
    prints it: consecutive cells of its lines above the line that opens its text (where it
    has one), two words at least, beginning where a title may (not with a lower-case word,
    which goes on a sentence). Lines of the text itself are never a running title, even where
    a later page opens with the same lines."""
    if symbol is None or len(pages) < 2:
        return set()
    later = [{text for _, text in _header_texts(lines, symbol)} for lines in pages[1:]]
    if len(later) >= 2:
        shared = set.intersection(*later) - {""}
        if shared:
            return {max(shared, key=len)}
    first = [line.text.text for line in pages[0]]
    opening = next((i for i, text in enumerate(first) if opens_text(text.strip())), None)
    if opening is not None:
        first = first[:opening]
    titles: set[str] = set()
    for i in range(len(first)):
        head = _NUMBERED_TITLE.sub("", first[i])
        if head.lstrip()[:1].islower():
            continue
        for j in range(i + 1, min(i + 6, len(first)) + 1):
            titles.add(_normal(" ".join([head, *first[i + 1:j]])))
    return {title for title in titles if _TITLE_WORDS.search(title)}


_TITLE_WORDS = re.compile(r"[^\W\d_]{2,}\W+[^\W\d_]{2,}")
"""Two words: what a title has, and a paragraph's number (``2.``) or one word has not."""


_NUMBERED_TITLE = re.compile(r"^\d{1,3}/\d{1,4}(?: ?[A-Z])?\.\s+")
"""The resolution number before the title on an adopted resolution's first page."""


def _header_length(lines: Sequence[LayoutLine], symbol: str | None, titles: set[str]) -> int:
    """How many of a later page's first lines are its running header: the longest prefix
    that holds the symbol and, beside it, nothing or exactly a running title."""
    if symbol is None:
        return 0
    best = 0
    for length, text in _header_texts(lines, symbol):
        if not text or text in titles:
            best = length
    return best
