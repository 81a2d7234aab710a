"""Build tools: turn UN resolution texts in ``content/`` into a bilingual MkDocs site.

Pipeline (each stage a pure function from one frozen value to the next)::

    per document (build_tools.collection.convert_file, cached by content):
        read -> ingest -> [second reading of a PDF, conservation] -> parse (with the
             folder's meta.yml) -> annotate -> [conservation of the model]
    per document folder (build_tools.collection):
        render (both languages) -> verify (markdown-it-py)
    whole collection:
        collection pages (cites, versions, indexes; checked) -> post-build steps (exports,
        search indexes: they read the pages) -> site (MkDocs, from the docs folder; in a
        rebuild of a few pages the steps run beside it)

The README's "How it works" names the module of each stage. Only :mod:`build_tools.site`
knows MkDocs.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
