"""Python-Markdown extension: leave out the inline patterns no page of the site can use.

Python-Markdown tries every inline pattern on every run of text, and at the size of a real
collection (hundreds of thousands of text runs) that is most of MkDocs' time. No page of
this site can contain images, e-mail autolinks or inline raw HTML:

* document text never does: the converter escapes every ``!``, ``[``, ``<``, ``>`` and
  ``&`` it writes (:func:`build_tools.dialect.escape`), and its own markup is links,
  emphasis, footnote references and character references;
* the collection stage's pages (comparisons, indexes, version lists) are made of the same
  markup, and the build checks them (:mod:`build_tools.collection_pages`);
* an editorial note with an image, raw HTML or a link that is not ``https:`` or an anchor
  of the document is an error (:mod:`build_tools.notes`).

So the patterns ``image_link``, ``image_reference``, ``short_image_ref``, ``automail``
and ``html`` are deregistered; all the others stay, among them code spans, reference links,
autolinks, hard line breaks and underscore emphasis that notes may use. Should a page ever
contain one of the dropped constructs, it shows as the characters written instead of an
image, a mail link or raw HTML. tests/test_lean.py renders every kind of page the build
writes with and without this extension and requires the same HTML.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]

UNUSED = ("image_link", "image_reference", "short_image_ref", "automail", "html")
"""Python-Markdown's names of the inline patterns taken out."""


class LeanExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        for name in UNUSED:
            md.inlinePatterns.deregister(name)


def makeExtension(**kwargs: Any) -> LeanExtension:
    return LeanExtension(**kwargs)
