"""A document as Akoma Ntoso 3.0 XML, after the UN's profile of it (AKN4UN).

The document is a ``statement`` (``name`` = its kind) with:

* ``meta``: FRBR identification (:mod:`build_tools.export.frbr`) and the organisations,
  States and roles the text refers to;
* ``preface``: every heading line as printed, with ``docNumber``, ``docTitle`` (in a
  ``longTitle``), ``session``, ``docCommittee``, a ``docProponent`` for each sponsor,
  ``docStatus`` and ``docDate`` marked where the text prints them; what the text does not
  print (the Chinese texts often omit the symbol) is added in a paragraph of class
  ``metadata``;
* ``preamble``: the enacting formula, then one ``container`` per preambular paragraph;
* ``mainBody``: one ``paragraph`` per operative paragraph with its ``num`` and ``content``;
  sub-paragraphs ``(a)`` and ``(i)`` as ``point``\\ s of a ``list``;
* ``conclusions``: the closing lines (meeting, date).

Footnotes are ``authorialNote``\\ s where their markers stand, references ``ref``\\ s with
FRBR work URIs, ``xml:lang`` is set on every part, and the ``eId`` of every paragraph,
sub-paragraph, footnote, the title and the enacting formula is its anchor on the site
(``pp1``, ``op2a-i``, ``fn:1``, ``title``, ``enacting``), so a citation can point at the
same place in the page and in the XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from build_tools.annotate import symbol_references
from build_tools.dates import month_names
from build_tools.export import frbr
from build_tools.export.akn_inline import (
    AKN_NAMESPACE,
    Notes,
    Span,
    fill,
    italic_lead,
    reference_spans,
    sub,
    tag,
)
from build_tools.labels import label
from build_tools.languages import language
from build_tools.lexicon import lexicon
from build_tools.model import Document, FrontLine, Paragraph
from build_tools.states import load_states

__all__ = ["AKN_NAMESPACE", "to_akn"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE = "unres"
"""The ``eId`` of this site as the source of the metadata and the author of the XML."""

_RESOLUTION_NUMBER = re.compile(r"(\d{1,3}/\d{1,4})\.\s*(.+)", re.DOTALL)

_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

_Node = tuple[Paragraph, list["_Node"]]
"""A paragraph with the sub-paragraphs under it."""


def to_akn(document: Document, generated: str) -> bytes:
    """The document as AKN XML (UTF-8); ``generated`` is the ISO date of this manifestation."""
    root = ET.Element(tag("akomaNtoso"), {"xmlns": AKN_NAMESPACE})
    statement = sub(root, "statement", {"name": frbr.subtype(document.kind), "contains": "originalVersion"})
    notes = Notes({note.number: note for note in document.footnotes})
    _meta(statement, document, generated)
    _preface(statement, document, notes)
    _preamble(statement, document, notes)
    _main_body(statement, document, notes)
    if document.closing:
        _conclusions(statement, document, notes)
    _unplaced_notes(statement, notes)
    _indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return _DECLARATION + body + b"\n"


# ---- meta --------------------------------------------------------------------------------


def _meta(statement: ET.Element, document: Document, generated: str) -> None:
    meta = sub(statement, "meta")
    identification = sub(meta, "identification", {"source": f"#{SITE}"})
    date, date_name = _work_date(document, generated)
    work = sub(identification, "FRBRWork")
    sub(work, "FRBRthis", {"value": f"{frbr.work_uri(document)}/!main"})
    sub(work, "FRBRuri", {"value": frbr.work_uri(document)})
    sub(work, "FRBRdate", {"date": date, "name": date_name})
    sub(work, "FRBRauthor", {"href": "#unga", "as": "#author"})
    sub(work, "FRBRcountry", {"value": frbr.COUNTRY})
    sub(work, "FRBRsubtype", {"value": frbr.subtype(document.kind)})
    if document.symbol:
        sub(work, "FRBRnumber", {"value": document.symbol})
    expression = sub(identification, "FRBRExpression")
    sub(expression, "FRBRthis", {"value": f"{frbr.expression_uri(document)}/!main"})
    sub(expression, "FRBRuri", {"value": frbr.expression_uri(document)})
    sub(expression, "FRBRdate", {"date": date, "name": date_name})
    sub(expression, "FRBRauthor", {"href": "#unga", "as": "#author"})
    official = "true" if document.text_status == "official" else "false"
    sub(expression, "FRBRauthoritative", {"value": official})
    sub(expression, "FRBRlanguage", {"language": language(document.lang).iso639_2})
    manifestation = sub(identification, "FRBRManifestation")
    sub(manifestation, "FRBRthis", {"value": frbr.manifestation_uri(document)})
    sub(manifestation, "FRBRuri", {"value": frbr.manifestation_uri(document)})
    sub(manifestation, "FRBRdate", {"date": generated, "name": "generation"})
    sub(manifestation, "FRBRauthor", {"href": f"#{SITE}", "as": "#editor"})
    sub(manifestation, "FRBRformat", {"value": "application/akn+xml"})
    _references(meta, document)


def _work_date(document: Document, generated: str) -> tuple[str, str]:
    """The date the work is known by, and what it is: its adoption, its issue, else the
    day a draft that bears no date was adopted as a resolution (``adopted as A/RES/79/80``,
    from its relations); the generation date only when none is known."""
    if document.adopted:
        return document.adopted, "adoption"
    if document.date:
        return document.date, "issue"
    adopted = next((r for r in document.relations if r.kind == "adopted-as" and r.date), None)
    if adopted is not None and adopted.date is not None:
        return adopted.date, f"adopted as {adopted.symbol}"
    return generated, "generation"


def _references(meta: ET.Element, document: Document) -> None:
    references = sub(meta, "references", {"source": f"#{SITE}"})
    organisations = (
        ("unga", "/akn/ontology/organizations/un/unga", label("akn.unga", document.lang)),
        (SITE, "/akn/ontology/organizations/un-resolutions-site", label("home.title", document.lang)),
    )
    for eid, href, shown in organisations:
        sub(references, "TLCOrganization", {"eId": eid, "href": href, "showAs": shown})
    states = load_states()
    for code in dict.fromkeys(s.code for s in document.sponsors):
        sub(references, "TLCOrganization", {
            "eId": _state_id(code),
            "href": f"/akn/ontology/organizations/un/member-states/{code.lower()}",
            "showAs": states.by_code(code).name(document.lang),
        })
    for eid in ("author", "editor", "sponsor"):
        sub(references, "TLCRole", {"eId": eid, "href": f"/akn/ontology/roles/un/{eid}",
                                    "showAs": label(f"akn.role.{eid}", document.lang)})


def _state_id(code: str) -> str:
    return f"state-{code.lower()}"


# ---- preface -----------------------------------------------------------------------------


def _preface(statement: ET.Element, document: Document, notes: Notes) -> None:
    preface = sub(statement, "preface", {XML_LANG: document.lang})
    printed: set[str] = set()
    titled = False
    for line in document.front:
        if line.role == "enacting":
            continue
        spans = _front_spans(line, document)
        printed |= {span.name for span in spans}
        if line.role in ("title", "resolution-number"):
            attrs = {} if titled else {"eId": "title"}
            titled = True
            block = sub(sub(preface, "longTitle", attrs), "p")
        else:
            block = sub(preface, "p", {"class": line.role})
        references = list(line.references)
        if line.role == "report" and not references:  # render links the report line the same way
            references = list(symbol_references(line.text, document.lang))
        fill(block, line.text, [*spans, *reference_spans(references)], line.footnotes, notes)
    _unprinted(preface, document, printed)


def _front_spans(line: FrontLine, document: Document) -> list[Span]:
    """The metadata the heading line prints, as spans over its text."""
    whole = (0, len(line.text))
    if line.role == "symbol":
        return [Span(*whole, "docNumber")]
    if line.role == "title":
        return [Span(*whole, "docTitle")]
    if line.role == "session" and document.session:
        return [Span(*whole, "session", (("value", str(document.session)),))]
    if line.role == "committee" and document.committee:
        return [Span(*whole, "docCommittee", (("value", document.committee),))]
    if line.role == "resolution-number":
        match = _RESOLUTION_NUMBER.fullmatch(line.text)
        if match:
            return [Span(match.start(1), match.end(1), "docNumber"), Span(match.start(2), match.end(2), "docTitle")]
    if line.role == "sponsors":
        return _sponsor_spans(line.text, document)
    if line.role == "adoption":
        return [Span(*whole, "docStatus"), *_date_spans(line.text, document.lang)]
    if line.role == "date":
        return _date_spans(line.text, document.lang)
    return []


def _sponsor_spans(text: str, document: Document) -> list[Span]:
    """A ``docProponent`` on each sponsor's name as printed, ``docStatus`` on the kind."""
    match = lexicon(document.lang).sponsors.fullmatch(text)
    names_end = match.start(2) if match else len(text)
    spans: list[Span] = []
    position = 0
    for sponsor in document.sponsors:
        found = text.find(sponsor.name, position, names_end)
        if found < 0:
            continue
        attrs = (("as", "#sponsor"), ("refersTo", f"#{_state_id(sponsor.code)}"))
        spans.append(Span(found, found + len(sponsor.name), "docProponent", attrs))
        position = found + len(sponsor.name)
    if match:
        spans.append(Span(match.start(2), match.end(2), "docStatus"))
    return spans


