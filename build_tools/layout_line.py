"""One printed line of a page, as every page-layout reader gives it to ingest."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .textmap import MappedText


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """A PDF page's size and its horizontal rules, in points (y downwards from the top)."""

    width: float
    height: float
    rules: tuple[tuple[float, float, float], ...] = ()
    """``(top, x0, x1)`` of each horizontal rule drawn on the page."""


@dataclass(frozen=True, slots=True)
class LayoutLine:
    """One printed line: its text (indentation stripped) and where it stands.

    Text extractions give the line's text, page and indentation; a PDF also gives its box,
    baseline, type size and style (``geometry`` is None for text extractions).
    """

    text: MappedText
    page: int
    indent: int
    """Leading spaces (text formats) or the x position in characters (PDF)."""
    blank_before: bool = False
    superscripts: tuple[tuple[int, int], ...] = ()
    """``[start, end)`` spans of ``text`` printed raised and smaller (PDF only)."""
    start: int = 0
    end: int = 0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    baseline: float = 0.0
    size: float = 0.0
    bold: bool = False
    """Most of the line is set in bold."""
    italic: tuple[tuple[int, int], ...] = ()
    """``[start, end)`` spans of ``text`` set in italics (PDF only)."""
    geometry: PageGeometry | None = None

    def cell(self, piece: MappedText, offset: int) -> LayoutLine:
        """The part of this line that starts ``offset`` characters into it (a column)."""
        inside = [(a - offset, b - offset) for a, b in self.superscripts
                  if a >= offset and b <= offset + len(piece)]
        slanted = [(max(a, offset) - offset, min(b, offset + len(piece)) - offset) for a, b in self.italic
                   if b > offset and a < offset + len(piece)]
        return replace(self, text=piece, indent=self.indent + offset, superscripts=tuple(inside),
                       italic=tuple(slanted))
