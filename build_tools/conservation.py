"""Conservation: the text in the model is the source minus what ingest says it removed.

Two checks, run on every document in every build:

1. **Ingest.** Every character of the source is either in the clean text (at its own
   offset, unchanged, except a line break (or other whitespace) that became the space
   between two English words), or inside an artefact that ingest recorded (printed URL, footnote separator,
   footnote number, footnote marker, hyphenation), or whitespace. Nothing else may vanish.
2. **Parse.** The model gives back the clean text block for block
   (:meth:`Document.printed_blocks`) and every footnote unchanged.
"""

from __future__ import annotations

import re

from .clean_text import CleanText
from .diagnostics import Diagnostic, shorten
from .model import Document
from .textmap import MappedText

_UNCOVERED = re.compile(rb"\x00+")
"""A run of source characters that no clean text and no artefact accounts for."""
_NON_SPACE = re.compile(r"\S")


def check_ingest(clean: CleanText) -> list[Diagnostic]:
    source = clean.source
    text = source.text
    covered = bytearray(len(text))
    pieces: list[MappedText] = [b.text for b in clean.blocks] + [f.text for f in clean.footnotes]
    for piece in pieces:
        bounds = (*piece.starts, len(piece.text))
        for run, origin in enumerate(piece.sources):
            out_start, out_end = bounds[run], bounds[run + 1]
            size = out_end - out_start
            # Fast path: the run is the source unchanged and uses no character twice.
            if piece.text[out_start:out_end] == text[origin:origin + size] and \
                    covered.find(1, origin, origin + size) == -1:
                covered[origin:origin + size] = b"\x01" * size
                continue
            for i in range(size):
                char, original = piece.text[out_start + i], text[origin + i]
                if char != original and not (original.isspace() and char == " "):
                    return [_differs(clean, origin + i, f"{char!r} where the source has {original!r}")]
                if covered[origin + i]:
                    return [_differs(clean, origin + i, "a source character used twice")]
                covered[origin + i] = 1
    for artefact in clean.artefacts:
        covered[artefact.start:artefact.end] = b"\x01" * (artefact.end - artefact.start)
    for gap in _UNCOVERED.finditer(covered):
        start, stop = gap.span()
        first = _NON_SPACE.search(text, start, stop)  # \S is exactly "not str.isspace()"
        if first is None:
            continue
        offset = first.start()
        end = offset
        while end < len(text) and not covered[end] and not text[end].isspace():
            end += 1
        return [_differs(clean, offset, f"{shorten(text[offset:end])} missing from the text")]
    return []


def check_model(clean: CleanText, document: Document) -> list[Diagnostic]:
    expected = tuple(block.text.text for block in clean.blocks)
    actual = document.printed_blocks()
    for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want != got:
            offset = clean.blocks[index].text.source_offset(_first_difference(want, got))
            return [_differs(clean, offset, f"model text {shorten(got)} for {shorten(want)}")]
    if len(expected) != len(actual):
        at = min(len(expected), len(actual))
        offset = clean.blocks[at].text.source_offset(0) if at < len(expected) else 0
        return [_differs(clean, offset, f"{len(actual)} blocks in the model for {len(expected)}")]
    def order(number: int, mark: str) -> tuple[bool, int, int]:
        return (bool(mark), number, len(mark))

    notes = sorted(document.footnotes, key=lambda n: order(n.number, n.mark))
    bodies = sorted(clean.footnotes, key=lambda b: order(b.number, b.mark))
    for note, body in zip(notes, bodies, strict=False):
        if (note.text, note.number, note.mark) != (body.text.text, body.number, body.mark):
            return [_differs(clean, body.text.source_offset(0), f"footnote {shorten(note.text)}")]
    if len(notes) != len(bodies):
        return [_differs(clean, 0, "a different number of footnotes in the model")]
    return []


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _differs(clean: CleanText, offset: int, found: str) -> Diagnostic:
    return clean.source.diagnostic(
        "verify.conservation", offset,
        "every character of the source text in the document, or removed as a known artefact",
        found, "this is a bug in the converter: please report it with the file",
    )
