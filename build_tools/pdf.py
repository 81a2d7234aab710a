"""Read an official PDF with PDFium (pypdfium2): its text runs, laid out as the page prints them.

PDFium gives every text object of a page: its characters, its box, its font and size. A
text object is one run of text in one font (UN PDFs set a word, a phrase or a line per
run). Runs are grouped into printed lines by their vertical extent; the gap before a run
decides between no space, one space and a column break. Footnote markers are what the PDF
says they are: digits set smaller than the line's text and raised above its baseline.
Italic and bold runs are kept as spans of the line (UN style sets the opening phrase of a
paragraph in italics and headings in bold). Horizontal rules (the lines under the masthead)
are kept with the page, for :mod:`build_tools.zones`.

The text of all pages, one printed line per line and a form feed between pages, becomes the
:class:`~build_tools.source.Source` that messages and the conservation check refer to.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .diagnostics import Diagnostic, DiagnosticError, Severity
from .layout_line import LayoutLine, PageGeometry
from .source import Source
from .textmap import MappedText

BOLD = 1
ITALIC = 2


@dataclass(slots=True)
class Run:
    """One text object: its text, its box (points, y downwards from the top) and its style.

    Not frozen: a page has hundreds of runs, and a frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__``; nothing changes a run once it is read."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    style: int
    baseline: float
    """Where the run's glyphs stand (its text matrix's origin), y downwards."""


@dataclass(slots=True)
class _Line:
    runs: list[Run]
    top: float
    bottom: float
    baseline: float
    size: float
    main: list[Run] = field(default_factory=list)
    """The runs in the line's own size (:func:`_main_runs`), once the line is complete."""


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
    pages = read_runs(path, shown)
    if not any(runs for runs, _ in pages):
        raise _fail(shown, "read.pdf-no-text", "a PDF with a text layer", "pages with no text",
                    "a scanned PDF needs OCR first; download the document from ODS instead")
    return layout(pages, lang, shown)


def read_runs(path: Path, shown: str) -> list[tuple[list[Run], PageGeometry]]:
    """Every page's text runs and geometry, in the order the page draws them."""
    pdfium = _pdfium()
    document = pdfium.FPDF_LoadDocument(str(path).encode(), None)
    if not document:
        code = pdfium.FPDF_GetLastError()
        if code in (4, 5):  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise _fail(shown, "read.pdf-encrypted", "a PDF that is not password-protected",
                        "an encrypted PDF", "download the unprotected document from ODS")
        raise _fail(shown, "read.pdf-invalid", "a valid PDF", f"a file PDFium cannot open (error {code})",
                    "the file may be truncated; download it again")
    handle = ctypes.c_void_p(document)
    try:
        reader = _PageReader(pdfium, shown)
        return [reader.page(handle, index) for index in range(pdfium.FPDF_GetPageCount(handle))]
    finally:
        pdfium.FPDF_CloseDocument(handle)


class _Handle(ctypes.c_void_p):
    """A pointer PDFium returns, kept as a pointer: ctypes converts a plain ``c_void_p``
    result to an int, which has to be wrapped again before it is passed back (once for every
    object of every page)."""


_SIGNATURES: tuple[tuple[str, Any], ...] = (
    ("FPDF_LoadDocument", ctypes.c_void_p), ("FPDF_CloseDocument", None),
    ("FPDF_GetLastError", ctypes.c_ulong), ("FPDF_GetPageCount", ctypes.c_int),
    ("FPDF_LoadPage", ctypes.c_void_p), ("FPDF_ClosePage", None),
    ("FPDF_GetPageWidthF", ctypes.c_float), ("FPDF_GetPageHeightF", ctypes.c_float),
    ("FPDFText_LoadPage", ctypes.c_void_p), ("FPDFText_ClosePage", None),
    ("FPDFPage_CountObjects", ctypes.c_int), ("FPDFPage_GetObject", _Handle),
    ("FPDFPageObj_GetType", ctypes.c_int), ("FPDFPageObj_GetBounds", ctypes.c_int),
    ("FPDFPageObj_GetMatrix", ctypes.c_int), ("FPDFTextObj_GetText", ctypes.c_ulong),
    ("FPDFTextObj_GetFontSize", ctypes.c_int), ("FPDFTextObj_GetFont", ctypes.c_void_p),
    ("FPDFFont_GetBaseFontName", ctypes.c_size_t), ("FPDFFont_GetWeight", ctypes.c_int),
    ("FPDFFont_GetItalicAngle", ctypes.c_int),
)
"""The PDFium functions the reader calls, with their return types."""


