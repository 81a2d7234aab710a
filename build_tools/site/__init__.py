"""The site stage: MkDocs pages in both languages, home pages, the MkDocs build.

This is the only package of the project that knows MkDocs. It takes the converter's
:class:`build_tools.pages.Page` values and:

* :func:`write_docs` writes them into a MkDocs docs folder (``<lang>/<path>``, the
  mkdocs-static-i18n folder layout) with a home page per language, touching only files
  whose bytes changed and deleting stale ones;
* :func:`build_site` writes the docs into ``build/docs`` and runs MkDocs in-process into a
  staging folder that then replaces ``site/``; any warning fails a strict build
  (:class:`SiteBuildError`) and leaves the previous site as it was.

:mod:`build_tools.site.plugin` is the MkDocs plugin ``unres`` (``plugins:`` in mkdocs.yml, registered
by entry point in pyproject.toml).
"""

from __future__ import annotations

from build_tools.site.build import DOCS_DIR, SiteBuild, SiteBuildError, build_site
from build_tools.site.docs import DocsError, DocsSync, write_docs
from build_tools.site.home import home_page

__all__ = [
    "DOCS_DIR",
    "DocsError",
    "DocsSync",
    "SiteBuild",
    "SiteBuildError",
    "build_site",
    "home_page",
    "write_docs",
]
