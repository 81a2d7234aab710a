"""Read an official PDF with pdfplumber: its text layer, laid out as the page prints it.

Words are grouped into printed lines by their vertical extent; the gap before a word
decides between no space, one space and a column break. Footnote markers are what the PDF
says they are: digits set smaller than the body text and raised above the baseline. The
text of all pages, one printed line per line and a form feed between pages, becomes the
:class:`~build_tools.source.Source` that messages and the conservation check refer to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, DiagnosticError, Severity
from .layout import LayoutLine
from .source import Source
from .textmap import MappedText


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def _fail(shown: str, code: str, expected: str, found: str, hint: str = "") -> DiagnosticError:
    return DiagnosticError([Diagnostic(code, Severity.ERROR, shown, 1, 1, expected, found, hint)])


def read_pdf(path: Path, lang: str, shown: str) -> tuple[Source, list[list[LayoutLine]]]:
    """The PDF's text as a source and its pages of lines; clear errors for unusable PDFs."""
    try:
        head = path.read_bytes()[:1024]
    except OSError as error:
        raise _fail(shown, "read.unreadable", "a readable file", error.strerror or "an error") from None
    if b"%PDF-" not in head:
        raise _fail(shown, "read.not-pdf", "a PDF file (starting with %PDF-)",
                    f"{head[:8]!r}", "is it a PDF saved under the wrong name?")
    words = _words(path, shown)
    if not any(page for page in words):
        raise _fail(shown, "read.pdf-no-text", "a PDF with a text layer", "pages with no text",
                    "a scanned PDF needs OCR first; download the document from ODS instead")
    return _layout(words, lang, shown)


def _words(path: Path, shown: str) -> list[list[_Word]]:
    import pdfplumber  # imported here: only PDFs need it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            return [
                [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]))
                 for w in page.extract_words(extra_attrs=["size"], x_tolerance=1.5, y_tolerance=2)]
                for page in pdf.pages
            ]
    except Exception as error:  # pdfplumber wraps pdfminer's many exception types
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise _fail(shown, "read.pdf-encrypted", "a PDF that is not password-protected",
                        f"an encrypted PDF ({type(cause).__name__})",
                        "download the unprotected document from ODS") from None
        if isinstance(cause, (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError)) or \
                type(error).__name__ == "PdfminerException":
            raise _fail(shown, "read.pdf-invalid", "a valid PDF",
                        f"{type(cause).__name__}: {cause}"[:120],
                        "the file may be truncated; download it again") from None
        raise


def _lines(words: list[_Word]) -> list[list[_Word]]:
    """Words grouped into printed lines: vertically overlapping words share a line."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        for line in reversed(lines[-3:]):
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            if word.top < bottom - 2 and word.bottom > top + 2:
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: max(w.bottom for w in line))
    return lines


def _layout(pages: list[list[_Word]], lang: str, shown: str) -> tuple[Source, list[list[LayoutLine]]]:
    sizes: Counter[float] = Counter()
    for page in pages:
        for word in page:
            sizes[round(word.size, 1)] += len(word.text)
    body = sizes.most_common(1)[0][0]
    text: list[str] = []
    offset = 0
    result: list[list[LayoutLine]] = []
    for number, page in enumerate(pages, start=1):
        lines_out: list[LayoutLine] = []
        previous_bottom: float | None = None
        for line in _lines(page):
            content, superscripts = _line_text(line, body)
            top = min(w.top for w in line)
            blank = previous_bottom is not None and top - previous_bottom > 0.8 * body
            previous_bottom = max(w.bottom for w in line)
            mapped = MappedText.of(content, offset)
            lines_out.append(LayoutLine(mapped, number, round(line[0].x0 / 5), blank,
                                        tuple(superscripts), offset, offset + len(content)))
            text.append(content + "\n")
            offset += len(content) + 1
        result.append(lines_out)
        text.append("\f\n")
        offset += 2
    return Source(shown, lang, "".join(text), "pdf"), result


def _line_text(line: list[_Word], body: float) -> tuple[str, list[tuple[int, int]]]:
    baseline = max(w.bottom for w in line)
    parts: list[str] = []
    superscripts: list[tuple[int, int]] = []
    position = 0
    for index, word in enumerate(line):
        if index:
            gap = word.x0 - line[index - 1].x1
            separator = "" if gap < 0.12 * body else ("   " if gap > 2.5 * body else " ")
            parts.append(separator)
            position += len(separator)
        if word.text.isdigit() and word.size < 0.8 * body and word.bottom < baseline - 1:
            superscripts.append((position, position + len(word.text)))
        parts.append(word.text)
        position += len(word.text)
    return "".join(parts), superscripts

