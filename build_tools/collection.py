"""The collection: every document folder under ``content/resolutions/`` through the pipeline.

One broken document does not hide the others' problems: each document is converted on
its own and all diagnostics are returned together. A document with errors gets no page.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import traceback
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from . import cache as conversion_cache
from .annotate import annotate
from .clean_text import CleanText
from .collection_pages import collection_pages
from .conservation import check_ingest, check_model
from .diagnostics import Diagnostic, DiagnosticError, Severity, errors, shorten
from .ingest import ingest
from .languages import site_languages
from .layout import ingest_layout
from .meta import Meta, load_meta
from .model import Document
from .notes import Note, load_notes, notes_file_name
from .pages import Page
from .parallel import frozen
from .parse import parse
from .pickling import collector_paused
from .reading import check_inside
from .render import anchor_difference, render_all
from .second_reading import check as second_reading
from .source import read_source
from .symbols import UNSymbol
from .verify import check_page

RESOLUTIONS = "resolutions"


def known_files() -> set[str]:
    """The names a document folder may hold: its metadata, and per site language its text or
    PDF and its editor's notes."""
    return {"meta.yml", *(f"{lang}.txt" for lang in site_languages()), *(f"{lang}.pdf" for lang in site_languages()),
            *(notes_file_name(lang) for lang in site_languages())}


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

    ``path`` is a ``.txt`` file in any of the text formats, or the official ``.pdf``; a
    PDF is also read a second time by poppler and the published text held against that
    reading (:mod:`build_tools.second_reading`): its differences are warnings of the
    document, or go with the errors that stop it (they often tell why).
    """
    if path.suffix.lower() == ".pdf":
        source, pages = conversion_cache.read_pdf(path, lang, shown)  # cached by content
        clean = ingest_layout(source, "pdf", pages)
    else:
        source = read_source(path, lang, shown)
        clean = ingest(source)
    differences = second_reading(path, clean) if path.suffix.lower() == ".pdf" else []
    try:
        lost = check_ingest(clean)
        if lost:
            raise DiagnosticError(lost)
        document = annotate(parse(clean, meta, slug), source)
        if meta.relations:  # what meta.yml says of the document's life (build_tools.relations)
            document = dataclasses.replace(document, relations=meta.relations)
        altered = check_model(clean, document)
        if altered:
            raise DiagnosticError(altered)
    except DiagnosticError as error:
        if not differences:
            raise
        raise DiagnosticError([*error.diagnostics, *differences]) from None
    if differences:
        document = dataclasses.replace(document, diagnostics=(*document.diagnostics, *differences))
    return Converted(clean, document)


def convert_folder(
    folder: Path, root: Path, content: Path | None = None
) -> tuple[list[Page], list[Diagnostic], dict[str, Document]]:
    """All languages of one document: its pages, its diagnostics and its models.

    ``content`` is the content folder (by default the folder two levels up,
    ``content/resolutions/<slug>``): every file read must lie inside it, links followed.
    Whatever happens, the result is diagnostics, never an exception: a bug met on the way
    is reported at the folder (``convert.internal``), and the other documents go on.
    """
    shown = display_path(folder, root)
    content = content if content is not None else Path(os.path.abspath(folder)).parent.parent
    try:
        return _convert_folder(folder, shown, content)
    except Exception as error:
        return [], [internal_error(shown, error)], {}


def internal_error(shown: str, error: BaseException) -> Diagnostic:
    """A bug met while converting a document, as a diagnostic at its folder."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return Diagnostic("convert.internal", Severity.ERROR, shown, 1, 1, "a document the converter can read",
                      f"{type(error).__name__}{where}: {shorten(str(error), 120)}",
                      "this is a bug in the converter: please report it with the document's files")


def _convert_folder(
    folder: Path, shown: str, content: Path
) -> tuple[list[Page], list[Diagnostic], dict[str, Document]]:
    diagnostics: list[Diagnostic] = []
    try:
        check_inside(folder, shown, content)
        for name in ("meta.yml", *(notes_file_name(lang) for lang in site_languages())):
            if os.path.lexists(folder / name):
                check_inside(folder / name, f"{shown}/{name}", content)
        meta, found = load_meta(folder / "meta.yml", f"{shown}/meta.yml")
    except DiagnosticError as error:
        return [], list(error.diagnostics), {}
    diagnostics += found
    diagnostics += _unknown_files(folder, shown)
    documents: dict[str, Document] = {}
    for lang in site_languages():
        # The text file wins when both are there: an editor may have corrected it. A link
        # that leads nowhere counts as there (and is reported), not as missing.
        text = next((p for p in (folder / f"{lang}.txt", folder / f"{lang}.pdf") if os.path.lexists(p)), None)
        if text is None:
            continue
        try:
            check_inside(text, f"{shown}/{text.name}", content)
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
    pages = render_all(list(documents.values()), site_languages(), notes)
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
    for lang in site_languages():
        text = documents.get(lang) or next(iter(documents.values()), None)
        if text is None:
            continue
        name = notes_file_name(lang)
        found, problems = load_notes(folder / name, f"{shown}/{name}", [p.anchor for p in text.paragraphs])
        notes[lang] = found
        diagnostics += problems
    return notes


