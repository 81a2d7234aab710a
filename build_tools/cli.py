"""Command line: ``python -m build_tools`` (installed as ``unres``).

    unres convert content/resolutions/<slug>/zh.txt --stage model --format json
    unres check              # convert everything, report diagnostics, build nothing
    unres build              # convert everything and build the site into site/
    unres serve              # live preview at http://127.0.0.1:8000/, rebuilt on changes
    unres report FOLDER      # convert every document of a folder, tabulate the problems
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import cache as conversion_cache
from . import dialect as md
from . import labels
from .collection import LeftOut, convert_collection, convert_file, display_path, left_out
from .datafile import TableError
from .diagnostics import Diagnostic, DiagnosticError, Severity
from .export.model_json import dumps, plain
from .languages import DEFAULT_SITE, mkdocs_languages, set_site_languages, site_languages
from .lexicon import lexicon
from .meta import load_meta
from .parallel import frozen
from .render import render
from .settings import check_environment


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="unres", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="convert one source file and print a stage")
    convert.add_argument("path", type=Path, help="a <lang>.txt or <lang>.pdf file in a document folder")
    convert.add_argument("--stage", choices=("clean", "model", "markdown"), default="markdown")
    convert.add_argument("--format", choices=("json", "md"), default=None,
                         help="json (default for clean and model) or md (default for markdown)")
    for name, text in (("check", "check all content without building"),
                       ("build", "convert all content and build the site")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--content", type=Path, default=Path("content"))
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        if name == "build":
            command.add_argument("--site", type=Path, default=Path("site"))
    report = commands.add_parser("report", help="convert every document of a folder and tabulate the problems")
    report.add_argument("folder", type=Path, nargs="?", default=Path("../shared/corpus-dev"))
    report.add_argument("--form", choices=("pdf", "pymupdf", "layout"), default="pdf",
                        help="read each document's PDF (default), PyMuPDF text or pdftotext -layout text")
    report.add_argument("--output", type=Path, default=None,
                        help="where to write the Markdown table (default build/corpus-report.<form>.md)")
    serve = commands.add_parser("serve", help="live preview, rebuilding what changed")
    serve.add_argument("--content", type=Path, default=Path("content"))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="HOST:PORT to serve at")
    args = parser.parse_args(argv)
    problems = check_environment()
    for problem in problems:
        print(f"error [cli.environment] {problem}", file=sys.stderr)
    if problems:
        return 2
    try:
        wrong = _site_languages(Path.cwd() / "mkdocs.yml")
        if wrong is not None:
            print(f"error [cli.languages] {wrong}", file=sys.stderr)
            return 2
        if args.command == "convert":
            return _convert(args.path, args.stage, args.format)
        if args.command == "serve":
            return _serve(args.content, args.dev_addr)
        if args.command == "report":
            from .report import main as report_main

            return report_main(args.folder, args.form, args.output)
        # What the build loads stays out of the collector's reach until it ends; the digests
        # of the content files it read are kept for the next build, in the cache of the
        # project that holds the content, as the conversion's (cache.file_digests_kept).
        with frozen(), conversion_cache.file_digests_kept(args.content.resolve().parent):
            return _collection(args.content, args.strict, args.site if args.command == "build" else None)
    except KeyboardInterrupt:
        return 130
    except TableError as error:  # a data table of build_tools/data/ that an edit broke
        print(error.report(), file=sys.stderr)
        return 2


def _site_languages(config: Path) -> str | None:
    """Build in the languages of the project's mkdocs.yml (the published ones without one);
    what is wrong with them, or None. Each needs a description, a lexicon and every label."""
    try:
        codes = mkdocs_languages(config) if config.is_file() else DEFAULT_SITE
        set_site_languages(codes)
        for code in codes:
            lexicon(code)
            absent = labels.missing(code)
            if absent:
                return (f"{config}: the site language {code!r} has no label for {', '.join(absent[:5])}"
                        f"{' …' if len(absent) > 5 else ''} (expected in build_tools/data/labels.yml)")
    except ValueError as error:
        return str(error)
    return None


def _convert(path: Path, stage: str, fmt: str | None) -> int:
    lang = path.stem
    if path.suffix not in (".txt", ".pdf") or lang not in site_languages():
        print(f"{path}:1:1: error [cli.path] expected a {'/'.join(site_languages())} .txt or .pdf file, "
              f"found {path.name!r}",
              file=sys.stderr)
        return 2
    root = Path.cwd()
    try:
        meta, _ = load_meta(path.parent / "meta.yml", display_path(path.parent / "meta.yml", root))
        converted = convert_file(path, lang, meta, path.parent.name, display_path(path, root))
    except DiagnosticError as error:
        _report(error.diagnostics, strict=False)
        return 1
    fmt = fmt or ("md" if stage == "markdown" else "json")
    if stage == "markdown" and fmt == "md":
        sys.stdout.write(render(converted.document).markdown)
    elif stage == "markdown":
        page = render(converted.document)
        print(json.dumps({"lang": page.lang, "path": page.path, "markdown": page.markdown},
                         ensure_ascii=False, indent=2))
    elif stage == "clean" and fmt == "md":
        print("\n\n".join(block.text.text for block in converted.clean.blocks))
        for note in converted.clean.footnotes:
            print("\n" + md.footnote(note.number, note.text.text)[0])
    elif stage == "clean":
        print(json.dumps(plain(converted.clean), ensure_ascii=False, indent=2))
    else:  # the model, as the site publishes it; its diagnostics follow on stderr
        print(dumps(converted.document), end="")
    _report(converted.document.diagnostics, strict=False)
    return 0


REPORT_FILE = Path("build") / "build-report.txt"
"""Relative to the project: what the last build or check left out of the site, and why."""


def _collection(content: Path, strict: bool, site: Path | None) -> int:
    key = ""
    if site is not None:
        from .site.build import site_folder_problem  # before converting: a folder it may not replace

        problem = site_folder_problem(Path.cwd(), site)
        if problem is not None:
            print(problem, file=sys.stderr)
            return 2
        from .site import unchanged

        key = unchanged.input_key(Path.cwd(), content, os.environ.get("SITE_URL"), strict)  # before reading any
        replayed = _unchanged(content, strict, site, key)
        if replayed is not None:
            return replayed
    _second_reading_notice(content)
    pages, diagnostics = convert_collection(content, strict)
    failed = _report(diagnostics, strict)
    left = left_out(diagnostics, strict)
    documents = len({p.info.slug for p in pages if p.info is not None})
    if site is None:
        _summary(left, documents, content)
        if not failed:
            print(f"Checked {documents} document(s), {len(pages)} page(s): no errors.")
        return 1 if failed else 0
    if not pages:
        _summary(left, documents, content)
        return 1
    from .site import build_site  # MkDocs is only needed (and imported) to build the site
    from .site.build import SiteFolderError
    from .site.built import Handover
    from .site.serve import SERVE_DIR

    handover = Handover(pages)
    del pages  # the build lets go of them before MkDocs renders (Handover)
    try:
        built = build_site(handover, Path.cwd(), site, strict=strict)
    except SiteFolderError as error:
        print(error.diagnostic, file=sys.stderr)
        return 2
    except Exception as error:
        print(f"error [site.build] the site could not be built: {error}", file=sys.stderr)
        return 1
    for leftover in built.leftovers:
        print(f"warning [site.leftover] {leftover}", file=sys.stderr)
    total = len(built.docs.digests)
    again = "" if built.rendered == total else f", {built.rendered} rendered again"
    hint = "" if site == SERVE_DIR else (f"; open {site}/index.html, preview with 'make serve', "
                                         f"or publish {site}/ as static files")
    print(f"Site written to {site}/ ({documents} document(s), {total} pages{again}){hint}.")
    _summary(left, documents, content)
    from .site import unchanged

    unchanged.remember(Path.cwd(), site, key, diagnostics, left, documents, total)
    return 1 if failed else 0


def _second_reading_notice(content: Path) -> None:
    """Say once, not once a document, that PDFs go without their second reading."""
    from .second_reading import unavailable_notice

    notice = unavailable_notice()
    if notice is not None and next(content.glob("resolutions/*/*.pdf"), None) is not None:
        print(notice, file=sys.stderr)


def _unchanged(content: Path, strict: bool, site: Path, key: str) -> int | None:
    """When nothing the site is made from changed since the build that wrote it (the input's
    digest is ``key``; :mod:`build_tools.site.unchanged`): report what that build reported
    and give its exit status."""
    from .site import unchanged
    from .site.folder import remove_leftovers

    record = unchanged.recall(Path.cwd(), site, key)
    if record is None:
        return None
    failed = _report(record.diagnostics, strict)
    for leftover in remove_leftovers(site):  # what an interrupted build left, as a build removes it
        print(f"warning [site.leftover] {leftover}", file=sys.stderr)
    print(f"Site in {site}/ is up to date ({record.documents} document(s), {record.pages} pages): "
          "nothing it is made from changed since it was built.")
    _summary(record.left, record.documents, content)
    return 1 if failed else 0


def _summary(left: Sequence[LeftOut], published: int, content: Path) -> None:
    """Name the documents left out, at the end of the output and, with their messages, in
    :data:`REPORT_FILE` of the project that holds ``content``."""
    report = content.resolve().parent / REPORT_FILE
    if left:
        head = f"Left out of the site: {len(left)} document(s) ({published} published):"
        rows = [f"  {item.folder}: {item.errors} error(s), {item.warnings} warning(s)"
                + ("; its last good version stays published" if item.kept else "") for item in left]
        print("\n".join([head, *rows, f"(the messages again in {report})"]), file=sys.stderr)
        lines = [head]
        for item, row in zip(left, rows, strict=True):
            lines += [row, *(f"    {diagnostic}" for diagnostic in item.diagnostics)]
    else:
        lines = [f"Nothing left out: {published} document(s) published."]
    try:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        print(f"warning [cli.report] could not write {report}: {error.strerror}", file=sys.stderr)


def _serve(content: Path, address: str) -> int:
    from .site.serve import parse_address, serve  # MkDocs is only needed (and imported) to serve

    try:
        host, port = parse_address(address)
    except ValueError as error:
        print(f"error [cli.arguments] {error}", file=sys.stderr)
        return 2
    return serve(Path.cwd(), content, host, port)


def _report(diagnostics: Sequence[Diagnostic], strict: bool) -> bool:
    """Print errors, then warnings with a count; return whether the run has failed."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    for diagnostic in (*errors, *warnings):
        print(diagnostic, file=sys.stderr)
    if warnings:
        note = " (treated as errors: --strict)" if strict else ""
        print(f"{len(warnings)} warning(s){note}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
    return bool(errors) or (strict and bool(warnings))
