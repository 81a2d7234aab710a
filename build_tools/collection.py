"""The collection: every document folder under ``content/resolutions/`` through the pipeline.

One broken document does not hide the others' problems: each document is converted on
its own and all diagnostics are returned together. A document with errors gets no page.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import cache as conversion_cache
from .annotate import annotate
from .collection_pages import collection_pages
from .conservation import check_ingest, check_model
from .diagnostics import Diagnostic, DiagnosticError, Severity, errors
from .ingest import CleanText, ingest
from .layout import ingest_layout
from .meta import Meta, load_meta
from .model import Document
from .notes import Note, load_notes, notes_file_name
from .pages import LANGUAGES, Page
from .parse import parse
from .render import anchor_difference, render_all
from .source import read_source
from .symbols import UNSymbol
from .verify import check_page

RESOLUTIONS = "resolutions"
KNOWN_FILES = {"meta.yml", *(f"{lang}.txt" for lang in LANGUAGES), *(f"{lang}.pdf" for lang in LANGUAGES),
               *(notes_file_name(lang) for lang in LANGUAGES)}


@dataclass(frozen=True, slots=True)
class Converted:
    """One source file after every converter stage."""

    clean: CleanText
    document: Document


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def convert_file(path: Path, lang: str, meta: Meta, slug: str, shown: str) -> Converted:
    """read → ingest → parse → annotate, with the conservation checks; raises on errors.

    ``path`` is a ``.txt`` file in any of the text formats, or the official ``.pdf``.
    """
    if path.suffix.lower() == ".pdf":
        source, pages = conversion_cache.read_pdf(path, lang, shown)  # cached by content
        clean = ingest_layout(source, "pdf", pages)
    else:
        source = read_source(path, lang, shown)
        clean = ingest(source)
    lost = check_ingest(clean)
    if lost:
        raise DiagnosticError(lost)
    document = annotate(parse(clean, meta, slug), source)
    if meta.relations:  # what meta.yml says of the document's life (build_tools.relations)
        document = dataclasses.replace(document, relations=meta.relations)
    altered = check_model(clean, document)
    if altered:
        raise DiagnosticError(altered)
    return Converted(clean, document)


def convert_folder(folder: Path, root: Path) -> tuple[list[Page], list[Diagnostic], dict[str, Document]]:
    """All languages of one document: its pages, its diagnostics and its models."""
    shown = display_path(folder, root)
    diagnostics: list[Diagnostic] = []
    try:
        meta, found = load_meta(folder / "meta.yml", f"{shown}/meta.yml")
    except DiagnosticError as error:
        return [], list(error.diagnostics), {}
    diagnostics += found
    diagnostics += _unknown_files(folder, shown)
    documents: dict[str, Document] = {}
    for lang in LANGUAGES:
        # The text file wins when both are there: an editor may have corrected it.
        text = next((p for p in (folder / f"{lang}.txt", folder / f"{lang}.pdf") if p.exists()), None)
        if text is None:
            continue
        try:
            converted = convert_file(text, lang, meta, folder.name, f"{shown}/{text.name}")
        except DiagnosticError as error:
            diagnostics += error.diagnostics
            continue
        documents[lang] = converted.document
        diagnostics += converted.document.diagnostics
    if not documents and not errors(diagnostics):
        diagnostics.append(Diagnostic(
            "content.no-text", Severity.ERROR, shown, 1, 1,
            "zh.txt or en.txt with the document's text", "no text file",
        ))
    diagnostics += _cross_checks(documents, meta, folder.name, shown)
    notes = _load_notes(folder, shown, documents, diagnostics)
    if errors(diagnostics):
        return [], diagnostics, documents
    pages = render_all(list(documents.values()), LANGUAGES, notes)
    for page in pages:
        shown_doc = documents.get(page.lang) or next(iter(documents.values()))
        for problem in check_page(page, shown_doc):
            diagnostics.append(Diagnostic(
                "verify.markdown", Severity.ERROR, f"{shown}/{page.lang} page", 1, 1,
                "sound generated Markdown", problem, "this is a bug in the converter",
            ))
    return pages, diagnostics, documents


def _load_notes(
    folder: Path, shown: str, documents: dict[str, Document], diagnostics: list[Diagnostic]
) -> dict[str, tuple[Note, ...]]:
    """The editorial notes per language, checked against the anchors of the text each page shows."""
    notes: dict[str, tuple[Note, ...]] = {}
    for lang in LANGUAGES:
        text = documents.get(lang) or next(iter(documents.values()), None)
        if text is None:
            continue
        name = notes_file_name(lang)
        found, problems = load_notes(folder / name, f"{shown}/{name}", [p.anchor for p in text.paragraphs])
        notes[lang] = found
        diagnostics += problems
    return notes


def _unknown_files(folder: Path, shown: str) -> list[Diagnostic]:
    return [
        Diagnostic("content.unknown-file", Severity.WARNING, f"{shown}/{path.name}", 1, 1,
                   "one of " + ", ".join(sorted(KNOWN_FILES)), f"a file named {path.name!r}",
                   "it is not published; rename or remove it")
        for path in sorted(folder.iterdir())
        if path.name not in KNOWN_FILES and not path.name.startswith(".")
    ]


def _cross_checks(documents: dict[str, Document], meta: Meta, slug: str, shown: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if meta.symbol and UNSymbol.parse(meta.symbol).slug != slug:
        found.append(Diagnostic(
            "content.slug", Severity.WARNING, f"{shown}/meta.yml", 1, 1,
            f"the folder to be named {UNSymbol.parse(meta.symbol).slug!r} after the symbol",
            f"folder {slug!r}",
        ))
    if len(documents) == len(LANGUAGES):
        first, second = (documents[lang] for lang in LANGUAGES)
        symbols = {d.lang: _printed_symbol(d) or d.symbol for d in (first, second)}
        if None not in symbols.values() and len(set(symbols.values())) > 1:
            found.append(Diagnostic(
                "content.languages-disagree", Severity.ERROR, shown, 1, 1,
                f"the same document in both languages ({first.lang}: {symbols[first.lang]})",
                f"{second.lang}: {symbols[second.lang]}", "are these two different documents?",
            ))
        counts = [(len(d.preamble), len(d.operative), len(d.footnotes)) for d in (first, second)]
        anchors = [[p.anchor for p in d.paragraphs] for d in (first, second)]
        difference = anchor_difference(*anchors)
        if counts[0] != counts[1] or difference:
            found.append(Diagnostic(
                "content.languages-disagree", Severity.WARNING, shown, 1, 1,
                f"the same paragraphs in both languages ({first.lang}: {counts[0][0]} preambular, "
                f"{counts[0][1]} operative, {counts[0][2]} footnotes)",
                f"{second.lang}: {counts[1][0]} preambular, {counts[1][1]} operative, "
                f"{counts[1][2]} footnotes{_where(difference, anchors, first.lang, second.lang)}",
                "the parallel view pairs paragraphs only when their anchors agree" if difference else "",
            ))
    return found


def _where(difference: str | None, anchors: list[list[str]], first: str, second: str) -> str:
    """``; first differing anchor: pp23 (only in en)`` for the languages-disagree message."""
    if difference is None:
        return ""
    if difference in anchors[0] and difference in anchors[1]:
        return f"; first differing anchor: {difference} (in another order)"
    return f"; first differing anchor: {difference} (only in {first if difference in anchors[0] else second})"


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A document folder that the site does not publish as it now is."""

    folder: str
    errors: int
    warnings: int
    kept: bool
    """Its last version that converted cleanly stays published."""
    diagnostics: tuple[Diagnostic, ...]


