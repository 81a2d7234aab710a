"""Ingest for page layouts: PDFs, ``pdftotext -layout`` text and PyMuPDF text.

These formats keep the printed page: a masthead on the first page (``United Nations``,
the symbol, ``Distr.: General``, the date, ``Original: English``), running headers and
footers on every page, the footnote block under a separator line at the foot of each page,
and paragraphs told apart by spacing and indentation. :mod:`build_tools.zones` decides
which line is furniture (by position in a PDF, by exact form in text); this module joins the
body lines into blocks, reads the footnote bodies and takes the footnote markers out of the
text, and returns the same :class:`~build_tools.clean_text.CleanText` as the interleaved
format, so parse never knows which tool made the text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .clean_text import (
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
from .dates import month_after
from .diagnostics import Diagnostic, DiagnosticError, Severity
from .layout_line import LayoutLine, PageGeometry
from .lexicon import lexicon, opening_phrase, operative_verb
from .source import Source
from .symbols import SYMBOL_PATTERN
from .textmap import MappedText
from .zones import URL, cells, pdf_zones, text_zones

__all__ = ["LayoutLine", "PageGeometry", "ingest_layout", "text_pages"]

_PARTS = r"[IVX]{1,6}|[A-H]"
"""Part labels, a block of their own in every language."""


@functools.cache
def _standalone(lang: str) -> re.Pattern[str]:
    """Lines that are a block of their own in a document in ``lang``: the language's
    (:attr:`~build_tools.lexicon.Lexicon.standalone`) and part labels."""
    return re.compile(f"(?:{lexicon(lang).standalone.pattern}|{_PARTS})")


_NUMBERED_START = re.compile(r"\d{1,3}\.\s|\([a-z]{1,3}\)\s|\([ivx]{1,6}\)\s")
"""A numbered paragraph or sub-paragraph begins here."""
_TAB_LABEL = re.compile(r"(?:\d{1,3}\.|\([a-z]{1,3}\)|\([ivx]{1,6}\))\s{2,}\S")
"""A paragraph's number with the tab after it, as ``pdftotext -layout`` shows it (``2.   In``)."""
_INLINE_ITEM = re.compile(r"\(([a-z])\) \S")
"""A lettered item with one space after its label (a sub-paragraph's label has a tab)."""
_SECTION_HEADING = re.compile(r"(?:[IVX]{1,6}|[A-H])\.\s+[A-Z][^.;:,]*[^.;:,\s]")
"""A section heading with its label (``I. Global context``): no sentence's mark in it."""
_ARTICLE = re.compile(r"(?:Article|Chapter) (?:\d{1,3}|[IVX]{1,6})")
"""The label of an article or chapter of an annexed instrument, on a line of its own."""
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
        enacting = lexicon(work.source.lang).enacting
        standalone = _standalone(work.source.lang)
        zoned = text_zones(pages, symbol, work.drop, lambda text: standalone.fullmatch(text) is not None,
                           lambda text: enacting.fullmatch(text) is not None)
    masthead = _masthead(work, zoned[0].masthead, symbol) if zoned else []
    body = [line for page in zoned for line in page.body]
    footnotes = _footnotes(work, [page.notes for page in zoned])
    blocks = [(cell.text, cell.page, [cell]) for cell in masthead]  # each cell a block of its own
    blocks += _pdf_blocks(work, body) if fmt == "pdf" else _blocks(work, body, indented=fmt == "layout")
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
            if lexicon(work.source.lang).masthead.fullmatch(text):
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
        raised = any(line.superscripts and line.superscripts[0][0] == 0 for line in lines)
        for line in lines:
            match = _FOOTNOTE_START.match(line.text.text)
            if match and not _starts_footnote(work.source.lang, match.group(1), line, groups, footnotes, raised):
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
    lang: str, mark: str, line: LayoutLine, groups: Sequence[tuple[int, str, int, list[MappedText]]],
    footnotes: Sequence[FootnoteBody], raised: bool,
) -> bool:
    """Whether a note line's leading number or asterisks open a new footnote: where the PDF
    sets the page's footnote numbers raised, only a raised number does; elsewhere the next
    number in order, unless a month follows it (``17 March 2022`` goes on a footnote)."""
    if not mark.isdigit():
        return True
    if line.superscripts and line.superscripts[0][0] == 0:
        return True  # the PDF sets the number raised: a footnote's own number
    if raised or month_after(lang).match(line.text.text, len(mark)):
        return False
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
        if not groups or _pdf_starts(work.source.lang, line, groups[-1], pitch, right, margins):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [(join_lines(work.source, [m.text for m in group], work.artefacts), group[0].page, group)
            for group in groups]


