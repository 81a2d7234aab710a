"""Ingest for page layouts: PDFs, ``pdftotext -layout`` text and PyMuPDF text.

These formats keep the printed page: a masthead on the first page (``United Nations``,
the symbol, ``Distr.: General``, the date, ``Original: English``), running headers and
footers on every page, the footnote block under a separator line at the foot of each page,
and paragraphs told apart by spacing and indentation. :mod:`build_tools.zones` decides
which line is furniture (by position in a PDF, by exact form in text); this module joins the
body lines into blocks, reads the footnote bodies and takes the footnote markers out of the
text, and returns the same :class:`~build_tools.ingest.CleanText` as the interleaved
format, so parse never knows which tool made the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
from .layout_line import LayoutLine, PageGeometry
from .source import Source
from .symbols import SYMBOL_PATTERN
from .textmap import MappedText
from .zones import MASTHEAD_WORDS, URL, cells, pdf_zones, text_zones

__all__ = ["LayoutLine", "PageGeometry", "ingest_layout", "text_pages"]

_DISTRIBUTION = re.compile(r"Distr\.:\s*(?:General|Limited|Restricted)|Distr\.\s*(?:General|Limited)")
_DATE = re.compile(r"\d{1,2}\s(?:January|February|March|April|May|June|July|August|September|October"
                   r"|November|December)\s\d{4}|\d{4}年\d{1,2}月\d{1,2}日")
_ORIGINAL = re.compile(r"Original:\s*\w+|原文[:：]\s*\S+")
_STANDALONE = re.compile(
    r"(?:[A-Z][a-z]+(?:-[a-z]+)? session|(?:Resumed|Special|Emergency special) .*session.*"
    r"|第[〇零一二三四五六七八九十百]+届会议|Agenda items? \d.*"
    r"|议程项目\s*\d.*|(?:First|Second|Third|Fifth|Sixth) Committee|第[一二三五六]委员会"
    r"|The General Assembly,?|大会[，,]?|(?:Annex|ANNEX|Appendix|Attachment)(?: [IVX]+| \d+)?"
    r"|附件(?:[一二三四五六七八九十]+)?"
    r"|[IVX]{1,6}|[A-H]|\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting|第\d+次(?:\(续\))?全体会议)"
)
"""Lines that are a block of their own: headings, the enacting formula, part labels, the
meeting line."""
_NUMBERED_START = re.compile(r"\d{1,3}\.\s|\([a-z]{1,3}\)\s|\([ivx]{1,6}\)\s")
"""A numbered paragraph or sub-paragraph begins here."""
_NUMBER_ONLY = re.compile(r"\d{1,3}\.|\([a-z]{1,3}\)|\([ivx]{1,5}\)")
_FOOTNOTE_START = re.compile(r"(\d{1,3}|\*{1,3})(?:\s+|$)")
_SPACED_MARKER = re.compile(r"(?<=[^\s\d/.\-])\s?(\d{1,3})(?=[\s,;.:)”’]|$)")
_STAR_MARKER = re.compile(r"(?<=\S)(\*{1,3})(?=[\s:,;.)]|$)")
_NOT_MARKER_BEFORE = re.compile(
    r"\b(?:paragraphs?|paras?\.|resolutions?|decisions?|articles?|items?|annex(?:es)?|sections?|"
    r"chapters?|rules?|principles?|goals?|targets?|vol\.|No\.|page|pages|part|parts|Protocol|"
    r"session|meeting|and|or|to|of|Add\.|Corr\.|Rev\.)$",
    re.IGNORECASE,
)
_TERMINAL = (",", ";", ".", ":", "，", "；", "。", "：")


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
    work = _Work(source, diagnostics=list(source.warnings))
    symbol = _document_symbol(pages)
    pages = [[line for line in page if not _printed_url(work, line)] for page in pages]
    if fmt == "pdf":
        zoned = pdf_zones(pages, work.drop)
    else:
        zoned = text_zones(pages, symbol, work.drop, lambda text: _STANDALONE.fullmatch(text) is not None)
    body = _masthead(work, zoned[0].masthead, symbol) if zoned else []
    for page in zoned:
        body += page.body
    footnotes = _footnotes(work, [page.notes for page in zoned])
    blocks = _pdf_blocks(work, body) if fmt == "pdf" else _blocks(work, body)
    on_page = {(f.page, f.number, f.mark) for f in footnotes}
    finished = _markers(work, blocks, on_page, footnotes, fmt == "pdf")
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


def _printed_url(work: _Work, line: LayoutLine) -> bool:
    """A link URL printed at the foot of a page (the official Chinese PDFs print them)."""
    text = line.text.text
    if not URL.fullmatch(text):
        return False
    work.urls.append(PrintedUrl(text, line.page, line.text.source_offset(0)))
    work.drop("printed-url", line)
    return True


def _masthead(work: _Work, lines: Sequence[LayoutLine], symbol: str | None) -> list[LayoutLine]:
    """First-page masthead: the symbol, distribution, date and original language are kept as
    lines of their own; the organ's name is furniture."""
    kept: list[LayoutLine] = []
    for line in lines:
        for cell in cells(line):
            text = cell.text.text
            if MASTHEAD_WORDS.fullmatch(text):
                work.drop("masthead", cell)
            else:
                kept.append(replace(cell, blank_before=True))
    del symbol
    return kept