def _date_spans(text: str, lang: str, name: str = "docDate") -> list[Span]:
    spans = []
    months = [month.lower() for month in month_names(lang)]
    for match in lexicon(lang).printed_date.finditer(text):
        printed = match.group("month")
        day, year = int(match.group("day")), int(match.group("year"))
        month = int(printed) if printed.isdigit() else months.index(printed.lower()) + 1
        spans.append(Span(match.start(), match.end(), name, (("date", f"{year:04d}-{month:02d}-{day:02d}"),)))
    return spans


def _unprinted(preface: ET.Element, document: Document, printed: set[str]) -> None:
    """What AKN4UN asks of a preface and the text does not print, marked as metadata."""
    added: list[tuple[str, str, dict[str, str]]] = []
    if "docNumber" not in printed and document.symbol:
        added.append(("docNumber", document.symbol, {}))
    if "docTitle" not in printed:
        added.append(("docTitle", document.title, {}))
    if "docStatus" not in printed:
        added.append(("docStatus", label(f"kind.{document.kind}", document.lang), {}))
    date = document.adopted or document.date
    if "docDate" not in printed and date:
        added.append(("docDate", date, {"date": date}))
    for name, text, attrs in added:
        element = sub(sub(preface, "p", {"class": "metadata"}), name, attrs)
        element.text = text


