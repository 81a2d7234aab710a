"""The contract between the converter and the site stage.

The converter (ingest -> parse -> annotate -> render) produces one :class:`Page` per
document and language; the site stage (:mod:`build_tools.site`, the only module that knows
MkDocs) writes them into a MkDocs docs folder, adds the home pages and builds the site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .model import Document, Relation
from .pickling import quick_pickle


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the home pages and indexes need to know about a document, per language."""

    slug: str
    """Folder name under ``content/resolutions/``; also the page's path."""
    symbol: str
    title: str
    kind: str
    """``draft-resolution`` | ``revised-draft-resolution`` | ``resolution``."""
    kind_label: str
    """``kind`` in the page's language (订正决议草案 / revised draft resolution)."""
    session: int | None
    committee: str | None
    """Committee name in the page's language, or None (plenary)."""
    agenda_item: str | None
    date: str | None
    """ISO date (``2024-11-04``) when known."""
    text_status: str
    """``official`` | ``unofficial-translation`` | ``missing``: the text shown in this language."""
    relations: tuple[Relation, ...] = ()
    """The document's life as the collection knows it (set by the collection stage:
    :func:`build_tools.life.lives`); empty before it."""


@dataclass(frozen=True, slots=True)
class Page:
    lang: str
    """``zh`` or ``en``."""
    path: str
    """Path inside the language's docs folder, e.g. ``resolutions/a-c-1-79-l-53-rev-1.md``."""
    markdown: str
    info: DocumentInfo | None = None
    """The document a document's page shows; None for the pages the collection stage
    generates (comparisons of versions, indexes: :mod:`build_tools.collection_pages`)."""
    document: Document | None = None
    """The document model whose text the page shows (set by :func:`build_tools.render.render`;
    its ``lang`` differs from the page's when the page's language has no text). The site
    stage exports it (JSON, Akoma Ntoso); pages made by hand may leave it out."""
    source: str | None = field(default=None, compare=False)
    """The conversion cache's key of the document folder the page was made from (content and
    code version: :func:`build_tools.cache.folder_key`), when the cache made or kept it; a
    rebuild reuses the page's exports when it and the page's Markdown are unchanged."""
    _digest: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def digest(self) -> str:
        """The SHA-256 of the page's Markdown (UTF-8), in hex: worked out once per page, for
        the stages that each need it (the collection stage's checks, the docs folder, the
        rebuild's state, the search index)."""
        found = self._digest
        if found is None:
            found = hashlib.sha256(self.markdown.encode("utf-8", "surrogatepass")).hexdigest()
            object.__setattr__(self, "_digest", found)
        return found


quick_pickle(DocumentInfo, Page)
