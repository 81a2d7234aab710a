"""Regenerate the docs folder from ``content/``: ``python -m build_tools.site.regenerate``.

Run it once before ``mkdocs serve`` or ``mkdocs build`` from the command line (MkDocs needs
the docs folder to exist); the MkDocs plugin runs it on every rebuild, in a fresh process so
that edits to the converter apply. ``make serve`` (:mod:`build_tools.site.serve`) does not
need it.
Diagnostics go to stderr; on errors nothing is written and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools.collection import convert_collection
from build_tools.datafile import TableError
from build_tools.diagnostics import errors
from build_tools.site.build import DOCS_DIR
from build_tools.site.docs import DocsError, DocsSync, write_docs


def regenerate(content_dir: Path, docs_dir: Path) -> DocsSync | None:
    """Convert the collection and write the docs; None (after printing why) on errors."""
    pages, diagnostics = convert_collection(content_dir)
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    if errors(diagnostics):
        print(f"{content_dir}: not regenerating {docs_dir}: errors above", file=sys.stderr)
        return None
    try:
        return write_docs(pages, docs_dir)
    except DocsError as error:
        print(error, file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.site.regenerate")
    parser.add_argument("content_dir", type=Path, nargs="?", default=Path("content"))
    parser.add_argument("docs_dir", type=Path, nargs="?", default=DOCS_DIR)
    args = parser.parse_args(argv)
    try:
        sync = regenerate(args.content_dir, args.docs_dir)
    except TableError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if sync is None:
        return 1
    print(
        f"{args.docs_dir}: {len(sync.written)} written, {len(sync.deleted)} deleted, "
        f"{sync.unchanged} unchanged"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