@functools.cache
def _pdfium() -> Any:
    """PDFium as pypdfium2 ships and initialises it, its functions bound without ctypes'
    conversion of arguments (the reader passes handles and ``byref`` pointers itself): a page
    has hundreds of text objects, and converting every argument of every call took a third
    of the time reading a PDF takes."""
    import pypdfium2  # noqa: F401  (imported for its side effect: it initialises PDFium)
    import pypdfium2_raw

    library = ctypes.CDLL(str(Path(pypdfium2_raw.__file__).with_name("libpdfium.so")))
    functions = SimpleNamespace()
    for name, restype in _SIGNATURES:
        function = getattr(library, name)
        function.argtypes, function.restype = None, restype
        setattr(functions, name, function)
    return functions


def load_pdfium() -> None:
    """Load and initialise PDFium now (in a process that forks readers: they inherit it)."""
    _pdfium()


_TEXT, _PATH = 1, 2
"""FPDF_PAGEOBJ_TEXT, FPDF_PAGEOBJ_PATH."""


class _PageReader:
    """The PDFium calls for one page, with the font styles looked up once per font."""

    def __init__(self, pdfium: Any, shown: str) -> None:
        self.pdfium = pdfium
        self.shown = shown
        self.fonts: dict[int, int] = {}
        self.box = [ctypes.c_float() for _ in range(4)]
        """left, bottom, right, top"""
        self.box_refs = [ctypes.byref(value) for value in self.box]
        self.size = ctypes.c_float()
        self.size_ref = ctypes.byref(self.size)
        self.matrix = (ctypes.c_float * 6)()
        """a, b, c, d, e, f (FS_MATRIX)"""
        self.matrix_ref = ctypes.byref(self.matrix)
        self.capacity = 2048
        """Bytes of :attr:`buffer` (UTF-16 code units and the terminating NUL)."""
        self.buffer = (ctypes.c_ushort * (self.capacity // 2))()

    def page(self, document: ctypes.c_void_p, index: int) -> tuple[list[Run], PageGeometry]:
        p = self.pdfium
        loaded = p.FPDF_LoadPage(document, index)
        if not loaded:  # a page tree PDFium cannot walk: nested too deep, or damaged
            raise _fail(self.shown, "read.pdf-invalid", "pages PDFium can load", f"page {index + 1}, which it cannot",
                        "the PDF's page tree is damaged or nested too deep; download the document again from ODS")
        page = ctypes.c_void_p(loaded)
        textpage = ctypes.c_void_p(p.FPDFText_LoadPage(page))
        try:
            height, width = float(p.FPDF_GetPageHeightF(page)), float(p.FPDF_GetPageWidthF(page))
            runs: list[Run] = []
            rules: list[tuple[float, float, float]] = []
            get_object, get_type = p.FPDFPage_GetObject, p.FPDFPageObj_GetType
            for k in range(p.FPDFPage_CountObjects(page)):
                obj = get_object(page, k)
                kind = get_type(obj)
                if kind == _TEXT:
                    run = self._run(obj, textpage, height)
                    if run is not None:
                        runs.append(run)
                elif kind == _PATH:
                    rule = self._rule(obj, height)
                    if rule is not None:
                        rules.append(rule)
            return runs, PageGeometry(width, height, _merge_rules(rules))
        finally:
            p.FPDFText_ClosePage(textpage)
            p.FPDF_ClosePage(page)

    def _text(self, obj: ctypes.c_void_p, textpage: ctypes.c_void_p) -> str:
        """The object's characters, read into one buffer kept from call to call."""
        get_text = self.pdfium.FPDFTextObj_GetText
        length = get_text(obj, textpage, self.buffer, ctypes.c_ulong(self.capacity))
        if length > self.capacity:
            self.capacity = 2 * length
            self.buffer = (ctypes.c_ushort * (self.capacity // 2))()
            length = get_text(obj, textpage, self.buffer, ctypes.c_ulong(self.capacity))
        if length <= 2:
            return ""  # an empty object (PDFium counts the terminating NUL: 2 bytes)
        return ctypes.string_at(self.buffer, length - 2).decode("utf-16-le", errors="replace")

    def _run(self, obj: ctypes.c_void_p, textpage: ctypes.c_void_p, height: float) -> Run | None:
        text = self._text(obj, textpage)
        if "\x02" in text or "\r" in text or "\n" in text:
            text = text.replace("\x02", "-").replace("\r", "").replace("\n", "")
        if not text:
            return None
        p = self.pdfium
        p.FPDFPageObj_GetBounds(obj, *self.box_refs)
        p.FPDFTextObj_GetFontSize(obj, self.size_ref)
        p.FPDFPageObj_GetMatrix(obj, self.matrix_ref)
        box = self.box
        _, _, c, d, _, f = self.matrix
        scale = (c * c + d * d) ** 0.5 or 1.0
        return Run(text, box[0].value, box[2].value, height - box[3].value, height - box[1].value,
                   round(self.size.value * scale, 2), self._style(obj), height - f)

    def _style(self, obj: ctypes.c_void_p) -> int:
        p = self.pdfium
        font = p.FPDFTextObj_GetFont(obj) or 0
        if font not in self.fonts:
            handle = ctypes.c_void_p(font)
            size = p.FPDFFont_GetBaseFontName(handle, None, ctypes.c_size_t(0))
            name = ctypes.create_string_buffer(max(size, 1))
            p.FPDFFont_GetBaseFontName(handle, name, ctypes.c_size_t(size))
            base = name.value.decode("latin-1").lower()
            angle = ctypes.c_int()
            slanted = bool(p.FPDFFont_GetItalicAngle(handle, ctypes.byref(angle))) and angle.value != 0
            style = 0
            if "bold" in base or "black" in base or p.FPDFFont_GetWeight(handle) >= 600:
                style |= BOLD
            if "italic" in base or "oblique" in base or slanted:
                style |= ITALIC
            self.fonts[font] = style
        return self.fonts[font]

    def _rule(self, obj: ctypes.c_void_p, height: float) -> tuple[float, float, float] | None:
        """A horizontal rule: a path much wider than it is high, as ``(top, x0, x1)``."""
        self.pdfium.FPDFPageObj_GetBounds(obj, *self.box_refs)
        left, bottom, right, top = (value.value for value in self.box)
        thickness, length = top - bottom, right - left
        if thickness < 3 and length > 20 * max(thickness, 0.1):
            return (round(height - top, 1), round(left, 1), round(right, 1))
        return None


def _merge_rules(rules: list[tuple[float, float, float]]) -> tuple[tuple[float, float, float], ...]:
    """Rules drawn as touching segments at one height, as one rule each."""
    merged: list[tuple[float, float, float]] = []
    for top, x0, x1 in sorted(rules):
        if merged and abs(merged[-1][0] - top) <= 1.5 and x0 <= merged[-1][2] + 1.5:
            last = merged[-1]
            merged[-1] = (last[0], last[1], max(last[2], x1))
        else:
            merged.append((top, x0, x1))
    return tuple(merged)


def layout(
    pages: Sequence[tuple[list[Run], PageGeometry]], lang: str, shown: str
) -> tuple[Source, list[list[LayoutLine]]]:
    """Printed lines of every page as a source text and its :class:`LayoutLine` pages."""
    text: list[str] = []
    offset = 0
    result: list[list[LayoutLine]] = []
    for number, (runs, geometry) in enumerate(pages, start=1):
        lines_out: list[LayoutLine] = []
        previous_bottom: float | None = None
        for line in group_lines(runs):
            content, superscripts, italic, bold = _line_text(line)
            size = line.size
            if not content.strip():
                continue
            blank = previous_bottom is not None and line.top - previous_bottom > 0.8 * size
            previous_bottom = line.bottom
            start = len(content) - len(content.lstrip())
            stripped = content.strip()
            mapped = MappedText.of(stripped, offset + start)
            shift = [(a - start, b - start) for a, b in superscripts]
            lines_out.append(LayoutLine(
                mapped, number, round(line.runs[0].x0 / 5), blank, tuple(shift), offset,
                offset + len(content), x0=line.runs[0].x0, x1=max(r.x1 for r in line.runs),
                top=line.top, bottom=line.bottom, baseline=line.baseline, size=size, bold=bold,
                italic=tuple((a - start, b - start) for a, b in italic), geometry=geometry,
            ))
            text.append(content + "\n")
            offset += len(content) + 1
        result.append(lines_out)
        text.append("\f\n")
        offset += 2
    return Source(shown, lang, "".join(text), "pdf"), result


_BY_BASELINE = attrgetter("baseline", "x0")
_BY_X0 = attrgetter("x0")


def group_lines(runs: Sequence[Run]) -> list[_Line]:
    """Runs that share a printed line: the same baseline (within a quarter of the font size);
    a run set smaller and raised above the baseline of the line below it (a footnote marker)
    joins that line."""
    lines: list[_Line] = []
    last: _Line | None = None
    for run in sorted(runs, key=_BY_BASELINE):
        if last is not None and abs(run.baseline - last.baseline) <= 0.25 * max(run.size, last.size):
            _add(last, run)
        else:
            last = _Line([run], run.top, run.bottom, run.baseline, run.size)
            lines.append(last)
    merged: list[_Line] = []
    for index, line in enumerate(lines):
        below = lines[index + 1] if index + 1 < len(lines) else None
        if below is not None and _raised_onto(line, below):
            below.runs.extend(line.runs)
            continue
        merged.append(line)
    for line in merged:
        line.runs.sort(key=_BY_X0)
        main = line.main = _main_runs(line.runs)
        line.top, line.bottom = min(r.top for r in main), max(r.bottom for r in main)
        line.size = _most(main, lambda r: r.size)
        line.baseline = _most(main, lambda r: round(r.baseline, 1))
    return merged


def _most(runs: Sequence[Run], value: Callable[[Run], float]) -> float:
    """The value of the longest run (by the last run of each value), the first of equals."""
    lengths: dict[float, int] = {}
    for run in runs:
        lengths[value(run)] = len(run.text)
    return max(lengths, key=lengths.__getitem__)


def _add(line: _Line, run: Run) -> None:
    line.runs.append(run)
    if run.top < line.top:
        line.top = run.top
    if run.bottom > line.bottom:
        line.bottom = run.bottom
    if run.size > line.size:
        line.size, line.baseline = run.size, run.baseline


def _raised_onto(line: _Line, below: _Line) -> bool:
    """Whether ``line`` holds only small raised runs standing on the baseline of ``below``."""
    size = below.size
    if any(run.size >= 0.85 * size for run in line.runs):
        return False
    rise = below.baseline - line.baseline
    if not 0.1 * size <= rise <= 0.75 * size:
        return False
    left, right = min(r.x0 for r in below.runs), max(r.x1 for r in below.runs)
    return all(left - 2 * size <= run.x0 <= right + 2 * size for run in line.runs)


def _main_runs(runs: Sequence[Run]) -> list[Run]:
    """The runs in the line's own size (not its raised markers)."""
    size: float | None = None
    for run in runs:
        if (size is None or run.size > size) and run.text.strip():
            size = run.size
    limit = 0.85 * (runs[0].size if size is None else size)
    main = [r for r in runs if r.size >= limit]
    return main or list(runs)


def _line_text(line: _Line) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]], bool]:
    """The line's text, its raised digit spans, its italic spans and whether it is mostly set
    in bold."""
    main = line.main or _main_runs(line.runs)
    size, baseline = line.size, line.baseline
    tight, column = 0.28 * size, 3.5 * size
    small, raised_below = 0.85 * size, baseline - 0.1 * size
    parts: list[str] = []
    superscripts: list[tuple[int, int]] = []
    italic: list[tuple[int, int]] = []
    position = 0
    previous: Run | None = None
    for run in line.runs:
        text = run.text
        if previous is not None:
            gap = run.x0 - previous.x1
            joined = previous.text.endswith(" ") or text.startswith(" ")
            separator = "" if joined or gap < tight else ("   " if gap > column else " ")
            if joined and gap > column and not previous.text.endswith("   "):
                separator = "   "  # a column break after a run that ends in a space
            if separator:
                parts.append(separator)
                position += len(separator)
        stripped = text.strip()
        if stripped:
            if run.size < small and run.baseline < raised_below and all(c.isdigit() or c in "*," for c in stripped):
                lead = len(text) - len(text.lstrip())
                superscripts.append((position + lead, position + lead + len(stripped)))
            if run.style & ITALIC:
                italic.append((position, position + len(text.rstrip())))
        parts.append(text)
        position += len(text)
        previous = run
    weight = heavy = 0
    for run in main:
        length = len(run.text.strip())
        weight += length
        if run.style & BOLD:
            heavy += length
    bold = weight > 0 and 2 * heavy > weight
    return "".join(parts), superscripts, _merge(italic), bold


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= 1:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