def _pitches(lines: Sequence[LayoutLine]) -> dict[float, float]:
    """The commonest distance between the baselines of consecutive lines of a paragraph, per
    type size: at most one and a half times the size (rows of a table stand further apart)."""
    steps: dict[float, Counter[float]] = {}
    for previous, line in pairwise(lines):
        if line.page == previous.page and abs(line.size - previous.size) < 0.2:
            step = line.baseline - previous.baseline
            if 0.8 * line.size < step <= 1.5 * line.size:
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


def _pdf_starts(lang: str, line: LayoutLine, group: Sequence[LayoutLine], pitch: dict[float, float], right: float,
                margins: dict[int, float]) -> bool:
    """Whether ``line`` begins a new block after ``group``."""
    previous = group[-1]
    size = line.size or 10.0
    standalone = _standalone(lang)
    if standalone.fullmatch(previous.text.text) or standalone.fullmatch(line.text.text):
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
    if _NUMBERED_START.match(line.text.text) and line.x0 > previous.x0 + 0.5 * size:
        return True  # "6." indented where the lines before stand at the margin: a new paragraph
    if _NUMBERED_START.match(group[0].text.text) and not _ends_paragraph(previous) and \
            previous.x0 + 0.5 * size < line.x0 < previous.x0 + 4 * size:
        return False  # a hanging indent: "(a) Implementation of …" goes on under its text
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


def _starts_block(lang: str, line: LayoutLine, group: Sequence[LayoutLine], base: int) -> bool:
    """Whether ``line`` begins a block after the lines of ``group`` (the block so far)."""
    previous = group[-1] if group else None
    if previous is None or line.blank_before:
        return True
    text, before = line.text.text, previous.text.text
    standalone = _standalone(lang)
    if standalone.fullmatch(before) or standalone.fullmatch(text) or text.startswith("["):
        return True
    if _NUMBER_ONLY.fullmatch(before):
        return False  # "6." on a line of its own, its text on the next line
    if _NUMBER_ONLY.fullmatch(text) or _TAB_LABEL.match(text):
        return True  # a number (and the tab after it) begins a paragraph
    if _SECTION_HEADING.fullmatch(text):
        return True  # "I. Global context": a heading on a line of its own
    if _SECTION_HEADING.fullmatch(before):  # a heading's second line stands under its text
        return len(group) > 1 or line.indent != previous.indent + _heading_text_at(before)
    if _NUMBERED_START.match(text) and (_ends_paragraph(previous) or _is_heading(group)) \
            and not (line.indent == base and _continues_running_list(text, group)):
        return True  # "22. We emphasize …" after a paragraph that ended, or after a heading
    if line.indent == base:
        return False
    return not (line.indent == previous.indent and line.indent < base)


def _continues_running_list(text: str, group: Sequence[LayoutLine]) -> bool:
    """Whether ``text`` is the next item of a list run into the block's own sentence, that the
    wrap put at a line's start (``… employment;`` / ``(c) eradicating …``, after ``(a)`` and
    ``(b)`` in the lines before): the item before it stands inside the block, not at its
    start. A sub-paragraph (xii) after (xi) at the same margin begins a block of its own."""
    item = _INLINE_ITEM.match(text)
    if item is None or item.group(1) == "a":
        return False
    before = f"({chr(ord(item.group(1)) - 1)}) "
    return " ".join(line.text.text for line in group).find(before) > 0


def _heading_text_at(heading: str) -> int:
    """Where the text of a labelled heading begins (after ``II.`` and its spaces)."""
    return len(heading) - len(heading.split(".", 1)[1].lstrip())


