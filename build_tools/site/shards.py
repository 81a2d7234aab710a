"""MkDocs over several cores: each process renders a share of the pages.

MkDocs renders pages one after the other in one process, and rendering (Python-Markdown,
then the theme's templates) is most of a build. :func:`build_site` therefore starts one
MkDocs build per share (``UNRES_JOBS``, by default one per core, one share per
:data:`PAGES_PER_SHARE` pages), each into its own staging folder. Every build sees every
page, so links and the language switcher resolve as in one build; the plugin, told its share
in its configuration (:class:`~build_tools.site.plugin.UnresConfig`), marks with
:func:`exclude_other_shares` (from ``on_files``) the pages of the other shares
as excluded, so each build renders its own share only. :func:`merge` then moves the shares'
pages into the first share's folder. What every share writes alike (theme assets, the 404
pages) must be byte-identical, or the build fails; only the sitemap differs, and the
post-build steps write it for the whole site (:mod:`build_tools.site.publish`).

A page's share depends only on its place among the sorted pages of its language, and a page
renders the same whichever process renders it: the site is the same, byte for byte, with one
share or several (``tests/test_shards.py`` builds both ways and compares).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

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
