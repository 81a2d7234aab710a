"""Editor's notes as the page renders them: what Python-Markdown makes of all of a page's notes.

The line and token checks of :mod:`build_tools.notes` read one note at a time, with
markdown-it. The page is rendered by Python-Markdown, which reads every note of the page
as one text: a link in one note may take its address from a link definition in another
(``[the source][evil]`` under ``## pp1``, ``> [evil]: javascript:…`` under ``## pp2``), and
definitions may stand in quotes and list items. So the notes of a page are also rendered
together, as they land on the page (:func:`rendered_problems`), with the Markdown
extensions the site uses, and the HTML that comes out is held to an allow-list: the tags of
the safe subset, their harmless attributes, and links only to ``https:`` addresses or to
paragraphs of the page.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]

EXTENSIONS = ("attr_list", "def_list", "footnotes", "admonition", "tables", "sane_lists", "toc")
"""The Markdown extensions of ``mkdocs.yml`` that change what a note's Markdown becomes
(the site's own ``build_tools.site`` extensions only add comparison marks and leave inline
patterns out); ``tests/test_notes.py`` holds the two lists together."""

NOTE_CLASS = "admonition un-note"
ALLOWED: dict[str, frozenset[str]] = {
    **{tag: frozenset() for tag in ("em", "strong", "code", "ul", "li", "blockquote", "hr", "br", "pre",
                                    "dl", "dt", "dd", "table", "thead", "tbody", "tr")},
    "div": frozenset({"class"}),
    "p": frozenset({"class"}),
    "a": frozenset({"href", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style", "align"}),
    "td": frozenset({"style", "align"}),
}
"""Tags a note may render to, with the attributes each may have."""
_CLASSES = frozenset({NOTE_CLASS, "admonition-title"})
_ALIGN = re.compile(r"text-align: (?:left|right|center);|left|right|center")


@dataclass(frozen=True, slots=True)
class Rendered:
    """Something in the rendered notes outside the allow-list."""

    note: int
    """Index of the note (in the order given) it is in."""
    kind: str
    """``link`` (an address that is neither ``https:`` nor a paragraph of the page) or ``html``."""
    found: str


class _Walker(HTMLParser):
    def __init__(self, anchors: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors = anchors
        self.note = -1
        self.found: list[Rendered] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div" and values.get("class") == NOTE_CLASS:
            self.note += 1
        allowed = ALLOWED.get(tag)
        if allowed is None:
            self.found.append(Rendered(max(self.note, 0), "html", f"<{tag}>"))
            return
        for name, value in attrs:
            if name not in allowed or not _harmless(tag, name, value or "", self.anchors):
                kind = "link" if name == "href" else "html"
                self.found.append(Rendered(max(self.note, 0), kind, value or "" if kind == "link" else
                                           f"<{tag} {name}={value!r}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _harmless(tag: str, name: str, value: str, anchors: Collection[str]) -> bool:
    if name == "href":
        return safe_note_link(value, anchors)
    if name == "class":
        return value in _CLASSES
    if name in ("style", "align"):
        return bool(_ALIGN.fullmatch(value))
    if name == "start":
        return value.isdigit()
    return True  # a link's title is text


def safe_note_link(href: str, anchors: Collection[str]) -> bool:
    """Whether a note may link to ``href``: an ``https:`` address or ``#anchor`` of the page."""
    if href.startswith("#"):
        return href[1:] in anchors
    return href.startswith("https://") and len(href) > len("https://") and not any(c.isspace() for c in href)


def rendered_problems(notes_markdown: str, anchors: Collection[str]) -> list[Rendered]:
    """What the page's notes (their Markdown as the page holds it, in order) render to that
    is outside the allow-list; empty when every tag, attribute and link is safe."""
    html = markdown.markdown(notes_markdown, extensions=list(EXTENSIONS))
    walker = _Walker(anchors)
    walker.feed(html)
    walker.close()
    return walker.found
