"""Steps that run on the built site before it replaces the previous one.

Each step gets the folder to write into (:attr:`~build_tools.site.built.BuiltSite.root`),
the converter's pages and the site's URL; it may add files (search index, exports, sitemap,
feeds), and its files take the place of any MkDocs wrote (the sitemap). It reads the pages,
never MkDocs' output: the steps run before MkDocs (a build of every page, which then lets
go of the pages) or while it renders (a rebuild of a few pages). A step that fails
raises :class:`~build_tools.site.build.SiteBuildError` or any exception, and the
previous site stays as it was. Register a step by adding it to :data:`STEPS`.
"""

from __future__ import annotations

from collections.abc import Sequence

from build_tools.site.built import BuiltSite, PostBuildStep
from build_tools.site.publish import publish
from build_tools.site.search import write_search_index

STEPS: tuple[PostBuildStep, ...] = (
    publish,  # exports, collection archive, schema, feeds, robots.txt
    write_search_index,  # search/ and en/search/: one index per language
)
"""Run in order after every MkDocs build made by :func:`build_tools.site.build_site`."""


def run_post_build(site: BuiltSite, steps: Sequence[PostBuildStep] = STEPS) -> None:
    for step in steps:
        step(site)