# ---- preamble, main body, conclusions ----------------------------------------------------


def _preamble(statement: ET.Element, document: Document, notes: Notes) -> None:
    preamble = sub(statement, "preamble", {XML_LANG: document.lang})
    formula = sub(preamble, "formula", {"name": "enactingFormula", "eId": "enacting"})
    line = next((f for f in document.lines if f.role == "enacting"), None)
    if line is not None:
        fill(sub(formula, "p"), line.text, reference_spans(line.references), line.footnotes, notes)
    else:
        fill(sub(formula, "p"), document.enacting, (), (), notes)
    for paragraph, children in _tree(document.preamble):
        container = sub(preamble, "container", {"name": "preambularParagraph", "eId": paragraph.anchor})
        _text(sub(container, "p"), paragraph, notes)
        _block_list(container, children, notes)


def _block_list(parent: ET.Element, children: list[_Node], notes: Notes) -> None:
    """Sub-paragraphs of a preambular paragraph: a block list (containers hold blocks only)."""
    if not children:
        return
    block_list = sub(parent, "blockList")
    for paragraph, grandchildren in children:
        item = sub(block_list, "item", {"eId": paragraph.anchor})
        sub(item, "num").text = paragraph.label.strip()
        _text(sub(item, "p"), paragraph, notes)
        _block_list(item, grandchildren, notes)


def _main_body(statement: ET.Element, document: Document, notes: Notes) -> None:
    body = sub(statement, "mainBody", {XML_LANG: document.lang})
    for paragraph, children in _tree(document.operative):
        _hierarchy(body, "paragraph", paragraph, children, notes)


def _hierarchy(
    parent: ET.Element, name: str, paragraph: Paragraph, children: list[_Node], notes: Notes
) -> None:
    """``paragraph`` or ``point``: its number, then its content, or its text as the intro
    of a list of its sub-paragraphs."""
    element = sub(parent, name, {"eId": paragraph.anchor})
    if paragraph.label.strip():
        sub(element, "num").text = paragraph.label.strip()
    if not children:
        _text(sub(sub(element, "content"), "p"), paragraph, notes)
        return
    points = sub(element, "list")
    _text(sub(sub(points, "intro"), "p"), paragraph, notes)
    for child, grandchildren in children:
        _hierarchy(points, "point", child, grandchildren, notes)


def _tree(paragraphs: Sequence[Paragraph]) -> list[_Node]:
    """Paragraphs nested by level: each with the sub-paragraphs that follow it."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for paragraph in paragraphs:
        node: _Node = (paragraph, [])
        while stack and stack[-1][0].level >= paragraph.level:
            stack.pop()
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots


def _text(block: ET.Element, paragraph: Paragraph, notes: Notes) -> None:
    spans = [*italic_lead(paragraph.opening, paragraph.references, paragraph.footnotes),
             *reference_spans(paragraph.references)]
    fill(block, paragraph.text, spans, paragraph.footnotes, notes)


def _conclusions(statement: ET.Element, document: Document, notes: Notes) -> None:
    conclusions = sub(statement, "conclusions", {XML_LANG: document.lang})
    for line in document.closing:
        spans = _date_spans(line.text, document.lang, "date") if line.role == "date" else []
        fill(sub(conclusions, "p", {"class": line.role}), line.text,
             [*spans, *reference_spans(line.references)], line.footnotes, notes)


def _unplaced_notes(statement: ET.Element, notes: Notes) -> None:
    """Footnotes no marker points at (the converter reports these): kept in ``meta``."""
    unplaced = notes.unplaced()
    if not unplaced:
        return
    meta = statement.find(tag("meta"))
    assert meta is not None
    holder = sub(meta, "notes", {"source": f"#{SITE}"})
    for note in unplaced:
        notes.placed.add(note.number)
        element = sub(holder, "note", {"eId": f"fn:{note.number}", "marker": str(note.number)})
        fill(sub(element, "p"), note.text, reference_spans(note.references), (), notes)


# ---- layout ------------------------------------------------------------------------------

_INLINE_CONTEXT = frozenset(tag(name) for name in ("p", "num", "docTitle", "docNumber"))
"""Elements whose content is text: never indented inside (whitespace there would be text)."""


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the block structure by two spaces a level, leaving mixed content alone."""
    if element.tag in _INLINE_CONTEXT or not len(element) or (element.text and element.text.strip()):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level
