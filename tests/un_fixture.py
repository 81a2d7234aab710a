"""Convert a :class:`un_pdf.Doc` fixture from its PDF and its two text forms, and check
the model against what the description says and what a test expects of it.

Each fixture is written once per test session (PDF, PyMuPDF text, ``pdftotext -layout``
text, each in a folder of its own as ``en.pdf`` or ``en.txt``) and each form converted once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from un_pdf import Block, Doc, adoption, column, plain, report, title, write_layout, write_pdf, write_pymupdf

from build_tools.collection import convert_file
from build_tools.diagnostics import Diagnostic, DiagnosticError
from build_tools.meta import Meta
from build_tools.model import Document, FootnoteRef, Paragraph
from build_tools.pdf import read_pdf
from build_tools.source import read_source

FORMS = ("pdf", "pymupdf", "layout")


def resolution(number: str, name: str, *body: Block, footnotes: dict[str, str] | None = None,
               committee: str = "without reference to a Main Committee (A/78/L.35)") -> Doc:
    """An adopted resolution of the seventy-eighth session."""
    front = (*column("*Seventy-eighth session", "Agenda item 20", "*" + name), adoption("4 December 2023"),
             report(committee), title(name, number=f"{number}."))
    return Doc(f"A/RES/{number}", (*front, *body), footnotes or {}, running_title=(name,))


def draft(symbol: str, kind_line: Block, name: str, *body: Block, footnotes: dict[str, str] | None = None,
          committee: str = "") -> Doc:
    """A draft of the eightieth session, with its sponsors or submission line."""
    heads = ["*Eightieth session", *([committee] if committee else []), "Agenda item 18 (a)", "*" + name]
    if body and body[0].role == "para":  # a decision's or an amendment's first paragraph stands apart
        body = (replace(body[0], gap=24.5), *body[1:])
    blocks = (*column(*heads), kind_line, title(name), *body)
    return Doc(symbol, blocks, footnotes or {}, date="5 November 2025", distribution="Limited",
               original="English", job="25-17857", running_title=())


@dataclass(frozen=True)
class Located:
    """A diagnostic the converter must give: its code and severity, and the text that
    stands in the source where it points (``path:line:col``)."""

    code: str
    severity: str
    at: str


@dataclass(frozen=True)
class Expected:
    kind: str
    body: tuple[str, ...]
    """The body in order: a paragraph as its anchor and opening phrase (``pp1 Recalling``,
    ``op2a``), a line among the paragraphs as ``<role>``."""
    sponsors: tuple[str, ...] = ()
    markers: tuple[tuple[str, str, str], ...] = ()
    """Every footnote marker, in order: where it stands (a paragraph's anchor, or a front
    line's role), its number or mark, and the word right before it."""
    diagnostics: tuple[Located, ...] = ()
    text_diagnostics: tuple[Located, ...] | None = None
    """What the text forms must say instead, where it differs (they cannot see raised digits)."""

    def wanted(self, form: str) -> tuple[Located, ...]:
        if form != "pdf" and self.text_diagnostics is not None:
            return self.text_diagnostics
        return self.diagnostics


@dataclass(frozen=True)
class Result:
    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    source: str
    """The text the diagnostics locate themselves in (the PDF's text layer for a PDF)."""


class Fixtures:
    """Fixture files under ``root``, written and converted at most once each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.results: dict[tuple[str, str], Result] = {}

    def files(self, name: str, doc: Doc) -> dict[str, Path]:
        folder = self.root / name
        paths = {form: folder / form / ("en.pdf" if form == "pdf" else "en.txt") for form in FORMS}
        if not paths["pdf"].exists():
            for path in paths.values():
                path.parent.mkdir(parents=True, exist_ok=True)
            write_pdf(doc, paths["pdf"])
            write_pymupdf(doc, paths["pymupdf"])
            if write_layout(paths["pdf"], paths["layout"]) is None:
                del paths["layout"]
        return {form: path for form, path in paths.items() if path.exists()}

    def convert(self, name: str, doc: Doc, form: str) -> Result:
        key = (name, form)
        if key not in self.results:
            files = self.files(name, doc)
            if form not in files:
                pytest.skip("pdftotext (Debian's poppler-utils) is not installed")
            path = files[form]
            shown = f"{name}/{form}/{path.name}"
            source = read_pdf(path, "en", shown)[0].text if form == "pdf" else read_source(path, "en", shown).text
            try:
                converted = convert_file(path, "en", Meta(f"{name}/meta.yml"), name, shown)
            except DiagnosticError as error:
                self.results[key] = Result(None, error.diagnostics, source)
            else:
                document = converted.document
                self.results[key] = Result(document, document.diagnostics, source)
        return self.results[key]


def sketch(document: Document) -> tuple[str, ...]:
    """The body as :attr:`Expected.body` writes it."""
    items = []
    for item in document.body:
        if isinstance(item, Paragraph):
            items.append(f"{item.anchor} {item.opening}".rstrip())
        else:
            items.append(f"<{item.role}>")
    return tuple(items)


def _before(text: str, ref: FootnoteRef) -> str:
    words = text[: ref.offset].split()
    return words[-1] if words else ""


def markers(document: Document) -> tuple[tuple[str, str, str], ...]:
    found = []
    for item in (*document.front, *document.body):
        where = item.anchor if isinstance(item, Paragraph) else (item.anchor or item.role)
        for ref in item.footnotes:
            found.append((where, ref.mark or str(ref.number), _before(item.text, ref)))
    return tuple(found)


def located(result: Result) -> tuple[Located, ...]:
    """The diagnostics as :class:`Located`, each with the source text where it points."""
    lines = result.source.split("\n")
    found = []
    for diagnostic in result.diagnostics:
        text = lines[diagnostic.line - 1][diagnostic.col - 1:] if diagnostic.line <= len(lines) else ""
        found.append((diagnostic.code, diagnostic.severity.value, text))
    return tuple(Located(code, severity, text) for code, severity, text in found)


def _normal(text: str) -> str:
    return " ".join(text.split())


def check(result: Result, doc: Doc, expected: Expected, form: str) -> None:
    """The model of a fixture is what the description and the expectations say: kind,
    symbol, sponsors, the body's anchors and openings, the text of every paragraph and line,
    the footnotes and where their markers stand, and exactly the expected diagnostics."""
    wanted = expected.wanted(form)
    actual = located(result)
    assert [(d.code, d.severity) for d in actual] == [(d.code, d.severity) for d in wanted], \
        "\n".join(str(d) for d in result.diagnostics)
    for got, want in zip(actual, wanted, strict=True):
        assert got.at.startswith(want.at), f"{got.code} points at {got.at[:60]!r}, expected {want.at!r}"
    document = result.document
    if any(d.severity == "error" for d in wanted):
        assert document is None, "expected the document to stop with an error"
        return
    assert document is not None
    _same("kind", document.kind, expected.kind)
    _same("symbol", document.symbol, doc.symbol)
    _same("sponsors", tuple(s.name for s in document.sponsors), expected.sponsors)
    _same("body", sketch(document), expected.body)
    paragraphs = [b for b in doc.blocks if b.role == "para"]
    _same("paragraph texts", [_normal(p.label + " " + p.text) for p in document.paragraphs],
          [_normal(b.label + " " + plain(b.text)) for b in paragraphs])
    _same("lines among the paragraphs", [line.text for line in document.lines],
          [plain(b.text) for b in doc.blocks if b.role == "line"])
    _same("markers", markers(document), expected.markers)
    notes = sorted(doc.footnotes.items(), key=lambda item: (not item[0].isdigit(), int(item[0]) if
                                                               item[0].isdigit() else 0, item[0]))
    _same("footnotes", [(n.mark or str(n.number), n.text) for n in document.footnotes],
          [(mark, plain(text)) for mark, text in notes])


def _same(what: str, got: object, want: object) -> None:
    assert got == want, f"{what}:\n  got      {got!r}\n  expected {want!r}"
