"""The built site as the post-build steps see it (:mod:`build_tools.site.postbuild`).

Its own module so that the steps (publish, search) and the list that runs them
(postbuild) both import it, and neither imports the other.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from build_tools.pages import Page


@dataclass(frozen=True, slots=True)
class BuiltSite:
    root: Path
    """Where the step writes its files: a folder of the steps' own whose files are moved
    into the staging folder after MkDocs has built into it. The steps run before MkDocs, or
    beside it when it renders a few pages in a rebuild
    (:func:`build_tools.site.build.beside_mkdocs`); a step never reads MkDocs' output: what
    it needs is in :attr:`pages`."""
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
    taken: tuple[str, ...] | None = None
    """The exports of :attr:`reused_exports` that :attr:`previous` holds
    (:func:`build_tools.site.publish.carried_exports`), when the build has looked for them
    already (a file test for each export of each page); None: the step looks for them."""


PostBuildStep = Callable[[BuiltSite], None]


class Handover:
    """The pages of a build, handed to :func:`build_tools.site.build_site` by a caller that
    keeps no other reference to them. The build lets go of them (:meth:`let_go`) once the
    last step that reads them is done: MkDocs renders from the docs folder, and at 5,000
    documents a language the pages and the document models behind them are about a
    gigabyte that every MkDocs process would otherwise hold or inherit."""

    __slots__ = ("_pages",)

    def __init__(self, pages: Iterable[Page]) -> None:
        self._pages: tuple[Page, ...] | None = tuple(pages)

    @property
    def pages(self) -> tuple[Page, ...]:
        if self._pages is None:
            raise RuntimeError("the build has let go of its pages")
        return self._pages

    def let_go(self) -> None:
        """Forget the pages and give the memory they held back to the system."""
        self._pages = None
        gc.collect()
        _trim_heap()


def _trim_heap() -> None:
    """Return the C heap's free memory to the system (glibc's ``malloc_trim``, found among
    the symbols the process has loaded): the pages' Markdown strings are allocated there,
    and freed memory otherwise stays with the process, where a forked process would
    inherit it. Nothing on other C libraries."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)
