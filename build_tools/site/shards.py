"""MkDocs over several cores: each process renders a share of the pages.

MkDocs renders pages one after the other in one process, and rendering (Python-Markdown,
then the theme's templates) is most of a build. :func:`build_site` therefore starts one
MkDocs build per share (``UNRES_JOBS``, by default one per core, one share per
:data:`PAGES_PER_SHARE` pages), each into its own staging folder. A build of every page
sees every page, so links and the language switcher resolve as in one build; the plugin,
told its share in its configuration (:class:`~build_tools.site.plugin.UnresConfig`), marks
with :func:`exclude_other_shares` (from ``on_files``) the pages of the other shares as
excluded, so each build renders its own share only. :func:`merge` then moves the shares'
pages into the first share's folder. What every share writes alike (theme assets, the 404
pages) must be byte-identical, or the build fails; only the sitemap differs, and the
post-build steps write it for the whole site (:mod:`build_tools.site.publish`).

A page's share depends only on its place among the sorted pages of its language, and a page
renders the same whichever process renders it: the site is the same, byte for byte, with one
share or several (``tests/test_shards.py`` builds both ways and compares).

A rebuild that renders only the changed pages (:mod:`build_tools.site.incremental`) uses the
same mechanism: the plugin excludes the pages it does not render (:func:`exclude_unlisted`),
and before that leaves out the pages those do not depend on (:func:`needed_pages`), so that
such a build, in one share or several, sees the pages it renders, what they link to, their
versions in the other languages and the navigation's pages, not every page.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from mkdocs.structure.files import File, InclusionLevel

from build_tools.parallel import JOBS_ENV, max_jobs

PAGES_PER_SHARE = 300
"""A share per this many pages at most: below it, a second process costs more than it saves."""
DIFFERING = frozenset({"sitemap.xml", "sitemap.xml.gz"})
"""Files every share writes, each its own: replaced after the merge by the post-build steps."""


class ShareError(Exception):
    """The shares disagree on a file that every one of them writes."""


def jobs(pages: int) -> int:
    """How many shares to render ``pages`` Markdown pages in (both languages together):
    ``UNRES_JOBS`` when set (:func:`build_tools.parallel.max_jobs`), else one per core and
    per :data:`PAGES_PER_SHARE` pages."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # the shares are forked processes
    if os.environ.get(JOBS_ENV, "").strip():
        return max_jobs()
    return max(1, min(max_jobs(), pages // PAGES_PER_SHARE))


def exclude_other_shares(files: Iterable[File], share: tuple[int, int]) -> int:
    """Mark the Markdown pages that are not in ``share`` as excluded; return how many."""
    index, count = share
    pages = sorted((f for f in files if f.is_documentation_page() and f.inclusion.value > InclusionLevel.DRAFT.value),
                   key=lambda f: f.src_uri)
    excluded = 0
    for position, file in enumerate(pages):
        if position % count != index:
            file.inclusion = InclusionLevel.EXCLUDED
            excluded += 1
    return excluded


def exclude_unlisted(files: Iterable[File], listed: frozenset[str]) -> int:
    """Mark the Markdown pages that ``listed`` does not name as excluded; return how many."""
    excluded = 0
    for file in files:
        if file.is_documentation_page() and file.src_uri not in listed:
            file.inclusion = InclusionLevel.EXCLUDED
            excluded += 1
    return excluded


MARKDOWN_TARGET = re.compile(r"""([^\s()<>\[\]"'`{}|]+?\.md)(?![\w.-])""")
"""Anything in a page's Markdown that may name another Markdown page: every link MkDocs
resolves to a page ends in ``.md`` (then perhaps ``#anchor``). It also matches text that
is no link; a page kept for nothing costs a little time, a link target left out would
turn the link into a warning."""


def needed_pages(files: Iterable[File], rendered: frozenset[str], languages: Iterable[str],
                 nav: Any) -> frozenset[str]:
    """The Markdown pages (``src_uri``) whose HTML in a build that renders only ``rendered``
    depends on: those pages, the pages their Markdown may link to, the navigation's pages
    (``nav``, as in mkdocs.yml) and every language's version of each of them (the language
    switcher links there). The HTML of a page depends on the other pages only through those:
    links resolve to their targets' URLs, the switcher to the page's versions, and the
    navigation lists its own pages. Any page ``files`` has not is dropped. Without a
    ``nav`` (None), MkDocs makes the navigation of every page, which then lists them all:
    every page is needed.

    A rebuild of a few pages gives MkDocs (and mkdocs-static-i18n, which remakes every file
    of every language's build) these pages only, not the whole collection: that work
    otherwise grows with the collection, not with the change."""
    languages = tuple(languages)
    pages = {file.src_uri: file for file in files if file.is_documentation_page()}
    if nav is None:
        return frozenset(pages)
    wanted: set[str] = set(rendered)
    for uri in rendered:
        file = pages.get(uri)
        if file is None or file.abs_src_path is None:
            continue
        folder = posixpath.dirname(uri)
        markdown = Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace")
        for match in MARKDOWN_TARGET.finditer(markdown):
            target = unquote(match.group(1))
            if not target.startswith("/") and "://" not in target:
                wanted.add(posixpath.normpath(posixpath.join(folder, target)))
    wanted.update(_nav_paths(nav))
    versions: set[str] = set()
    for uri in wanted:
        first, _, rest = uri.partition("/")
        plain = rest if first in languages and rest else uri
        versions.update([plain, *(f"{lang}/{plain}" for lang in languages)])
    return frozenset(uri for uri in wanted | versions if uri in pages)


def _nav_paths(nav: Any) -> Iterable[str]:
    """The paths a navigation (mkdocs.yml's ``nav``: strings, lists, ``{title: item}``) names."""
    if isinstance(nav, str):
        if "://" not in nav:
            yield posixpath.normpath(nav)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from _nav_paths(item)


def merge(shares: list[Path]) -> None:
    """Move every file of ``shares[1:]`` into ``shares[0]``; raise :class:`ShareError` when two
    shares wrote the same file differently (outside :data:`DIFFERING`)."""
    target = shares[0]
    for share in shares[1:]:
        for folder, _, names in os.walk(share):
            relative = Path(folder).relative_to(share)
            for name in sorted(names):
                source = Path(folder) / name
                destination = target / relative / name
                if not destination.exists():
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, destination)
                elif name not in DIFFERING and not _same(source, destination):
                    raise ShareError(
                        f"{(relative / name).as_posix()}: expected the same file from every MkDocs "
                        f"process, found two different ones (a page that depends on which process renders it)"
                    )
        shutil.rmtree(share)


def _same(first: Path, second: Path) -> bool:
    if first.stat().st_size != second.stat().st_size:
        return False
    return first.read_bytes() == second.read_bytes()
