"""Steps that run on the built site before it replaces the previous one.

Each step gets the staging folder MkDocs built into, the converter's pages and the
site's URL; it may add files (search index, exports, sitemap, feeds). A step that fails
raises :class:`~build_tools.site.build.SiteBuildError` or any exception, and the
previous site stays as it was. Register a step by adding it to :data:`STEPS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.pages import Page
from build_tools.site.publish import publish
from build_tools.site.search import write_search_index


@dataclass(frozen=True, slots=True)
class BuiltSite:
    root: Path
    """The staging folder holding the finished MkDocs output."""
    pages: tuple[Page, ...]
    site_url: str
    """Base URL of the deployment, ending in ``/``."""
    previous: Path | None = None
    """The site this build replaces, when some of its files may be reused."""
    reused_exports: frozenset[str] = frozenset()
    """Pages (``en/resolutions/x.md``) whose exports are taken from ``previous``: the same
    Markdown, made from the same document and code (:mod:`build_tools.site.incremental`)."""
    project: Path | None = None
    """The project being built, whose build cache a step may keep its per-page work in
    (None: no cache)."""


PostBuildStep = Callable[[BuiltSite], None]

STEPS: tuple[PostBuildStep, ...] = (
    publish,  # exports, collection archive, schema, feeds, robots.txt
    write_search_index,  # search/ and en/search/: one index per language
)
"""Run in order after every MkDocs build made by :func:`build_tools.site.build_site`."""


def run_post_build(site: BuiltSite, steps: Sequence[PostBuildStep] = STEPS) -> None:
    for step in steps:
        step(site)
