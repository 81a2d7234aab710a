"""Ingest: undo what PDF-to-text extraction did to a document.

Input is a decoded :class:`~build_tools.source.Source`; output is :class:`CleanText`, the
document's text blocks (headings and paragraphs, each on one logical line), its footnote
bodies, the link URLs printed at the foot of its pages, and a record of everything that was
removed. Every character of a block keeps its source offset (:mod:`build_tools.textmap`),
so later stages can report ``path:line:col`` and the conservation check can prove that
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
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .script import is_cjk_or_fullwidth
from .source import Source
from .textmap import MappedText

_URL = re.compile(r"\s*https?://\S+\s*")
_SEPARATOR = re.compile(r"\s*_{5,}\s*")
_FOOTNOTE_START = re.compile(r"\s*(\d{1,3})(?:\s+|(?=\D))")
_HYPHEN_PREFIXES = frozenset(
    "non anti co counter cross inter intra multi post pre pro re self semi socio sub super "
    "trans ultra well long short high low large small full part half".split()
)
_MARKER = {
    # A footnote marker: digits glued to the end of a word or punctuation mark.
    "zh": re.compile(r"(?<=[^\s\d/.\-:第])\d{1,3}(?!\d)"),
    "en": re.compile(r"(?<=[A-Za-z)\],;:’”'\"])\d{1,3}(?!\d)"),
}


@dataclass(frozen=True, slots=True)
class Marker:
    """Where a footnote marker stood, as an offset into its block's clean text."""

    offset: int
    number: int
    source: int
    """Source offset of the marker's digits."""
    page: int = 0
    """The page the marker is printed on (its footnote stands at that page's foot)."""
    mark: str = ""
    """The printed mark when it is not a number (``*``); ``number`` is then 0."""


@dataclass(frozen=True, slots=True)
class Block:
    """One logical line of body text: a heading, the sponsors list or a paragraph."""

    text: MappedText
    page: int
    markers: tuple[Marker, ...] = ()
    bold: bool = False
    """Set in bold (a heading), where the source says so (PDF)."""
    lead: int | None = None
    """Where the italic run that opens the block (after its number) ends, where the source
    says so (PDF): UN style sets opening phrases and operative verbs in italics."""


@dataclass(frozen=True, slots=True)
class FootnoteBody:
    number: int
    page: int
    text: MappedText
    mark: str = ""
    """The printed mark when it is not a number (``*``, ``**``); ``number`` is then 0."""


@dataclass(frozen=True, slots=True)
class PrintedUrl:
    url: str
    page: int
    source: int


