"""The built site as the post-build steps see it (:mod:`build_tools.site.postbuild`).

Its own module so that the steps (publish, search) and the list that runs them
(postbuild) both import it, and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_tools.pages import Page


@dataclass(frozen=True, slots=True)
class BuiltSite:
    root: Path
    """Where the step writes its files: the staging folder, after MkDocs built into it; or,
    while MkDocs renders a few pages in a rebuild, a folder of the steps' own whose files
    are then moved into the staging folder (:func:`build_tools.site.build.beside_mkdocs`).
    A step never reads MkDocs' output: what it needs is in :attr:`pages`."""
    pages: tuple[Page, ...]
    site_url: str
    """Base URL of the deployment, ending in ``/``."""
    previous: Path | None = None
    """The site this build replaces, when some of its files may be reused."""
    reused_exports: frozenset[str] = frozenset()
    """Pages (``en/resolutions/x.md``) whose exports are taken from ``previous``: the same
    Markdown, made from the same document and code (:mod:`build_tools.site.incremental`)."""
    carried: bool = False
    """The build itself puts the exports of ``reused_exports`` into the next site
    (:func:`build_tools.site.publish.carried_exports`), beside the pages it takes from
    ``previous``: a step that runs while MkDocs renders leaves them out of its folder."""
    project: Path | None = None
    """The project being built, whose build cache a step may keep its per-page work in
    (None: no cache)."""


PostBuildStep = Callable[[BuiltSite], None]
