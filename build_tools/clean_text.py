"""What the ingest stage gives the parser: a document's text as clean blocks and footnotes.

:class:`CleanText` is the output of every reader (:func:`build_tools.ingest.ingest` for the
interleaved format, :func:`build_tools.layout.ingest_layout` for PDFs and printed page
layouts); the helpers here are the parts of undoing extraction artefacts that both share:
joining hard-wrapped lines (:func:`join_lines`), dropping the spaces extraction added
(:func:`normalise`), and checking that every footnote has its one marker
(:func:`check_markers`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, shorten
from .languages import language
from .script import is_cjk_or_fullwidth
from .source import Source
from .textmap import MappedText

_HYPHEN_PREFIXES = frozenset(
    "non anti co counter cross inter intra multi post pre pro re self semi socio sub super "
    "trans ultra well long short high low large small full part half".split()
)

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
        if last is not None and language(source.lang).spaced:
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


def _spaces_to_drop(lang: str, text: str) -> list[tuple[int, int]]:
    """Whitespace that extraction added: at the ends, next to Chinese (in a script whose words
    stand side by side), or beyond one."""
    drop: list[tuple[int, int]] = []
    side_by_side = not language(lang).spaced
    for match in re.finditer(r"\s+", text):
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not before or not after or (side_by_side and (is_cjk_or_fullwidth(before) or is_cjk_or_fullwidth(after))):
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


