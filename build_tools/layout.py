"""Ingest for page layouts: ``pdftotext -layout`` text, PyMuPDF text and PDFs.

These formats keep the printed page: a masthead on the first page (``United Nations``,
the symbol, ``Distr.: General``, the date, ``Original: English``), running headers and
footers on every page (symbol, ``24-23039 (E)``, the ``*2423039*`` barcode, ``2/3``, the
running title), the footnote block under a separator line at the foot of each page, and
paragraphs told apart by indentation (``pdftotext -layout``) or by blank lines (PyMuPDF).

Every reader turns its input into pages of :class:`LayoutLine`; :func:`ingest_layout` then
does the rest for all of them and returns the same :class:`~build_tools.ingest.CleanText`
as the interleaved format, so parse never knows which tool made the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .diagnostics import Diagnostic, DiagnosticError
from .ingest import (
    Artefact,
    Block,
    CleanText,
    FootnoteBody,
    Marker,
    PrintedUrl,
    check_markers,
    join_lines,
    normalise,
    normalise_with_positions,
)
from .source import Source
from .symbols import SYMBOL_PATTERN
from .textmap import MappedText

_JOB = re.compile(r"(?:\d+/\d+\s+)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d+/\d+)?")
_BARCODE = re.compile(r"\*\d{6,}\*")
_PAGE_NUMBER = re.compile(r"\d{1,3}/\d{1,3}")
_SEPARATOR = re.compile(r"_{5,}")
_URL = re.compile(r"https?://\S+")
_MASTHEAD = re.compile(r"United Nations|General Assembly|Security Council|联合国|大会")
_DISTRIBUTION = re.compile(r"Distr\.:\s*(?:General|Limited|Restricted)|Distr\.\s*(?:General|Limited)")
_DATE = re.compile(r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
                   r"|November|December) \d{4}|\d{4}年\d{1,2}月\d{1,2}日")
_ORIGINAL = re.compile(r"Original:\s*\w+|原文[:：]\s*\S+")
_HEADING = re.compile(
    r"(?:[A-Z][a-z]+(?:-[a-z]+)? session|第[〇零一二三四五六七八九十百]+届会议|Agenda items? \d.*"
    r"|议程项目\s*\d.*|(?:First|Second|Third|Fifth|Sixth) Committee|第[一二三五六]委员会"
    r"|The General Assembly,|大会[，,]|Annex(?: [IVX]+)?|附件(?:[一二三四五六七八九十]+)?"
    r"|\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting|第\d+次(?:\(续\))?全体会议)"
)
_NUMBER_ONLY = re.compile(r"\d{1,3}\.|\([a-z]{1,3}\)|\([ivx]{1,5}\)")
_FOOTNOTE_START = re.compile(r"(\d{1,3})(?:\s+|$)")
_SPACED_MARKER = re.compile(r"(?<=[^\s\d/.\-])\s?(\d{1,3})(?=[\s,;.:)]|$)")
_NOT_MARKER_BEFORE = re.compile(
    r"\b(?:paragraphs?|paras?\.|resolutions?|decisions?|articles?|items?|annex(?:es)?|sections?|"
    r"chapters?|rules?|principles?|goals?|targets?|vol\.|No\.|page|pages|part|parts|Protocol|"
    r"session|meeting|and|or|to|of|Add\.|Corr\.|Rev\.)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class LayoutLine:
    """One printed line: its text (indentation stripped) and where it stands."""

    text: MappedText
    page: int
    indent: int
    """Leading spaces (text formats) or the x position in characters (PDF)."""
    blank_before: bool = False
    superscripts: tuple[tuple[int, int], ...] = ()
    """``[start, end)`` spans of ``text`` printed as superscripts (PDF only)."""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class _Work:
    source: Source
    artefacts: list[Artefact] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    urls: list[PrintedUrl] = field(default_factory=list)

    def drop(self, kind: str, line: LayoutLine) -> None:
        for start, end in line.text.source_spans(0, len(line.text)):
            self.artefacts.append(Artefact(kind, start, end))


def text_pages(source: Source, fmt: str) -> list[list[LayoutLine]]:
    """Pages of lines from ``pdftotext -layout`` (``\\f`` between pages) or PyMuPDF text
    (an empty line between pages, lines of one space inside them)."""
    pages: list[list[LayoutLine]] = [[]]
    blank = False
    offset = 0
    for raw in source.text.split("\n"):
        start, offset = offset, offset + len(raw) + 1
        pieces = raw.split("\f")
        for index, piece in enumerate(pieces):
            if index:
                pages.append([])
                blank = False
            piece_start = start + sum(len(p) + 1 for p in pieces[:index])
            if fmt == "pymupdf" and piece == "" and len(pieces) == 1:
                if pages[-1]:
                    pages.append([])
                blank = False
                continue
            if not piece.strip():
                blank = True
                continue
            indent = len(piece) - len(piece.lstrip())
            text = MappedText.of(piece, piece_start).strip()
            pages[-1].append(LayoutLine(text, len(pages), indent, blank, (), piece_start,
                                        piece_start + len(piece)))
            blank = False
    return [page for page in pages if page]


def ingest_layout(source: Source, fmt: str, pages: Sequence[Sequence[LayoutLine]]) -> CleanText:
    work = _Work(source)
    symbol = _document_symbol(pages)
    body: list[LayoutLine] = []
    notes: list[list[LayoutLine]] = []
    title_words: set[str] = set()
    for number, page in enumerate(pages, start=1):
        lines = [_strip_furniture(work, line) for line in page]
        kept = [line for line in lines if line is not None]
        if number == 1:
            kept = _masthead(work, kept, symbol)
            title_words = _title_words(kept)
        else:
            kept = _running_header(work, kept, symbol, title_words)
        page_body, page_notes = _split_notes(work, kept)
        body += page_body
        notes.append(page_notes)
    footnotes = _footnotes(work, notes)
    blocks = _blocks(work, body)
    on_page = {(f.page, f.number) for f in footnotes}
    raised = {line.start + start for page in pages for line in page for start, _ in line.superscripts}
    finished = _markers(work, blocks, on_page, footnotes, raised if fmt == "pdf" else None)
    check_markers(source, finished, footnotes, work.diagnostics)
    if not any(block.text.text for block in finished):
        raise DiagnosticError(
            [source.diagnostic("ingest.no-text", 0, "the text of a document", "no body text")]
        )
    return CleanText(source, fmt, tuple(b for b in finished if b.text.text), tuple(footnotes),
                     tuple(work.urls), tuple(work.artefacts), tuple(work.diagnostics))


def _document_symbol(pages: Sequence[Sequence[LayoutLine]]) -> str | None:
    for line in pages[0][:8] if pages else ():
        match = SYMBOL_PATTERN.search(line.text.text)
        if match:
            return match.group()
    return None


def _strip_furniture(work: _Work, line: LayoutLine) -> LayoutLine | None:
    text = line.text.text
    if _JOB.fullmatch(text) or _BARCODE.fullmatch(text) or _PAGE_NUMBER.fullmatch(text):
        work.drop("page-furniture", line)
        return None
    if _URL.fullmatch(text):
        work.urls.append(PrintedUrl(text, line.page, line.text.source_offset(0)))
        work.drop("printed-url", line)
        return None
    return line


def _cells(line: LayoutLine) -> list[LayoutLine]:
    """Split a line at runs of 3+ spaces: the columns of a two-column layout."""
    cells: list[LayoutLine] = []
    for match in re.finditer(r"\S+(?: {1,2}\S+)*", line.text.text):
        piece = line.text.slice(match.start(), match.end())
        cells.append(LayoutLine(piece, line.page, line.indent + match.start(), line.blank_before))
    return cells


def _masthead(work: _Work, lines: list[LayoutLine], symbol: str | None) -> list[LayoutLine]:
    """First-page masthead: keep symbol, distribution, date and original language as lines."""
    if not symbol:
        return lines
    end = next((i for i, line in enumerate(lines) if _HEADING.match(line.text.text)), 0)
    kept: list[LayoutLine] = []
    for line in lines[:end]:
        for cell in _cells(line):
            text = cell.text.text
            if _MASTHEAD.fullmatch(text):
                work.drop("masthead", cell)
            elif text == symbol or _DISTRIBUTION.fullmatch(text) or _DATE.fullmatch(text) or \
                    _ORIGINAL.fullmatch(text):
                cell.blank_before = True
                kept.append(cell)
            else:
                kept.append(cell)
    return kept + lines[end:]


def _title_words(lines: Sequence[LayoutLine]) -> set[str]:
    return {w.lower() for line in lines for w in re.findall(r"\w+", line.text.text)}


def _running_header(
    work: _Work, lines: list[LayoutLine], symbol: str | None, title_words: set[str]
) -> list[LayoutLine]:
    """Drop the symbol and running title printed at the top of later pages."""
    kept = list(lines)
    while kept:
        cells = _cells(kept[0])
        furniture = [
            c for c in cells
            if c.text.text == symbol or ((
                kept[0] is lines[0] or len(lines) - len(kept) < 3
            ) and _is_running_title(c.text.text, title_words))
        ]
        if not furniture or len(furniture) != len(cells):
            break
        for cell in cells:
            work.drop("running-header", cell)
        kept.pop(0)
    return kept


def _is_running_title(text: str, title_words: set[str]) -> bool:
    words = [w.lower() for w in re.findall(r"\w+", text)]
    return len(words) >= 3 and all(w in title_words for w in words) and not text.endswith((",", ";"))


def _split_notes(work: _Work, lines: list[LayoutLine]) -> tuple[list[LayoutLine], list[LayoutLine]]:
    for index, line in enumerate(lines):
        if _SEPARATOR.fullmatch(line.text.text):
            work.drop("footnote-separator", line)
            return lines[:index], lines[index + 1:]
    return lines, []


def _footnotes(work: _Work, pages: Sequence[Sequence[LayoutLine]]) -> list[FootnoteBody]:
    footnotes: list[FootnoteBody] = []
    for lines in pages:
        groups: list[tuple[int, int, list[MappedText]]] = []
        for line in lines:
            match = _FOOTNOTE_START.match(line.text.text)
            last = groups[-1][0] if groups else (footnotes[-1].number if footnotes else None)
            if match and last is not None and int(match.group(1)) != last + 1:
                match = None  # "729, No. 10485" continues a footnote; numbers go in order
            if match:
                number_span = line.text.slice(0, match.end())
                for start, end in number_span.source_spans(0, len(number_span)):
                    work.artefacts.append(Artefact("footnote-number", start, end))
                rest = line.text.slice(match.end(), len(line.text)).strip()
                groups.append((int(match.group(1)), line.page, [rest] if rest.text else []))
            elif groups:
                groups[-1][2].append(line.text)
            elif footnotes:  # a footnote continued from the previous page
                continued = footnotes.pop()
                groups.append((continued.number, continued.page, [continued.text, line.text]))
            else:
                raise DiagnosticError([work.source.diagnostic(
                    "ingest.footnote-number", line.text.source_offset(0),
                    "a footnote starting with its number under the separator line",
                    repr(line.text.text[:40]),
                )])
        for number, page, parts in groups:
            text = join_lines(work.source, parts, work.artefacts)
            footnotes.append(FootnoteBody(number, page, normalise(work.source, text)))
    return footnotes


def _starts_block(line: LayoutLine, previous: LayoutLine | None, base: int) -> bool:
    if previous is None or line.blank_before:
        return True
    text, before = line.text.text, previous.text.text
    if _HEADING.fullmatch(before) or _HEADING.fullmatch(text) or text.startswith("["):
        return True
    if _NUMBER_ONLY.fullmatch(before):
        return False  # "6." on a line of its own, its text on the next line
    if line.indent == base:
        return False
    return not (line.indent == previous.indent and line.indent < base)


def _blocks(work: _Work, lines: Sequence[LayoutLine]) -> list[tuple[MappedText, int, list[LayoutLine]]]:
    bases = {page: _continuation_indent([x for x in lines if x.page == page])
             for page in {x.page for x in lines}}
    groups: list[list[LayoutLine]] = []
    previous: LayoutLine | None = None
    for line in lines:
        if previous is not None and line.page != previous.page:
            # The first line of a page continues the last paragraph of the previous page
            # unless that paragraph had ended.
            starts = _ends_paragraph(previous) or _HEADING.fullmatch(line.text.text) is not None
        else:
            starts = _starts_block(line, previous, bases[line.page])
        if starts or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
        previous = line
    return [(join_lines(work.source, [m.text for m in group], work.artefacts), group[0].page, group)
            for group in groups]


def _continuation_indent(lines: Sequence[LayoutLine]) -> int:
    """The indentation of a page's wrapped lines: the commonest indent of a line that
    follows a line which did not end its sentence (first lines are indented more)."""
    wrapped = Counter(
        line.indent for previous, line in pairwise(lines)
        if not line.blank_before and not _ends_paragraph(previous)
        and not _HEADING.fullmatch(previous.text.text)
    )
    if wrapped:
        return wrapped.most_common(1)[0][0]
    return Counter(line.indent for line in lines).most_common(1)[0][0]


def _ends_paragraph(line: LayoutLine) -> bool:
    return line.text.text.endswith((",", ";", ".", ":", "，", "；", "。", "：")) and not \
        re.search(r"\d$", line.text.text)


def _markers(
    work: _Work,
    blocks: Sequence[tuple[MappedText, int, list[LayoutLine]]],
    on_page: set[tuple[int, int]],
    footnotes: Sequence[FootnoteBody],
    raised: set[int] | None,
) -> list[Block]:
    """Footnote markers: superscripts where the PDF says so, else digits by page and order."""
    pending = sorted(f.number for f in footnotes)
    result: list[Block] = []
    for text, page, group in blocks:
        found: list[tuple[int, int, int, int]] = []
        for match in _SPACED_MARKER.finditer(text.text):
            number = int(match.group(1))
            offset = text.source_offset(match.start(1))
            marker_page = _line_page(group, offset)
            if (marker_page, number) not in on_page:
                continue
            if raised is not None:
                if offset not in raised:
                    continue  # the PDF prints it as ordinary text
            elif match.start(1) > match.start() and _NOT_MARKER_BEFORE.search(text.text[: match.start()]):
                continue  # "paragraph 1", "resolution 2": a number, not a marker
            elif not pending or number != pending[0]:
                continue  # markers come in the order of their footnotes
            if number in pending:
                pending.remove(number)
            found.append((match.start(), match.end(), number, marker_page))
            work.artefacts.append(Artefact("footnote-marker", offset, offset + len(match.group(1))))
        shift, markers = 0, []
        for start, end, number, marker_page in found:
            markers.append((start - shift, number, text.source_offset(start), marker_page))
            shift += end - start
        spans = [(start, end) for start, end, _, _ in found]
        clean, positions = normalise_with_positions(work.source, text.delete(spans), [m[0] for m in markers])
        result.append(Block(clean, page, tuple(
            Marker(pos, number, src, marker_page)
            for pos, (_, number, src, marker_page) in zip(positions, markers, strict=True)
        )))
    return result


def _line_page(group: Sequence[LayoutLine], offset: int) -> int:
    page = group[0].page
    for line in group:
        if line.text.text and line.text.source_offset(0) <= offset:
            page = line.page
    return page