def _is_heading(group: Sequence[LayoutLine]) -> bool:
    """Whether the block so far is a heading: a labelled one (``II. Implementation of …``,
    perhaps on two lines), or a line after a blank one that does not end a sentence and is
    no numbered paragraph (``Promoting sustainable ocean-based economies``). The text forms
    set the numbered paragraph under a heading at its indent with no blank line between."""
    first = group[0]
    if len(group) > 2 or any(_ends_paragraph(line) for line in group):
        return False
    if _SECTION_HEADING.fullmatch(first.text.text):
        return True
    return len(group) == 1 and first.blank_before and not _NUMBERED_START.match(first.text.text)


def _blocks(work: _Work, lines: Sequence[LayoutLine],
            indented: bool) -> list[tuple[MappedText, int, list[LayoutLine]]]:
    lang = work.source.lang
    bases = {page: _continuation_indent(lang, [x for x in lines if x.page == page])
             for page in {x.page for x in lines}}
    groups: list[list[LayoutLine]] = []
    previous: LayoutLine | None = None
    for line in lines:
        if previous is not None and line.page != previous.page:
            starts = _new_block_on_next_page(lang, line, previous, bases[line.page] if indented else None)
        else:
            starts = _starts_block(lang, line, groups[-1] if groups else [], bases[line.page])
        if starts or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
        previous = line
    return [(join_lines(work.source, [m.text for m in group], work.artefacts), group[0].page, group)
            for group in groups]


def _new_block_on_next_page(lang: str, line: LayoutLine, previous: LayoutLine, base: int | None) -> bool:
    """Whether the first line of a page begins a block, or continues the paragraph the
    previous page ended with: a heading (``Article 21`` too) or a numbered paragraph begins
    one; so does a line
    indented beyond the page's wrapped lines (where the text keeps indentation); a line
    after a paragraph that had not ended its sentence continues it; after one that had, a
    line that opens as a paragraph does (Recalling …, Decides …) begins one."""
    text = line.text.text
    if _standalone(lang).fullmatch(text) or _NUMBERED_START.match(text) or _NUMBER_ONLY.fullmatch(text) or \
            _ARTICLE.fullmatch(text):
        return True
    if base is not None and line.indent > base:
        return True
    if not _ends_paragraph(previous):
        return False
    return bool(opening_phrase(text, lang) or operative_verb(text, lang))


def _continuation_indent(lang: str, lines: Sequence[LayoutLine]) -> int:
    """The indentation of a page's wrapped lines: the commonest indent of a line that
    follows a line which did not end its sentence (first lines are indented more)."""
    wrapped = Counter(
        line.indent for previous, line in pairwise(lines)
        if not line.blank_before and not _ends_paragraph(previous)
        and not _standalone(lang).fullmatch(previous.text.text)
    )
    if len(wrapped) > 1 and min(wrapped) <= 2:
        # The heading lines of page 1 stand at the page's left edge, left of the text's margin:
        # their wraps are not the text's.
        del wrapped[min(wrapped)]
    if wrapped:
        return wrapped.most_common(1)[0][0]
    return Counter(line.indent for line in lines).most_common(1)[0][0]


_ENDS_SENTENCE = re.compile(r"[,;.:，；。：][”’\"')）]?(?:\s?\d{1,3}|\*{1,3})?$")
"""A line that ends its sentence: its last mark, perhaps a footnote marker after it."""


def _ends_paragraph(line: LayoutLine) -> bool:
    return _ENDS_SENTENCE.search(line.text.text) is not None


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
    chosen = {} if pdf else _choose_text_markers(work, blocks, footnotes)
    result: list[Block] = []
    for index, (text, page, group) in enumerate(blocks):
        found = _raised_markers(group, text, on_page) if pdf else list(chosen.get(index, []))
        found += _star_markers(text, group, on_page)
        found.sort()
        shift, markers = 0, []
        for start, end, number, marker_page, mark in found:
            offset = text.source_offset(start)
            work.artefacts.append(Artefact("footnote-marker", offset, offset + end - start))
            markers.append((start - shift, number, offset, marker_page, mark))
            shift += end - start
        spans = [(start, end) for start, end, _, _, _ in found]
        lead = _italic_lead(text, group) if pdf else None
        if lead is not None:
            lead -= sum(min(end, lead) - start for start, end in spans if start < lead)
        wanted = [m[0] for m in markers] + ([lead] if lead is not None else [])
        clean, positions = normalise_with_positions(work.source, text.delete(spans), wanted)
        result.append(Block(clean, page, tuple(
            Marker(_after_word(clean.text, pos), number, src, marker_page, mark)
            for pos, (_, number, src, marker_page, mark) in zip(positions, markers, strict=False)
        ), all(line.bold for line in group), positions[-1] if lead is not None else None))
    return result


