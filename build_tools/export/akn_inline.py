"""Inline Akoma Ntoso: a text with its spans (links, metadata, italics) and footnote markers.

The model keeps structure beside the text (references as ``[start, end)`` spans, footnote
markers as offsets); here they become mixed XML content. Spans nest when one contains
another (a ``ref`` inside a ``docTitle``); a span that crosses another is left out (its
text stays). The text itself is never changed: the element's text content, without the
footnote bodies, is exactly the model's text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from build_tools.export.frbr import reference_href
from build_tools.model import Footnote, FootnoteRef, Reference

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def tag(name: str) -> str:
    """Element names stay unqualified in the tree; the root declares the AKN namespace as
    the default (``xmlns``), which ElementTree cannot combine with unqualified attributes."""
    return name


def sub(parent: ET.Element, name: str, attrs: Mapping[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag(name), dict(attrs or {}))


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    name: str
    """AKN element name: ``ref``, ``i``, ``docTitle`` …"""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Notes:
    """Places each footnote where its marker stands: the body (``authorialNote``) at the
    first marker, a ``noteRef`` to it at any later one."""

    bodies: Mapping[int, Footnote]
    placed: set[int] = field(default_factory=set)

    def place(self, parent: ET.Element, number: int) -> None:
        note_id = footnote_id(number)
        if number in self.placed or number not in self.bodies:
            sub(parent, "noteRef", {"marker": str(number), "href": f"#{note_id}"})
            return
        self.placed.add(number)
        body = self.bodies[number]
        note = sub(parent, "authorialNote", {"marker": str(number), "placement": "bottom", "eId": note_id})
        fill(sub(note, "p"), body.text, reference_spans(body.references), (), self)

    def unplaced(self) -> list[Footnote]:
        return [note for number, note in sorted(self.bodies.items()) if number not in self.placed]


def footnote_id(number: int) -> str:
    """The footnote's id on the site's pages (Python-Markdown's footnotes: ``fn:1``)."""
    return f"fn:{number}"


def reference_spans(references: Iterable[Reference]) -> list[Span]:
    return [
        Span(ref.start, ref.end, "ref", (("href", reference_href(ref)), ("class", ref.kind), ("title", ref.title)))
        for ref in references
    ]


def italic_lead(opening: str, references: Sequence[Reference], footnotes: Sequence[FootnoteRef]) -> list[Span]:
    """The opening phrase in italics (UN style), ending before any link or marker."""
    end = min([len(opening), *(r.start for r in references), *(f.offset for f in footnotes)])
    return [Span(0, end, "i")] if end > 0 else []


def fill(
    element: ET.Element,
    text: str,
    spans: Iterable[Span],
    footnotes: Sequence[FootnoteRef],
    notes: Notes,
) -> None:
    """Append ``text`` to ``element`` with ``spans`` as child elements and notes at markers."""
    tree = _nest(sorted(spans, key=lambda s: (s.start, -s.end)), len(text))
    points = sorted((f.offset, f.number) for f in footnotes)
    _fill(element, text, 0, len(text), tree, points, notes)


_Tree = list[tuple[Span, "_Tree"]]


def _nest(spans: Sequence[Span], length: int) -> _Tree:
    """Spans as a forest by containment; crossing, empty or out-of-range spans are dropped."""
    roots: _Tree = []
    stack: list[tuple[Span, _Tree]] = []
    for span in spans:
        if not 0 <= span.start < span.end <= length:
            continue
        while stack and stack[-1][0].end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1][0].end:
            continue  # crosses the enclosing span
        node: tuple[Span, _Tree] = (span, [])
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots


def _fill(
    element: ET.Element, text: str, start: int, end: int, tree: _Tree,
    points: Sequence[tuple[int, int]], notes: Notes,
) -> None:
    """Fill ``text[start:end]``; a marker at a span's edge goes outside the span."""
    position = start
    pending = list(points)
    for span, children in tree:
        before = [p for p in pending if p[0] <= span.start]
        inside = [p for p in pending if span.start < p[0] < span.end]
        pending = [p for p in pending if p[0] >= span.end]
        _plain(element, text, position, span.start, before, notes)
        child = sub(element, span.name, dict(span.attrs))
        _fill(child, text, span.start, span.end, children, inside, notes)
        position = span.end
    _plain(element, text, position, end, pending, notes)


def _plain(
    element: ET.Element, text: str, start: int, end: int,
    points: Sequence[tuple[int, int]], notes: Notes,
) -> None:
    position = start
    for offset, number in points:
        append_text(element, text[position:offset])
        notes.place(element, number)
        position = offset
    append_text(element, text[position:end])


def append_text(element: ET.Element, text: str) -> None:
    """Add character data after the element's last child (or as its text)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
