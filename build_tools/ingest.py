"""Ingest: undo what PDF-to-text extraction did to a document.

Input is a decoded :class:`~build_tools.source.Source`; output is
:class:`~build_tools.clean_text.CleanText`, the document's text blocks (headings and
paragraphs, each on one logical line), its footnote bodies, the link URLs printed at the
foot of its pages, and a record of everything that was removed. Every character of a block
keeps its source offset (:mod:`build_tools.textmap`), so later stages can report
``path:line:col`` and the conservation check can prove that
nothing but extraction artefacts went missing.

Artefacts undone, for the formats described in ``docs/content-format.md``:

* the empty line after every line (``interleaved`` format), and page breaks;
* hard wraps: joined without a space in Chinese, with one space in English, where an English
  line ends in a hyphen that only split a word, the hyphen goes too;
* the footnote block after ``__________________`` at the foot of a page (moved to
  :attr:`CleanText.footnotes`) and the link URLs printed after it;
* footnote markers printed as bare digits after a word (``公约》3 以及``), recognised only
  when a footnote with that number stands at the foot of the same page;
* spaces that extraction put between Chinese and digits (``2022年 12月 7日``), runs of
  spaces, indentation and trailing spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .layout import ingest_layout, text_pages  # the reader for printed page layouts
from .lexicon import lexicon
from .source import Source
from .textmap import MappedText

_URL = re.compile(r"\s*https?://\S+\s*")
_SEPARATOR = re.compile(r"\s*_{5,}\s*")
_FOOTNOTE_START = re.compile(r"\s*(\d{1,3})(?:\s+|(?=\D))")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    page: int = 0

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def detect_format(source: Source) -> str:
    """Which extraction produced the text; see ``docs/content-format.md``.

    ``interleaved``: (nearly) every text line is followed by an empty line.
    ``pymupdf``: PyMuPDF's text: lines end with a space, blank lines hold one space, and an
    empty line separates pages. ``layout``: ``pdftotext -layout``: indented columns, form
    feeds between pages. Anything else is read as ``plain`` text by the layout reader.
    """
    lines = source.text.split("\n")
    texts = [i for i, line in enumerate(lines[:-1]) if line.strip()]
    if not texts:
        return "plain"
    followed = sum(1 for i in texts if not lines[i + 1].strip())
    if len(texts) >= 3 and followed / len(texts) >= 0.6:
        return "interleaved"
    trailing = sum(1 for i in texts if lines[i].endswith(" "))
    one_space = sum(1 for line in lines if line == " ")
    if trailing / len(texts) >= 0.5 and one_space >= 2:
        return "pymupdf"
    indented = sorted(len(lines[i]) - len(lines[i].lstrip(" ")) for i in texts)
    if "\f" in source.text or indented[len(indented) // 2] >= 4:
        return "layout"
    return "plain"


def ingest(source: Source) -> CleanText:
    """Undo the extraction artefacts of ``source``; raise on input that cannot be read."""
    fmt = detect_format(source)
    if fmt != "interleaved":
        return ingest_layout(source, fmt, text_pages(source, fmt))
    lines = _split_lines(source.text)
    pages = _paginate(lines)
    artefacts: list[Artefact] = []
    diagnostics: list[Diagnostic] = list(source.warnings)
    body: list[_Line] = []
    footnote_lines: list[list[_Line]] = []
    urls: list[PrintedUrl] = []
    for number, page in enumerate(pages, start=1):
        notes: list[_Line] = []
        in_notes = False
        for line in page:
            line.page = number
            if _URL.fullmatch(line.text):
                urls.append(PrintedUrl(line.text.strip(), number, line.start))
                artefacts.append(Artefact("printed-url", line.start, line.end))
            elif _SEPARATOR.fullmatch(line.text):
                in_notes = True
                artefacts.append(Artefact("footnote-separator", line.start, line.end))
            elif in_notes:
                notes.append(line)
            else:
                body.append(line)
        footnote_lines.append(notes)
    footnotes = _footnotes(source, footnote_lines, artefacts, diagnostics)
    on_page = {(f.page, f.number) for f in footnotes}
    printed = sorted((line for page in pages for line in page), key=lambda line: line.start)
    blocks = [
        _finish(source, block, on_page, printed, artefacts, diagnostics)
        for block in _blocks(source, body, artefacts)
    ]
    check_markers(source, blocks, footnotes, diagnostics)
    if not any(block.text.text for block in blocks):
        raise DiagnosticError(
            [source.diagnostic("ingest.no-text", 0, "the text of a document", "no body text")]
        )
    return CleanText(
        source, fmt, tuple(b for b in blocks if b.text.text), tuple(footnotes), tuple(urls),
        tuple(artefacts), tuple(diagnostics),
    )


def _split_lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for part in text.split("\n"):
        lines.append(_Line(start, start + len(part), part))
        start += len(part) + 1
    return lines


def _paginate(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Non-blank lines grouped by page.

    A page ends where a text line is not followed by the usual empty line, after the run of
    URLs printed at the foot of a page, and at a form feed.
    """
    pages: list[list[_Line]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line.text:
            before, _, after = line.text.partition("\f")
            if before.strip():
                pages[-1].append(_Line(line.start, line.start + len(before), before))
            pages.append([])
            line = _Line(line.start + len(before) + 1, line.end, after)
        if line.blank:
            continue
        pages[-1].append(line)
        if i + 1 >= len(lines):
            continue
        following = lines[i + 1]
        is_url = bool(_URL.fullmatch(line.text))
        if (is_url and not _URL.fullmatch(following.text)) or (not is_url and not following.blank):
            pages.append([])
    return [page for page in pages if page]


def _blocks(
    source: Source, lines: Sequence[_Line], artefacts: list[Artefact]
) -> list[tuple[MappedText, int]]:
    """Join wrapped lines into blocks; returns (text, first page) pairs."""
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or previous.text != previous.text.rstrip():
            groups.append([line])  # a line ending in a space ends its paragraph
        else:
            groups[-1].append(line)
        previous = line
    return [
        (join_lines(source, [MappedText.of(g.text, g.start) for g in group], artefacts), group[0].page)
        for group in groups
    ]


def _footnotes(
    source: Source,
    pages: Sequence[Sequence[_Line]],
    artefacts: list[Artefact],
    diagnostics: list[Diagnostic],
) -> list[FootnoteBody]:
    footnotes: list[FootnoteBody] = []
    for notes in pages:
        groups: list[list[_Line]] = []
        for line in notes:
            start = _FOOTNOTE_START.match(line.text)
            indented = line.text[:1].isspace()
            expected = (footnotes[-1].number + 1) if footnotes else None
            if groups and groups[-1]:
                opener = _FOOTNOTE_START.match(groups[-1][0].text)
                expected = int(opener.group(1)) + 1 if opener else expected
            if not groups or (start and (indented or expected is None or int(start.group(1)) == expected)):
                groups.append([line])
            else:
                groups[-1].append(line)
        for group in groups:
            first = group[0]
            start = _FOOTNOTE_START.match(first.text)
            if not start:
                raise DiagnosticError(
                    [
                        source.diagnostic(
                            "ingest.footnote-number", first.start,
                            "a footnote starting with its number after the separator line",
                            shorten(first.text.strip()),
                        )
                    ]
                )
            artefacts.append(Artefact("footnote-number", first.start, first.start + start.end()))
            number = int(start.group(1))
            head = _Line(first.start + start.end(), first.end, first.text[start.end():], first.page)
            parts = [MappedText.of(line.text, line.start) for line in (head, *group[1:])]
            text = normalise(source, join_lines(source, parts, artefacts))
            if any(f.page == first.page and f.number == number for f in footnotes):
                diagnostics.append(
                    source.diagnostic(
                        "ingest.footnote-duplicate", first.start,
                        f"one footnote numbered {number} on page {first.page}",
                        "a second footnote with the same number",
                    )
                )
            footnotes.append(FootnoteBody(number, first.page, text))
    return footnotes


def _finish(
    source: Source,
    block: tuple[MappedText, int],
    on_page: set[tuple[int, int]],
    lines: Sequence[_Line],
    artefacts: list[Artefact],
    diagnostics: list[Diagnostic],
) -> Block:
    """Take the footnote markers out of a block and normalise its spaces."""
    text, page = block
    found: list[tuple[int, int, int]] = []
    words = lexicon(source.lang)
    for match in words.footnote_marker.finditer(text.text):
        source_offset = text.source_offset(match.start())
        after = source.text[source_offset + len(match.group()):][:1]
        follows = text.text[match.end():match.end() + 1]
        if not (follows == "" or follows.isspace() or after == "\n" or
                (follows != "" and follows in words.marker_followers)):
            continue  # digits inside running text, not a marker
        marker_page = _page_of(lines, source_offset)
        if (marker_page, int(match.group())) in on_page:
            found.append((match.start(), match.end(), int(match.group())))
            artefacts.append(Artefact("footnote-marker", source_offset, source_offset + len(match.group())))
        else:
            diagnostics.append(source.diagnostic(
                "ingest.marker-without-footnote", source_offset,
                f"footnote {match.group()} at the foot of page {marker_page}",
                f"what looks like a footnote marker {match.group()} with no footnote on its page",
                "add the footnote under the page's separator line, or check the number",
                severity=Severity.WARNING,
            ))
    spans = [(start, end) for start, end, _ in found]
    shift = 0
    markers: list[tuple[int, int, int]] = []
    for start, end, number in found:
        markers.append((start - shift, number, text.source_offset(start)))
        shift += end - start
    stripped = text.delete(spans)
    clean, positions = normalise_with_positions(source, stripped, [m[0] for m in markers])
    return Block(
        clean,
        page,
        tuple(
            Marker(pos, number, src, _page_of(lines, src))
            for pos, (_, number, src) in zip(positions, markers, strict=True)
        ),
    )


def _page_of(lines: Sequence[_Line], offset: int) -> int:
    low, high = 0, len(lines) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if lines[mid].start <= offset:
            low = mid
        else:
            high = mid - 1
    return lines[low].page
