"""Visible permalinks on UN paragraphs: ``<p id="pp1" class="un-pp">`` gets a ``¶`` link.

Headings get theirs from the ``toc`` extension; paragraphs have none in Python-Markdown, so
the link is added to the rendered HTML of each page (see :mod:`build_tools.site.plugin`).
"""

from __future__ import annotations

import html
import re

from build_tools.labels import label

PARAGRAPH_CLASSES = ("un-pp", "un-op")

_PARAGRAPH = re.compile(r"<p\b(?P<attrs>[^>]*)>(?P<body>.*?)</p>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s(?P<name>[\w-]+)="(?P<value>[^"]*)"')


def add_permalinks(page_html: str, lang: str) -> str:
    """Append a permalink to every UN paragraph (class ``un-pp``/``un-op``) that has an id."""
    title = html.escape(label("permalink", lang))

    def link(match: re.Match[str]) -> str:
        attributes = {m["name"]: m["value"] for m in _ATTRIBUTE.finditer(match["attrs"])}
        classes = attributes.get("class", "").split()
        anchor = attributes.get("id")
        if not anchor or not any(name in classes for name in PARAGRAPH_CLASSES):
            return match.group(0)
        permalink = (
            f'<a class="un-permalink" href="#{anchor}" title="{title}" '
            f'aria-label="{title} ({anchor})">¶</a>'
        )
        return f"<p{match['attrs']}>{match['body']}{permalink}</p>"

    return _PARAGRAPH.sub(link, page_html)