def _footnotes(work: _Work, pages: Sequence[Sequence[LayoutLine]]) -> list[FootnoteBody]:
    """Footnote bodies: each starts with its number (or asterisks) under the separator; a
    page's first note lines without a number continue the previous page's last footnote."""
    footnotes: list[FootnoteBody] = []
    for lines in pages:
        groups: list[tuple[int, str, int, list[MappedText]]] = []
        for line in lines:
            match = _FOOTNOTE_START.match(line.text.text)
            if match and not _starts_footnote(match.group(1), line, groups, footnotes):
                match = None  # "729, No. 10485" continues a footnote; numbers go in order
            if match:
                number_span = line.text.slice(0, match.end())
                for start, end in number_span.source_spans(0, len(number_span)):
                    work.artefacts.append(Artefact("footnote-number", start, end))
                rest = line.text.slice(match.end(), len(line.text)).strip()
                mark = match.group(1)
                number = int(mark) if mark.isdigit() else 0
                groups.append((number, "" if mark.isdigit() else mark, line.page, [rest] if rest.text else []))
            elif groups:
                groups[-1][3].append(line.text)
            elif footnotes:  # a footnote continued from the previous page
                continued = footnotes.pop()
                groups.append((continued.number, continued.mark, continued.page, [continued.text, line.text]))
            else:
                raise DiagnosticError([work.source.diagnostic(
                    "ingest.footnote-number", line.text.source_offset(0),
                    "a footnote starting with its number (or *) under the separator line",
                    repr(line.text.text[:40]),
                )])
        for number, mark, page, parts in groups:
            text = join_lines(work.source, parts, work.artefacts)
            footnotes.append(FootnoteBody(number, page, normalise(work.source, text), mark))
    return footnotes


def _starts_footnote(
    mark: str, line: LayoutLine, groups: Sequence[tuple[int, str, int, list[MappedText]]],
    footnotes: Sequence[FootnoteBody],
) -> bool:
    """Whether a note line's leading number or asterisks open a new footnote."""
    if not mark.isdigit():
        return True
    if line.superscripts and line.superscripts[0][0] == 0:
        return True  # the PDF sets the number raised: a footnote's own number
    numbered = [g[0] for g in groups if not g[1]] or [f.number for f in footnotes if not f.mark]
    last = numbered[-1] if numbered else None
    return last is None or int(mark) == last + 1


# --- Blocks from a PDF's lines: spacing, indentation and style --------------------------


