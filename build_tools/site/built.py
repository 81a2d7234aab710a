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
