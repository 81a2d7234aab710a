"""An Atom feed (RFC 4287) of documents, newest first."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One document page in the feed."""

    url: str
    """Absolute URL of the page; also the entry's id."""
    title: str
    summary: str
    updated: str
    """RFC 3339 time (``2024-11-04T00:00:00Z``): the document's date, else the build's."""
    category: str
    """The document kind (``resolution`` …)."""
    category_label: str
    published: str | None = None
    """RFC 3339 time of the document's date, when it has one."""
    alternates: tuple[tuple[str, str], ...] = ()
    """Other forms of the document as ``(media type, absolute URL)``."""


@dataclass(frozen=True, slots=True)
class Feed:
    lang: str
    title: str
    subtitle: str
    url: str
    """Absolute URL of the feed itself; also its id."""
    home: str
    """Absolute URL of the home page in the feed's language."""
    author: str
    updated: str
    """RFC 3339 time used when there are no entries."""


def atom_feed(feed: Feed, entries: Iterable[FeedEntry]) -> bytes:
    """The feed as UTF-8 XML; entries newest first, then by URL."""
    ordered = sorted(sorted(entries, key=lambda e: e.url), key=lambda e: e.updated, reverse=True)
    root = ET.Element(_tag("feed"), {"xmlns": ATOM_NAMESPACE, XML_LANG: feed.lang})
    _text(root, "id", feed.url)
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", ordered[0].updated if ordered else feed.updated)
    ET.SubElement(root, _tag("link"), {"rel": "self", "type": "application/atom+xml", "href": feed.url})
    ET.SubElement(root, _tag("link"), {"rel": "alternate", "type": "text/html", "href": feed.home})
    _text(ET.SubElement(root, _tag("author")), "name", feed.author)
    _text(root, "generator", "un-resolutions-site")
    for entry in ordered:
        _entry(root, entry)
    ET.indent(root)
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return declaration + body + b"\n"


def _entry(root: ET.Element, entry: FeedEntry) -> None:
    element = ET.SubElement(root, _tag("entry"))
    _text(element, "id", entry.url)
    _text(element, "title", entry.title)
    ET.SubElement(element, _tag("link"), {"rel": "alternate", "type": "text/html", "href": entry.url})
    for media_type, url in entry.alternates:
        ET.SubElement(element, _tag("link"), {"rel": "alternate", "type": media_type, "href": url})
    _text(element, "updated", entry.updated)
    if entry.published:
        _text(element, "published", entry.published)
    ET.SubElement(element, _tag("category"), {"term": entry.category, "label": entry.category_label})
    _text(element, "summary", entry.summary)


def _tag(name: str) -> str:
    """Unqualified: the root declares the Atom namespace as the default (``xmlns``)."""
    return name


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, _tag(name)).text = text