def _after_word(text: str, position: int) -> int:
    """A marker set apart by a space (``Countries 2 and``) stands right after its word."""
    return position - 1 if 0 < position < len(text) and text[position - 1] == " " else position


def _italic_lead(text: MappedText, group: Sequence[LayoutLine]) -> int | None:
    """The end, in the block's text, of the italic run its first line opens with (right
    after a number such as ``1.`` or ``(a)``), carried on where it runs into the next line."""
    first = group[0]
    label = _NUMBERED_START.match(first.text.text)
    if not first.italic or first.italic[0][0] > (label.end() if label else 0):
        return None
    end_line, (_, end) = 0, first.italic[0]
    while end >= len(first.text.text.rstrip()) and end_line + 1 < len(group):
        following = group[end_line + 1]
        if not following.italic or following.italic[0][0] != 0:
            break
        end_line, end = end_line + 1, following.italic[0][1]
        first = following
    at = text.index_of(first.text.source_offset(end - 1))
    return None if at is None else at + 1


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


_DIGITS = re.compile(r"\d+")
_COUNTING_WORD = re.compile(
    r"\b(?:the|a|an|its|their|his|her|these|those|all|some|over|about|than|only|by|in|on|at|from|for|with"
    r"|within|under|last|first|next|every|each|least|most|nearly|almost|some|approximately)$",
    re.IGNORECASE,
)
"""A word after which a number counts something (``the 44 recommendations``)."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_ORDINAL = re.compile(r"(?:st|nd|rd|th|d)\b")
"""The ending of an ordinal number (``64th``), not a word after a marker."""
_NUMBERED_ABBREVIATION = re.compile(
    r"\b(?:Rev|Add|Corr|Amend|Suppl|Sales No|No|Nos|para|paras|vol|vols|p|pp|art|sect)\.$"
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    block: int
    start: int
    end: int
    number: int
    page: int
    score: float
    """How sure: 3 glued to a word or punctuation (``Weapons,1``), 2 after a space
    (``Destruction 3``), 1 glued to a year (``20228`` read as 2022 and 8) or to the next word
    (``Agreement 5and``: the extraction lost the space after the raised digit), 0.5 after a
    word that numbers things (``Goals 6``), 0.25 glued to another number (``Agenda 216``,
    ``78/22126``): the last two only where no other place fits."""


def _candidates(lang: str, blocks: Sequence[tuple[MappedText, int, list[LayoutLine]]],
                numbers: set[int]) -> list[_Candidate]:
    """Every place in the body where one of the page's footnote numbers may be a marker."""
    month = month_after(lang)
    found: list[_Candidate] = []
    for index, (text, _, group) in enumerate(blocks):
        value = text.text
        for match in _DIGITS.finditer(value):
            start, end = match.span()
            spans = [(start, end)] if end - start <= 3 else []
            # a number with the marker glued to it: 2022 and 8, 21 and 6 (the marker's digits
            # are the last one to three after at least two; not a year, no number from a 0)
            if not _YEAR.fullmatch(value, start, end):
                spans += [(cut, end) for cut in range(max(start + 2, end - 3), end) if value[cut] != "0"]
            for first, last in spans:
                number = int(value[first:last])
                if number not in numbers or first == 0:
                    continue
                score = _marker_score(value, first, last, month)
                if score:
                    page = _line_page(group, text.source_offset(first))
                    found.append(_Candidate(index, first, last, number, page, score))
    return found