def _pdf_blocks(work: _Work, lines: Sequence[LayoutLine]) -> list[tuple[MappedText, int, list[LayoutLine]]]:
    pitch = _pitches(lines)
    right = _right_margin(lines)
    margins = _left_margins(lines)
    groups: list[list[LayoutLine]] = []
    for line in lines:
        if not groups or _pdf_starts(line, groups[-1], pitch, right, margins):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [(join_lines(work.source, [m.text for m in group], work.artefacts), group[0].page, group)
            for group in groups]


def _pitches(lines: Sequence[LayoutLine]) -> dict[float, float]:
    """The commonest distance between the baselines of consecutive lines, per type size."""
    steps: dict[float, Counter[float]] = {}
    for previous, line in pairwise(lines):
        if line.page == previous.page and abs(line.size - previous.size) < 0.2:
            step = line.baseline - previous.baseline
            if 0.8 * line.size < step < 2.5 * line.size:
                steps.setdefault(round(line.size, 1), Counter())[round(step * 2) / 2] += 1
    return {size: counter.most_common(1)[0][0] for size, counter in steps.items()}


def _left_margins(lines: Sequence[LayoutLine]) -> dict[int, float]:
    """Per page, where its text lines start: the leftmost position at least two lines share
    (even and odd pages may be set with different margins)."""
    margins: dict[int, float] = {}
    for page in {line.page for line in lines}:
        starts = Counter(round(line.x0) for line in lines if line.page == page and not line.bold)
        shared = [x for x, count in starts.items() if count >= 2] or list(starts) or [0]
        margins[page] = float(min(shared))
    return margins


def _right_margin(lines: Sequence[LayoutLine]) -> float:
    ends = sorted(line.x1 for line in lines)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def _pdf_starts(line: LayoutLine, group: Sequence[LayoutLine], pitch: dict[float, float], right: float,
                margins: dict[int, float]) -> bool:
    """Whether ``line`` begins a new block after ``group``."""
    previous = group[-1]
    size = line.size or 10.0
    if _STANDALONE.fullmatch(previous.text.text) or _STANDALONE.fullmatch(line.text.text):
        return True
    if line.bold != previous.bold or abs(line.size - previous.size) > 0.1 * previous.size:
        return True
    if line.text.text.startswith("[") and not previous.text.text.endswith(("[", "(")):
        return True
    if line.page != previous.page:
        return _NUMBERED_START.match(line.text.text) is not None or not _continues_on_next_page(line, group, margins)
    step = line.baseline - previous.baseline
    normal = pitch.get(round(size, 1), 1.2 * size)
    if step > normal + 0.3 * size or step < 0.5 * size:
        return True
    return not line.bold and line.x0 > previous.x0 + 0.8 * size and previous.x1 < right - 2 * size


def _continues_on_next_page(line: LayoutLine, group: Sequence[LayoutLine], margins: dict[int, float]) -> bool:
    """The first line of a page continues the block the previous page ended with when it
    stands left of that block's first line (which was indented), or, for a block whose lines
    all start at one place, when the block had not ended its sentence. Positions are taken
    from each page's own margin."""
    def indent(x: LayoutLine) -> float:
        return x.x0 - margins.get(x.page, 0.0)

    first = group[0]
    size = line.size or 10.0
    if indent(line) < indent(first) - 0.5 * size:
        return True
    if len(group) > 1 and abs(indent(line) - indent(group[1])) < 0.5 * size and \
            abs(indent(first) - indent(group[1])) < 0.5 * size:
        return not _ends_paragraph(group[-1])
    return False


# --- Blocks from text extractions: indentation and blank lines --------------------------


def _starts_block(line: LayoutLine, previous: LayoutLine | None, base: int) -> bool:
    if previous is None or line.blank_before:
        return True
    text, before = line.text.text, previous.text.text
    if _STANDALONE.fullmatch(before) or _STANDALONE.fullmatch(text) or text.startswith("["):
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
            starts = _ends_paragraph(previous) or _STANDALONE.fullmatch(line.text.text) is not None
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
        and not _STANDALONE.fullmatch(previous.text.text)
    )
    if wrapped:
        return wrapped.most_common(1)[0][0]
    return Counter(line.indent for line in lines).most_common(1)[0][0]