@dataclass(frozen=True, slots=True)
class Artefact:
    """A removed piece of the source that is not whitespace."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CleanText:
    source: Source
    format: str
    blocks: tuple[Block, ...]
    footnotes: tuple[FootnoteBody, ...]
    urls: tuple[PrintedUrl, ...]
    artefacts: tuple[Artefact, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())


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
        from .layout import ingest_layout, text_pages  # the reader for printed page layouts

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


def join_lines(source: Source, lines: Sequence[MappedText], artefacts: list[Artefact]) -> MappedText:
    """The lines of one block as one line, hard wraps undone (linear in the block's size).

    Chinese lines join without a space; English lines join with one space (the line break
    becomes it), and a line-end hyphen that only split a word is removed.
    """
    pieces: list[MappedText] = []
    last: MappedText | None = None
    for raw in lines:
        line = raw.strip()
        if not line.text:
            continue
        if last is not None and source.lang != "zh":
            if last.text.endswith("-") and is_artefact_hyphen(last.text, line.text, source.text):
                hyphen = last.source_offset(len(last.text) - 1)
                artefacts.append(Artefact("hyphenation", hyphen, hyphen + 1))
                pieces[-1] = last.slice(0, len(last.text) - 1)
            elif not last.text.endswith(("-", "/")) and not _RANGE_BREAK.search(last.text + "\n" + line.text[:1]):
                # The space between the two words stands for the line break after the first.
                pieces.append(MappedText.of(" ", last.source_offset(len(last.text) - 1) + 1))
        pieces.append(line)
        last = line
    return MappedText.join(pieces)


_RANGE_BREAK = re.compile(r"\d[–—]\n\d")
"""A number range broken after its dash (``5–`` / ``13 September``): no space between."""

_SUFFIXES = frozenset(
    "ment ments tion tions sion sions ing ings ed ly ity ities ness ance ances ence ences able "
    "ible ive ives ous al als ary ory er ers ion ions ist ists ism isms ize izes ized ization".split()
)


def is_artefact_hyphen(head: str, tail: str, whole: str) -> bool:
    """Whether ``word-`` at a line end only split the word (``develop-``/``ment``).

    UN documents are not hyphenated by their typesetting, so a line-end hyphen is kept
    unless the document shows otherwise: the joined word stands elsewhere in it, or the
    rest of the word is only a suffix. ``non-``/``proliferation`` keeps its hyphen.
    """
    left = re.search(r"([A-Za-z]+)-$", head)
    right = re.match(r"[a-z]+", tail)
    if not left or not right:
        return False
    first, second = left.group(1), right.group()
    if first.lower() in _HYPHEN_PREFIXES or re.search(rf"\b{first}-{second}\b", whole):
        return False
    joined = re.search(rf"\b{first}{second}\b", whole, re.IGNORECASE)
    return bool(joined) or second in _SUFFIXES


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
    for match in _MARKER[source.lang].finditer(text.text):
        source_offset = text.source_offset(match.start())
        after = source.text[source_offset + len(match.group()):][:1]
        follows = text.text[match.end():match.end() + 1]
        if not (follows == "" or follows.isspace() or after == "\n" or
                (source.lang == "en" and follows in ",;.:)")):
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


def _spaces_to_drop(lang: str, text: str) -> list[tuple[int, int]]:
    """Whitespace that extraction added: at the ends, next to Chinese, or beyond one."""
    drop: list[tuple[int, int]] = []
    for match in re.finditer(r"\s+", text):
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not before or not after or (lang == "zh" and (is_cjk_or_fullwidth(before) or is_cjk_or_fullwidth(after))):
            drop.append((start, end))
        elif end - start > 1:
            drop.append((start + 1, end))
    return drop


def normalise(source: Source, text: MappedText) -> MappedText:
    return normalise_with_positions(source, text, [])[0]


def normalise_with_positions(
    source: Source, text: MappedText, positions: Sequence[int]
) -> tuple[MappedText, list[int]]:
    drop = _spaces_to_drop(source.lang, text.text)
    moved = []
    for position in positions:
        removed = sum(min(end, position) - start for start, end in drop if start < position)
        moved.append(position - removed)
    return text.delete(drop), moved


def check_markers(
    source: Source,
    blocks: Sequence[Block],
    footnotes: Sequence[FootnoteBody],
    diagnostics: list[Diagnostic],
) -> None:
    """Each footnote body is referenced by exactly one marker on its page."""
    seen: set[tuple[int, int, str]] = set()
    for block in blocks:
        for marker in block.markers:
            key = (marker.page, marker.number, marker.mark)
            if key in seen:
                diagnostics.append(
                    source.diagnostic(
                        "ingest.marker-repeated", marker.source,
                        f"one marker for footnote {marker.number}",
                        "a second marker with the same number on the same page",
                        "a footnote is referenced once; if the digit is part of the text, separate it "
                        "from the word before it",
                    )
                )
            seen.add(key)
    for note in footnotes:
        if (note.page, note.number, note.mark) not in seen:
            offset = note.text.source_offset(0)
            diagnostics.append(
                source.diagnostic(
                    "ingest.footnote-unreferenced", offset,
                    f"a marker {note.mark or note.number} after a word on page {note.page}",
                    f"footnote {note.mark or note.number} {shorten(note.text.text)} with no marker in the text",
                    "footnote markers are digits written right after a word or punctuation mark",
                )
            )