def _marker_score(value: str, start: int, end: int, month: re.Pattern[str]) -> float:
    before, after = value[start - 1], value[end:end + 1]
    if (after in ("/", ".") and value[end + 1:end + 2].isdigit()) or after in ("%", "-", "–") or \
            month.match(value, end):
        return 0  # 77/96, 1.5, 10%, a date
    if before.isdigit():  # glued to a number: surest after a year (2022 and 8 in "20228")
        if after.isdigit() or after.isalpha():
            return 0
        return 1 if re.search(r"(?<!\d)(?:19|20)\d\d$", value[:start]) else 0.25
    if before == "." and start >= 2 and value[start - 2].isdigit() and \
            not re.search(r"(?<!\d)(?:19|20)\d\d\.$", value[:start]):
        return 0  # 6.8 million, 1.5; but "for 2023.1" is a year and a marker
    if after.isalpha():  # Agreement 5and: the space kept before the raised digit, not after it
        glued = before == " " and start >= 2 and not value[start - 2].isspace() and after.islower()
        return 1 if glued and _ORDINAL.match(value, end) is None else 0
    if after and not (after.isspace() or after in ",;.:)”’]\"'"):
        return 0
    if before.isalpha() or before in ",;:.)”’]\"'":
        if _NUMBERED_ABBREVIATION.search(value, 0, start):
            return 0  # Rev.1, Add.2, No.5: part of a symbol or a citation
        return 3
    if before == " " and start >= 2 and value[start - 2] not in " /-":
        if _NUMBERED_ABBREVIATION.search(value, 0, start - 1):
            return 0  # "No. 5", "Rev. 1": part of a citation
        if _NOT_MARKER_BEFORE.search(value[: start - 1]) or _COUNTING_WORD.search(value, 0, start - 1):
            return 0.5  # "paragraph 1", "Goals 6", "the 44 recommendations": a number, unless no other place fits
        return 2
    return 0


def _choose_text_markers(
    work: _Work, blocks: Sequence[tuple[MappedText, int, list[LayoutLine]]], footnotes: Sequence[FootnoteBody]
) -> dict[int, list[_Found]]:
    """For each page, the markers of its footnotes: one place per footnote, in the order of
    their numbers through the page's text, the surest places first (a dynamic programme
    over the candidates). A marker read from digits glued to a year is reported."""
    by_page: dict[int, list[int]] = {}
    for note in footnotes:
        if not note.mark:
            by_page.setdefault(note.page, []).append(note.number)
    candidates = _candidates(work.source.lang, blocks, {n for numbers in by_page.values() for n in numbers})
    chosen: dict[int, list[_Found]] = {}
    for page, numbers in by_page.items():
        numbers.sort()
        here = [c for c in candidates if c.page == page]
        for pick in _best_assignment(numbers, here):
            chosen.setdefault(pick.block, []).append((pick.start, pick.end, pick.number, page, ""))
            if pick.score < 2:
                _report_inferred(work, blocks[pick.block][0], pick)
    return chosen


def _report_inferred(work: _Work, text: MappedText, pick: _Candidate) -> None:
    """A located warning for a marker chosen from the footnote numbering alone."""
    value = text.text
    before, after = value[pick.start - 1], value[pick.end:pick.end + 1]
    if before.isdigit():
        read = "a year and the marker" if pick.score == 1 else "a number and the marker"
    elif after.isalpha():
        read = "the marker glued to the next word, the marker"
    else:
        read = "the marker after the word"
    work.diagnostics.append(work.source.diagnostic(
        "ingest.marker-inferred", text.source_offset(pick.start),
        f"footnote marker {pick.number} set apart from the text",
        f"{value[max(0, pick.start - 12):pick.end + (3 if after.isalpha() else 0)]!r}, read as {read} "
        f"{pick.number}",
        "the text form cannot show raised digits: check against the PDF, or convert the PDF",
        severity=Severity.WARNING,
    ))


def _best_assignment(numbers: Sequence[int], candidates: Sequence[_Candidate]) -> list[_Candidate]:
    """The candidates, one per number at most and in the numbers' order, with the highest
    total score."""
    rows, columns = len(numbers), len(candidates)
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, columns + 1):
            take = best[i - 1][j - 1] + candidates[j - 1].score if candidates[j - 1].number == numbers[i - 1] \
                else -1.0
            best[i][j] = max(best[i][j - 1], best[i - 1][j], take)
    picks: list[_Candidate] = []
    i, j = rows, columns
    while i and j:
        candidate = candidates[j - 1]
        if candidate.number == numbers[i - 1] and best[i][j] == best[i - 1][j - 1] + candidate.score:
            picks.append(candidate)
            i, j = i - 1, j - 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            i -= 1
    return picks[::-1]


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