def _ends_paragraph(line: LayoutLine) -> bool:
    return line.text.text.endswith(_TERMINAL) and not re.search(r"\d$", line.text.text)


# --- Footnote markers --------------------------------------------------------------------


def _markers(
    work: _Work,
    blocks: Sequence[tuple[MappedText, int, list[LayoutLine]]],
    on_page: set[tuple[int, int, str]],
    footnotes: Sequence[FootnoteBody],
    pdf: bool,
) -> list[Block]:
    """Footnote markers: the digits a PDF sets raised, else digits by page and order; and
    asterisks after a word where the page has an asterisk footnote."""
    pending = sorted(f.number for f in footnotes if not f.mark)
    result: list[Block] = []
    for text, page, group in blocks:
        found = _raised_markers(group, text, on_page) if pdf else _text_markers(text, group, on_page, pending)
        found += _star_markers(text, group, on_page)
        found.sort()
        shift, markers = 0, []
        for start, end, number, marker_page, mark in found:
            offset = text.source_offset(start)
            work.artefacts.append(Artefact("footnote-marker", offset, offset + end - start))
            markers.append((start - shift, number, offset, marker_page, mark))
            shift += end - start
        spans = [(start, end) for start, end, _, _, _ in found]
        clean, positions = normalise_with_positions(work.source, text.delete(spans), [m[0] for m in markers])
        result.append(Block(clean, page, tuple(
            Marker(pos, number, src, marker_page, mark)
            for pos, (_, number, src, marker_page, mark) in zip(positions, markers, strict=True)
        ), all(line.bold for line in group)))
    return result


_Found = tuple[int, int, int, int, str]
"""A marker in a block's text: start, end, number, page, mark."""


def _raised_markers(group: Sequence[LayoutLine], text: MappedText,
                    on_page: set[tuple[int, int, str]]) -> list[_Found]:
    """The raised digits of a PDF block that number a footnote at the foot of their page."""
    found: list[_Found] = []
    for line in group:
        for start, end in line.superscripts:
            digits = line.text.text[start:end]
            at = text.index_of(line.text.source_offset(start))
            if at is None or not digits.isdigit() or (line.page, int(digits), "") not in on_page:
                continue
            found.append((at, at + len(digits), int(digits), line.page, ""))
    return found


def _text_markers(text: MappedText, group: Sequence[LayoutLine], on_page: set[tuple[int, int, str]],
                  pending: list[int]) -> list[_Found]:
    """Digits after a word that number the next footnote due on their page."""
    found: list[_Found] = []
    for match in _SPACED_MARKER.finditer(text.text):
        number = int(match.group(1))
        offset = text.source_offset(match.start(1))
        marker_page = _line_page(group, offset)
        if (marker_page, number, "") not in on_page:
            continue
        if match.start(1) > match.start() and _NOT_MARKER_BEFORE.search(text.text[: match.start()]):
            continue  # "paragraph 1", "resolution 2": a number, not a marker
        if not pending or number != pending[0]:
            continue  # markers come in the order of their footnotes
        pending.remove(number)
        found.append((match.start(1), match.end(1), number, marker_page, ""))
    return found


def _star_markers(text: MappedText, group: Sequence[LayoutLine], on_page: set[tuple[int, int, str]]) -> list[_Found]:
    found: list[_Found] = []
    for match in _STAR_MARKER.finditer(text.text):
        marker_page = _line_page(group, text.source_offset(match.start(1)))
        if (marker_page, 0, match.group(1)) in on_page:
            found.append((match.start(1), match.end(1), 0, marker_page, match.group(1)))
    return found


def _line_page(group: Sequence[LayoutLine], offset: int) -> int:
    page = group[0].page
    for line in group:
        if line.text.text and line.text.source_offset(0) <= offset:
            page = line.page
    return page
