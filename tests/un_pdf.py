"""UN-style PDFs for the tests, made from a compact description, and their text extractions.

A fixture is a :class:`Doc`: the masthead's facts (symbol, distribution, date, original
language, job number), a running title, and a sequence of blocks (heading lines, the
front lines, paragraphs, lines among them, page breaks). :func:`write_pdf` lays it out as
the official PDFs are set (Letter paper, Times 10 pt on a 12 pt pitch, 6 pt between
paragraphs, first lines indented, numbers and letters hung at the indent with the text at
a tab, italic opening phrases, bold headings; the masthead between two rules on page 1;
on later pages a running header of the symbol and the running title on alternating sides
above a rule, and a footer of the page number and job number; on page 1 the job number
and the barcode; footnotes under a line of underscores, in 8.5 pt, their numbers raised,
placed on the page of their marker) and draws it with reportlab.

Text is written with a little markup (see :mod:`un_doc`); :mod:`un_layout` places every
line. This module writes the results and gives the tests the whole vocabulary.

:func:`write_pymupdf` writes the text PyMuPDF extracts from such a PDF, in PyMuPDF's form:
lines in the order the page draws them (masthead, footer, body, notes on page 1; header,
footer, body, notes later), most ending in a space, a line of one space between
paragraphs, a short number or letter on a line of its own before its text, markers glued
to the word before them, and an empty line between pages. :func:`write_layout` runs
``pdftotext -layout`` on the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from un_doc import (
    A4,
    INDENT,
    LETTER,
    MARGIN,
    PITCH,
    RIGHT,
    SIZE,
    SPACE,
    TAB,
    Block,
    Doc,
    adoption,
    closing,
    column,
    enacting,
    heading,
    line,
    page_break,
    para,
    plain,
    report,
    sponsors,
    title,
)
from un_layout import Line, footer, header, layout, masthead, notes, rules

__all__ = ["A4", "INDENT", "LETTER", "MARGIN", "PITCH", "RIGHT", "SIZE", "SPACE", "TAB", "Block", "Doc",
           "adoption", "closing", "column", "enacting", "heading", "line", "page_break", "para", "plain",
           "pymupdf_text", "report", "sponsors", "title", "write_layout", "write_pdf", "write_pymupdf"]


# --- Writers ----------------------------------------------------------------------------------


def write_pdf(doc: Doc, path: Path) -> Path:
    """The PDF of a description."""
    pages = layout(doc)
    width, height = doc.size
    canvas = Canvas(str(path), pagesize=doc.size, invariant=True)
    for page in pages:
        furniture = masthead(doc) if page.number == 1 else header(doc, page.number)
        for line_ in [*furniture, *page.body, *notes(doc, page), *footer(doc, page.number, len(pages))]:
            for run in line_.runs:
                text = canvas.beginText(run.x, height - run.y)
                text.setFont(run.font, run.size)
                text.setWordSpace(run.word_space)  # the text state outlives the text object: always set it
                text.textOut(run.text)
                canvas.drawText(text)
        canvas.setLineWidth(0.5)
        for top, x0, x1 in (*rules(page.number), *doc.drawn.get(page.number, ())):
            canvas.line(x0, height - top, x1, height - top)
        canvas.showPage()
    canvas.save()
    del width
    return path


def pymupdf_text(doc: Doc) -> str:
    """The text PyMuPDF extracts from :func:`write_pdf`'s PDF, in its form."""
    pages = layout(doc)
    out: list[str] = []
    for page in pages:
        if page.number == 1:
            head = masthead(doc)
            lines = [*head[:2], Line([], [" "]), *head[2:]]
        else:
            lines = header(doc, page.number)
        lines += [*footer(doc, page.number, len(pages)), Line([], [" "], True), *page.body, *notes(doc, page)]
        text: list[str] = []
        for item in lines:
            if item.blank_before:
                text.append(" ")
            text += item.text
        out.append("\n".join(text) + "\n")
    return "\n".join(out)


def write_pymupdf(doc: Doc, path: Path) -> Path:
    path.write_text(pymupdf_text(doc), encoding="utf-8")
    return path


def write_layout(pdf: Path, path: Path) -> Path | None:
    """``pdftotext -layout`` of the PDF (None where poppler's pdftotext is not installed)."""
    if shutil.which("pdftotext") is None:
        return None
    subprocess.run(["pdftotext", "-layout", str(pdf), str(path)], check=True, capture_output=True, timeout=60)
    return path
