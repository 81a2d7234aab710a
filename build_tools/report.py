"""``unres report FOLDER``: convert every document of a folder and tabulate what it says.

For an editor about to publish a batch (a session's documents, a download from ODS): one
row per document with its kind, its paragraphs and footnotes, and the errors, warnings,
structural failures and second-reading differences the converter reports, with what the
site build would say of its pages (``verify.*``); then the totals by code. Nothing is
published. The folder holds either document folders as ``content/``
does (``<slug>/en.pdf``) or files named by symbol (``A_RES_78_17.en.pdf``, with
``.en.pymupdf.txt`` or ``.en.txt`` text extractions beside them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import dialect as md
from .collection import convert_file
from .collection_pages import collection_pages
from .diagnostics import Diagnostic, DiagnosticError, Severity
from .dialect import escape
from .languages import site_languages
from .meta import Meta
from .model import Document
from .parallel import max_jobs
from .render import render_all
from .second_reading import DIFFERENCES, unavailable_notice

FORMS = ("pdf", "pymupdf", "layout")
"""Which file of each document to read: the PDF, its PyMuPDF text, or its ``pdftotext
-layout`` text (made from the PDF with poppler when there is no ``.txt`` beside it)."""

TOTALS = "Totals by code"

_STRUCTURE = ("structure.", "parse.operative-number", "parse.truncated", "parse.no-operative",
              "parse.no-enacting", "parse.unnumbered-paragraph", "ingest.footnote-unreferenced",
              "ingest.marker-repeated", "ingest.marker-without-footnote")


@dataclass(frozen=True, slots=True)
class Row:
    document: str
    kind: str
    counts: tuple[int, int, int, int]
    """Preambular, operative (numbered or not), sub-paragraphs, footnotes."""
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def structure(self) -> int:
        return sum(1 for d in self.diagnostics if d.code.startswith(_STRUCTURE))

    @property
    def reading(self) -> int:
        return sum(1 for d in self.diagnostics if d.code in DIFFERENCES)

    @property
    def clean(self) -> bool:
        """No error, no structural failure, no second-reading difference."""
        return not (self.errors or self.structure or self.reading)


def documents(folder: Path, form: str, lang: str = "en") -> list[tuple[str, Path]]:
    """``(name, file)`` of every document of ``folder`` in ``form`` (``layout`` lists PDFs)."""
    suffix = {"pdf": f".{lang}.pdf", "pymupdf": f".{lang}.pymupdf.txt", "layout": f".{lang}.pdf"}[form]
    found = [(path.name[: -len(suffix)], path) for path in sorted(folder.glob(f"*{suffix}"))]
    if not found:  # document folders, as content/resolutions holds them
        name = f"{lang}.txt" if form != "pdf" else f"{lang}.pdf"
        found = [(path.parent.name, path) for path in sorted(folder.glob(f"*/{name}"))]
    return found


def convert_one(task: tuple[str, Path, str, str]) -> Row:
    """Convert one document in a folder of its own (so that nothing beside it is read)."""
    name, path, form, lang = task
    with tempfile.TemporaryDirectory(prefix="unres-report-") as work:
        folder = Path(work) / name.lower().replace("_", "-").replace(".", "-")
        folder.mkdir()
        target = folder / (f"{lang}.pdf" if form == "pdf" else f"{lang}.txt")
        if form == "layout" and path.suffix == ".pdf":
            text = path.with_name(path.name.removesuffix(".pdf") + ".txt")
            if text.is_file():
                shutil.copyfile(text, target)
            else:
                subprocess.run(["pdftotext", "-layout", str(path), str(target)], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        else:
            shutil.copyfile(path, target)
        shown = f"{name}/{target.name}"
        try:
            converted = convert_file(target, lang, Meta(f"{name}/meta.yml"), folder.name, shown)
        except DiagnosticError as error:
            return Row(name, "-", (0, 0, 0, 0), error.diagnostics)
    document = converted.document
    subs = sum(1 for p in document.paragraphs if p.level)
    counts = (len([p for p in document.preamble if not p.level]),
              len([p for p in document.operative if not p.level]), subs, len(document.footnotes))
    return Row(name, document.kind, counts, (*document.diagnostics, *_page_problems(document)))


def _page_problems(document: Document) -> list[Diagnostic]:
    """What the site build would say of the document's pages, in every language, with the
    collection sections (cites, versions, indexes) it would add: a page that links to an id
    it does not have, or Markdown that does not read back as written, leaves the document
    out of a site, so it is not clean here either. Links into other documents are not
    checked (each document is converted alone)."""
    pages = render_all([document], site_languages())
    return collection_pages({document.slug: {document.lang: document}}, pages)[1]


def run(folder: Path, form: str, lang: str = "en") -> list[Row]:
    tasks = [(name, path, form, lang) for name, path in documents(folder, form, lang)]
    if form == "layout" and shutil.which("pdftotext") is None:
        raise RuntimeError("the layout form needs pdftotext (Debian's poppler-utils)")
    workers = max_jobs()
    if workers < 2 or len(tasks) < 4:
        return [convert_one(task) for task in tasks]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(convert_one, tasks, chunksize=4))


def table(rows: Sequence[Row], folder: Path, form: str) -> str:
    """The report as Markdown: one row per document, then the totals by code."""
    clean = sum(1 for row in rows if row.clean)
    share = f"{100 * clean / len(rows):.1f} %" if rows else "-"
    lines = [
        md.heading(1, escape(f"Conversion report: {folder} ({form})")), "",
        escape(f"{len(rows)} documents; {clean} ({share}) with no error, no structural failure and no "
               "second-reading difference."), "",
        *md.table(["document", "kind", "pp", "op", "sub", "fn", "errors", "warnings", "structure", "reading",
                   "first problem"], [_cells(row) for row in rows], right=range(2, 10)),
    ]
    codes: Counter[tuple[str, str]] = Counter()
    documents_with: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for diagnostic in row.diagnostics:
            codes[(diagnostic.code, diagnostic.severity.value)] += 1
        for key in {(d.code, d.severity.value) for d in row.diagnostics}:
            documents_with[key] += 1
    ordered = sorted(codes.items(), key=lambda item: (-documents_with[item[0]], item[0]))
    totals = [[escape(code), severity, str(documents_with[(code, severity)]), str(count)]
              for (code, severity), count in ordered]
    lines += ["", md.heading(2, TOTALS), "", *md.table(["code", "severity", "documents", "messages"], totals,
                                                        right=(2, 3))]
    return "\n".join(lines) + "\n"


def _cells(row: Row) -> list[str]:
    first = str(row.diagnostics[0])[:200] if row.diagnostics else ""
    pp, op, sub, fn = row.counts
    figures = (pp, op, sub, fn, row.errors, row.warnings, row.structure, row.reading)
    return [escape(row.document), escape(row.kind), *map(str, figures), escape(first)]


def main(folder: Path, form: str, output: Path | None) -> int:
    if not folder.is_dir():
        print(f"{folder}:1:1: error [report.folder] expected a folder of documents, found no such folder",
              file=sys.stderr)
        return 2
    notice = unavailable_notice() if form == "pdf" else None
    if notice is not None:
        print(notice, file=sys.stderr)
    try:
        rows = run(folder, form)
    except RuntimeError as error:
        print(f"error [report.tool] {error}", file=sys.stderr)
        return 2
    if not rows:
        print(f"{folder}:1:1: error [report.empty] expected documents (*.en.pdf, or <slug>/en.pdf), found none",
              file=sys.stderr)
        return 2
    text = table(rows, folder, form)
    target = output or Path("build") / f"corpus-report.{form}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    clean = sum(1 for row in rows if row.clean)
    print(f"{len(rows)} documents, {clean} clean ({100 * clean / len(rows):.1f} %); report in {target}")
    totals = text[text.index(md.heading(2, TOTALS)):]
    print(totals)
    return 0