def _unknown_files(folder: Path, shown: str) -> list[Diagnostic]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        return [Diagnostic("read.unreadable", Severity.ERROR, shown, 1, 1, "a folder the build can read",
                           error.strerror or type(error).__name__, "check the folder's permissions")]
    known = known_files()
    return [
        Diagnostic("content.unknown-file", Severity.WARNING, f"{shown}/{path.name}", 1, 1,
                   "one of " + ", ".join(sorted(known)), f"a file named {path.name!r}",
                   "it is not published; rename or remove it")
        for path in entries
        if path.name not in known and not path.name.startswith(".")
    ]


def _cross_checks(documents: dict[str, Document], meta: Meta, slug: str, shown: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if meta.symbol and UNSymbol.parse(meta.symbol).slug != slug:
        found.append(Diagnostic(
            "content.slug", Severity.WARNING, f"{shown}/meta.yml", 1, 1,
            f"the folder to be named {UNSymbol.parse(meta.symbol).slug!r} after the symbol",
            f"folder {slug!r}",
        ))
    given = [documents[lang] for lang in site_languages() if lang in documents]
    for first, second in ((given[0], other) for other in given[1:]):  # each text against the first
        symbols = {d.lang: _printed_symbol(d) or d.symbol for d in (first, second)}
        if None not in symbols.values() and len(set(symbols.values())) > 1:
            found.append(Diagnostic(
                "content.languages-disagree", Severity.ERROR, shown, 1, 1,
                f"the same document in every language ({first.lang}: {symbols[first.lang]})",
                f"{second.lang}: {symbols[second.lang]}", "are these two different documents?",
            ))
        counts = [(len(d.preamble), len(d.operative), len(d.footnotes)) for d in (first, second)]
        anchors = [[p.anchor for p in d.paragraphs] for d in (first, second)]
        difference = anchor_difference(*anchors)
        if counts[0] != counts[1] or difference:
            found.append(Diagnostic(
                "content.languages-disagree", Severity.WARNING, shown, 1, 1,
                f"the same paragraphs in every language ({first.lang}: {counts[0][0]} preambular, "
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


_FOLDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""A document folder's name, which becomes the address of its pages."""


def document_folders(folder: Path, root: Path, content: Path,
                     diagnostics: list[Diagnostic]) -> list[tuple[Path, str]]:
    """The document folders in ``folder`` (``content/resolutions``) as ``(path, shown)``;
    a folder with a name that cannot be an address, or one that is a link to a folder
    outside ``content``, is reported and left out. Names starting with ``.`` are not
    documents."""
    found: list[tuple[Path, str]] = []
    parent = display_path(folder, root)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        diagnostics.append(Diagnostic("content.missing", Severity.ERROR, parent, 1, 1, "a folder of documents",
                                      f"a folder that cannot be read ({error.strerror or error})"))
        return found
    # A folder that is not a link lies where ``folder`` does: inside ``content`` when
    # ``folder`` is (checked once, not for each of thousands of documents).
    inside = _inside(folder, content)
    for entry in entries:
        if entry.name.startswith(".") or not _is_dir(entry):
            continue
        path = folder / entry.name
        shown = f"{parent}/{path.name}"
        if not _FOLDER_NAME.fullmatch(path.name):
            diagnostics.append(Diagnostic(
                "content.folder-name", Severity.ERROR, shown, 1, 1,
                "a folder name of letters a-z, digits, '-', '_' and '.'", f"the name {shorten(path.name)}",
                "the name becomes the address of the document's pages: name the folder after its symbol "
                "(A/C.1/79/L.53/Rev.1 gives a-c-1-79-l-53-rev-1)"))
            continue
        if not inside or entry.is_symlink():
            try:
                check_inside(path, shown, content)
            except DiagnosticError as error:
                diagnostics += error.diagnostics
                continue
        found.append((path, shown))
    return found


def _inside(folder: Path, content: Path) -> bool:
    """Whether ``folder``, links followed, is ``content`` or lies inside it."""
    try:
        check_inside(folder, str(folder), content)
    except DiagnosticError:
        return False
    return True


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder or a link to one (as :meth:`pathlib.Path.is_dir`)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


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
    folders = document_folders(folder, root, content_dir, diagnostics)
    with conversion_cache.active(cache):
        if cache is not None:
            cache.prefetch_pdfs(folders, site_languages())
            cache.prefetch_documents(folders, root, convert_folder)
        # Loading the cached models makes about 750,000 objects the collector tracks at
        # 5,000 documents, and no garbage: the collector waits. (The worker processes that convert, forked above,
        # keep theirs; so does this process when it converts itself, without a cache.)
        with collector_paused() if cache is not None else nullcontext():
            for document_dir, shown in folders:
                if cache is None:
                    found_pages, found, documents = convert_folder(document_dir, root, content_dir)
                else:
                    found_pages, found, documents = cache.convert(
                        document_dir, shown, functools.partial(convert_folder, document_dir, root, content_dir))
                    key = cache.keys.get((document_dir, shown))
                    found_pages = [dataclasses.replace(page, source=key) for page in found_pages]
                    found_pages, documents = _published(cache, shown, key, (found_pages, found, documents), strict,
                                                        diagnostics)
                pages += found_pages
                diagnostics += found
                if found_pages:
                    models[document_dir.name] = documents
        if cache is not None:
            cache.save_published()
    # The collection stage: versions, cites and cited by, comparisons, indexes.
    with frozen():  # the models are loaded: collections while the stage works leave them alone
        pages, found = collection_pages(models, pages, cache)
    if cache is not None:
        cache.prune()
    return pages, diagnostics + found
