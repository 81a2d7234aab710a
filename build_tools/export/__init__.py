"""Exports of the document model in standard formats, for reuse outside the site.

* :mod:`~build_tools.export.model_json`: the document model as JSON, described by the JSON
  Schema in ``build_tools/data/schema/document.schema.json``;
* :mod:`~build_tools.export.akn`: Akoma Ntoso 3.0 XML after the UN's profile (AKN4UN), with
  FRBR identifiers from :mod:`~build_tools.export.frbr`;
* :mod:`~build_tools.export.feed`: an Atom feed of documents by date;
* :mod:`~build_tools.export.archive`: byte-reproducible ZIP archives;
* :mod:`~build_tools.export.describe`: one-line descriptions of a document from its metadata.

Every function here is pure (values in, bytes or strings out) and nothing here knows
MkDocs: the site stage (:mod:`build_tools.site.publish`) decides where the files go.
"""

from __future__ import annotations

from build_tools.export.akn import AKN_NAMESPACE, to_akn
from build_tools.export.archive import reproducible_zip
from build_tools.export.describe import describe
from build_tools.export.feed import Feed, FeedEntry, atom_feed
from build_tools.export.model_json import SCHEMA_FILE, document_json, dumps

__all__ = [
    "AKN_NAMESPACE",
    "SCHEMA_FILE",
    "Feed",
    "FeedEntry",
    "atom_feed",
    "describe",
    "document_json",
    "dumps",
    "reproducible_zip",
    "to_akn",
]
