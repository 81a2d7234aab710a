"""Build tools: turn UN resolution texts in ``content/`` into a bilingual MkDocs site.

Pipeline (each stage a pure function from one frozen value to the next)::

    read -> ingest -> parse -> annotate -> render -> site (MkDocs) -> verify

Only :mod:`build_tools.site` knows MkDocs.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