def left_out(diagnostics: Sequence[Diagnostic], strict: bool) -> list[LeftOut]:
    """The document folders whose diagnostics keep them out of the site (errors; with
    ``strict``, warnings too), in order."""
    by_folder: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        parts = Path(diagnostic.path).parts
        if RESOLUTIONS in parts[:-1]:
            folder = str(Path(*parts[: parts.index(RESOLUTIONS) + 2]))
            by_folder.setdefault(folder, []).append(diagnostic)
    found = []
    for folder, problems in by_folder.items():
        count = len(errors(problems))
        kept = any(d.code == "content.kept-previous" for d in problems)
        if count or (strict and problems):
            found.append(LeftOut(folder, count, len(problems) - count - kept, kept, tuple(problems)))
    return found


def _published(
    cache: conversion_cache.ConversionCache, shown: str, key: str | None,
    result: tuple[list[Page], list[Diagnostic], dict[str, Document]], strict: bool,
    diagnostics: list[Diagnostic],
) -> tuple[list[Page], dict[str, Document]]:
    """What of a folder is published: its new pages when it converted cleanly (then kept as
    its last good version), else its last good version, if any."""
    pages, found, documents = result
    failed = bool(errors(found)) or (strict and bool(found))
    if not failed and pages and key is not None:
        cache.keep_published(shown, key, result)
        return pages, documents
    if not failed:
        return pages, documents
    previous = cache.last_published(shown)
    if previous is None:
        return [], {}
    diagnostics.append(Diagnostic(
        "content.kept-previous", Severity.WARNING, shown, 1, 1,
        "the document to convert without " + ("problems" if strict else "errors"),
        "the problems above", "its last version that converted cleanly stays published until they are fixed",
    ))
    return previous[0], previous[2]


def _printed_symbol(document: Document) -> str | None:
    return next((line.text for line in document.front if line.role == "symbol"), None)


def convert_collection(content_dir: Path, strict: bool = False) -> tuple[list[Page], list[Diagnostic]]:
    """Every document under ``content_dir/resolutions``: all pages, all diagnostics.

    A document with errors (or, ``strict``, with warnings) gets no new pages: its last
    version that converted cleanly stays published when the cache holds one (reported as
    ``content.kept-previous``), and every other document is published.
    """
    root = content_dir.resolve().parent
    folder = content_dir / RESOLUTIONS
    pages: list[Page] = []
    diagnostics: list[Diagnostic] = []
    if not folder.is_dir():
        return [], [Diagnostic("content.missing", Severity.ERROR, display_path(folder, root), 1, 1,
                               "a folder of documents", "no such folder")]
    models: dict[str, dict[str, Document]] = {}
    # Only new or changed documents are converted (build_tools/cache.py).
    cache = conversion_cache.for_project(root)
    folders = [(p, display_path(p, root)) for p in sorted(p for p in folder.iterdir() if p.is_dir())]
    with conversion_cache.active(cache):
        if cache is not None:
            cache.prefetch_pdfs(folders, LANGUAGES)
            cache.prefetch_documents(folders, root)
        for document_dir, shown in folders:
            if cache is None:
                found_pages, found, documents = convert_folder(document_dir, root)
            else:
                found_pages, found, documents = cache.convert(
                    document_dir, shown, functools.partial(convert_folder, document_dir, root))
                key = cache.keys.get((document_dir, shown))
                found_pages = [dataclasses.replace(page, source=key) for page in found_pages]
                found_pages, documents = _published(cache, shown, key, (found_pages, found, documents), strict,
                                                    diagnostics)
            pages += found_pages
            diagnostics += found
            if found_pages:
                models[document_dir.name] = documents
    # The collection stage: versions, cites and cited by, comparisons, indexes.
    pages, found = collection_pages(models, pages, cache)
    if cache is not None:
        cache.prune()
    return pages, diagnostics + found
